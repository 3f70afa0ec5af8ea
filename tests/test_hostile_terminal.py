"""Hostile names never act on the terminal: every command prints escape sequences, C1 codes and
carriage returns as visible ``\\xNN`` text, and rich markup in data (``[link=...]``, ``[/x]``) as text.

The names come in through a real input file and a real embedded store, as a user's data would.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from graphkit.cli import cli

ESC = "Eve \x1b[31mRed\x1b[0m Hacker"  # an SGR colour sequence
OSC_LINK = "Olga \x1b]8;;https://evil.example/\x1b\\Link\x1b]8;;\x1b\\ Smith"  # an OSC 8 hyperlink
C1 = "Trudy \x9b2J Clear"  # 8-bit CSI: clears the screen on terminals that read C1 codes
CR = "Carol Real\rMallory Fake"  # a carriage return overwrites what was printed
MARKUP_LINK = "[link=https://evil.example/]Mallory Markup[/link]"
MARKUP_CLOSE = "Oscar [/x] Closer"
HOSTILE = [ESC, OSC_LINK, C1, CR, MARKUP_LINK, MARKUP_CLOSE]
# what must never reach the terminal raw: C0 controls but tab/newline, DEL, C1
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    papers = folder / "papers.jsonl"
    rows = [
        {"title": f"Paper {i} on graphs", "authors": ["Ada Lovelace", name, "Alan Turing"],
         "abstract": f"We study graph number {i}.", "year": 2020 + i % 3}
        for i, name in enumerate(HOSTILE * 2)
    ]
    papers.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    store = folder / "store"
    result = run(str(store), "build", str(papers), "--no-extract")
    assert result.exit_code == 0, result.output
    return str(store)


def run(store_dir, *args):
    return CliRunner().invoke(cli, ["--store", store_dir, *args], env={"NEO4J_URI": "", "COLUMNS": "200"})


def assert_safe(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "MarkupError" not in result.output
    raw = RAW_CONTROL.findall(result.output)
    assert not raw, f"raw control characters reached the terminal: {raw[:5]}"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_prints_hostile_names_inert_in_every_format(store_dir, fmt):
    result = run(store_dir, "query", "coauthors", "-p", "name", "Ada Lovelace", "--format", fmt)
    assert result.exit_code == 0
    assert_safe(result)
    if fmt == "table":
        assert "[link=https://evil.example/]Mallory" in result.output  # markup shown as text
        assert "[/x]" in result.output
        assert "\\x1b[31mRed" in result.output and "\\x9b2J" in result.output
    elif fmt == "csv":
        names = [row["coauthor"] for row in csv.DictReader(io.StringIO(result.output))]
        assert "Eve \\x1b[31mRed\\x1b[0m Hacker" in names and MARKUP_LINK in names
    else:
        names = {row["coauthor"] for row in json.loads(result.output)}
        assert set(HOSTILE) <= names  # JSON escapes keep the data exact


def test_cypher_output_is_inert(store_dir):
    result = run(store_dir, "cypher", "MATCH (a:Author) RETURN a.name AS name")
    assert result.exit_code == 0, result.output
    assert_safe(result)
    assert "Mallory Markup[/link]" in result.output


@pytest.mark.parametrize("args", [
    ("analyze", "centrality", "--top", "20"),
    ("analyze", "communities"),
    ("analyze", "recommend", "Alan Turing"),
    ("analyze", "path", MARKUP_LINK, "Alan Turing"),
    ("analyze", "path", MARKUP_CLOSE, ESC),
    ("analyze", "trends"),
    ("authors", "review"),
    ("authors", "review", "--format", "json"),
    ("stats",),
])
def test_analyze_and_review_never_interpret_markup_or_controls(store_dir, args):
    result = run(store_dir, *args)
    assert_safe(result)
    # read as markup, the link would vanish around its text (and become a clickable OSC 8 link)
    if "Mallory Markup" in result.output:
        assert "[link=https://evil.example/]Mallory Markup" in result.output.replace("\\/", "/")


def test_an_error_quoting_a_hostile_name_is_inert(store_dir):
    result = run(store_dir, "analyze", "path", "Nobody \x1b[2J Here", "[/x]")
    assert result.exit_code != 0
    assert_safe(result)
