"""Abstract-only pages (seeds/000_, 001_, 003_): an optional affiliation line, then one
``Abstract:…`` line per paper. The affiliation, when present, is given to every paper."""

from __future__ import annotations

from collections.abc import Iterator

from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["ABSTRACT_PREFIX", "read_abstracts"]

ABSTRACT_PREFIX = "Abstract:"


def read_abstracts(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one untitled paper per ``Abstract:`` line."""
    affiliation = None
    seen_abstract = False
    for number, text in enumerate(src.lines, start=1):
        text = text.strip()
        if not text:
            continue
        if not text.startswith(ABSTRACT_PREFIX):
            if not seen_abstract and affiliation is None and number not in src.problems:
                affiliation = text
            else:
                report.warn(number, f"expected a line starting with 'Abstract:', got {shorten(text)}")
            continue
        seen_abstract = True
        abstract = text[len(ABSTRACT_PREFIX) :].strip()
        if number in src.problems:
            report.warn(number, f"skipped this abstract: it holds {src.problems[number]}")
            continue
        if not abstract:
            report.warn(number, "expected abstract text after 'Abstract:', got nothing")
            continue
        yield report.paper(
            title=None,
            abstract=abstract,
            affiliation=affiliation,
            line=number,
        )
        report.read += 1
