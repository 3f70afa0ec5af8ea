"""graphkit.export: every file validated against its format's schema, re-read and compared with
the graph it came from."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree
from seed_graph import seed_graph

from graphkit import coauthor_graph, cooccurrence_graph
from graphkit.export import (
    ARRAY_DELIMITER,
    ExportError,
    export_graph,
    gephi_graph,
    write_csv,
    write_cytoscape,
    write_gexf,
    write_graphml,
    write_vosviewer,
    write_vosviewer_json,
)
from graphkit.viz.style import LABEL_COLORS

SCHEMAS = Path(__file__).parent / "schemas"
GEXF_NS, VIZ_NS = "http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz"


def _by_key(H: nx.Graph) -> nx.Graph:
    """A graph read back, its nodes renamed to the graphkit keys kept in ``graphkit_key``."""
    return nx.relabel_nodes(H, {n: d["graphkit_key"] for n, d in H.nodes(data=True)})


READERS = {
    "graphml": (write_graphml, lambda p: _by_key(nx.read_graphml(p, force_multigraph=True))),
    "gexf": (write_gexf, lambda p: _by_key(nx.read_gexf(p))),
}


@pytest.fixture(scope="module")
def graphml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml-1.0" / "graphml.xsd")))


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.2draft" / "gexf.xsd")))


def _gexf_for_the_published_schema(path: Path) -> etree._ElementTree:
    """The document, its viz elements moved into the GEXF namespace.

    The published 1.2draft schema (data.xsd) declares ``color``, ``position``, ``size``, ``shape``
    and ``thickness`` in the GEXF namespace with the viz types, where the primer, Gephi and networkx
    write them in the viz namespace; moved there, every viz element is checked against its viz type.
    """
    document = etree.parse(str(path))
    for element in document.iter(f"{{{VIZ_NS}}}*"):
        element.tag = f"{{{GEXF_NS}}}{etree.QName(element).localname}"
    return document


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
    # a key with "+" and a name with a form feed (XML 1.0 cannot hold it), as real abstracts give
    G.add_node("Method:c++ parser", label="Method", id="c++ parser", name="C++\x0c parser", aliases=["C++ parser"])
    G.add_edge(paper, "Method:c++ parser", key="USES", type="USES", sentence="A C++\x0c parser.", start=2, end=12,
               rule="cue")
    # what the stores derive: COAUTHOR (joint papers in ``papers``, no weight) and paper counts
    C = coauthor_graph(G)
    for u, v, joint in C.edges(data="weight"):
        a, b = sorted((u, v))
        G.add_edge(a, b, key="COAUTHOR", type="COAUTHOR", papers=joint)
    for n, papers in C.nodes(data="papers"):
        G.nodes[n]["papers"] = papers
    return {"full": G, "coauthor": coauthor_graph(G), "cooccurrence": cooccurrence_graph(G, "method")}


def _edges(G: nx.Graph) -> Counter:
    """Edges as (u, v, relationship type, weight), undirected graphs with sorted ends; a co-author
    edge of the full graph weighs its joint papers."""
    found = Counter()
    for u, v, data in G.edges(data=True):
        if not G.is_directed():
            u, v = sorted((u, v))
        kind = data.get("kind", data.get("type", G.graph.get("edge_type")))
        weight = data.get("weight", data.get("papers", 1) if kind == "COAUTHOR" else 1)
        found[(u, v, kind, float(weight))] += 1
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


@pytest.mark.parametrize("which", ["coauthor", "cooccurrence"])
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
    names = Counter(" ".join((G.nodes[n].get("name") or G.nodes[n].get("title")).split()) for n in G)
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


@pytest.mark.parametrize("which", ["full", "coauthor", "cooccurrence"])
def test_graphml_is_valid_against_the_graphml_1_0_schema(graphs, tmp_path, graphml_schema, which):
    path = write_graphml(graphs[which], tmp_path / "g.graphml")
    document = etree.parse(str(path))
    assert graphml_schema.validate(document), graphml_schema.error_log
    ids = [n.get("id") for n in document.iter("{http://graphml.graphdrawing.org/xmlns}node")]
    assert "Author:sijie_20_mai" in ids or which == "cooccurrence"


@pytest.mark.parametrize("layout", [None, "fr"])
@pytest.mark.parametrize("which", ["full", "coauthor", "cooccurrence"])
def test_gexf_is_valid_against_the_gexf_1_2draft_schema(graphs, tmp_path, gexf_schema, which, layout):
    path = write_gexf(graphs[which], tmp_path / "g.gexf", layout=layout)
    raw = etree.parse(str(path))
    assert raw.getroot().get("version") == "1.2" and raw.getroot().nsmap[None] == GEXF_NS
    assert raw.find(f"{{{GEXF_NS}}}graph").get("name") is None
    document = _gexf_for_the_published_schema(path)
    assert gexf_schema.validate(document), gexf_schema.error_log


def test_gexf_nodes_carry_the_page_colours_sizes_by_papers_and_layout_positions(graphs, tmp_path):
    G = graphs["full"]
    H = READERS["gexf"][1](write_gexf(G, tmp_path / "g.gexf", layout="fr"))
    for n in G:
        viz = H.nodes[n]["viz"]
        color = LABEL_COLORS[G.nodes[n]["label"]]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == tuple(
            int(color[i : i + 2], 16) for i in (1, 3, 5))
        assert set(viz["position"]) == {"x", "y", "z"}
    authors = [n for n in G if G.nodes[n]["label"] == "Author"]
    busiest = max(authors, key=lambda n: G.nodes[n]["papers"])
    quietest = min(authors, key=lambda n: G.nodes[n]["papers"])
    assert H.nodes[busiest]["viz"]["size"] > H.nodes[quietest]["viz"]["size"]
    again = READERS["gexf"][1](write_gexf(G, tmp_path / "again.gexf", layout="fr"))
    assert all(again.nodes[n]["viz"]["position"] == H.nodes[n]["viz"]["position"] for n in G)  # seeded


def test_coauthor_edges_carry_weight_in_every_graph(graphs, tmp_path):
    for which in ("full", "coauthor"):
        G = graphs[which]
        for fmt, (write, read) in READERS.items():
            H = read(write(G, tmp_path / f"{which}.{fmt}"))
            coauthor = [d for *_, d in H.edges(data=True) if d["kind"] == "COAUTHOR"]
            assert coauthor and all(d["weight"] >= 1 for d in coauthor), (which, fmt)
    full = graphs["full"]
    pairs = {tuple(sorted((u, v))): d["papers"] for u, v, d in full.edges(data=True) if d["type"] == "COAUTHOR"}
    H = READERS["graphml"][1](write_graphml(full, tmp_path / "w.graphml"))
    assert {tuple(sorted((u, v))): d["weight"] for u, v, d in H.edges(data=True) if d["kind"] == "COAUTHOR"} == pairs


@pytest.mark.parametrize("which", ["full", "coauthor", "cooccurrence"])
def test_igraph_reads_back_the_same_nodes_and_edges(graphs, tmp_path, which):
    # igraph reads GraphML (it writes GEXF but has no GEXF reader)
    G = graphs[which]
    g = igraph.Graph.Read_GraphML(str(write_graphml(G, tmp_path / "g.graphml")))
    keys = g.vs["graphkit_key"]
    assert sorted(keys) == sorted(G.nodes) and g.is_directed() == G.is_directed()
    found = Counter()
    for e in g.es:
        u, v = keys[e.source], keys[e.target]
        if not G.is_directed():
            u, v = sorted((u, v))
        weight = e["weight"] if "weight" in e.attributes() and e["weight"] == e["weight"] else 1.0  # NaN: none
        found[(u, v, e["kind"], float(weight))] += 1
    assert found == _edges_weighted(G)


def _edges_weighted(G: nx.Graph) -> Counter:
    found = Counter()
    for u, v, data in G.edges(data=True):
        if not G.is_directed():
            u, v = sorted((u, v))
        kind = data.get("type", G.graph.get("edge_type"))
        weight = data.get("weight", data.get("papers") if kind == "COAUTHOR" else None)
        found[(u, v, kind, float(weight) if weight is not None else 1.0)] += 1
    return found


def test_xml_exports_drop_characters_xml_cannot_hold(graphs, tmp_path):
    for write, read in READERS.values():
        path = write(graphs["full"], tmp_path / "g.xml")
        assert "\x0c" not in path.read_text(encoding="utf-8")
        assert read(path).nodes["Method:c++ parser"]["label"] == "C++ parser"


def test_cytoscape_json_has_elements_with_ids_names_interactions_and_positions(graphs, tmp_path):
    G = graphs["full"]
    data = json.loads(write_cytoscape(G, tmp_path / "g.cyjs", layout="fr").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert sorted(n["data"]["id"] for n in nodes) == sorted(G.nodes)
    assert all(set(n["position"]) == {"x", "y"} for n in nodes)
    sijie = next(n["data"] for n in nodes if n["data"]["id"] == "Author:sijie mai")
    assert (sijie["name"], sijie["kind"], sijie["color"]) == ("Sijie Mai", "Author", LABEL_COLORS["Author"])
    assert Counter((e["data"]["source"], e["data"]["target"], e["data"]["interaction"]) for e in edges) == Counter(
        (u, v, d["type"]) for u, v, d in G.edges(data=True))
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    assert all(e["data"]["weight"] >= 1 for e in edges if e["data"]["interaction"] == "COAUTHOR")
    # networkx's own Cytoscape reader gets the same graph back
    H = nx.cytoscape_graph(data)
    assert H.is_directed() and H.is_multigraph() and set(H) == set(G)
    assert Counter(list(H.edges(keys=True))) == Counter(list(G.edges(keys=True)))
    assert H.nodes["Author:sijie mai"]["name"] == "Sijie Mai"


def test_vosviewer_json_clusters_are_the_labelled_communities(graphs, tmp_path):
    from graphkit.analyze import communities

    G = graphs["full"]
    export_graph(G, "vosviewer", tmp_path / "vos", graph="coauthor")
    data = json.loads((tmp_path / "vos" / "vosviewer.json").read_text(encoding="utf-8"))
    found = communities(G)
    clusters = data["network"]["clusters"]
    assert [c["cluster"] for c in clusters] == list(range(1, len(found) + 1))
    assert clusters[0]["label"] == ", ".join(t.name for t in found[0].labels)
    items = data["network"]["items"]
    members = Counter(i["cluster"] for i in items)
    assert [members[c.id] for c in found] == [c.size for c in found]
    dated = [i for i in items if "scores" in i]
    assert len(dated) > len(items) / 2 and all(2000 <= i["scores"]["Avg. pub. year"] <= 2030 for i in dated)


def test_vosviewer_cooccurrence_map_has_years_from_the_papers_and_labelled_clusters(graphs, tmp_path):
    G = graphs["full"]
    export_graph(G, "vosviewer", tmp_path, graph="cooccurrence", kind="method", layout="fr")
    data = json.loads((tmp_path / "vosviewer.json").read_text(encoding="utf-8"))
    items = data["network"]["items"]
    assert items and all("x" in i and "y" in i for i in items)
    assert sum("scores" in i for i in items) > len(items) / 2
    assert all(c["label"] for c in data["network"]["clusters"])


def test_vosviewer_refuses_to_fold_the_full_graph_into_one_link_type(graphs, tmp_path):
    with pytest.raises(ExportError, match="one kind of link.*--graph coauthor"):
        export_graph(graphs["full"], "vosviewer", tmp_path, graph="full")
    with pytest.raises(ExportError, match="one kind of link"):
        write_vosviewer(graphs["full"], tmp_path)
    assert not any(tmp_path.iterdir())


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("Paper:p", label="Paper", id="p", title="=HYPERLINK(\"http://x\")", year=2020, score=-1)
    G.add_node("Method:m", label="Method", id="m", name="@SUM(A1)", aliases=["+cmd", "ok"])
    G.add_edge("Paper:p", "Method:m", key="USES", type="USES", sentence="-2+3", start=0, end=1)
    nodes, rels = write_csv(G, tmp_path)
    rows = list(csv.DictReader(nodes.open(encoding="utf-8", newline="")))
    paper = next(r for r in rows if r[":ID"] == "Paper:p")
    method = next(r for r in rows if r[":ID"] == "Method:m")
    assert paper["title"] == "'=HYPERLINK(\"http://x\")" and paper["score:long"] == "-1"
    assert method["name"] == "'@SUM(A1)" and method["aliases:string[]"] == "'+cmd|ok"
    [rel] = list(csv.DictReader(rels.open(encoding="utf-8", newline="")))
    assert rel["sentence"] == "'-2+3"


def test_exports_create_missing_folders_or_say_what_is_in_the_way(graphs, tmp_path):
    G = graphs["coauthor"]
    assert write_gexf(G, tmp_path / "a" / "b" / "g.gexf").is_file()
    assert all(p.is_file() for p in write_csv(G, tmp_path / "c" / "d"))
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="file of that name is in the way"):
        write_graphml(G, tmp_path / "file" / "g.graphml")
    with pytest.raises(ExportError, match="expected a folder"):
        write_csv(G, tmp_path / "file")
    with pytest.raises(ExportError, match="got a folder"):
        write_gexf(G, tmp_path / "a")


def test_query_csv_output_neutralises_formula_cells_too(capsys):
    from graphkit.cli.output import emit

    emit([{"name": "=cmd|' /C calc'!A0", "papers": -3, "aliases": ["@x"]}], "csv")
    header, row = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert header == ["name", "papers", "aliases"]
    assert row == ["'=cmd|' /C calc'!A0", "-3", '["@x"]']  # numbers stay numbers
