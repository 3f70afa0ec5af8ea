"""Bibliometric analyses of the co-authorship and topic graph: a graph in, plain results out.

Every function takes the graph of the README "Graph schema" in its in-memory form (what
:func:`graphkit.load_graph` and ``GraphStore.read_graph()`` return): a ``networkx.MultiDiGraph``
whose node keys are ``"Label:id"`` with attributes ``label``, ``id`` and the properties, and whose
edge keys are the relationship type. Projections (:func:`coauthor_graph`,
:func:`cooccurrence_graph`) are plain weighted ``networkx.Graph`` objects, so every networkx
algorithm applies to them directly.

Examples
--------
A two-paper graph in schema form:

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for who in ("Ann Lee", "Bo Chen", "Cy Park"):
...     G.add_node(f"Author:{who.lower()}", label="Author", id=who.lower(), name=who)
>>> for pid, year in (("p1", 2020), ("p2", 2021)):
...     G.add_node(f"Paper:{pid}", label="Paper", id=pid, title=f"Paper {pid}", year=year)
>>> G.add_node("Task:parsing", label="Task", id="parsing", name="parsing")
>>> for author, paper in (("ann lee", "p1"), ("bo chen", "p1"), ("bo chen", "p2"), ("cy park", "p2")):
...     _ = G.add_edge(f"Author:{author}", f"Paper:{paper}", key="AUTHORED", type="AUTHORED", position=1)
>>> for paper in ("p1", "p2"):
...     _ = G.add_edge(f"Paper:{paper}", "Task:parsing", key="ADDRESSES", type="ADDRESSES")
>>> C = coauthor_graph(G)
>>> sorted(C.edges(data="weight"))
[('Author:ann lee', 'Author:bo chen', 1), ('Author:bo chen', 'Author:cy park', 1)]
>>> [hop.source for hop in collaboration_path(G, "Ann Lee", "Cy Park")]
['Ann Lee', 'Bo Chen']
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import igraph
import networkx as nx

from graphkit import subgraph
from graphkit._gc import without_cyclic_gc
from graphkit.build import weighted_projection
from graphkit.errors import NotFound
from graphkit.keys import author_key, entity_key, fold
from graphkit.model import node_key

__all__ = [
    "ENTITY_RELATIONSHIPS",
    "coauthor_graph",
    "cooccurrence_graph",
    "find_node",
    "display_name",
    "centrality",
    "communities",
    "detect_communities",
    "collaboration_path",
    "recommend",
    "trends",
    "Centrality",
    "Term",
    "Community",
    "Hop",
    "Suggestion",
    "Trend",
]

#: entity kind -> (node label, relationship types from Paper to that label)
ENTITY_RELATIONSHIPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "method": ("Method", ("PROPOSES", "USES")),
    "dataset": ("Dataset", ("EVALUATED_ON",)),
    "task": ("Task", ("ADDRESSES",)),
}

# Exact betweenness is O(nodes * edges); above this many authors it is estimated from a seeded
# sample of source nodes (networkx's ``k`` argument), as many as fit a budget of adjacency
# visits (about 10 s of pure-Python BFS), so the command stays interactive on large graphs.
_EXACT_BETWEENNESS_LIMIT = 3000
_BETWEENNESS_BUDGET = 4_000_000
_MIN_BETWEENNESS_SAMPLES = 16


def _betweenness_samples(C: nx.Graph) -> int | None:
    """None (exact) for small graphs, else how many source nodes to sample."""
    if len(C) <= _EXACT_BETWEENNESS_LIMIT:
        return None
    return min(len(C), max(_MIN_BETWEENNESS_SAMPLES, _BETWEENNESS_BUDGET // (len(C) + 2 * C.number_of_edges())))


# --------------------------------------------------------------------------- result records


@dataclass(frozen=True)
class Centrality:
    """One author's standing in the co-author graph.

    ``degree`` is the number of distinct co-authors; ``betweenness`` and ``pagerank`` are
    networkx's normalised values (PageRank weighted by joint papers).
    """

    node: str
    name: str
    degree: int
    papers: int
    betweenness: float
    pagerank: float


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


@dataclass(frozen=True)
class Hop:
    """One step of a collaboration path: two co-authors and the papers they wrote together."""

    source: str
    target: str
    papers: list[str]


@dataclass(frozen=True)
class Suggestion:
    """Someone an author has not worked with yet, and why they might.

    ``score`` is the Adamic-Adar sum over everything the two share (see :func:`recommend`).
    """

    node: str
    name: str
    score: float
    common_coauthors: list[str] = field(default_factory=list)
    shared_methods: list[str] = field(default_factory=list)
    shared_datasets: list[str] = field(default_factory=list)
    shared_tasks: list[str] = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        """Human-readable reasons, strongest evidence first.

        >>> Suggestion("Author:x", "X", 1.0, common_coauthors=["Y"], shared_tasks=["parsing"]).reasons
        ['common co-authors: Y', 'shared tasks: parsing']
        """
        parts = [
            ("common co-authors", self.common_coauthors),
            ("shared methods", self.shared_methods),
            ("shared datasets", self.shared_datasets),
            ("shared tasks", self.shared_tasks),
        ]
        return [f"{what}: {', '.join(names)}" for what, names in parts if names]


@dataclass(frozen=True)
class Trend:
    """How often one method, dataset or task appears per year, and whether it is rising.

    ``counts`` maps year -> papers mentioning it; ``recent_share`` / ``past_share`` are its share
    of all papers in the recent window and before it; ``z`` is the two-proportion z-score of
    the difference (None when there is no past to compare with).
    """

    kind: str
    name: str
    total: int
    counts: dict[int, int]
    recent_share: float
    past_share: float
    z: float | None
    rising: bool


# --------------------------------------------------------------------------- lookups


def display_name(G: nx.Graph, node: str) -> str:
    """The name a person reads: ``name``, else ``title``, else the node's ``id``.

    >>> G = nx.Graph(); G.add_node("Paper:p1", label="Paper", id="p1", title="A Title")
    >>> display_name(G, "Paper:p1")
    'A Title'
    """
    data = G.nodes[node]
    return str(data.get("name") or data.get("title") or data.get("id") or node)


def find_node(G: nx.MultiDiGraph, label: str, name: str) -> str:
    """The node key of the ``label`` node called ``name``, matched through graphkit's keys.

    The same lookup as :func:`graphkit.subgraph.find_node` (keys, display names, ``aliases``),
    taking a schema label; a full node key (``"Author:sijie mai"``) is accepted too.

    Raises
    ------
    NotFound
        No such node; the message lists the closest names (rapidfuzz) to help a typo.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:sijie mai", label="Author", id="sijie mai", name="Sijie Mai")
    >>> find_node(G, "Author", "MAI, Sijie")
    'Author:sijie mai'
    >>> G.add_node("Method:bert", label="Method", id="bert", name="BERT", aliases=["BERT", "Bidirectional Encoder"])
    >>> find_node(G, "Method", "bidirectional encoder")
    'Method:bert'
    >>> find_node(G, "Author", "Sijie Ma")
    Traceback (most recent call last):
    ...
    graphkit.errors.NotFound: no author named 'Sijie Ma'; did you mean: Sijie Mai?
    """
    if name in G and G.nodes[name].get("label") == label:
        return name
    return subgraph.find_node(G, label.lower(), name)


def _nodes_with_label(G: nx.Graph, label: str) -> list[str]:
    return [n for n, lab in G.nodes(data="label") if lab == label]


def _edges_of_type(G: nx.MultiDiGraph, types: Iterable[str]) -> Iterable[tuple[str, str]]:
    wanted = set(types)
    return ((u, v) for u, v, kind in G.edges(keys=True) if kind in wanted)  # edge key = relationship type


def _papers_by_author(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    papers: dict[str, set[str]] = defaultdict(set)
    for author, paper in _edges_of_type(G, ("AUTHORED",)):
        papers[author].add(paper)
    return papers


def _entities_by_paper(G: nx.MultiDiGraph, kinds: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
    """paper -> {(kind, entity node)} for the given entity kinds."""
    kind_of_type = {t: kind for kind in kinds for t in ENTITY_RELATIONSHIPS[kind][1]}
    entities: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for paper, entity, rel in G.edges(keys=True):
        kind = kind_of_type.get(rel)
        if kind is not None:
            entities[paper].add((kind, entity))
    return entities


def _check_kind(kind: str) -> None:
    if kind not in ENTITY_RELATIONSHIPS:
        raise ValueError(f"kind must be one of {', '.join(ENTITY_RELATIONSHIPS)}, not {kind!r}")


# --------------------------------------------------------------------------- projections


def _project(
    G: nx.MultiDiGraph,
    label: str,
    links: list[tuple[str, str]],
    counted: list[tuple[str, str]] | None = None,
) -> nx.Graph:
    """Weighted projection of the bipartite (``label`` nodes, papers) graph onto ``label`` nodes.

    ``links`` are the (node, paper) pairs that join nodes in the projection; ``counted`` (default
    ``links``) the pairs behind each node's ``papers`` (distinct papers) and, where papers carry
    a year, ``avg_year``. Each edge ``weight`` = number of shared papers.
    """
    with without_cyclic_gc():  # millions of small containers, none of them garbage
        side = sorted(_nodes_with_label(G, label))
        P = nx.Graph()
        P.add_nodes_from((n, {**G.nodes[n], "papers": 0}) for n in side)
        for n, attrs in _project_counts(G, links if counted is None else counted).items():
            P.nodes[n].update(attrs)
        P.add_weighted_edges_from(weighted_projection(links, side))
    return P


def _project_counts(G: nx.MultiDiGraph, pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, float]]:
    """node -> ``papers`` (distinct papers linked) and ``avg_year`` (mean year of those that have one)."""
    papers: dict[str, set[str]] = defaultdict(set)
    for node, paper in pairs:
        papers[node].add(paper)
    year_of = {
        paper: year
        for paper, year in G.nodes(data="year")
        if isinstance(year, int) and not isinstance(year, bool)
    }
    counts: dict[str, dict[str, float]] = {}
    for node, linked in papers.items():
        counts[node] = {"papers": len(linked)}
        years = [year_of[p] for p in linked if p in year_of]
        if years:
            counts[node]["avg_year"] = round(sum(years) / len(years), 2)
    return counts


def coauthor_graph(G: nx.MultiDiGraph, *, include_unlisted: bool = False) -> nx.Graph:
    """Authors joined by their joint papers: the co-authorship network.

    The projection of the author-paper graph (``AUTHORED`` edges) onto authors: the edges and
    weights of :func:`networkx.algorithms.bipartite.weighted_projected_graph`, computed as a
    sparse matrix product by :func:`graphkit.build.weighted_projection`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graphkit graph in schema form.
    include_unlisted : bool
        Also count authorships without a byline ``position``: the build links a profile page's
        owner to every paper on the page, even where the byline hides them in "et al.". By
        default co-authorship is what the bylines show, so such a paper links its listed
        authors to each other but not to the owner. Either way ``papers`` counts every paper.

    Returns
    -------
    networkx.Graph
        Node keys and attributes as in ``G`` (``"Author:sijie mai"``, ``name``, ...) plus
        ``papers`` and ``avg_year``; edge ``weight`` = number of joint papers.
        ``C.graph["edge_type"]`` is ``"COAUTHOR"`` (used by the exporters).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for a in ("a", "b", "c"):
    ...     G.add_node(f"Author:{a}", label="Author", id=a, name=a.upper())
    >>> G.add_nodes_from([("Paper:1", {"label": "Paper"}), ("Paper:2", {"label": "Paper"})])
    >>> for a, p, pos in (("a", 1, 1), ("b", 1, 2), ("a", 2, 1), ("b", 2, 2), ("c", 2, 3)):
    ...     _ = G.add_edge(f"Author:{a}", f"Paper:{p}", key="AUTHORED", type="AUTHORED", position=pos)
    >>> C = coauthor_graph(G)
    >>> C["Author:a"]["Author:b"]["weight"], C["Author:a"]["Author:c"]["weight"]
    (2, 1)
    >>> C.nodes["Author:a"]["papers"], C.degree("Author:c")
    (2, 2)

    A profile owner ``o`` linked to paper 1 without being on its byline:

    >>> G.add_node("Author:o", label="Author", id="o", name="O")
    >>> _ = G.add_edge("Author:o", "Paper:1", key="AUTHORED", type="AUTHORED")
    >>> coauthor_graph(G).degree("Author:o"), coauthor_graph(G, include_unlisted=True).degree("Author:o")
    (0, 2)
    >>> coauthor_graph(G).nodes["Author:o"]["papers"]
    1
    """
    # AUTHORED ends at papers and edge keys are relationship types: walking the papers' incoming
    # edges for one property skips the (many) other edges of the graph
    papers = _nodes_with_label(G, "Paper")
    with without_cyclic_gc():
        authored = [
            (author, paper, rels["AUTHORED"].get("position"))
            for paper in papers
            for author, rels in G.pred[paper].items()
            if "AUTHORED" in rels
        ]
        # a byline position is what graphkit.build.is_byline checks
        listed = [(u, v) for u, v, pos in authored if include_unlisted or pos is not None]
        # papers and years count every authorship, listed or not
        C = _project(G, "Author", listed, counted=[(u, v) for u, v, _ in authored])
    C.graph.update(name="coauthor", edge_type="COAUTHOR")
    return C


def cooccurrence_graph(G: nx.MultiDiGraph, kind: str) -> nx.Graph:
    """Methods, datasets or tasks joined when papers mention them together.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graphkit graph in schema form.
    kind : {"method", "dataset", "task"}
        Which entities: ``Method`` (via ``PROPOSES``/``USES``), ``Dataset`` (``EVALUATED_ON``)
        or ``Task`` (``ADDRESSES``).

    Returns
    -------
    networkx.Graph
        Entity nodes with ``papers`` (papers mentioning them); edge ``weight`` = papers
        mentioning both. ``graph["edge_type"]`` is ``"CO_OCCURS"``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for m in ("bert", "crf", "lstm"):
    ...     G.add_node(f"Method:{m}", label="Method", id=m, name=m.upper())
    >>> G.add_node("Paper:1", label="Paper")
    >>> _ = G.add_edge("Paper:1", "Method:bert", key="USES", type="USES")
    >>> _ = G.add_edge("Paper:1", "Method:crf", key="PROPOSES", type="PROPOSES")
    >>> M = cooccurrence_graph(G, "method")
    >>> sorted(M.edges(data="weight")), M.degree("Method:lstm")
    ([('Method:bert', 'Method:crf', 1)], 0)
    """
    _check_kind(kind)
    label, types = ENTITY_RELATIONSHIPS[kind]
    # AUTHORED-like orientation: entity first, so _project sees (entity, paper) pairs
    M = _project(G, label, [(entity, paper) for paper, entity in _edges_of_type(G, types)])
    M.graph.update(name=f"{kind} co-occurrence", edge_type="CO_OCCURS")
    return M


def _canonical(C: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges inserted in sorted order, so seeded algorithms give
    the same answer however the store happened to order the graph."""
    H = nx.Graph()
    H.graph.update(C.graph)
    H.add_nodes_from(sorted(C.nodes(data=True), key=lambda item: item[0]))
    H.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in C.edges(data=True)))
    return H


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


# --------------------------------------------------------------------------- centrality


def centrality(
    C: nx.Graph,
    *,
    top: int | None = None,
    sort: str = "degree",
    samples: int | None = None,
    seed: int = 42,
) -> list[Centrality]:
    """Degree, betweenness and PageRank of every author in a co-author graph.

    Parameters
    ----------
    C : networkx.Graph
        From :func:`coauthor_graph`.
    top : int, optional
        Keep the first ``top`` rows.
    sort : {"degree", "betweenness", "pagerank"}
        Ranking key (ties: more papers first, then by name).
    samples : int, optional
        Estimate betweenness from this many seeded source nodes (networkx's ``k``). By default
        it is exact up to 3000 authors; above that, as many samples as fit about four million
        adjacency visits (at least 16), which keeps it to seconds on the 62k-paper corpus.
    seed : int
        Seed for sampled betweenness.

    Notes
    -----
    Betweenness counts hops (unweighted shortest paths, i.e. collaboration distance), normalised
    by networkx. A sampled estimate ranks the clear brokers reliably but is noisy in the tail;
    raise ``samples`` for more precision.

    Examples
    --------
    >>> C = nx.Graph([("Author:a", "Author:b"), ("Author:b", "Author:c")])
    >>> rows = centrality(C, sort="betweenness")
    >>> rows[0].node, rows[0].degree, rows[0].betweenness
    ('Author:b', 2, 1.0)
    """
    if sort not in ("degree", "betweenness", "pagerank"):
        raise ValueError(f"sort must be degree, betweenness or pagerank, not {sort!r}")
    if len(C) == 0:
        return []
    H = _canonical(C)
    k = min(samples, len(H)) if samples is not None else _betweenness_samples(H)
    betweenness = nx.betweenness_centrality(H, k=k, seed=seed)
    pagerank = nx.pagerank(H, weight="weight")
    rows = [
        Centrality(
            node=n,
            name=display_name(H, n),
            degree=H.degree(n),
            papers=H.nodes[n].get("papers", 0),
            betweenness=betweenness[n],
            pagerank=pagerank[n],
        )
        for n in H
    ]
    rows.sort(key=lambda r: (-getattr(r, sort), -r.papers, r.name))
    return rows[:top] if top is not None else rows


# --------------------------------------------------------------------------- communities


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
    C = C if C is not None else coauthor_graph(G)
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
            Term(kind, display_name(G, node), count, count / len(papers) * math.log(total_papers / papers_with[(kind, node)]))
            for (kind, node), count in here.items()
        ]
        scored.sort(key=lambda t: (-t.score, -t.papers, t.name))
        # most connected first: joint papers with others in the same community
        strength = {
            m: sum(data.get("weight", 1) for other, data in C.adj[m].items() if other != m and community_of.get(other) == index)
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


# --------------------------------------------------------------------------- paths


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


# --------------------------------------------------------------------------- recommendations


def recommend(
    G: nx.MultiDiGraph,
    name: str,
    *,
    top: int = 10,
    C: nx.Graph | None = None,
) -> list[Suggestion]:
    """People an author has not written with but probably should: shared topics and co-authors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graphkit graph.
    name : str
        The author (matched with :func:`graphkit.keys.author_key`).
    top : int
        How many suggestions.
    C : networkx.Graph, optional
        Its :func:`coauthor_graph` (computed when not given).

    Notes
    -----
    The score is an Adamic-Adar index over everything two authors share: each common co-author
    ``z`` adds ``1 / log(degree(z))`` in the co-author graph (networkx's
    :func:`~networkx.adamic_adar_index`), and each shared method, dataset or task ``e`` adds
    ``1 / log(authors(e))`` where ``authors(e)`` is how many authors have papers mentioning it.
    Rare things in common count more than popular ones. Existing co-authors (anyone on a paper
    with them, on the byline or not) are never suggested.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Task:parsing", label="Task", id="parsing", name="parsing")
    >>> for a in ("a", "b", "c", "d"):
    ...     G.add_node(f"Author:{a}", label="Author", id=a, name=a.upper())
    >>> for p, authors in ((1, "ab"), (2, "bc"), (3, "d")):
    ...     G.add_node(f"Paper:{p}", label="Paper", id=str(p))
    ...     for a in authors:
    ...         _ = G.add_edge(f"Author:{a}", f"Paper:{p}", key="AUTHORED", type="AUTHORED", position=1)
    >>> for p in (1, 3):
    ...     _ = G.add_edge(f"Paper:{p}", "Task:parsing", key="ADDRESSES", type="ADDRESSES")
    >>> [(s.name, s.reasons) for s in recommend(G, "a")]
    [('C', ['common co-authors: B']), ('D', ['shared tasks: parsing'])]
    """
    me = find_node(G, "Author", name)
    C = C if C is not None else coauthor_graph(G)
    papers_of = _papers_by_author(G)
    # anyone on a paper with them already counts as a collaborator, listed on the byline or not
    known = {me} | set(C[me]) | {
        author for paper in papers_of.get(me, ()) for author, _, rel in G.in_edges(paper, data="type") if rel == "AUTHORED"
    }
    score: dict[str, float] = defaultdict(float)
    reasons: dict[str, dict[str, list[tuple[float, str]]]] = defaultdict(lambda: defaultdict(list))

    # common co-authors: neighbours of neighbours in the co-author graph
    second = {w for z in C[me] for w in C[z]} - known
    for _, other, value in nx.adamic_adar_index(C, [(me, w) for w in sorted(second)]):
        score[other] += value
        for z in sorted(set(C[me]) & set(C[other])):
            reasons[other]["common_coauthors"].append((1 / math.log(C.degree(z)), display_name(G, z)))

    # shared methods, datasets and tasks: author -> paper -> entity <- paper <- author
    entity_types = {t: kind for kind, (_, types) in ENTITY_RELATIONSHIPS.items() for t in types}
    mine = {
        (entity_types[rel], entity)
        for paper in papers_of.get(me, ())
        for _, entity, rel in G.out_edges(paper, data="type")
        if rel in entity_types
    }
    for kind, entity in sorted(mine):
        users = {
            author
            for paper, _, rel in G.in_edges(entity, data="type")
            if entity_types.get(rel) == kind
            for author, _, r in G.in_edges(paper, data="type")
            if r == "AUTHORED"
        }
        if len(users) < 2:
            continue
        weight = 1 / math.log(len(users))
        for other in users - known:
            score[other] += weight
            reasons[other][f"shared_{kind}s"].append((weight, display_name(G, entity)))

    ranked = sorted(score, key=lambda n: (-score[n], display_name(G, n)))[:top]
    suggestions = []
    for n in ranked:
        why = {what: [label for _, label in sorted(items, key=lambda i: (-i[0], i[1]))] for what, items in reasons[n].items()}
        suggestions.append(Suggestion(node=n, name=display_name(G, n), score=round(score[n], 4), **why))
    return suggestions


# --------------------------------------------------------------------------- trends


def trends(
    G: nx.MultiDiGraph,
    kinds: Iterable[str] = ("method", "dataset", "task"),
    *,
    recent: int = 3,
    until: int | None = None,
    threshold: float = 2.0,
    min_papers: int = 2,
) -> list[Trend]:
    """Methods, datasets and tasks per year, and which are rising.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The graphkit graph; papers without a ``year`` are left out.
    kinds : iterable of {"method", "dataset", "task"}
        Which entities.
    recent : int
        Length of the recent window in years, ending at ``until``.
    until : int, optional
        Last year considered (default: the latest paper year).
    threshold : float
        z-score from which an entity counts as rising.
    min_papers : int
        Papers needed in the recent window to count as rising.

    Returns
    -------
    list of Trend
        Highest z first (entities without a past last), ties by kind and name.

    Notes
    -----
    Burst detection is a two-proportion z-test, not Kleinberg's automaton: an entity's share of
    papers in the recent window (``r = c_r / n_r``) against its share in all earlier years
    (``q = c_q / n_q``), ``z = (r - q) / sqrt(p (1 - p) (1/n_r + 1/n_q))`` with the pooled share
    ``p``. It is rising when ``z >= threshold`` and it has at least ``min_papers`` recent papers.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("Task:old", {"label": "Task", "name": "old"}), ("Task:new", {"label": "Task", "name": "new"})])
    >>> for i, year in enumerate([2010] * 10 + [2020] * 10):
    ...     G.add_node(f"Paper:{i}", label="Paper", year=year)
    ...     task = "Task:old" if year == 2010 or i % 3 == 0 else "Task:new"
    ...     _ = G.add_edge(f"Paper:{i}", task, key="ADDRESSES", type="ADDRESSES")
    >>> [(t.name, t.counts, t.rising) for t in trends(G, ["task"], recent=1)]
    [('new', {2020: 7}, True), ('old', {2010: 10, 2020: 3}, False)]
    """
    kinds = list(kinds)
    for kind in kinds:
        _check_kind(kind)
    years = {p: y for p, y in G.nodes(data="year") if isinstance(y, int) and G.nodes[p].get("label") == "Paper"}
    if not years:
        return []
    last = until if until is not None else max(years.values())
    first_recent = last - recent + 1
    papers_per_year = Counter(y for y in years.values() if y <= last)
    n_recent = sum(c for y, c in papers_per_year.items() if y >= first_recent)
    n_past = sum(c for y, c in papers_per_year.items() if y < first_recent)

    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for paper, entities in _entities_by_paper(G, kinds).items():
        year = years.get(paper)
        if year is not None and year <= last:
            for kind_entity in entities:
                counts[kind_entity][year] += 1

    rows = []
    for (kind, entity), per_year in counts.items():
        c_recent = sum(c for y, c in per_year.items() if y >= first_recent)
        c_past = sum(c for y, c in per_year.items() if y < first_recent)
        r = c_recent / n_recent if n_recent else 0.0
        q = c_past / n_past if n_past else 0.0
        z = None
        if n_recent and n_past:
            pooled = (c_recent + c_past) / (n_recent + n_past)
            spread = math.sqrt(pooled * (1 - pooled) * (1 / n_recent + 1 / n_past))
            z = round((r - q) / spread, 3) if spread > 0 else None
        rows.append(
            Trend(
                kind=kind,
                name=display_name(G, entity),
                total=sum(per_year.values()),
                counts=dict(sorted(per_year.items())),
                recent_share=round(r, 4),
                past_share=round(q, 4),
                z=z,
                rising=z is not None and z >= threshold and c_recent >= min_papers,
            )
        )
    rows.sort(key=lambda t: (t.z is None, -(t.z or 0.0), t.kind, t.name))
    return rows
