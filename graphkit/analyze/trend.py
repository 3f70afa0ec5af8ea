"""Methods, datasets and tasks per year, and which are rising (two-proportion z-score)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graphkit.analyze.graphs import _check_kind, _entities_by_paper, display_name, full_graph


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
    >>> G.add_nodes_from([("Task:old", {"label": "Task", "name": "old"}),
    ...                   ("Task:new", {"label": "Task", "name": "new"})])
    >>> for i, year in enumerate([2010] * 10 + [2020] * 10):
    ...     G.add_node(f"Paper:{i}", label="Paper", year=year)
    ...     task = "Task:old" if year == 2010 or i % 3 == 0 else "Task:new"
    ...     _ = G.add_edge(f"Paper:{i}", task, key="ADDRESSES", type="ADDRESSES")
    >>> [(t.name, t.counts, t.rising) for t in trends(G, ["task"], recent=1)]
    [('new', {2020: 7}, True), ('old', {2010: 10, 2020: 3}, False)]
    """
    G = full_graph(G, "trends")
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
