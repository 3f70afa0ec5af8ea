"""GEXF 1.2 (https://gexf.net/), valid against the GEXF 1.2draft schema, for Gephi.

Node ids as in GraphML (NMTOKENs, the graphkit key in the ``graphkit_key`` attribute); each node carries
``viz:color`` by its label (the HTML pages' palette, :mod:`graphkit.viz.style`), ``viz:size`` by its
papers, and ``viz:position`` when a layout is asked for; co-author edges carry ``weight``.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graphkit.export._common import label_rgb, layout_positions, node_size, output_file
from graphkit.export.graphml import xml_graph

__all__ = ["write_gexf"]


def write_gexf(G: nx.Graph, path: str | Path, *, layout: str | None = None, seed: int = 42) -> Path:
    """Write ``G`` as GEXF 1.2; returns the path written.

    Parameters
    ----------
    layout : {"fr", "drl", "circle"}, optional
        Write node positions from this igraph layout (seeded by ``seed``), so Gephi opens a
        drawing rather than a cloud.

    >>> import tempfile, pathlib
    >>> G = nx.DiGraph(); G.add_edge("Author:a", "Paper:p", type="AUTHORED", position=1)
    >>> G.nodes["Author:a"].update(label="Author", papers=4)
    >>> H = nx.read_gexf(write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf"))
    >>> list(H.edges(data="kind")), H.nodes["Author:a"]["viz"]["color"], H.nodes["Author:a"]["viz"]["size"]
    ([('Author:a', 'Paper:p', 'AUTHORED')], {'r': 76, 'g': 142, 'b': 218, 'a': 1.0}, 12.0)
    """
    path = output_file(path)
    positions = layout_positions(G, layout, seed=seed) if layout else {}
    H = xml_graph(G)
    for original, (_, data) in zip(G.nodes, H.nodes(data=True)):
        r, g, b = label_rgb(G.nodes[original].get("label"))
        viz = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": node_size(data.get("kind"), data.get("papers"))}
        if original in positions:
            x, y = positions[original]
            viz["position"] = {"x": x, "y": y, "z": 0.0}
        data["viz"] = viz
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(H)
    writer.graph_element.attrib.pop("name", None)  # the schema has no graph name
    with path.open("wb") as out:
        writer.write(out)
    return path
