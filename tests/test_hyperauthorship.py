"""Hyperauthorship: a paper with more byline authors than the limit (100 by default,
$GRAPHKIT_MAX_COAUTHOR_AUTHORS) adds no COAUTHOR pairs, in both stores and in analyze's co-author
graph, and the build summary counts it. A 3,000-author paper (ATLAS-sized) once cost 4.4 GB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from graphkit.analyze.graphs import coauthor_graph
from graphkit.build.derive import MAX_COAUTHOR_AUTHORS, coauthor_pairs
from graphkit.build.run import build_papers
from graphkit.model import Paper
from graphkit.store.embedded import EmbeddedStore


def _papers(big: int) -> list[Paper]:
    return [
        Paper(source="s", index=0, id="small", title="A small paper", abstract="",
              authors=["Ada Lovelace", "Charles Babbage"]),
        Paper(source="s", index=1, id="big", title="A huge collaboration", abstract="",
              authors=["Ada Lovelace"] + [f"Member Number{i:05d}" for i in range(big - 1)]),
    ]


def _coauthor_weights(store) -> dict[tuple[str, str], int]:
    rows = store.cypher("MATCH (a:Author)-[r:COAUTHOR]->(b:Author) RETURN a.id AS a, b.id AS b, r.papers AS n")
    return {(row["a"], row["b"]): row["n"] for row in rows}


def test_the_rule_skips_papers_over_the_limit():
    authored = [(f"a{i}", "big") for i in range(MAX_COAUTHOR_AUTHORS + 1)] + [("a0", "p"), ("a1", "p")]
    assert list(coauthor_pairs(authored)) == [("a0", "a1", 1)]
    at_limit = [(f"a{i}", "big") for i in range(MAX_COAUTHOR_AUTHORS)]
    assert len(list(coauthor_pairs(at_limit))) == MAX_COAUTHOR_AUTHORS * (MAX_COAUTHOR_AUTHORS - 1) // 2


def test_embedded_build_of_a_3000_author_paper_stays_small_and_counts_it(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    started = time.perf_counter()
    summary = build_papers(_papers(3000), store, extract=False)
    assert time.perf_counter() - started < 30
    assert summary.hyperauthored == 1 and summary.to_dict()["hyperauthored"] == 1
    stats = store.stats()
    assert stats["nodes"]["Author"] == 3001 and stats["relationships"]["AUTHORED"] == 3002
    assert _coauthor_weights(store) == {("ada lovelace", "charles babbage"): 1}
    C = coauthor_graph(store.read_graph())
    assert C.number_of_edges() == 1 and C.nodes["Author:ada lovelace"]["papers"] == 2


def test_the_limit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_MAX_COAUTHOR_AUTHORS", "5000")
    store = EmbeddedStore(tmp_path / "store")
    summary = build_papers(_papers(150), store, extract=False)
    assert summary.hyperauthored == 0
    assert len(_coauthor_weights(store)) == 150 * 149 // 2 + 1
    monkeypatch.setenv("GRAPHKIT_MAX_COAUTHOR_AUTHORS", "many")
    with pytest.raises(Exception, match="GRAPHKIT_MAX_COAUTHOR_AUTHORS='many' is not a positive whole number"):
        build_papers(_papers(3), EmbeddedStore(tmp_path / "other"), extract=False)


def test_cli_build_reports_it_and_peak_memory_stays_low(tmp_path):
    data = tmp_path / "papers.jsonl"
    records = [{"title": p.title, "abstract": "We study things.", "authors": p.authors} for p in _papers(3000)]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    script = (
        "import resource, sys\n"
        "from graphkit.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='graphkit')\n"
        "except SystemExit as e:\n"
        "    print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "    raise\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "--store", str(tmp_path / "s"), "build", "--no-extract", str(data)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "GRAPHKIT_MAX_COAUTHOR_AUTHORS": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "1 paper has more than 100 authors and adds no COAUTHOR pairs" in done.stdout
    peak_mb = int(done.stderr.split("peak_kb")[-1].split()[0]) / 1024
    assert peak_mb < 600, f"peak {peak_mb:.0f} MB"  # ~200 MB; it was 4.4 GB


@pytest.mark.neo4j
def test_neo4j_store_skips_the_hyperauthored_paper(neo4j_store):
    summary = build_papers(_papers(3000), neo4j_store, extract=False)
    assert summary.hyperauthored == 1
    assert _coauthor_weights(neo4j_store) == {("ada lovelace", "charles babbage"): 1}
