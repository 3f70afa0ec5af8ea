"""The tokenizer and the token arrays every extraction component reads.

:func:`blank_english` is the tokenizer of graphkit's blank-English pipeline (importable with spaCy
alone: a process that only tokenizes does not load the components and their word lists);
:class:`TextKeepingTokenizer` keeps the doc's text. The rest reads a doc's tokens in bulk, once per
doc (``token_texts``, ``token_lows``, ``token_offsets``, ``sentence_words``, ``sentence_bounds``,
``span_text``), and classifies a word's shape (:func:`word_shape`): building a spaCy ``Token``
per token is what made the components slow.

>>> [t.text for t in blank_english()("We fine-tune LLaVA-7B.")]
['We', 'fine', '-', 'tune', 'LLaVA-7B', '.']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import add, is_, itemgetter, methodcaller, or_

import numpy
import spacy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.extract.rules import cues, load_patterns


def blank_english() -> Language:
    """Blank English whose tokenizer also splits a sentence-final "." off names ending in a digit
    and letter ("PSA-Det3D.", "LLaVA-7B.")."""
    nlp = spacy.blank("en")
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[0-9][A-Za-z])\.", r"(?<=[0-9][A-Z][a-z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    return nlp


# --------------------------------------------------------------------------- words
_BREAK = frozenset(",;:()[]{}\"“”‘’!?")
_VERSION = re.compile(r"^(?:v\d+(?:\.\d+)*|V\d+|\d{1,4}|\d+(?:\.\d+)*[BMK]?)$")
_ROMAN = re.compile(r"^[IVX]+$")
_ROMAN_LETTERS = frozenset("IVX")
_NOT_A_NAME = re.compile(r"://|^www\.|\.(?:com|org|io|net|html?)\b|github|^\\|[{}@]|^\$")
_QUANTITY = re.compile(r"^[\d.,]+[KMBkmb]?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$|^'?\d\d$")


#: ``doc.user_data`` key of the doc's text (kept by :class:`TextKeepingTokenizer`, else joined from the tokens)
TEXT_KEY = "graphkit_text"


class TextKeepingTokenizer:
    """``nlp.tokenizer`` that keeps each doc's text in ``doc.user_data[TEXT_KEY]``; the rest is the
    wrapped tokenizer's.

    ``Doc.text`` builds a Token per token on every access, and joining the token texts costs
    more than keeping the text the doc was made from.
    """

    def __init__(self, tokenizer):
        object.__setattr__(self, "tokenizer", tokenizer)

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        return map(self, texts)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self.tokenizer, name, value)

    def __reduce__(self):
        return (TextKeepingTokenizer, (self.tokenizer,))


def token_texts(doc: Doc) -> tuple[list[str], list[bool]]:
    """Token texts and trailing-space flags, read in bulk (iterating a Doc builds a Token per step)."""
    cached = doc.user_data.get("graphkit_tokens")
    if cached is None:
        if len(doc):
            orths, spaces, offsets = doc.to_array([ORTH, SPACY, IDX]).T.tolist()
            facts = _through_cache(_TOKEN_FACTS, functools.partial(_token_facts, doc.vocab.strings), orths, 300_000)
            cached = (list(map(itemgetter(0), facts)), spaces)  # spaces: 1/0, read as flags
        else:
            cached, offsets, facts = ([], []), [], []
        doc.user_data["graphkit_tokens"] = cached
        doc.user_data["graphkit_offsets"] = offsets
        doc.user_data["graphkit_token_facts"] = facts
    return cached


#: orth id -> the token's text and its :func:`_word_facts`: one lookup per token (the table is large, and
#: its lookups wait on memory) gives the text and, for the many one-token words, what the components ask of a word
_TOKEN_FACTS: dict[int, tuple[str, str, str, bool]] = {}


def _token_facts(strings, orth: int) -> tuple[str, str, str, bool]:
    text = strings[orth]
    return (text, *_word_facts(text))


def _through_cache(cache: dict, compute, keys: list, limit: int) -> list:
    """``[compute(key) for key in keys]`` read from a plain dict cache, in one C-level pass when every
    key is known (an ``lru_cache`` call costs more than the lookup); ``compute`` never returns None."""
    values = list(map(cache.get, keys))
    if None in values:
        if len(cache) > limit:
            cache.clear()  # bounded memory over a long run
        get = cache.get
        for i in compress(count(), map(is_, values, repeat(None))):  # only the misses, found in C
            key = keys[i]
            value = get(key)
            if value is None:
                value = cache[key] = compute(key)
            values[i] = value
    return values


def token_lows(doc: Doc) -> list[str]:
    """Each token's text in lower case (from its facts, read with :func:`token_texts`), once per doc."""
    lows = doc.user_data.get("graphkit_lows")
    if lows is None:
        token_texts(doc)
        lows = doc.user_data["graphkit_lows"] = list(map(itemgetter(2), doc.user_data["graphkit_token_facts"]))
    return lows


def token_offsets(doc: Doc) -> list[int]:
    """Each token's character offset (``Token.idx``), read in bulk with :func:`token_texts`."""
    offsets = doc.user_data.get("graphkit_offsets")
    if offsets is None:
        doc.user_data.pop("graphkit_tokens", None)
        token_texts(doc)
        offsets = doc.user_data["graphkit_offsets"]
    return offsets


_TRAILING_SPACE = ("", " ")  # by the 0/1 space flag


def doc_text(doc: Doc) -> str:
    """``doc.text`` from the bulk token arrays (``Doc.text`` walks every Token on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        toks, spaced = token_texts(doc)
        text = doc.user_data[TEXT_KEY] = "".join(map(add, toks, map(_TRAILING_SPACE.__getitem__, spaced)))
    return text


@dataclass(slots=True)
class SentenceWords:
    """A sentence split into glued words, with each word's text and shape (computed once per doc)."""

    start: int
    end: int
    words: list[tuple[int, int]]
    texts: list[str]
    shapes: list[str]
    lows: list[str]
    task_heads: list[bool]  # words that can end a task phrase


def sentence_words(doc: Doc) -> list[SentenceWords]:
    """Every sentence's words; cached on the doc because several components read them.

    Texts, shapes and lower-case forms are computed once for the whole doc and sliced per
    sentence (words never cross a sentence end).
    """
    cached = doc.user_data.get("graphkit_words")
    if cached is None:
        toks, spaced = token_texts(doc)
        starts = _sentence_starts(doc)
        ends = starts[1:] + [len(toks)]
        all_words, glued = _words(toks, *_token_codes(toks, spaced, ends))
        word_starts = list(map(itemgetter(0), all_words))
        texts = list(map(toks.__getitem__, word_starts))
        facts = list(map(doc.user_data["graphkit_token_facts"].__getitem__, word_starts))  # a one-token word's
        for s, e in glued:
            k = bisect.bisect_left(word_starts, s)
            text = texts[k] = "".join(toks[s:e])
            facts[k] = (text, *_glued_word_facts(text))
        shapes = list(map(itemgetter(1), facts))
        lows = list(map(itemgetter(2), facts))
        task_heads = list(map(itemgetter(3), facts))
        common = cues.COMMON_WORDS
        cached = []
        k = 0
        for a, b in zip(starts, ends):
            first = k
            k = bisect.bisect_left(word_starts, b, first)
            sentence_shapes = shapes[first:k]
            if first < k and sentence_shapes[0] == "title" and word_starts[first] == a and lows[first] in common:
                sentence_shapes[0] = "lower"  # an ordinary word capitalised to open the sentence
            cached.append(
                SentenceWords(
                    a, b, all_words[first:k], texts[first:k], sentence_shapes, lows[first:k], task_heads[first:k]
                )
            )
        doc.user_data["graphkit_words"] = cached
    return cached


_STRIP_END = frozenset({".", "-", "/", "'s", "’s"})
_STRIP_START = frozenset({"-", "/", "."})


#: one letter per token: "B" breaks words (list punctuation, white space, a spaced "."), "W" ends
#: a word (a token followed by a space), "w" and "d" (an unspaced ".") glue to the next token
_CODE_OF_SPACE_FLAG = bytes.maketrans(b"\x00\x01", b"wW")
#: tokens whose code is not just their space flag, or that a word never ends with
_SPECIAL_TOKENS = _BREAK | _STRIP_END


def _token_codes(toks: list[str], spaced: list, sentence_ends: list[int]) -> tuple[list[str], list[int]]:
    """The code letters of all tokens (a word never runs over a sentence end), and where the
    tokens of ``_STRIP_END`` are.

    The per-token work is done by ``bytes.translate``, ``map`` and ``compress`` in C; only the
    few special tokens are looked at in Python.
    """
    codes = list(bytes(spaced).translate(_CODE_OF_SPACE_FLAG).decode("ascii"))
    strip_positions = []
    special = _SPECIAL_TOKENS
    for i in compress(count(), map(or_, map(special.__contains__, toks), map(str.isspace, toks))):
        text = toks[i]
        if text == ".":
            codes[i] = "B" if spaced[i] else "d"
            strip_positions.append(i)
        elif text in _BREAK or text.isspace():  # spaCy keeps white space in tokens of its own
            codes[i] = "B"
        else:
            strip_positions.append(i)
    for end in sentence_ends:
        last = codes[end - 1] if end else "B"
        if last == "d":
            codes[end - 1] = "B"  # a sentence-final "." is not part of the word
        elif last == "w":
            codes[end - 1] = "W"
    return codes, strip_positions


#: a token ending a run of glued tokens ("Det3D" in "PSA-Det3D "), marked "X": a "W" after "w" or "d"
#: (two ``str.replace`` passes do what ``re.sub(r"(?<=[wd])W", "X")`` does, without a lookbehind at every letter)
_RUN_END = (("wW", "wX"), ("dW", "dX"))
#: a lone token glued only to list punctuation ("model" in "model,"), a word of its own, marked "V"
_LONE_BEFORE_BREAK = re.compile(r"(?<![wd])w(?=B|$)")
#: runs of two or more glued tokens, once lone words are marked
_GLUED_RUN = re.compile(r"[wd]+X?")
_SINGLE_WORD = frozenset("WV").__contains__
_SPAN = methodcaller("span")
_NAME_OR_TITLE = frozenset({"name", "title"}).__contains__
_NEXT = (1).__add__


def _words(
    toks: list[str], codes: list[str], strip_positions: list[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Split tokens into glued words: tokens not separated by white space or list punctuation.

    "PSA-Det3D", "CNN/Daily", "USL-VI-ReID" are one word each; a sentence-final "." is dropped.
    Single-token words (nearly all of them) are picked out in C from the code letters; only the
    runs of glued tokens go through a Python loop. Returns all words, and the glued ones.
    """
    strip_end = _STRIP_END
    marked = "".join(codes)
    for run_end, marked_end in _RUN_END:
        marked = marked.replace(run_end, marked_end)
    marked = _LONE_BEFORE_BREAK.sub("V", marked)
    singles = list(marked)
    for i in strip_positions:
        singles[i] = "x"  # "-", "/", "'s" and "." are never words of their own
    starts = list(compress(count(), map(_SINGLE_WORD, singles)))
    words = list(zip(starts, map(_NEXT, starts)))
    glued = []
    for run_start, run_end in map(_SPAN, _GLUED_RUN.finditer(marked)):
        if run_end - run_start == 1:
            continue  # a lone unspaced "." before punctuation
        pieces = (
            _split_adjective_suffix(toks, run_start, run_end)
            if "-" in toks[run_start + 1 : run_end - 1]
            else ((run_start, run_end),)
        )
        for s, e in pieces:
            # trailing "." / "-" inside a glued word ("ImageNet." before a newline) are not part of it
            while e > s and toks[e - 1] in strip_end:
                e -= 1
            while e > s and toks[s] in _STRIP_START:
                s += 1
            if e > s:
                glued.append((s, e))
    if glued:
        words += glued
        words.sort()
    return words, glued


def _split_adjective_suffix(toks: list[str], s: int, e: int) -> tuple[tuple[int, int], ...]:
    """ "GNN-based" -> "GNN" + "based": the name before an adjective-forming suffix is its own word."""
    for i in range(s + 1, e - 1):
        if toks[i] == "-" and toks[i + 1].lower() in cues.ADJECTIVE_SUFFIXES and not "".join(toks[s:i]).islower():
            return (s, i), (i + 1, e)
    return ((s, e),)


def _word_facts(text: str) -> tuple[str, str, bool]:
    """What the components ask of every word: its shape, its lower-case form (the text itself when
    already lower case), and whether it can end a task phrase: a task head ("detection") or a
    hyphenated word ending in one ("relation-extraction"), but not a failure ("over-generalization")."""
    low = text.lower()
    if low == text:
        low = text  # one string object: set and dict probes then match by identity
    heads = cues.TASK_HEADS
    ends_task = low in heads or (
        "-" in low and low.rsplit("-", 1)[-1] in heads and not low.startswith(_EXCESS_PREFIXES)
    )
    return word_shape(text), low, ends_task


#: :func:`_word_facts` of glued words ("BERT-based", "CNN/DailyMail"), by text
_glued_word_facts = functools.lru_cache(maxsize=100_000)(_word_facts)


#: words glued by a missing space or a dash ("frWe" = "from. We", "dialects—Egyptian")
_RUN_ON = re.compile(
    r"^[a-z]{2,}(?:We|The|This|In|Our|It|These|However)$|[A-Za-z][—–][A-Za-z]|[\w%)]\.[A-Z][a-z]{2,}|→|->|[a-z]â\W*[A-Z]|,(?:19|20)\d\d|^(?:F1|F-?score|F-?measure)[-_]?[a-z]|^Top-\d|^\d+(?:\.\d+)?[KMGT]i?B$|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]|^(?:[dlnjmcst]|qu)[’'][A-Z]"
)
#: CEFR proficiency levels ("A1" ... "C2")
_CEFR_LEVEL = re.compile(r"^[ABC][12]$")
#: Scottish and Irish surnames look like CamelCase
_SURNAME = re.compile(r"^(?:Mac|Mc|O')[A-Z][a-z]+$")
#: endings of adjectives that make "NAME-adjective" a description ("IR-axiomatic"), not a name
_ADJECTIVE_ENDINGS = ("ic", "al", "ive", "ous", "ful", "less", "able", "ible")


@functools.lru_cache(maxsize=10_000)
def _venue_edition(text: str) -> bool:
    """ "COLING2025-CoMeDi", "SemEval 2021 Task 2": a known venue acronym and its year open the name."""
    words = text.split(" ", 2)
    hosted = [word.rsplit("@", 1)[1] for word in words if "@" in word]
    if hosted:  # "StressIdent LT-EDI@EACL2024": a workshop at a conference
        words = hosted
    match = _VENUE_YEAR.match(words[0])
    if match:
        return match.group(1) in _venue_acronyms()
    return len(words) > 1 and _YEAR.match(words[1]) is not None and words[0] in _venue_acronyms()


_VENUE_YEAR = re.compile(r"^([A-Za-z]+)-?(?:19|20)?\d\d(?:$|[-@])")


@functools.cache
def _venue_acronyms() -> frozenset[str]:
    return frozenset(row["pattern"] for row in load_patterns() if row["label"] == "VENUE" and " " not in row["pattern"])


#: a hyphenated word with one of these prefixes names a failure, not a task ("over-generalization")
_EXCESS_PREFIXES = ("over-", "under-")


@functools.lru_cache(maxsize=200_000)
def word_shape(text: str) -> str:
    """Classify a word's spelling: "name" (acronym, CamelCase, letters+digits), "title", "lower", "other".

    >>> [word_shape(w) for w in ["SemanticMAC", "LSTM", "ResNet-50", "Mamba", "fusion", "3D", ","]]
    ['name', 'name', 'name', 'title', 'lower', 'other', 'other']
    """
    if text.isascii() and text.isalpha():  # most words: the same answers as below, sooner
        if text in cues.NON_ENTITY_NAMES:
            return "other"
        if text.islower():
            return "other" if "github" in text else "lower"
        if text.istitle() and not text.startswith(("Fscore", "Fmeasure")):  # those two: see _RUN_ON
            return "other" if text in _ROMAN_LETTERS else "title"
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "other"
    if "@" in text and _venue_edition(text):
        return "name"  # "LT-EDI@EACL2024": a workshop at a conference
    if text in cues.NON_ENTITY_NAMES or _ROMAN.match(text) or _NOT_A_NAME.search(text) or _RUN_ON.search(text):
        return "other"
    if text.count("(") != text.count(")") or text.endswith("-"):
        return (
            "other"  # "ABSA)has": a missing space glued a bracket and the next word; "BERT-" of "BERT- and ELMo-based"
        )
    if "/" in text and any(part in cues.NON_ENTITY_NAMES for part in text.split("/")):
        return "other"  # "Hindi/English", "AI/ML"
    if _SURNAME.match(text):
        return "title"  # "MacCartney", "McDonald": a person's name, not CamelCase
    if _CEFR_LEVEL.match(text):
        return "other"  # "A1", "B2": language proficiency levels
    parts = [p for p in text.split("-") if p]
    if len(parts) > 1 and any(p in cues.NON_ENTITY_NAMES and p not in cues.LANGUAGE_NAMES for p in parts) and all(
        p in cues.NON_ENTITY_NAMES or p.islower() for p in parts
    ):
        return "other"  # "human-AI", "AI-native": ordinary words and non-names ("English-German" stays a task modifier)
    if len(parts) > 1 and all(p.isalpha() and (p.islower() or p.istitle()) for p in parts):
        # "Cross-Modal", "Single-Cell", "anti-spoofing": hyphenated ordinary words
        return "title" if parts[0].istitle() else "lower"
    if len(parts) > 1 and parts[-1].islower() and parts[-1].endswith(_ADJECTIVE_ENDINGS) and len(parts[-1]) > 4:
        return "other"  # "IR-axiomatic", "BERT-specific": an adjective, not a name
    if text[:4].lower() == "non-":
        return "other"  # "non-BERT", "non-NLP": the negation of a name is none
    upper = sum(c.isupper() for c in letters)
    if upper == 0:
        return "lower"
    if _QUANTITY.match(text) or (len(letters) <= 2 and upper < 2 and not text[0].isupper()):
        return "other"  # "1.6M", "dA"
    if len(letters) == 1 and not any(c.isdigit() for c in text):
        return "title" if text[0].isupper() else "other"
    if upper == 1 and letters[0].isupper() and text[0].isupper() and not any(c.isdigit() for c in text):
        return "title"
    if len(letters) < 2 and not any(c.isdigit() for c in text):
        return "other"
    return "name"


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` from the bulk token arrays (``Span.text`` builds a Token per token)."""
    if end <= start:
        return ""
    toks, spaced = token_texts(doc)
    if end - start == 1:
        return toks[start]
    return (
        "".join([t + " " if sp else t for t, sp in zip(toks[start : end - 1], spaced[start : end - 1])]) + toks[end - 1]
    )


def _on_word_boundaries(doc: Doc, start: int, end: int) -> bool:
    """Whether a token span starts and ends where glued words do (white space or list punctuation)."""
    toks, spaced = token_texts(doc)
    if start > 0 and not spaced[start - 1] and toks[start - 1] not in _BREAK and toks[start] not in _BREAK:
        return False
    if end < len(toks) and not spaced[end - 1] and toks[end] not in _BREAK and toks[end] not in {".", "'s", "’s"}:
        return False
    return True


def _sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start, computed once per doc (``Span.sent`` is linear per call)."""
    starts = doc.user_data.get("graphkit_sentence_starts")
    if starts is None:
        if not len(doc) or not doc.has_annotation("SENT_START"):
            starts = [0]
        elif "sents" in doc.user_hooks:
            starts = [s.start for s in doc.sents]
        else:  # what ``Doc.sents`` does, without building a Span per sentence
            flags = doc.to_array([SENT_START])
            starts = [0] + (numpy.flatnonzero(flags[1:] == 1) + 1).tolist()
        doc.user_data["graphkit_sentence_starts"] = starts
    return starts


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token start and end of the sentence holding token ``i``, in logarithmic time."""
    starts = _sentence_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return starts[max(k, 0)], end


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``, in logarithmic time."""
    start, end = sentence_bounds(doc, i)
    return doc[start:end]
