"""The Python API: every analysis takes the full graph or the co-author graph (or says which it needs),
joint papers mean the same everywhere, and networkx's own writers take the graph via one call."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import graphkit
from graphkit.analyze import centrality, collaboration_path, communities, cooccurrence_graph, recommend, trends
from graphkit.cli import cli
from graphkit.errors import WrongGraph
from graphkit.export import gephi_graph
from graphkit.query import run_stored

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("api") / "store"
    assert run("--store", folder, "build", SEEDS, "--quiet").exit_code == 0
    return folder


@pytest.fixture(scope="module")
def G(store_dir):
    return graphkit.load_graph(store_dir)


@pytest.fixture(scope="module")
def C(G):
    return graphkit.coauthor_graph(G)


def test_centrality_takes_either_graph(G, C):
    assert centrality(G, top=5) == centrality(C, top=5)
    assert [r.name for r in centrality(G, top=2)] == ["Pengda Qin", "Haifeng Hu"]


def test_collaboration_path_takes_either_graph(G, C):
    full = collaboration_path(G, "Suofei Zhang", "Sijie Mai")
    alone = collaboration_path(C, "Suofei Zhang", "Sijie Mai")
    assert [(h.source, h.target, h.joint) for h in full] == [(h.source, h.target, h.joint) for h in alone]
    assert [h.target for h in alone] == ["Haifeng Hu", "Sijie Mai"]
    assert all(h.papers == [] for h in alone) and all(len(h.papers) == h.joint for h in full)


def test_recommend_takes_either_graph(G, C):
    full = recommend(G, "Sijie Mai", top=5)
    alone = recommend(C, "Sijie Mai", top=5)
    assert full and alone
    assert all(s.common_coauthors and not (s.shared_methods or s.shared_tasks) for s in alone)
    known = set(C["Author:sijie mai"])
    assert not {s.node for s in alone} & known


@pytest.mark.parametrize("call", [
    lambda C: communities(C),
    lambda C: trends(C),
    lambda C: graphkit.coauthor_graph(C),
    lambda C: cooccurrence_graph(C, "method"),
], ids=["communities", "trends", "coauthor_graph", "cooccurrence_graph"])
def test_analyses_that_need_the_full_graph_say_so(C, call):
    with pytest.raises(WrongGraph, match=r"needs the full graph .*graphkit\.load_graph\(\)"):
        call(C)


def test_communities_takes_the_full_graph_and_a_given_projection(G, C):
    assert communities(G) == communities(G, C=C)


def test_joint_papers_mean_bylines_everywhere(store_dir, G, C):
    weight = C["Author:haifeng hu"]["Author:sijie mai"]["weight"]
    assert weight == 7
    coauthors = run_stored(graphkit.open_store(store_dir=store_dir), "coauthors", {"name": "Sijie Mai"})
    assert next(r["joint_papers"] for r in coauthors if r["coauthor"] == "Haifeng Hu") == weight
    (hop,) = collaboration_path(G, "Haifeng Hu", "Sijie Mai")
    assert hop.joint == len(hop.papers) == weight
    shown = run("--store", store_dir, "analyze", "path", "Haifeng Hu", "Sijie Mai", "--format", "json")
    assert [(r["joint"], len(r["papers"])) for r in json.loads(shown.output)] == [(weight, weight)]
    table = run("--store", store_dir, "analyze", "path", "Haifeng Hu", "Sijie Mai")
    assert re.search(rf"│\s*1\s*│\s*Haifeng Hu\s*│\s*Sijie Mai\s*│\s*{weight}\s*│", table.output), table.output


def test_networkx_writers_take_the_graph_through_gephi_graph(G, C, tmp_path):
    for graph, name in ((G, "full"), (C, "coauthor")):
        H = gephi_graph(graph)
        nx.write_gexf(H, tmp_path / f"{name}.gexf")
        nx.write_graphml(H, tmp_path / f"{name}.graphml")
        back = nx.read_graphml(tmp_path / f"{name}.graphml")
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
        assert len(set(back.nodes)) == back.number_of_nodes()  # node ids unique across labels
        ids = [d.get("id") for *_, d in nx.read_gexf(tmp_path / f"{name}.gexf").edges(data=True)]
        assert len(set(ids)) == len(ids)
    assert "nx.write_gexf(gephi_graph(G)" in (REPO / "README.md").read_text(encoding="utf-8")
