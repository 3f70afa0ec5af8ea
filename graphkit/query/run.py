"""Running a stored query: check its parameters, resolve the names in them, run it on the store.

On Neo4j the query's Cypher text runs in a read transaction; on the embedded store (or a
``networkx.MultiDiGraph`` in graphkit's form) its embedded side from :mod:`graphkit.query.embedded`
runs on the graph. Both give the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from graphkit.names import resolve
from graphkit.query.catalog import NAME_TYPES, StoredQuery, get_query
from graphkit.query.embedded import answer

__all__ = ["run_stored"]


def run_stored(
    store: Any,
    name: str | StoredQuery,
    params: Mapping[str, Any] | None = None,
    queries: Mapping[str, StoredQuery] | None = None,
) -> list[dict[str, Any]]:
    """Run a stored query; rows as dicts with the columns of its RETURN clause, in its order.

    ``store`` is a Neo4j store (the Cypher text runs in a read transaction), the embedded store or a
    ``networkx.MultiDiGraph`` in graphkit's form (its embedded side runs on the graph:
    :func:`graphkit.query.embedded.answer`). ``params`` are checked and
    converted by :meth:`StoredQuery.bind`; names (authors, entities, paper titles) are resolved by
    :func:`graphkit.names.resolve`, so an alias or acronym works and an unknown name raises
    :class:`~graphkit.errors.NotFound` with the closest names.
    """
    query = name if isinstance(name, StoredQuery) else get_query(name, queries)
    bound = query.bind(params)
    given = dict(params or {})
    for param in query.parameters:  # names as people write them -> the node they mean (or "did you mean")
        if param.type in NAME_TYPES and param.name in given:
            bound[param.name] = resolve(store, param.type, given[param.name]).id
    if isinstance(store, nx.MultiDiGraph):
        graph = store
    elif getattr(store, "kind", "") == "neo4j":
        return store.cypher(query.cypher, bound)
    else:  # the embedded store reads only the part of the graph the query needs
        graph = store.subgraph_for(query, bound)
    return answer(query, graph, bound)
