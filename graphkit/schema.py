"""graphkit's graph vocabulary: node labels, relationship types and entity kinds, defined once.

Every module that names a label, a relationship type or a kind takes it from here (README
"Graph schema" describes each).

>>> ENTITY_LABELS["method"], ENTITY_RELATIONSHIPS["dataset"]
('Method', ('EVALUATED_ON',))
"""

from __future__ import annotations

__all__ = [
    "ENTITY_KINDS",
    "NODE_LABELS",
    "RELATIONSHIP_TYPES",
    "KIND_LABELS",
    "ENTITY_LABELS",
    "ENTITY_RELATIONSHIPS",
    "PROFILE_METRICS",
]

#: extraction kinds, in the order they appear in ``extract`` output
ENTITY_KINDS = ("method", "dataset", "task", "venue")

#: every node label of the schema (README "Graph schema")
NODE_LABELS = ("Paper", "Author", "Method", "Dataset", "Task", "Venue", "Affiliation", "Category")

#: every relationship type of the schema
RELATIONSHIP_TYPES = (
    "AUTHORED",
    "COAUTHOR",
    "PROPOSES",
    "USES",
    "EVALUATED_ON",
    "ADDRESSES",
    "PUBLISHED_IN",
    "MENTIONS",
    "IN_CATEGORY",
    "AFFILIATED_WITH",
)

#: the kinds of node a person names (``graphkit viz KIND NAME``, identity commands) -> label
KIND_LABELS = {
    "author": "Author",
    "method": "Method",
    "dataset": "Dataset",
    "task": "Task",
    "venue": "Venue",
    "paper": "Paper",
}

#: extraction kind -> node label
ENTITY_LABELS = {kind: KIND_LABELS[kind] for kind in ENTITY_KINDS}

#: extraction kind -> relationship types from Paper to its node (a method is PROPOSES when the
#: paper introduces it, USES otherwise)
ENTITY_RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    "method": ("PROPOSES", "USES"),
    "dataset": ("EVALUATED_ON",),
    "task": ("ADDRESSES",),
    "venue": ("MENTIONS",),
}

#: author metrics a profile page can give (properties of Author)
PROFILE_METRICS = ("h_index", "citations", "paper_count")
