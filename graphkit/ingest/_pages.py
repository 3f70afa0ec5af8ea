"""Records of the dated page formats (profile and listing): a date line, then the record's text lines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from graphkit.ingest._dateline import DateLine, parse_date_line
from graphkit.ingest._source import FileReport, SourceText
from graphkit.model import Paper

__all__ = ["DatedRecord", "split_dated", "dated_records", "paper_from_record"]


@dataclass
class DatedRecord:
    """One paper's lines: the date line (1-based ``line``) and the non-blank lines after it."""

    line: int
    date: DateLine
    body: list[tuple[int, str]] = field(default_factory=list)
    blank_lines: int = 0
    last_line: int = 0


def split_dated(src: SourceText) -> tuple[list[tuple[int, str]], list[DatedRecord]]:
    """Split a page into its header lines (before the first date line) and dated records."""
    header: list[tuple[int, str]] = []
    records: list[DatedRecord] = []
    for number, text in enumerate(src.lines, start=1):
        date = parse_date_line(text)
        if date is not None:
            records.append(DatedRecord(line=number, date=date, last_line=number))
        elif not records:
            if text.strip():
                header.append((number, text.strip()))
        elif text.strip():
            records[-1].body.append((number, text.strip()))
            records[-1].last_line = number
        elif records[-1].body:
            records[-1].blank_lines += 1
    return header, records


def dated_records(src: SourceText, report: FileReport) -> Iterator[DatedRecord]:
    """The page's records, skipping (with a warning) those holding a line that could not be read
    (not UTF-8, too long)."""
    _, records = split_dated(src)
    for record in records:
        problem = src.problem(record.line, record.last_line)
        if problem:
            report.warn(record.line, f"skipped this record: it holds {problem}")
            continue
        yield record


def paper_from_record(
    src: SourceText,
    report: FileReport,
    record: DatedRecord,
    title: str,
    authors: list[str],
    truncated: bool,
    abstract: str,
    profile_owner: str | None = None,
) -> Paper:
    """The Paper of one dated record; counts it as read."""
    paper = report.paper(
        title=title,
        abstract=abstract,
        authors=tuple(authors),
        authors_truncated=truncated,
        year=record.date.year,
        date=record.date.date,
        category=record.date.category,
        has_code=record.date.has_code,
        profile_owner=profile_owner,
        line=record.line,
    )
    report.read += 1
    return paper
