"""Render Paper-like records into the three page formats of seeds/, exactly as those pages lay
them out, so parsing the rendered page back can be checked against the records.

Used by tests (round trips, hypothesis properties), ``scripts/render_pages.py`` and
``bench/parse_roundtrip.py``. Profile and listing pages show at most ``MAX_SHOWN`` authors and then
`` et al.``, like the seed pages; :func:`expected` gives what a parser must read back.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus import CORPUS

MAX_SHOWN = 3
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CATEGORIES = ("CV", "LG", "CL", "AI", "BM", "SD", "RO", "MM", "IR", "NE")


@dataclass
class Record:
    """What a page shows of one paper."""

    title: str
    authors: list[str]
    abstract: str
    year: int | None = None
    month: str = "May"
    day: int = 18
    category: str = "CL"
    has_code: bool = False
    score: float | None = None
    max_shown: int | None = MAX_SHOWN  # None: the page lists every author
    extra: dict = field(default_factory=dict)

    @property
    def date(self) -> str:
        return f"{self.month} {self.day}, {self.year}" if self.year is not None else f"{self.month} {self.day}"

    def date_line(self) -> str:
        score = "" if self.score is None else f"{self.score:g}"
        return f"{score}{self.category}{self.date}{'Code' if self.has_code else ''}"

    def shown_authors(self) -> tuple[list[str], bool]:
        if self.max_shown is not None and len(self.authors) > self.max_shown:
            return self.authors[: self.max_shown], True
        return list(self.authors), False

    def author_line(self) -> str:
        names, truncated = self.shown_authors()
        return ", ".join(names) + (" et al." if truncated else "")


def expected(record: Record, *, titled: bool = True) -> dict:
    """The fields a parser must read back from a rendered record."""
    if not titled:
        return {"title": None, "authors": [], "authors_truncated": False, "abstract": record.abstract, "year": None}
    names, truncated = record.shown_authors()
    return {
        "title": record.title,
        "authors": names,
        "authors_truncated": truncated,
        "abstract": record.abstract,
        "year": record.year,
        "date": record.date,
        "category": record.category,
        "has_code": record.has_code,
    }


def render_profile(records: list[Record], owner: str = "Haifeng Hu") -> str:
    """A profile page in the layout of seeds/002_*: header, then blank-line separated blocks."""
    lines = [owner, "", "CV", "h-index21", f"{len(records)}papers", "1,942citations", "Novelty54%", "AI Score59", ""]
    lines += [f"{len(records)} Papers", ""]
    for record in records:
        lines += [record.date_line(), record.title, "", record.author_line(), "", record.abstract, ""]
    return "\n".join(lines[:-1])


def render_listing(records: list[Record]) -> str:
    """A compact listing in the layout of seeds/004_*: no blank lines, title glued to authors."""
    lines: list[str] = []
    for record in records:
        lines += [record.date_line(), record.title + record.author_line(), record.abstract]
    return "\n".join(lines)


def render_abstracts(records: list[Record], affiliation: str | None = None) -> str:
    """An abstract-only page in the layout of seeds/000_, 001_: optional affiliation, Abstract: lines."""
    lines = [affiliation] if affiliation else []
    lines += ["Abstract:" + record.abstract for record in records]
    return "\n".join(lines)


def corpus_path() -> Path:
    return CORPUS


def corpus_rows(path: Path | None = None) -> Iterator[dict]:
    """The ACL corpus rows usable on a page: a title, at least one author, an abstract."""
    with gzip.open(path or corpus_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("title", "").strip() and row.get("authors") and row.get("abstract", "").strip():
                yield row


def record_from_row(row: dict, *, keep_year: bool = True) -> Record:
    """A page record for one corpus row; date parts, category, Code flag and score are drawn
    from a generator seeded by the row id, so a row always renders the same way."""
    rng = random.Random(hashlib.sha1(row["id"].encode()).digest())
    return Record(
        title=row["title"].strip(),
        authors=[a.strip() for a in row["authors"]],
        abstract=" ".join(row["abstract"].split()),
        year=row.get("year") if keep_year else None,
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        category=rng.choice(CATEGORIES),
        has_code=rng.random() < 0.3,
        score=round(rng.uniform(1, 99), 1) if rng.random() < 0.1 else None,
        extra={"id": row["id"]},
    )


def sample_records(n: int, seed: int = 0, path: Path | None = None) -> list[Record]:
    """``n`` corpus rows chosen uniformly (reservoir sampling), every fifth rendered without a year."""
    rng = random.Random(seed)
    reservoir: list[dict] = []
    for i, row in enumerate(corpus_rows(path)):
        if len(reservoir) < n:
            reservoir.append(row)
        elif (j := rng.randrange(i + 1)) < n:
            reservoir[j] = row
    return [record_from_row(row, keep_year=k % 5 != 4) for k, row in enumerate(reservoir)]


def representable(record: Record, page_format: str) -> bool:
    """Whether a page of this format can show the record at all.

    A name holding ", " cannot sit in a comma-separated author list; on a listing the first
    author must start with a capital (or an uncased script), or there is no glue point to find.
    """
    if page_format == "abstracts":
        return True
    if any(", " in name for name in record.authors):
        return False
    if page_format == "listing":
        head = record.authors[0][:1]
        return head.isupper() or (head.isalpha() and not head.islower())
    return True


def chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
