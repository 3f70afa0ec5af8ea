"""Build stage: extracted papers -> the graph in a store.

:mod:`~graphkit.build.graph` builds typed nodes and relationships from papers (pure);
:mod:`~graphkit.build.derive` holds what the stores derive when they write (the merge rule,
COAUTHOR, paper counts); :mod:`~graphkit.build.run` runs parse -> extract -> build -> store in
batches (what ``graphkit build`` calls). The names are imported on first use.
"""

from graphkit._lazy import lazy_exports

#: public name -> the module that defines it
_EXPORTS = {
    "to_graph": "graphkit.build.graph",
    "merge_properties": "graphkit.build.derive",
    "coauthor_pairs": "graphkit.build.derive",
    "weighted_projection": "graphkit.build.derive",
    "build_paths": "graphkit.build.run",
    "build_papers": "graphkit.build.run",
    "BuildSummary": "graphkit.build.run",
}

__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
