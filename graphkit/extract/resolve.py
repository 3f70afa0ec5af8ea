"""Mentions -> canonical entities: acronym and long form, case, plural, hyphen and spacing merge.

>>> merge_key("Multi-Modal Transformers") == merge_key("multimodal transformer")
True
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.tokens import Doc, Span

from graphkit.extract.candidates import KINDS, MENTIONS_KEY, SPANS_KEY, TASK_CORES_KEY, abbreviation_pairs
from graphkit.extract.rules import canonical_names, cues
from graphkit.extract.tokens import doc_text, sentence_bounds, span_text, token_lows, token_offsets, token_texts
from graphkit.keys import entity_key
from graphkit.model import Entity, Evidence

__all__ = ["entities_from_doc", "merge_key", "method_role"]

_KIND_NAMES = {label: label.lower() for label in KINDS}
_BLOCKERS = frozenset(
    "using use uses with on upon based from via by over than like as of into to compared against".split()
)
_TRAILING_PLURAL = re.compile(r"(?<=[A-Z0-9])e?s$")
#: words after a dataset's name that belong to how it is called: "the TREC GOV2 collection", "the AR
#: database", "the mnist-back-image data set", "the MSCOCO validation set" (an alias, beside the bare name)
_DATASET_CALLED = frozenset("collection collections database databases repository".split())
_DATASET_SPLITS = frozenset("training train test testing validation val dev development evaluation".split())
_DATASET_SET_HEADS = frozenset("set sets split splits collection collections dataset datasets data".split())


def dataset_called_end(lows: list[str], end: int) -> int:
    """Where a dataset's name as called ends: after a head of :data:`_DATASET_CALLED`, "data set(s)" or a
    split ("training set", "test collection") right after the name at ``end``; ``end`` when none follows.

    >>> dataset_called_end("the trec gov2 collection .".split(), 3)
    4
    >>> dataset_called_end("on mscoco validation set".split(), 2)
    4
    >>> dataset_called_end("on imagenet and".split(), 2)
    2
    """
    n = len(lows)
    if end >= n:
        return end
    word = lows[end]
    if word in _DATASET_CALLED:
        return end + 1
    if word == "data" and end + 1 < n and lows[end + 1] in {"set", "sets"}:
        return end + 2
    if word in _DATASET_SPLITS and end + 1 < n and lows[end + 1] in _DATASET_SET_HEADS:
        if lows[end + 1] == "data":
            return end + 3 if end + 2 < n and lows[end + 2] in {"set", "sets"} else end
        return end + 2
    return end


#: "CRAC 2022 Shared Task on ...", "WMT21 shared news translation task", "CogALex VI shared task": the event's name
_SHARED_TASK_EVENT = re.compile(r"^(\S.*?(?:\d|\b[IVX]+))\s+shared\b", re.IGNORECASE)


@functools.lru_cache(maxsize=100_000)
def merge_key(name: str) -> str:
    """Key that ignores case, accents, punctuation, hyphens, spacing and a trailing plural.

    >>> merge_key("GNNs") == merge_key("GNN"), merge_key("LLaMA-2") == merge_key("llama 2")
    (True, True)
    """
    name = _TRAILING_PLURAL.sub("", name.strip())
    return entity_key(name).replace(" ", "")


#: entity names repeat across papers ("BERT", "machine translation")
_entity_key = functools.lru_cache(maxsize=100_000)(entity_key)


def method_role(doc: Doc, span: Span) -> str:
    """ "proposes" when the sentence makes the method the paper's own, else "uses".

    Cues: "we propose/introduce/present ... X" (no "using/based on/with" in between),
    "this paper proposes X", "our X", "the proposed X", "termed/dubbed/called X".
    """
    start = span.start
    sent_start = sentence_bounds(doc, start)[0]
    lows = token_lows(doc)
    before = lows[max(sent_start, start - 4) : start]
    if "our" in before or "proposed" in before or not cues.NAMING_WORDS.isdisjoint(before):
        return "proposes"
    look_back = max(sent_start, start - 40)  # a bounded look-back
    if cues.PROPOSE_VERBS.isdisjoint(lows[max(look_back, start - 15) : start]):
        return "uses"  # no proposing verb close enough (the rule below), the usual case
    subject = False
    verb_at = None
    previous = ""
    for i, low in enumerate(lows[look_back:start], look_back):
        if low == "we" or (low in {"paper", "work", "study", "article", "letter"} and previous == "this"):
            subject = True
        elif subject and low in cues.PROPOSE_VERBS:
            verb_at = i
        elif verb_at is not None and low in _BLOCKERS:
            verb_at = None
            subject = False
        previous = low
    if verb_at is not None and start - verb_at <= 15:
        return "proposes"
    return "uses"


def entities_from_doc(doc: Doc) -> list[Entity]:
    """Group a doc's classified mentions into entities with evidence, in order of first mention."""

    spans = doc.user_data.get(MENTIONS_KEY)
    if spans is None:
        spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    if not spans:
        return []
    lexicon_names = canonical_names()
    # acronym -> long form, from the pairs the abbreviation detector found
    long_of: dict[str, str] = {}
    for long, short in abbreviation_pairs(doc):
        long_of.setdefault(merge_key(span_text(doc, short.start, short.end)), span_text(doc, long.start, long.end))
    ident_of_key: dict[str, str] = {}
    texts = [span_text(doc, span.start, span.end) for span in spans]  # ``Span.text`` builds Tokens
    keys = list(map(merge_key, texts))
    for span, key in zip(spans, keys):
        if span.id_:
            ident_of_key.setdefault(key, span.id_)

    sentences: dict[int, str] = {}  # one string per sentence, shared by its evidence
    full_text = doc_text(doc)  # Doc.text is rebuilt on every access
    toks = token_texts(doc)[0]
    lows = token_lows(doc)
    offsets = token_offsets(doc)
    cores = doc.user_data.get(TASK_CORES_KEY) or {}
    groups: dict[str, dict] = {}
    order: list[str] = []
    for span, text, key in zip(spans, texts, keys):
        if not key:
            continue
        long = long_of.get(key)
        group_key = merge_key(long) if long else key
        ident = span.id_ or ident_of_key.get(group_key) or ident_of_key.get(key)
        if ident:
            group_key = "id:" + ident
        group = groups.get(group_key)
        if group is None:
            group = groups[group_key] = {"ident": ident, "long": long, "kinds": [], "forms": [], "spans": []}
            order.append(group_key)
        group["kinds"].append(span.label_)
        if long and not group["long"]:
            group["long"] = long
        if ident and not group["ident"]:
            group["ident"] = ident
        group["forms"].append(text)
        group["spans"].append(span)
        if span.label_ == "DATASET":
            called = dataset_called_end(lows, span.end)
            if called > span.end:
                group.setdefault("called", []).append(span_text(doc, span.start, called))
        elif span.label_ == "TASK" and (span.start, span.end) in cores:
            group.setdefault("called", []).append(span_text(doc, cores[span.start, span.end], span.end))

    for group in groups.values():
        _lower_sentence_initial(doc, group)

    entities = []
    for group_key in order:
        group = groups[group_key]
        kinds = group["kinds"]
        label = max(dict.fromkeys(kinds), key=kinds.count)  # the most frequent, the first on ties
        kind = _KIND_NAMES[label]
        forms = group["forms"]
        named = any(form != form.lower() for form in forms)
        if group["ident"] and group["ident"] in lexicon_names and named:
            name = lexicon_names[group["ident"]]
        elif group["long"]:
            name = group["long"]
        else:
            name = _display_form(forms)
        if kind == "venue":
            event = _SHARED_TASK_EVENT.match(name)
            if event:  # "SemEval 2023 shared task" is an event of "SemEval 2023"; the full form stays an alias
                forms = [*forms, name]
                name = event.group(1)
        key = group["ident"] or _entity_key(name)
        aliases = []
        seen = {name}
        for form in forms + ([group["long"]] if group["long"] else []) + group.get("called", []):
            if form not in seen:
                seen.add(form)
                aliases.append(form)
        evidence = []
        for s in group["spans"]:
            # character offsets from the bulk arrays: ``Span.start_char`` builds a Token
            start_char = offsets[s.start]
            end_char = offsets[s.end - 1] + len(toks[s.end - 1])
            evidence.append(Evidence(
                sentence=_evidence_sentence(doc, s.start, start_char, end_char, sentences, full_text, toks, offsets),
                start=start_char, end=end_char, rule=s.kb_id_ or "lexicon",
            ))
        role = None
        if kind == "method":
            role = "proposes" if any(method_role(doc, s) == "proposes" for s in group["spans"]) else "uses"
        entities.append(Entity(kind=kind, key=key, name=name, aliases=aliases, evidence=evidence, role=role))
    return entities


def _lower_sentence_initial(doc: Doc, group: dict) -> None:
    """ "Prompt tuning is ..." beside "prompt tuning" elsewhere: the capital comes from the sentence, not the name."""
    forms = group["forms"]
    if len(forms) < 2:
        return
    written = set(forms)
    starts = None
    for i, form in enumerate(forms):
        lowered = form[:1].lower() + form[1:]
        if lowered != form and lowered in written:
            if starts is None:
                starts = {sentence_bounds(doc, span.start)[0] for span in group["spans"]}
            if group["spans"][i].start in starts:
                forms[i] = lowered


def _display_form(forms: list[str]) -> str:
    """The most frequent spelling, preferring a singular one on ties."""
    if len(forms) == 1:
        return forms[0]
    counts = Counter(forms)
    return max(counts, key=lambda f: (counts[f], not f.endswith("s"), -len(f)))


#: evidence sentences longer than this are cut to a window around the mention (hostile input)
MAX_SENTENCE_CHARS = 2000


def _evidence_sentence(doc: Doc, token: int, start_char: int, end_char: int, cache: dict, text: str,
                       toks: list[str], offsets: list[int]) -> str:
    """The sentence holding token ``token`` (cut to a window around the mention when very long)."""
    sent_start, sent_end = sentence_bounds(doc, token)
    sent_start_char = offsets[sent_start]
    sent_end_char = offsets[sent_end - 1] + len(toks[sent_end - 1])
    if sent_end_char - sent_start_char <= MAX_SENTENCE_CHARS:
        if sent_start not in cache:
            cache[sent_start] = text[sent_start_char:sent_end_char]
        return cache[sent_start]
    half = MAX_SENTENCE_CHARS // 2
    lo = max(sent_start_char, start_char - half)
    hi = min(sent_end_char, end_char + half)
    return text[lo:hi]
