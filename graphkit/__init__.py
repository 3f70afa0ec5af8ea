"""graphkit: paper listings -> co-authorship and topic knowledge graph.

Library API (the CLI is a thin layer over these). The names are imported on first use, so a
script or command that needs one stage (``import graphkit.extract``) does not pay for loading
networkx, scipy and the stores.

>>> import graphkit
>>> graphkit.load_graph.__module__
'graphkit.store'
"""

import importlib

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


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later reads skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
