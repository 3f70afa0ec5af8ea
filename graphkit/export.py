"""Write a graphkit graph for the tools people already use: one function per format.

Any of graphkit's graphs can be written: the full graph in schema form (a ``MultiDiGraph``), or
a projection from :func:`graphkit.analyze.coauthor_graph` /
:func:`graphkit.analyze.cooccurrence_graph` (a weighted ``Graph``).

- :func:`write_graphml`, :func:`write_gexf` -- for Gephi (and networkx, igraph, Cytoscape).
  Gephi shows a node's ``label``, so the display name goes there; the schema label moves to
  ``kind`` and the schema id to ``node_id``. An edge's relationship type becomes its ``label``
  and ``kind``; evidence offsets ``start``/``end`` become ``evidence_start``/``evidence_end``
  (GEXF reserves ``start``/``end`` for time). Lists are joined with ``"; "``, unknown values
  left out, so nothing Gephi cannot read remains.
- :func:`write_vosviewer` (map + network files) and :func:`write_vosviewer_json` -- for
  VOSviewer, following its documented formats
  (https://app.vosviewer.com/docs/file-types/map-and-network-file-type/ and
  .../json-file-type/): items numbered from 1, Louvain clusters, ``weight<Links>``,
  ``weight<Total link strength>``, ``weight<Documents>`` and ``score<Avg. pub. year>``.
- :func:`write_csv` -- ``nodes.csv`` and ``relationships.csv`` with neo4j-admin headers
  (``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties such as
  ``year:long``), also plain tables for pandas. Import with::

      neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
          --array-delimiter="|" --multiline-fields=true neo4j

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.Graph(edge_type="COAUTHOR")
>>> G.add_node("Author:a", label="Author", id="a", name="Ann", aliases=["Ann", "A."])
>>> G.add_node("Author:b", label="Author", id="b", name="Bo")
>>> G.add_edge("Author:a", "Author:b", weight=2)
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> H = nx.read_graphml(write_graphml(G, out / "g.graphml"))
>>> H.nodes["Author:a"]["label"], H.nodes["Author:a"]["aliases"], H.nodes["Author:a"]["kind"]
('Ann', 'Ann; A.', 'Author')
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analyze import detect_communities, display_name

__all__ = [
    "gephi_graph",
    "write_graphml",
    "write_gexf",
    "write_vosviewer",
    "write_vosviewer_json",
    "write_csv",
    "ARRAY_DELIMITER",
]

#: separator of list elements in ``write_csv`` cells (neo4j-admin ``--array-delimiter``)
ARRAY_DELIMITER = "|"

# attributes GEXF/GraphML readers treat specially on edges, renamed so the data survives
_EDGE_RENAMES = {"start": "evidence_start", "end": "evidence_end", "id": "edge_id", "label": "edge_label"}
_NODE_RESERVED = {"pid", "start", "end", "viz", "parents", "slices", "spells"}


def _flat(value: Any) -> Any:
    """A value Gephi can read: lists and sets joined, dicts as JSON, other objects as text."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return "; ".join(sorted(str(v) for v in value))
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _unify_types(items: list[dict[str, Any]]) -> None:
    """Give each attribute one type across all items (GraphML declares a type per key)."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for attrs in items:
        for k, v in attrs.items():
            kinds[k].add(type(v))
    for k, seen in kinds.items():
        if len(seen) == 1:
            continue
        cast = float if seen <= {int, float} else str
        for attrs in items:
            if k in attrs:
                attrs[k] = cast(attrs[k])


def _edge_type(G: nx.Graph, data: dict[str, Any]) -> str:
    return str(data.get("type") or G.graph.get("edge_type") or "RELATED")


def gephi_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` that Gephi, GraphML and GEXF accept without losing anything.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Paper:p", label="Paper", id="p", title="T", venue=None)
    >>> G.add_node("Method:m", label="Method", id="m", name="M", aliases=["M", "Em"])
    >>> _ = G.add_edge("Paper:p", "Method:m", key="USES", type="USES", start=3, end=4)
    >>> H = gephi_graph(G)
    >>> H.nodes["Paper:p"]
    {'label': 'T', 'kind': 'Paper', 'node_id': 'p', 'title': 'T'}
    >>> list(H.edges(keys=True, data=True))
    [('Paper:p', 'Method:m', 'e0', {'label': 'USES', 'kind': 'USES', 'evidence_start': 3, 'evidence_end': 4})]
    """
    H = G.__class__()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if v is not None})
    node_attrs = []
    for n, data in G.nodes(data=True):
        attrs: dict[str, Any] = {"label": display_name(G, n)}
        if data.get("label"):
            attrs["kind"] = str(data["label"])
        if data.get("id") is not None:
            attrs["node_id"] = str(data["id"])
        for k, v in data.items():
            if k not in ("label", "id") and v is not None:
                attrs[f"node_{k}" if k in _NODE_RESERVED else k] = _flat(v)
        node_attrs.append(attrs)
    edge_attrs = []
    for _, _, data in G.edges(data=True):
        relation = _edge_type(G, data)
        attrs = {"label": relation, "kind": relation}
        for k, v in data.items():
            if k != "type" and v is not None:
                attrs[_EDGE_RENAMES.get(k, k)] = _flat(v)
        edge_attrs.append(attrs)
    _unify_types(node_attrs)
    _unify_types(edge_attrs)
    H.add_nodes_from(zip(G.nodes, node_attrs))
    if G.is_multigraph():
        # GraphML/GEXF edge ids must be unique in the file; relationship types repeat
        H.add_edges_from((u, v, f"e{i}", attrs) for i, ((u, v), attrs) in enumerate(zip(G.edges(), edge_attrs)))
    else:
        H.add_edges_from((u, v, attrs) for (u, v), attrs in zip(G.edges(), edge_attrs))
    return H


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML (via :func:`gephi_graph`); returns the path written."""
    path = Path(path)
    nx.write_graphml(gephi_graph(G), path)
    return path


def write_gexf(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GEXF 1.2 (via :func:`gephi_graph`); returns the path written.

    >>> import tempfile, pathlib
    >>> G = nx.DiGraph(); G.add_edge("Author:a", "Paper:p", type="AUTHORED", position=1)
    >>> H = nx.read_gexf(write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf"))
    >>> list(H.edges(data="kind"))
    [('Author:a', 'Paper:p', 'AUTHORED')]
    """
    path = Path(path)
    nx.write_gexf(gephi_graph(G), path)
    return path


# --------------------------------------------------------------------------- VOSviewer


def _vosviewer_network(G: nx.Graph, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Items and links in VOSviewer's terms: an undirected weighted graph with integer ids."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        a, b = sorted((u, v))
        previous = simple[a][b]["weight"] if simple.has_edge(a, b) else 0
        simple.add_edge(a, b, weight=previous + data.get("weight", 1))
    ids = {n: i for i, n in enumerate(simple, start=1)}
    cluster_of = {}
    if simple.number_of_edges():
        ordered = detect_communities(simple, seed=seed)
        # VOSviewer allows clusters 1..1000: the 1000th holds every smaller community
        cluster_of = {n: min(i, 1000) for i, c in enumerate(ordered, start=1) for n in c}

    with_documents = all("papers" in G.nodes[n] for n in simple)
    years = {n: G.nodes[n].get("avg_year", G.nodes[n].get("year")) for n in simple}
    with_years = all(isinstance(y, (int, float)) and not isinstance(y, bool) for y in years.values())
    items = []
    for n in simple:
        item: dict[str, Any] = {"id": ids[n], "label": display_name(G, n)}
        if G.nodes[n].get("label"):
            item["description"] = str(G.nodes[n]["label"])
        item["cluster"] = cluster_of.get(n, 1)
        item["weights"] = {"Links": simple.degree(n), "Total link strength": simple.degree(n, weight="weight")}
        if with_documents:
            item["weights"]["Documents"] = G.nodes[n]["papers"]
        if with_years:
            item["scores"] = {"Avg. pub. year": years[n]}
        items.append(item)
    links = [
        {"source_id": ids[u], "target_id": ids[v], "strength": w}
        for u, v, w in sorted(simple.edges(data="weight"), key=lambda e: (ids[e[0]], ids[e[1]]))
    ]
    return items, links


def _vos_text(text: str) -> str:
    """A map-file cell: no tabs or line breaks; double quotes around text with , ; or "."""
    text = " ".join(str(text).split())
    if any(c in text for c in ',;"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_vosviewer(G: nx.Graph, directory: str | Path, *, seed: int = 42) -> tuple[Path, Path]:
    """Write VOSviewer ``map.txt`` and ``network.txt`` into ``directory``.

    The map file is tab-separated with a header line: ``id``, ``label``, ``description``
    (the schema label, when nodes have one), ``cluster`` (seeded Louvain, largest first),
    ``weight<Links>``, ``weight<Total link strength>``, ``weight<Documents>`` (projections) and
    ``score<Avg. pub. year>`` (when every item has a year). The network file has no header:
    ``id1``, ``id2``, ``strength`` per undirected link (parallel edges summed).

    Open in VOSviewer with *Create... > Create a map based on network data*.

    Returns
    -------
    (Path, Path)
        The map and the network file.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.Graph(); G.add_edge("Author:a", "Author:b", weight=3)
    >>> map_file, network_file = write_vosviewer(G, tempfile.mkdtemp())
    >>> header, *rows = [line.split("\\t") for line in map_file.read_text().splitlines()]
    >>> header
    ['id', 'label', 'cluster', 'weight<Links>', 'weight<Total link strength>']
    >>> rows
    [['1', 'Author:a', '1', '1', '3'], ['2', 'Author:b', '1', '1', '3']]
    >>> network_file.read_text().split()
    ['1', '2', '3']
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    items, links = _vosviewer_network(G, seed)
    columns = ["id", "label"]
    if any("description" in item for item in items):
        columns.append("description")
    columns.append("cluster")
    weight_names = list(items[0]["weights"]) if items else []
    score_names = list(items[0].get("scores", {})) if items else []
    header = columns + [f"weight<{w}>" for w in weight_names] + [f"score<{s}>" for s in score_names]
    map_path, network_path = directory / "map.txt", directory / "network.txt"
    with map_path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(header) + "\n")
        for item in items:
            cells = [str(item["id"]), _vos_text(item["label"])]
            if "description" in columns:
                cells.append(_vos_text(item.get("description", "")))
            cells.append(str(item["cluster"]))
            cells += [str(item["weights"][w]) for w in weight_names]
            cells += [str(item["scores"][s]) for s in score_names]
            out.write("\t".join(cells) + "\n")
    with network_path.open("w", encoding="utf-8", newline="") as out:
        for link in links:
            out.write(f"{link['source_id']}\t{link['target_id']}\t{link['strength']}\n")
    return map_path, network_path


def write_vosviewer_json(G: nx.Graph, path: str | Path, *, seed: int = 42) -> Path:
    """Write VOSviewer's JSON format (``{"network": {"items": [...], "links": [...]}}``).

    Items carry ``id``, ``label``, ``description``, ``cluster``, ``weights`` and ``scores`` as in
    :func:`write_vosviewer`; links ``source_id``, ``target_id``, ``strength``. Opens in VOSviewer
    and VOSviewer Online.

    >>> import tempfile, pathlib
    >>> G = nx.Graph(); G.add_edge("Author:a", "Author:b", weight=3)
    >>> path = write_vosviewer_json(G, pathlib.Path(tempfile.mkdtemp()) / "map.json")
    >>> json.loads(path.read_text())["network"]["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 3}]
    """
    path = Path(path)
    items, links = _vosviewer_network(G, seed)
    path.write_text(
        json.dumps({"network": {"items": items, "links": links}}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return path


# --------------------------------------------------------------------------- CSV (neo4j-admin)


def _column_type(values: list[Any]) -> str:
    """neo4j-admin header type for a column's values ("" = string)."""
    seen = {type(v) for v in values}
    if seen == {bool}:
        return ":boolean"
    if seen == {int}:
        return ":long"
    if seen <= {int, float}:
        return ":double"
    if seen <= {list, tuple, set, frozenset}:
        return ":string[]"
    return ""


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == ":boolean":
        return "true" if value else "false"
    if kind == ":string[]":
        return ARRAY_DELIMITER.join(str(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value))
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return json.dumps(value if not isinstance(value, (set, frozenset)) else sorted(value), ensure_ascii=False)
    return value


def _write_table(path: Path, fixed: list[str], rows: list[tuple[list[Any], dict[str, Any]]]) -> None:
    names = sorted({k for _, props in rows for k in props}, key=lambda k: (k != "id", k))
    kinds = {k: _column_type([props[k] for _, props in rows if props.get(k) is not None]) for k in names}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(fixed + [k + kinds[k] for k in names])
        for cells, props in rows:
            writer.writerow(cells + [_cell(props.get(k), kinds[k]) for k in names])


def write_csv(G: nx.Graph, directory: str | Path) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` into ``directory``.

    ``nodes.csv``: ``:ID`` (the node key, ``"Author:sijie mai"``, not stored by neo4j-admin),
    ``:LABEL``, then every property (``id`` first) with its neo4j-admin type (``year:long``,
    ``has_code:boolean``, ``aliases:string[]`` joined with ``|``). ``relationships.csv``:
    ``:START_ID``, ``:END_ID``, ``:TYPE`` and the properties. Unknown values are empty cells,
    which neo4j-admin leaves absent.

    Returns
    -------
    (Path, Path)
        The nodes and the relationships file.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:a", label="Author", id="a", name="Ann", aliases=["Ann", "A."])
    >>> G.add_node("Paper:p", label="Paper", id="p", title="T", year=2020)
    >>> _ = G.add_edge("Author:a", "Paper:p", key="AUTHORED", type="AUTHORED", position=1)
    >>> nodes, rels = write_csv(G, tempfile.mkdtemp())
    >>> print(nodes.read_text().replace("\\r", ""), rels.read_text().replace("\\r", ""), sep="", end="")
    :ID,:LABEL,id,aliases:string[],name,title,year:long
    Author:a,Author,a,Ann|A.,Ann,,
    Paper:p,Paper,p,,,T,2020
    :START_ID,:END_ID,:TYPE,position:long
    Author:a,Paper:p,AUTHORED,1
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path, rels_path = directory / "nodes.csv", directory / "relationships.csv"
    node_rows = [
        ([str(n), str(data.get("label") or "Node")], {k: v for k, v in data.items() if k != "label"})
        for n, data in G.nodes(data=True)
    ]
    _write_table(nodes_path, [":ID", ":LABEL"], node_rows)
    rel_rows = [
        ([str(u), str(v), _edge_type(G, data)], {k: v for k, v in data.items() if k != "type"})
        for u, v, data in G.edges(data=True)
    ]
    _write_table(rels_path, [":START_ID", ":END_ID", ":TYPE"], rel_rows)
    return nodes_path, rels_path
