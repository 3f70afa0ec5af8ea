"""The one store interface. Two implementations: :mod:`graphkit.store.embedded`
(embedded default, a file on disk) and :mod:`graphkit.store.neo4j` (a Neo4j server).

Both hold exactly the same nodes, relationships and properties for the same input.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.errors import QueryTimedOut, StoreLocked
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
    def cypher(
        self,
        text: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, Any]]:
        """Run read-only Cypher; rows as dicts. Writes are refused (ReadOnlyQueryError); a query
        running longer than ``timeout`` seconds is stopped (QueryTimedOut); with ``max_rows``, rows
        past that many are not fetched (the caller asks for one more to know there were more)."""

    def names(self, label: str) -> list[Any]:
        """Every ``label`` node as a :class:`graphkit.names.NodeName` (id, display name, aliases,
        papers): what the name resolver (:mod:`graphkit.names`) matches a typed name against.

        This default reads the whole graph; a store that can list names more cheaply overrides it.
        """
        from graphkit.names import names_of

        return names_of(self.read_graph(), label)

    def neighbourhood(self, center: str, hops: int = 1, **options: Any) -> nx.MultiDiGraph:
        """A graph holding every node within ``hops`` steps of ``center`` (a node key
        ``"Label:id"``) with the relationships between them (see the embedded store's for the
        options). This default gives the whole graph, which holds it too."""
        return self.read_graph()

    def subgraph_for(self, query: Any, params: Mapping[str, Any]) -> nx.MultiDiGraph:
        """The graph a stored query's networkx twin runs on with ``params`` bound: a part of the
        graph holding all the query reads. This default gives the whole graph."""
        return self.read_graph()

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


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the enclosed in-process work with QueryTimedOut after ``seconds`` (main thread only:
    it uses SIGALRM; elsewhere, or with no limit, the work runs unbounded)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise QueryTimedOut(
            f"the query ran longer than {seconds:g} s and was stopped: "
            "narrow the MATCH, add a LIMIT, or raise --timeout"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class LockWait:
    """Waiting for another process's writer lock, as both stores do: ``on_wait`` is told once that
    we wait, and past ``timeout`` seconds (None: no limit) the wait ends in :class:`StoreLocked`."""

    def __init__(self, timeout: float | None, on_wait: Callable[[str], None] | None, writing: str):
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.on_wait = on_wait
        self.writing = writing  # what the other process writes: "the store DIR", "Neo4j at URI"
        self.waited = False

    def left(self) -> float | None:
        """Seconds left to wait (None: no limit)."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def pause(self, seconds: float, holder: str | None = None) -> None:
        """The lock was refused: give up past the deadline, else say we wait and sleep ``seconds``."""
        who = f" ({holder})" if holder else ""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise StoreLocked(
                f"another graphkit process{who} is writing {self.writing}; wait for it to finish, then run this again."
            ) from None
        if not self.waited and self.on_wait is not None:
            self.on_wait(f"waiting for another graphkit process{who} writing {self.writing}")
        self.waited = True
        time.sleep(seconds)
