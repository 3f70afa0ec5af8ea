"""networkx twins of the stored Cypher catalog (``cypher/*.cypher``).

Each twin answers its query over graphkit's in-memory ``networkx.MultiDiGraph`` (node key
``"Label:id"`` with attributes ``label``, ``id`` and the properties; edge key and attribute ``type``)
and returns the same rows as the Cypher on Neo4j: same columns in the same order, same values, and the
same row order, because :func:`order_by` sorts like Cypher's ORDER BY (null after every value).

Twins receive parameters already converted by :meth:`graphkit.queries.StoredQuery.bind` (names as
keys), so they match on ``id`` exactly as the Cypher does.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from graphkit.build.derive import PAPERS, count_papers
from graphkit.model import node_key

__all__ = ["TWINS", "twin", "order_by", "shortest_chain"]

Row = dict[str, Any]
Twin = Callable[..., list[Row]]

#: query name -> twin function ``f(graph, **params) -> rows``
TWINS: dict[str, Twin] = {}

METHOD_MENTIONS = ("PROPOSES", "USES")
ENTITY_MENTIONS = ("PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES", "MENTIONS")
ENTITY_LABELS = ("Method", "Dataset", "Task", "Venue")
VENUE_LINKS = ("PUBLISHED_IN", "MENTIONS")


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


def _most(graph: nx.MultiDiGraph, counts: dict[str, int], limit: int | None) -> list[str]:
    """The nodes of ``counts`` in the order ``ORDER BY count DESC, n.name, n.id`` (null names last),
    the first ``limit`` of them. Only nodes that can make the cut are sorted: on a large graph most
    have a count below the ``limit``-th largest."""
    candidates = counts
    if limit is not None and len(counts) > limit:
        if limit == 0:
            return []
        threshold = heapq.nlargest(limit, counts.values())[-1]
        candidates = [node for node, count in counts.items() if count >= threshold]

    def rank(node: str) -> tuple:
        name = _prop(graph, node, "name")
        return (-counts[node], name is None, name or "", _prop(graph, node, "id"))

    ordered = sorted(candidates, key=rank)
    return ordered if limit is None else ordered[:limit]


def _ranking(graph: nx.MultiDiGraph, papers: dict[str, Any], column: str, limit: int | None) -> list[Row]:
    """Rows ``{column: name, id, papers}`` ordered by papers DESC, name, id: the shape of most queries.
    ``papers`` maps a node to its papers (a set) or to their number."""
    counts = {node: found if isinstance(found, int) else len(found) for node, found in papers.items()}
    return [
        {column: _prop(graph, n, "name"), "id": _prop(graph, n, "id"), "papers": counts[n]}
        for n in _most(graph, counts, limit)
    ]


def _papers_per(graph, start, first: tuple, then: tuple, label: str, backwards: tuple = (False, False)):
    """Distinct papers per node reached by ``start -first- (:Paper) -then- (:label)``."""
    hop1 = _in if backwards[0] else _out
    hop2 = _in if backwards[1] else _out
    found: dict[str, set] = defaultdict(set)
    for paper, _, _ in hop1(graph, start, first, "Paper"):
        for node, _, _ in hop2(graph, paper, then, label):
            found[node].add(paper)
    return found


# -- the twins, in the order of the catalog listing ---------------------------------------------


@twin("author-datasets")
def author_datasets(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    return _ranking(graph, _papers_per(graph, author, ("AUTHORED",), ("EVALUATED_ON",), "Dataset"), "dataset", limit)


@twin("author-methods")
def author_methods(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    papers: dict[str, set] = defaultdict(set)
    proposed: dict[str, set] = defaultdict(set)
    for paper, _, _ in _out(graph, author, ("AUTHORED",), "Paper"):
        for method, type_, _ in _out(graph, paper, METHOD_MENTIONS, "Method"):
            papers[method].add(paper)
            if type_ == "PROPOSES":
                proposed[method].add(paper)
    rows = [
        {
            "method": _prop(graph, method, "name"),
            "id": _prop(graph, method, "id"),
            "papers": len(found),
            "proposed": len(proposed[method]),
        }
        for method, found in papers.items()
    ]
    return order_by(rows, "papers DESC", "method", "id")[:limit]


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


@twin("author-tasks")
def author_tasks(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    return _ranking(graph, _papers_per(graph, author, ("AUTHORED",), ("ADDRESSES",), "Task"), "task", limit)


@twin("author-venues")
def author_venues(graph: nx.MultiDiGraph, name: str, limit: int) -> list[Row]:
    author = _find(graph, "Author", name)
    if author is None:
        return []
    return _ranking(graph, _papers_per(graph, author, ("AUTHORED",), VENUE_LINKS, "Venue"), "venue", limit)


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


@twin("dataset-methods")
def dataset_methods(graph: nx.MultiDiGraph, dataset: str, limit: int) -> list[Row]:
    node = _find(graph, "Dataset", dataset)
    if node is None:
        return []
    found = _papers_per(graph, node, ("EVALUATED_ON",), METHOD_MENTIONS, "Method", backwards=(True, False))
    return _ranking(graph, found, "method", limit)


@twin("method-authors")
def method_authors(graph: nx.MultiDiGraph, method: str, limit: int) -> list[Row]:
    node = _find(graph, "Method", method)
    if node is None:
        return []
    found = _papers_per(graph, node, METHOD_MENTIONS, ("AUTHORED",), "Author", backwards=(True, True))
    return _ranking(graph, found, "author", limit)


@twin("method-datasets")
def method_datasets(graph: nx.MultiDiGraph, method: str, limit: int) -> list[Row]:
    node = _find(graph, "Method", method)
    if node is None:
        return []
    found = _papers_per(graph, node, METHOD_MENTIONS, ("EVALUATED_ON",), "Dataset", backwards=(True, False))
    return _ranking(graph, found, "dataset", limit)


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
    for other in _most(graph, {other: len(found) for other, found in shared.items()}, limit):
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
    return rows


@twin("task-authors")
def task_authors(graph: nx.MultiDiGraph, task: str, limit: int) -> list[Row]:
    node = _find(graph, "Task", task)
    if node is None:
        return []
    found = _papers_per(graph, node, ("ADDRESSES",), ("AUTHORED",), "Author", backwards=(True, True))
    return _ranking(graph, found, "author", limit)


@twin("task-methods")
def task_methods(graph: nx.MultiDiGraph, task: str, limit: int) -> list[Row]:
    node = _find(graph, "Task", task)
    if node is None:
        return []
    found = _papers_per(graph, node, ("ADDRESSES",), METHOD_MENTIONS, "Method", backwards=(True, False))
    return _ranking(graph, found, "method", limit)


def _top(graph: nx.MultiDiGraph, label: str, column: str, limit: int) -> list[Row]:
    """The ``label`` nodes with the most papers, by the ``papers`` count the stores keep on them
    (counted here for a node that has none, e.g. in a graph that did not come from a store)."""
    counts = {}
    for node, attrs in graph._node.items():
        if attrs.get("label") == label:
            papers = attrs.get(PAPERS)
            if papers is None:
                papers = count_papers(graph, node)
            if papers > 0:
                counts[node] = papers
    return _ranking(graph, counts, column, limit)


@twin("top-authors")
def top_authors(graph: nx.MultiDiGraph, limit: int) -> list[Row]:
    return _top(graph, "Author", "author", limit)


@twin("top-datasets")
def top_datasets(graph: nx.MultiDiGraph, limit: int) -> list[Row]:
    return _top(graph, "Dataset", "dataset", limit)


@twin("top-methods")
def top_methods(graph: nx.MultiDiGraph, limit: int) -> list[Row]:
    return _top(graph, "Method", "method", limit)


@twin("top-tasks")
def top_tasks(graph: nx.MultiDiGraph, limit: int) -> list[Row]:
    return _top(graph, "Task", "task", limit)


@twin("venue-authors")
def venue_authors(graph: nx.MultiDiGraph, venue: str, limit: int) -> list[Row]:
    node = _find(graph, "Venue", venue)
    if node is None:
        return []
    found = _papers_per(graph, node, VENUE_LINKS, ("AUTHORED",), "Author", backwards=(True, True))
    return _ranking(graph, found, "author", limit)


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
