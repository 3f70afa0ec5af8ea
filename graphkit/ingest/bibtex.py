"""BibTeX files, read with bibtexparser v2 (LaTeX decoded to Unicode where a value holds any, names
as "First Last").

An entry without an abstract cannot become a Paper (extraction works on the abstract): it is
reported as a warning naming its line and counted as skipped, like a block bibtexparser could
not parse. ``and others`` at the end of an author list marks it truncated.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.middlewares.names import parse_single_name_into_parts

from graphkit.ingest._source import FileReport, SourceText
from graphkit.model import Paper

__all__ = ["read_bibtex"]

# bibtexparser logs each failed block; we report them ourselves, one line each.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_VENUE_FIELDS = ("journal", "booktitle", "venue", "publisher")


#: what LaTeX markup needs: a field without any of these is plain text and is left as it is
_LATEX_MARKS = re.compile(r"[\\{}~$]")
#: ...and a value with braces and ties only (``{BERT}: Pre-training``) needs no LaTeX parser
_LATEX_COMMANDS = re.compile(r"[\\$%]|--|``|''")


class _LatexWhereNeeded(middlewares.LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, run only on the values that hold LaTeX markup.

    Decoding is most of the cost of reading BibTeX (pylatexenc parses every value), and most values
    (abstracts above all) hold none: decoding those would give the same text back.
    """

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not _LATEX_MARKS.search(python_string):
            return python_string, ""
        if not _LATEX_COMMANDS.search(python_string):  # only braces and ties: what decoding does to them
            return python_string.replace("{", "").replace("}", "").replace("~", "\u00a0"), ""
        return super()._transform_python_value_string(python_string)


_PLAIN_PART = re.compile(r"^[^{}\\~,]+$")


def first_last(name: str) -> str:
    """A BibTeX name as "First von Last Jr" (bibtexparser's ``merge_first_name_first``).

    The common shapes are rearranged directly -- ``First Last``, ``von Last, First``,
    ``von Last, Jr, First`` -- which is what bibtexparser's name parser gives them; any other
    shape (braces, ties, more commas) goes through that parser.

    >>> first_last("Lovelace, Ada"), first_last("de la Fuente, Jr, Ana M."), first_last("Alan  Turing")
    ('Ada Lovelace', 'Ana M. de la Fuente Jr', 'Alan Turing')
    """
    parts = [" ".join(p.split()) for p in name.split(",")]
    if all(parts) and len(parts) <= 3 and all(_PLAIN_PART.match(p) for p in parts):
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return f"{parts[1]} {parts[0]}"
        return f"{parts[2]} {parts[0]} {parts[1]}"
    return parse_single_name_into_parts(name).merge_first_name_first


class _FirstLastNames(middlewares.SplitNameParts):
    """bibtexparser's SplitNameParts + MergeNameParts(style="first") in one step (see :func:`first_last`)."""

    def _transform_field_value(self, name: list[str]) -> list[str]:
        if not isinstance(name, list):
            raise ValueError(f"expected a list of names, got {name!r}")
        return [first_last(n) for n in name]


def _middlewares() -> list:
    return [
        _LatexWhereNeeded(),
        middlewares.SeparateCoAuthors(),
        _FirstLastNames(),
    ]


def _field(fields: dict, name: str) -> str | None:
    field = fields.get(name)
    if field is None or not isinstance(field.value, str):
        return None
    return " ".join(field.value.split()) or None


def read_bibtex(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per BibTeX entry that has an abstract."""
    try:
        library = bibtexparser.parse_string(src.text, append_middleware=_middlewares())
    except Exception as err:  # noqa: BLE001 - the library raises assorted errors on hostile input
        report.warn(1, f"expected BibTeX, bibtexparser gave up: {type(err).__name__}: {err}"[:200])
        return
    for block in library.failed_blocks:
        first_line = (block.raw or "").strip().splitlines()[0][:40] if (block.raw or "").strip() else ""
        report.warn(
            (block.start_line or 0) + 1,
            f"expected a complete BibTeX entry, got a block that does not parse: {first_line!r}",
        )
    for entry in library.entries:
        line = entry.start_line + 1
        last = line + entry.raw.count("\n") if entry.raw else line
        fields = {key.lower(): field for key, field in entry.fields_dict.items()}
        problem = src.problem(line, last)
        if problem:
            report.warn(line, f"skipped entry {entry.key!r}: it holds {problem}")
            continue
        abstract = _field(fields, "abstract")
        if not abstract:
            report.warn(line, f"expected an 'abstract' field in entry {entry.key!r}, got none; entry skipped")
            continue
        title = _field(fields, "title")
        author_field = fields.get("author")
        names = author_field.value if author_field is not None else []
        if isinstance(names, str):
            names = [names]
        authors = [" ".join(str(n).split()) for n in names if str(n).strip()]
        truncated = bool(authors) and authors[-1].lower() == "others"
        if truncated:
            authors.pop()
        year_text = _field(fields, "year")
        year_ok = bool(year_text and re.fullmatch(r"[0-9]{1,4}", year_text))
        if year_text and not year_ok:
            report.warn(
                line,
                f"expected a year such as 2021 in entry {entry.key!r}, got {year_text!r}; year left empty",
                skipped=0,
            )
        paper = report.paper(
            title=title,
            abstract=abstract,
            authors=tuple(authors),
            authors_truncated=truncated,
            year=int(year_text) if year_ok else None,
            date=_field(fields, "date"),
            venue=next((v for v in (_field(fields, f) for f in _VENUE_FIELDS) if v), None),
            url=_field(fields, "url"),
            external_id=entry.key,
            line=line,
        )
        report.read += 1
        yield paper
