"""Research communities: seeded Louvain (igraph) on the co-author graph, each labelled by the
methods and tasks most particular to its papers."""

from __future__ import annotations

import contextlib
import math
import random
from collections import Counter
from dataclasses import dataclass

import igraph
import networkx as nx

from graphkit import progress
from graphkit.analyze.graphs import (
    _entities_by_paper,
    _nodes_with_label,
    _papers_by_author,
    coauthor_graph,
    display_name,
    full_graph,
)
from graphkit.errors import WrongGraph


@dataclass(frozen=True)
class Term:
    """A method or task that characterises a community, with its tf-idf-like ``score``."""

    kind: str
    name: str
    papers: int
    score: float


@dataclass(frozen=True)
class Community:
    """A Louvain community of the co-author graph.

    ``members`` are display names, most connected first; ``labels`` its most characteristic
    methods and tasks; ``papers`` how many papers its members wrote.
    """

    id: int
    size: int
    papers: int
    members: list[str]
    labels: list[Term]


def detect_communities(C: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[list[str]]:
    """Seeded Louvain communities of a weighted graph, by igraph's C implementation.

    The graph goes to :meth:`igraph.Graph.community_multilevel` (Louvain: greedy modularity
    optimisation, merged level by level; the last level is kept) in sorted node and edge order with
    igraph drawing from ``random.Random(seed)``, so the same graph and seed give the same
    communities in every run, whatever order the graph was built in and whatever the hash seed.

    Parameters
    ----------
    C : networkx.Graph
        Undirected; edge ``weight`` (default 1) counts as the tie strength.
    seed : int
        Random seed for Louvain (the order nodes are visited in).
    resolution : float
        Modularity resolution: above 1 favours smaller communities.

    Returns
    -------
    list of list of str
        Every node exactly once, each community sorted; largest first (ties: first member).

    Notes
    -----
    igraph's Leiden (``community_leiden``) reaches a slightly higher modularity on the seed
    graph, but by splitting the profile owners' tightest collaborators from them; Louvain
    keeps those groups whole for every seed tried, and takes about a second on the 62k-paper
    corpus (networkx's pure-Python Louvain took about 50 s there).

    Examples
    --------
    >>> C = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> C.add_node("loner")
    >>> detect_communities(C)
    [['a', 'b', 'c'], ['x', 'y', 'z'], ['loner']]
    """
    nodes = sorted(C)
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted(
        (min(index[u], index[v]), max(index[u], index[v]), weight)
        for u, v, weight in C.edges(data="weight", default=1)
        if u != v
    )
    graph = igraph.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in edges])
    # igraph draws from a global generator (the random module by default): give it a seeded one
    igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = graph.community_multilevel(weights=[weight for _, _, weight in edges], resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    found = [sorted(nodes[i] for i in members) for members in clustering if members]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def communities(
    G: nx.MultiDiGraph,
    C: nx.Graph | None = None,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    labels: int = 3,
    min_size: int = 1,
) -> list[Community]:
    """Louvain communities of the co-author graph, each labelled by its characteristic topics.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graphkit graph (for papers and their methods/tasks).
    C : networkx.Graph, optional
        Its :func:`coauthor_graph` (computed when not given).
    seed : int
        Seed for :func:`detect_communities` (igraph's Louvain); the same graph and seed
        always give the same communities, whatever order the store returned the graph in.
    resolution : float
        Modularity resolution: above 1 favours smaller communities.
    labels : int
        How many methods/tasks to label each community with.
    min_size : int
        Leave out communities with fewer members.

    Returns
    -------
    list of Community
        Largest first (ties: by first member's key); ``id`` counts from 1.

    Notes
    -----
    Labels are tf-idf-like: a term's score in a community is the share of the community's
    papers that mention it times ``log(N / n)``, where ``N`` is the number of papers in the
    graph and ``n`` how many mention the term. A term every community uses scores low; one
    particular to a community scores high.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for i, (a, b, task) in enumerate([("a", "b", "parsing"), ("c", "d", "tagging")]):
    ...     G.add_node(f"Paper:{i}", label="Paper", id=str(i))
    ...     G.add_node(f"Task:{task}", label="Task", id=task, name=task)
    ...     _ = G.add_edge(f"Paper:{i}", f"Task:{task}", key="ADDRESSES", type="ADDRESSES")
    ...     for x in (a, b):
    ...         G.add_node(f"Author:{x}", label="Author", id=x, name=x.upper())
    ...         _ = G.add_edge(f"Author:{x}", f"Paper:{i}", key="AUTHORED", type="AUTHORED", position=1)
    >>> [(c.members, [t.name for t in c.labels]) for c in communities(G)]
    [(['A', 'B'], ['parsing']), (['C', 'D'], ['tagging'])]
    """
    if not isinstance(G, nx.MultiDiGraph) and isinstance(G, nx.Graph):
        raise WrongGraph(
            "communities() labels each community by its papers' topics, so it needs the full graph "
            "(graphkit.load_graph(); pass C=coauthor_graph(G) to reuse a projection); for the members alone "
            "of a co-author graph use detect_communities(C)"
        )
    G = full_graph(G, "communities")
    C = C if C is not None else coauthor_graph(G)
    with progress.step("Louvain communities") if len(C) > progress.THRESHOLD else contextlib.nullcontext():
        found = [c for c in detect_communities(C, seed=seed, resolution=resolution) if len(c) >= min_size]
    if not found:
        return []
    community_of = {m: index for index, members in enumerate(found, start=1) for m in members}

    papers_of = _papers_by_author(G)
    terms_of = _entities_by_paper(G, ("method", "task"))
    papers_with: Counter = Counter(t for terms in terms_of.values() for t in terms)
    total_papers = max(len(_nodes_with_label(G, "Paper")), 1)

    result = []
    for index, members in enumerate(found, start=1):
        papers = set().union(*(papers_of.get(m, ()) for m in members))
        here = Counter(t for p in papers for t in terms_of.get(p, ()))
        scored = [
            Term(
                kind,
                display_name(G, node),
                count,
                count / len(papers) * math.log(total_papers / papers_with[(kind, node)]),
            )
            for (kind, node), count in here.items()
        ]
        scored.sort(key=lambda t: (-t.score, -t.papers, t.name))
        # most connected first: joint papers with others in the same community
        strength = {
            m: sum(
                data.get("weight", 1)
                for other, data in C.adj[m].items()
                if other != m and community_of.get(other) == index
            )
            for m in members
        }
        members.sort(key=lambda m: (-strength[m], display_name(C, m)))
        result.append(
            Community(
                id=index,
                size=len(members),
                papers=len(papers),
                members=[display_name(C, m) for m in members],
                labels=[t for t in scored[:labels] if t.score > 0],
            )
        )
    return result
