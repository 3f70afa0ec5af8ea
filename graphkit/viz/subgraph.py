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
from typing import Any

import networkx as nx

from graphkit.build.derive import PAPERS
from graphkit.errors import GraphkitError
from graphkit.schema import KIND_LABELS, NODE_LABELS

__all__ = [
    "KINDS",
    "display_name",
    "parse_types",
    "find_node",
    "ego",
    "keep_types",
    "store_ego",
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


def paper_count(G: nx.MultiDiGraph, node: str) -> int:
    """The papers ``node`` is linked to in ``G`` (the whole graph), as a page sizes it: the node's
    ``papers`` count when it has one (authors, methods, datasets, tasks, venues: README "Graph
    schema"), else its distinct Paper neighbours; for a paper, its distinct neighbours.
    Stores with :meth:`paper_counts` give the same numbers without reading the whole graph."""
    attrs = G._node[node]
    stored = attrs.get(PAPERS)
    if isinstance(stored, int) and not isinstance(stored, bool):
        return stored
    neighbours = G._succ[node].keys() | G._pred[node].keys()
    if attrs.get("label") == "Paper":
        return len(neighbours)
    return sum(1 for n in neighbours if G._node[n].get("label") == "Paper")


def _paper_counts(G: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, int]:
    return {node: paper_count(G, node) for node in nodes}


def _induced(
    G: nx.MultiDiGraph, nodes: Iterable, edges: set[tuple] | None = None
) -> nx.MultiDiGraph:
    """``G.subgraph(nodes).copy()`` in ``G``'s node and edge order (the same page on every run),
    with only the ``edges`` (``(u, v, key)``) when given. Filled directly: networkx's filtered
    views and ``add_edges_from`` cost more than the rest of a page together. The ``graph`` dict
    is left empty."""
    chosen = nodes if isinstance(nodes, (set, frozenset, dict)) else set(nodes)
    sub = nx.MultiDiGraph()
    node_attrs, succ, pred = sub._node, sub._succ, sub._pred
    for n, attrs in G._node.items():
        if n in chosen:
            node_attrs[n] = dict(attrs)
            succ[n] = {}
            pred[n] = {}
    source = G._succ
    for u, out in succ.items():
        for v, keyed in source[u].items():
            if v not in chosen:
                continue
            for key, data in keyed.items():
                if edges is not None and (u, v, key) not in edges:
                    continue
                keydict = out.get(v)
                if keydict is None:
                    keydict = out[v] = pred[v][u] = {}
                keydict[key] = dict(data)
    return sub


def _of_types(G: nx.MultiDiGraph, nodes: set, types: Iterable[str] | str, center: Any) -> set:
    """The ``nodes`` of ``types`` (the subject always), without those the filter leaves with no link."""
    wanted = parse_types(types)
    nodes = {n for n in nodes if G._node[n].get("label") in wanted or n == center}
    view = G.subgraph(nodes)
    return {n for n in nodes if n == center or view.degree(n) > 0}


def keep_types(H: nx.MultiDiGraph, types: Iterable[str] | str) -> nx.MultiDiGraph:
    """``H`` with only the nodes of ``types`` (``graph["center"]`` always), as :func:`ego`'s ``types``
    filter; after :func:`fold_papers` it keeps the folded links between the kinds shown.

    >>> H = nx.MultiDiGraph(center="Method:m")
    >>> H.add_node("Method:m", label="Method"); H.add_node("Author:a", label="Author")
    >>> H.add_node("Venue:v", label="Venue")
    >>> H.add_edges_from([("Author:a", "Method:m"), ("Author:a", "Venue:v")])
    [0, 0]
    >>> sorted(keep_types(H, "author,method"))
    ['Author:a', 'Method:m']
    """
    sub = _induced(H, _of_types(H, set(H), types, H.graph.get("center")))
    sub.graph.update(H.graph)
    if "paper_counts" in H.graph:
        sub.graph["paper_counts"] = {n: c for n, c in H.graph["paper_counts"].items() if n in sub}
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
    chosen = set(list(dict.fromkeys([*keep, *order]))[: max(max_nodes, len(keep))])
    if keep:  # the part of the chosen joined to the first keep node (links either way)
        component, stack = {keep[0]}, [keep[0]]
        while stack:
            node = stack.pop()
            for other in itertools.chain(H._succ[node], H._pred[node]):
                if other in chosen and other not in component:
                    component.add(other)
                    stack.append(other)
        chosen = component | set(keep)
    small = _induced(H, chosen)
    small.graph.update(H.graph)
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
    kept = set(chosen[:max_edges])
    # the nodes of the kept links first, then the rest (each in H's order)
    small = _induced(H, {n for u, v, _ in kept for n in (u, v)}, edges=kept)
    for node, attrs in H._node.items():
        if node not in small._node:
            small._node[node] = dict(attrs)
            small._succ[node] = {}
            small._pred[node] = {}
    small.graph.update(H.graph)
    before = H.graph.get("omitted", {"nodes": 0, "edges": 0})
    small.graph["omitted"] = {
        "nodes": before["nodes"],
        "edges": before["edges"] + H.number_of_edges() - small.number_of_edges(),
    }
    return small


#: neighbourhoods with more nodes than this are drawn with their papers folded (``viz --papers`` draws them)
FOLD_FROM_NODES = 300

#: the relationship type of a folded link between a person and a topic, venue or category
VIA_PAPERS = "VIA_PAPERS"


def fold_papers(H: nx.MultiDiGraph, seed: int = 7) -> nx.MultiDiGraph:
    """``H`` without its Paper nodes: authors joined by co-author links weighted by the papers
    they wrote together on the page, every other node (method, venue...) joined to the authors
    of its papers by a :data:`VIA_PAPERS` link weighted by those papers. Authors get a
    ``cluster`` (Louvain communities of the folded co-author links, largest first) so the page can
    colour groups of people who write together. ``graph["folded"]`` is the number of papers folded.

    >>> H = nx.MultiDiGraph(center="Author:a")
    >>> for n in "abc":
    ...     H.add_node(f"Author:{n}", label="Author", id=n, name=n.upper())
    >>> H.add_node("Paper:t1", label="Paper", id="t1"); H.add_node("Method:m", label="Method", id="m")
    >>> H.add_edges_from([("Author:a", "Paper:t1"), ("Author:b", "Paper:t1"), ("Paper:t1", "Method:m")])
    [0, 0, 0]
    >>> F = fold_papers(H)
    >>> for u, v, d in sorted(F.edges(data=True)):
    ...     print(u, v, d["type"], d["papers"])
    Author:a Author:b COAUTHOR 1
    Author:a Method:m VIA_PAPERS 1
    Author:b Method:m VIA_PAPERS 1
    >>> F.graph["folded"], F.nodes["Author:b"]["cluster"], "cluster" in F.nodes["Author:a"]  # a: the subject
    (1, 0, False)
    """
    labels = {n: a.get("label") for n, a in H.nodes(data=True)}
    papers = [n for n, label in labels.items() if label == "Paper"]
    joint: Counter = Counter()
    via: Counter = Counter()
    for paper in papers:  # neighbours in H's order (a set's order changes from run to run)
        around = [n for n in dict.fromkeys(itertools.chain(H._succ[paper], H._pred[paper])) if labels[n] != "Paper"]
        authors = sorted(n for n in around if labels[n] == "Author")
        others = [n for n in around if labels[n] != "Author"]
        for i, a in enumerate(authors):
            for b in authors[i + 1:]:
                joint[a, b] += 1
            for other in others:
                via[a, other] += 1
    F = nx.MultiDiGraph()
    F.add_nodes_from((n, dict(a)) for n, a in H.nodes(data=True) if labels[n] != "Paper")
    for (a, b), count in joint.items():
        F.add_edge(a, b, key="COAUTHOR", type="COAUTHOR", papers=count)
    for (a, other), count in via.items():
        F.add_edge(a, other, key=VIA_PAPERS, type=VIA_PAPERS, papers=count)
    F.graph.update(H.graph)
    F.graph["folded"] = len(papers)
    F.graph["paper_counts"] = {n: c for n, c in (H.graph.get("paper_counts") or {}).items() if n in F}
    people = nx.Graph()
    people.add_nodes_from(n for n in F if labels[n] == "Author")
    people.add_weighted_edges_from((a, b, c) for (a, b), c in joint.items())
    center = H.graph.get("center")
    if center in people and people.degree(center) > 0:
        people.remove_node(center)  # everyone is joined to the subject: the groups are among the others
    groups = nx.community.louvain_communities(people, weight="weight", seed=seed) if people else []
    for rank, group in enumerate(sorted(groups, key=lambda g: (-len(g), min(map(str, g))))):
        for node in group:
            F.nodes[node]["cluster"] = rank
    return F


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
        nodes = _of_types(G, nodes, types, center)

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


def store_ego(store: Any, kind: str, name: str, depth: int = 1, **options: Any) -> nx.MultiDiGraph:
    """:func:`ego` on a store, reading only the part of the graph it can reach: the subject's
    neighbourhood of ``2 * depth`` steps (a step through a paper costs half), without walking
    COAUTHOR links or through hubs, as :func:`ego` walks. The same page as ``ego`` on the whole
    graph (``options`` as for :func:`ego`)."""
    from graphkit.names import resolve

    if depth < 0:
        raise GraphkitError(f"depth must be 0 or more, got {depth}")
    center = resolve(store, _label_of(kind), name).key
    G = store.neighbourhood(center, 2 * depth, skip_types=("COAUTHOR",), stop_labels=tuple(sorted(_HUBS)))
    sub = ego(G, kind, center, depth=depth, **options)
    whole_counts = getattr(store, "paper_counts", None)
    if whole_counts is not None:  # papers in the whole graph, not only in the neighbourhood read
        sub.graph["paper_counts"] = whole_counts(list(sub))
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
