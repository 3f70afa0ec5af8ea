"""The one store interface. Two implementations: :mod:`graphkit.store.networkx_store`
(embedded default, a file on disk) and :mod:`graphkit.store.neo4j_store` (a Neo4j server).

Both hold exactly the same nodes, relationships and properties for the same input.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.model import Graph

__all__ = ["GraphStore", "WriteSummary"]


@dataclass
class WriteSummary:
    """What one ``write`` changed: counts per label / relationship type."""

    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_updated: dict[str, int] = field(default_factory=dict)
    relationships_created: dict[str, int] = field(default_factory=dict)


class GraphStore(ABC):
    """Where the graph lives. Writes are MERGE-like: writing the same graph twice changes nothing."""

    #: short name for messages: "networkx" or "neo4j"
    kind: str = ""
    #: how long a write waits for another process writing the same store (None: as long as it
    #: takes, 0: not at all); a store without a writer lock has nothing to wait for
    lock_timeout: float | None = None
    #: called once with a message when a write starts waiting for another writer
    on_wait: Callable[[str], None] | None = None

    @abstractmethod
    def write(self, graph: Graph) -> WriteSummary:
        """Merge ``graph`` into the store, then recompute COAUTHOR {papers} for every author it touches.

        Nothing is half-written: a failed write leaves the store as it was before, or in a state a
        rerun of the same write converges from.
        """

    @abstractmethod
    def stats(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: count}, "relationships": {type: count}}``, every schema label/type present."""

    @abstractmethod
    def read_graph(self) -> nx.MultiDiGraph:
        """The whole graph as a ``networkx.MultiDiGraph`` in graphkit's in-memory form:
        node key ``"Label:id"`` with attributes ``label``, ``id`` and the properties; edge key
        and attribute ``type`` plus the properties."""

    @abstractmethod
    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher; rows as dicts. Writes are refused (ReadOnlyQueryError)."""

    def names(self, label: str) -> list[Any]:
        """Every ``label`` node as a :class:`graphkit.names.NodeName` (id, display name, aliases,
        papers): what the name resolver (:mod:`graphkit.names`) matches a typed name against.

        This default reads the whole graph; a store that can list names more cheaply overrides it.
        """
        from graphkit.names import names_of

        return names_of(self.read_graph(), label)

    @abstractmethod
    def reset(self) -> None:
        """Delete everything in the store (``graphkit build --reset``)."""

    @contextlib.contextmanager
    def bulk(self, reset: bool = False) -> Iterator[GraphStore]:
        """Hold the store for the many writes of one build (emptied first with ``reset``).

        The embedded store locks its folder and saves once at the end; a server-backed store has
        nothing to hold, so by default this only resets.
        """
        if reset:
            self.reset()
        yield self

    def close(self) -> None:  # noqa: B027 (a store with nothing to release need not override it)
        """Release connections and locks."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
