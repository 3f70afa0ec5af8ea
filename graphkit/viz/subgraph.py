"""Pick the part of the graph a page shows: one subject's neighbourhood, or the best-connected nodes.

Works on graphkit's in-memory graph (README "Graph schema"): a ``networkx.MultiDiGraph`` with
node keys ``"Label:id"`` and node attributes ``label``, ``id`` and the properties.

Every function returns a new ``MultiDiGraph`` (an induced subgraph copy) whose ``graph`` dict says
what it is: ``title``, ``center`` (the subject's node key, if any), ``omitted`` (nodes and edges left
out to stay under ``max_nodes``) and ``paper_counts`` (papers per node in the *whole* graph, used to
size nodes).
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Iterable

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.schema import KIND_LABELS, NODE_LABELS

__all__ = [
    "KINDS",
    "display_name",
    "parse_types",
    "find_node",
    "ego",
    "top_by_degree",
    "keep_most_connected",
    "keep_strongest_links",
]

#: the subjects ``ego`` accepts, mapped to their node label
KINDS = KIND_LABELS

#: nodes that join huge numbers of papers; a neighbourhood includes them but does not walk through them
_HUBS = {"Category", "Venue"}

#: how many close matches a NotFound message lists
_SUGGESTIONS = 5


def display_name(attrs: dict) -> str:
    """The text a person knows a node by: ``name``, else ``title``, else ``id``.

    >>> display_name({"label": "Paper", "id": "t1", "title": "Attention"})
    'Attention'
    """
    return str(attrs.get("name") or attrs.get("title") or attrs.get("id", ""))


def _label_of(kind: str) -> str:
    try:
        return KINDS[kind.lower()]
    except KeyError:
        raise GraphkitError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}") from None


def parse_types(types: Iterable[str] | str) -> set[str]:
    """Node labels from kind names (``"author,method"`` or an iterable), case-insensitive.

    >>> sorted(parse_types("Author, methods"))
    ['Author', 'Method']
    """
    if isinstance(types, str):
        types = types.split(",")
    by_name = {label.lower(): label for label in NODE_LABELS}
    labels = set()
    for name in (t.strip().lower() for t in types):
        if not name:
            continue
        label = by_name.get(name) or by_name.get(name.removesuffix("s"))
        if label is None:
            raise GraphkitError(f"unknown node type {name!r}: expected some of {', '.join(by_name)}")
        labels.add(label)
    return labels


def _too_old(attrs: dict, since: int | None) -> bool:
    year = attrs.get("year")
    return since is not None and attrs.get("label") == "Paper" and isinstance(year, int) and year < since


def find_node(G: nx.MultiDiGraph, kind: str, name: str) -> str:
    """The node key of the ``kind`` named ``name``, matched the way keys are normalised.

    The one name resolver, :func:`graphkit.names.resolve`: the key or id, the normalised key, the
    display name or an alias (case and accents folded), an acronym or a part of a title.

    Raises
    ------
    NotFound
        With up to five close matches ("did you mean ...") when nothing matches.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:sijie mai", label="Author", id="sijie mai", name="Sijie Mai")
    >>> find_node(G, "author", "SIJIE  MAI")
    'Author:sijie mai'
    >>> find_node(G, "author", "Sijie May")
    Traceback (most recent call last):
    ...
    graphkit.errors.NotFound: no author named 'Sijie May'; did you mean: Sijie Mai?
    """
    from graphkit.names import resolve

    return resolve(G, _label_of(kind), name).key


def _paper_counts(G: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, int]:
    """Papers each node is linked to in the whole graph (for a paper: its neighbours)."""
    counts = {}
    for node in nodes:
        neighbours = set(G.successors(node)) | set(G.predecessors(node))
        if G.nodes[node].get("label") == "Paper":
            counts[node] = len(neighbours)
        else:
            counts[node] = sum(1 for n in neighbours if G.nodes[n].get("label") == "Paper")
    return counts


def _induced(G: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """``G.subgraph(nodes).copy()``, without walking hub adjacencies through filtered views."""
    chosen = set(nodes)
    ordered = [n for n in G if n in chosen]  # G's order: the same page on every run
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, G.nodes[n]) for n in ordered)
    sub.add_edges_from(
        (u, v, key, data)
        for u in ordered
        for v, keyed in G.succ[u].items()
        if v in chosen
        for key, data in keyed.items()
    )
    return sub


def _finish(G: nx.MultiDiGraph, keep: Iterable[str], **graph_attrs) -> nx.MultiDiGraph:
    sub = _induced(G, keep)
    sub.graph.update(graph_attrs)
    sub.graph.setdefault("omitted", {"nodes": 0, "edges": 0})
    sub.graph["paper_counts"] = _paper_counts(G, sub.nodes)
    return sub


def keep_most_connected(
    H: nx.MultiDiGraph, max_nodes: int, keep: Iterable[str] = (), rank: dict[str, tuple] | None = None
) -> nx.MultiDiGraph:
    """``H`` cut down to ``max_nodes`` nodes: the ``keep`` nodes, then the best-ranked by degree.

    ``rank`` (lower is better) overrides the default order (degree, highest first). When the cut
    leaves pieces apart from the ``keep`` nodes' component, only that component stays.
    ``graph["omitted"]`` counts what was left out (added to any earlier count).

    >>> H = nx.MultiDiGraph(list(nx.star_graph(5).edges))
    >>> small = keep_most_connected(H, 3)
    >>> sorted(small.nodes), small.graph["omitted"]
    ([0, 1, 2], {'nodes': 3, 'edges': 3})
    """
    keep = [n for n in keep if n in H]
    if H.number_of_nodes() <= max_nodes:
        return H
    degree = dict(H.degree())
    order = sorted(H.nodes, key=(lambda n: rank[n]) if rank else (lambda n: (-degree[n], str(n))))
    chosen = list(dict.fromkeys([*keep, *order]))[: max(max_nodes, len(keep))]
    small = H.subgraph(chosen)
    if keep:
        component = nx.node_connected_component(small.to_undirected(as_view=True), keep[0])
        small = H.subgraph(component | set(keep))
    small = small.copy()
    before = H.graph.get("omitted", {"nodes": 0, "edges": 0})
    small.graph["omitted"] = {
        "nodes": before["nodes"] + H.number_of_nodes() - small.number_of_nodes(),
        "edges": before["edges"] + H.number_of_edges() - small.number_of_edges(),
    }
    return small


def keep_strongest_links(H: nx.MultiDiGraph, max_edges: int) -> nx.MultiDiGraph:
    """``H`` with at most ``max_edges`` edges: the links of ``graph["center"]`` first, then every
    node's strongest link (so nobody is left floating), then the rest by joint papers.
    ``graph["omitted"]["edges"]`` grows by the cut.

    >>> H = nx.MultiDiGraph()
    >>> H.add_edge("a", "b", key="COAUTHOR", type="COAUTHOR", papers=5)
    'COAUTHOR'
    >>> H.add_edge("b", "c", key="COAUTHOR", type="COAUTHOR", papers=1)
    'COAUTHOR'
    >>> H.add_edge("a", "c", key="COAUTHOR", type="COAUTHOR", papers=2)
    'COAUTHOR'
    >>> sorted(keep_strongest_links(H, 2).edges())
    [('a', 'b'), ('a', 'c')]
    """
    if H.number_of_edges() <= max_edges:
        return H
    center = H.graph.get("center")
    edges = sorted(
        H.edges(keys=True, data=True),
        key=lambda e: (center not in e[:2], -(e[3].get("papers") or 1), str(e[0]), str(e[1])),
    )
    chosen, covered = [], set()
    for u, v, key, _ in edges:  # the strongest link of each node not yet linked
        if u not in covered or v not in covered:
            chosen.append((u, v, key))
            covered.update((u, v))
    picked = set(chosen)
    chosen += [(u, v, k) for u, v, k, _ in edges if (u, v, k) not in picked]
    small = H.edge_subgraph(chosen[:max_edges]).copy()
    small.add_nodes_from(H.nodes(data=True))
    small.graph.update(H.graph)
    before = H.graph.get("omitted", {"nodes": 0, "edges": 0})
    small.graph["omitted"] = {
        "nodes": before["nodes"],
        "edges": before["edges"] + H.number_of_edges() - small.number_of_edges(),
    }
    return small


def ego(
    G: nx.MultiDiGraph,
    kind: str,
    name: str,
    depth: int = 1,
    *,
    types: Iterable[str] | None = None,
    since: int | None = None,
    max_nodes: int | None = 1000,
) -> nx.MultiDiGraph:
    """The neighbourhood of one author, entity, venue or paper.

    Papers are the joints of the graph, so a step *through* a paper counts as one step:
    at ``depth=1`` an author's neighbourhood holds their papers, their co-authors, and the methods,
    datasets, tasks, venues and categories of those papers; a method's holds the papers that
    mention it, their authors and the other entities of those papers. Category and venue nodes
    are shown but not walked through (they join thousands of papers), unless they are the subject.

    Parameters
    ----------
    G : the whole graph (``store.read_graph()``).
    kind : ``author``, ``method``, ``dataset``, ``task``, ``venue`` or ``paper``.
    name : the subject's name (any spelling the keys normalise) or a paper's title or id.
    depth : how many steps out from the subject.
    types : node kinds to show (e.g. ``{"author", "method"}``); the subject always shows, and
        nodes that the filter leaves with no link are dropped. None shows every kind.
    since : leave out papers before this year (papers without a year stay).
    max_nodes : past this many nodes keep the nearest, best-connected ones (None: no limit).

    Returns
    -------
    networkx.MultiDiGraph
        The induced subgraph (a copy), with ``graph["center"]`` the subject's node key.

    Raises
    ------
    NotFound
        When no node of that kind has that name (the message lists close matches).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:a b", label="Author", id="a b", name="A B")
    >>> G.add_node("Paper:t1", label="Paper", id="t1", title="T", year=2020)
    >>> G.add_node("Method:bert", label="Method", id="bert", name="BERT")
    >>> G.add_edge("Author:a b", "Paper:t1", key="AUTHORED", type="AUTHORED")
    'AUTHORED'
    >>> G.add_edge("Paper:t1", "Method:bert", key="USES", type="USES")
    'USES'
    >>> sorted(ego(G, "author", "A B"))
    ['Author:a b', 'Method:bert', 'Paper:t1']
    >>> sorted(ego(G, "author", "A B", since=2021))
    ['Author:a b']
    """
    if depth < 0:
        raise GraphkitError(f"depth must be 0 or more, got {depth}")
    center = find_node(G, kind, name)
    labels = {n: a.get("label") for n, a in G.nodes(data=True)}

    def cost(u: str, v: str, edges: dict) -> float | None:
        if labels[u] in _HUBS and u != center:
            return None  # include the hub, do not walk on through it
        if _too_old(G.nodes[v], since) or all(e.get("type") == "COAUTHOR" for e in edges.values()):
            return None  # co-authors are reached through their joint papers (so --since applies)
        return 0.5 if "Paper" in (labels[u], labels[v]) else 1.0

    undirected = G.to_undirected(as_view=True)
    distance = nx.single_source_dijkstra_path_length(undirected, center, cutoff=depth, weight=cost)

    nodes = set(distance)
    if types is not None:
        wanted = parse_types(types)
        nodes = {n for n in nodes if labels[n] in wanted or n == center}
        view = G.subgraph(nodes)
        nodes = {n for n in nodes if n == center or view.degree(n) > 0}

    subject = G.nodes[center]
    title = f"{subject['label']}: {display_name(subject)}"
    sub = _finish(G, nodes, title=title, center=center)
    if max_nodes is not None and sub.number_of_nodes() > max_nodes:
        degree = dict(sub.degree())
        rank = {n: (distance[n], -degree[n], str(n)) for n in sub}
        paper_counts = sub.graph["paper_counts"]
        sub = keep_most_connected(sub, max_nodes, keep=[center], rank=rank)
        sub.graph.update(
            title=title, center=center, paper_counts={n: paper_counts[n] for n in sub}
        )
    return sub


def top_by_degree(
    G: nx.MultiDiGraph,
    top: int | None = 1000,
    *,
    types: Iterable[str] | None = None,
    since: int | None = None,
) -> nx.MultiDiGraph:
    """The whole graph, or its ``top`` best-connected nodes (most neighbours in the whole graph).

    ``types`` keeps only nodes of those kinds and ``since`` drops papers before that year, before
    the cut. Nodes left without any link by the cut are dropped too; ``graph["omitted"]`` counts
    what is not shown.

    >>> G = nx.MultiDiGraph(list(nx.path_graph(4).edges))
    >>> top_by_degree(G, 2).graph["omitted"]
    {'nodes': 2, 'edges': 2}
    """
    wanted = parse_types(types) if types is not None else None
    pool = [
        n for n, a in G.nodes(data=True)
        if (wanted is None or a.get("label") in wanted) and not _too_old(a, since)
    ]
    # distinct neighbours: O(1) per node (a multigraph's degree walks every parallel edge)
    degree = {n: len(G.succ[n]) + len(G.pred[n]) for n in pool}
    rank = lambda n: (-degree[n], n)  # noqa: E731
    kept = heapq.nsmallest(top, pool, key=rank) if top is not None else sorted(pool, key=rank)
    chosen = set(kept)
    linked = [n for n in kept if any(m in chosen and m != n for m in itertools.chain(G.succ[n], G.pred[n]))]
    if linked:  # drop the nodes the cut left without any link (unless nothing is linked at all)
        kept = linked
    counts = Counter(a.get("label") for _, a in G.nodes(data=True))
    whole = ", ".join(f"{counts[label]:,} {label}" for label in NODE_LABELS if counts[label])
    sub = _finish(G, kept, title="graphkit graph", whole=whole)
    total_edges = G.number_of_edges()  # O(E) on a multigraph: once
    sub.graph["omitted"] = {
        "nodes": G.number_of_nodes() - sub.number_of_nodes(),
        "edges": total_edges - sub.number_of_edges(),
    }
    return sub
