"""`graphkit build` and `graphkit stats` on the embedded store, driven with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import load_graph
from graphkit.cli import cli
from graphkit.store import EmbeddedStore
from graphkit.store.embedded import GRAPH_FILE

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_FILES = sorted(SEEDS.iterdir())


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def graph_data(store: Path):
    graph = load_graph(store)
    return (
        sorted((n, sorted(a.items(), key=str)) for n, a in graph.nodes(data=True)),
        sorted((u, v, k, sorted(a.items(), key=str)) for u, v, k, a in graph.edges(keys=True, data=True)),
    )


def stats_json(store: Path) -> dict:
    result = run("--store", store, "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_build_seeds_then_again_changes_nothing(tmp_path):
    store = tmp_path / "store"
    first = run("--store", store, "build", "--no-extract", SEEDS)
    assert first.exit_code == 0, first.output
    assert "Built 83 papers" in first.output
    counts = stats_json(store)
    assert counts["nodes"]["Paper"] == 83 and counts["relationships"]["COAUTHOR"] > 0
    before = (store / GRAPH_FILE).read_bytes()
    second = run("--store", store, "build", "--no-extract", SEEDS)
    assert second.exit_code == 0 and "0 nodes and 0 relationships added" in second.output
    assert (store / GRAPH_FILE).read_bytes() == before
    assert stats_json(store) == counts


def test_adding_files_adds_only_what_is_new(tmp_path):
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    assert run("--store", whole, "build", "--no-extract", *SEED_FILES).exit_code == 0
    assert run("--store", parts, "build", "--no-extract", *SEED_FILES[:3]).exit_code == 0
    again = run("--store", parts, "build", "--no-extract", *SEED_FILES)
    assert again.exit_code == 0
    assert graph_data(parts) == graph_data(whole)


def test_profile_page_owner_gets_metrics(tmp_path):
    profile = SEEDS / "002_195db768c23b6a54.txt"
    assert run("--store", tmp_path, "build", "--no-extract", profile).exit_code == 0
    owner = load_graph(tmp_path).nodes["Author:haifeng hu"]
    assert (owner["h_index"], owner["citations"], owner["paper_count"]) == (21, 1942, 35)


def test_owner_links_an_abstract_only_page(tmp_path):
    page = SEEDS / "001_60629f37f386c8f7.txt"
    assert run("--store", tmp_path / "anon", "build", "--no-extract", page).exit_code == 0
    assert stats_json(tmp_path / "anon")["nodes"]["Author"] == 0
    result = run("--store", tmp_path / "named", "build", "--no-extract", "--owner", "Ada Lovelace", page)
    assert result.exit_code == 0, result.output
    counts = stats_json(tmp_path / "named")
    assert counts["nodes"]["Author"] == 1 and counts["nodes"]["Affiliation"] == 1
    assert counts["relationships"]["AUTHORED"] == counts["nodes"]["Paper"] > 0
    assert counts["relationships"]["AFFILIATED_WITH"] == 1


def test_stats_table_lists_every_label(tmp_path):
    run("build", "--no-extract", SEED_FILES[4], "--store", tmp_path)  # --store after the command works too
    counts = json.loads(run("stats", "--store", tmp_path, "--format", "json").output)
    assert counts["nodes"]["Paper"] == 18
    result = run("stats", "--store", tmp_path)
    assert result.exit_code == 0 and "18" in result.output
    for name in ("Paper", "Author", "Affiliation", "COAUTHOR", "AFFILIATED_WITH"):
        assert name in result.output


def test_corrupted_store_is_a_one_line_error(tmp_path):
    run("--store", tmp_path, "build", "--no-extract", SEED_FILES[4])
    (tmp_path / GRAPH_FILE).write_bytes((tmp_path / GRAPH_FILE).read_bytes()[:100])
    result = run("--store", tmp_path, "stats")
    assert result.exit_code == 1
    assert result.output.startswith("Error: the store file") and "build --reset" in result.output
    assert "Traceback" not in result.output
    rebuilt = run("--store", tmp_path, "build", "--no-extract", "--reset", SEED_FILES[4])
    assert rebuilt.exit_code == 0, rebuilt.output


def test_build_stops_with_a_clear_message_when_the_store_is_busy(tmp_path):
    with EmbeddedStore(tmp_path).bulk():
        result = run("--store", tmp_path, "build", "--no-extract", "--no-wait", SEED_FILES[4])
    assert result.exit_code == 1
    assert "another graphkit process" in result.output and "is writing the store" in result.output


@pytest.mark.slow  # spaCy start-up and two pages of extraction
def test_build_with_extraction_links_entities_with_evidence(tmp_path):
    result = run("build", SEED_FILES[2], SEED_FILES[4], "--store", tmp_path)
    assert result.exit_code == 0, result.output
    graph = load_graph(tmp_path)
    extracted = [(u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True)
                 if k in ("PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "MENTIONS")]
    assert extracted, "extraction found nothing in two seed pages"
    for u, v, _, attrs in extracted:
        abstract = graph.nodes[u]["abstract"]
        assert attrs["sentence"] in abstract and 0 <= attrs["start"] < attrs["end"] <= len(abstract)
        assert attrs["rule"] and graph.nodes[v]["aliases"]
    before = (tmp_path / GRAPH_FILE).read_bytes()
    assert run("build", SEED_FILES[2], SEED_FILES[4], "--store", tmp_path).exit_code == 0
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
