"""The spaCy components of the extraction pipeline, registered as factories.

Order in the pipeline (see :func:`graphkit.extract.pipeline.build_nlp`):

``graphkit_abbreviations``
    long form + acronym pairs, both directions ("multimodal information bottleneck (MIB)",
    "MIB (multimodal information bottleneck)"), and every later use of a defined acronym.
``graphkit_lexicon``
    known methods, datasets, tasks and venues from the pattern files in ``patterns/``.
``graphkit_names``
    name-shaped words and capitalised phrases ("SemanticMAC", "PSA-Det3D", "Affective Perceiver")
    and task noun phrases ("multimodal sentiment analysis").
``graphkit_context``
    context patterns: "we propose X", "termed X", "on the X dataset", "datasets such as A, B and C",
    "X shared task", "at CVPR 2023".
``graphkit_classifier``
    decides METHOD / DATASET / TASK / VENUE / nothing for every candidate, resolves overlaps, and
    writes the result to ``doc.spans["graphkit"]`` (label = kind, ``kb_id_`` = rule, ``id_`` = lexicon id),
    and the same mentions as :class:`Mention` tuples to ``doc.user_data["graphkit_mentions"]``.

Every component only reads the tokens and sentences, so a trained pipeline's parser or senter
placed before them decides the sentences.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import add, is_, itemgetter, methodcaller, or_
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import is_punct
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from graphkit.extract import cues

__all__ = [
    "Candidate",
    "AbbreviationDetector",
    "NameCandidates",
    "ContextPatterns",
    "CandidateClassifier",
    "SPANS_KEY",
    "LEXICON_KEY",
    "KINDS",
    "find_long_form",
    "sentence_of",
]

#: ``doc.spans`` key of the final, classified mentions
SPANS_KEY = "graphkit"
#: ``doc.spans`` key the span rulers write to
LEXICON_KEY = "graphkit_lexicon"
#: span labels of the classified mentions, in :data:`graphkit.model.ENTITY_KINDS` order
KINDS = ("METHOD", "DATASET", "TASK", "VENUE")

for _name in ("graphkit_abbreviations", "graphkit_candidates", "graphkit_sentence_starts", "graphkit_words"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(slots=True)
class Candidate:
    """A token span that may be an entity: where it came from and what is known of it."""

    start: int
    end: int
    rule: str
    kind: str | None = None  # decided by a lexicon or a context pattern; None = classifier decides
    ident: str = ""  # lexicon id
    priority: int = 0  # higher wins an overlap of equal length


def abbreviation_pairs(doc: Doc) -> list:
    """``doc._.graphkit_abbreviations``, read from ``doc.user_data`` (every ``doc._`` access builds an object)."""
    pairs = doc.user_data.get(_PAIRS_KEY)
    return pairs if pairs is not None else (doc._.graphkit_abbreviations or [])


#: where spaCy keeps the value of ``doc._.graphkit_abbreviations``
_PAIRS_KEY = ("._.", "graphkit_abbreviations", None, None)


class Mention(NamedTuple):
    """A classified mention, read like a ``Span`` of ``doc.spans["graphkit"]`` (start, end, label_, kb_id_, id_)."""

    start: int
    end: int
    label_: str
    kb_id_: str
    id_: str


#: ``doc.user_data`` key of the lexicon matches as :class:`Mention` tuples
LEXICON_MATCHES_KEY = "graphkit_lexicon_matches"
#: ``doc.user_data`` key of the classifier's mentions as :class:`Mention` tuples
MENTIONS_KEY = "graphkit_mentions"


def _candidates(doc: Doc) -> list[Candidate]:
    # scratch state lives in ``doc.user_data``: every ``doc._`` access builds an Underscore object
    cands = doc.user_data.get("graphkit_candidates")
    if cands is None:
        cands = doc.user_data["graphkit_candidates"] = []
    return cands


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
            cached.append(SentenceWords(a, b, all_words[first:k], texts[first:k], sentence_shapes, lows[first:k], task_heads[first:k]))
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


def _words(toks: list[str], codes: list[str], strip_positions: list[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
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
    for s, e in map(_SPAN, _GLUED_RUN.finditer(marked)):
        if e - s == 1:
            continue  # a lone unspaced "." before punctuation
        for s, e in _split_adjective_suffix(toks, s, e) if "-" in toks[s + 1 : e - 1] else ((s, e),):
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
    ends_task = low in heads or ("-" in low and low.rsplit("-", 1)[-1] in heads and not low.startswith(_EXCESS_PREFIXES))
    return word_shape(text), low, ends_task


#: :func:`_word_facts` of glued words ("BERT-based", "CNN/DailyMail"), by text
_glued_word_facts = functools.lru_cache(maxsize=100_000)(_word_facts)


#: words glued by a missing space or a dash ("frWe" = "from. We", "dialects—Egyptian")
_RUN_ON = re.compile(r"^[a-z]{2,}(?:We|The|This|In|Our|It|These|However)$|[A-Za-z][—–][A-Za-z]|[\w%)]\.[A-Z][a-z]{2,}|→|->|[a-z]â\W*[A-Z]|,(?:19|20)\d\d|^(?:F1|F-?score|F-?measure)[-_]?[a-z]|^Top-\d|^\d+(?:\.\d+)?[KMGT]i?B$|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]|^(?:[dlnjmcst]|qu)[’'][A-Z]")
#: CEFR proficiency levels ("A1" ... "C2")
_CEFR_LEVEL = re.compile(r"^[ABC][12]$")
#: Scottish and Irish surnames look like CamelCase
_SURNAME = re.compile(r"^(?:Mac|Mc|O')[A-Z][a-z]+$")
#: endings of adjectives that make "NAME-adjective" a description ("IR-axiomatic"), not a name
_ADJECTIVE_ENDINGS = ("ic", "al", "ive", "ous", "ful", "less", "able", "ible")


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
        return "other"  # "ABSA)has": a missing space glued a bracket and the next word; "BERT-" of "BERT- and ELMo-based"
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


# --------------------------------------------------------------------------- sentences
class FastSentencizer(Sentencizer):
    """spaCy's rule-based ``Sentencizer`` with the same rule, read from the bulk token texts.

    The stock ``predict`` builds a Token object for every token; this one reads the token
    strings once (and leaves them cached for the later components), so the sentences are
    identical at a fraction of the cost.
    """

    def predict(self, docs):
        guesses = []
        punct_chars = self.punct_chars
        for doc in docs:
            toks = token_texts(doc)[0]
            n = len(toks)
            doc_guesses = [False] * n
            starts = [0] if toks else []
            if toks:
                doc_guesses[0] = True
                resume = 0
                # only the tokens after a sentence-final mark can open a sentence
                for i in list(compress(count(), map(punct_chars.__contains__, toks))):
                    if i < resume:
                        continue
                    j = i + 1
                    while j < n and (toks[j] in punct_chars or is_punct(toks[j])):
                        j += 1
                    if j < n:
                        doc_guesses[j] = True
                        starts.append(j)
                    resume = j
            if not doc.has_annotation("SENT_START"):  # these will be the doc's sentences: keep them
                doc.user_data["graphkit_sentence_starts"] = starts
            guesses.append(doc_guesses)
        return guesses


@Language.factory(
    "graphkit_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": None, "overwrite": False},
)
def make_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool) -> FastSentencizer:
    return FastSentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


# --------------------------------------------------------------------------- lexicon
class LexiconMatcher:
    """Known names from the pattern files: short names matched as written ("CLIP" is not "clip")
    and phrases in any case.

    One ``PhraseMatcher`` on LOWER finds both; a match of a short name counts only where the
    tokens are written as in one of its patterns. Writes ``doc.spans[spans_key]`` like two stacked
    ``span_ruler`` components did (the exact matches, then the case-folded ones, each deduplicated
    and sorted), and the same matches as :class:`Mention` tuples in ``doc.user_data`` for the
    classifier.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str):
        self.name = name
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._labels: dict[int, tuple] = {}  # match id -> (label, lexicon id, sort key)
        #: match id -> token texts of its patterns matched as written, and of its phrases in any case
        #: (lower-cased; None when the id has no pattern matched as written, so any match is one)
        self._exact: dict[int, set[tuple[str, ...]]] = {}
        self._folded: dict[int, set[tuple[str, ...]] | None] = {}
        self._tokenizer = nlp.tokenizer

    def add_patterns(self, rows: list[dict], case_sensitive) -> None:
        """Add ``{"label", "pattern", "id"}`` rows; ``case_sensitive(pattern)`` says which are matched as written."""
        groups: dict[tuple[str, str, bool], list[str]] = {}
        for row in rows:
            groups.setdefault((row["label"], row["id"], bool(case_sensitive(row["pattern"]))), []).append(row["pattern"])
        unique = list(dict.fromkeys(row["pattern"] for row in rows))
        # spaCy's tokenizer caches only ``max_cache_size`` (10,000) text chunks, first come first kept:
        # the patterns must not take the places of the abstracts' words
        cache_size, self._tokenizer.max_cache_size = self._tokenizer.max_cache_size, 0
        try:
            docs = dict(zip(unique, self._tokenizer.pipe(unique)))  # one pass: thousands of one-call pipes cost more
        finally:
            self._tokenizer.max_cache_size = cache_size
        vocab = self.matcher.vocab
        strings = vocab.strings
        folded: dict[int, set[tuple[str, ...]]] = {}
        # ``PhraseMatcher.add`` makes a lexeme of each match key, computing every lexical attribute
        # with spaCy's Python getters; a key like "('METHOD', 'bert')" is never a token, so it gets none
        getters, vocab.lex_attr_getters = vocab.lex_attr_getters, {}
        try:
            for (label, ident, exact), texts in groups.items():
                key = repr((label, ident))
                match_id = strings.add(key)
                # (label, id) and the order spaCy sorts Spans by (label hash, then id hash)
                self._labels[match_id] = (label, ident, (strings.add(label), strings.add(ident)))
                words = [tuple(token.text for token in docs[text]) for text in texts]
                if exact:
                    self._exact.setdefault(match_id, set()).update(words)
                else:
                    folded.setdefault(match_id, set()).update(tuple(w.lower() for w in ws) for ws in words)
                self.matcher.add(key, [docs[text] for text in texts])
        finally:
            vocab.lex_attr_getters = getters
        self._folded = {match_id: (folded.get(match_id) if match_id in self._exact else None) for match_id in folded}

    def __call__(self, doc: Doc) -> Doc:
        labels, exact_words, folded_words = self._labels, self._exact, self._folded
        toks = token_texts(doc)[0]
        exact: set[tuple] = set()
        folded: set[tuple] = set()
        for match_id, start, end in self.matcher(doc):
            if start == end:
                continue
            found = (start, end, labels[match_id][2], match_id)
            if match_id in folded_words:
                phrases = folded_words[match_id]
                if phrases is None or tuple(map(str.lower, toks[start:end])) in phrases:
                    folded.add(found)
            if match_id in exact_words and tuple(toks[start:end]) in exact_words[match_id]:
                exact.add(found)
        matches = [Mention(start, end, labels[key][0], "lexicon", labels[key][1])
                   for found in (exact, folded) for start, end, _, key in sorted(found)]
        doc.spans[self.spans_key] = [Span(doc, m.start, m.end, label=m.label_, span_id=m.id_) for m in matches]
        doc.user_data[LEXICON_MATCHES_KEY] = matches  # the same, read by the classifier without the string store
        return doc


@Language.factory("graphkit_lexicon", assigns=["doc.spans"], default_config={"spans_key": LEXICON_KEY})
def make_lexicon(nlp: Language, name: str, spans_key: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name, spans_key)


# --------------------------------------------------------------------------- abbreviations
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
                if text.startswith(suffix, end) and (end + len(suffix) == len(text) or not _glues(text[end + len(suffix)])):
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


# --------------------------------------------------------------------------- names and task phrases
class NameCandidates:
    """Name-shaped words and capitalised phrases, and task noun phrases, as candidates.

    A name chunk is a run of words where at least one is name-shaped (acronym, CamelCase,
    letters with digits) or at least two are capitalised, with "of/for/and/via" allowed inside
    ("Mixture of Invariant Experts"). A task phrase is a run of modifiers ending in a task head
    ("multimodal sentiment analysis", "3D object detection").
    """

    def __init__(self, nlp: Language, name: str, max_name_words: int, max_task_modifiers: int):
        self.name = name
        self.max_name_words = max_name_words
        self.max_task_modifiers = max_task_modifiers

    def __call__(self, doc: Doc) -> Doc:
        cands = _candidates(doc)
        for sent in sentence_words(doc):
            self._names(doc, sent, sent.words, sent.shapes, cands)
            self._tasks(doc, sent, sent.words, sent.shapes, cands)
        return doc

    def _names(self, doc, sent, words, shapes, cands) -> None:
        n = len(words)
        resume = 0
        for i in compress(count(), map(_NAME_OR_TITLE, shapes)):
            if i < resume:
                continue  # inside the chunk just taken
            j = i
            names = titles = 0
            last_good = i
            while j < n and j - i < self.max_name_words:
                shape = shapes[j]
                text = sent.texts[j]
                if text in cues.NON_NAME_PHRASE_WORDS:
                    names = -99
                    break
                if shape == "name":
                    names += 1
                    last_good = j
                elif shape == "title":
                    titles += 1
                    last_good = j
                elif j > i and (
                    (text in cues.NAME_CONNECTORS and j + 1 < n and shapes[j + 1] in {"name", "title"})
                    or (_VERSION.match(text) and words[j][0] == words[j - 1][1] + 0)
                ):
                    if _VERSION.match(text):
                        last_good = j
                else:
                    break
                # a connector must be glued by white space only, never across punctuation
                if j + 1 < n and words[j + 1][0] != words[j][1]:
                    break
                j += 1
            first = i
            if words[i][0] == sent.start and shapes[i] == "title" and sent.texts[i].lower() in cues.COMMON_WORDS:
                first = i + 1  # "Current TTS ...": an ordinary word capitalised to open the sentence
                titles -= 1
            while first <= last_good and sent.texts[first] in cues.NAME_CONNECTORS:
                first += 1
            if first <= last_good and names >= 0:
                self._add_name(sent, words, shapes, first, last_good, cands)
            resume = max(j, i + 1)

    @staticmethod
    def _add_name(sent, words, shapes, first, last, cands) -> None:
        """Add a name chunk; "A and B" is split in two unless a head shows one name ("Ranking and Calibration Framework")."""
        if first == last:  # one word, the usual chunk: a name-shaped word is a candidate, a capitalised one is not
            if shapes[first] == "name":
                cands.append(Candidate(words[first][0], words[first][1], "shape:name", priority=1))
            return
        texts = sent.texts[first : last + 1]
        last_low = texts[-1].lower()
        keeps_and = last_low in cues.METHOD_HEADS or last_low in cues.DATASET_HEADS or last_low in cues.VENUE_HEADS
        pieces = []
        start = first
        for k in range(first, last + 1):
            if texts[k - first] == "and" and (
                not keeps_and or shapes[k - 1] == "name" or texts[k - 1 - first].endswith("s")
            ):
                pieces.append((start, k - 1))
                start = k + 1
        pieces.append((start, last))
        for a, b in pieces:
            if a > b:
                continue
            sub_names = sum(1 for k in range(a, b + 1) if shapes[k] == "name")
            sub_titles = sum(1 for k in range(a, b + 1) if shapes[k] == "title")
            if sub_names > 0 or sub_titles >= 2:
                cands.append(Candidate(words[a][0], words[b][1], "shape:name" if sub_names else "shape:title", priority=1))

    def _tasks(self, doc, sent, words, shapes, cands) -> None:
        n = len(words)
        lows = sent.lows
        for k in list(compress(count(), sent.task_heads)):
            head = lows[k]
            if shapes[k] == "name":
                continue
            s, e = words[k]
            if k + 1 < n and words[k + 1][0] == e:
                nxt = lows[k + 1]
                if nxt in ("from", "to") and head.endswith("ing"):
                    continue  # "stemming from", "leading to": a participle, not a task
                if nxt in cues.TASK_SOLVER_HEADS:
                    if shapes[k] != "lower":
                        continue  # "Empathetic Response Generation System": a method's name
                elif nxt in cues.METHOD_HEADS or nxt in cues.DATASET_HEADS or nxt in cues.NON_TASK_PHRASE_HEADS:
                    continue  # "segmentation module", "detection dataset": a part or data of a method
            first = k
            while first > 0 and k - first < self.max_task_modifiers:
                ps, pe = words[first - 1]
                if pe != words[first][0]:  # punctuation between
                    break
                if (shapes[first - 1] == "other" and not _DIMENSION.match(sent.texts[first - 1])) or not _is_task_modifier(sent.texts[first - 1]):
                    if first < k and sent.lows[first - 1] in cues.DEGREE_WORDS:
                        first += 1  # "high quality segmentation": "quality" belongs to "high"
                    break
                first -= 1
            while first < k and lows[first] in cues.ADJECTIVE_SUFFIXES:
                first += 1  # "driven" left of "Emotion-driven" after the split
            if first == k:
                continue
            rule = "shape:task_phrase"
            if k - first < 2 and (head in cues.GENERIC_TASK_HEADS or lows[first].endswith("-based")):
                # "feature extraction", "path-based classification": too generic with one modifier,
                # unless the context names it a task ("tackle X", "A, X and B" beside a task)
                rule = "shape:task_weak"
            cands.append(Candidate(words[first][0], e, rule, kind="TASK", priority=1))


@Language.factory(
    "graphkit_names",
    assigns=["doc._.graphkit_candidates"],
    default_config={"max_name_words": 8, "max_task_modifiers": 5},
)
def make_names(nlp: Language, name: str, max_name_words: int, max_task_modifiers: int) -> NameCandidates:
    return NameCandidates(nlp, name, max_name_words, max_task_modifiers)


#: "two-stage", "3-step", "multi-phase": how a method runs, not what task it addresses
_PROCESS_STEPS = re.compile(r"^(?:\d+|one|two|three|four|five|six|single)-(?:stage|step|phase|pass|round)s?$|^multi-(?:stage|phase|pass|round)s?$")


def _task_head(low: str) -> bool:
    if low in cues.TASK_HEADS or low.endswith(cues.TASK_SUFFIXES):
        return True
    return low.rsplit("-", 1)[-1] in cues.TASK_HEADS and not low.startswith(_EXCESS_PREFIXES)


_EXCESS_PREFIXES = ("over-", "under-")


#: "2D", "3D": dimensions open task names ("3D object detection") though they are not words
_DIMENSION = re.compile(r"^[1-4]D$")


#: "BERT-based", "LLM-generated", "CLIP-guided": a name made an adjective says how, not which task
_NAMED_ADJECTIVE = re.compile(r"^(?=[^-]*[A-Z][^-]*[A-Z0-9])[^-]+-(?:%s)$" % "|".join(map(re.escape, sorted(cues.ADJECTIVE_SUFFIXES))))


_MULTIPLIER = re.compile(r"^\d+(?:\.\d+)?[x×]$")


@functools.lru_cache(maxsize=100_000)
def _is_task_modifier(text: str) -> bool:
    low = text.lower()
    if _DIMENSION.match(text):
        return True
    return not (
        low in cues.STOP
        or _NAMED_ADJECTIVE.match(text) is not None  # "DeBERTa-based textual entailment" is textual entailment
        or _venue_edition(text)  # "WMT24 low-resource translation": the venue, not the task
        or _MULTIPLIER.match(text) is not None  # "1.79x average compression"
        or low in cues.NON_TASK_MODIFIERS
        or (low.endswith("ly") and not low.endswith("aly") and low not in cues.LY_NOUNS)  # adverbs, not "anomaly"
        or low in cues.PROPOSE_VERBS
        or low in cues.VERBS
        or low in cues.EVALUATIVE_ADJECTIVES
        or low in cues.TASK_PHRASE_STOPPERS
        or (low in cues.METHOD_HEADS and low.endswith("s"))  # "methods lack ... clustering"
        or _PROCESS_STEPS.match(low) is not None  # "four-stage post-training enhancement"
        or low.endswith(cues.QUALIFIER_SUFFIXES)
        or not any(c.isalpha() for c in low)
        or word_shape(text) == "other"
    )


def _extend_task_left(doc: Doc, start: int, max_words: int = 3) -> int:
    """Start of the task phrase that adds modifiers in front of ``doc[start]`` ("inductive" + "relation prediction")."""
    starts = _sentence_starts(doc)
    sent_start = starts[max(bisect.bisect_right(starts, start) - 1, 0)]
    toks, spaced = token_texts(doc)
    words = 0
    taken = [start]
    while start > sent_start and words < max_words:
        # one glued word to the left ("utterance-level", "3D")
        end = start
        first = end - 1
        if not spaced[first]:
            break  # punctuation glued to the phrase
        while first > sent_start and not spaced[first - 1] and toks[first - 1] not in _BREAK:
            first -= 1
        text = "".join(toks[first:end])
        if any(ch in _BREAK for ch in text) or not _is_task_modifier(text):
            if words and text.lower() in cues.DEGREE_WORDS:
                return taken[-2]  # "high quality POS tagging": "quality" belongs to "high"
            break
        start = first
        taken.append(start)
        words += 1
    return start


_LIST_GLUE = frozenset({",", "and", "or", ";", "as", "well"})


def _keep_supported_weak_tasks(toks: list[str], cands: list[Candidate]) -> list[Candidate]:
    """Keep a weak task phrase ("hit screening") only where the text names it a task.

    Support is a task cue around it ("tackle X", "focus on X", "the task of X", "X tasks") or a
    coordinated task: "hit screening, molecular property prediction, and molecule optimization".
    """
    weak = [c for c in cands if c.rule == "shape:task_weak"]
    if not weak:
        return cands
    strong = [c for c in cands if c.kind == "TASK" and c.rule != "shape:task_weak"]
    ends = {c.end for c in strong}
    starts = {c.start for c in strong}
    supported: set[int] = set()
    changed = True
    while changed:  # support spreads along a list of weak phrases
        changed = False
        for number, cand in enumerate(weak):
            if number in supported:
                continue
            if _task_cue(toks, cand.start, cand.end) or _coordinated(toks, cand, ends, starts):
                supported.add(number)
                ends.add(cand.end)
                starts.add(cand.start)
                changed = True
    dropped = {id(c) for number, c in enumerate(weak) if number not in supported}
    return [c for c in cands if id(c) not in dropped]


def _task_cue(toks: list[str], start: int, end: int) -> bool:
    before = [t.lower() for t in toks[max(0, start - 2) : start]]
    if before[-1:] and before[-1] in cues.TASK_CONTEXT_BEFORE:
        return True
    if len(before) == 2 and (
        (before[1] == "on" and before[0] in cues.TASK_CONTEXT_BEFORE_ON)
        or (before[1] == "of" and before[0] in cues.TASK_CONTEXT_AFTER)
        or (before[1] == "for" and (before[0] in cues.METHOD_HEADS or before[0] in cues.TOOL_WORDS))  # "a tool for X"
    ):
        return True
    after = toks[end : end + 3]
    # "X tasks", "X and Y tasks"
    return bool(after) and after[0].lower() in cues.TASK_CONTEXT_AFTER


def _coordinated(toks: list[str], cand: Candidate, ends: set[int], starts: set[int]) -> bool:
    """Whether a task phrase sits next to ``cand`` in a list ("A, B and C")."""
    i = cand.start
    glue = 0
    while i > 0 and toks[i - 1].lower() in _LIST_GLUE and glue < 3:
        i -= 1
        glue += 1
    if glue and i in ends:
        return True
    j = cand.end
    glue = 0
    while j < len(toks) and toks[j].lower() in _LIST_GLUE and glue < 3:
        j += 1
        glue += 1
    return bool(glue) and j in starts


def _cited(doc: Doc, start: int, end: int) -> bool:
    """A person cited by name: "Khoo (2017)", "Chiang et al.", "Henderson & McCready"."""
    toks = token_texts(doc)[0]
    after = toks[end : end + 2]
    if len(after) == 2 and after[0] == "(" and _YEAR.match(after[1]):
        return True
    if len(after) >= 1 and after[0] in {"et", "&"}:
        return True
    return start > 0 and toks[start - 1] == "&"


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` from the bulk token arrays (``Span.text`` builds a Token per token)."""
    if end <= start:
        return ""
    toks, spaced = token_texts(doc)
    if end - start == 1:
        return toks[start]
    return "".join([t + " " if sp else t for t, sp in zip(toks[start : end - 1], spaced[start : end - 1])]) + toks[end - 1]


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


# --------------------------------------------------------------------------- context patterns
_VENUE_TRIGGERS = frozenset({"shared", "challenge", "workshop", "competition", "track"})
#: the only words the context rules start from
_CONTEXT_TRIGGERS = (cues.DATASET_HEADS | _VENUE_TRIGGERS | cues.NAMING_WORDS).__contains__


class ContextPatterns:
    """Context rules that name a candidate's kind from the words around it.

    - ``context:on_the_X_dataset``: "on the X dataset/benchmark/corpus" -> DATASET X
    - ``context:dataset_list``: "datasets such as A, B and C", "benchmarks: A, B, C",
      "experiments on A and B datasets" -> DATASET for each name
    - ``context:shared_task``: "X shared task", "X Challenge", "Workshop on X" -> VENUE
    - ``context:venue_year``: a known venue followed by a year ("CVPR 2023", "ACM MM 25") -> VENUE
    - ``context:termed``: "termed/dubbed/called X" -> the name X (kind from its head, else METHOD)
    - ``context:propose``: "we propose X" where X is name-shaped -> METHOD unless its head says otherwise
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cands = _candidates(doc)
        for sent in sentence_words(doc):
            words, texts, shapes, lows = sent.words, sent.texts, sent.shapes, sent.lows
            n = len(words)
            for k in list(compress(count(), map(_CONTEXT_TRIGGERS, lows))):
                low = lows[k]
                # on the X dataset / X benchmark
                if low in cues.DATASET_HEADS and k > 0:
                    first = k
                    while first > 0 and k - first < 5 and words[first - 1][1] == words[first][0] and (
                        shapes[first - 1] in {"name", "title"}
                        or (first > 1 and _VERSION.match(texts[first - 1]) and shapes[first - 2] in {"name", "title"})
                    ):
                        first -= 1
                    if first == k:
                        # "the KITTI 3D detection benchmark": a name, then lower-case words, then the head
                        probe = k - 1
                        while probe > 0 and k - probe < 4 and shapes[probe] in {"lower", "other"} and lows[probe] not in cues.STOP and words[probe - 1][1] == words[probe][0]:
                            probe -= 1
                        if probe < k - 1 and shapes[probe] == "name" and (probe == 0 or lows[probe - 1] in {"the", "on", "of"}):
                            cands.append(Candidate(words[probe][0], words[k][1], "context:on_the_X_dataset", kind="DATASET", priority=2))
                    # "dataset VIST", "the benchmark MER-Bench": a name right after a singular head
                    if k + 1 < n and not low.endswith("s") and shapes[k + 1] == "name" and words[k + 1][0] == words[k][1]:
                        cands.append(Candidate(words[k + 1][0], words[k + 1][1], "context:dataset_X", kind="DATASET", priority=2))
                    if first < k and not (first == 0 and words[0][0] == sent.start and k - first == 1 and shapes[0] == "title"):
                        # "Penn Treebank", "WhAP Corpus": a capitalised head belongs to the name
                        end = words[k][1] if texts[k][:1].isupper() else words[k - 1][1]
                        cands.append(Candidate(words[first][0], end, "context:on_the_X_dataset", kind="DATASET", priority=2))
                    self._list(doc, words, texts, shapes, k, cands)
                elif low in _VENUE_TRIGGERS:
                    self._venue(doc, sent, words, texts, shapes, k, cands)
                elif low in cues.NAMING_WORDS and k + 1 < n and shapes[k + 1] in {"name", "title"}:
                    j = k + 1
                    while j + 1 < n and j - k < 6 and shapes[j + 1] in {"name", "title"} and words[j + 1][0] == words[j][1]:
                        j += 1
                    cands.append(Candidate(words[k + 1][0], words[j][1], "context:termed", priority=1))
        return doc

    def _list(self, doc, words, texts, shapes, k, cands) -> None:
        """Names listed right after (or right before) a dataset head word."""
        n = len(words)
        # after: "datasets such as A, B and C" / "benchmarks (A, B, C)" / "datasets: A, B"
        j = k + 1
        if j < n and texts[j].lower() in {"such", "including", "namely", "like", "e.g.", "i.e."}:
            j += 2 if texts[j].lower() == "such" else 1
        elif j < n and words[j][0] > words[k][1] and doc[words[k][1]].text in {":", "(", ","} and shapes[j] == "name":
            pass
        else:
            j = n  # no list after
        self._collect_list(doc, words, texts, shapes, j, cands, forward=True)
        # before: "on A, B and C datasets"
        self._collect_list(doc, words, texts, shapes, k - 1, cands, forward=False)

    def _collect_list(self, doc, words, texts, shapes, j, cands, forward: bool) -> None:
        n = len(words)
        step = 1 if forward else -1
        seen_items = 0
        while 0 <= j < n and seen_items < 8:
            if texts[j].lower() in {"and", "or", "the"}:
                j += step
                continue
            if shapes[j] not in {"name", "title"}:
                break
            # one list item: a run of name/title/version words
            a = b = j
            while abs(b - a) < 6 and 0 <= b + step < n and (
                shapes[b + step] in {"name", "title"} or _VERSION.match(texts[b + step])
            ) and (words[b + step][0] == words[b][1] if forward else words[b][0] == words[b + step][1]):
                b += step
            lo, hi = (a, b) if forward else (b, a)
            cands.append(Candidate(words[lo][0], words[hi][1], "context:dataset_list", kind="DATASET", priority=2))
            seen_items += 1
            j = b + step
            if not forward and seen_items == 1 and not (0 <= j < n and texts[j].lower() in {"and", "or"} or (0 <= j < n and words[j][1] != words[j + 1][0])):
                break

    def _venue(self, doc, sent, words, texts, shapes, k, cands) -> None:
        low = texts[k].lower()
        n = len(words)
        if low == "shared":
            task_at = k + 1
            # "WMT21 shared news translation task": a few lower-case words may name the task in between
            while task_at < n and task_at - k <= 3 and shapes[task_at] == "lower" and not texts[task_at].startswith("task"):
                task_at += 1
            if task_at < n and texts[task_at].lower().startswith("task") and k > 0 and (
                shapes[k - 1] in {"name", "title"} or _VERSION.match(texts[k - 1]) or _ROMAN.match(texts[k - 1])
            ):
                first = k - 1
                while first > 0 and k - first < 8 and (
                    shapes[first - 1] in {"name", "title"} or _VERSION.match(texts[first - 1]) or _ROMAN.match(texts[first - 1])
                ):
                    first -= 1
                last = task_at
                if last + 1 < n and texts[last + 1].isdigit() and len(texts[last + 1]) <= 2:
                    last += 1  # "SIGMORPHON 2020 shared task 1"
                # "... Shared Task on Multilingual Coreference Resolution"
                if last + 2 < n and texts[last + 1] == "on" and shapes[last + 2] == "title":
                    last += 2
                    while last + 1 < n and last - k < 10 and shapes[last + 1] == "title":
                        last += 1
                if shapes[first] in {"name", "title"}:
                    cands.append(Candidate(words[first][0], words[last][1], "context:shared_task", kind="VENUE", priority=2))
                # "SemEval 2023 shared task: AfriSenti"
                after = words[task_at][1]
                if after < len(doc) and doc[after].text == ":" and task_at + 1 < n and shapes[task_at + 1] == "name":
                    cands.append(Candidate(words[task_at + 1][0], words[task_at + 1][1], "context:shared_task", kind="VENUE", priority=2))
            return
        if shapes[k] != "title":
            return  # "challenge" in lower case is a difficulty, not an event
        if low == "workshop" and k + 2 < n and texts[k + 1] == "on" and shapes[k + 2] in {"name", "title"}:
            j = k + 2
            while j + 1 < n and j - k < 10 and shapes[j + 1] in {"name", "title"}:
                j += 1
            cands.append(Candidate(words[k][0], words[j][1], "context:workshop", kind="VENUE", priority=2))
            return
        first = k
        while k - first < 8 and (
            first > 0 and shapes[first - 1] in {"name", "title"}
            or (first > 1 and texts[first - 1] in cues.NAME_CONNECTORS and shapes[first - 2] in {"name", "title"})
        ):
            first -= 1
        if first < k:
            end = words[k][1]
            # "... Challenge (MMDD Challenge)" keeps its own bracket out
            cands.append(Candidate(words[first][0], end, "context:challenge", kind="VENUE", priority=2))


@Language.factory("graphkit_context", assigns=["doc._.graphkit_candidates"], default_config={})
def make_context(nlp: Language, name: str) -> ContextPatterns:
    return ContextPatterns(nlp, name)


# --------------------------------------------------------------------------- classifier
#: capitalised words that make a title-case phrase an event
_EVENT_WORDS = frozenset({"Conference", "Workshop", "Symposium"})

#: words after a shared-task team's name ("the DELAB-IIITM submission", "the UMUTeam participation")
_TEAM_FOLLOWERS = frozenset("submission submissions participation entry entries".split())

#: last words of capitalised technique names that carry no head of :data:`cues.METHOD_HEADS`
_TECHNIQUE_LAST_WORDS = frozenset(
    "perceiver experts memory bottleneck distillation augmentation modulation aggregation calibration decomposition "
    "factorization propagation".split()
)

#: a model's size suffix ("BERT-Base", "Llama2-7B", "T5-XL"): a model, wherever it is listed
_MODEL_SIZE = re.compile(r"-(?:\d+(?:\.\d+)?[BMK]|[Bb]ase|[Ll]arge|X+L|[Ss]mall|[Tt]iny|[Mm]ini|[Ii]nstruct|[Cc]hat)$")

#: a shared task of a series: "SemEval 2018 Task 2", "NumEval Task 1"
_NUMBERED_TASK = re.compile(r"\bTask \d+[A-Za-z]?$")

#: a name with a version suffix: "REDv2", "SQuAD2.0", "FLORES-200" is not one ("-200" counts languages)
_VERSIONED = re.compile(r"^([A-Za-z][\w-]*?[A-Za-z])(?:v|-v|_v)?\d+(?:\.\d+)?$")


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
def _lexicon_kinds_by_pattern() -> dict[str, str]:
    from graphkit.extract.pipeline import load_patterns  # the pipeline imports this module

    kinds: dict[str, str] = {}
    for row in load_patterns():
        kinds.setdefault(row["pattern"], row["label"])
    return kinds


def _lexicon_kind(text: str) -> str | None:
    """The label of a lexicon pattern written exactly as ``text``."""
    return _lexicon_kinds_by_pattern().get(text)


@functools.cache
def _venue_acronyms() -> frozenset[str]:
    from graphkit.extract.pipeline import load_patterns  # the pipeline imports this module

    return frozenset(row["pattern"] for row in load_patterns() if row["label"] == "VENUE" and " " not in row["pattern"])


#: singular dataset heads that name the dataset after them ("the corpus X", "a new benchmark X")
_DATASET_HEADS_BEFORE = frozenset({"dataset", "corpus", "benchmark", "treebank", "testbed"})


def _bracketed_task(toks: list[str], long: Span, short: Span) -> Candidate | None:
    """ "out-of-distribution (OOD) generalization", "facial action unit (AU) detection": a task around a pair."""
    head = short.end + 1
    if short.start < long.end or head >= len(toks) or toks[short.end] != ")" or not _task_head(toks[head].lower()):
        return None
    if not toks[head].islower() and not toks[head].istitle():
        return None
    return Candidate(long.start, head + 1, "context:bracketed_task", kind="TASK", priority=3)


def _language_pair(text: str) -> bool:
    """ "Spanish-Mixtec", "Japanese-speech", "Hinglish": a language or a pair of languages, not a dataset's name."""
    if " " in text.strip():
        return False
    first = text.split("-", 1)[0]
    return first in cues.LANGUAGE_NAMES


def _names_other_kind(long: Span) -> bool:
    """Whether a long form's head names a method, dataset or task ("recommendation systems"), not an event."""
    head = long[-1].text.lower()
    return head in cues.METHOD_HEADS or head in cues.DATASET_HEADS or head in cues.TASK_HEADS


def _prefer_dataset_to_venue(cands: list[Candidate]) -> None:
    """ "TREC" is a dataset and a venue: without a year after it ("TREC 2019") the dataset wins."""
    datasets = {(c.start, c.end) for c in cands if c.rule == "lexicon" and c.kind == "DATASET"}
    for cand in cands:
        if cand.rule == "lexicon" and cand.kind == "VENUE" and (cand.start, cand.end) in datasets:
            cand.priority = 0


def _cut_tasks_at_names(toks: list[str], cands: list[Candidate], lexicon_kinds: dict) -> None:
    """ "few-shot TREC document ranking": a known dataset or method inside a task phrase ends its modifiers."""
    names = [(start, end) for (start, end), (kind, _) in lexicon_kinds.items()
             if kind in {"METHOD", "DATASET"} and not toks[start].islower()]
    if not names:
        return
    for cand in cands:
        if cand.kind == "TASK" and cand.rule != "lexicon":
            for start, end in names:
                if cand.start <= start and end < cand.end:
                    cand.start = end


_TASK_FOLLOWERS = cues.TASK_HEADS


#: tie-break between equally long candidates: a known name beats a guessed one
_RULE_RANK = {"lexicon": 0, "abbreviation": 1, "context": 2, "lexicon+modifiers": 3, "shape": 4}


class CandidateClassifier:
    """Decides each candidate's kind and keeps the best of overlapping candidates.

    Lexicon and context rules come with a kind. For the rest the classifier reads the head of
    the phrase and the word after it ("X dataset" -> DATASET, "X network" -> METHOD, "...
    recognition" -> TASK, "X Challenge" -> VENUE), evaluation context ("experiments on X") and
    the spelling (a name-shaped word without other cues is a METHOD). An acronym takes the kind
    of its long form. Overlaps keep the higher priority, then the longer span.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str, lexicon_key: str):
        self.name = name
        self.spans_key = spans_key
        self.lexicon_key = lexicon_key

    def __call__(self, doc: Doc) -> Doc:
        cands = list(_candidates(doc))
        toks = token_texts(doc)[0]
        pairs = abbreviation_pairs(doc)
        lexicon = doc.user_data.pop(LEXICON_MATCHES_KEY, None)
        if lexicon is None:
            lexicon = doc.spans[self.lexicon_key] if self.lexicon_key in doc.spans else []
        for span in lexicon:
            if not _on_word_boundaries(doc, span.start, span.end):
                continue  # "LDM" inside "AR-LDM", "LLaVA-1.5" inside "LLaVA-1.5-7B"
            end = span.end
            if span.label_ == "VENUE" and end < len(toks) and _YEAR.match(toks[end]):
                end += 1
            cands.append(Candidate(span.start, end, "lexicon", kind=span.label_, ident=span.id_, priority=1))
            if span.label_ == "METHOD" and span.start > 0 and toks[span.start - 1] in cues.LANGUAGE_NAMES:
                # "the Romanian BERT": a model for one language is a model of its own
                cands.append(Candidate(span.start - 1, end, "lexicon+modifiers", kind="METHOD", priority=1))
            if span.label_ == "TASK":
                start = _extend_task_left(doc, span.start)
                if start < span.start:  # "multimodal humor detection" around the known "humor detection"
                    cands.append(Candidate(start, end, "lexicon+modifiers", kind="TASK", priority=1))
        lexicon_kinds = {(c.start, c.end): (c.kind, c.ident) for c in cands if c.rule == "lexicon"}
        _cut_tasks_at_names(toks, cands, lexicon_kinds)
        if len(lexicon_kinds) < sum(1 for c in cands if c.rule == "lexicon"):
            _prefer_dataset_to_venue(cands)
        self._lexicon_end_kinds = {end - 1: kind for (start, end), (kind, _) in lexicon_kinds.items()}
        self._lexicon_kinds = lexicon_kinds

        # acronyms take the kind of their long form (or of a lexicon entry for either)
        short_kinds: dict[str, str | None] = {}
        for long, short in pairs:
            kind = (lexicon_kinds.get((long.start, long.end)) or lexicon_kinds.get((short.start, short.end)) or (None,))[0]
            if kind == "VENUE" and (long.start, long.end) not in lexicon_kinds and _names_other_kind(long):
                kind = None  # "recommendation systems (RecSys)": the text defines the acronym otherwise
            if kind is None:
                kind = self._classify_long_form(doc, long, short)
            short_kinds.setdefault(short.text, kind)
            task = _bracketed_task(toks, long, short)
            if task:
                cands.append(task)
        self._short_kinds = short_kinds
        long_ranges = {(long.start, long.end) for long, _ in pairs}
        venue_words = {toks[c.start] for c in cands if c.kind == "VENUE"}
        for cand in cands:
            if cand.kind == "DATASET" and cand.rule.startswith("context"):
                if cand.start > 0 and toks[cand.start - 1] in cues.LANGUAGE_NAMES:
                    cand.start -= 1  # "the Romanian Reference Treebank", "the Penn Chinese Treebank"
                elif _language_pair(span_text(doc, cand.start, cand.end)) or _lexicon_kind(span_text(doc, cand.start, cand.end)) == "TASK":
                    cand.kind = None  # "the Spanish-Mixtec corpus", "the QA dataset": languages or tasks, not names
                    continue
                elif _MODEL_SIZE.search(span_text(doc, cand.start, cand.end)):
                    cand.kind = "METHOD"  # "models such as BERT-Base, Llama2-7B and Mistral-7B" sit in a list like datasets
            if cand.rule.startswith("shape"):
                text = span_text(doc, cand.start, cand.end)
                if text in short_kinds or (cand.start, cand.end) in long_ranges:
                    continue  # the abbreviation candidates speak for this span
                if text + "s" in short_kinds:
                    cand.kind = short_kinds[text + "s"]  # "KG" after "knowledge graphs (KGs)"
                    continue
            if cand.rule.startswith("abbreviation"):
                key = span_text(doc, cand.start, cand.end)
                kind = short_kinds.get(key, short_kinds.get(key.rstrip("s"), short_kinds.get(key[:-2])))
                if cand.rule == "abbreviation:long":
                    kind = self._long_kind(doc, cand.start, cand.end, short_kinds)
                cand.kind = kind  # None still occupies its tokens: "Machine Learning as a Service (MLaaS)" is no method
            elif cand.kind is None:
                cand.kind = self._classify(doc, cand.start, cand.end, cand.rule)
                if cand.kind == "METHOD" and cand.end - cand.start == 1 and toks[cand.start] in venue_words:
                    cand.kind = None  # "CogALex" of "CogALex VI shared task": the venue's name, no method
            if cand.kind == "METHOD" and cand.rule.startswith(("shape", "context")) and (cand.start, cand.end) not in lexicon_kinds:
                cand.end = self._extend_method(doc, cand.end)

        cands = _keep_supported_weak_tasks(toks, cands)
        chosen: list[Candidate] = []
        taken = bytearray(len(doc))
        for cand in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), _RULE_RANK.get(c.rule.split(":")[0], 9), c.start)):
            if cand.end <= cand.start or (cand.kind is None and not cand.rule.startswith("abbreviation")):
                continue
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            if cand.kind is not None:
                chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        doc.spans[self.spans_key] = [
            Span(doc, c.start, c.end, label=c.kind, kb_id=c.rule, span_id=c.ident) for c in chosen
        ]
        # the same mentions as plain tuples, for resolution (reading a Span's labels goes through the string store)
        doc.user_data[MENTIONS_KEY] = [Mention(c.start, c.end, c.kind, c.rule, c.ident) for c in chosen]
        # per-call scratch; do not keep it alive with the doc
        doc.user_data.pop("graphkit_candidates", None)
        doc.user_data.pop("graphkit_words", None)
        return doc

    @staticmethod
    def _extend_method(doc: Doc, end: int) -> int:
        """ "SR-Rec fusion module", "Kronecker temporal attention", "LMM agents": a name and lower-case words up to a method head."""
        toks, spaced = token_texts(doc)
        lows = token_lows(doc)
        n = len(toks)
        for i in range(end, min(n, end + 3)):
            low = lows[i]
            if low in cues.METHOD_HEADS:
                if low in cues.GENERIC_METHOD_HEADS:
                    return i if i > end else end
                if not spaced[i] and i + 1 < n and toks[i + 1] == "-":
                    return end  # "MARBERT transformer-based model": the head is part of an adjective
                return i + 1
            text = toks[i]
            if not text.islower() or low in STOP_WORDS or low in cues.VERBS or not text.isalpha():
                return end  # the lexical attributes behind ``Token.is_lower``, ``is_stop`` and ``is_alpha``
        return end

    def _long_kind(self, doc: Doc, start: int, end: int, short_kinds) -> str | None:
        for long, short in abbreviation_pairs(doc):
            if long.start == start and long.end == end:
                return short_kinds.get(short.text)
        return None

    def _classify_long_form(self, doc: Doc, long: Span, short: Span) -> str | None:
        head = long[-1].text.lower()
        before = [t.text.lower() for t in doc[max(0, long.start - 2) : long.start]]
        if before[-1:] == ["on"] and before[:1] and before[0] in {"workshop", "challenge", "symposium", "conference"}:
            return "VENUE"  # "Workshop on Subtle Visual Computing (SVC)"
        if " " not in long.text and long.text.islower():
            return None  # "out-of-distribution (OOD)": a hyphenated adjective
        after = max(long.end, short.end)
        while after < len(doc) and doc[after].text in {")", "("}:
            after += 1
        nxt = doc[after].text.lower() if after < len(doc) else ""
        if short.start > long.start and nxt in _TASK_FOLLOWERS:
            return None  # "facial action unit (AU) detection": the pair is a modifier of a task
        if head in cues.DATASET_HEADS or nxt in cues.DATASET_HEADS or before[-1:] and before[-1] in _DATASET_HEADS_BEFORE:
            return "DATASET"  # "... the dataset LoGic Pre-training (LGP)"
        inner = [t.text.lower() for t in long]
        if any(word in cues.DATASET_HEADS and following == "for" for word, following in zip(inner, inner[1:])):
            return "DATASET"  # "Source-free Domain Adaptation benchmark for rPPG measurement (SFDA-rPPG)"
        if head in cues.VENUE_HEADS or nxt in cues.VENUE_HEADS:
            return "VENUE"
        if head in cues.TASK_HEADS or head.split("-")[-1] in cues.TASK_HEADS or head.endswith(cues.TASK_SUFFIXES):
            # a task-like name the paper itself proposes is its method ("we propose Dynamic ... Clustering (DMIC)")
            from graphkit.extract.resolve import method_role

            if method_role(doc, long) == "proposes" or before[-1:] == [":"] and before[0] in cues.METHOD_HEADS:
                return "METHOD"  # "... pipeline: generative adversarial feature subspace enhancement (GAFSE)"
            siblings = self._coordinated_long_forms(doc, long, short)
            if siblings and not any(_task_head(s[-1].text.lower()) for s in siblings):
                return "METHOD"  # "integrates A (X), Dynamic Neighborhood Clustering (DNC) and C (Z)"
            return "TASK"
        if head in cues.METHOD_HEADS or nxt in cues.METHOD_HEADS:
            return "METHOD"
        if head in cues.NON_ENTITY_HEADS or head in cues.NON_METHOD_LONG_HEADS or long[-1].text in cues.LANGUAGE_NAMES:
            return None  # "influenza-like illness (ILI)", "knowledge graphs (KGs)", "part of speech (PoS)"
        if nxt in {"task", "tasks", "problem", "problems"}:
            return "TASK"
        appositive = self._appositive_head(doc, max(long.end, short.end) + (1 if short.start > long.start else 0))
        if appositive:
            return appositive
        return "METHOD"

    @staticmethod
    def _coordinated_long_forms(doc: Doc, long: Span, short: Span) -> list[Span]:
        """Long forms of the pairs listed right before and after this one ("A (X), B (Y) and C (Z)")."""
        toks = token_texts(doc)[0]
        bounds = [(min(l.start, s.start), max(l.end, s.end) + (1 if s.start > l.start else 0), l)
                  for l, s in abbreviation_pairs(doc)]
        start, end = min(long.start, short.start), max(long.end, short.end) + (1 if short.start > long.start else 0)
        siblings = []
        for a, b, other in bounds:
            gap = toks[b:start] if b <= start else toks[end:a]
            if (a, b) != (start, end) and 0 < len(gap) <= 3 and all(t.lower() in _LIST_GLUE for t in gap):
                siblings.append(other)
        return siblings

    @staticmethod
    def _appositive_head(doc: Doc, end: int) -> str | None:
        """ "X, a benchmark of ...", "X, the first dataset ...", "X, a novel framework ...": the kind the apposition names."""
        toks = token_texts(doc)[0]
        n = len(toks)
        if end >= n or toks[end] != ",":
            return None
        lows = token_lows(doc)
        if end + 1 >= n or lows[end + 1] not in {"a", "an", "the"}:
            return None
        for i in range(end + 2, min(n, end + 7)):
            low = lows[i]
            if low in cues.DATASET_HEADS:
                return "DATASET"
            if low in cues.METHOD_HEADS:
                return "METHOD"
            if low in {"task", "problem"}:
                return "TASK"  # "Meme Reappraisal, a novel multimodal generation task"
            if is_punct(toks[i]):  # the lexical attribute behind ``Token.is_punct``
                return None
        return None

    def _classify(self, doc: Doc, start: int, end: int, rule: str) -> str | None:
        toks = token_texts(doc)[0]
        text = span_text(doc, start, end)
        if text in cues.NON_ENTITY_NAMES or (end - start == 1 and text.lower() in STOP_WORDS):
            return None
        if rule.startswith("shape") and (
            text.lower() in cues.RESEARCH_FIELDS
            or text.endswith(("Team", "team"))
            or (start > 0 and toks[start - 1].lower() == "team")
            or (end < len(toks) and toks[end].lower() in _TEAM_FOLLOWERS)
        ):
            return None  # "Natural Language Processing (NLP) tasks", "UMUTeam", "team KUIS-AI", "the KUIS-AI submission"
        if rule == "shape:title" and (
            (start > 0 and toks[start - 1] in cues.LANGUAGE_NAMES) or (end < len(toks) and toks[end] in cues.LANGUAGE_NAMES)
        ):
            return None  # "Modern Standard" of "Modern Standard Arabic": a fragment of a longer name
        last = toks[end - 1]
        head = last.lower()
        nxt = toks[end].lower() if end < len(toks) else ""
        if head in cues.DATASET_HEADS or nxt in cues.DATASET_HEADS:
            return "DATASET"
        if rule.startswith("shape") and start > 0 and toks[start - 1].lower() in _DATASET_HEADS_BEFORE:
            return "DATASET"  # "a manually annotated corpus #DisabledOnIndianTwitter"
        first = toks[start].lower()
        if (head in cues.VENUE_HEADS or first in {"workshop", "conference", "symposium"}) and last[0].isupper():
            return "VENUE"
        if rule == "shape:title" and any(toks[i] in _EVENT_WORDS for i in range(start, end)):
            return "VENUE"  # "Seventh Conference of Machine Translation"
        if head == "task" and end - start >= 2 and toks[end - 2].lower() == "shared":
            return "VENUE" if end - start >= 3 else None  # "the Shared Task" alone names no venue
        if nxt in cues.COMPONENT_HEADS and rule.startswith("shape") and last[0].isupper():
            return "METHOD"  # "a Face Info Mining module": a capitalised name of a part of a method
        if rule.startswith("shape") and any(
            toks[i] == "for" and toks[i - 1].lower() in cues.METHOD_HEADS for i in range(start + 1, end - 1)
        ):
            return "METHOD"  # "Causal Intervention Module for Related Work Generation": a method for a task
        if _task_head(head) and word_shape(last) in {"lower", "title"}:
            return "TASK"
        if head in cues.METHOD_HEADS or nxt in cues.METHOD_HEADS:
            return "METHOD"
        if head in cues.NON_ENTITY_HEADS or nxt in cues.NON_ENTITY_HEADS:
            return None
        if _cited(doc, start, end):
            return None
        if rule.startswith("shape") and (end - 1) in self._lexicon_end_kinds:
            kind = self._lexicon_end_kinds[end - 1]  # "Berkeley FrameNet" is a dataset like "FrameNet"
            return None if kind == "VENUE" else kind  # "English-Marathi LoResMT": the venue alone, from the lexicon
        if rule.startswith("shape") and _NUMBERED_TASK.search(text) and " " in text:
            return "VENUE"  # "Subtask 1 of SemEval 2018 Task 2", "NumEval Task 1"
        if rule.startswith("shape") and _venue_edition(text):
            # "COLING2025-CoMeDi", "SemEval-2022 Task 10"; "WAT 2019 for Myanmar-English" leaves the venue to the lexicon
            return None if " for " in text else "VENUE"
        if rule == "shape:name" and " " not in text:
            known = _lexicon_kind(text)
            if known:  # "NLI" of "NLI-based metrics": a known task used as a modifier, no method
                return None if known == "TASK" else known
            if nxt in {"task", "tasks"}:
                return None  # "the QE task": a task's or a shared task's name
            version = _VERSIONED.match(text)
            if version:  # "REDv2" is a version of the dataset "RED"
                kind = self._named_kind(doc, version.group(1))
                if kind:
                    return kind
        appositive = self._appositive_head(doc, end)
        if appositive:
            return appositive
        if self._evaluation_context(doc, start):
            return "DATASET"
        if rule == "shape:title":
            return "METHOD" if end - start >= 2 and self._method_like_title(doc, start, end) else None
        if rule in {"shape:name", "context:termed"}:
            return None if text.startswith("#") else "METHOD"  # "#cookingFail": a hashtag, no method
        return None

    @staticmethod
    def _method_like_title(doc: Doc, start: int, end: int) -> bool:
        """A capitalised phrase without a head that names its kind is a method only when it reads like one:
        the paper proposes it, or it names a technique ("Residual Prompt Tuning", "Cross-Modal Attention")."""
        last = token_texts(doc)[0][end - 1].lower()
        if last.endswith("ing") or last in _TECHNIQUE_LAST_WORDS:
            return True
        from graphkit.extract.resolve import method_role

        return method_role(doc, doc[start:end]) == "proposes"

    def _named_kind(self, doc: Doc, text: str) -> str | None:
        """The kind this doc gives a name elsewhere: as a defined acronym or a lexicon match."""
        if self._short_kinds.get(text):
            return self._short_kinds[text]
        for (start, end), (kind, _) in self._lexicon_kinds.items():
            if span_text(doc, start, end) == text:
                return kind
        return None

    @staticmethod
    def _evaluation_context(doc: Doc, start: int) -> bool:
        """ "experiments on X", "results on A, B and X": X is evaluation data."""
        toks = token_texts(doc)[0]
        i = start - 1
        starts = _sentence_starts(doc)
        sent_start = starts[max(bisect.bisect_right(starts, start) - 1, 0)]
        hops = 0
        while i >= sent_start and hops < 12:
            word = toks[i]
            text = word.lower()
            if text in {"on", "in"}:
                j = i - 1
                while j >= sent_start and toks[j].lower() in {"the", "both", "two", "three", "four", "five", "several", "multiple", "various", "popular", "public", "publicly", "available", "widely-used", "challenging", "benchmark", "real-world", "large-scale"}:
                    j -= 1
                return j >= sent_start and toks[j].lower() in cues.EVALUATION_CUES
            if text in {",", "and", "or"} or word_shape(word) in {"name", "title"} or _VERSION.match(word) or word in {"-", "/", "+"}:
                i -= 1
                hops += 1
                continue
            return False
        return False


@Language.factory(
    "graphkit_classifier",
    assigns=["doc.spans"],
    requires=["doc._.graphkit_candidates"],
    default_config={"spans_key": SPANS_KEY, "lexicon_key": LEXICON_KEY},
)
def make_classifier(nlp: Language, name: str, spans_key: str, lexicon_key: str) -> CandidateClassifier:
    return CandidateClassifier(nlp, name, spans_key, lexicon_key)
