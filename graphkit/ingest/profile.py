"""Author profile pages (seeds/002_*): the owner's name and metrics, then one block per paper.

::

    Haifeng Hu

    CV
    h-index21
    35papers
    1,942citations
    Novelty54%
    AI Score59

    35 Papers

    LGOct 31, 2022Code
    Multimodal Information Bottleneck: Learning Minimal ...

    Sijie Mai, Ying Zeng, Haifeng Hu

    Learning effective joint embedding ...

The owner's metrics are returned as a :class:`ProfileOwner` (``FileReport.profile``), so the
build stage can give the owner's Author node ``h_index``, ``citations`` and ``paper_count``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from graphkit.ingest._names import split_author_list
from graphkit.ingest._pages import dated_records, paper_from_record, split_dated
from graphkit.ingest._source import FileReport, SourceText
from graphkit.model import Paper

__all__ = ["ProfileOwner", "parse_profile_header", "read_profile"]

_VALUE_FIRST = re.compile(r"^(?P<value>\d[\d,]*(?:\.\d+)?%?)\s*(?P<label>[^\d\s].*)$", re.ASCII)
_LABEL_FIRST = re.compile(r"^(?P<label>[^\d]*[^\d\s])\s*(?P<value>\d[\d,]*(?:\.\d+)?%?)$", re.ASCII)
_MAX_METRIC_LINE = 80
_CATEGORY = re.compile(r"^[A-Z][A-Za-z]{0,7}$")


@dataclass(frozen=True)
class ProfileOwner:
    """The owner of a profile page and the metrics its header shows.

    ``metrics`` keeps every header metric as written (label -> value text);
    the common ones are also read into ints.
    """

    name: str
    source: str
    line: int
    category: str | None = None
    h_index: int | None = None
    paper_count: int | None = None
    citations: int | None = None
    metrics: dict[str, str] = field(default_factory=dict, hash=False)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "source": self.source,
            "category": self.category,
            "h_index": self.h_index,
            "paper_count": self.paper_count,
            "citations": self.citations,
            "metrics": dict(self.metrics),
        }


def _as_int(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.replace(",", "").rstrip("%")
    try:
        return int(float(digits)) if digits else None
    except (ValueError, OverflowError):
        return None


def parse_profile_header(lines: list[tuple[int, str]], source: str) -> ProfileOwner | None:
    """Read the owner and metrics from the (line number, text) lines before the first paper.

    >>> owner = parse_profile_header(
    ...     [(1, "Haifeng Hu"), (3, "CV"), (4, "h-index21"), (5, "35papers"), (6, "1,942citations"),
    ...      (7, "Novelty54%"), (8, "AI Score59"), (10, "35 Papers")], "002.txt")
    >>> owner.name, owner.h_index, owner.paper_count, owner.citations, owner.category
    ('Haifeng Hu', 21, 35, 1942, 'CV')
    >>> owner.metrics["Novelty"], owner.metrics["AI Score"]
    ('54%', '59')
    """
    if not lines:
        return None
    (line, name), rest = lines[0], lines[1:]
    metrics: dict[str, str] = {}
    category = None
    for _, text in rest:
        if len(text) > _MAX_METRIC_LINE:
            continue
        match = _VALUE_FIRST.match(text) or _LABEL_FIRST.match(text)
        if match:
            label = match["label"].strip()
            metrics.setdefault(label, match["value"])
        elif category is None and _CATEGORY.match(text):
            category = text
    lowered = {label.lower(): value for label, value in metrics.items()}
    return ProfileOwner(
        name=name,
        source=source,
        line=line,
        category=category,
        h_index=_as_int(lowered.get("h-index")),
        paper_count=_as_int(lowered.get("papers")),
        citations=_as_int(lowered.get("citations")),
        metrics=metrics,
    )


def read_profile(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield the papers of a profile page; the owner lands in ``report.profile``."""
    header, _ = split_dated(src)
    owner = parse_profile_header(header, report.source)
    report.profile = owner
    for record in dated_records(src, report):
        if len(record.body) != 3:
            report.warn(
                record.line,
                "expected a date line, then title, author and abstract lines, "
                f"got {len(record.body)} text line(s) after the date line",
            )
            continue
        (_, title), (authors_line_no, authors_line), (_, abstract) = record.body
        authors, truncated = split_author_list(authors_line)
        if not authors:
            report.warn(authors_line_no, "expected an author list, got 'et al.' alone")
            continue
        yield paper_from_record(
            src, report, record, title, authors, truncated, abstract, owner.name if owner else None
        )
