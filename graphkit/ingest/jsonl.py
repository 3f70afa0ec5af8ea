"""JSON Lines: one paper object per line, at least ``abstract``; optional ``id, title, authors,
year, venue, date, url`` (and the other fields ``graphkit parse`` writes, so its output reads back)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["json_objects", "read_jsonl", "split_author_string"]


def json_objects(src: SourceText, report: FileReport) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each line holding a JSON object; other lines are warned about."""
    for number, text, problem in src.numbered():
        if problem:
            report.warn(number, f"skipped this record: it holds {problem}")
            continue
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as err:  # JSONDecodeError, a 5000-digit number, deep nesting
            reason = getattr(err, "msg", None) or (
                "nesting too deep" if isinstance(err, RecursionError) else str(err)[:60]
            )
            report.warn(number, f"expected a JSON object, got invalid JSON ({reason}): {shorten(text)}")
            continue
        if not isinstance(obj, dict):
            report.warn(number, f"expected a JSON object, got a JSON {type(obj).__name__}")
            continue
        yield number, obj


def split_author_string(text: str) -> list[str]:
    """Split ``"A, B and C"`` into names.

    >>> split_author_string("Ada Lovelace, Alan Turing and Grace Hopper")
    ['Ada Lovelace', 'Alan Turing', 'Grace Hopper']
    """
    names: list[str] = []
    for part in text.split(","):
        names.extend(p.strip() for p in part.split(" and "))
    return [n for n in names if n]


def _text(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise ValueError(f"expected text in field {key!r}, got a JSON {type(value).__name__}")


def _year(obj: dict[str, Any]) -> int | None:
    value = obj.get("year")
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and -9999 <= value <= 9999:
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,4}", value.strip()):
        return int(value.strip())
    raise ValueError(f"expected a year such as 2021 in field 'year', got {value!r}"[:120])


def _authors(obj: dict[str, Any]) -> list[str]:
    value = obj.get("authors")
    if value is None:
        return []
    if isinstance(value, str):
        return split_author_string(value)
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    raise ValueError("expected 'authors' as a list of names or one string, got something else")


def _strings(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError(f"expected {key!r} as a list of strings, got something else")


def paper_from_object(obj: dict[str, Any], number: int, report: FileReport) -> Paper:
    """The Paper of one JSON object; ValueError says what is wrong with it."""
    abstract = obj.get("abstract")
    if not isinstance(abstract, str) or not abstract.strip():
        raise ValueError(
            f"expected a non-empty 'abstract', got {'no abstract' if abstract is None else repr(abstract)[:40]}"
        )
    abstract = abstract.strip()
    title = _text(obj, "title")
    # graphkit's own output carries its id in "id" and the input's in "external_id"
    own_output = "external_id" in obj and "authors_truncated" in obj
    external = _text(obj, "external_id") if own_output else _text(obj, "id")
    return report.paper(
        title=title,
        abstract=abstract,
        authors=tuple(_authors(obj)),
        authors_truncated=obj.get("authors_truncated") is True,
        year=_year(obj),
        date=_text(obj, "date"),
        category=_text(obj, "category"),
        has_code=obj.get("has_code") is True,
        profile_owner=_text(obj, "profile_owner"),
        affiliation=_text(obj, "affiliation"),
        venue=_text(obj, "venue"),
        url=_text(obj, "url"),
        external_id=external,
        author_ids=tuple(_strings(obj, "author_ids")) if own_output else (),
        keywords=tuple(_strings(obj, "keywords")),
        line=number,
    )


def papers_from_objects(
    src: SourceText, report: FileReport, to_paper: Callable[[dict[str, Any], int, FileReport], Paper]
) -> Iterator[Paper]:
    """One paper per JSON object line, made by ``to_paper``; a ValueError it raises is a warning
    naming the line, and the line is skipped."""
    for number, obj in json_objects(src, report):
        try:
            paper = to_paper(obj, number, report)
        except ValueError as err:
            report.warn(number, str(err))
            continue
        report.read += 1
        yield paper


def read_jsonl(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per JSON object line."""
    return papers_from_objects(src, report, paper_from_object)
