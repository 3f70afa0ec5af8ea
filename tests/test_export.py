"""graphkit.export: every file re-read and compared with the graph it came from."""

from __future__ import annotations

import csv
import json
from collections import Counter

import networkx as nx
import pytest
from seed_graph import seed_graph

from graphkit import coauthor_graph, cooccurrence_graph
from graphkit.export import (
    ARRAY_DELIMITER,
    gephi_graph,
    write_csv,
    write_gexf,
    write_graphml,
    write_vosviewer,
    write_vosviewer_json,
)

READERS = {
    "graphml": (write_graphml, lambda p: nx.read_graphml(p, force_multigraph=True)),
    "gexf": (write_gexf, nx.read_gexf),
}


@pytest.fixture(scope="module")
def graphs() -> dict[str, nx.Graph]:
    G = seed_graph()
    # a paper that both proposes and uses a method: parallel edges must survive the round trip
    paper = next(n for n, label in G.nodes(data="label") if label == "Paper")
    G.add_node("Method:ssm", label="Method", id="ssm", name="SSM", aliases=["SSM", "structured semantic mapping"])
    G.add_edge(
        paper,
        "Method:ssm",
        key="PROPOSES",
        type="PROPOSES",
        sentence="We propose SSM.",
        start=0,
        end=15,
        rule="propose",
    )
    G.add_edge(paper, "Method:ssm", key="USES", type="USES", sentence="SSM uses X.", start=16, end=27, rule="cue")
    return {"full": G, "coauthor": coauthor_graph(G), "cooccurrence": cooccurrence_graph(G, "method")}


def _edges(G: nx.Graph) -> Counter:
    """Edges as (u, v, relationship type, weight), undirected graphs with sorted ends."""
    found = Counter()
    for u, v, data in G.edges(data=True):
        if not G.is_directed():
            u, v = sorted((u, v))
        kind = data.get("kind", data.get("type", G.graph.get("edge_type")))
        found[(u, v, kind, float(data.get("weight", 1)))] += 1
    return found


@pytest.mark.parametrize("fmt", sorted(READERS))
@pytest.mark.parametrize("which", ["full", "coauthor", "cooccurrence"])
def test_networkx_reads_back_the_same_nodes_and_edges(graphs, tmp_path, fmt, which):
    G = graphs[which]
    write, read = READERS[fmt]
    H = read(write(G, tmp_path / f"graph.{fmt}"))
    assert set(H.nodes) == set(G.nodes)
    assert H.is_directed() == G.is_directed()
    assert _edges(H) == _edges(G)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_attributes_survive_as_gephi_readable_values(graphs, tmp_path, fmt):
    G = graphs["full"]
    write, read = READERS[fmt]
    H = read(write(G, tmp_path / f"graph.{fmt}"))
    node = H.nodes["Method:ssm"]
    assert (node["label"], node["kind"], node["node_id"]) == ("SSM", "Method", "ssm")
    assert node["aliases"] == "SSM; structured semantic mapping"
    paper = next(n for n in G if G.nodes[n]["label"] == "Paper")
    assert H.nodes[paper]["year"] == G.nodes[paper]["year"]
    proposes = [d for _, v, d in H.out_edges(paper, data=True) if v == "Method:ssm" and d["kind"] == "PROPOSES"]
    assert [(d["evidence_start"], d["evidence_end"], d["rule"]) for d in proposes] == [(0, 15, "propose")]


def test_gephi_graph_has_only_scalar_attributes(graphs):
    H = gephi_graph(graphs["full"])
    values = [v for _, d in H.nodes(data=True) for v in d.values()] + [
        v for *_, d in H.edges(data=True) for v in d.values()
    ]
    assert values and all(isinstance(v, (str, int, float, bool)) for v in values)


def _read_vosviewer(map_path, network_path):
    with map_path.open(encoding="utf-8", newline="") as f:
        items = list(csv.DictReader(f, delimiter="\t"))
    with network_path.open(encoding="utf-8") as f:
        links = [line.rstrip("\n").split("\t") for line in f]
    return items, links


@pytest.mark.parametrize("which", ["coauthor", "cooccurrence", "full"])
def test_vosviewer_map_and_network_files_follow_the_documented_format(graphs, tmp_path, which):
    G = graphs[which]
    map_path, network_path = write_vosviewer(G, tmp_path)
    items, links = _read_vosviewer(map_path, network_path)
    header = map_path.read_text(encoding="utf-8").splitlines()[0].split("\t")
    documented = {"id", "label", "description", "url", "x", "y", "cluster"}
    assert header[:2] == ["id", "label"]
    assert all(h in documented or (h.startswith(("weight<", "score<")) and h.endswith(">")) for h in header)
    assert "weight<Links>" in header and "weight<Total link strength>" in header

    # one item per node, ids 1..n, labels the display names, clusters 1..1000
    assert [int(i["id"]) for i in items] == list(range(1, len(G) + 1))
    by_label = Counter(i["label"] for i in items)
    names = Counter(G.nodes[n].get("name") or G.nodes[n].get("title") for n in G)
    assert by_label == names
    assert all(1 <= int(i["cluster"]) <= 1000 for i in items)
    assert all(float(i[h]) >= 0 for i in items for h in header if h.startswith("weight<"))

    # network file: no header, three columns, each undirected link once with its strength
    assert all(len(link) == 3 for link in links)
    ids = {int(i["id"]): i["label"] for i in items}
    pairs = [tuple(sorted((int(a), int(b)))) for a, b, _ in links]
    assert len(pairs) == len(set(pairs)) and all(a in ids and b in ids for a, b in pairs)
    assert sum(float(s) for *_, s in links) == sum(d.get("weight", 1) for *_, d in G.edges(data=True) if _[0] != _[1])
    degree = Counter(x for pair in pairs for x in pair)
    assert all(int(i["weight<Links>"]) == degree[int(i["id"])] for i in items)


def test_vosviewer_coauthor_map_carries_documents_and_labels_with_commas_are_quoted(tmp_path):
    G = nx.Graph(edge_type="COAUTHOR")
    G.add_node("Author:a", label="Author", name="Wang, Wei", papers=3, avg_year=2020.5)
    G.add_node("Author:b", label="Author", name="Bo", papers=1, avg_year=2019)
    G.add_edge("Author:a", "Author:b", weight=1)
    map_path, network_path = write_vosviewer(G, tmp_path)
    assert '\t"Wang, Wei"\t' in map_path.read_text(encoding="utf-8")
    items, _ = _read_vosviewer(map_path, network_path)
    assert [(i["label"], i["weight<Documents>"], i["score<Avg. pub. year>"]) for i in items] == [
        ("Wang, Wei", "3", "2020.5"),
        ("Bo", "1", "2019"),
    ]


def test_vosviewer_json_matches_the_map_files(graphs, tmp_path):
    G = graphs["coauthor"]
    data = json.loads(write_vosviewer_json(G, tmp_path / "vos.json").read_text(encoding="utf-8"))
    items, links = _read_vosviewer(*write_vosviewer(G, tmp_path))
    assert [(i["id"], i["label"], i["cluster"], i["weights"]["Documents"]) for i in data["network"]["items"]] == [
        (int(i["id"]), i["label"], int(i["cluster"]), int(i["weight<Documents>"])) for i in items
    ]
    assert [(link["source_id"], link["target_id"], link["strength"]) for link in data["network"]["links"]] == [
        (int(a), int(b), int(s)) for a, b, s in links
    ]


def test_csv_has_neo4j_admin_headers_and_every_node_and_relationship(graphs, tmp_path):
    G = graphs["full"]
    nodes_path, rels_path = write_csv(G, tmp_path)
    with nodes_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        node_header = next(reader)
        nodes = list(reader)
    with rels_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        rel_header = next(reader)
        rels = list(reader)
    assert node_header[:3] == [":ID", ":LABEL", "id"]
    assert "year:long" in node_header and "aliases:string[]" in node_header
    assert rel_header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "position:long" in rel_header
    assert {row[0] for row in nodes} == set(G.nodes) and len(nodes) == len(G)
    assert Counter((u, v, t) for u, v, t, *_ in rels) == Counter(list(G.edges(keys=True)))
    row = dict(zip(node_header, next(r for r in nodes if r[0] == "Method:ssm")))
    assert row[":LABEL"] == "Method" and row["id"] == "ssm"
    assert row["aliases:string[]"].split(ARRAY_DELIMITER) == ["SSM", "structured semantic mapping"]


def test_csv_of_a_projection_uses_its_relationship_type(graphs, tmp_path):
    _, rels_path = write_csv(graphs["coauthor"], tmp_path)
    with rels_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r[":TYPE"] for r in rows} == {"COAUTHOR"} and len(rows) == graphs["coauthor"].number_of_edges()
    assert all(int(r["weight:long"]) >= 1 for r in rows)
