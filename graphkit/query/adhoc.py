"""Ad-hoc Cypher on the embedded side: ``graphkit cypher`` and ``store.cypher()`` without Neo4j.

grand-cypher runs a subset of Cypher (MATCH ... WHERE ... RETURN ... ORDER BY/SKIP/LIMIT) over a
``networkx.MultiDiGraph`` but has no parameters, so :func:`bind_parameters` turns each ``$name`` into
an escaped literal (:func:`cypher_literal`: a value can never end its string early or add query
text) and refuses write clauses. :func:`with_labels` gives a graph in graphkit's form the
``__labels__`` grand-cypher matches on; :func:`run_bound` runs a bound query and returns plain rows
(aggregates through :mod:`graphkit.query.aggregate`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from graphkit.errors import QueryParameterError, ReadOnlyQueryError, UnsupportedCypher

__all__ = ["bind_parameters", "cypher_literal", "with_labels", "run_bound"]

# string literals ('...' or "..." with backslash escapes), comments, and $parameters
_CYPHER_TOKENS = re.compile(
    r"""(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<comment>//[^\n]*)"""
    r"""|\$(?P<param>[A-Za-z_][A-Za-z_0-9]*)""",
    re.DOTALL,
)
_WRITE_CLAUSES = re.compile(
    r"(?<![.\w`])(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|LOAD\s+CSV|CALL|FOREACH|DROP)(?![\w`])", re.IGNORECASE
)


def cypher_literal(value: Any) -> str:
    """``value`` as a grand-cypher literal that reads back as exactly ``value``.

    grand-cypher has no parameters and reads double-quoted strings with Python's string rules, so
    every character outside printable ASCII (and every quote and backslash) is escaped: a value can
    never end its string early or add query text.

    >>> cypher_literal('x"}) DETACH DELETE n //')
    '"x\\\\"}) DETACH DELETE n //"'
    >>> cypher_literal(3), cypher_literal(True), cypher_literal(None)
    ('3', 'TRUE', 'NULL')
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise QueryParameterError(f"cannot pass {value!r} to the embedded store's Cypher")
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif " " <= ch <= "~":
                out.append(ch)
            else:
                out.append(f"\\U{ord(ch):08x}")
        return '"' + "".join(out) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise QueryParameterError(
        f"cannot pass a {type(value).__name__} as a Cypher parameter (use str, number, bool, list)"
    )


def _unquote(literal: str) -> str:
    """The text of a Cypher string literal (either quote); backslash escapes as in Cypher."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"'}
    out, i, inner = [], 0, literal[1:-1]
    while i < len(inner):
        ch = inner[i]
        if ch == "\\" and i + 1 < len(inner):
            nxt = inner[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", inner[i + 2 : i + 6]):
                out.append(chr(int(inner[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(escapes.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def bind_parameters(text: str, params: Mapping[str, Any] | None) -> str:
    """Cypher for grand-cypher: ``$name`` replaced by an escaped literal, every string literal
    re-quoted the way grand-cypher reads them, comments dropped.

    Write clauses are refused (ReadOnlyQueryError); a missing parameter is a QueryParameterError.

    >>> bind_parameters("MATCH (a:Author) WHERE a.name = $name RETURN a.id // x", {"name": "O'Neil"})
    'MATCH (a:Author) WHERE a.name = "O\\'Neil" RETURN a.id '
    """
    params = dict(params or {})
    pieces: list[str] = []
    last = 0
    for match in _CYPHER_TOKENS.finditer(text):
        code = text[last : match.start()]
        _refuse_writes(code)
        pieces.append(code)
        last = match.end()
        if match.group("string") is not None:
            pieces.append(cypher_literal(_unquote(match.group("string"))))
        elif match.group("param") is not None:
            name = match.group("param")
            if name not in params:
                given = ", ".join(sorted(params)) or "none"
                raise QueryParameterError(f"the query uses ${name} but no value was given for it (given: {given})")
            pieces.append(cypher_literal(params[name]))
    _refuse_writes(text[last:])
    pieces.append(text[last:])
    return "".join(pieces)


def _refuse_writes(code: str) -> None:
    found = _WRITE_CLAUSES.search(code)
    if found:
        raise ReadOnlyQueryError(
            f"{found.group(1).upper()} is not allowed: graphkit queries only read; "
            "change the graph with `graphkit build` instead."
        )


def with_labels(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with grand-cypher's ``__labels__`` sets (never stored)."""
    labelled = nx.MultiDiGraph()
    labelled.add_nodes_from((n, {**attrs, "__labels__": {attrs["label"]}}) for n, attrs in graph.nodes(data=True))
    labelled.add_edges_from(
        (u, v, k, {**attrs, "__labels__": {k}}) for u, v, k, attrs in graph.edges(keys=True, data=True)
    )
    return labelled


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if k != "__labels__"}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return sorted(_plain(v) for v in value)
    return value


def run_bound(labelled: nx.MultiDiGraph, query: str) -> list[dict[str, Any]]:
    """Rows of a query bound by :func:`bind_parameters` over a graph from :func:`with_labels`.

    Syntax outside grand-cypher's subset raises UnsupportedCypher.
    """
    from grandcypher import GrandCypher
    from lark.exceptions import LarkError

    from graphkit.query.aggregate import aggregate_rows, split_query

    try:
        plan = split_query(query)  # aggregates: grouped here, as Neo4j does (grand-cypher's are partial)
        columns = GrandCypher(labelled).run(plan.inner if plan else query)
        if plan:
            return aggregate_rows(plan, {str(c): v for c, v in columns.items()}, _plain)
    except LarkError as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise UnsupportedCypher(
            "the embedded store runs only grand-cypher's subset of Cypher (MATCH ... WHERE ... RETURN "
            f"..., count/sum/avg/min/max/collect, ORDER BY/SKIP/LIMIT); this query is outside it: {first_line}. "
            "Use a stored query (`graphkit queries`) or Neo4j (--neo4j URI)."
        ) from None
    except (KeyError, TypeError, ValueError, AttributeError, NotImplementedError) as err:
        raise UnsupportedCypher(f"the embedded store could not run this query ({type(err).__name__}: {err})") from None
    names = [str(c) for c in columns]
    values = list(columns.values())
    count = max((len(v) for v in values), default=0)
    return [{name: _plain(column[i]) for name, column in zip(names, values)} for i in range(count)]

