"""graphkit: paper listings -> co-authorship and topic knowledge graph.

Library API (the CLI is a thin layer over these). The names are imported on first use, so a
script or command that needs one stage (``import graphkit.extract``) does not pay for loading
networkx, scipy and the stores.

>>> import graphkit
>>> graphkit.load_graph.__module__
'graphkit.store'
"""

from graphkit._lazy import lazy_exports

#: public name -> the module that defines it
_EXPORTS = {
    "GraphkitError": "graphkit.errors",
    "parse_paths": "graphkit.ingest",
    "ParseReport": "graphkit.ingest",
    "Paper": "graphkit.model",
    "Entity": "graphkit.model",
    "Evidence": "graphkit.model",
    "ExtractedPaper": "graphkit.model",
    "Node": "graphkit.model",
    "Relationship": "graphkit.model",
    "Graph": "graphkit.model",
    "coauthor_graph": "graphkit.analyze",
    "cooccurrence_graph": "graphkit.analyze",
    "load_graph": "graphkit.store",
    "open_store": "graphkit.store",
    "ego": "graphkit.viz.subgraph",
}

__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
