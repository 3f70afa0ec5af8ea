"""Cytoscape.js JSON (``.cyjs``): ``{"elements": {"nodes": [...], "edges": [...]}}``, each element's
properties under ``data``; opens in Cytoscape desktop (File > Import > Network from File) and
loads into cytoscape.js as ``cytoscape({elements: data.elements})``.

Nodes: ``data.id`` the graphkit key (also ``value``, so networkx's ``cytoscape_graph`` reads it),
``name`` the display name (Cytoscape's label column),
``kind`` the schema label, ``color`` its colour in the HTML pages, ``size`` by papers, then every
property; ``position`` when a layout is asked for. Edges: ``id``, ``source``, ``target``,
``interaction`` (the relationship type, Cytoscape's edge column; also ``key`` in the full graph),
``weight`` and the properties.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analyze import display_name
from graphkit.export._common import edge_type, layout_positions, node_size, output_file
from graphkit.viz.style import LABEL_COLORS

__all__ = ["cytoscape_data", "write_cytoscape"]

_RESERVED = {"id", "value", "key", "source", "target", "name", "interaction"}


def _value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def cytoscape_data(G: nx.Graph, *, layout: str | None = None, seed: int = 42) -> dict[str, Any]:
    """The Cytoscape.js JSON object of ``G``.

    >>> G = nx.Graph(edge_type="COAUTHOR"); G.add_edge("Author:a", "Author:b", weight=2)
    >>> data = cytoscape_data(G)
    >>> data["elements"]["edges"]
    [{'data': {'id': 'e0', 'source': 'Author:a', 'target': 'Author:b', 'interaction': 'COAUTHOR', 'weight': 2}}]
    """
    positions = layout_positions(G, layout, seed=seed) if layout else {}
    nodes = []
    for n, data in G.nodes(data=True):
        label = data.get("label")
        node: dict[str, Any] = {"id": str(n), "value": str(n), "name": str(display_name(G, n))}
        if label:
            node["kind"] = str(label)
        node["color"] = LABEL_COLORS.get(str(label), "#A5ABB6")
        node["size"] = node_size(label, data.get("papers"))
        for k, v in data.items():
            if v is not None and k != "label":
                node[f"node_{k}" if k in _RESERVED else k] = _value(v)
        element: dict[str, Any] = {"data": node}
        if n in positions:
            x, y = positions[n]
            element["position"] = {"x": x, "y": -y}  # screen y grows downwards
        nodes.append(element)
    edges = []
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        relation = edge_type(G, data)
        edge: dict[str, Any] = {"id": f"e{i}", "source": str(u), "target": str(v), "interaction": relation}
        if G.is_multigraph():
            edge["key"] = relation  # graphkit keys parallel edges by relationship type
        if "weight" not in data and relation == "COAUTHOR" and "papers" in data:
            edge["weight"] = data["papers"]
        for k, value in data.items():
            if value is not None and k != "type":
                edge[f"edge_{k}" if k in _RESERVED else k] = _value(value)
        edges.append({"data": edge})
    graph_data = {k: _value(v) for k, v in G.graph.items() if v is not None}
    return {
        "format_version": "1.0",
        "generated_by": "graphkit",
        "target_cytoscapejs_version": "~3.0",
        "data": graph_data,
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cytoscape(G: nx.Graph, path: str | Path, *, layout: str | None = None, seed: int = 42) -> Path:
    """Write ``G`` as Cytoscape.js JSON; returns the path written."""
    path = output_file(path)
    data = cytoscape_data(G, layout=layout, seed=seed)
    path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=False, default=str), encoding="utf-8")
    return path
