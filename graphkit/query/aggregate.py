"""Aggregates for the embedded store's ad-hoc Cypher, as Neo4j computes them.

grand-cypher's own aggregation knows only upper-case ``COUNT(x)``..., one aggregate per query and
no ``count(*)`` or ``DISTINCT``. So a query whose final ``RETURN`` holds an aggregate
(``count``, ``sum``, ``avg``, ``min``, ``max``, ``collect``, any case, ``count(*)``,
``DISTINCT``) runs here in two steps: grand-cypher returns one row per match with the grouping
keys and the aggregates' arguments (:func:`split_query` rewrites the ``RETURN``), then
:func:`aggregate_rows` groups by the non-aggregate items and aggregates as Neo4j does (nulls
ignored, ``avg`` a float, one row for an aggregate over no match without keys), and applies
``ORDER BY`` (by a returned column or alias), ``SKIP`` and ``LIMIT``.

>>> plan = split_query('MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name, count(p) AS n ORDER BY n DESC LIMIT 1')
>>> plan.inner
'MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name AS _gk0, ID(p) AS _gk1'
>>> rows = {"_gk0": ["Ada", "Ada", "Alan"], "_gk1": ["Paper:1", "Paper:2", "Paper:1"]}
>>> aggregate_rows(plan, rows)
[{'a.name': 'Ada', 'n': 2}]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphkit.errors import UnsupportedCypher

__all__ = ["Plan", "split_query", "aggregate_rows"]

_AGGREGATE = re.compile(r"^(count|sum|avg|min|max|collect)\s*\((.*)\)$", re.IGNORECASE | re.DOTALL)
_DISTINCT = re.compile(r"^distinct\s+", re.IGNORECASE)
_ALIAS = re.compile(r"^(.*?)\s+AS\s+([A-Za-z_][A-Za-z_0-9]*)$", re.IGNORECASE | re.DOTALL)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z_0-9]*$")
_NODE_VARIABLE = re.compile(r"\(\s*([A-Za-z_][A-Za-z_0-9]*)")
_CLAUSE = re.compile(r"\b(RETURN|ORDER\s+BY|SKIP|LIMIT)\b", re.IGNORECASE)


@dataclass
class Item:
    """One RETURN item: its column name and either a grouping expression or an aggregate."""

    column: str
    function: str | None = None  # lower-case aggregate name, None for a grouping key
    distinct: bool = False
    argument: int | None = None  # index of the inner column holding the expression (None: count(*))


@dataclass
class Plan:
    """A query with aggregates, split into what grand-cypher runs and what is done after it."""

    inner: str
    items: list[Item]
    distinct: bool = False
    order: list[tuple[str, bool]] = field(default_factory=list)  # (column, descending)
    skip: int = 0
    limit: int | None = None


def _outside(text: str) -> Iterator[int]:
    """Positions of the characters of ``text`` outside strings and brackets (quotes and brackets
    themselves excluded)."""
    depth, quote, i = 0, None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1  # the escaped character is skipped too
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0:
            yield i
        i += 1


def _top_level(text: str) -> list[tuple[int, str]]:
    """(position, keyword) of RETURN/ORDER BY/SKIP/LIMIT outside strings and brackets."""
    found: list[tuple[int, str]] = []
    resume = 0
    for i in _outside(text):
        if i < resume or (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.$")):
            continue
        match = _CLAUSE.match(text, i)
        if match:
            found.append((i, re.sub(r"\s+", " ", match.group(1).upper())))
            resume = match.end()
    return found


def _split_commas(text: str) -> list[str]:
    """``text`` cut at its commas outside strings and brackets."""
    cuts = [i for i in _outside(text) if text[i] == ","]
    starts = [0, *(i + 1 for i in cuts)]
    parts = [text[start:end].strip() for start, end in zip(starts, [*cuts, len(text)])]
    return [p for p in parts if p]


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _number(text: str, clause: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text):
        raise UnsupportedCypher(f"{clause} takes a number on the embedded store, got {text.strip()!r}")
    return int(text)


def split_query(query: str) -> Plan | None:
    """The :class:`Plan` of ``query`` when its final RETURN holds an aggregate, else None (the
    query goes to grand-cypher as it is)."""
    clauses = _top_level(query)
    returns = [i for i, (_, word) in enumerate(clauses) if word == "RETURN"]
    if len(returns) != 1:
        return None
    tail = clauses[returns[0]:]
    if [word for _, word in tail[1:]] not in ([], ["ORDER BY"], ["SKIP"], ["LIMIT"], ["ORDER BY", "SKIP"],
                                              ["ORDER BY", "LIMIT"], ["SKIP", "LIMIT"], ["ORDER BY", "SKIP", "LIMIT"]):
        return None
    bounds = [position for position, _ in tail] + [len(query)]
    sections = {word: query[bounds[k] + len(_keyword(query, bounds[k])): bounds[k + 1]] for k, (_, word) in
                enumerate(tail)}
    body = sections["RETURN"].strip()
    distinct = bool(_DISTINCT.match(body))
    body = _DISTINCT.sub("", body, count=1)
    raw_items = _split_commas(body)
    parsed = []
    for raw in raw_items:
        aliased = _ALIAS.match(raw)
        expression, column = (aliased.group(1).strip(), aliased.group(2)) if aliased else (raw, raw)
        function = _AGGREGATE.match(expression)
        parsed.append((column, expression, function if function and _balanced(function.group(2)) else None))
    if not any(function for _, _, function in parsed):
        return None

    head = query[: tail[0][0]].rstrip()
    node_variables = set(_NODE_VARIABLE.findall(head))
    inner: list[str] = []

    def column_of(expression: str) -> int:
        if expression not in inner:
            inner.append(expression)
        return inner.index(expression)

    items = []
    for column, expression, function in parsed:
        if function is None:
            if _AGGREGATE.search(expression) or re.search(r"\b(count|sum|avg|min|max|collect)\s*\(", expression, re.I):
                raise UnsupportedCypher(
                    f"the embedded store computes aggregates only as whole RETURN items, not inside {expression!r}"
                )
            items.append(Item(column, argument=column_of(expression)))
            continue
        name, argument = function.group(1).lower(), function.group(2).strip()
        item_distinct = bool(_DISTINCT.match(argument))
        argument = _DISTINCT.sub("", argument, count=1).strip()
        if argument == "*":
            if name != "count" or item_distinct:
                raise UnsupportedCypher(f"{expression!r}: only count(*) takes *")
            items.append(Item(column, "count"))
            continue
        if _NAME.match(argument) and argument in node_variables:
            argument = f"ID({argument})"  # a node counts by its identity, not by its properties
        items.append(Item(column, name, item_distinct, column_of(argument)))
    if not inner:  # count(*) alone: one inner column per match
        variables = _NODE_VARIABLE.findall(head)
        if not variables:
            raise UnsupportedCypher("count(*) on the embedded store needs a named node in the MATCH pattern")
        column_of(f"ID({variables[0]})")

    order = []
    for raw in _split_commas(sections.get("ORDER BY", "")):
        match = re.match(r"^(.*?)(?:\s+(ASC|ASCENDING|DESC|DESCENDING))?$", raw, re.IGNORECASE | re.DOTALL)
        key, direction = match.group(1).strip(), (match.group(2) or "ASC").upper()
        columns = [item.column for item in items]
        expressions = {expression: column for column, expression, _ in parsed}
        if key in columns:
            order.append((key, direction.startswith("DESC")))
        elif key in expressions:
            order.append((expressions[key], direction.startswith("DESC")))
        else:
            raise UnsupportedCypher(
                f"ORDER BY {key}: with aggregates the embedded store orders by a returned column or alias "
                f"({', '.join(columns)})"
            )
    return Plan(
        inner=f"{head} RETURN " + ", ".join(f"{e} AS _gk{i}" for i, e in enumerate(inner)),
        items=items,
        distinct=distinct,
        order=order,
        skip=_number(sections["SKIP"], "SKIP") if "SKIP" in sections else 0,
        limit=_number(sections["LIMIT"], "LIMIT") if "LIMIT" in sections else None,
    )


def _keyword(query: str, position: int) -> str:
    return _CLAUSE.match(query, position).group(0)


def _frozen(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def _aggregate(function: str, values: list[Any]) -> Any:
    if function == "count":
        return len(values)
    if function == "collect":
        return values
    if function == "sum":
        return sum(values) if values else 0
    if function == "avg":
        return sum(values) / len(values) if values else None
    if not values:
        return None
    try:
        return min(values) if function == "min" else max(values)
    except TypeError:  # Neo4j orders mixed types; here: numbers before text
        ranked = sorted(values, key=_order_key)
        return ranked[0] if function == "min" else ranked[-1]


def _order_key(value: Any) -> tuple:
    if value is None:
        return (3, 0)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, str):
        return (2, value)
    return (2, _frozen(value))


def aggregate_rows(
    plan: Plan, columns: Mapping[str, Sequence[Any]], plain: Callable[[Any], Any] = lambda v: v
) -> list[dict[str, Any]]:
    """The rows of ``plan``'s query from the per-match ``columns`` grand-cypher returned for
    ``plan.inner`` (``_gk0``, ``_gk1``...)."""
    inner = [list(columns.get(f"_gk{i}", [])) for i in range(max((len(columns)), 0))]
    count = max((len(c) for c in inner), default=0)
    keys = [item for item in plan.items if item.function is None]
    groups: dict[tuple, list[int]] = {}
    for row in range(count):
        group = tuple(_frozen(inner[item.argument][row]) for item in keys)
        groups.setdefault(group, []).append(row)
    if not groups and not keys:
        groups[()] = []
    out = []
    for rows in groups.values():
        record: dict[str, Any] = {}
        for item in plan.items:
            if item.function is None:
                record[item.column] = plain(inner[item.argument][rows[0]])
                continue
            if item.argument is None:  # count(*)
                record[item.column] = len(rows)
                continue
            values = [plain(inner[item.argument][r]) for r in rows]
            values = [v for v in values if v is not None]
            if item.distinct:
                values = list({_frozen(v): v for v in values}.values())
            record[item.column] = _aggregate(item.function, values)
        out.append(record)
    if plan.distinct:
        out = list({_frozen(r): r for r in out}.values())
    for column, descending in reversed(plan.order):
        out.sort(key=lambda r, c=column: _order_key(r[c]), reverse=descending)
    out = out[plan.skip:]
    return out if plan.limit is None else out[: plan.limit]
