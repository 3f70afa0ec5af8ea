"""graphkit: paper listings -> co-authorship and topic knowledge graph.

Library API (the CLI is a thin layer over these).
"""

from graphkit.analyze import coauthor_graph, cooccurrence_graph
from graphkit.errors import GraphkitError
from graphkit.ingest import ParseReport, parse_paths
from graphkit.model import Entity, Evidence, ExtractedPaper, Graph, Node, Paper, Relationship
from graphkit.store import load_graph, open_store
from graphkit.subgraph import ego

__all__ = [
    "GraphkitError",
    "parse_paths",
    "ParseReport",
    "Paper",
    "Entity",
    "Evidence",
    "ExtractedPaper",
    "Node",
    "Relationship",
    "Graph",
    "coauthor_graph",
    "cooccurrence_graph",
    "load_graph",
    "open_store",
    "ego",
]
