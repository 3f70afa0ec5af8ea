"""Stores: where the graph lives. :func:`open_store` picks one from the options.

Neo4j when a bolt URI is given (``--neo4j`` or ``$NEO4J_URI``); otherwise the embedded networkx
store (a SQLite file) in ``--store DIR`` (default ``.graphkit/``, or ``$GRAPHKIT_STORE``).
"""

from __future__ import annotations

import os
from typing import Any

import networkx as nx

from graphkit.errors import EmptyStore, StoreError
from graphkit.store.base import GraphStore, WriteSummary
from graphkit.store.embedded import EmbeddedStore, default_store_dir

__all__ = [
    "GraphStore",
    "WriteSummary",
    "EmbeddedStore",
    "open_store",
    "load_graph",
    "default_store_dir",
    "require_graph",
]


def open_store(neo4j_uri: str | None = None, store_dir: str | os.PathLike | None = None, **options: Any) -> GraphStore:
    """The store the user chose: Neo4j at ``neo4j_uri`` (or ``$NEO4J_URI``), else the embedded one.

    ``options`` go to the store's constructor (e.g. ``lock_timeout`` for the embedded store,
    credentials for Neo4j).

    >>> import tempfile
    >>> store = open_store(store_dir=tempfile.mkdtemp())
    >>> store.kind
    'networkx'
    """
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from graphkit.store.neo4j import Neo4jStore  # needs the driver and a server: load on demand

        return Neo4jStore(uri, **options)
    return EmbeddedStore(store_dir, **options)


def load_graph(path: str | os.PathLike | None = None) -> nx.MultiDiGraph:
    """The embedded store's graph as a ``networkx.MultiDiGraph`` (README "Graph schema").

    ``path`` is the store folder (default ``$GRAPHKIT_STORE`` or ``.graphkit``) or its graph file.
    Node keys are ``"Label:id"`` with attributes ``label``, ``id`` and the properties; each edge
    has key and attribute ``type`` plus the properties.

    Raises :class:`~graphkit.errors.StoreError` when there is no store there yet.
    """
    from pathlib import Path

    from graphkit.store.embedded import LEGACY_FILE, read_store_file

    target = Path(path) if path is not None else default_store_dir()
    if target.is_file():
        return read_store_file(target)
    store = EmbeddedStore(target)
    if not store.path.exists() and not (target / LEGACY_FILE).exists():
        raise StoreError(f"no graphkit store in {target}: build one with `graphkit --store {target} build PATH...`")
    try:
        return store.read_graph()
    finally:
        store.close()


def require_graph(store: GraphStore) -> GraphStore:
    """``store`` itself when it holds a graph; else :class:`~graphkit.errors.EmptyStore` saying
    that it does not exist or is empty, and how to build it.

    >>> import tempfile
    >>> require_graph(open_store(store_dir=tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.EmptyStore: no graph in the embedded store ...: build one first with `graphkit build PATH...`
    """
    has_nodes = getattr(store, "has_nodes", None)  # one indexed row instead of counting everything
    if not (has_nodes() if has_nodes is not None else any(store.stats()["nodes"].values())):
        raise EmptyStore(
            f"no graph in {describe(store)} (it does not exist or is empty): "
            "build one first with `graphkit build PATH...`"
        )
    return store


def describe(store: GraphStore) -> str:
    """Where a store is, for messages: its folder, or its server (no credentials)."""
    where = getattr(store, "directory", None) or getattr(store, "uri", None)  # Neo4j's uri has no credentials
    kind = "Neo4j" if store.kind == "neo4j" else "embedded"
    return f"the {kind} store {where}" if where else f"the {kind} store"
