"""The arXiv metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``): JSON Lines with
``id, authors`` (one string ``"A, B and C"``), ``title, abstract, categories, journal-ref, update_date``.

Titles, abstracts and names are hard-wrapped in the snapshot; their runs of white space are
collapsed to one space. ``year`` comes from the arXiv id (``2101.00001`` -> 2021, ``hep-th/9901001``
-> 1999), the month the paper was first submitted; ``venue`` is the journal reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphkit.ingest._source import FileReport, SourceText
from graphkit.ingest.jsonl import json_objects, split_author_string
from graphkit.model import Paper

__all__ = ["is_arxiv_object", "arxiv_year", "read_arxiv"]

_NEW_ID = re.compile(r"^(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?$")
_OLD_ID = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/(?P<yy>\d{2})(?P<mm>\d{2})\d{3}(?:v\d+)?$")
_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\([^()]*\)")


def is_arxiv_object(obj: dict[str, Any]) -> bool:
    """True for a record of the arXiv snapshot (told apart from plain JSON Lines by its keys)."""
    return "abstract" in obj and "categories" in obj and (
        "update_date" in obj or "journal-ref" in obj or isinstance(obj.get("authors"), str)
    )


def arxiv_year(arxiv_id: str) -> int | None:
    """Year of first submission encoded in an arXiv id.

    >>> arxiv_year("2101.00001"), arxiv_year("hep-th/9901001"), arxiv_year("0704.0001"), arxiv_year("x")
    (2021, 1999, 2007, None)
    """
    match = _NEW_ID.match(arxiv_id) or _OLD_ID.match(arxiv_id)
    if not match:
        return None
    yy = int(match["yy"])
    return 1900 + yy if yy >= 91 else 2000 + yy


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _SPACES.sub(" ", value).strip() or None


def read_arxiv(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per snapshot line."""
    for number, obj in json_objects(src, report):
        abstract = _clean(obj.get("abstract"))
        if not abstract:
            report.warn(number, "expected a non-empty 'abstract', got none")
            continue
        title = _clean(obj.get("title"))
        arxiv_id = _clean(str(obj["id"])) if obj.get("id") is not None else None
        authors_text = _clean(obj.get("authors"))
        categories = (_clean(obj.get("categories")) or "").split()
        paper = report.paper(
            title=title,
            abstract=abstract,
            authors=tuple(split_author_string(_PARENS.sub("", authors_text))) if authors_text else (),
            year=arxiv_year(arxiv_id) if arxiv_id else None,
            category=categories[0] if categories else None,
            venue=_clean(obj.get("journal-ref")),
            url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
            external_id=arxiv_id,
            line=number,
        )
        report.read += 1
        yield paper
