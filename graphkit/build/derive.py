"""Derivation rules both stores apply when they write a graph, written once.

:func:`merge_properties` is the merge rule for a node written again; :func:`coauthor_pairs`
derives COAUTHOR from byline AUTHORED relationships (:func:`is_byline`), computed with
:func:`weighted_projection`; :data:`PAPERS` is the derived paper count of the labels in
:data:`PAPER_COUNT_LINKS`, counted by :func:`count_papers` for the nodes :func:`paper_count_targets`
says a write can change. The embedded store runs these functions; the Neo4j store runs the same
rules as Cypher built from the same constants (:data:`FIRST_WINS`, :data:`PAPER_COUNT_LINKS`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.model import Graph

__all__ = [
    "merge_properties",
    "FIRST_WINS",
    "UNION",
    "SPECIAL",
    "is_byline",
    "MAX_COAUTHOR_AUTHORS",
    "coauthor_author_limit",
    "hyperauthored",
    "coauthor_pairs",
    "weighted_projection",
    "PAPERS",
    "PAPER_COUNT_LINKS",
    "paper_count_targets",
    "count_papers",
]

#: properties whose first value is kept when a node is written again (display names, provenance)
FIRST_WINS = ("name", "title", "source")
#: list properties merged as an ordered union
UNION = ("aliases",)
#: properties with a rule of their own (the rest take the new value)
SPECIAL = frozenset({*FIRST_WINS, *UNION, "has_code", "abstract"})
_FIRST_WINS = frozenset(FIRST_WINS)
_UNION = frozenset(UNION)

def merge_properties(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Properties of a node written again: what both stores do on MERGE.

    ``name``, ``title`` and ``source`` keep their first value; ``aliases`` become the ordered
    union; ``has_code`` is true once any page says so; ``abstract`` keeps the longer text (listing
    pages cut abstracts short); every other property takes the new value. None never overwrites.

    >>> merge_properties({"name": "Wei-Shi Zheng", "aliases": ["Wei-Shi Zheng"], "h_index": 3},
    ...                  {"name": "Weishi Zheng", "aliases": ["Weishi Zheng"], "h_index": 4})
    {'name': 'Wei-Shi Zheng', 'aliases': ['Wei-Shi Zheng', 'Weishi Zheng'], 'h_index': 4}
    """
    merged = dict(old)
    for name, value in new.items():
        if value is None:
            continue
        if name not in merged:
            merged[name] = list(value) if name in _UNION else value
        elif name in _FIRST_WINS:
            continue
        elif name in _UNION:
            merged[name] = list(dict.fromkeys([*merged[name], *value]))
        elif name == "has_code":
            merged[name] = bool(merged[name] or value)
        elif name == "abstract":
            merged[name] = value if len(value) > len(merged[name]) else merged[name]
        else:
            merged[name] = value
    return merged


def is_byline(authored: dict | None) -> bool:
    """Whether an AUTHORED relationship's properties say the author is listed in the byline.

    A profile owner linked to a paper whose printed author list leaves them out (``et al.``) has an
    AUTHORED without ``position``: they wrote it, but co-authorship is counted from bylines only.

    >>> is_byline({"position": 2}), is_byline({}), is_byline(None)
    (True, False, False)
    """
    return authored is not None and authored.get("position") is not None


#: papers with more byline authors than this add no COAUTHOR pairs (hyperauthorship: a 3,000-author
#: physics paper would add 4.5 million pairs and gigabytes of memory, and says little about who works
#: with whom, so bibliometric tools leave such papers out of co-authorship counts). Set another limit
#: with ``$GRAPHKIT_MAX_COAUTHOR_AUTHORS``; the papers keep their AUTHORED links either way.
MAX_COAUTHOR_AUTHORS = 100


def coauthor_author_limit() -> int:
    """The hyperauthorship limit in force: ``$GRAPHKIT_MAX_COAUTHOR_AUTHORS`` or
    :data:`MAX_COAUTHOR_AUTHORS` (a value that is not a positive whole number is an error)."""
    value = os.environ.get("GRAPHKIT_MAX_COAUTHOR_AUTHORS")
    if not value:
        return MAX_COAUTHOR_AUTHORS
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if limit < 1:
        raise GraphkitError(
            f"GRAPHKIT_MAX_COAUTHOR_AUTHORS={value!r} is not a positive whole number; "
            f"set it to the most authors a paper may have to count as co-authorship (default {MAX_COAUTHOR_AUTHORS})"
        )
    return limit


def hyperauthored(authored: Iterable[tuple[Hashable, Hashable]], limit: int | None = None) -> set[Hashable]:
    """Papers of ``authored`` (``(author, paper)`` byline pairs) with more than ``limit`` distinct
    authors (default :func:`coauthor_author_limit`): left out of the co-author projection.

    >>> sorted(hyperauthored([("a", 1), ("b", 1), ("c", 1), ("a", 2), ("a", 2)], limit=2))
    [1]
    """
    limit = coauthor_author_limit() if limit is None else limit
    counts = Counter(paper for _, paper in set(authored))
    return {paper for paper, n in counts.items() if n > limit}


def coauthor_pairs(
    authored: Iterable[tuple[str, str]], touched: Iterable[str] | None = None, limit: int | None = None
) -> Iterator[tuple[str, str, int]]:
    """COAUTHOR relationships derived from AUTHORED: ``(smaller id, larger id, joint papers)``.

    ``authored`` holds ``(author id, paper id)`` pairs of byline authorship (:func:`is_byline`).
    With ``touched``, only pairs with at least one touched author are returned; ``authored`` must
    then hold every paper of every touched author (with all of its authors), so their counts are
    complete. Papers with more than ``limit`` authors (:func:`hyperauthored`) count for no pair.

    >>> sorted(coauthor_pairs([("b", "p1"), ("a", "p1"), ("a", "p2"), ("b", "p2"), ("c", "p2")]))
    [('a', 'b', 2), ('a', 'c', 1), ('b', 'c', 1)]
    >>> sorted(coauthor_pairs([("a", "p1"), ("b", "p1"), ("b", "p2"), ("c", "p2")], touched={"a"}))
    [('a', 'b', 1)]
    >>> list(coauthor_pairs([]))
    []
    >>> sorted(coauthor_pairs([("a", "p1"), ("b", "p1"), ("c", "p1"), ("a", "p2"), ("b", "p2")], limit=2))
    [('a', 'b', 1)]
    """
    keep = None if touched is None else set(touched)
    authored = list(authored)
    skipped = hyperauthored(authored, limit)
    if skipped:
        authored = [(a, p) for a, p in authored if p not in skipped]
    authors = sorted({a for a, _ in authored})
    for a, b, weight in weighted_projection(authored, authors):
        if keep is None or a in keep or b in keep:
            yield (a, b, weight) if a < b else (b, a, weight)


def weighted_projection(
    links: Iterable[tuple[Hashable, Hashable]], nodes: Sequence[Hashable]
) -> Iterator[tuple[Hashable, Hashable, int]]:
    """The weighted projection onto ``nodes`` of the bipartite graph whose edges are ``links``
    (``(node, other)`` pairs, e.g. author and paper): ``(u, v, weight)`` for every pair of
    ``nodes`` with a common neighbour, ``weight`` = number of distinct common neighbours, ``u``
    before ``v`` in the order of ``nodes``. Every link's node must be in ``nodes``.

    The same edges and weights as :func:`networkx.algorithms.bipartite.weighted_projected_graph`
    (a property test checks this), computed as the sparse product A·Aᵀ of the biadjacency matrix
    A (scipy.sparse): on the 62k-paper corpus (80k authors, 470k co-author pairs) that takes about
    a second where ``weighted_projected_graph``'s pair-by-pair set intersections take about 10 s.

    >>> sorted(weighted_projection([("a", 1), ("b", 1), ("a", 2), ("b", 2), ("c", 2), ("a", 2)], ["a", "b", "c"]))
    [('a', 'b', 2), ('a', 'c', 1), ('b', 'c', 1)]
    >>> list(weighted_projection([], []))
    []
    """
    import numpy as np  # here, not at the top: the stores import this module, most commands never project
    from scipy import sparse

    nodes = list(nodes)
    row_of = {node: row for row, node in enumerate(nodes)}
    column_of: dict[Hashable, int] = {}
    distinct = set(links)  # a repeated link is one edge, as in a graph
    rows = [row_of[node] for node, _ in distinct]
    columns = [column_of.setdefault(other, len(column_of)) for _, other in distinct]
    if not rows:
        return
    A = sparse.csr_array((np.ones(len(rows), dtype=np.int64), (rows, columns)), shape=(len(nodes), len(column_of)))
    shared = sparse.triu(A @ A.T, k=1).tocoo()
    for i, j, weight in zip(shared.row.tolist(), shared.col.tolist(), shared.data.tolist()):
        yield nodes[i], nodes[j], weight


#: the derived node property both stores keep: distinct papers linked to the node
#: (README "Graph schema"); the catalog's rankings order by it
PAPERS = "papers"

#: label -> (relationship types, direction) counted into :data:`PAPERS`: "out" counts
#: ``(node)-[:TYPE]->(:Paper)``, "in" counts ``(:Paper)-[:TYPE]->(node)``
PAPER_COUNT_LINKS: dict[str, tuple[tuple[str, ...], str]] = {
    "Author": (("AUTHORED",), "out"),
    "Method": (("PROPOSES", "USES"), "in"),
    "Dataset": (("EVALUATED_ON",), "in"),
    "Task": (("ADDRESSES",), "in"),
    "Venue": (("PUBLISHED_IN", "MENTIONS"), "in"),
}


def paper_count_targets(graph: Graph) -> dict[str, set[str]]:
    """Ids per label whose :data:`PAPERS` count writing ``graph`` can change: the counted nodes it
    writes (so a node without papers gets 0) and the counted ends of its relationships.

    >>> from graphkit.model import Node, Relationship
    >>> paper = ("Paper", "t1")
    >>> g = Graph([Node("Author", "a", {}), Node("Paper", "t1", {})],
    ...           [Relationship("AUTHORED", ("Author", "b"), paper, {}),
    ...            Relationship("USES", paper, ("Method", "bert"), {})])
    >>> sorted((label, sorted(ids)) for label, ids in paper_count_targets(g).items())
    [('Author', ['a', 'b']), ('Method', ['bert'])]
    """
    targets: dict[str, set[str]] = {}
    for node in graph.nodes:
        if node.label in PAPER_COUNT_LINKS:
            targets.setdefault(node.label, set()).add(node.id)
    for rel in graph.relationships:
        for (label, id), side in ((rel.start, "out"), (rel.end, "in")):
            counted = PAPER_COUNT_LINKS.get(label)
            if counted is not None and rel.type in counted[0] and side == counted[1]:
                targets.setdefault(label, set()).add(id)
    return targets


def count_papers(graph: nx.MultiDiGraph, node: str) -> int:
    """The :data:`PAPERS` count of ``node`` (a key ``"Label:id"`` of a counted label) in graphkit's
    in-memory graph form: distinct Paper nodes linked to it by its label's counted types."""
    types, direction = PAPER_COUNT_LINKS[graph._node[node]["label"]]
    adjacency = graph._succ[node] if direction == "out" else graph._pred[node]
    attributes = graph._node
    return sum(
        1
        for other, edges in adjacency.items()
        if not edges.keys().isdisjoint(types) and attributes[other].get("label") == "Paper"
    )
