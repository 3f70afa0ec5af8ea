"""The typed records handed from one pipeline stage to the next.

parse  -> :class:`Paper`
extract -> :class:`ExtractedPaper` (a Paper plus :class:`Entity` mentions with :class:`Evidence`)
build  -> :class:`Graph` of :class:`Node` and :class:`Relationship`
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graphkit.schema import ENTITY_KINDS

__all__ = [
    "Paper",
    "Evidence",
    "Entity",
    "ExtractedPaper",
    "Node",
    "Relationship",
    "Graph",
    "node_key",
]

@dataclass(frozen=True)
class Paper:
    """One paper as read from an input file, before extraction.

    ``year`` is None when the page gives a date without a year (never guessed).
    ``id`` is stable across runs: see :func:`graphkit.keys.paper_id`.
    """

    source: str
    index: int
    id: str
    abstract: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    authors_truncated: bool = False
    year: int | None = None
    date: str | None = None
    category: str | None = None
    has_code: bool = False
    profile_owner: str | None = None
    affiliation: str | None = None
    venue: str | None = None
    url: str | None = None
    external_id: str | None = None
    #: the authors' ids in the source (OpenAlex, Scopus, ORCID), parallel to ``authors`` ("" when
    #: unknown): identity evidence, never a key
    author_ids: tuple[str, ...] = ()
    #: subject terms the source assigns (OpenAlex topics and concepts, author keywords): Task candidates
    keywords: tuple[str, ...] = ()
    line: int | None = None  # 1-based line of the record in its file, for messages

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the field order of ``graphkit parse`` output."""
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["author_ids"] = list(self.author_ids)
        data["keywords"] = list(self.keywords)
        return data


@dataclass
class Evidence:
    """Where a mention was found: the sentence, character offsets into the abstract, the rule."""

    sentence: str
    start: int
    end: int
    rule: str


@dataclass
class Entity:
    """One canonical entity a paper mentions, with every mention's evidence.

    ``kind`` is one of :data:`graphkit.schema.ENTITY_KINDS`; ``key`` is the normalised node id shared
    across papers; ``role`` is "proposes" or "uses" for methods, None otherwise.
    """

    kind: str
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.key, "name": self.name, "aliases": list(self.aliases)}
        if self.role is not None:
            data["role"] = self.role
        data["evidence"] = [asdict(e) for e in self.evidence]
        return data


@dataclass
class ExtractedPaper:
    """A paper and the entities extracted from its abstract."""

    paper: Paper
    entities: list[Entity] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        data = self.paper.to_dict()
        data["entities"] = {kind + "s": [e.to_dict() for e in self.of_kind(kind)] for kind in ENTITY_KINDS}
        return data


@dataclass(frozen=True)
class Node:
    """A typed node: ``label`` from :data:`graphkit.schema.NODE_LABELS`, unique ``id`` within its label."""

    label: str
    id: str
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    @property
    def key(self) -> str:
        return node_key(self.label, self.id)


@dataclass(frozen=True)
class Relationship:
    """A typed relationship between two nodes, each given as ``(label, id)``.

    There is at most one relationship of a type between two nodes; writing it again
    updates its properties. COAUTHOR is stored once per pair, from the smaller key.
    """

    type: str
    start: tuple[str, str]
    end: tuple[str, str]
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)


@dataclass
class Graph:
    """What ``build`` hands to a store."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


def node_key(label: str, id: str) -> str:
    """The networkx node key of a schema node.

    >>> node_key("Author", "sijie mai")
    'Author:sijie mai'
    """
    return f"{label}:{id}"
