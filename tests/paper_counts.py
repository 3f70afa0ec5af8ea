"""The ``papers`` count every counted node should carry, recounted from a graph's edges (the
reference the store tests compare the stores' write-time counts with)."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

# written out here rather than imported, so a wrong table in graphkit.build.derive fails the tests
COUNTED = {
    "Author": ({"AUTHORED"}, "out"),
    "Method": ({"PROPOSES", "USES"}, "in"),
    "Dataset": ({"EVALUATED_ON"}, "in"),
    "Task": ({"ADDRESSES"}, "in"),
    "Venue": ({"PUBLISHED_IN", "MENTIONS"}, "in"),
}


def recounted(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Node key -> distinct papers linked to it, for every node of a counted label."""
    papers = defaultdict(set)
    for u, v, type_ in graph.edges(keys=True):
        for node, paper, side in ((u, v, "out"), (v, u, "in")):
            counted = COUNTED.get(graph.nodes[node]["label"])
            if counted and type_ in counted[0] and side == counted[1] and graph.nodes[paper]["label"] == "Paper":
                papers[node].add(paper)
    return {n: len(papers[n]) for n, label in graph.nodes(data="label") if label in COUNTED}


def stored(graph: nx.MultiDiGraph) -> dict[str, int | None]:
    """Node key -> the ``papers`` property the store holds, for every node of a counted label."""
    return {n: a.get("papers") for n, a in graph.nodes(data=True) if a["label"] in COUNTED}
