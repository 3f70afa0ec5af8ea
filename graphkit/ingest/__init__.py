"""The parse stage: input files -> :class:`graphkit.model.Paper` records.

One module per format; the format of each file is detected from its content (or forced):

========== =========================================================================
profile    author profile page: owner + metrics header, then date line, title, authors, abstract
listing    compact listing: date line, title glued to the author list, abstract
abstracts  optional affiliation line, then one ``Abstract:…`` line per paper
jsonl      JSON Lines, one paper object per line (at least ``abstract``); ``.gz`` read transparently
bibtex     BibTeX (bibtexparser v2); entries without an abstract are skipped with a warning
arxiv      arXiv metadata snapshot JSON Lines (told apart from jsonl by its keys)
openalex   OpenAlex work objects, JSON Lines (the snapshot, or API results one per line)
ris        RIS (``TY  -`` … ``ER  -``; records parsed by rispy)
scopus     Scopus CSV export
wos        Web of Science plain-text export (``FN``/``VR`` header, tagged fields)
wos-tab    Web of Science tab-delimited export
========== =========================================================================

Problems never raise out of :func:`parse_paths`: each becomes a :class:`~graphkit.errors.ParseError`
in the :class:`ParseReport` (``FILE:LINE: what was expected, what arrived``), and the records that
could not be read are counted there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.errors import ParseError
from graphkit.ingest._pages import split_dated
from graphkit.ingest._source import (
    DEFAULT_LIMITS,
    FileReport,
    Limits,
    SourceText,
    decode_source,
    read_source,
    shorten,
)
from graphkit.ingest.abstracts import ABSTRACT_PREFIX, read_abstracts
from graphkit.ingest.arxiv import is_arxiv_object, read_arxiv
from graphkit.ingest.bibtex import read_bibtex
from graphkit.ingest.jsonl import read_jsonl
from graphkit.ingest.listing import read_listing, split_title_authors
from graphkit.ingest.openalex import is_openalex_object, read_openalex
from graphkit.ingest.profile import ProfileOwner, read_profile
from graphkit.ingest.ris import is_ris_line, read_ris
from graphkit.ingest.scopus import is_scopus_header, read_scopus
from graphkit.ingest.wos import is_wos_header, is_wos_tab_header, read_wos, read_wos_tab
from graphkit.model import Paper

__all__ = [
    "FORMATS",
    "ParseReport",
    "FileReport",
    "Limits",
    "DEFAULT_LIMITS",
    "ProfileOwner",
    "detect_format",
    "parse_file",
    "parse_paths",
    "parse_text",
    "parse_bytes",
    "split_title_authors",
    "OUTPUT_FIELDS",
    "output_record",
]

#: the fields of ``graphkit parse`` output, in order
OUTPUT_FIELDS = (
    "source", "index", "id", "title", "authors", "authors_truncated", "abstract", "year", "date",
    "category", "has_code", "profile_owner", "affiliation", "venue", "url", "external_id", "author_ids", "keywords",
)


def output_record(paper: Paper) -> dict:
    """A paper as one ``graphkit parse`` JSON object (fields in :data:`OUTPUT_FIELDS` order)."""
    data = paper.to_dict()
    return {name: data[name] for name in OUTPUT_FIELDS}

Reader = Callable[[SourceText, FileReport], Iterator[Paper]]

#: format name -> reader, in the order of ``--format`` choices
FORMATS: dict[str, Reader] = {
    "profile": read_profile,
    "listing": read_listing,
    "abstracts": read_abstracts,
    "jsonl": read_jsonl,
    "bibtex": read_bibtex,
    "arxiv": read_arxiv,
    "openalex": read_openalex,
    "ris": read_ris,
    "scopus": read_scopus,
    "wos": read_wos,
    "wos-tab": read_wos_tab,
}

_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
_KNOWN = (
    "a profile page, a listing page, 'Abstract:' lines, JSON Lines (papers, arXiv or OpenAlex), BibTeX, RIS, "
    "a Scopus CSV or a Web of Science export"
)


@dataclass
class ParseReport:
    """What a parse run read: one :class:`FileReport` per file, every warning, every profile owner."""

    files: list[FileReport] = field(default_factory=list)
    errors: list[ParseError] = field(default_factory=list)  # files that could not be read at all

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(f.skipped for f in self.files)

    @property
    def warnings_dropped(self) -> int:
        """Warnings past the per-file limit (:attr:`Limits.warnings`): counted, not kept."""
        return sum(f.warnings_dropped for f in self.files)

    @property
    def warnings(self) -> list[ParseError]:
        """File-level errors and record warnings, in file order."""
        out: list[ParseError] = []
        for f in self.files:
            out.extend(e for e in self.errors if e.path == f.path)
            out.extend(f.warnings)
        return out

    @property
    def profiles(self) -> list[ProfileOwner]:
        """The owners of the profile pages read (name, h_index, citations, paper_count, metrics)."""
        return [f.profile for f in self.files if f.profile is not None]

    def messages(self) -> list[str]:
        """One ``error: ...`` / ``warning: ...`` line per problem, in file order, plus a warning
        for each readable file that gave no paper (``FILE: no papers read as FORMAT``)."""
        lines = []
        for problem in self.warnings:
            kind = "error" if problem in self.errors else "warning"
            lines.append(f"{kind}: {problem}")
        if not self.files:
            lines.append("warning: no files found in the given paths")
        failed = {e.path for e in self.errors}
        for f in self.files:
            if f.read == 0 and not f.warnings and f.path not in failed:
                lines.append(f"warning: {f.path}: no papers read as {f.format or 'any known format'}")
        return lines

    def summary(self) -> str:
        """A few lines for stderr: per file and in total, records read and skipped."""
        lines = []
        for f in self.files:
            state = f"{f.format or 'unreadable'}: {f.read} read, {f.skipped} skipped"
            if f.warnings_dropped:
                state += f" ({f.warnings_dropped} more warnings not shown)"
            lines.append(f"  {f.source}: {state}")
        failed = len(self.errors)
        lines.append(
            f"parsed {self.read} papers from {len(self.files) - failed} of {len(self.files)} files; "
            f"{self.skipped} records skipped, {len(self.warnings) + self.warnings_dropped} warnings"
        )
        return "\n".join(lines)


def detect_format(src: SourceText) -> str:
    """The format of a decoded file, judged from its content. Raises ParseError if none fits.

    >>> detect_format(SourceText("x.txt", ["Abstract: We study graphs."]))
    'abstracts'
    >>> detect_format(SourceText("x.txt", ["CVNov 20, 2022", "A TitleAda Lovelace", "Text."]))
    'listing'
    """
    head = [line.strip() for line in src.head(20) if line.strip()]
    if head and head[0].startswith("{"):  # JSON Lines: judged from the first lines, the file is streamed
        for text in head:
            try:
                obj = json.loads(text)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                if is_openalex_object(obj):
                    return "openalex"
                return "arxiv" if is_arxiv_object(obj) else "jsonl"
        return "jsonl"
    if head and is_wos_header(head):
        return "wos"
    if head and is_wos_tab_header(head[0]):
        return "wos-tab"
    if head and is_scopus_header(head[0]):
        return "scopus"
    if any(is_ris_line(text) for text in head):
        return "ris"
    content = [(n, line.strip()) for n, line in enumerate(src.lines, start=1) if line.strip()]
    if not content:
        if src.problems:
            line, why = min(src.problems.items())
            raise ParseError(
                f"expected paper records, got no line that could be read (it holds {why})", path=src.path, line=line
            )
        raise ParseError("expected paper records, got only blank lines", path=src.path, line=1)
    first_line, first = content[0]
    abstract_lines = sum(1 for _, text in content if text.startswith(ABSTRACT_PREFIX))
    if abstract_lines and abstract_lines >= len(content) - 1:
        return "abstracts"
    header, records = split_dated(src)
    if records:
        profile_like = sum(1 for r in records if len(r.body) == 3 or r.blank_lines)
        listing_like = sum(1 for r in records if len(r.body) == 2 and not r.blank_lines)
        if profile_like != listing_like:
            return "profile" if profile_like > listing_like else "listing"
        return "profile" if len(header) > 1 else "listing"
    if any(_BIBTEX_ENTRY.match(text) for _, text in content):
        return "bibtex"
    if abstract_lines:
        return "abstracts"
    raise ParseError(f"expected {_KNOWN}, got {shorten(first)}", path=src.path, line=first_line)


def _read(path: Path, source: str, fmt: str | None, report: ParseReport, limits: Limits) -> Iterator[Paper]:
    file_report = FileReport(source=source, path=str(path), limits=limits)
    report.files.append(file_report)
    try:
        src = read_source(path, file_report)
        file_report.format = fmt or detect_format(src)
        yield from FORMATS[file_report.format](src, file_report)
    except ParseError as err:  # the file cannot be read at all (a file read whole may be too large)
        report.errors.append(err)


def _files(path: Path) -> Iterator[tuple[Path, str]]:
    if not path.is_dir():
        yield path, path.name
        return
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path)
        if child.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield child, relative.as_posix()


def parse_paths(
    paths: Iterable[str | Path],
    fmt: str | None = None,
    report: ParseReport | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Paper]:
    """Papers of the given files and folders (folders: sorted, recursive, hidden files skipped).

    Parameters
    ----------
    paths : files or folders
    fmt : a key of :data:`FORMATS` to force, or None to detect per file
    report : collects per-file counts, warnings and profile owners; pass one to read them
    limits : what a file, record and field may hold (:class:`Limits`); past them input is cut or
        skipped with a warning, so any file is read in bounded time and memory

    Examples
    --------
    >>> report = ParseReport()
    >>> papers = list(parse_paths(["seeds/004_50224a48955ca08a.txt"], report=report))
    >>> len(papers), papers[0].authors[:2], report.skipped
    (18, ('Xichen Pan', 'Pengda Qin'), 0)
    """
    if fmt is not None and fmt not in FORMATS:
        raise ParseError(f"expected a format among {', '.join(FORMATS)}, got {fmt!r}")
    report = report if report is not None else ParseReport()
    for path in map(Path, paths):
        if not path.exists():
            report.files.append(FileReport(source=path.name, path=str(path)))
            report.errors.append(
                ParseError("expected a file or folder, got a path that does not exist", path=str(path))
            )
            continue
        for file, source in _files(path):
            yield from _read(file, source, fmt, report, limits)


def parse_file(path: str | Path, fmt: str | None = None) -> tuple[list[Paper], ParseReport]:
    """Every paper of one file, with its report."""
    report = ParseReport()
    return list(parse_paths([path], fmt, report)), report


def parse_bytes(
    data: bytes, fmt: str | None = None, source: str = "<bytes>", limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Paper], ParseReport]:
    """Parse the content of one file given as bytes (used by tests and round trips).

    Raises ParseError when the whole input is unreadable (empty, binary, no known format);
    record problems are in the report.
    """
    report = ParseReport()
    file_report = FileReport(source=source, path=source, limits=limits)
    report.files.append(file_report)
    src = decode_source(data, source, file_report)
    file_report.format = fmt or detect_format(src)
    return list(FORMATS[file_report.format](src, file_report)), report


def parse_text(text: str, fmt: str | None = None, source: str = "<text>") -> tuple[list[Paper], ParseReport]:
    """Parse a page given as a string (see :func:`parse_bytes`).

    >>> papers, _ = parse_text("Abstract: We study graphs.")
    >>> papers[0].abstract
    'We study graphs.'
    """
    return parse_bytes(text.encode("utf-8", errors="surrogatepass"), fmt, source)
