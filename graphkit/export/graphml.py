"""GraphML 1.0 (http://graphml.graphdrawing.org/): valid against the GraphML 1.0 schema.

Node ids are NMTOKENs as the schema requires (:func:`~graphkit.export._common.xml_id`:
``Author:nicholas_20_bemish``); the graphkit node key (``Author:nicholas bemish``) is kept in the
``graphkit_key`` attribute, the display name in ``label``, the schema label in ``kind``.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphkit.export._common import gephi_graph, output_file, xml_id

__all__ = ["write_graphml", "xml_graph"]


def xml_graph(G: nx.Graph) -> nx.Graph:
    """:func:`gephi_graph` with NMTOKEN node ids and the graphkit key as the ``graphkit_key`` attribute."""
    H = gephi_graph(G)
    for n, data in H.nodes(data=True):
        data["graphkit_key"] = str(n)
    return nx.relabel_nodes(H, {n: xml_id(str(n)) for n in H}, copy=True)


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write ``G`` as GraphML; returns the path written.

    >>> import tempfile, pathlib
    >>> G = nx.Graph(edge_type="COAUTHOR")
    >>> G.add_node("Author:a b", label="Author", id="a b", name="Ann", aliases=["Ann", "A."])
    >>> G.add_node("Author:c", label="Author", id="c", name="Bo")
    >>> G.add_edge("Author:a b", "Author:c", weight=2)
    >>> H = nx.read_graphml(write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml"))
    >>> node = H.nodes["Author:a_20_b"]
    >>> node["graphkit_key"], node["label"], node["kind"], node["node_id"], node["aliases"]
    ('Author:a b', 'Ann', 'Author', 'a b', 'Ann; A.')
    """
    path = output_file(path)
    nx.write_graphml(xml_graph(G), path, encoding="utf-8")
    return path
