"""The exceptions graphkit raises. The CLI turns every ``GraphkitError`` into a
one-line message and a non-zero exit, never a traceback."""

__all__ = [
    "GraphkitError",
    "ParseError",
    "ExtractionError",
    "StoreError",
    "StoreUnavailable",
    "StoreCorrupt",
    "StoreLocked",
    "UnknownQuery",
    "QueryParameterError",
    "ReadOnlyQueryError",
    "UnsupportedCypher",
    "NotFound",
    "NothingToBuild",
    "WrongGraph",
    "EmptyStore",
]


class GraphkitError(Exception):
    """Root of every error graphkit raises on purpose."""


class ParseError(GraphkitError):
    """An input file (or one record in it) could not be read.

    ``str()`` names the file and line, what was expected and what arrived.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path, self.line, self.reason = path, line, message
        where = f"{path}:{line}: " if path and line else (f"{path}: " if path else "")
        super().__init__(where + message)


class ExtractionError(GraphkitError):
    """The extraction pipeline could not be built (unknown model, bad pattern file)."""


class StoreError(GraphkitError):
    """A store could not be read or written."""


class StoreUnavailable(StoreError):
    """The Neo4j server cannot be reached or refused the credentials."""


class StoreCorrupt(StoreError):
    """The embedded store file is truncated or damaged."""


class StoreLocked(StoreError):
    """Another graphkit process is writing the same embedded store."""


class UnknownQuery(GraphkitError):
    """No stored query has that name."""


class QueryParameterError(GraphkitError):
    """A stored query got a missing, unknown or mistyped parameter."""


class ReadOnlyQueryError(GraphkitError):
    """A query tried to write; graphkit only reads through queries."""


class QueryTimedOut(GraphkitError):
    """A query ran longer than its time limit and was stopped."""


class UnsupportedCypher(GraphkitError):
    """Ad-hoc Cypher the embedded store cannot run (outside grand-cypher's subset)."""


class NotFound(GraphkitError):
    """A named author, entity or paper is not in the graph (message lists close matches)."""


class NothingToBuild(GraphkitError):
    """``build`` was given input that holds no paper; the store was left untouched."""


class EmptyStore(StoreError):
    """A read on a store that does not exist or holds no graph yet (the message names ``graphkit build``)."""


class WrongGraph(GraphkitError, TypeError):
    """An analysis was given a kind of graph it cannot use (the message names the one it needs)."""
