"""``graphkit_classifier``: METHOD / DATASET / TASK / VENUE / nothing for every candidate; overlaps
resolved; the result in ``doc.spans["graphkit"]`` and as :class:`~graphkit.extract.candidates.Mention`
tuples in ``doc.user_data["graphkit_mentions"]``."""

from __future__ import annotations

import bisect
import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.lex_attrs import is_punct
from spacy.language import Language
from spacy.tokens import Doc, Span

from graphkit.extract.candidates import (
    KINDS,
    LEXICON_KEY,
    LEXICON_MATCHES_KEY,
    MENTIONS_KEY,
    SPANS_KEY,
    TASK_CORES_KEY,
    Candidate,
    Mention,
    _candidates,
    abbreviation_pairs,
)
from graphkit.extract.phrases import _LIST_GLUE, _cited, _extend_task_left, _keep_supported_weak_tasks, _task_head
from graphkit.extract.resolve import method_role
from graphkit.extract.rules import cues, load_patterns
from graphkit.extract.tokens import (
    _VERSION,
    _YEAR,
    _on_word_boundaries,
    _sentence_starts,
    _venue_edition,
    doc_text,
    sentence_bounds,
    span_text,
    token_lows,
    token_offsets,
    token_texts,
    word_shape,
)

#: capitalised words that make a title-case phrase an event
_EVENT_WORDS = frozenset({"Conference", "Workshop", "Symposium"})

#: words after a shared-task team's name ("the DELAB-IIITM submission", "the UMUTeam participation")
_TEAM_FOLLOWERS = frozenset("submission submissions participation entry entries".split())

#: last words of capitalised technique names that carry no head of :data:`cues.METHOD_HEADS`
_TECHNIQUE_LAST_WORDS = frozenset(
    "perceiver experts memory bottleneck distillation augmentation modulation aggregation calibration decomposition "
    "factorization propagation".split()
)

#: a URL or a piece of one ("https://github.com/x/Y", "com/x/Y" after "github. ", "x.github.io/Y")
_URL = re.compile(r"://|^www\.|github|\.(?:com|org|io|net|edu|html?)\b|^(?:com|org|io|net|edu)/|/$")
#: a footnote marker or number glued to a word ("*Corresponding", "†Yong Xia", "UNIST†", "1Project Page")
_FOOTNOTE = re.compile(r"^[*∗§¶]|[†‡∗]|^\d(?!D)[A-Z][a-z]{2,}")
#: a grant number ("Grant No. 62206060", "2022LYKFZD06"): a long run of digits
_LONG_DIGITS = re.compile(r"\d{8}")
_GRANTS = frozenset({"grant", "grants"})
_GRANT_WORDS = _GRANTS | {"no.", "nos."}


def _listed_with(toks: list[str], cand: Candidate, ranges: tuple[set[int], set[int]]) -> bool:
    """Whether ``cand`` sits in a list ("A, B and C") right beside one of the spans starting in
    ``ranges[0]`` / ending in ``ranges[1]``, on both sides when it has neighbours on both."""
    starts, ends = ranges
    if not starts:
        return False
    before = cand.start
    while before > 0 and toks[before - 1] in {",", "and", "or"} and cand.start - before < 2:
        before -= 1
    after = cand.end
    while after < len(toks) and toks[after] in {",", "and", "or"} and after - cand.end < 2:
        after += 1
    left = before < cand.start and before in ends
    right = after > cand.end and after in starts
    return (left or right) and not (before < cand.start and not left and after > cand.end and not right)


def _name_shaped(words: list[str]) -> bool:
    """ "ScanNet++", "Object365", "EPIC KITCHENS": a capital or a digit in the first word, no lower-case phrase."""
    return any(c.isupper() or c.isdigit() for c in words[0]) and words[0] not in cues.NON_ENTITY_NAMES


def _scraped_noise(doc: Doc, text: str, start: int, end: int, lows: list[str], first: int, grants: bool) -> bool:
    """Whether the text at ``start:end`` (from token ``first``) is no name but the debris of a scraped paper:
    part of a URL, a footnote ("*Corresponding author", "†Joint Corresponding Authors") or a grant number
    (looked for only when the doc says "grant", ``grants``)."""
    chunk_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    chunk_end = start
    while chunk_end < len(text) and not text[chunk_end].isspace():
        chunk_end += 1
    chunk = text[chunk_start:max(chunk_end, end)]
    if _FOOTNOTE.search(chunk) or _LONG_DIGITS.search(text, start, end):
        return True
    if "/" in chunk:
        if _URL.search(chunk):
            return True
        before = text[max(0, chunk_start - 40):chunk_start].split()
        if before and _URL.search(before[-1]) and before[-1].endswith(("/", ".", ":")):
            return True  # "https://github.com/ LuisBolanos17/GaussianShadowCasting": a URL broken by a space
    if not grants:
        return False
    if lows[first] in _GRANT_WORDS or (first > 0 and lows[first - 1] in _GRANT_WORDS):
        return True
    sent_start, sent_end = sentence_bounds(doc, first)
    # "... supported by the Foundation under Grant 2021L003 (Open Project: 2022LYKFZD06)": an acknowledgement
    words = lows[sent_start:sent_end]
    return "under" in words and not _GRANTS.isdisjoint(words)


#: what a metric's name may carry after it: "_4", "-95", "95", "²", "rare"
_METRIC_SUFFIX = re.compile(r"(?:[_-]?\d+|[²³]|[a-z]+)$")
#: metric names the stop list leaves out
_METRICS = frozenset({"AP", "FPR", "TPR", "FNR", "EER", "HTER", "ACER", "NDCG", "MRR", "WER", "CER", "TER", "PSNR"})


def _metric_like(text: str) -> bool:
    """ "BLEU_4", "APrare", "GFLOPs", "FPR95", "M²": a metric with a variant, a multiple or a cut-off."""
    if " " in text:
        return False
    base = _METRIC_SUFFIX.sub("", text)
    forms = {base, text[1:] if text[:1] in "GTMK" and text[1:2].isupper() else base}
    return base != text and any(f in cues.NON_ENTITY_NAMES or f in _METRICS for f in forms if f) or (
        text[:1] in "GTMK" and text[1:] in cues.NON_ENTITY_NAMES)


#: a short acronym: at most three capitals with a digit or a plural s ("CT", "L2", "VOT", "MCQs")
_BARE_SHORT = re.compile(r"^[A-Z]{1,3}\d?s?$|^[A-Z]\d$")

#: a model's size suffix ("BERT-Base", "Llama2-7B", "T5-XL"): a model, wherever it is listed
_MODEL_SIZE = re.compile(r"-(?:\d+(?:\.\d+)?[BMK]|[Bb]ase|[Ll]arge|X+L|[Ss]mall|[Tt]iny|[Mm]ini|[Ii]nstruct|[Cc]hat)$")

#: a shared task of a series: "SemEval 2018 Task 2", "NumEval Task 1"
_NUMBERED_TASK = re.compile(r"\bTask \d+[A-Za-z]?$")

#: a name with a version suffix: "REDv2", "SQuAD2.0", "FLORES-200" is not one ("-200" counts languages)
_VERSIONED = re.compile(r"^([A-Za-z][\w-]*?[A-Za-z])(?:v|-v|_v)?\d+(?:\.\d+)?$")


@functools.cache
def _lexicon_kinds_by_pattern() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for row in load_patterns():
        kinds.setdefault(row["pattern"], row["label"])
    return kinds


def _lexicon_kind(text: str) -> str | None:
    """The label of a lexicon pattern written exactly as ``text``."""
    return _lexicon_kinds_by_pattern().get(text)


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
_RULE_RANK = {"lexicon": 0, "abbreviation": 1, "context": 2, "model": 2.5, "lexicon+modifiers": 3, "shape": 4}

_MODEL_LABELS = frozenset(KINDS)

#: the ``rule`` of a mention the trained ``ner`` found
MODEL_RULE = "model"


class CandidateClassifier:
    """Decides each candidate's kind and keeps the best of overlapping candidates.

    Lexicon and context rules come with a kind. For the rest the classifier reads the head of
    the phrase and the word after it ("X dataset" -> DATASET, "X network" -> METHOD, "...
    recognition" -> TASK, "X Challenge" -> VENUE), evaluation context ("experiments on X") and
    the spelling (a name-shaped word without other cues is a METHOD). An acronym takes the kind
    of its long form. Overlaps keep the higher priority, then the longer span.
    """

    def __init__(self, nlp: Language, name: str, spans_key: str, lexicon_key: str, model_confirms: list[str],
                 model_labels: list[str], model_priority: int, model_relabels_datasets: bool = False,
                 model_names_as_datasets: bool = False):
        self.name = name
        self.spans_key = spans_key
        self.lexicon_key = lexicon_key
        self.model_confirms = tuple(model_confirms)
        self.model_labels = frozenset(model_labels)
        self.model_priority = model_priority
        self.model_relabels_datasets = model_relabels_datasets
        self.model_names_as_datasets = model_names_as_datasets
        self._model_datasets: set[tuple[int, int]] = set()

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
        self._model_datasets = set()
        if doc.has_annotation("ENT_IOB"):
            self._add_model_mentions(doc, cands)
        lexicon_kinds = {(c.start, c.end): (c.kind, c.ident) for c in cands if c.rule == "lexicon"}
        _cut_tasks_at_names(toks, cands, lexicon_kinds)
        if len(lexicon_kinds) < sum(1 for c in cands if c.rule == "lexicon"):
            _prefer_dataset_to_venue(cands)
        self._lexicon_end_kinds = {end - 1: kind for (start, end), (kind, _) in lexicon_kinds.items()}
        self._lexicon_kinds = lexicon_kinds

        # acronyms take the kind of their long form (or of a lexicon entry for either)
        short_kinds: dict[str, str | None] = {}
        for long, short in pairs:
            kind = (
                lexicon_kinds.get((long.start, long.end)) or lexicon_kinds.get((short.start, short.end)) or (None,)
            )[0]
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
        dataset_ranges = ({c.start for c in cands if c.rule == "lexicon" and c.kind == "DATASET"},
                          {c.end for c in cands if c.rule == "lexicon" and c.kind == "DATASET"})
        venue_words = {toks[c.start] for c in cands if c.kind == "VENUE"}
        for cand in cands:
            if cand.kind == "DATASET" and cand.rule.startswith("context"):
                if cand.start > 0 and toks[cand.start - 1] in cues.LANGUAGE_NAMES:
                    cand.start -= 1  # "the Romanian Reference Treebank", "the Penn Chinese Treebank"
                elif (
                    _language_pair(span_text(doc, cand.start, cand.end))
                    or _lexicon_kind(span_text(doc, cand.start, cand.end)) == "TASK"
                ):
                    cand.kind = None  # "the Spanish-Mixtec corpus", "the QA dataset": languages or tasks, not names
                    continue
                elif _MODEL_SIZE.search(span_text(doc, cand.start, cand.end)):
                    cand.kind = (
                        "METHOD"  # "models such as BERT-Base, Llama2-7B and Mistral-7B" sit in a list like datasets
                    )
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
            if (
                cand.kind == "METHOD"
                and cand.rule.startswith("shape")
                and (cand.start, cand.end) not in lexicon_kinds
                and _listed_with(toks, cand, dataset_ranges)
            ):
                cand.kind = "DATASET"  # "LVIS, COCO, Object365, and OpenImages": listed among known datasets
            if (
                cand.kind == "METHOD"
                and self.model_relabels_datasets
                and cand.rule.startswith("shape")
                and (cand.start, cand.end) in self._model_datasets
            ):
                cand.kind = "DATASET"  # a name the rules guessed a method and the ner reads as a dataset
            if (
                cand.kind == "METHOD"
                and cand.rule.startswith(("shape", "context"))
                and (cand.start, cand.end) not in lexicon_kinds
            ):
                cand.end = self._extend_method(doc, cand.end)

        cands = _keep_supported_weak_tasks(toks, cands)
        text, offsets, lows = doc_text(doc), token_offsets(doc), token_lows(doc)
        grants = not _GRANTS.isdisjoint(lows)
        cands = [c for c in cands if c.end <= c.start or not _scraped_noise(
            doc, text, offsets[c.start], offsets[c.end - 1] + len(toks[c.end - 1]), lows, c.start, grants)]
        chosen: list[Candidate] = []
        taken = bytearray(len(doc))
        for cand in sorted(
            cands, key=lambda c: (-c.priority, -(c.end - c.start), _RULE_RANK.get(c.rule.split(":")[0], 9), c.start)
        ):
            if cand.end <= cand.start or (cand.kind is None and not cand.rule.startswith("abbreviation")):
                continue
            if any(taken[cand.start : cand.end]):
                continue
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            if cand.kind is not None:
                chosen.append(cand)
        chosen.sort(key=lambda c: c.start)
        # "off-the-shelf language identification", "multimodal humor detection": a task phrase around a known
        # task keeps the known task as an alias
        known_tasks = {}
        for c in cands:
            if c.rule == "lexicon" and c.kind == "TASK" and c.start < known_tasks.get(c.end, len(doc)):
                known_tasks[c.end] = c.start
        cores = {(c.start, c.end): known_tasks[c.end] for c in chosen
                 if c.kind == "TASK" and c.start < known_tasks.get(c.end, c.start)}
        if cores:
            doc.user_data[TASK_CORES_KEY] = cores
        doc.spans[self.spans_key] = [
            Span(doc, c.start, c.end, label=c.kind, kb_id=c.rule, span_id=c.ident) for c in chosen
        ]
        # the same mentions as plain tuples, for resolution (reading a Span's labels goes through the string store)
        doc.user_data[MENTIONS_KEY] = [Mention(c.start, c.end, c.kind, c.rule, c.ident) for c in chosen]
        # per-call scratch; do not keep it alive with the doc
        doc.user_data.pop("graphkit_candidates", None)
        doc.user_data.pop("graphkit_words", None)
        return doc

    def _add_model_mentions(self, doc: Doc, cands: list[Candidate]) -> None:
        """The trained ``ner``'s entities as candidates (rule ``model``), beside the rules' own.

        Entities with a label in ``model_labels`` become candidates of priority ``model_priority``
        and compete with the rules' like any other: a higher priority wins (abbreviation pairs,
        context patterns), then a longer span, then on equal spans a lexicon, abbreviation or
        context rule before the model and the model before a name-shape guess. Rule candidates whose
        rule starts with one of ``model_confirms`` (default: the name-shape guesses) are kept only where
        a model entity of any label overlaps them. With ``model_names_as_datasets``, name-shaped DATASET
        entities become candidates too; with ``model_relabels_datasets``, a name-shape guess the rules
        call a METHOD is a DATASET where a model DATASET entity has exactly its span. The defaults were
        chosen on the dev part of the training data: the model's METHOD and DATASET spans only confirm
        (as candidates they cost precision).
        """
        found = [(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in _MODEL_LABELS]
        if self.model_confirms:
            covered = bytearray(len(doc))
            for start, end, _ in found:
                covered[start:end] = b"\x01" * (end - start)
            cands[:] = [c for c in cands if not c.rule.startswith(self.model_confirms) or any(covered[c.start:c.end])]
        toks = token_texts(doc)[0]
        for start, end, label in found:
            if label == "DATASET":
                self._model_datasets.add((start, end))
                if self.model_names_as_datasets and _name_shaped(toks[start:end]):
                    cands.append(Candidate(start, end, MODEL_RULE, kind=label, priority=self.model_priority))
                    continue
            if label not in self.model_labels:
                continue
            cands.append(Candidate(start, end, MODEL_RULE, kind=label, priority=self.model_priority))

    @staticmethod
    def _extend_method(doc: Doc, end: int) -> int:
        """ "SR-Rec fusion module", "Kronecker temporal attention", "LMM agents": a name and lower-case
        words up to a method head."""
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
        if (
            head in cues.DATASET_HEADS
            or nxt in cues.DATASET_HEADS
            or before[-1:]
            and before[-1] in _DATASET_HEADS_BEFORE
        ):
            return "DATASET"  # "... the dataset LoGic Pre-training (LGP)"
        inner = [t.text.lower() for t in long]
        if any(word in cues.DATASET_HEADS and following == "for" for word, following in zip(inner, inner[1:])):
            return "DATASET"  # "Source-free Domain Adaptation benchmark for rPPG measurement (SFDA-rPPG)"
        if head in cues.VENUE_HEADS or nxt in cues.VENUE_HEADS:
            return "VENUE"
        if head in cues.TASK_HEADS or head.split("-")[-1] in cues.TASK_HEADS or head.endswith(cues.TASK_SUFFIXES):
            # a task-like name the paper itself proposes is its method ("we propose Dynamic ... Clustering (DMIC)")
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
        bounds = [(min(lf.start, sf.start), max(lf.end, sf.end) + (1 if sf.start > lf.start else 0), lf)
                  for lf, sf in abbreviation_pairs(doc)]
        start, end = min(long.start, short.start), max(long.end, short.end) + (1 if short.start > long.start else 0)
        siblings = []
        for a, b, other in bounds:
            gap = toks[b:start] if b <= start else toks[end:a]
            if (a, b) != (start, end) and 0 < len(gap) <= 3 and all(t.lower() in _LIST_GLUE for t in gap):
                siblings.append(other)
        return siblings

    @staticmethod
    def _appositive_head(doc: Doc, end: int) -> str | None:
        """ "X, a benchmark of ...", "X, the first dataset ...", "X, a novel framework ...": the kind the
        apposition names."""
        toks = token_texts(doc)[0]
        n = len(toks)
        if end >= n or toks[end] != ",":
            return None
        lows = token_lows(doc)
        if end + 1 >= n or lows[end + 1] not in {"a", "an", "the"}:
            return None
        for i in range(end + 2, min(n, end + 10)):
            low = lows[i]
            if low in cues.DATASET_HEADS:
                return "DATASET"
            if low in cues.METHOD_HEADS:
                return "METHOD"
            if low in {"task", "problem"}:
                return "TASK"  # "Meme Reappraisal, a novel multimodal generation task"
            if toks[i] in {"-", ","}:
                continue  # "X, a video-language alignment dataset", "X, a large-scale, open-access dataset"
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
            return (
                None  # "Natural Language Processing (NLP) tasks", "UMUTeam", "team KUIS-AI", "the KUIS-AI submission"
            )
        if rule == "shape:title" and (
            (start > 0 and toks[start - 1] in cues.LANGUAGE_NAMES)
            or (end < len(toks) and toks[end] in cues.LANGUAGE_NAMES)
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
            # "COLING2025-CoMeDi", "SemEval-2022 Task 10"; "WAT 2019 for Myanmar-English" leaves the venue
            # to the lexicon
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
        if rule.startswith("shape") and _metric_like(text):
            return None  # "BLEU_4", "APrare", "GFLOPs", "M²": a metric's variant, no method
        if rule == "shape:name" and _BARE_SHORT.match(text) and method_role(doc, doc[start:end]) != "proposes":
            return None  # "CT", "L2", "EM", "MCQs": a short acronym nothing defines or cues is no method's name
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
                while j >= sent_start and toks[j].lower() in {
                    "the",
                    "both",
                    "two",
                    "three",
                    "four",
                    "five",
                    "several",
                    "multiple",
                    "various",
                    "popular",
                    "public",
                    "publicly",
                    "available",
                    "widely-used",
                    "challenging",
                    "benchmark",
                    "real-world",
                    "large-scale",
                }:
                    j -= 1
                return j >= sent_start and toks[j].lower() in cues.EVALUATION_CUES
            if (
                text in {",", "and", "or"}
                or word_shape(word) in {"name", "title"}
                or _VERSION.match(word)
                or word in {"-", "/", "+"}
            ):
                i -= 1
                hops += 1
                continue
            return False
        return False


@Language.factory(
    "graphkit_classifier",
    assigns=["doc.spans"],
    requires=["doc._.graphkit_candidates"],
    default_config={
        "spans_key": SPANS_KEY,
        "lexicon_key": LEXICON_KEY,
        "model_confirms": ["shape"],
        "model_labels": ["TASK", "VENUE"],
        "model_priority": 1,
        "model_relabels_datasets": False,
        "model_names_as_datasets": False,
    },
)
def make_classifier(
    nlp: Language,
    name: str,
    spans_key: str,
    lexicon_key: str,
    model_confirms: list[str],
    model_labels: list[str],
    model_priority: int,
    model_relabels_datasets: bool,
    model_names_as_datasets: bool,
) -> CandidateClassifier:
    return CandidateClassifier(nlp, name, spans_key, lexicon_key, model_confirms, model_labels, model_priority,
                               model_relabels_datasets, model_names_as_datasets)
