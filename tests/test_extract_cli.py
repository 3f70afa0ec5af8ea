"""``graphkit extract`` and ``graphkit eval`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphkit.cli import cli

DATA = Path(__file__).parent / "data"


def test_eval_prints_scores_per_type():
    result = CliRunner().invoke(cli, ["eval", str(DATA / "acl_dev.gold.jsonl"), str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["abstracts"] == 30
    assert [row["type"] for row in report["scores"]] == ["methods", "datasets", "tasks", "venues"]
    gold = [json.loads(line) for line in (DATA / "acl_dev.gold.jsonl").read_text().splitlines()]
    named_methods = sum(1 for g in gold for e in g["methods"] if any(c.isupper() for s in e for c in s))
    methods = report["scores"][0]
    assert methods["gold"] == named_methods and 0 < methods["f1"] <= 1


def test_eval_table_output():
    result = CliRunner().invoke(cli, ["eval", str(DATA / "acl_dev.gold.jsonl"), str(DATA)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "datasets" in result.output


def test_eval_missing_source_is_one_line_error(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"source": "nowhere.txt", "index": 0, "abstract_start": "x"}) + "\n")
    result = CliRunner().invoke(cli, ["eval", str(gold), str(tmp_path)])
    assert result.exit_code != 0
    assert "Error: gold source 'nowhere.txt' not found" in result.output
    assert "Traceback" not in result.output


def test_extract_unknown_model_is_one_line_error():
    result = CliRunner().invoke(cli, ["extract", str(DATA / "acl_dev.jsonl"), "--model", "no_such_model_xyz"])
    assert result.exit_code != 0
    assert "cannot load spaCy pipeline 'no_such_model_xyz'" in result.output


def test_extract_prints_records_with_entities():
    result = CliRunner().invoke(cli, ["extract", str(DATA / "acl_dev.jsonl")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 30
    clan = next(r for r in records if "CLAN" in r["abstract"])
    methods = {m["name"]: m for m in clan["entities"]["methods"]}
    assert methods["Conditional Language Adversarial Network"]["aliases"][0] == "CLAN"
    assert methods["Conditional Language Adversarial Network"]["role"] == "proposes"
    for kind in ("methods", "datasets", "tasks", "venues"):
        for entity in clan["entities"][kind]:
            for ev in entity["evidence"]:
                assert clan["abstract"][ev["start"]:ev["end"]] in [entity["name"], *entity["aliases"]]


def test_eval_held_out_set():
    """The held-out ACL abstracts (never used for tuning) score like the dev set: same format, every record found."""
    result = CliRunner().invoke(cli, ["eval", str(DATA / "acl_test.gold.jsonl"), str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["abstracts"] == 32
    gold = [json.loads(line) for line in (DATA / "acl_test.gold.jsonl").read_text().splitlines()]
    tasks = next(row for row in report["scores"] if row["type"] == "tasks")
    assert tasks["gold"] == sum(len(g["tasks"]) for g in gold)


def test_extract_in_worker_processes_prints_what_one_process_prints():
    one = CliRunner().invoke(cli, ["extract", str(DATA / "acl_dev.jsonl"), str(DATA / "acl_dev2.jsonl")])
    two = CliRunner().invoke(
        cli, ["extract", str(DATA / "acl_dev.jsonl"), str(DATA / "acl_dev2.jsonl"), "--processes", "2"]
    )
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    records = [line for line in two.stdout.splitlines() if line.startswith("{")]
    assert len(records) == 70
    assert records == [line for line in one.stdout.splitlines() if line.startswith("{")]
