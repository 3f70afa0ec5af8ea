"""The seed pages' papers as a graph in schema form, for the analysis and export tests.

``tests/data/seed_papers.jsonl`` holds every paper of the two seed pages that list authors
(``seeds/002_*`` Haifeng Hu's profile page, ``seeds/004_*`` Pengda Qin's compact listing): title,
authors exactly as the pages list them (``authors_truncated`` where the page says "et al."),
year, category, and a few methods/datasets/tasks picked from each title and abstract by hand
with a small keyword list. It stands in for ``graphkit build seeds/`` until the build lands.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphkit.keys import author_key, entity_key, paper_id
from graphkit.model import Graph, Node, Relationship

SEED_PAPERS = Path(__file__).parent / "data" / "seed_papers.jsonl"

_ENTITY = {"methods": ("Method", "USES"), "datasets": ("Dataset", "EVALUATED_ON"), "tasks": ("Task", "ADDRESSES")}


def seed_records() -> list[dict]:
    with SEED_PAPERS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def model_graph(records: list[dict]) -> Graph:
    """Typed nodes and relationships for ``records`` (what the build stage hands a store)."""
    nodes: dict[tuple[str, str], Node] = {}
    rels: list[Relationship] = []

    def node(label: str, id: str, **props) -> tuple[str, str]:
        nodes.setdefault((label, id), Node(label, id, {k: v for k, v in props.items() if v is not None}))
        return (label, id)

    for rec in records:
        paper = node(
            "Paper",
            paper_id(rec["title"], ""),
            title=rec["title"],
            year=rec["year"],
            category=rec["category"],
            source=rec["source"],
        )
        for position, name in enumerate(rec["authors"], start=1):
            author = node("Author", author_key(name), name=name, aliases=[name])
            rels.append(Relationship("AUTHORED", author, paper, {"position": position}))
        for field, (label, rel) in _ENTITY.items():
            for name in rec[field]:
                rels.append(Relationship(rel, paper, node(label, entity_key(name), name=name, aliases=[name])))
        if rec["category"]:
            rels.append(Relationship("IN_CATEGORY", paper, node("Category", rec["category"], name=rec["category"])))
    return Graph(nodes=list(nodes.values()), relationships=rels)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The README's in-memory form: node key "Label:id", edge key = relationship type."""
    G = nx.MultiDiGraph()
    for n in graph.nodes:
        G.add_node(n.key, label=n.label, id=n.id, **n.properties)
    for r in graph.relationships:
        G.add_edge(f"{r.start[0]}:{r.start[1]}", f"{r.end[0]}:{r.end[1]}", key=r.type, type=r.type, **r.properties)
    return G


def seed_graph() -> nx.MultiDiGraph:
    return to_networkx(model_graph(seed_records()))
