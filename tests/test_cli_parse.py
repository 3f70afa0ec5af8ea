"""``graphkit parse``: JSON Lines on stdout, messages and a summary on stderr, exit status."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.ingest import OUTPUT_FIELDS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args):
    return CliRunner().invoke(cli, ["parse", *map(str, args)])


def test_parse_seeds_prints_83_json_lines():
    result = run(SEEDS)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 83 and sum(1 for r in rows if r["title"]) == 53
    assert all(tuple(r) == OUTPUT_FIELDS for r in rows)
    assert [r["index"] for r in rows if r["source"].startswith("004_")] == list(range(18))
    owned = [r for r in rows if r["profile_owner"] == "Haifeng Hu"]
    assert len(owned) == 35
    assert "parsed 83 papers from 5 of 5 files; 0 records skipped, 0 warnings" in result.stderr


def test_forced_format(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Some Institute\nAbstract: first\nAbstract: second\n")
    result = run(page, "--format", "abstracts")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["abstract"], r["affiliation"]) for r in rows] == [
        ("first", "Some Institute"),
        ("second", "Some Institute"),
    ]
    forced = run(page, "--format", "jsonl")
    assert forced.exit_code == 1
    assert f"warning: {page}:1: expected a JSON object, got invalid JSON" in forced.stderr


def test_bad_input_gives_one_line_messages_and_nonzero_only_when_nothing_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02")
    only_bad = run(tmp_path / "empty.txt", tmp_path / "bin.dat")
    assert only_bad.exit_code == 1
    assert "Traceback" not in only_bad.output
    assert f"error: {tmp_path / 'empty.txt'}:1: expected paper records, got an empty file" in only_bad.stderr
    assert f"error: {tmp_path / 'bin.dat'}:1: expected text, got a binary file (NUL byte)" in only_bad.stderr
    assert only_bad.stderr.strip().endswith(
        "Error: no paper could be read from the given paths (see the messages above)"
    )

    (tmp_path / "good.txt").write_text("Abstract: fine\n")
    mixed = run(tmp_path)
    assert mixed.exit_code == 0 and len(mixed.stdout.splitlines()) == 1
    assert "parsed 1 papers from 1 of 3 files" in mixed.stderr


def test_skipped_records_are_counted_in_the_summary(tmp_path):
    page = tmp_path / "refs.bib"
    page.write_text("@article{a, title={A}, abstract={Text.}}\n@article{b, title={B}}\n")
    result = run(page)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert f"warning: {page}:2: expected an 'abstract' field in entry 'b', got none; entry skipped" in result.stderr
    assert "refs.bib: bibtex: 1 read, 1 skipped" in result.stderr


def test_missing_path_and_unknown_format_are_usage_errors(tmp_path):
    assert run(tmp_path / "nope").exit_code == 2
    assert run(SEEDS, "--format", "pdf").exit_code == 2


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["parse", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "graphkit parse seeds/" in result.output


def test_parse_reads_bibliometric_exports_and_names_file_and_line_of_each_problem():
    exports = Path(__file__).parent / "data" / "exports"
    result = run(exports)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["source"] for r in rows} == {"openalex.jsonl", "sample.ris", "scopus.csv", "wos.txt", "wos_tab.txt"}
    assert len(rows) == 8 and all(r["abstract"] and r["authors"] for r in rows)
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if ": expected" in line]
    assert len(problems) == 5 and all(line.startswith(f"warning: {exports}/") for line in problems)
    for name, fmt in (("openalex.jsonl", "openalex"), ("sample.ris", "ris"), ("scopus.csv", "scopus"),
                      ("wos.txt", "wos"), ("wos_tab.txt", "wos-tab")):
        assert f"  {name}: {fmt}: " in result.stderr
