"""The extraction rules' data: lexicon patterns and word lists, shipped as package data.

``methods.jsonl``, ``datasets.jsonl``, ``tasks.jsonl`` and ``venues.jsonl`` hold one lexicon
pattern per line, ``{"pattern", "id", "name"}`` (regenerate them with ``scripts/build_patterns.py``);
``common_words.txt`` and ``verbs.txt`` are corpus word lists; :mod:`graphkit.extract.rules.cues`
holds the curated head nouns, cue verbs and stop lists the components share.
"""

from __future__ import annotations

import functools
from pathlib import Path

import srsly

from graphkit.errors import ExtractionError

__all__ = ["RULES_DIR", "PATTERN_FILES", "load_patterns", "canonical_names", "load_words"]

#: the folder of the shipped pattern and word files
RULES_DIR = Path(__file__).parent
#: pattern file -> span label
PATTERN_FILES = {
    "methods.jsonl": "METHOD",
    "datasets.jsonl": "DATASET",
    "tasks.jsonl": "TASK",
    "venues.jsonl": "VENUE",
}


@functools.cache
def load_patterns() -> tuple[dict, ...]:
    """Every lexicon pattern shipped with graphkit: ``{"label", "pattern", "id", "name"}``.

    ``id`` is the canonical entity key and ``name`` the canonical display name.
    """
    patterns: list[dict] = []
    for filename, label in PATTERN_FILES.items():
        path = RULES_DIR / filename
        try:
            rows = list(srsly.read_jsonl(path))
        except (OSError, ValueError) as err:
            raise ExtractionError(f"cannot read pattern file {path}: {err}") from None
        for number, row in enumerate(rows, 1):
            if not isinstance(row, dict) or not isinstance(row.get("pattern"), str) or not row.get("id"):
                raise ExtractionError(
                    f"{path}:{number}: expected {{\"pattern\": str, \"id\": str}}, got {row!r}"
                )
            patterns.append(
                {"label": label, "pattern": row["pattern"], "id": row["id"], "name": row.get("name", row["pattern"])}
            )
    return tuple(patterns)


@functools.cache
def canonical_names() -> dict[str, str]:
    """Lexicon id -> canonical display name."""
    names: dict[str, str] = {}
    for row in load_patterns():
        names.setdefault(row["id"], row["name"])
    return names


def load_words(filename: str) -> frozenset[str]:
    """The white-space separated words of a shipped word list (empty when the file is missing)."""
    try:
        return frozenset((RULES_DIR / filename).read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()
