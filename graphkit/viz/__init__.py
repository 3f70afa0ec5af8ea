"""Drawing: a neighbourhood or the whole graph as one self-contained, interactive HTML page.

:mod:`~graphkit.viz.subgraph` picks what to draw from the schema graph (:func:`ego`, one subject's
neighbourhood; :func:`top_by_degree`, the best-connected nodes); :mod:`~graphkit.viz.page` writes
the page (:func:`render`, vis-network inlined); :mod:`~graphkit.viz.style` holds the
colours and captions per label, shared with the Neo4j Browser style in ``cypher/graphkit.grass``.
The names are imported on first use.
"""

from graphkit._lazy import lazy_exports

#: public name -> the module that defines it
_EXPORTS = {
    "ego": "graphkit.viz.subgraph",
    "top_by_degree": "graphkit.viz.subgraph",
    "find_node": "graphkit.viz.subgraph",
    "fold_papers": "graphkit.viz.subgraph",
    "display_name": "graphkit.viz.subgraph",
    "render": "graphkit.viz.page",
    "default_filename": "graphkit.viz.page",
    "limit_nodes": "graphkit.viz.page",
}

__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
