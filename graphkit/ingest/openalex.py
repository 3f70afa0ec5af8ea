"""OpenAlex works: JSON Lines of the API's work objects, as in the OpenAlex snapshot
(``works/updated_date=…/part_000.gz``) or ``/works`` results saved one per line.

Read: ``title`` (or ``display_name``), ``publication_year``, ``publication_date``, ``authorships``
(each author's ``display_name`` and OpenAlex ``id``, kept as identity evidence), the venue from
``primary_location.source.display_name``, the abstract rebuilt from ``abstract_inverted_index``
(OpenAlex ships abstracts only inverted: word -> positions), topics, keywords and concepts below
the top level as subject terms (Task candidates), ``doi`` and ``id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphkit.ingest._records import clean
from graphkit.ingest._source import FileReport, SourceText
from graphkit.ingest.jsonl import papers_from_objects
from graphkit.model import Paper

__all__ = ["is_openalex_object", "read_openalex", "rebuild_abstract"]

_WORK_ID = "https://openalex.org/W"


def is_openalex_object(obj: dict[str, Any]) -> bool:
    """True for an OpenAlex work object (told apart from plain JSON Lines by its keys)."""
    work_id = obj.get("id")
    return "authorships" in obj or "abstract_inverted_index" in obj or (
        isinstance(work_id, str) and work_id.startswith(_WORK_ID)
    )


def rebuild_abstract(index: Any, max_chars: int) -> str | None:
    """The abstract text of an ``abstract_inverted_index`` (``{"We": [0], "study": [1], …}``).

    Raises ValueError when the index is not an object of words to lists of positions; stops once
    ``max_chars`` characters are reached.

    >>> rebuild_abstract({"graphs.": [2], "We": [0], "study": [1]}, 100)
    'We study graphs.'
    >>> rebuild_abstract(None, 100) is None
    True
    """
    if index is None:
        return None
    if not isinstance(index, dict):
        raise ValueError(f"expected 'abstract_inverted_index' as an object, got a JSON {type(index).__name__}")
    placed: list[tuple[int, str]] = []
    budget = max_chars
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(type(p) is int and p >= 0 for p in positions):
            raise ValueError(
                f"expected 'abstract_inverted_index' to map each word to a list of positions, got {word!r}: "
                f"{str(positions)[:30]}"
            )
        for position in positions:
            placed.append((position, word))
            budget -= len(word) + 1
        if budget < 0:
            break
    placed.sort()
    return " ".join(" ".join(word for _, word in placed).split()) or None


def _name(value: Any) -> str | None:
    return clean(value.get("display_name")) if isinstance(value, dict) else None


def _terms(obj: dict[str, Any]) -> list[str]:
    terms: list[str] = []
    primary = _name(obj.get("primary_topic"))
    if primary:
        terms.append(primary)
    for key in ("topics", "keywords"):
        terms.extend(t for t in (_name(item) for item in obj.get(key) or [] if isinstance(item, dict)) if t)
    for concept in obj.get("concepts") or []:  # level 0 is a discipline ("Computer science")
        if isinstance(concept, dict) and isinstance(concept.get("level"), int) and concept["level"] >= 1:
            if name := _name(concept):
                terms.append(name)
    return terms


def _authors(obj: dict[str, Any]) -> tuple[list[str], list[str]]:
    authorships = obj.get("authorships") or []
    if not isinstance(authorships, list):
        raise ValueError(f"expected 'authorships' as a list, got a JSON {type(authorships).__name__}")
    names, ids = [], []
    for item in authorships:
        if not isinstance(item, dict):
            raise ValueError(f"expected each authorship as an object, got a JSON {type(item).__name__}")
        author = item.get("author") if isinstance(item.get("author"), dict) else {}
        name = clean(author.get("display_name")) or clean(item.get("raw_author_name"))
        if not name:
            continue
        names.append(name)
        author_id = author.get("id")
        ids.append(author_id if isinstance(author_id, str) and author_id.startswith("https://openalex.org/A") else "")
    return names, ids


def _paper(obj: dict[str, Any], number: int, report: FileReport) -> Paper:
    abstract = rebuild_abstract(obj.get("abstract_inverted_index"), report.limits.abstract_chars)
    if not abstract:
        raise ValueError("expected an 'abstract_inverted_index' (the abstract), got none")
    names, ids = _authors(obj)
    location = obj.get("primary_location")
    source = location.get("source") if isinstance(location, dict) else None
    venue = _name(source) or _name(obj.get("host_venue"))  # host_venue: the pre-2023 field
    year = obj.get("publication_year")
    work_id = obj.get("id") if isinstance(obj.get("id"), str) else None
    return report.paper(
        title=clean(obj.get("title")) or clean(obj.get("display_name")),
        abstract=abstract,
        authors=tuple(names),
        author_ids=tuple(ids),
        authors_truncated=obj.get("is_authors_truncated") is True,
        year=year if type(year) is int and 0 < year <= 9999 else None,
        date=clean(obj.get("publication_date")),
        venue=venue,
        url=clean(obj.get("doi")) or work_id,
        external_id=work_id,
        keywords=tuple(_terms(obj)),
        line=number,
    )


def read_openalex(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per OpenAlex work line that has an abstract."""
    return papers_from_objects(src, report, _paper)
