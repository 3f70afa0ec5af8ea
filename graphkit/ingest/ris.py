"""RIS (``TY  - JOUR`` ... ``ER  -``), the export format of Scopus, Web of Science, Zotero, EndNote,
Mendeley and most publishers; each record is parsed by `rispy <https://pypi.org/project/rispy/>`_.

graphkit cuts the file into records itself (a record opens with ``TY  -`` and closes with
``ER  -``), so every problem names the line of its record: a record never closed, a line outside
any record, a record without an abstract (``AB`` or ``N2``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import rispy

from graphkit.ingest._records import clean, display_name, first_year
from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["read_ris", "is_ris_line"]

#: a tag line: two characters, two spaces, a hyphen (the value may be empty, ``ER  -``)
_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def is_ris_line(text: str) -> bool:
    """True for a line opening a RIS record (``TY  - JOUR``)."""
    match = _TAG.match(text.strip())
    return bool(match) and match[1] == "TY"


def _records(src: SourceText, report: FileReport) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, lines) of each record from ``TY`` to ``ER``; a record larger than
    :func:`record_limit` is skipped with a warning (so a file never closing its record is read in
    bounded memory)."""
    start: int | None = None
    lines: list[str] = []
    size = 0
    limit = record_limit(report)
    stray: int | None = None
    skipping = False  # inside a record too large to keep, until its ER
    for number, text, _problem in src.numbered():
        text = text.rstrip()
        match = _TAG.match(text.lstrip("\ufeff"))
        if skipping:
            skipping = not (match and match[1] == "ER")
            continue
        if start is None:
            if match and match[1] == "TY":
                start, lines, size = number, [text.lstrip("\ufeff")], len(text)
            elif stray is None:  # one warning per run of lines outside a record
                stray = number
                report.warn(number, f"expected a RIS record opening with 'TY  - ', got {shorten(text)}", skipped=0)
            continue
        if match and match[1] == "TY":
            report.warn(start, "expected 'ER  -' closing this RIS record, got the next 'TY  - ' line; record skipped")
            start, lines, size = number, [text], len(text)
            continue
        size += len(text)
        if size > limit:
            report.warn(start, f"expected a RIS record of at most {limit:,} characters, got more; record skipped")
            start, lines, size = None, [], 0
            skipping = not (match and match[1] == "ER")
            continue
        lines.append(text)
        if match and match[1] == "ER":
            yield start, number, lines
            start, lines, stray = None, [], None
    if start is not None:
        report.warn(start, "expected 'ER  -' closing this RIS record, got the end of the file; record skipped")


def record_limit(report: FileReport) -> int:
    """Characters one tagged record (RIS, Web of Science) may hold: room for the longest abstract,
    title and author list the limits allow."""
    limits = report.limits
    return limits.abstract_chars + limits.title_chars + 16 * limits.field_chars + limits.authors * 64


def _first(record: dict, *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = next((v for v in value if clean(v)), None)
        if text := clean(value):
            return text
    return None


def read_ris(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per RIS record that has an abstract."""
    for first, last, lines in _records(src, report):
        problem = src.problem(first, last)
        if problem:
            report.warn(first, f"skipped this RIS record: it holds {problem}")
            continue
        try:
            [record] = rispy.loads("\n".join(lines))
        except Exception as err:  # noqa: BLE001 - rispy raises assorted errors on hostile input
            report.warn(first, f"expected a RIS record, rispy gave up: {type(err).__name__}: {err}"[:200])
            continue
        abstract = _first(record, "abstract", "notes_abstract")
        if not abstract:
            report.warn(first, "expected an abstract (an AB or N2 line) in this RIS record, got none; record skipped")
            continue
        names = record.get("authors") or record.get("first_authors") or []
        authors = [display_name(n) for n in names if isinstance(n, str) and n.strip()]
        doi = _first(record, "doi")
        paper = report.paper(
            title=_first(record, "title", "primary_title"),
            abstract=abstract,
            authors=tuple(a for a in authors if a),
            year=first_year(_first(record, "year", "publication_year", "date")),
            date=_first(record, "date"),
            venue=_first(record, "secondary_title", "journal_name", "alternate_title3", "alternate_title1"),
            url=_first(record, "urls") or (f"https://doi.org/{doi}" if doi else None),
            external_id=doi or _first(record, "id", "accession_number"),
            keywords=tuple(k for k in (clean(k) for k in record.get("keywords") or [] if isinstance(k, str)) if k),
            line=first,
        )
        report.read += 1
        yield paper
