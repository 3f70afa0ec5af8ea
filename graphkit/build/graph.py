"""Build: extracted papers -> typed nodes and relationships (README "Graph schema"). Pure, no I/O.

:func:`to_graph` turns a batch of :class:`~graphkit.model.ExtractedPaper` into a
:class:`~graphkit.model.Graph` with one node per ``(label, id)`` and one relationship per
``(start, type, end)``. COAUTHOR and the ``papers`` counts are not built here: the stores derive
them (:mod:`graphkit.build.derive`), so an incremental build recomputes them instead of adding to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graphkit.build.derive import merge_properties
from graphkit.keys import abstract_key, author_key, entity_key, paper_id
from graphkit.model import ExtractedPaper, Graph, Node, Paper, Relationship
from graphkit.schema import ENTITY_LABELS, ENTITY_RELATIONSHIPS, PROFILE_METRICS

__all__ = ["to_graph", "PaperLookup"]

#: evidence properties on relationships found by extraction
_EVIDENCE = ("sentence", "start", "end", "rule")

_PAPER_PROPERTIES = (
    "title",
    "abstract",
    "year",
    "date",
    "category",
    "has_code",
    "source",
    "affiliation",
    "url",
    "external_id",
)

#: answers "which stored paper has this normalised abstract?" for a batch of abstract keys
PaperLookup = Callable[[set[str]], Mapping[str, str]]


class _GraphBuilder:
    """Collects nodes and relationships, merging repeats by key."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.relationships: dict[tuple[tuple[str, str], str, tuple[str, str]], dict[str, Any]] = {}

    def node(self, label: str, id: str, **properties: Any) -> tuple[str, str]:
        key = (label, id)
        props = {k: v for k, v in properties.items() if v is not None}
        self.nodes[key] = merge_properties(self.nodes[key], props) if key in self.nodes else props
        return key

    def relationship(
        self, start: tuple[str, str], type: str, end: tuple[str, str], properties: dict[str, Any] | None = None
    ) -> None:
        key = (start, type, end)
        if key not in self.relationships:  # the first evidence / position seen is kept
            self.relationships[key] = {k: v for k, v in (properties or {}).items() if v is not None}

    def graph(self) -> Graph:
        return Graph(
            nodes=[Node(label, id, props) for (label, id), props in self.nodes.items()],
            relationships=[
                Relationship(type, start, end, props) for (start, type, end), props in self.relationships.items()
            ],
        )


def _author(
    builder: _GraphBuilder, name: str, profile: Mapping[str, Mapping[str, Any]], external_id: str | None = None
) -> tuple[str, str] | None:
    key = author_key(name)
    if not key:
        return None
    metrics = profile.get(name) or profile.get(key) or {}
    # the source's author id (OpenAlex, Scopus): identity evidence (graphkit.identity), never a key
    ids = [external_id] if external_id else None
    return builder.node(
        "Author", key, name=name.strip(), aliases=[name.strip()], external_ids=ids,
        **{m: metrics.get(m) for m in PROFILE_METRICS},
    )


def _paper_ids(papers: list[Paper], lookup: PaperLookup | None) -> list[str]:
    """Node id per paper: from the title; an untitled record joins a titled paper with its abstract."""
    ids = [paper_id(p.title, p.abstract) for p in papers]
    untitled = {abstract_key(p.abstract) for p, pid in zip(papers, ids) if not pid.startswith("t")}
    if not untitled:
        return ids
    titled = {abstract_key(p.abstract): pid for p, pid in zip(papers, ids) if pid.startswith("t") and p.abstract}
    missing = {k for k in untitled if k and k not in titled}
    if lookup is not None and missing:
        titled.update({k: v for k, v in lookup(missing).items() if v})
    return [
        titled.get(abstract_key(p.abstract), pid) if not pid.startswith("t") else pid for p, pid in zip(papers, ids)
    ]


def to_graph(
    extracted: Iterable[ExtractedPaper | Paper],
    owner: str | None = None,
    profile: Mapping[str, Mapping[str, Any]] | None = None,
    find_papers_by_abstract: PaperLookup | None = None,
) -> Graph:
    """Typed nodes and relationships for a batch of extracted papers.

    Parameters
    ----------
    extracted
        Papers with their entities (a bare :class:`~graphkit.model.Paper` counts as one with none).
    owner
        The author whose pages these are (``graphkit build --owner``): linked to every paper by
        AUTHORED and to each page's affiliation by AFFILIATED_WITH. Without it, a profile page's
        ``profile_owner`` is used; an abstract-only page has no known owner, so its affiliation
        stays a Paper property only.
    profile
        Author name (or author key) -> metrics (``h_index``, ``citations``, ``paper_count``) from
        profile pages.
    find_papers_by_abstract
        The store's answer to "which stored titled paper has this normalised abstract?", so an
        untitled record seen in a later build joins the paper it belongs to.

    Examples
    --------
    >>> from graphkit.model import Paper
    >>> a = Paper(source="p1.txt", index=0, id="", title="Deep Nets", abstract="We study nets.",
    ...           authors=("Sijie Mai", "Haifeng Hu"))
    >>> b = Paper(source="p2.txt", index=3, id="", title="deep nets", abstract="We study nets.",
    ...           authors=("Sijie Mai",))
    >>> g = to_graph([a, b])
    >>> sorted(n.label for n in g.nodes)
    ['Author', 'Author', 'Paper']
    >>> sorted((r.start[1], r.properties["position"]) for r in g.relationships)
    [('haifeng hu', 2), ('sijie mai', 1)]
    """
    items = [e if isinstance(e, ExtractedPaper) else ExtractedPaper(e) for e in extracted]
    profile = profile or {}
    builder = _GraphBuilder()
    ids = _paper_ids([item.paper for item in items], find_papers_by_abstract)
    for item, pid in zip(items, ids):
        paper = item.paper
        paper_node = builder.node("Paper", pid, **{name: getattr(paper, name) for name in _PAPER_PROPERTIES})
        listed: dict[str, int] = {}
        for position, name in enumerate(paper.authors, start=1):
            external = paper.author_ids[position - 1] if position <= len(paper.author_ids) else None
            author = _author(builder, name, profile, external)
            if author is not None and author[1] not in listed:
                listed[author[1]] = position
                builder.relationship(author, "AUTHORED", paper_node, {"position": position})
        page_owner = owner or paper.profile_owner
        owner_node = _author(builder, page_owner, profile) if page_owner else None
        if owner_node is not None:
            builder.relationship(owner_node, "AUTHORED", paper_node, {"position": listed.get(owner_node[1])})
            if paper.affiliation and entity_key(paper.affiliation):
                affiliation = builder.node("Affiliation", entity_key(paper.affiliation), name=paper.affiliation)
                builder.relationship(owner_node, "AFFILIATED_WITH", affiliation)
        if paper.venue and entity_key(paper.venue):
            venue = builder.node("Venue", entity_key(paper.venue), name=paper.venue, aliases=[paper.venue])
            builder.relationship(paper_node, "PUBLISHED_IN", venue)
        if paper.category:
            category = builder.node("Category", paper.category, name=paper.category)
            builder.relationship(paper_node, "IN_CATEGORY", category)
        for entity in item.entities:
            label = ENTITY_LABELS[entity.kind]
            target = builder.node(label, entity.key, name=entity.name, aliases=list(entity.aliases) or [entity.name])
            if entity.kind == "method":
                type = "PROPOSES" if entity.role == "proposes" else "USES"
            else:
                type = ENTITY_RELATIONSHIPS[entity.kind][0]
            evidence = entity.evidence[0] if entity.evidence else None
            props = vars(evidence) if evidence else {}
            builder.relationship(paper_node, type, target, {k: props.get(k) for k in _EVIDENCE})
    return builder.graph()


