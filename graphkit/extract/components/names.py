"""``graphkit_names``: name-shaped words, capitalised phrases and task noun phrases as candidates."""

from __future__ import annotations

from itertools import compress, count

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract.candidates import Candidate, _candidates
from graphkit.extract.phrases import _DIMENSION, _is_task_modifier
from graphkit.extract.rules import cues
from graphkit.extract.tokens import _NAME_OR_TITLE, _VERSION, sentence_words


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
        """Add a name chunk; "A and B" is split in two unless a head shows one name ("Ranking and
        Calibration Framework")."""
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
                cands.append(
                    Candidate(words[a][0], words[b][1], "shape:name" if sub_names else "shape:title", priority=1)
                )

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
                if (
                    shapes[first - 1] == "other" and not _DIMENSION.match(sent.texts[first - 1])
                ) or not _is_task_modifier(sent.texts[first - 1]):
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
