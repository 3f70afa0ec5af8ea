"""Applying decisions: a pure ``Graph -> Graph`` transformation, the raw snapshot and the store hook.

:func:`apply_identities` remaps node ids by the log, so the embedded store and Neo4j get the same
identities from the same log; every build applies it (decisions survive rebuilds and new data), and
undo is: drop the decision, rewrite the store from the raw (pre-identity) snapshot kept beside the log
(:class:`RawSnapshot`).
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import networkx as nx

from graphkit.build.derive import (
    PAPER_COUNT_LINKS,
    PAPERS,
    coauthor_pairs,
    is_byline,
    merge_properties,
)
from graphkit.errors import GraphkitError, NotFound
from graphkit.identity.candidates import (
    Candidate,
    Reason,
    _author_evidence,
    _author_infos,
    author_candidates,
    auto_merges,
    entity_candidates,
)
from graphkit.identity.log import (
    ENTITY_KIND_NAMES,
    KIND_LABELS,
    IdentityError,
    IdentityState,
    MergeLog,
    StoreMergeLog,
    identity_folder,
)
from graphkit.keys import author_key, entity_key
from graphkit.model import Graph, Node, Relationship
from graphkit.names import resolve_among

#: file name of the raw (pre-identity) graph snapshot, one per store kind
RAW_NAME = "identity-raw-{kind}.jsonl.gz"

# --------------------------------------------------------------------------------------------------
# the transformation


def apply_identities(graph: Graph, state: IdentityState | MergeLog) -> Graph:
    """The graph with merged nodes as one node: a pure function of the graph and the decisions.

    A merged node keeps the canonical node's properties, fills the ones it lacks from the others
    (sorted by key), and gets every name as an alias. Relationships follow their ends; two of one
    type between the same nodes become one (an AUTHORED keeps the smallest position). COAUTHOR is
    recomputed (joint papers) for the pairs a merge touched, when the graph has COAUTHOR at all.
    With no decisions the graph comes back equal.

    >>> from graphkit.model import Node
    >>> g = Graph([Node("Author", "w zheng", {"name": "W. Zheng"}),
    ...            Node("Author", "weishi zheng", {"name": "Wei-Shi Zheng"})])
    >>> state = IdentityState()
    >>> state._merge("author", "weishi zheng", "w zheng", "Wei-Shi Zheng")
    >>> [(n.id, n.properties) for n in apply_identities(g, state).nodes]
    [('weishi zheng', {'name': 'Wei-Shi Zheng', 'aliases': ['W. Zheng']})]
    """
    if isinstance(state, MergeLog):
        state = state.state()
    if state.is_empty():
        return Graph(list(graph.nodes), list(graph.relationships))
    graph, split = split_homonyms(graph, state.homonyms)
    kinds = {label: kind for kind, label in KIND_LABELS.items()}

    def target(label: str, key: str) -> str:
        kind = kinds.get(label)
        return state.root[kind].get(key, key) if kind else key

    groups: dict[tuple[str, str], list[Node]] = {}
    for node in graph.nodes:
        groups.setdefault((node.label, target(node.label, node.id)), []).append(node)
    nodes, merged = [], {("Author", g["id"]) for key in split for g in state.homonyms[key]}
    for (label, key), group in groups.items():
        if len(group) == 1 and group[0].id == key:
            nodes.append(group[0])
            continue
        merged.add((label, key))
        nodes.append(_merge_nodes(label, key, group, state.names[kinds[label]].get(key)))

    relationships: dict[tuple[str, tuple[str, str], tuple[str, str]], Relationship] = {}
    has_coauthor = False
    for rel in graph.relationships:
        if rel.type == "COAUTHOR":
            has_coauthor = True
        start = (rel.start[0], target(*rel.start))
        end = (rel.end[0], target(*rel.end))
        moved = start != rel.start or end != rel.end
        if rel.type == "COAUTHOR" and (start in merged or end in merged):
            continue  # recomputed below
        ident = (rel.type, start, end)
        if ident not in relationships:
            relationships[ident] = rel if not moved else Relationship(rel.type, start, end, dict(rel.properties))
        elif rel.type == "AUTHORED":
            kept = relationships[ident]
            position = (
                min(p for p in (kept.properties.get("position"), rel.properties.get("position")) if p is not None)
                if rel.properties.get("position") is not None or kept.properties.get("position") is not None
                else None
            )
            props = {**rel.properties, **kept.properties}
            if position is not None:
                props["position"] = position
            relationships[ident] = Relationship(kept.type, kept.start, kept.end, props)
        elif not moved:  # the canonical node's own relationship wins over a remapped one
            relationships[ident] = rel
    result = list(relationships.values())
    if has_coauthor:
        result += _coauthor_relationships(result, {key for label, key in merged if label == "Author"})
    return Graph(nodes, result)


#: property of an AUTHORED link that a homonym split moved: why the paper went to that person
ASSIGNED = "assigned_by"


def person_id(key: str, number: int) -> str:
    """The stable id of the ``number``-th person (1 = the most papers at the decision) of a split name.

    >>> person_id("yang liu", 2)
    'yang liu#2'
    """
    return f"{key}#{number}"


def best_person(groups: list[dict], coauthors: set[str], terms: set[str]) -> tuple[int, str]:
    """Which person of a split name a paper the decision did not list belongs to, and why: the most
    shared co-authors, then the most shared topic terms, else the largest person.

    >>> groups = [{"id": "a#1", "coauthors": ["x"], "terms": ["parsing"]},
    ...           {"id": "a#2", "coauthors": ["y"], "terms": ["speech"]}]
    >>> best_person(groups, {"y", "z"}, set())
    (1, 'shares co-author y with a#2')
    >>> best_person(groups, set(), {"speech"})
    (1, 'shares topic speech with a#2')
    >>> best_person(groups, set(), set())
    (0, 'no shared co-author or topic: the person with the most papers')
    """
    def shared(i: int, field: str, mine: set[str]) -> list[str]:
        return sorted(mine & set(groups[i].get(field, ())))

    for field, what in (("coauthors", "co-author"), ("terms", "topic")):
        mine = coauthors if field == "coauthors" else terms
        counts = [len(shared(i, field, mine)) for i in range(len(groups))]
        best = max(range(len(groups)), key=lambda i: (counts[i], -i))
        if counts[best]:
            return best, f"shares {what} {', '.join(shared(best, field, mine)[:3])} with {groups[best]['id']}"
    return 0, "no shared co-author or topic: the person with the most papers"


def split_homonyms(graph: Graph, homonyms: dict[str, list[dict]]) -> tuple[Graph, set[str]]:
    """Author nodes a homonym decision split, as one node per person (``key#1``, ``key#2``...).

    Each AUTHORED link of a split name goes to the person whose group lists the paper
    (``assigned_by: "decision"``) or, for a paper the decision did not see, to :func:`best_person`
    (the reason kept in ``assigned_by``). Other relationships of the name (affiliations) stay with
    every person. Returns the graph and the split keys present in it.
    """
    present = {n.id for n in graph.nodes if n.label == "Author" and n.id in homonyms}
    if not present:
        return graph, set()
    from graphkit.identity.homonyms import paper_terms

    paper_of = {key: {p: i for i, g in enumerate(homonyms[key]) for p in g["papers"]} for key in present}
    bylines: dict[str, set[str]] = {}
    papers: dict[str, dict] = {}
    for rel in graph.relationships:
        if rel.type == "AUTHORED":
            bylines.setdefault(rel.end[1], set()).add(rel.start[1])
    for node in graph.nodes:
        if node.label == "Paper":
            papers[node.id] = node.properties
    nodes = []
    for node in graph.nodes:
        if node.label == "Author" and node.id in present:
            for number, group in enumerate(homonyms[node.id], 1):
                nodes.append(Node("Author", group["id"], {**node.properties, "person": number, "split_from": node.id}))
        else:
            nodes.append(node)
    relationships = []
    for rel in graph.relationships:
        key = rel.start[1] if rel.start[0] == "Author" else None
        if key not in present:
            if not (rel.type == "COAUTHOR" and rel.end[1] in present):
                relationships.append(rel)
            continue
        groups = homonyms[key]
        if rel.type == "AUTHORED":
            paper = rel.end[1]
            if paper in paper_of[key]:
                index, reason = paper_of[key][paper], "decision"
            else:
                props = papers.get(paper, {})
                index, reason = best_person(groups, bylines.get(paper, set()) - {key}, paper_terms(props))
            relationships.append(Relationship(rel.type, ("Author", groups[index]["id"]), rel.end,
                                              {**rel.properties, ASSIGNED: reason}))
        elif rel.type != "COAUTHOR":
            relationships += [
                Relationship(rel.type, ("Author", g["id"]), rel.end, dict(rel.properties)) for g in groups
            ]
    return Graph(nodes, relationships), present


def _merge_nodes(label: str, key: str, group: list[Node], recorded_name: str | None) -> Node:
    base = next((n for n in group if n.id == key), None)
    others = sorted((n for n in group if n is not base), key=lambda n: n.id)
    props = dict(base.properties) if base else {}
    for node in others:
        for prop, value in node.properties.items():
            props.setdefault(prop, value)
    if recorded_name:  # the name the decision kept, also when new data brings only other spellings
        props["name"] = recorded_name
    aliases = list(props.get("aliases", []))
    for node in ([base] if base else []) + others:
        for alias in [*node.properties.get("aliases", []), node.properties.get("name")]:
            if alias and alias != props.get("name") and alias not in aliases:
                aliases.append(alias)
    if aliases:
        props["aliases"] = aliases
    return Node(label, key, props)


def _coauthor_relationships(relationships: list[Relationship], authors: set[str]) -> list[Relationship]:
    """COAUTHOR {papers: joint papers} for every pair that includes one of ``authors``, as the stores
    derive it (:func:`graphkit.build.derive.coauthor_pairs`)."""
    authored = [(r.start[1], r.end[1]) for r in relationships if r.type == "AUTHORED" and is_byline(r.properties)]
    return [
        Relationship("COAUTHOR", ("Author", x), ("Author", y), {"papers": n})
        for x, y, n in sorted(coauthor_pairs(authored, touched=authors))
    ]


# --------------------------------------------------------------------------------------------------
# raw snapshots and the store hook


class _Accumulator:
    """Graphs written one after another, merged the way the stores merge a write (in place)."""

    def __init__(self, graph: Graph | None = None):
        self.nodes: dict[tuple[str, str], Node] = {}
        self.relationships: dict[tuple[str, tuple[str, str], tuple[str, str]], Relationship] = {}
        if graph is not None:
            self.add(graph)

    def add(self, graph: Graph) -> None:
        for node in graph.nodes:
            old = self.nodes.get((node.label, node.id))
            props = {k: v for k, v in node.properties.items() if v is not None}
            self.nodes[(node.label, node.id)] = Node(
                node.label, node.id, merge_properties(old.properties, props) if old else props
            )
        for rel in graph.relationships:
            if rel.type == "COAUTHOR":
                continue  # derived by the stores from AUTHORED
            ident = (rel.type, rel.start, rel.end)
            old = self.relationships.get(ident)
            props = {k: v for k, v in rel.properties.items() if v is not None}
            self.relationships[ident] = Relationship(
                rel.type, rel.start, rel.end, {**old.properties, **props} if old else props
            )

    def graph(self) -> Graph:
        return Graph(list(self.nodes.values()), list(self.relationships.values()))


def merge_graphs(base: Graph, new: Graph) -> Graph:
    """``new`` written over ``base`` the way a store writes it: node properties merged by
    :func:`graphkit.build.derive.merge_properties`, one relationship per type and node pair (properties
    updated). COAUTHOR is left out: the stores derive it from AUTHORED."""
    merged = _Accumulator(base)
    merged.add(new)
    return merged.graph()


class RawSnapshot:
    """The graph as built, before identities: ``<folder>/identity-raw-<store kind>.jsonl.gz``.

    Kept so that any set of decisions can be applied afresh: a merge, split or undo rewrites the store
    from it (undo gives back exactly the graph before the decision).
    """

    def __init__(self, folder: str | os.PathLike, store_kind: str):
        self.path = Path(folder) / RAW_NAME.format(kind=store_kind)

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> Graph:
        graph = Graph()
        if not self.path.exists():
            return graph
        try:
            with gzip.open(self.path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    item = json.loads(line)
                    if "node" in item:
                        label, key, props = item["node"]
                        graph.nodes.append(Node(label, key, props))
                    else:
                        kind, start, end, props = item["rel"]
                        graph.relationships.append(Relationship(kind, tuple(start), tuple(end), props))
        except (OSError, EOFError, ValueError) as err:
            raise IdentityError(
                f"{self.path}: damaged raw snapshot ({err}); rebuild with graphkit build --reset"
            ) from None
        return graph

    def save(self, graph: Graph) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        try:
            with gzip.open(partial, "wt", encoding="utf-8", errors="surrogatepass") as out:
                for node in graph.nodes:
                    out.write(json.dumps({"node": [node.label, node.id, node.properties]}, ensure_ascii=False) + "\n")
                for rel in graph.relationships:
                    out.write(
                        json.dumps({"rel": [rel.type, rel.start, rel.end, rel.properties]}, ensure_ascii=False) + "\n"
                    )
            partial.replace(self.path)
        except BaseException:  # disk full, interrupted: the old snapshot stays, no partial file is left
            partial.unlink(missing_ok=True)
            raise


    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def graph_from_networkx(nxgraph: nx.MultiDiGraph) -> Graph:
    """A store's ``read_graph()`` back as a :class:`Graph` (node key ``Label:id``, edge ``type``)."""
    graph = Graph()
    for _, data in nxgraph.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in ("label", "id")}
        graph.nodes.append(Node(data["label"], data["id"], props))
    for u, v, data in nxgraph.edges(data=True):
        start, end = nxgraph.nodes[u], nxgraph.nodes[v]
        props = {k: val for k, val in data.items() if k != "type"}
        graph.relationships.append(
            Relationship(data["type"], (start["label"], start["id"]), (end["label"], end["id"]), props)
        )
    return graph


def identity_folder_for(store, store_dir: str | os.PathLike | None = None) -> Path:
    """The identity folder of ``store``, derived from the store itself, never from the working folder:
    the embedded store's own folder; for a server, a folder named after its address and database under
    ``$GRAPHKIT_IDENTITY_HOME`` (default ``$XDG_DATA_HOME/graphkit/identity``, i.e.
    ``~/.local/share/graphkit/identity``)."""
    directory = getattr(store, "directory", None)
    if directory:
        return Path(directory)
    uri = getattr(store, "uri", None)
    if uri:
        return server_identity_folder(uri, getattr(store, "database", None))
    return identity_folder(store_dir)


def server_identity_folder(uri: str, database: str | None) -> Path:
    """The identity folder of a server database: one per address and database name.

    >>> server_identity_folder("bolt://db.example:7687", None).name
    'bolt-db.example-7687-neo4j'
    """
    home = os.environ.get("GRAPHKIT_IDENTITY_HOME")
    if not home:
        data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        home = Path(data) / "graphkit" / "identity"
    slug = re.sub(r"[^A-Za-z0-9._]+", "-", f"{uri.split('@')[-1]}-{database or 'neo4j'}").strip("-")
    return Path(home) / slug


class IdentitySession:
    """One identity command against a store: the raw graph and the decisions, read under the store's
    lock (``store.bulk()``), so a build writing the same store waits and nothing it wrote is lost.

    >>> # with IdentitySession(store) as session: session.merge_pair("author", "Wei-Shi Zheng", "W. Zheng")
    """

    def __init__(self, store, store_dir: str | os.PathLike | None = None):
        self.store = store
        self.folder = identity_folder_for(store, store_dir)
        self.log = log_for(store, self.folder)

    def __enter__(self) -> IdentitySession:
        self._hold = self.store.bulk()
        self._hold.__enter__()
        try:
            self.state = self.log.state()  # a damaged log stops here, before anything is read or written
            self.raw = current_graph(self.store, self.folder)
            self.graph = apply_identities(self.raw, self.state)
        except BaseException as err:
            self._hold.__exit__(type(err), err, err.__traceback__)
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._hold.__exit__(*exc)

    def candidates(self, scope: str, kind: str | None = None, min_score: float = 0.0) -> list[Candidate]:
        if scope == "author":
            return author_candidates(self.graph, self.state, min_score)
        return [c for c in entity_candidates(self.graph, self.state, min_score) if kind is None or c.kind == kind]

    def homonyms(self, name: str | None = None, min_confidence: float = 0.0):
        """Split proposals (:class:`graphkit.identity.homonyms.SplitProposal`), most confident first."""
        from graphkit.identity.homonyms import split_proposals

        keys = None
        if name is not None:
            keys = [resolve_key(self.graph, "author", name, self.state)[1]]
        return [p for p in split_proposals(self.graph, keys) if p.confidence >= min_confidence]

    def commit(self, record_decision) -> dict:
        """Log a decision and rewrite the store; if the store cannot be rewritten, the log line goes."""
        record = record_decision()
        try:
            rewrite_store(self.store, self.folder, self.raw, self.log)
        except BaseException:
            self.log.drop_last()
            raise
        return record

    def merge_auto(self, scope: str, kind: str | None, min_score: float) -> list[Candidate]:
        chosen = auto_merges(self.candidates(scope, kind, min_score), min_score)
        if not chosen:
            return []
        kinds = sorted({c.kind for c in chosen})
        if len(kinds) > 1:
            raise IdentityError(f"--auto merges one kind at a time; add --kind ({', '.join(kinds)})")
        self.commit(lambda: self.log.merge(chosen, by="auto"))
        return chosen

    def merge_pair(self, scope: str, kind: str | None, keep_name: str, drop_name: str) -> Candidate:
        search = "author" if scope == "author" else (kind or "entity")
        label_keep, keep = resolve_key(self.graph, search, keep_name)
        label_drop, drop = resolve_key(self.graph, search, drop_name)
        if label_keep != label_drop:
            raise IdentityError(f"{keep_name!r} is a {label_keep}, {drop_name!r} a {label_drop}: not the same kind")
        kind_of = {label: k for k, label in KIND_LABELS.items()}[label_keep]
        cand = pair_candidate(self.graph, kind_of, keep, drop, self.state)
        self.commit(lambda: self.log.merge([cand]))
        return cand

    def split(self, scope: str, kind: str | None, name: str) -> tuple[str, list[str]]:
        """Undo merges for ``name``; returns the kept key and the keys separated from it."""
        search = "author" if scope == "author" else (kind or "entity")
        label, key = resolve_key(self.graph, search, name, self.state)
        kind_of = {lab: k for k, lab in KIND_LABELS.items()}[label]
        top = self.state.canonical(kind_of, key)
        separated = sorted(self.state.members[kind_of].get(top, set())) if key == top else [key]
        self.commit(lambda: self.log.split(kind_of, key))
        return top, separated

    def split_homonym(self, name: str | None = None, min_confidence: float = 0.0, by: str = "user") -> list:
        """Record split proposals as decisions: for ``name`` (its proposal, whatever its confidence),
        or every proposal at ``min_confidence`` or more. One decision per name (undo reverses the last)."""
        from graphkit.identity.homonyms import decision_groups

        proposals = self.homonyms(name, 0.0 if name else min_confidence)
        if name is not None and not proposals:
            raise IdentityError(f"the papers of {name!r} form one person: nothing to split")
        for proposal in proposals:
            groups = decision_groups(proposal, person_id)
            self.log.split_homonym(proposal.key, proposal.name, groups, by=by)
        if proposals:
            try:
                rewrite_store(self.store, self.folder, self.raw, self.log)
            except BaseException:
                for _ in proposals:
                    self.log.drop_last()
                raise
        return proposals

    def undo(self, scope: str) -> dict:
        return self.commit(lambda: self.log.undo(scope))


class BuildIdentities:
    """The build hook that keeps identities across builds.

    ``graphkit build`` calls :meth:`start` once, passes every built batch through :meth:`apply`
    before ``store.write``, and calls :meth:`finish` before the store is released. While the log
    has no merge, the store holds the raw graph itself and nothing else is kept. With merges, the
    raw batches are added to the raw snapshot, the store gets them with the merges applied, and
    :meth:`finish` rewrites the store from the snapshot, so the store always holds exactly
    ``apply_identities(raw, log)`` (what makes a later undo give back the exact graph).
    """

    def __init__(self, store, store_dir: str | os.PathLike | None = None):
        self.folder = identity_folder_for(store, store_dir)
        self.snapshot = RawSnapshot(self.folder, store.kind)
        self.log = log_for(store, self.folder)
        self.state = self.log.state()  # a damaged log stops the build here, before anything is written
        self.active = not self.state.is_empty()
        self.raw = _Accumulator()

    def start(self, store, reset: bool = False) -> None:
        # read again under the store's writer lock: a decision taken since is applied, not lost
        self.state = self.log.state()
        self.active = not self.state.is_empty()
        if self.active and not reset and any(store.stats()["nodes"].values()):
            self.raw = _Accumulator(current_graph(store, self.folder))

    def apply(self, graph: Graph) -> Graph:
        if not self.active:
            return graph
        self.raw.add(graph)
        return apply_identities(graph, self.state)

    def finish(self, store) -> None:
        if not self.active:
            self.snapshot.clear()  # no merge: the store itself is the raw graph
            return
        raw = self.raw.graph()
        self.snapshot.save(raw)
        rewrite_store(store, self.folder, raw, self.log)


def current_graph(store, folder: str | os.PathLike) -> Graph:
    """The raw graph for ``store``: its snapshot, or, when there is none, what the store holds.

    A snapshot is written whenever merges are applied to a store and removed by a build without
    merges, so a store without one holds the raw graph (e.g. built before the first decision). A
    snapshot whose papers are not the store's (``store.reset()`` since) is stale and replaced.
    """
    snapshot = RawSnapshot(folder, store.kind)
    if snapshot.exists():
        raw = snapshot.load()
        # identity decisions never add or remove papers: a snapshot with other papers than the store is
        # not this store's raw graph (it was emptied or filled since, not by a build): applying it would
        # bring back what is gone, so the store is read instead
        if sum(node.label == "Paper" for node in raw.nodes) == store.stats()["nodes"].get("Paper", 0):
            return raw
    graph = graph_from_networkx(store.read_graph())
    # COAUTHOR and the `papers` counts are derived by the stores: the raw graph holds what build makes
    graph.relationships = [r for r in graph.relationships if r.type != "COAUTHOR"]
    for node in graph.nodes:
        if node.label in PAPER_COUNT_LINKS:
            node.properties.pop(PAPERS, None)
    snapshot.save(graph)
    return graph


def log_for(store, folder: str | os.PathLike) -> MergeLog:
    """The identity log of ``store``: kept in the store itself when it can hold one (Neo4j), else the
    file ``identity-log.jsonl`` in ``folder`` (the embedded store's own folder)."""
    if hasattr(store, "identity_records"):
        return StoreMergeLog(store, folder)
    return MergeLog(folder)


def rewrite_store(store, folder: str | os.PathLike, raw: Graph | None = None, log: MergeLog | None = None) -> Graph:
    """Replace the store's content by the raw snapshot with the logged identities applied: on Neo4j
    in one transaction that also appends the new decisions to the log in the database
    (:meth:`graphkit.store.neo4j.Neo4jStore.replace_graph`), in the embedded store by one atomic save;
    either way a writer killed part-way leaves the old graph or the new one."""
    log = log_for(store, folder) if log is None else log
    raw = current_graph(store, folder) if raw is None else raw
    graph = apply_identities(raw, log.state())
    replace = getattr(store, "replace_graph", None)
    if replace is not None:  # a server: the difference in one transaction, read and written under its lock
        if isinstance(log, StoreMergeLog):
            replace(graph, decisions=log.to_store())
            log.stored()
        else:
            replace(graph)
        return graph
    with store.bulk(reset=True):  # the embedded store saves once, atomically
        store.write(graph)
    return graph


def resolve_key(graph: Graph, kind: str, text: str, state: IdentityState | None = None) -> tuple[str, str]:
    """``(label, key)`` of the node a user named (an author, or an entity of ``kind`` "entity" or a
    kind name), found by the one name resolver (:mod:`graphkit.names`: id, name or alias in any
    case and accents, acronym); with ``state``, a name merged away resolves to its own key first.
    Raises NotFound with "did you mean" and the closest names."""
    kinds = list(ENTITY_KIND_NAMES if kind == "entity" else (kind,))
    if state is not None:
        key = author_key(text) if kind == "author" else entity_key(text)
        merged_away = [k for k in kinds if key in state.root[k]]
        if len(merged_away) == 1:
            return KIND_LABELS[merged_away[0]], key
    try:
        found = resolve_among(graph, kinds, text, noun=kind)
    except NotFound:
        raise
    except GraphkitError as err:  # the name is a node of two kinds: say which with --kind
        raise IdentityError(str(err)) from None
    return found.label, found.id


def pair_candidate(graph: Graph, kind: str, keep: str, drop: str, state: IdentityState | None = None) -> Candidate:
    """The candidate for a merge a person asked for: the proposed one when there is one (with its
    evidence), otherwise a ``manual`` pair with whatever evidence the two nodes share."""
    if keep == drop:
        raise IdentityError(f"{keep!r} and {drop!r} are already one node")
    finder = author_candidates if kind == "author" else entity_candidates
    for cand in finder(graph, state):
        if cand.kind == kind and {cand.keep, cand.drop} == {keep, drop}:
            if cand.keep != keep:  # the person chose which node stays
                cand.keep, cand.drop, cand.keep_name, cand.drop_name = keep, drop, cand.drop_name, cand.keep_name
            return cand
    label = KIND_LABELS[kind]
    names = {n.id: n.properties.get("name") or n.id for n in graph.nodes if n.label == label}
    reasons: list[Reason] = []
    if kind == "author":
        infos = _author_infos(graph)
        if infos[keep].listed & infos[drop].listed:
            raise IdentityError(f"{names[keep]!r} and {names[drop]!r} sign the same paper: two people")
        reasons = _author_evidence(infos[keep], infos[drop], {k: i.name for k, i in infos.items()})
    return Candidate(kind, keep, drop, names[keep], names[drop], "manual", reasons, auto=False)
