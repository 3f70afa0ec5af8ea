"""The embedded side of the stored queries: each answered on a ``networkx`` graph.

The one interface is :func:`answer`: a stored query, a graph and the bound parameters in, rows
out. The graph is graphkit's in-memory ``networkx.MultiDiGraph`` (node key ``"Label:id"`` with
attributes ``label``, ``id`` and the properties; edge key and attribute ``type``): the whole
store's, or any part of it holding what the query walks (for a walk through Paper, the start
node's two-step neighbourhood). Each query's side is a function ``f(graph, **params) -> rows`` in
:data:`TWINS`: for a regular query the run of its definition (:mod:`graphkit.query.template`,
run by :func:`papers_per` and :func:`top`), for the others a hand-written twin below.

Every side returns the rows the Cypher gives on Neo4j: same columns in the same order, same
values, and the same row order, because :func:`order_by` sorts like Cypher's ORDER BY (null after
every value). Parameters arrive converted by :meth:`graphkit.query.catalog.StoredQuery.bind` and
names resolved to node ids, so a side matches on ``id`` exactly as the Cypher does.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit.build.derive import PAPERS, count_papers
from graphkit.model import node_key
from graphkit.query.catalog import CatalogError
from graphkit.query.template import DEFINITIONS, PapersPer, Ranking, Step, Top

if TYPE_CHECKING:
    from graphkit.query.catalog import StoredQuery

__all__ = ["TWINS", "answer", "twin", "order_by", "papers_per", "top", "shortest_chain"]

Row = dict[str, Any]
Twin = Callable[..., list[Row]]

#: query name -> its embedded side ``f(graph, **params) -> rows``
TWINS: dict[str, Twin] = {}

METHOD_MENTIONS = ("PROPOSES", "USES")
ENTITY_MENTIONS = ("PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "MENTIONS")
ENTITY_LABELS = ("Method", "Dataset", "Task", "Venue")
VENUE_LINKS = ("PUBLISHED_IN", "MENTIONS")


def answer(query: StoredQuery, graph: nx.MultiDiGraph, params: Mapping[str, Any]) -> list[Row]:
    """The rows of ``query`` on ``graph``, with ``params`` bound by :meth:`StoredQuery.bind` and
    names resolved to node ids, as the query's Cypher gives them on Neo4j."""
    if query.twin is None:
        raise CatalogError(f"{query.name}: no networkx twin; run it on Neo4j (--neo4j URI)")
    return query.twin(graph, **params)


def twin(name: str) -> Callable[[Twin], Twin]:
    """Register a function as the networkx twin of the stored query ``name``."""

    def register(function: Twin) -> Twin:
        TWINS[name] = function
        return function

    return register


def order_by(rows: list[Row], *keys: str) -> list[Row]:
    """Sort rows like Cypher ``ORDER BY``: each key is ``"col"``, ``"col DESC"`` or ``"col IS NULL"``.

    As in Cypher, null sorts after every value, so it comes last ascending and first descending.

    >>> rows = [{"y": 2020}, {"y": None}, {"y": 2023}]
    >>> [r["y"] for r in order_by(rows, "y DESC")]
    [None, 2023, 2020]
    >>> [r["y"] for r in order_by(rows, "y IS NULL", "y DESC")]
    [2023, 2020, None]
    """
    rows = list(rows)
    for key in reversed(keys):  # stable sorts, least significant key first
        column, _, modifier = key.partition(" ")
        if modifier == "IS NULL":
            rows.sort(key=lambda row: row[column] is None)
        else:
            rows.sort(key=lambda row: (row[column] is None, row[column]), reverse=modifier == "DESC")
    return rows


# -- walking the graph in its schema form --------------------------------------------------------


# networkx's public views (graph.nodes[n], graph.succ[n]) wrap every lookup in a view object; on the
# 62k-paper graph that overhead dominates, so the walks read the adjacency dicts underneath, as
# networkx's own algorithms do: _node[n] -> attributes, _succ[n] / _pred[n] -> {other: {type: attributes}}.


def _find(graph: nx.MultiDiGraph, label: str, id: str) -> str | None:
    """The node key of ``(:label {id})``, or None when the graph has no such node."""
    key = node_key(label, id)
    attrs = graph._node.get(key)
    return key if attrs is not None and attrs.get("label") == label else None


def _out(graph: nx.MultiDiGraph, node: str, types: tuple[str, ...], label: str | tuple[str, ...]):
    """``(node)-[r:TYPES]->(other:label)``: yields ``(other, type, r)``."""
    return _step(graph, graph._succ[node], types, label)


def _in(graph: nx.MultiDiGraph, node: str, types: tuple[str, ...], label: str | tuple[str, ...]):
    """``(node)<-[r:TYPES]-(other:label)``: yields ``(other, type, r)``."""
    return _step(graph, graph._pred[node], types, label)


def _step(graph, adjacency, types, label) -> Iterator[tuple[str, str, dict]]:
    labels = (label,) if isinstance(label, str) else label
    attributes = graph._node
    for other, edges in adjacency.items():
        for type_ in types:
            if type_ in edges and attributes[other].get("label") in labels:
                yield other, type_, edges[type_]


def _coauthors(graph: nx.MultiDiGraph, author: str) -> Iterator[tuple[str, dict]]:
    """``(author)-[c:COAUTHOR]-(other:Author)`` either way: yields ``(other, c)``."""
    attributes = graph._node
    for adjacency in (graph._succ[author], graph._pred[author]):
        for other, edges in adjacency.items():
            link = edges.get("COAUTHOR")
            if link is not None and attributes[other].get("label") == "Author":
                yield other, link


def _prop(graph: nx.MultiDiGraph, node: str, name: str) -> Any:
    return graph._node[node].get(name)


def _contenders(counts: dict[str, int], limit: int) -> list[str]:
    """The nodes of ``counts`` that can be among the ``limit`` with the highest count: on a large graph
    most have a count below the ``limit``-th largest, and only the others need rows and sorting."""
    if len(counts) <= limit:
        return list(counts)
    if limit == 0:
        return []
    threshold = heapq.nlargest(limit, counts.values())[-1]
    return [node for node, count in counts.items() if count >= threshold]


# -- the regular queries: one definition each (graphkit.query.template) ---------------------------


def _ranking(graph: nx.MultiDiGraph, definition: Ranking, counts: dict[str, int], limit: int,
             more: dict[str, dict[str, int]] | None = None) -> list[Row]:
    """The rows of a definition: its node columns and counts, in its order, at most ``limit``.
    ``counts`` has the papers per node; ``more`` further count columns by name."""
    rows = []
    for node in _contenders(counts, limit):
        attrs = graph._node[node]
        row = {column: attrs.get(prop) for column, prop in definition.node_columns}
        row[definition.COUNT] = counts[node]
        for column, per in (more or {}).items():
            row[column] = per.get(node, 0)
        rows.append(row)
    return order_by(rows, *definition.order)[:limit]


def _walk(step: Step):
    return _out if step.forward else _in


def papers_per(graph: nx.MultiDiGraph, definition: PapersPer, **params: Any) -> list[Row]:
    """A :class:`~graphkit.query.template.PapersPer` query: distinct papers per node reached."""
    start = _find(graph, definition.start, params[definition.param])
    if start is None:
        return []
    to_paper, from_paper = _walk(definition.to_paper), _walk(definition.from_paper)
    split_column, split_type = definition.split or (None, None)
    papers: dict[str, set] = defaultdict(set)
    split: dict[str, set] = defaultdict(set)
    for paper, _, _ in to_paper(graph, start, definition.to_paper.types, "Paper"):
        for node, type_, _ in from_paper(graph, paper, definition.from_paper.types, definition.target):
            papers[node].add(paper)
            if type_ == split_type:
                split[node].add(paper)
    counts = {node: len(found) for node, found in papers.items()}
    more = {split_column: {node: len(found) for node, found in split.items()}} if split_column else None
    return _ranking(graph, definition, counts, params["limit"], more)


def top(graph: nx.MultiDiGraph, definition: Top, limit: int) -> list[Row]:
    """A :class:`~graphkit.query.template.Top` query, by the ``papers`` count the stores keep on
    every node (counted here for a node that has none, e.g. in a graph that did not come from a store)."""
    counts = {}
    for node, attrs in graph._node.items():
        if attrs.get("label") == definition.target:
            papers = attrs.get(PAPERS)
            if papers is None:
                papers = count_papers(graph, node)
            if papers > 0:
                counts[node] = papers
    return _ranking(graph, definition, counts, limit)


class Definition:
    """The networkx side of a regular query: its definition, run on a graph."""

    def __init__(self, definition: PapersPer | Top) -> None:
        self.definition = definition
        self._run = papers_per if isinstance(definition, PapersPer) else top

    def __call__(self, graph: nx.MultiDiGraph, **params: Any) -> list[Row]:
        return self._run(graph, self.definition, **params)

    def __repr__(self) -> str:
        return f"Definition({self.definition.name!r})"


TWINS.update((name, Definition(definition)) for name, definition in DEFINITIONS.items())


# -- the irregular queries: a hand-written twin each, in the order of the catalog listing --------


@twin("author-papers")
def author_papers(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    rows = [
        {
            "title": _prop(graph, paper, "title"),
            "year": _prop(graph, paper, "year"),
            "position": authored.get("position"),
            "id": _prop(graph, paper, "id"),
        }
        for paper, _, authored in _out(graph, author, ("AUTHORED",), "Paper")
    ]
    return order_by(rows, "year IS NULL", "year DESC", "title", "id")[:limit]


@twin("coauthors")
def coauthors(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    rows = [
        {"coauthor": _prop(graph, other, "name"), "id": _prop(graph, other, "id"), "joint_papers": link.get("papers")}
        for other, link in _coauthors(graph, author)
    ]
    return order_by(rows, "joint_papers DESC", "coauthor", "id")[:limit]


def _expand(graph: nx.MultiDiGraph, layer: list[str], depth: dict[str, int]) -> list[str]:
    """The next breadth-first layer over COAUTHOR (either way), recording each new node's depth."""
    following = []
    for node in layer:
        for other, _ in _coauthors(graph, node):
            if other not in depth:
                depth[other] = depth[node] + 1
                following.append(other)
    return following


def shortest_chain(graph: nx.MultiDiGraph, source: str, target: str) -> list[str] | None:
    """Of all shortest COAUTHOR chains from ``source`` to ``target`` (node keys), the one whose list of
    ids sorts first, as ``ORDER BY [n IN nodes(path) | n.id] LIMIT 1`` picks; None when unconnected.

    Breadth-first from both ends (the smaller frontier first), so a chain across a large graph
    touches a small part of it.
    """
    if source == target:
        return [source]
    forward, backward = {source: 0}, {target: 0}
    ahead, behind = [source], [target]
    meeting: list[str] = []
    while ahead and behind and not meeting:
        if len(ahead) <= len(behind):
            ahead = _expand(graph, ahead, forward)
            meeting = [n for n in ahead if n in backward]
        else:
            behind = _expand(graph, behind, backward)
            meeting = [n for n in behind if n in forward]
    if not meeting:
        return None
    length = min(forward[n] + backward[n] for n in meeting)
    # position of every node on some shortest chain: walk from the meeting nodes towards each end
    middle = {n: forward[n] for n in meeting if forward[n] + backward[n] == length}
    position = dict(middle)
    for depth, sign in ((forward, 1), (backward, -1)):
        layer = list(middle)
        while layer:
            following = []
            for node in layer:
                for other, _ in _coauthors(graph, node):
                    if depth.get(other) == depth[node] - 1 and other not in position:
                        position[other] = position[node] - sign
                        following.append(other)
            layer = following
    # lexicographically smallest: at each step the smallest id one position further on
    chain = [source]
    while chain[-1] != target:
        here = chain[-1]
        chain.append(
            min(
                (other for other, _ in _coauthors(graph, here) if position.get(other) == position[here] + 1),
                key=lambda node: _prop(graph, node, "id"),
            )
        )
    return chain


@twin("collaboration-path")
def collaboration_path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    source, target = _find(graph, "Author", a), _find(graph, "Author", b)
    if source is None or target is None or source == target:
        return []
    chain = shortest_chain(graph, source, target)
    if chain is None:
        return []
    rows = []
    for step, node in enumerate(chain):
        joint = None
        if step:
            joint = next(link for other, link in _coauthors(graph, chain[step - 1]) if other == node).get("papers")
        rows.append({"step": step, "author": _prop(graph, node, "name"), "id": _prop(graph, node, "id"),
                     "joint_papers": joint})
    return rows


@twin("method-papers")
def method_papers(graph: nx.MultiDiGraph, method: str, limit: int) -> list[Row]:
    node = _find(graph, "Method", method)
    if node is None:
        return []
    rows = [
        {
            "title": _prop(graph, paper, "title"),
            "year": _prop(graph, paper, "year"),
            "relation": type_,
            "sentence": mention.get("sentence"),
            "id": _prop(graph, paper, "id"),
        }
        for paper, type_, mention in _in(graph, node, METHOD_MENTIONS, "Paper")
    ]
    return order_by(rows, "year IS NULL", "year DESC", "title", "id", "relation")[:limit]


@twin("method-trend")
def method_trend(graph: nx.MultiDiGraph, method: str) -> list[Row]:
    node = _find(graph, "Method", method)
    if node is None:
        return []
    papers = {paper for paper, _, _ in _in(graph, node, METHOD_MENTIONS, "Paper")}
    per_year = Counter(_prop(graph, paper, "year") for paper in papers)
    per_year.pop(None, None)
    return order_by([{"year": year, "papers": count} for year, count in per_year.items()], "year")


@twin("paper-authors")
def paper_authors(graph: nx.MultiDiGraph, title: str) -> list[Row]:
    paper = _find(graph, "Paper", title)
    if paper is None:
        return []
    rows = [
        {"position": authored.get("position"), "author": _prop(graph, author, "name"), "id": _prop(graph, author, "id")}
        for author, _, authored in _in(graph, paper, ("AUTHORED",), "Author")
    ]
    return order_by(rows, "position", "author", "id")


@twin("paper-entities")
def paper_entities(graph: nx.MultiDiGraph, title: str) -> list[Row]:
    paper = _find(graph, "Paper", title)
    if paper is None:
        return []
    rows = [
        {
            "label": _prop(graph, entity, "label"),
            "entity": _prop(graph, entity, "name"),
            "relation": type_,
            "sentence": mention.get("sentence"),
            "start": mention.get("start"),
            "end": mention.get("end"),
            "rule": mention.get("rule"),
            "id": _prop(graph, entity, "id"),
        }
        for entity, type_, mention in _out(graph, paper, ENTITY_MENTIONS, ENTITY_LABELS)
    ]
    return order_by(rows, "start", "end", "label", "id", "relation")


@twin("shared-methods")
def shared_methods(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    methods = {
        method
        for paper, _, _ in _out(graph, author, ("AUTHORED",), "Paper")
        for method, _, _ in _out(graph, paper, METHOD_MENTIONS, "Method")
    }
    excluded = {other for other, _ in _coauthors(graph, author)} | {author}
    shared: dict[str, set] = defaultdict(set)
    for method in methods:
        for paper, _, _ in _in(graph, method, METHOD_MENTIONS, "Paper"):
            for other, _, _ in _in(graph, paper, ("AUTHORED",), "Author"):
                if other not in excluded:
                    shared[other].add(method)
    rows = []
    for other in _contenders({other: len(found) for other, found in shared.items()}, limit):
        listed = order_by([{"name": _prop(graph, m, "name"), "id": _prop(graph, m, "id")} for m in shared[other]],
                          "name", "id")
        rows.append(
            {
                "author": _prop(graph, other, "name"),
                "id": _prop(graph, other, "id"),
                "shared_methods": len(shared[other]),
                "methods": [m["name"] for m in listed if m["name"] is not None],  # collect() skips nulls
            }
        )
    return order_by(rows, "shared_methods DESC", "author", "id")[:limit]


@twin("venue-papers")
def venue_papers(graph: nx.MultiDiGraph, venue: str, limit: int) -> list[Row]:
    node = _find(graph, "Venue", venue)
    if node is None:
        return []
    papers = {paper for paper, _, _ in _in(graph, node, VENUE_LINKS, "Paper")}
    rows = [
        {
            "title": _prop(graph, paper, "title"),
            "year": _prop(graph, paper, "year"),
            "published_in": "PUBLISHED_IN" in graph.succ[paper].get(node, {}),
            "id": _prop(graph, paper, "id"),
        }
        for paper in papers
    ]
    return order_by(rows, "year IS NULL", "year DESC", "title", "id")[:limit]
