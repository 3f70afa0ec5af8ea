"""``graphkit_context``: context rules that name a candidate's kind from the words around it
("we propose X", "on the X dataset", "X shared task", "at CVPR 2023")."""

from __future__ import annotations

from itertools import compress, count

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.extract.candidates import Candidate, _candidates
from graphkit.extract.rules import cues
from graphkit.extract.tokens import _ROMAN, _VERSION, sentence_words

_VENUE_TRIGGERS = frozenset({"shared", "challenge", "workshop", "competition", "track"})
#: the only words the context rules start from
_CONTEXT_TRIGGERS = (cues.DATASET_HEADS | _VENUE_TRIGGERS | cues.NAMING_WORDS | {"data"}).__contains__


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
                if low == "data":
                    if k + 1 >= n or lows[k + 1] not in {"set", "sets"}:
                        continue
                    low = "data set" if lows[k + 1] == "set" else "data sets"  # "the TV data set": a head
                # on the X dataset / X benchmark
                if (low in cues.DATASET_HEADS or low.startswith("data ")) and k > 0:
                    first = k
                    while first > 0 and k - first < 5 and words[first - 1][1] == words[first][0] and (
                        shapes[first - 1] in {"name", "title"}
                        or (first > 1 and _VERSION.match(texts[first - 1]) and shapes[first - 2] in {"name", "title"})
                    ):
                        first -= 1
                    if first == k:
                        # "the KITTI 3D detection benchmark": a name, then lower-case words, then the head
                        probe = k - 1
                        while (
                            probe > 0
                            and k - probe < 4
                            and shapes[probe] in {"lower", "other"}
                            and lows[probe] not in cues.STOP
                            and words[probe - 1][1] == words[probe][0]
                        ):
                            probe -= 1
                        if probe < k - 1 and (
                            shapes[probe] == "name"
                            and (probe == 0 or lows[probe - 1] in {"the", "on", "of"})
                            # "the Yale face database": a capitalised word after "the" names it too
                            or shapes[probe] == "title" and probe > 0 and lows[probe - 1] == "the"
                        ):
                            last = k + 1 if low.startswith("data ") else k  # "the IMM face data set"
                            cands.append(
                                Candidate(
                                    words[probe][0], words[last][1], "context:on_the_X_dataset", kind="DATASET",
                                    priority=2,
                                )
                            )
                    # "dataset VIST", "the benchmark MER-Bench": a name right after a singular head
                    if (
                        k + 1 < n
                        and not low.endswith("s")
                        and shapes[k + 1] == "name"
                        and words[k + 1][0] == words[k][1]
                    ):
                        cands.append(
                            Candidate(words[k + 1][0], words[k + 1][1], "context:dataset_X", kind="DATASET", priority=2)
                        )
                    if first < k and not (
                        first == 0 and words[0][0] == sent.start and k - first == 1 and shapes[0] == "title"
                    ):
                        # "Penn Treebank", "WhAP Corpus": a capitalised head belongs to the name
                        end = words[k][1] if texts[k][:1].isupper() else words[k - 1][1]
                        cands.append(
                            Candidate(words[first][0], end, "context:on_the_X_dataset", kind="DATASET", priority=2)
                        )
                    self._list(doc, words, texts, shapes, k, cands)
                elif low in _VENUE_TRIGGERS:
                    self._venue(doc, sent, words, texts, shapes, k, cands)
                elif low in cues.NAMING_WORDS and k + 1 < n and shapes[k + 1] in {"name", "title"}:
                    j = k + 1
                    while (
                        j + 1 < n
                        and j - k < 6
                        and shapes[j + 1] in {"name", "title"}
                        and words[j + 1][0] == words[j][1]
                    ):
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
            if (
                not forward
                and seen_items == 1
                and not (
                    0 <= j < n and texts[j].lower() in {"and", "or"} or (0 <= j < n and words[j][1] != words[j + 1][0])
                )
            ):
                break

    def _venue(self, doc, sent, words, texts, shapes, k, cands) -> None:
        low = texts[k].lower()
        n = len(words)
        if low == "shared":
            task_at = k + 1
            # "WMT21 shared news translation task": a few lower-case words may name the task in between
            while (
                task_at < n
                and task_at - k <= 3
                and shapes[task_at] == "lower"
                and not texts[task_at].startswith("task")
            ):
                task_at += 1
            if task_at < n and texts[task_at].lower().startswith("task") and k > 0 and (
                shapes[k - 1] in {"name", "title"} or _VERSION.match(texts[k - 1]) or _ROMAN.match(texts[k - 1])
            ):
                first = k - 1
                while (
                    first > 0
                    and k - first < 8
                    and (
                        shapes[first - 1] in {"name", "title"}
                        or _VERSION.match(texts[first - 1])
                        or _ROMAN.match(texts[first - 1])
                    )
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
                    cands.append(
                        Candidate(words[first][0], words[last][1], "context:shared_task", kind="VENUE", priority=2)
                    )
                # "SemEval 2023 shared task: AfriSenti"
                after = words[task_at][1]
                if after < len(doc) and doc[after].text == ":" and task_at + 1 < n and shapes[task_at + 1] == "name":
                    cands.append(
                        Candidate(
                            words[task_at + 1][0],
                            words[task_at + 1][1],
                            "context:shared_task",
                            kind="VENUE",
                            priority=2,
                        )
                    )
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
