"""Web of Science exports: plain text (``FN``/``VR`` header, two-letter tags, ``ER`` closing each
record) and tab-delimited (a header row of the same tags). Both use the field tags of Clarivate's
documentation: ``AU``/``AF`` authors (short / full, ``Last, First``), ``TI`` title, ``SO`` source,
``AB`` abstract, ``PY`` year, ``PD`` date, ``DI`` DOI, ``UT`` accession number, ``DE``/``ID`` keywords.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphkit.ingest._records import clean, display_name, first_year, split_list
from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.ingest.ris import record_limit
from graphkit.model import Paper

__all__ = ["read_wos", "read_wos_tab", "is_wos_header", "is_wos_tab_header"]

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
#: fields whose continuation lines are separate items (one author, address or reference per line)
_LIST_TAGS = {"AU", "AF", "BA", "BF", "CA", "C1", "CR", "EM"}


def is_wos_header(lines: list[str]) -> bool:
    """True for the first lines of a Web of Science plain-text export (``FN …`` then ``VR 1.0``)."""
    head = [line.lstrip("\ufeff").rstrip() for line in lines[:2]]
    return bool(head) and head[0].startswith("FN ") and (
        "Web of Science" in head[0] or (len(head) > 1 and head[1].startswith("VR "))
    )


def is_wos_tab_header(text: str) -> bool:
    """True for the header row of a Web of Science tab-delimited export."""
    columns = {c.strip() for c in text.lstrip("\ufeff").split("\t")}
    return text.lstrip("\ufeff").startswith("PT\t") and {"AU", "TI"} <= columns


def _paper(fields: dict[str, list[str]], line: int, report: FileReport) -> Paper | None:
    def text(tag: str) -> str | None:
        return clean(" ".join(fields.get(tag, [])))

    abstract = text("AB")
    if not abstract:
        report.warn(line, "expected an abstract ('AB') in this Web of Science record, got none; record skipped")
        return None
    full = [n for item in fields.get("AF", []) for n in split_list(item)]
    names = full or [n for item in fields.get("AU", []) for n in split_list(item)]
    doi = text("DI")
    accession = text("UT")
    paper = report.paper(
        title=text("TI"),
        abstract=abstract,
        authors=tuple(a for a in (display_name(n) for n in names) if a),
        year=first_year(text("PY")),
        date=" ".join(p for p in (text("PD"), text("PY")) if p) or None,
        venue=text("SO"),
        url=f"https://doi.org/{doi}" if doi else None,
        external_id=accession or doi,
        keywords=tuple(split_list(text("DE")) + split_list(text("ID"))),
        line=line,
    )
    report.read += 1
    return paper


def read_wos(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per record of a Web of Science plain-text export that has an abstract."""
    fields: dict[str, list[str]] = {}
    start: int | None = None
    tag: str | None = None
    size, limit = 0, record_limit(report)
    skipping = False  # inside a record too large to keep, until its ER
    for number, raw, problem in src.numbered():
        text = raw.lstrip("\ufeff").rstrip()
        if skipping:
            skipping = text != "ER"
            continue
        if problem:  # the record holding this line is skipped when it closes
            src.problems.setdefault(number, problem)
        size += len(text)
        if start is not None and size > limit:
            report.warn(start, f"expected a Web of Science record of at most {limit:,} characters, got more; "
                        "record skipped")
            fields, start, tag, skipping = {}, None, None, text != "ER"
            continue
        if raw.startswith("   ") and tag is not None:  # a continuation line
            fields[tag].append(text.strip())
            continue
        match = _TAG.match(text)
        if not match:
            report.warn(number, f"expected a Web of Science field tag (two capitals, a space), got {shorten(text)}",
                        skipped=0)
            continue
        tag, value = match[1], (match[2] or "").strip()
        if tag in {"FN", "VR", "EF"}:
            tag = None
            continue
        if tag == "ER" or start is None:
            size = len(text)
        if tag == "ER":
            if start is not None:
                why = src.problem(start, number)
                if why:
                    report.warn(start, f"skipped this record: it holds {why}")
                else:
                    paper = _paper(fields, start, report)
                    if paper is not None:
                        yield paper
            fields, start, tag = {}, None, None
            continue
        if start is None:
            start = number
        if tag in fields and tag not in _LIST_TAGS:
            fields[tag].append(value)
        else:
            fields.setdefault(tag, []).append(value)
    if start is not None:
        report.warn(start, "expected 'ER' closing this Web of Science record, got the end of the file; record skipped")


def read_wos_tab(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield one paper per row of a Web of Science tab-delimited export that has an abstract."""
    rows = src.numbered()
    header_row = next(rows, None)
    if header_row is None or not is_wos_tab_header(header_row[1]):
        got = shorten(header_row[1]) if header_row else "nothing"
        report.warn(header_row[0] if header_row else 1,
                    f"expected a Web of Science tab-delimited header (PT, AU, …, TI, …), got {got}")
        return
    header = [c.strip() for c in header_row[1].lstrip("\ufeff").split("\t")]
    for number, text, problem in rows:
        if problem:
            report.warn(number, f"skipped this row: it holds {problem}")
            continue
        values = text.split("\t")  # Web of Science does not quote: a tab always separates
        while values and len(values) > len(header) and not values[-1].strip():
            values.pop()  # Web of Science ends each row with a tab
        if len(values) > len(header):
            report.warn(number, f"expected at most {len(header)} tab-separated fields as in the header, "
                        f"got {len(values)}; row skipped")
            continue
        fields = {tag: [value] for tag, value in zip(header, values) if value.strip()}
        paper = _paper(fields, number, report)
        if paper is not None:
            yield paper
