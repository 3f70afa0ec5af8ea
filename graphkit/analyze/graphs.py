"""The graphs the analyses work on: name lookups in the schema graph, and its weighted projections
(:func:`coauthor_graph`, :func:`cooccurrence_graph`) as plain ``networkx.Graph`` objects."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from graphkit import progress, schema
from graphkit._gc import without_cyclic_gc
from graphkit.build.derive import hyperauthored, weighted_projection
from graphkit.errors import WrongGraph
from graphkit.schema import ENTITY_LABELS

#: entity kind -> (node label, relationship types from Paper to that label): the topic kinds analysed
ENTITY_RELATIONSHIPS: dict[str, tuple[str, tuple[str, ...]]] = {
    kind: (ENTITY_LABELS[kind], schema.ENTITY_RELATIONSHIPS[kind]) for kind in ("method", "dataset", "task")
}


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

    The one name resolver, :func:`graphkit.names.resolve` (keys, display names, ``aliases``,
    acronyms), taking a schema label; a full node key (``"Author:sijie mai"``) is accepted too.

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
    from graphkit.names import resolve

    return resolve(G, label, name).key


def _what(graph) -> str:
    kind = graph.graph.get("name") if isinstance(graph, nx.Graph) else None
    if kind:
        return f"the {kind} graph"
    return f"a {type(graph).__module__.split('.')[0]}.{type(graph).__name__}"


def full_graph(graph, function: str) -> nx.MultiDiGraph:
    """``graph`` when it is the full graph in schema form, else :class:`~graphkit.errors.WrongGraph`
    saying that ``function`` needs it (and where to get it)."""
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    raise WrongGraph(
        f"{function}() needs the full graph (graphkit.load_graph() or store.read_graph(): papers, authors "
        f"and topics), not {_what(graph)}"
    )


def full_and_coauthors(graph, C: nx.Graph | None = None, *, function: str) -> tuple[nx.MultiDiGraph | None, nx.Graph]:
    """``(G, C)`` from either kind of graph an analysis accepts: the full graph (``C`` is then its
    :func:`coauthor_graph` unless given) or a co-author graph alone (``G`` is then None)."""
    if isinstance(graph, nx.MultiDiGraph):
        return graph, C if C is not None else coauthor_graph(graph)
    if isinstance(graph, nx.Graph) and not graph.is_multigraph():
        return None, graph
    raise WrongGraph(
        f"{function}() takes the full graph (graphkit.load_graph()) or its co-author graph "
        f"(graphkit.coauthor_graph(G)), not {_what(graph)}"
    )


def _byline_papers_by_author(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """author -> the papers whose byline lists them: what a co-author link's ``weight`` counts."""
    papers: dict[str, set[str]] = defaultdict(set)
    for author, paper, data in G.edges(data=True):
        if data.get("type") == "AUTHORED" and data.get("position") is not None:
            papers[author].add(paper)
    return papers


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
    sparse matrix product by :func:`graphkit.build.derive.weighted_projection`.

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
    G = full_graph(G, "coauthor_graph")
    papers = _nodes_with_label(G, "Paper")
    shown = progress.step("co-author graph") if len(papers) > progress.THRESHOLD else contextlib.nullcontext()
    with shown, without_cyclic_gc():
        authored = [
            (author, paper, rels["AUTHORED"].get("position"))
            for paper in papers
            for author, rels in G.pred[paper].items()
            if "AUTHORED" in rels
        ]
        # a byline position is what graphkit.build.derive.is_byline checks
        listed = [(u, v) for u, v, pos in authored if include_unlisted or pos is not None]
        skipped = hyperauthored(listed)  # as the stores derive COAUTHOR: no pairs from hyperauthored papers
        if skipped:
            listed = [(u, v) for u, v in listed if v not in skipped]
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
    G = full_graph(G, "cooccurrence_graph")
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
