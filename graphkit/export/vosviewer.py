"""VOSviewer map and network files and VOSviewer JSON, following VOSviewer's documented formats
(https://app.vosviewer.com/docs/file-types/map-and-network-file-type/ and .../json-file-type/).

A VOSviewer map has one kind of link: a co-author map (weights: joint papers) or a co-occurrence
map (papers mentioning both), never the full graph's typed, directed relationships folded into
one strength (:class:`~graphkit.export._common.ExportError`). Items are numbered from 1; clusters
are the communities of :func:`graphkit.analyze.communities` (seeded Louvain), labelled in the JSON
by their most characteristic methods and tasks (a co-author map) or their members with the most
papers (a co-occurrence map); ``weight<Links>``, ``weight<Total link strength>``,
``weight<Documents>`` and ``score<Avg. pub. year>`` (the overlay visualisation's year colours).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analyze import communities, detect_communities, display_name
from graphkit.export._common import ExportError, edge_type, layout_positions, output_file, output_folder

__all__ = ["write_vosviewer", "write_vosviewer_json", "vosviewer_network"]

#: VOSviewer allows clusters 1..1000: the 1000th holds every smaller community
_MAX_CLUSTERS = 1000


def _check_one_link_type(G: nx.Graph) -> None:
    types = {edge_type(G, data) for *_, data in G.edges(data=True)}
    if len(types) > 1:
        raise ExportError(
            f"expected one kind of link for a VOSviewer map, got {len(types)} ({', '.join(sorted(types)[:4])}…); "
            "export --graph coauthor, or --graph cooccurrence --kind method|dataset|task"
        )


def _entity_years(source: nx.MultiDiGraph, nodes: list[Any]) -> dict[Any, float]:
    """The mean publication year of the papers linked to each node (papers that have a year)."""
    years: dict[Any, float] = {}
    for n in nodes:
        if n not in source:
            continue
        found = [
            source.nodes[p].get("year")
            for p in set(source.predecessors(n)) | set(source.successors(n))
            if source.nodes[p].get("label") == "Paper"
        ]
        found = [y for y in found if isinstance(y, int) and not isinstance(y, bool)]
        if found:
            years[n] = round(statistics.fmean(found), 2)
    return years


def _cluster_labels(G: nx.Graph, ordered: list[list[Any]], source: nx.MultiDiGraph | None, seed: int) -> list[str]:
    """One label per community, in ``ordered`` order."""
    if source is not None and G.graph.get("edge_type") == "COAUTHOR":
        found = communities(source, G, seed=seed)
        if [c.size for c in found] == [len(c) for c in ordered]:
            return [", ".join(t.name for t in c.labels) or f"Cluster {c.id}" for c in found]
    labels = []
    for index, members in enumerate(ordered, start=1):
        top = sorted(members, key=lambda n: (-(G.nodes[n].get("papers") or 0), str(display_name(G, n))))[:3]
        labels.append(", ".join(str(display_name(G, n)) for n in top) or f"Cluster {index}")
    return labels


def vosviewer_network(
    G: nx.Graph, *, seed: int = 42, source: nx.MultiDiGraph | None = None, layout: str | None = None
) -> dict[str, Any]:
    """``{"items", "links", "clusters"}`` in VOSviewer's terms: an undirected weighted graph with
    integer ids. ``source`` is the full graph ``G`` was projected from (for cluster labels and,
    for entities, publication years)."""
    _check_one_link_type(G)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        a, b = sorted((u, v))
        previous = simple[a][b]["weight"] if simple.has_edge(a, b) else 0
        simple.add_edge(a, b, weight=previous + data.get("weight", data.get("papers", 1)))
    ids = {n: i for i, n in enumerate(simple, start=1)}
    ordered = detect_communities(simple, seed=seed) if simple.number_of_edges() else [list(simple)]
    cluster_of = {n: min(i, _MAX_CLUSTERS) for i, c in enumerate(ordered, start=1) for n in c}
    labels = _cluster_labels(G, ordered, source, seed) if simple.number_of_edges() else []
    clusters = [{"cluster": i, "label": label} for i, label in enumerate(labels[: _MAX_CLUSTERS - 1], start=1)]
    if len(labels) >= _MAX_CLUSTERS:
        clusters.append({"cluster": _MAX_CLUSTERS, "label": f"{len(labels) - _MAX_CLUSTERS + 1} small clusters"})

    with_documents = all("papers" in G.nodes[n] for n in simple)
    years = {n: G.nodes[n].get("avg_year", G.nodes[n].get("year")) for n in simple}
    if source is not None and not all(isinstance(y, (int, float)) for y in years.values()):
        years = {**_entity_years(source, list(simple)), **{n: y for n, y in years.items() if y is not None}}
    years = {n: y for n, y in years.items() if isinstance(y, (int, float)) and not isinstance(y, bool)}
    positions = layout_positions(simple, layout, seed=seed) if layout else {}
    items = []
    for n in simple:
        item: dict[str, Any] = {"id": ids[n], "label": display_name(G, n)}
        if G.nodes[n].get("label"):
            item["description"] = str(G.nodes[n]["label"])
        if n in positions:
            item["x"], item["y"] = (round(c / 1000, 5) for c in positions[n])
        item["cluster"] = cluster_of.get(n, 1)
        item["weights"] = {"Links": simple.degree(n), "Total link strength": simple.degree(n, weight="weight")}
        if with_documents:
            item["weights"]["Documents"] = G.nodes[n]["papers"]
        if n in years:  # items whose papers have no year have no score (grey in overlay maps)
            item["scores"] = {"Avg. pub. year": years[n]}
        items.append(item)
    links = [
        {"source_id": ids[u], "target_id": ids[v], "strength": w}
        for u, v, w in sorted(simple.edges(data="weight"), key=lambda e: (ids[e[0]], ids[e[1]]))
    ]
    return {"items": items, "links": links, "clusters": clusters}


def _vos_text(text: str) -> str:
    """A map-file cell: no tabs or line breaks; double quotes around text with , ; or "."""
    text = " ".join(str(text).split())
    if any(c in text for c in ',;"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_vosviewer(
    G: nx.Graph,
    directory: str | Path,
    *,
    seed: int = 42,
    source: nx.MultiDiGraph | None = None,
    layout: str | None = None,
) -> tuple[Path, Path]:
    """Write VOSviewer ``map.txt`` and ``network.txt`` into ``directory`` (created when missing).

    The map file is tab-separated with a header line: ``id``, ``label``, ``description``
    (the schema label, when nodes have one), ``x``/``y`` (with a layout), ``cluster``,
    ``weight<Links>``, ``weight<Total link strength>``, ``weight<Documents>`` (projections) and
    ``score<Avg. pub. year>`` (when every item has a year; the JSON gives it to every item that has
    one). The network file has no header:
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
    network = vosviewer_network(G, seed=seed, source=source, layout=layout)
    directory = output_folder(directory)
    items, links = network["items"], network["links"]
    columns = ["id", "label"]
    if any("description" in item for item in items):
        columns.append("description")
    if any("x" in item for item in items):
        columns += ["x", "y"]
    columns.append("cluster")
    weight_names = list(items[0]["weights"]) if items else []
    # a map-file column needs a value on every line: the year column only when every item has one
    score_names = list(items[0].get("scores", {})) if items and all("scores" in i for i in items) else []
    header = columns + [f"weight<{w}>" for w in weight_names] + [f"score<{s}>" for s in score_names]
    map_path, network_path = directory / "map.txt", directory / "network.txt"
    with map_path.open("w", encoding="utf-8", newline="") as out:
        out.write("\t".join(header) + "\n")
        for item in items:
            cells = [str(item["id"]), _vos_text(item["label"])]
            if "description" in columns:
                cells.append(_vos_text(item.get("description", "")))
            if "x" in columns:
                cells += [str(item["x"]), str(item["y"])]
            cells.append(str(item["cluster"]))
            cells += [str(item["weights"][w]) for w in weight_names]
            cells += [str(item["scores"][s]) for s in score_names]
            out.write("\t".join(cells) + "\n")
    with network_path.open("w", encoding="utf-8", newline="") as out:
        for link in links:
            out.write(f"{link['source_id']}\t{link['target_id']}\t{link['strength']}\n")
    return map_path, network_path


def write_vosviewer_json(
    G: nx.Graph,
    path: str | Path,
    *,
    seed: int = 42,
    source: nx.MultiDiGraph | None = None,
    layout: str | None = None,
) -> Path:
    """Write VOSviewer's JSON format (``{"network": {"items", "links", "clusters"}, "config"}``).

    Items carry ``id``, ``label``, ``description``, ``cluster``, ``weights`` and ``scores`` as in
    :func:`write_vosviewer`; links ``source_id``, ``target_id``, ``strength``; ``clusters`` each
    cluster's ``label``. Opens in VOSviewer and VOSviewer Online.

    >>> import tempfile, pathlib
    >>> G = nx.Graph(); G.add_edge("Author:a", "Author:b", weight=3)
    >>> path = write_vosviewer_json(G, pathlib.Path(tempfile.mkdtemp()) / "map.json")
    >>> json.loads(path.read_text())["network"]["links"]
    [{'source_id': 1, 'target_id': 2, 'strength': 3}]
    """
    network = vosviewer_network(G, seed=seed, source=source, layout=layout)
    path = output_file(path)
    coauthor = G.graph.get("edge_type") == "COAUTHOR"
    terminology = (
        {"item": "Author", "items": "Authors", "link": "Co-authorship link", "links": "Co-authorship links",
         "link_strength": "Joint papers", "total_link_strength": "Total joint papers"}
        if coauthor
        else {"link": "Co-occurrence link", "links": "Co-occurrence links", "link_strength": "Papers together"}
    )
    data = {"config": {"terminology": terminology}, "network": network}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
