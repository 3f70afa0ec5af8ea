"""Scopus CSV exports (Export -> CSV, "citation information" plus "abstract & keywords").

The columns graphkit reads, by their header names: ``Authors`` or ``Author full names``
(``Lovelace, Ada (57190000001); …``: the Scopus author ids are kept as identity evidence),
``Author(s) ID``, ``Title``, ``Year``, ``Source title``, ``DOI``, ``Link``, ``Abstract``,
``Author Keywords``, ``EID``. Scopus writes ``[No abstract available]`` for a paper without one:
such a row is skipped with a warning, and the publisher's copyright line closing an abstract is dropped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from graphkit.ingest._records import clean, display_name, first_year, split_list
from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["read_scopus", "is_scopus_header"]

_FULL_NAME = re.compile(r"^(?P<name>.*?)\s*\((?P<id>[0-9]+)\)\s*$")
_COPYRIGHT = re.compile(r"\s*(?:Copyright\s*)?(?:©|\(c\))[^©]{0,300}$", re.IGNORECASE)
_SHORT_NAME = re.compile(r"^(?P<last>.*\S)\s+(?P<initials>(?:[A-Z][a-z]?\.-?)+)$")
_NO_ABSTRACT = "[no abstract available]"


def _header(text: str) -> list[str]:
    try:
        cells = next(csv.reader([text.lstrip("\ufeff").replace("\r", " ")]), [])
    except csv.Error:
        return []
    return [h.strip().lstrip("\ufeff").strip('"') for h in cells]


def is_scopus_header(text: str) -> bool:
    """True for the header row of a Scopus CSV export."""
    columns = set(_header(text))
    return "Title" in columns and bool(columns & {"Authors", "Author full names"}) and bool(
        columns & {"EID", "Source title", "Author(s) ID"}
    )


def _authors(row: dict[str, str]) -> tuple[list[str], list[str]]:
    """Names (``First Last``) and Scopus author ids ("" when unknown), in byline order."""
    full = split_list(row.get("Author full names"))
    if full:
        names, ids = [], []
        for item in full:
            match = _FULL_NAME.match(item)
            names.append(display_name(match["name"] if match else item))
            ids.append(f"scopus:{match['id']}" if match else "")
        return names, ids
    short = (row.get("Authors") or "").strip()
    if not short or short.startswith("[No author"):
        return [], []
    # "Lovelace A.; Turing A.M." (since 2023), or "Lovelace A., Turing A.M." before
    items = split_list(short) if ";" in short else [a.strip() + "." for a in short.split("., ")]
    names = []
    for item in items:
        item = item.replace("..", ".")
        match = _SHORT_NAME.match(item)
        names.append(f"{match['initials']} {match['last']}" if match else display_name(item))
    ids = [f"scopus:{i}" for i in split_list(row.get("Author(s) ID"))]
    return names, ids if len(ids) == len(names) else []


def _abstract(text: str | None) -> str | None:
    text = clean(text)
    if not text or text.lower() == _NO_ABSTRACT:
        return None
    return _COPYRIGHT.sub("", text).strip() or None


def read_scopus(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per row of a Scopus CSV export that has an abstract."""
    lines = src.lines
    reader = csv.reader(line.replace("\r", " ") + "\n" for line in lines)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except (StopIteration, csv.Error) as err:
        report.warn(1, f"expected the header row of a Scopus CSV export, got {err or 'nothing'}"[:200])
        return
    if not is_scopus_header(",".join(f'"{h}"' for h in header)):
        report.warn(1, f"expected a Scopus CSV header (Authors, Title, Year, Source title, Abstract, EID), got "
                    f"{shorten(lines[0] if lines else '')}")
        return
    while True:
        first = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            report.warn(first, f"expected a CSV row, got {err}"[:200])
            continue
        if not any(v.strip() for v in values):
            continue
        last = reader.line_num
        problem = src.problem(first, last)
        if problem:
            report.warn(first, f"skipped this row: it holds {problem}")
            continue
        if len(values) != len(header):
            report.warn(first, f"expected {len(header)} columns as in the header, got {len(values)}; row skipped")
            continue
        row = dict(zip(header, values))
        abstract = _abstract(row.get("Abstract"))
        if not abstract:
            report.warn(first, "expected an 'Abstract' in this row, got none; row skipped")
            continue
        names, ids = _authors(row)
        doi = clean(row.get("DOI"))
        keywords = split_list(row.get("Author Keywords")) + split_list(row.get("Index Keywords"))
        year = first_year(clean(row.get("Year")))
        paper = report.paper(
            title=clean(row.get("Title")),
            abstract=abstract,
            authors=tuple(names),
            author_ids=tuple(ids),
            year=year,
            venue=clean(row.get("Source title")),
            url=clean(row.get("Link")) or (f"https://doi.org/{doi}" if doi else None),
            external_id=clean(row.get("EID")) or doi,
            keywords=tuple(keywords),
            line=first,
        )
        report.read += 1
        yield paper
