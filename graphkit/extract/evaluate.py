"""Score extraction against a gold file (the format and scoring of ``shared/gold/README.md``).

A gold record: ``{"source", "index", "title", "abstract_start", "methods": [[surface, ...], ...],
"datasets": [...], "tasks": [...], "venues": [...]}``; each inner list is one entity's surface forms.

A predicted entity is correct when its name or any alias matches any surface form of a gold
entity of the same kind after :func:`normalise`. Methods and datasets written entirely in lower
case count neither for nor against. Precision is over predicted entities, recall over gold ones.

>>> gold = [["multimodal information bottleneck", "MIB"]]
>>> score_kind("method", [["MIB"], ["BERT"]], gold)
(1, 2, 1, 1)
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.model import Entity, Paper
from graphkit.schema import ENTITY_KINDS

__all__ = [
    "normalise",
    "score_kind",
    "Scores",
    "evaluate",
    "load_gold",
    "gold_papers",
    "TRAILING_HEADS",
]

#: heads dropped from the end of a name before matching
TRAILING_HEADS = frozenset(
    """dataset datasets data benchmark benchmarks corpus corpora model models framework frameworks
    method methods module modules layer layers network networks approach architecture algorithm
    system task tasks""".split()
)
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(surface: str) -> str:
    """Casefold, drop punctuation, a leading "the", trailing heads and a trailing plural s.

    >>> normalise("The KITTI 3D detection benchmark")
    'kitti 3d detection'
    >>> normalise("Graph Neural Networks") == normalise("graph neural network")
    True
    >>> normalise("VQA-CP v2")
    'vqacp v2'
    """
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _PUNCT.sub("", text.replace("_", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in TRAILING_HEADS:
        words = words[:-1]
    if words and len(words[-1]) > 2 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _all_lower(forms: Iterable[str]) -> bool:
    return not any(c.isupper() for form in forms for c in form)


def score_kind(
    kind: str, predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]
) -> tuple[int, int, int, int]:
    """``(correct predictions, predictions, found gold, gold)`` for one abstract and one kind.

    ``predicted`` and ``gold`` are lists of entities, each a list of surface forms.

    >>> score_kind("method", [["triplet loss"]], [["triplet loss"]])  # lower case: not scored
    (0, 0, 0, 0)
    >>> score_kind("task", [["sentiment analysis"]], [["multimodal sentiment analysis"]])
    (0, 1, 0, 1)
    """
    if kind in {"method", "dataset"}:
        predicted = [p for p in predicted if not _all_lower(p)]
        gold = [g for g in gold if not _all_lower(g)]
    gold_sets = [{normalise(s) for s in g} - {""} for g in gold]
    pred_sets = [{normalise(s) for s in p} - {""} for p in predicted]
    correct = sum(1 for p in pred_sets if any(p & g for g in gold_sets))
    found = sum(1 for g in gold_sets if any(p & g for p in pred_sets))
    return correct, len(pred_sets), found, len(gold_sets)


@dataclass
class Scores:
    """Counts per kind, and precision/recall/F1 from them (micro-averaged over abstracts)."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0, 0] for k in ENTITY_KINDS})
    abstracts: int = 0

    def add(self, kind: str, counts: tuple[int, int, int, int]) -> None:
        self.counts[kind] = [a + b for a, b in zip(self.counts[kind], counts)]

    def prf(self, kind: str) -> tuple[float, float, float]:
        correct, predicted, found, gold = self.counts[kind]
        precision = correct / predicted if predicted else 1.0
        recall = found / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def rows(self) -> list[dict]:
        out = []
        for kind in ENTITY_KINDS:
            p, r, f = self.prf(kind)
            correct, predicted, found, gold = self.counts[kind]
            out.append({"type": kind + "s", "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                        "predicted": predicted, "gold": gold})
        return out


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSON Lines file; a malformed line is a :class:`GraphkitError` naming it."""
    rows = []
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise GraphkitError(f"cannot read gold file {path}: {err.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise GraphkitError(f"{path}:{number}: not JSON ({err.msg})") from None
        if not isinstance(row, dict) or "abstract_start" not in row or "source" not in row:
            raise GraphkitError(f"{path}:{number}: expected an object with source, index, abstract_start")
        rows.append(row)
    return rows


def _squash(text: str) -> str:
    return " ".join(text.split())


def _raw_abstracts(path: Path) -> list[str]:
    """Abstract texts of one file without the parser: JSON Lines "abstract" fields, else lines."""
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            return [json.loads(line).get("abstract") or "" for line in handle if line.strip()]
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [re.sub(r"^\s*Abstract\s*:\s*", "", line).strip() for line in lines if line.strip()]


def _files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(x for x in p.iterdir() if x.is_file()))
        elif p.is_file():
            files.append(p)
    return files


def gold_papers(gold: list[dict], paths: Iterable[str | Path]) -> list[Paper]:
    """The abstract of each gold record, found by ``source`` and ``abstract_start`` in ``paths``.

    Uses the ingest stage's parser when it is available (so offsets are those of ``graphkit
    parse``), else reads the files directly. A record whose abstract cannot be found is an error.
    """
    files = {f.name: f for f in _files(paths)}
    parsed: dict[str, list[str]] = {}
    try:
        from graphkit.ingest import parse_paths  # type: ignore[attr-defined]
    except ImportError:
        parse_paths = None
    papers = []
    used: dict[tuple[str, str], int] = {}  # abstracts sharing a start are taken in file order
    for row in gold:
        source = row["source"]
        if source not in parsed:
            if source not in files:
                raise GraphkitError(f"gold source {source!r} not found in {[str(p) for p in paths]}; pass its folder")
            texts: list[str] = []
            if parse_paths is not None:
                try:
                    texts = [p.abstract for p in parse_paths([str(files[source])])]
                except GraphkitError:
                    texts = []
            parsed[source] = texts + _raw_abstracts(files[source])
        start = _squash(row["abstract_start"])
        matches = list(dict.fromkeys(t for t in parsed[source] if _squash(t).startswith(start)))
        nth = used.get((source, start), 0)
        used[(source, start)] = nth + 1
        match = matches[min(nth, len(matches) - 1)] if matches else None
        if match is None:
            raise GraphkitError(f"{source}: no abstract starts with {row['abstract_start']!r}")
        papers.append(Paper(source=source, index=int(row.get("index", 0)), id=f"{source}#{row.get('index', 0)}",
                            abstract=match, title=row.get("title")))
    return papers


def _surface_forms(entity: Entity) -> list[str]:
    return [entity.name, *entity.aliases]


def evaluate(gold: list[dict], predictions: Iterable[list[Entity]]) -> Scores:
    """Score each abstract's predicted entities against its gold record."""
    scores = Scores()
    for row, entities in zip(gold, predictions):
        scores.abstracts += 1
        for kind in ENTITY_KINDS:
            predicted = [_surface_forms(e) for e in entities if e.kind == kind]
            scores.add(kind, score_kind(kind, predicted, row.get(kind + "s") or []))
    return scores
