"""Write a graphkit graph for the tools people already use: one module per format.

Any of graphkit's graphs can be written: the full graph in schema form (a ``MultiDiGraph``), or
a projection from :func:`graphkit.analyze.coauthor_graph` /
:func:`graphkit.analyze.cooccurrence_graph` (a weighted ``Graph``). :func:`export_graph` chooses
the graph and the writer for a format name (what ``graphkit export`` calls).

============ ==================================================================================
graphml      GraphML 1.0 (:mod:`.graphml`): Gephi, Cytoscape, yEd, networkx, igraph
gexf         GEXF 1.2 (:mod:`.gexf`): Gephi, with colours, sizes and (``layout``) positions
cytoscape    Cytoscape.js JSON (:mod:`.cytoscape`): Cytoscape desktop, cytoscape.js
vosviewer    VOSviewer map + network files and JSON (:mod:`.vosviewer`), clusters labelled
csv          ``nodes.csv`` + ``relationships.csv`` for neo4j-admin import (:mod:`.csv_files`)
============ ==================================================================================

GraphML and GEXF validate against their schemas (GraphML 1.0, GEXF 1.2draft): node ids are XML
NMTOKENs (``Author:nicholas_20_bemish``), the graphkit key is kept in ``graphkit_key``, the display name
goes to ``label``, the schema label to ``kind``, the schema id to ``node_id``. An edge's
relationship type becomes its ``label`` and ``kind``; evidence offsets ``start``/``end`` become
``evidence_start``/``evidence_end`` (GEXF reserves ``start``/``end`` for time). Lists are joined
with ``"; "``, unknown values left out, characters XML cannot hold removed; co-author edges carry
``weight`` (joint papers) in every graph.

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

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graphkit.export._common import LAYOUTS, ExportError, gephi_graph, xml_id
from graphkit.export.csv_files import ARRAY_DELIMITER, write_csv
from graphkit.export.cytoscape import cytoscape_data, write_cytoscape
from graphkit.export.gexf import write_gexf
from graphkit.export.graphml import write_graphml
from graphkit.export.vosviewer import write_vosviewer, write_vosviewer_json

__all__ = [
    "FORMATS",
    "GRAPHS",
    "LAYOUTS",
    "ARRAY_DELIMITER",
    "ExportError",
    "Exported",
    "export_graph",
    "select_graph",
    "gephi_graph",
    "xml_id",
    "cytoscape_data",
    "write_graphml",
    "write_gexf",
    "write_cytoscape",
    "write_vosviewer",
    "write_vosviewer_json",
    "write_csv",
]

#: format name -> what ``-o`` names and what is written there
FORMATS: dict[str, str] = {
    "graphml": "a file: GraphML 1.0 (Gephi, Cytoscape, yEd, networkx, igraph)",
    "gexf": "a file: GEXF 1.2 with colours, sizes and --layout positions (Gephi)",
    "cytoscape": "a file: Cytoscape.js JSON (Cytoscape desktop, cytoscape.js)",
    "vosviewer": "a folder: map.txt, network.txt and vosviewer.json (VOSviewer, VOSviewer Online)",
    "csv": "a folder: nodes.csv and relationships.csv (neo4j-admin import, spreadsheets)",
}

#: which graph: the whole graph, the co-author graph, the co-occurrence graph of one entity kind
GRAPHS = ("full", "coauthor", "cooccurrence")


@dataclass
class Exported:
    """What :func:`export_graph` wrote."""

    format: str
    graph: str
    nodes: int
    edges: int
    paths: list[Path] = field(default_factory=list)


def select_graph(G: nx.MultiDiGraph, graph: str = "full", kind: str = "method") -> nx.Graph:
    """The graph an export writes: ``G`` itself, its co-author graph or the co-occurrence graph
    of ``kind`` (method, dataset, task)."""
    from graphkit import analyze

    if graph == "full":
        return G
    if graph == "coauthor":
        return analyze.coauthor_graph(G)
    if graph == "cooccurrence":
        return analyze.cooccurrence_graph(G, kind)
    raise ExportError(f"expected a graph among {', '.join(GRAPHS)}, got {graph!r}")


def export_graph(
    G: nx.MultiDiGraph,
    fmt: str,
    output: str | Path,
    *,
    graph: str | None = None,
    kind: str = "method",
    layout: str | None = None,
    seed: int = 42,
) -> Exported:
    """Write the store's graph ``G`` (schema form) in format ``fmt`` to ``output``.

    ``graph`` picks the graph (:data:`GRAPHS`); by default the full graph, except for VOSviewer,
    whose maps have one kind of link: the co-author graph there (``full`` is refused with an
    :class:`ExportError` saying which to choose). ``layout`` (:data:`LAYOUTS`) adds positions
    (GEXF, Cytoscape, VOSviewer). Missing output folders are created.
    """
    if fmt not in FORMATS:
        raise ExportError(f"expected a format among {', '.join(FORMATS)}, got {fmt!r}")
    if layout is not None and layout not in LAYOUTS:
        raise ExportError(f"expected a layout among {', '.join(LAYOUTS)}, got {layout!r}")
    graph = graph or ("coauthor" if fmt == "vosviewer" else "full")
    if fmt == "vosviewer" and graph == "full":
        raise ExportError(
            "expected one kind of link for a VOSviewer map, got the full graph (typed, directed relationships); "
            "export --graph coauthor, or --graph cooccurrence --kind method|dataset|task"
        )
    H = select_graph(G, graph, kind)
    output = Path(output)
    if fmt == "graphml":
        paths = [write_graphml(H, output)]
    elif fmt == "gexf":
        paths = [write_gexf(H, output, layout=layout, seed=seed)]
    elif fmt == "cytoscape":
        paths = [write_cytoscape(H, output, layout=layout, seed=seed)]
    elif fmt == "vosviewer":
        paths = [
            *write_vosviewer(H, output, seed=seed, source=G, layout=layout),
            write_vosviewer_json(H, output / "vosviewer.json", seed=seed, source=G, layout=layout),
        ]
    else:
        paths = list(write_csv(H, output))
    return Exported(fmt, graph, H.number_of_nodes(), H.number_of_edges(), paths)
