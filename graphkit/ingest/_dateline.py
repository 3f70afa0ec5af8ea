"""The line that opens each paper on profile and listing pages: ``LGOct 31, 2022Code``."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DateLine", "parse_date_line", "MONTHS"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")

_DATE_LINE = re.compile(
    r"""^(?P<score>\d{1,4}(?:\.\d+)?)?        # optional score, e.g. 21.6
        (?P<category>[A-Z][A-Za-z]{0,7}?)      # subject code: CV, LG, CL, ...
        (?P<date>(?:{months})(?:\ (?P<day>\d{1,2})(?:,\ (?P<year>\d{4}))?|\ (?P<month_year>\d{4})))
        (?P<code>Code)?$""".replace("{months}", "|".join(sorted(MONTHS, key=len, reverse=True))),
    re.VERBOSE | re.ASCII,
)


@dataclass(frozen=True)
class DateLine:
    """The parts of a date line; ``year`` is None when the page gives none."""

    category: str
    date: str
    year: int | None
    has_code: bool
    score: float | None


def parse_date_line(line: str) -> DateLine | None:
    """Read a date line, or None if ``line`` is not one.

    >>> parse_date_line("LGOct 31, 2022Code")
    DateLine(category='LG', date='Oct 31, 2022', year=2022, has_code=True, score=None)
    >>> parse_date_line("21.6AIMay 18Code")
    DateLine(category='AI', date='May 18', year=None, has_code=True, score=21.6)
    >>> parse_date_line("CLSept 2021").year
    2021
    >>> parse_date_line("Multimodal Information Bottleneck") is None
    True
    """
    match = _DATE_LINE.match(line.strip())
    if not match or (match["day"] and not 1 <= int(match["day"]) <= 31):
        return None
    year = match["year"] or match["month_year"]
    return DateLine(
        category=match["category"],
        date=match["date"],
        year=int(year) if year else None,
        has_code=bool(match["code"]),
        score=float(match["score"]) if match["score"] else None,
    )
