"""The query stage: the stored queries of ``cypher/`` and how each runs on either store.

- :mod:`~graphkit.query.catalog`: the ``.cypher`` files read into :class:`StoredQuery` (header,
  parameters, how a name given by a person becomes a node key);
- :mod:`~graphkit.query.run`: :func:`run_stored`, one stored query on Neo4j or the embedded store;
- :mod:`~graphkit.query.embedded`: the networkx side of every stored query;
- :mod:`~graphkit.query.adhoc`: ad-hoc Cypher on the embedded store (parameters bound as literals).

The names are imported on first use, so the embedded store can use :mod:`graphkit.query.adhoc`
without loading the catalog.
"""

from graphkit._lazy import lazy_exports

#: public name -> the module that defines it
_EXPORTS = {
    "CatalogError": "graphkit.query.catalog",
    "Parameter": "graphkit.query.catalog",
    "StoredQuery": "graphkit.query.catalog",
    "catalog_dir": "graphkit.query.catalog",
    "load_queries": "graphkit.query.catalog",
    "get_query": "graphkit.query.catalog",
    "run_stored": "graphkit.query.run",
}

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
