"""graphkit: paper listings -> co-authorship and topic knowledge graph.

Library API (the CLI is a thin layer over these):

>>> import graphkit
>>> papers = list(graphkit.parse_paths(["seeds/002_195db768c23b6a54.txt"]))
>>> len(papers)
35
"""

from graphkit.errors import GraphkitError
from graphkit.ingest import parse_paths
from graphkit.model import Entity, Evidence, ExtractedPaper, Graph, Node, Paper, Relationship

__all__ = [
    "GraphkitError",
    "Paper",
    "Entity",
    "Evidence",
    "ExtractedPaper",
    "Node",
    "Relationship",
    "Graph",
    "parse_paths",
]
