"""`graphkit analyze` and `graphkit export` on the real seed graph: seeds/ built into an embedded store."""

from __future__ import annotations

import csv
import doctest
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphkit import coauthor_graph, load_graph, open_store
from graphkit.analyze import centrality, collaboration_path
from graphkit.build.run import build_paths
from graphkit.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("seed-store")
    with open_store(store_dir=directory) as store:
        build_paths([SEEDS], store)
    return directory


@pytest.fixture(scope="module")
def G(store_dir) -> nx.MultiDiGraph:
    return load_graph(store_dir)


def run(store_dir: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


class TestSeedGraph:
    def test_profile_owners_rank_first_and_second_by_degree(self, G):
        top = centrality(coauthor_graph(G), top=2)
        assert [(r.name, r.degree) for r in top] == [("Pengda Qin", 23), ("Haifeng Hu", 19)]

    def test_haifeng_hu_first_by_betweenness(self, G):
        assert centrality(coauthor_graph(G), top=1, sort="betweenness")[0].name == "Haifeng Hu"

    def test_owner_attribution_counts_papers_not_bylines(self, G):
        # the build links Haifeng Hu to all 35 papers of his profile page; 16 bylines name him
        C = coauthor_graph(G)
        assert C.nodes["Author:haifeng hu"]["papers"] == 35
        assert coauthor_graph(G, include_unlisted=True).degree("Author:haifeng hu") > C.degree("Author:haifeng hu")

    def test_path_through_haifeng_hu(self, G):
        hops = collaboration_path(G, "Suofei Zhang", "Sijie Mai")
        assert [h.target for h in hops] == ["Haifeng Hu", "Sijie Mai"]
        assert all(h.papers for h in hops)


class TestAnalyzeCommands:
    def test_centrality_json(self, store_dir):
        rows = json.loads(run(store_dir, "analyze", "centrality", "--top", "2", "--format", "json"))
        assert [(r["name"], r["degree"]) for r in rows] == [("Pengda Qin", 23), ("Haifeng Hu", 19)]
        assert set(rows[0]) == {"node", "name", "degree", "papers", "betweenness", "pagerank"}

    def test_centrality_table_for_people(self, store_dir):
        out = run(store_dir, "analyze", "centrality", "--top", "3", "--sort", "betweenness")
        assert "Top 3 authors by betweenness" in out
        assert out.index("Haifeng Hu") < out.index("Pengda Qin")

    def test_communities_are_the_same_every_run(self, store_dir):
        first = run(store_dir, "analyze", "communities", "--format", "json")
        assert run(store_dir, "analyze", "communities", "--format", "json") == first
        found = json.loads(first)
        owners = {name: c["id"] for c in found for name in c["members"] if name in ("Haifeng Hu", "Pengda Qin")}
        assert len(set(owners.values())) == 2
        assert all(c["labels"] for c in found if c["size"] >= 5)

    def test_path_csv(self, store_dir):
        rows = list(
            csv.DictReader(
                io.StringIO(run(store_dir, "analyze", "path", "Suofei Zhang", "Sijie Mai", "--format", "csv"))
            )
        )
        assert [(r["source"], r["target"]) for r in rows] == [
            ("Suofei Zhang", "Haifeng Hu"),
            ("Haifeng Hu", "Sijie Mai"),
        ]

    def test_path_table_lists_each_hops_titles_readably(self, store_dir, G):
        out = run(store_dir, "analyze", "path", "Haifeng Hu", "Sijie Mai")
        assert "Haifeng Hu -> Sijie Mai: 1 hop" in out and "1 hops" not in out
        assert "\\x0a" not in out  # titles are not glued together by escaped newlines
        titles = [t for t in collaboration_path(G, "Haifeng Hu", "Sijie Mai")[0].papers]
        assert len(titles) == 7 and "; ".join(titles) in out

    def test_unknown_author_is_one_line_with_close_matches(self, store_dir):
        result = CliRunner().invoke(cli, ["--store", str(store_dir), "analyze", "path", "Suofei Zang", "Sijie Mai"])
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("Error: no author named 'Suofei Zang'; did you mean: Suofei Zhang")

    def test_recommend_gives_reasons(self, store_dir, G):
        rows = json.loads(run(store_dir, "analyze", "recommend", "Sijie Mai", "--format", "json"))
        assert rows and all(r["reasons"] and r["score"] > 0 for r in rows)
        C = coauthor_graph(G)
        assert not any(C.has_edge("Author:sijie mai", r["node"]) for r in rows)

    def test_trends_per_kind(self, store_dir):
        rows = json.loads(run(store_dir, "analyze", "trends", "--kind", "task", "--top", "3", "--format", "json"))
        assert 0 < len(rows) <= 3 and {r["kind"] for r in rows} == {"task"}
        assert all(sum(r["counts"].values()) == r["total"] for r in rows)


class TestExportCommand:
    @pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
    def test_gephi_files_have_the_stored_nodes_and_edges(self, store_dir, G, tmp_path, fmt, reader):
        path = tmp_path / f"graph.{fmt}"
        CliRunner().invoke(
            cli, ["--store", str(store_dir), "export", "--format", fmt, "-o", str(path)], catch_exceptions=False
        )
        H = reader(path)
        H = nx.relabel_nodes(H, {n: d["graphkit_key"] for n, d in H.nodes(data=True)})
        assert set(H) == set(G)
        assert Counter((u, v, d["kind"]) for u, v, d in H.edges(data=True)) == Counter(list(G.edges(keys=True)))

    def test_export_into_a_missing_folder_creates_it(self, store_dir, G, tmp_path):
        path = tmp_path / "new" / "deeper" / "graph.cyjs"
        run(store_dir, "export", "--format", "cytoscape", "--layout", "circle", "-o", str(path))
        data = json.loads(path.read_text(encoding="utf-8"))
        assert len(data["elements"]["nodes"]) == len(G) and all("position" in n for n in data["elements"]["nodes"])

    def test_export_errors_are_one_line_without_traceback(self, store_dir, tmp_path):
        (tmp_path / "taken").write_text("x")
        for args in (["--format", "csv", "-o", str(tmp_path / "taken")],
                     ["--format", "vosviewer", "--graph", "full", "-o", str(tmp_path / "vos")]):
            result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", *args])
            assert result.exit_code == 1 and "Traceback" not in result.output
            [line] = [x for x in result.stderr.splitlines() if x.strip()]
            assert line.startswith("Error: ") and ("expected a folder" in line or "--graph coauthor" in line)

    def test_vosviewer_coauthor_map(self, store_dir, G, tmp_path):
        run(store_dir, "export", "--format", "vosviewer", "--graph", "coauthor", "-o", str(tmp_path))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["map.txt", "network.txt", "vosviewer.json"]
        with (tmp_path / "map.txt").open(encoding="utf-8") as f:
            items = list(csv.DictReader(f, delimiter="\t"))
        C = coauthor_graph(G)
        assert len(items) == len(C)
        qin = next(i for i in items if i["label"] == "Pengda Qin")
        assert int(qin["weight<Links>"]) == 23 and int(qin["weight<Documents>"]) == 14

    def test_csv_for_neo4j_admin(self, store_dir, tmp_path):
        result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", "--format", "csv", "-o", str(tmp_path)])
        assert result.exit_code == 0
        assert "neo4j-admin database import full" in result.stderr
        header = (tmp_path / "nodes.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[:3] == [":ID", ":LABEL", "id"]

    def test_cooccurrence_export_needs_a_known_kind(self, store_dir, tmp_path):
        result = CliRunner().invoke(
            cli,
            [
                "--store",
                str(store_dir),
                "export",
                "--format",
                "gexf",
                "--graph",
                "cooccurrence",
                "--kind",
                "venue",
                "-o",
                str(tmp_path / "x"),
            ],
        )
        assert result.exit_code == 2 and "venue" in result.output


def test_readme_analysis_examples_run(store_dir, monkeypatch):
    """The README's "Python API" examples, as doctests, on the seed store."""
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    monkeypatch.setenv("GRAPHKIT_STORE", str(store_dir))
    test = doctest.DocTestParser().get_doctest(section, {}, "README: Python API", "README.md", 0)
    assert test.examples, "the README section has no >>> examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
