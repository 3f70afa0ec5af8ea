"""``graphkit_abbreviations``: long form + acronym pairs in both directions, and every later use of a
defined acronym (Schwartz-Hearst)."""

from __future__ import annotations

import bisect
import re
from itertools import compress, count

from spacy.lang.lex_attrs import is_punct
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.extract.candidates import _PAIRS_KEY, Candidate, _candidates
from graphkit.extract.rules import cues
from graphkit.extract.tokens import (
    _BREAK,
    _YEAR,
    _sentence_starts,
    doc_text,
    span_text,
    token_lows,
    token_offsets,
    token_texts,
)


def find_long_form(short: str, window: str) -> int | None:
    """Schwartz–Hearst: the start offset in ``window`` of the long form that ``short`` abbreviates.

    Every letter and digit of the short form must appear in order in the long form, the first one
    at the start of a word.

    >>> window = "we introduce the multimodal information bottleneck"
    >>> window[find_long_form("MIB", window):]
    'multimodal information bottleneck'
    >>> find_long_form("XYZ", window) is None
    True
    """
    s_index = len(short) - 1
    l_index = len(window) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            window[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and window[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = max(window.rfind(" ", 0, l_index + 1) + 1, 0)
    return start


#: a digit that counts a repeated letter rather than spelling one ("AS2" = A S S, "M3" = M M M)
_COUNT_DIGIT = re.compile(r"(?<=[A-Za-z])[2-9](?![0-9])")

_SHORT_FORM = re.compile(r"^(?=[^\s]*[A-Z])[\w$^{}\-+./&]{2,20}$")


def _is_short_form(text: str) -> bool:
    if not _SHORT_FORM.match(text) or text in cues.NON_ENTITY_NAMES:
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or _YEAR.match(text):
        return False
    # an acronym is mostly capitals: "MIB", "GNNs", "rPPG", "DA-Campus", not "Transformer"
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 or (upper >= 1 and len(letters) <= 3)


def _acronym_uses(short_text: str, text: str) -> list[tuple[int, int]]:
    """Character spans of ``short_text`` as a whole word in ``text``, with an optional plural "s"/"es".

    >>> _acronym_uses("MIB", "MIB and MIBs, not MIBx or E-MIB")
    [(0, 3), (8, 12)]
    """
    found = []
    size = len(short_text)
    at = text.find(short_text)
    while at >= 0:
        end = at + size
        if at == 0 or not _glues(text[at - 1]):
            for suffix in ("", "s", "es"):
                if text.startswith(suffix, end) and (
                    end + len(suffix) == len(text) or not _glues(text[end + len(suffix)])
                ):
                    found.append((at, end + len(suffix)))
                    break
        at = text.find(short_text, end)
    return found


def _glues(char: str) -> bool:
    """A character that continues a word: a letter, digit, "_" or "-"."""
    return char.isalnum() or char in "_-"


class AbbreviationDetector:
    """Finds "long form (ACR)" and "ACR (long form)" pairs and every later use of each acronym.

    Writes ``doc._.graphkit_abbreviations`` as a list of ``(long Span, short Span)`` and adds
    candidates with rules ``abbreviation:long``, ``abbreviation:short`` and ``abbreviation:use``.
    """

    def __init__(self, nlp: Language, name: str, max_inner_tokens: int = 12, max_acronyms: int = 64):
        self.name = name
        self.max_inner_tokens = max_inner_tokens
        self.max_acronyms = max_acronyms  # bounds the work on hostile text that defines thousands

    def __call__(self, doc: Doc) -> Doc:
        pairs: list[tuple[Span, Span]] = []
        cands = _candidates(doc)
        n = len(doc)
        toks, _ = token_texts(doc)
        starts = set(_sentence_starts(doc))
        for i in compress(count(), map("(".__eq__, toks)):
            close = None
            for j in range(i + 1, min(n, i + 2 + self.max_inner_tokens)):
                text = toks[j]
                if text == ")":
                    close = j
                    break
                if text in {"(", ";"} or j in starts:
                    break
            if close is None or close == i + 1:
                continue
            pair = self._pair_short_inside(doc, i, close) or self._pair_short_before(doc, i, close)
            if pair:
                pairs.append(pair)
        doc.user_data[_PAIRS_KEY] = pairs  # what ``doc._.graphkit_abbreviations = pairs`` stores, without an Underscore
        if not pairs:
            return doc
        defined: dict[str, tuple[Span, Span]] = {}
        for long, short in pairs:
            cands.append(Candidate(long.start, long.end, "abbreviation:long", priority=3))
            cands.append(Candidate(short.start, short.end, "abbreviation:short", priority=3))
            defined.setdefault(span_text(doc, short.start, short.end), (long, short))
        taken = {(s.start_char, s.end_char) for pair in pairs for s in pair}
        text = doc_text(doc)
        for short_text in list(defined)[: self.max_acronyms]:
            for match_start, match_end in _acronym_uses(short_text, text):
                if (match_start, match_end) in taken:
                    continue
                span = doc.char_span(match_start, match_end, alignment_mode="strict")
                if span is None:
                    span = doc.char_span(match_start, match_end, alignment_mode="contract")
                if span is None or not len(span):
                    continue
                cands.append(Candidate(span.start, span.end, "abbreviation:use", priority=2))
        return doc

    def _pair_short_inside(self, doc: Doc, open_i: int, close: int) -> tuple[Span, Span] | None:
        """ "long form (ACR)": the short form inside the brackets."""
        short_text = span_text(doc, open_i + 1, close)
        if " " in short_text.strip() or not _is_short_form(short_text):
            return None
        letters = sum(c.isalnum() for c in short_text)
        starts = _sentence_starts(doc)
        sent_start = starts[max(bisect.bisect_right(starts, open_i) - 1, 0)]
        max_words = min(letters + 5, letters * 2)
        first = open_i
        words = 0
        toks = token_texts(doc)[0]
        while first > sent_start and words < max_words:
            prev = toks[first - 1]
            if prev in {"(", ")", ";", ":", ".", ",", "[", "]"}:
                break
            first -= 1
            if not is_punct(prev):  # the lexical attribute behind ``Token.is_punct``
                words += 1
        if first == open_i:
            return None
        window = span_text(doc, first, open_i)
        offset = find_long_form(short_text, window)
        if offset is None and _COUNT_DIGIT.search(short_text):
            offset = find_long_form(_COUNT_DIGIT.sub("", short_text), window)  # "Answer Sentence Selection (AS2)"
        if offset is None:
            return None
        window_start = token_offsets(doc)[first]
        long = doc.char_span(window_start + offset, window_start + len(window), alignment_mode="expand")
        if long is None:
            return None
        long_text = span_text(doc, long.start, long.end)
        if long_text.lower() == short_text.lower() or len(long_text) <= len(short_text):
            return None
        lows = token_lows(doc)
        start = long.start
        while long.end - start > 1 and lows[start] in {"the", "a", "an", "our", "this"}:  # stop words, all
            start += 1
        return (doc[start : long.end] if start > long.start else long), doc[open_i + 1 : close]

    def _pair_short_before(self, doc: Doc, open_i: int, close: int) -> tuple[Span, Span] | None:
        """ "ACR (long form)": the short form right before the brackets."""
        inner_text = span_text(doc, open_i + 1, close)
        if open_i == 0 or " " not in inner_text or close - open_i - 1 > self.max_inner_tokens:
            return None
        # the short form is the glued word before "("
        toks, spaced = token_texts(doc)
        start = open_i - 1
        while start > 0 and not spaced[start - 1] and toks[start - 1] not in _BREAK:
            start -= 1
        short_text = span_text(doc, start, open_i)
        if not _is_short_form(short_text):
            return None
        offset = find_long_form(short_text, inner_text)
        if offset is None or offset > len(inner_text.split()[0]) + 1:
            return None
        return doc[open_i + 1 : close], doc[start:open_i]


@Language.factory(
    "graphkit_abbreviations",
    assigns=["doc._.graphkit_abbreviations", "doc._.graphkit_candidates"],
    default_config={"max_inner_tokens": 12, "max_acronyms": 64},
)
def make_abbreviations(nlp: Language, name: str, max_inner_tokens: int, max_acronyms: int) -> AbbreviationDetector:
    return AbbreviationDetector(nlp, name, max_inner_tokens, max_acronyms)
