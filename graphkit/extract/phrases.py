"""Task-phrase and name-span tests shared by the name and classifier components.

Whether a word can modify a task ("3D", "multi-stage" cannot), how far a task phrase extends to the
left, whether weak task phrases are supported by a cue, whether a name is coordinated in a list or a
cited person.
"""

from __future__ import annotations

import bisect
import functools
import re

from spacy.tokens import Doc

from graphkit.extract.candidates import Candidate
from graphkit.extract.rules import cues
from graphkit.extract.tokens import (
    _BREAK,
    _EXCESS_PREFIXES,
    _YEAR,
    _sentence_starts,
    _venue_edition,
    token_texts,
    word_shape,
)

_PROCESS_STEPS = re.compile(
    r"^(?:\d+|one|two|three|four|five|six|single)-(?:stage|step|phase|pass|round)s?$|^multi-(?:stage|phase|pass|round)s?$"
)


def _task_head(low: str) -> bool:
    if low in cues.TASK_HEADS or low.endswith(cues.TASK_SUFFIXES):
        return True
    return low.rsplit("-", 1)[-1] in cues.TASK_HEADS and not low.startswith(_EXCESS_PREFIXES)



#: "2D", "3D": dimensions open task names ("3D object detection") though they are not words
_DIMENSION = re.compile(r"^[1-4]D$")


#: "BERT-based", "LLM-generated", "CLIP-guided": a name made an adjective says how, not which task
_NAMED_ADJECTIVE = re.compile(
    r"^(?=[^-]*[A-Z][^-]*[A-Z0-9])[^-]+-(?:{})$".format("|".join(map(re.escape, sorted(cues.ADJECTIVE_SUFFIXES))))
)


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
