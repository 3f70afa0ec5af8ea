"""``graphkit viz`` on the embedded store built from seeds/ (the real build, the real store)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import load_graph
from graphkit.cli import cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    # extraction is left out to keep this fast; the entity layer is covered in test_viz.py
    result = CliRunner().invoke(cli, ["--store", str(folder), "build", "--no-extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return folder


def run(store, *args, cwd):
    """``graphkit viz ARGS`` in an empty folder ``cwd``: the result and the pages it wrote."""
    cwd.mkdir(parents=True, exist_ok=True)
    for old in cwd.glob("*.html"):
        old.unlink()
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, ["--store", str(store), "viz", *args])
    finally:
        os.chdir(previous)
    return result, {p.name: p.read_text(encoding="utf-8") for p in cwd.glob("*.html")}


def page_data(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_author_page_is_named_after_the_subject(store, tmp_path):
    result, files = run(store, "author", "sijie mai", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert list(files) == ["sijie-mai.html"]
    assert re.match(r"Wrote sijie-mai\.html \(\d+ nodes, \d+ links\)", result.output)
    data = page_data(files["sijie-mai.html"])
    center = [n["full"] for n in data["nodes"] if n.get("center")]
    assert center == ["Sijie Mai"]
    assert {n["kind"] for n in data["nodes"]} >= {"Author", "Paper"}


def test_output_types_and_since(store, tmp_path):
    result, files = run(store, "author", "Sijie Mai", "-o", "people.html", "--types", "author", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert {n["kind"] for n in page_data(files["people.html"])["nodes"]} == {"Author"}
    G = load_graph(store)
    undated = [
        p for p in G.successors("Author:sijie mai") if G.nodes[p]["label"] == "Paper" and "year" not in G.nodes[p]
    ]
    result, files = run(store, "author", "Sijie Mai", "--since", "2100", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    kinds = [n["kind"] for n in page_data(files["sijie-mai.html"])["nodes"]]
    assert kinds.count("Paper") == len(undated)  # papers without a year stay; every dated one is older


def test_types_without_papers_join_the_kinds_shown_through_their_papers(store, tmp_path):
    # no Paper shown: authors meet their categories by links folded from their papers, not isolated
    result, files = run(store, "author", "Sijie Mai", "--types", "author,category", "-o", "t.html", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    data = page_data(files["t.html"])
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    assert set(kinds.values()) == {"Author", "Category"}
    linked = {end for e in data["edges"] for end in (e["from"], e["to"])}
    assert linked == set(kinds)  # every node shown has a link
    assert {"COAUTHOR", "VIA_PAPERS"} <= {e["kind"] for e in data["edges"]}
    assert any({kinds[e["from"]], kinds[e["to"]]} == {"Author", "Category"} for e in data["edges"])


def test_unknown_name_is_one_line_with_suggestions(store, tmp_path):
    result, files = run(store, "author", "Sijie Mia", cwd=tmp_path)
    assert result.exit_code == 1
    assert "Error: no author named 'Sijie Mia'; did you mean: Sijie Mai" in result.output
    assert "Traceback" not in result.output and files == {}


def test_graph_top_n(store, tmp_path):
    result, files = run(store, "graph", "--top", "40", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    data = page_data(files["graph.html"])
    assert 0 < len(data["nodes"]) <= 40
    assert "left out" in files["graph.html"]


def test_usage_mistakes(store, tmp_path):
    result, _ = run(store, "author", cwd=tmp_path)
    assert result.exit_code == 2 and "needs a NAME" in result.output
    result, _ = run(store, "graph", "x", cwd=tmp_path)
    assert result.exit_code == 2 and "takes no NAME" in result.output
    result, _ = run(store, "author", "Sijie Mai", "-o", "x.png", cwd=tmp_path)
    assert result.exit_code == 1 and ".html" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("author", "Sijie Mai", "--fold-papers", "--depth", "2", "--max-nodes", "25"),
        ("author", "Sijie Mai", "--papers", "--depth", "2", "--max-nodes", "60"),
    ],
    ids=["folded-cut", "papers-cut"],
)
def test_a_page_is_the_same_file_in_every_process(store, tmp_path, args):
    """Pages are seeded: two processes with different string hashing (so different set orders) write
    the same bytes, also when the neighbourhood is cut, folded and laid out."""
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"page{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SEEDS.parent)}
        done = subprocess.run(
            [sys.executable, "-m", "graphkit", "--store", str(store), "viz", *args, "-o", str(out)],
            env=env, capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0, done.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
