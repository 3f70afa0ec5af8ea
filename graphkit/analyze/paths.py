"""The shortest collaboration path between two authors, with the joint papers on each hop."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from graphkit.analyze.graphs import _byline_papers_by_author, display_name, find_node, full_and_coauthors
from graphkit.errors import NotFound


@dataclass(frozen=True)
class Hop:
    """One step of a collaboration path: two co-authors, the papers whose bylines list both (titles,
    newest first; empty when only a co-author graph was given) and ``joint``, how many there are:
    the co-author link's ``weight``, the ``joint_papers`` of the ``coauthors`` query."""

    source: str
    target: str
    papers: list[str]
    joint: int = 0


def collaboration_path(G: nx.MultiDiGraph, source: str, target: str, C: nx.Graph | None = None) -> list[Hop]:
    """The shortest chain of co-authors from one author to another, with the papers behind each hop.

    Among several shortest chains the one with the most joint papers wins (then by names), so
    the answer does not depend on graph order.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.Graph
        The graphkit graph, or a co-author graph alone (hops then have counts, not titles).
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
    >>> [(h.source, h.target, h.papers, h.joint) for h in collaboration_path(G, "a", "c")]
    [('A', 'B', ['P1'], 1), ('B', 'C', ['P2'], 1)]
    """
    G, C = full_and_coauthors(G, C, function="collaboration_path")
    names = C if G is None else G
    start, end = find_node(names, "Author", source), find_node(names, "Author", target)
    if start == end:
        raise NotFound(f'"{source}" and "{target}" are the same author')
    try:
        candidates = list(itertools.islice(nx.all_shortest_paths(C, start, end), 500))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        raise NotFound(
            f'no collaboration path between "{display_name(names, start)}" and "{display_name(names, end)}": '
            "they are in separate parts of the co-author graph"
        ) from None

    def strength(path: list[str]) -> tuple:
        joint = sum(C[u][v].get("weight", 1) for u, v in itertools.pairwise(path))
        return (-joint, [display_name(names, n) for n in path])

    best = min(candidates, key=strength)
    papers_of = _byline_papers_by_author(G) if G is not None else {}
    hops = []
    for u, v in itertools.pairwise(best):
        joint = sorted(
            papers_of.get(u, set()) & papers_of.get(v, set()),
            key=lambda p: (-(G.nodes[p].get("year") or 0), display_name(G, p)),
        )
        hops.append(
            Hop(
                display_name(names, u),
                display_name(names, v),
                [display_name(G, p) for p in joint],
                int(C[u][v].get("weight", 1)),
            )
        )
    return hops
