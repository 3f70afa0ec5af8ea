"""Date lines of profile and listing pages: score, subject code, date with or without year, Code flag."""

from __future__ import annotations

import pytest

from graphkit.ingest._dateline import parse_date_line


@pytest.mark.parametrize(
    "line, category, date, year, has_code, score",
    [
        ("LGOct 31, 2022Code", "LG", "Oct 31, 2022", 2022, True, None),
        ("21.6AIMay 18Code", "AI", "May 18", None, True, 21.6),
        ("CVJan 14", "CV", "Jan 14", None, False, None),
        ("MMMar 3, 2019", "MM", "Mar 3, 2019", 2019, False, None),
        ("CLSept 2021", "CL", "Sept 2021", 2021, False, None),
        ("7SDDec 1, 1999Code", "SD", "Dec 1, 1999", 1999, True, 7.0),
    ],
)
def test_date_lines(line, category, date, year, has_code, score):
    parsed = parse_date_line(line)
    assert (parsed.category, parsed.date, parsed.year, parsed.has_code, parsed.score) == (
        category, date, year, has_code, score,
    )


@pytest.mark.parametrize(
    "line",
    ["Multimodal Information Bottleneck", "Sijie Mai, Ying Zeng", "CVNov 32, 2022", "cvNov 2, 2022",
     "CVNov", "CV Nov 2, 2022", "CVNov 2, 2022 Code", "May 18"],
)
def test_not_date_lines(line):
    assert parse_date_line(line) is None
