"""Collaborators to suggest: Adamic-Adar over common co-authors and shared methods, datasets, tasks."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graphkit.analyze.graphs import ENTITY_RELATIONSHIPS, _papers_by_author, display_name, find_node, full_and_coauthors


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
    G : networkx.MultiDiGraph or networkx.Graph
        The graphkit graph, or a co-author graph alone (then only common co-authors count).
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
    G, C = full_and_coauthors(G, C, function="recommend")
    me = find_node(C if G is None else G, "Author", name)
    known = {me} | set(C[me])
    if G is not None:
        # anyone on a paper with them already counts as a collaborator, listed on the byline or not
        papers_of = _papers_by_author(G)
        known |= {
            author
            for paper in papers_of.get(me, ())
            for author, _, rel in G.in_edges(paper, data="type")
            if rel == "AUTHORED"
        }
    score: dict[str, float] = defaultdict(float)
    reasons: dict[str, dict[str, list[tuple[float, str]]]] = defaultdict(lambda: defaultdict(list))

    # common co-authors: neighbours of neighbours in the co-author graph
    second = {w for z in C[me] for w in C[z]} - known
    for _, other, value in nx.adamic_adar_index(C, [(me, w) for w in sorted(second)]):
        score[other] += value
        for z in sorted(set(C[me]) & set(C[other])):
            reasons[other]["common_coauthors"].append((1 / math.log(C.degree(z)), display_name(C, z)))

    if G is None:  # a co-author graph alone: common co-authors are all there is to go on
        return _ranked(C, score, reasons, top)

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

    return _ranked(G, score, reasons, top)


def _ranked(G: nx.Graph, score: dict[str, float], reasons: dict, top: int) -> list[Suggestion]:
    ranked = sorted(score, key=lambda n: (-score[n], display_name(G, n)))[:top]
    suggestions = []
    for n in ranked:
        why = {
            what: [label for _, label in sorted(items, key=lambda i: (-i[0], i[1]))]
            for what, items in reasons[n].items()
        }
        suggestions.append(Suggestion(node=n, name=display_name(G, n), score=round(score[n], 4), **why))
    return suggestions
