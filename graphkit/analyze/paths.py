"""The shortest collaboration path between two authors, with the joint papers on each hop."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from graphkit.analyze.graphs import _papers_by_author, coauthor_graph, display_name, find_node
from graphkit.errors import NotFound


@dataclass(frozen=True)
class Hop:
    """One step of a collaboration path: two co-authors and the papers they wrote together."""

    source: str
    target: str
    papers: list[str]


def collaboration_path(G: nx.MultiDiGraph, source: str, target: str, C: nx.Graph | None = None) -> list[Hop]:
    """The shortest chain of co-authors from one author to another, with the papers behind each hop.

    Among several shortest chains the one with the most joint papers wins (then by names), so
    the answer does not depend on graph order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graphkit graph.
    source, target : str
        Author names (matched with :func:`graphkit.keys.author_key`) or node keys.
    C : networkx.Graph, optional
        Its :func:`coauthor_graph` (computed when not given).

    Returns
    -------
    list of Hop
        One per co-authorship along the way; each lists the joint papers' titles, newest first.

    Raises
    ------
    NotFound
        An unknown name, or the two authors are not connected at all.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for a in ("a", "b", "c"):
    ...     G.add_node(f"Author:{a}", label="Author", id=a, name=a.upper())
    >>> for p, year in ((1, 2020), (2, 2021)):
    ...     G.add_node(f"Paper:{p}", label="Paper", id=str(p), title=f"P{p}", year=year)
    >>> for a, p in (("a", 1), ("b", 1), ("b", 2), ("c", 2)):
    ...     _ = G.add_edge(f"Author:{a}", f"Paper:{p}", key="AUTHORED", type="AUTHORED", position=1)
    >>> [(h.source, h.target, h.papers) for h in collaboration_path(G, "a", "c")]
    [('A', 'B', ['P1']), ('B', 'C', ['P2'])]
    """
    start, end = find_node(G, "Author", source), find_node(G, "Author", target)
    if start == end:
        raise NotFound(f'"{source}" and "{target}" are the same author')
    C = C if C is not None else coauthor_graph(G)
    try:
        candidates = list(itertools.islice(nx.all_shortest_paths(C, start, end), 500))
    except nx.NetworkXNoPath:
        raise NotFound(
            f'no collaboration path between "{display_name(G, start)}" and "{display_name(G, end)}": '
            "they are in separate parts of the co-author graph"
        ) from None

    def strength(path: list[str]) -> tuple:
        joint = sum(C[u][v].get("weight", 1) for u, v in itertools.pairwise(path))
        return (-joint, [display_name(G, n) for n in path])

    best = min(candidates, key=strength)
    papers_of = _papers_by_author(G)
    hops = []
    for u, v in itertools.pairwise(best):
        joint = sorted(papers_of[u] & papers_of[v], key=lambda p: (-(G.nodes[p].get("year") or 0), display_name(G, p)))
        hops.append(Hop(display_name(G, u), display_name(G, v), [display_name(G, p) for p in joint]))
    return hops
