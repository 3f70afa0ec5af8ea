"""Identity: one node per person (and per method, dataset, task, venue), merges explained and reversible.

:func:`graphkit.keys.author_key` already folds case, accents, hyphens, spacing and "Last, First" order,
so "Wei-Shi Zheng", "Weishi Zheng" and "Zheng, Wei-Shi" are one node before this module runs. What the
key cannot decide is proposed here as a :class:`Candidate` with its evidence:

- authors: initials against full names ("W. Zheng" / "Wei-Shi Zheng"), a middle name present or not
  ("Noah A. Smith" / "Noah Smith"), transliterated umlauts ("Jörg" / "Joerg"), and one-letter spelling
  differences of a full first name ("Yuhong" / "Yuhang", shown for review only, see below);
- entities: an alias of one equals the name or an alias of another (the long form in one abstract, the
  acronym in another), or an acronym spells the initials of a long form.

Evidence is combined as a noisy-OR of :class:`Reason` weights into a score in [0, 1]: shared co-authors,
shared affiliation, shared rare methods/datasets/tasks, the same profile page, a name no other node is
compatible with. Two spellings that sign the same paper are never proposed (they are two people).

Rules for first names (the decision asked for in the issue): two *full* first names are the same name
only when they are equal after folding, or equal after umlaut transliteration (ä=ae, ö=oe, ü=ue, ß=ss).
"Yuhong" and "Yuhang" are different names: such pairs are listed by ``review`` (flagged ``spelling``)
so a person can merge a real typo by hand, but they are never merged automatically, whatever the score.
An initial is compatible with every full name it starts, so an initial-only name is merged
automatically only when exactly one full name reaches the threshold (otherwise it stays ambiguous).

Decisions go to a :class:`MergeLog` (JSON Lines, ``identity-log.jsonl`` in the store folder, for both
stores). :func:`apply_identities` is a pure ``Graph -> Graph`` transformation that remaps node ids by
the log, so the networkx store and Neo4j get the same identities from the same log, every build
applies it (decisions survive rebuilds and new data), and undo is: drop the decision, rewrite the
store from the raw (pre-identity) snapshot kept beside the log (:class:`RawSnapshot`).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
from nameparser import HumanName
from rapidfuzz.distance import Levenshtein

from graphkit import schema
from graphkit.build.derive import PAPER_COUNT_LINKS, PAPERS, coauthor_pairs, is_byline, merge_properties
from graphkit.errors import GraphkitError, NotFound
from graphkit.keys import author_key, entity_key, fold
from graphkit.model import Graph, Node, Relationship
from graphkit.schema import ENTITY_KINDS

__all__ = [
    "KIND_LABELS",
    "ENTITY_KIND_NAMES",
    "AUTO_THRESHOLD",
    "LOG_NAME",
    "Reason",
    "Candidate",
    "IdentityState",
    "MergeLog",
    "RawSnapshot",
    "IdentityError",
    "identity_folder",
    "apply_identities",
    "author_candidates",
    "entity_candidates",
    "auto_merges",
    "resolve_key",
    "pair_candidate",
    "current_graph",
    "graph_from_networkx",
    "merge_graphs",
    "BuildIdentities",
    "identity_folder_for",
    "rewrite_store",
]

#: identity kind -> node label
KIND_LABELS = {kind: schema.KIND_LABELS[kind] for kind in ("author", *ENTITY_KINDS)}
#: the entity kinds (everything but authors)
ENTITY_KIND_NAMES = ENTITY_KINDS
#: score from which ``merge --auto`` records a candidate (when it is not ambiguous nor a spelling pair)
AUTO_THRESHOLD = 0.8
#: file name of the merge log inside the store folder
LOG_NAME = "identity-log.jsonl"
#: file name of the raw (pre-identity) graph snapshot, one per store kind
RAW_NAME = "identity-raw-{kind}.jsonl.gz"

#: evidence weights (noisy-OR): how likely each observation alone makes the two names one person
WEIGHTS = {
    "coauthor": 0.6,  # per shared co-author
    "profile": 0.9,  # the variant signs a paper on the other's profile page
    "affiliation": 0.5,  # per shared affiliation
    "entity": 0.15,  # per shared method/dataset/task used by few papers (at most 3 count)
    "unique": 0.3,  # the shorter name is compatible with this one name only
    "alias": 0.9,  # entity: an alias of one is the name or an alias of the other
    "acronym": 0.5,  # entity: one name is the initials of the other
    "cooccur": 0.2,  # entity: a shared author uses both (at most 2 count)
}
RARE_ENTITY_PAPERS = 20


class IdentityError(GraphkitError):
    """An identity decision cannot be carried out (unknown name, nothing to undo, bad log)."""


# --------------------------------------------------------------------------------------------------
# candidates


@dataclass
class Reason:
    """One piece of evidence for a merge: ``kind`` (a key of :data:`WEIGHTS`), what was seen, its weight."""

    kind: str
    detail: str
    weight: float


@dataclass
class Candidate:
    """Two nodes of one kind that may be the same: ``drop`` would be merged into ``keep``.

    ``relation`` says how the names relate (``initials``, ``middle``, ``spelling``, ``transliteration``,
    ``alias``, ``acronym``); ``auto`` is False when the pair may only be merged by hand.
    """

    kind: str
    keep: str
    drop: str
    keep_name: str
    drop_name: str
    relation: str
    reasons: list[Reason] = field(default_factory=list)
    auto: bool = True
    note: str = ""

    @property
    def score(self) -> float:
        return noisy_or(r.weight for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = round(self.score, 3)
        return data


def noisy_or(weights: Iterable[float]) -> float:
    """Combine independent evidence: ``1 - prod(1 - w)``.

    >>> round(noisy_or([0.6, 0.6]), 2)
    0.84
    >>> noisy_or([])
    0.0
    """
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - weight
    return 1.0 - miss


_PIECE_SPLIT = re.compile(r"[\s\-.‐]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})

#: one given name as its folded pieces: "Wei-Shi" -> ("wei", "shi"), "W." -> ("w",), "T.-H." -> ("t", "h")
Unit = tuple[str, ...]


@functools.lru_cache(maxsize=200_000)
def _given_units(name: str) -> tuple[Unit, ...]:
    human = HumanName(name.strip())
    units = []
    for part in [human.first, *human.middle.split()]:
        pieces = tuple(p for p in _PIECE_SPLIT.split(fold(part)) if p)
        if pieces:
            units.append(pieces)
    return tuple(units)


def given_units(name: str) -> list[Unit]:
    """The given names (first, then each middle name) of a spelling, each split into its pieces.

    A hyphenated or glued first name stays one unit ("Wei-Shi", "Tianhua"): only names written apart
    are separate units, so "Tian Zhou" and "Tianhua Zhou" have different first names.

    >>> given_units("Wei-Shi Zheng")
    [('wei', 'shi')]
    >>> given_units("Zheng, W. S.")
    [('w',), ('s',)]
    >>> given_units("Patrick G.T. Healey")
    [('patrick',), ('g', 't')]
    """
    return list(_given_units(name))


def _is_initials(unit: Unit) -> bool:
    return all(len(p) == 1 for p in unit)


def _unit_relation(a: Unit, b: Unit) -> str | None:
    """``same``, ``initials`` (an initial against a name it starts) or None (different names)."""
    if "".join(a) == "".join(b):
        return "same"
    if _is_initials(a) and _is_initials(b):
        shorter, longer = sorted(("".join(a), "".join(b)), key=len)
        return "initials" if longer.startswith(shorter) else None
    if _is_initials(a) or _is_initials(b):
        initials, full = (a, b) if _is_initials(a) else (b, a)
        spelled = "".join(p[0] for p in full)
        if spelled.startswith("".join(initials)) or (len(full) == 1 and _glued_initials(initials, full[0])):
            return "initials"
    return None  # two different full names


def _glued_initials(initials: Unit, name: str) -> bool:
    """Initials against a glued name ("R.X." / "Runxin"): the first is its first letter, the others
    appear later in order ("Y.K." fits "Yukun", not "Yifei").

    >>> _glued_initials(("r", "x"), "runxin"), _glued_initials(("y", "k"), "yifei")
    (True, False)
    """
    if initials[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(letter in rest for letter in initials[1:])


def name_relation(a: list[Unit], b: list[Unit]) -> str | None:
    """How two spellings' given names relate (same last name assumed), or None when they cannot be
    one person: ``initials``, ``middle`` (one has a middle name the other lacks) or ``same``.

    >>> name_relation(given_units("W. Zheng"), given_units("Wei-Shi Zheng"))
    'initials'
    >>> name_relation(given_units("Noah Smith"), given_units("Noah A. Smith"))
    'middle'
    >>> name_relation(given_units("Yuhong Li"), given_units("Yuhang Li")) is None
    True
    >>> name_relation(given_units("Tian Zhou"), given_units("Tianhua Zhou")) is None
    True
    """
    if not a or not b:
        return None
    relations = [_unit_relation(x, y) for x, y in zip(a, b)]
    if None in relations:
        return None
    if "initials" in relations:
        return "initials"
    return "middle" if len(a) != len(b) else "same"


def spelling_pair(a: list[Unit], b: list[Unit]) -> bool:
    """Full first names one letter apart (>= 5 letters), other given names compatible: a possible typo.

    >>> spelling_pair(given_units("Yuhong Li"), given_units("Yuhang Li"))
    True
    >>> spelling_pair(given_units("Wei Li"), given_units("Wen Li"))
    False
    """
    if not a or not b or _is_initials(a[0]) or _is_initials(b[0]):
        return False
    first_a, first_b = "".join(a[0]), "".join(b[0])
    if min(len(first_a), len(first_b)) < 5 or Levenshtein.distance(first_a, first_b, score_cutoff=1) > 1:
        return False
    return all(_unit_relation(x, y) for x, y in zip(a[1:], b[1:]))


def transliterated_key(name: str) -> str:
    """:func:`author_key` with umlauts written out, so "Jörg" and "Joerg" meet.

    >>> transliterated_key("Jörg Müller") == transliterated_key("Joerg Mueller")
    True
    """
    return author_key(name.translate(_UMLAUTS))


@dataclass
class _AuthorInfo:
    key: str
    name: str
    names: set[str]
    papers: set[str] = field(default_factory=set)
    coauthors: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    entities: set[tuple[str, str]] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)  # papers whose author list has this spelling
    owned: set[str] = field(default_factory=set)  # papers of this author's profile page, listed otherwise

    @property
    def last(self) -> str:
        return self.key.rsplit(" ", 1)[-1]

    @functools.cached_property
    def spellings(self) -> list[list[Unit]]:
        """Given units of every spelling, most detailed first (parsed only for names in a block)."""
        return _spellings(self.names)

    @property
    def units(self) -> list[Unit]:
        return self.spellings[0] if self.spellings else []

    @property
    def detail(self) -> tuple[int, int, int]:
        """How specific the name is: full given names, letters, papers (more = better canonical)."""
        units = self.units
        return (sum(not _is_initials(u) for u in units), sum(len("".join(u)) for u in units), len(self.papers))


def _spellings(names: Iterable[str]) -> list[list[Unit]]:
    found = {tuple(given_units(n)) for n in names}
    ordered = sorted(found, key=lambda units: (-len(units), -sum(len("".join(u)) for u in units), units))
    return [list(units) for units in ordered if units]


def _relation(a: _AuthorInfo, b: _AuthorInfo) -> str | None:
    """The relation of two authors' names: every spelling of one must fit every spelling of the other."""
    relations = {name_relation(x, y) for x in a.spellings for y in b.spellings}
    if None in relations or not relations:
        if a.spellings and b.spellings and spelling_pair(a.units, b.units):
            return "spelling"
        return None
    for relation in ("initials", "middle"):
        if relation in relations:
            return relation
    return None  # the same given names under two keys: nothing the name can add


def _author_infos(graph: Graph) -> dict[str, _AuthorInfo]:
    """Per author: papers (listed or as page owner), co-authors, affiliations, rare entities."""
    infos: dict[str, _AuthorInfo] = {}
    for node in graph.nodes:
        if node.label == "Author":
            name = node.properties.get("name") or node.id
            names = {name, *node.properties.get("aliases", [])}
            infos[node.id] = _AuthorInfo(node.id, name, names)
    paper_authors: dict[str, set[str]] = defaultdict(set)
    paper_entities: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for rel in graph.relationships:
        if rel.type == "AUTHORED" and rel.start[1] in infos:
            info = infos[rel.start[1]]
            paper_authors[rel.end[1]].add(info.key)
            info.papers.add(rel.end[1])
            # build links a profile page's owner to each of its papers without a position when the
            # listing spells the owner another way
            (info.listed if rel.properties.get("position") is not None else info.owned).add(rel.end[1])
        elif rel.type == "AFFILIATED_WITH" and rel.start[1] in infos:
            infos[rel.start[1]].affiliations.add(rel.end[1])
        elif rel.start[0] == "Paper" and rel.end[0] in ("Method", "Dataset", "Task"):
            paper_entities[rel.start[1]].add(rel.end)
    entity_papers = Counter(e for ents in paper_entities.values() for e in ents)
    for paper, authors in paper_authors.items():
        rare = {e for e in paper_entities.get(paper, ()) if entity_papers[e] <= RARE_ENTITY_PAPERS}
        for key in authors:
            infos[key].coauthors |= authors - {key}
            infos[key].entities |= rare
    return infos


def _author_evidence(a: _AuthorInfo, b: _AuthorInfo, names: dict[str, str]) -> list[Reason]:
    reasons = [
        Reason("coauthor", f"both wrote with {names[c]}", WEIGHTS["coauthor"])
        for c in sorted((a.coauthors & b.coauthors) - {a.key, b.key})
    ]
    reasons += [
        Reason("affiliation", f"both affiliated with {x}", WEIGHTS["affiliation"])
        for x in sorted(a.affiliations & b.affiliations)
    ]
    reasons += [
        Reason("entity", f"both work on {label} {eid!r}", WEIGHTS["entity"])
        for label, eid in sorted(a.entities & b.entities)[:3]
    ]
    for owner, other in ((a, b), (b, a)):
        on_page = sorted(owner.owned & other.listed)
        if on_page:
            detail = f"{other.name!r} is listed on {len(on_page)} paper(s) of {owner.name!r}'s profile page"
            reasons.append(Reason("profile", detail, WEIGHTS["profile"]))
    return reasons


def _author_pairs(infos: dict[str, _AuthorInfo]) -> dict[tuple[str, str], str]:
    """Name-compatible pairs ``(key, key) -> relation``: same last name and first initial, or same
    name after umlaut transliteration."""
    pairs: dict[tuple[str, str], str] = {}
    blocks: dict[tuple[str, str], list[_AuthorInfo]] = defaultdict(list)
    for info in infos.values():
        if " " in info.key:  # the key is "<given names squashed> <last name>"
            blocks[(info.last, info.key[0])].append(info)
    for block in blocks.values():
        if len(block) < 2:
            continue
        for x, y in combinations(sorted(block, key=lambda i: i.key), 2):
            relation = _relation(x, y)
            if relation:
                pairs[(x.key, y.key)] = relation
    for info in infos.values():
        for name in info.names:
            if name.translate(_UMLAUTS) != name:
                other = transliterated_key(name)
                if other != info.key and other in infos:
                    pairs.setdefault(tuple(sorted((info.key, other))), "transliteration")
    return pairs


def author_candidates(
    graph: Graph, state: IdentityState | None = None, min_score: float = 0.0
) -> list[Candidate]:
    """Author nodes that may be one person, best first, with their evidence.

    ``graph`` is the graph as stored (identities already applied); pairs a split kept apart are left
    out. ``auto`` is False for spelling pairs and for a name compatible with several candidates that
    reach :data:`AUTO_THRESHOLD` (e.g. "Y. Li" next to "Yuhong Li" and "Yang Li").
    """
    infos = _author_infos(graph)
    names = {key: info.name for key, info in infos.items()}
    apart = state.apart.get("author", set()) if state else set()
    partners: Counter[str] = Counter()
    found: list[Candidate] = []
    pairs = _author_pairs(infos)
    for x, y in pairs:
        partners[x] += 1
        partners[y] += 1
    for (x, y), relation in pairs.items():
        a, b = infos[x], infos[y]
        if frozenset((x, y)) in apart or a.listed & b.listed:
            continue  # kept apart by a decision, or both sign one paper: two people
        keep, drop = (a, b) if a.detail >= b.detail else (b, a)
        reasons = _author_evidence(keep, drop, names)
        if partners[drop.key] == 1:
            reasons.append(Reason("unique", f"{drop.name!r} fits no other name", WEIGHTS["unique"]))
        found.append(
            Candidate(
                "author", keep.key, drop.key, keep.name, drop.name, relation, reasons, auto=relation != "spelling"
            )
        )
    return _finish(found, min_score)


def _finish(found: list[Candidate], min_score: float) -> list[Candidate]:
    """Mark ambiguous drops (several targets above the threshold), filter by score, sort best first."""
    targets: dict[str, set[str]] = defaultdict(set)  # drop -> every keep it reaches the threshold with
    for cand in found:
        if cand.score >= AUTO_THRESHOLD:
            targets[cand.drop].add(cand.keep)
    for cand in found:
        rivals = targets[cand.drop] - {cand.keep}
        if rivals and cand.score >= AUTO_THRESHOLD:
            cand.auto = False
            cand.note = "ambiguous: also fits " + ", ".join(sorted(rivals))
        elif cand.relation == "spelling":
            cand.note = "different first names: merge only by hand"
    kept = [c for c in found if c.score >= min_score]
    return sorted(kept, key=lambda c: (-c.score, c.kind, c.keep, c.drop))


_WORD = re.compile(r"[^\W\d_]+|\d+")


def acronym(name: str) -> str | None:
    """Initials of a multi-word name, folded (None for one word).

    >>> acronym("Graph Neural Networks")
    'gnn'
    >>> acronym("BERT") is None
    True
    """
    words = _WORD.findall(fold(name))
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def entity_candidates(
    graph: Graph, state: IdentityState | None = None, min_score: float = 0.0
) -> list[Candidate]:
    """Methods, datasets, tasks and venues that may be one thing under two names, best first.

    Two nodes of one label are proposed when an alias (or the name) of one has the key of the other's
    name or alias (``alias``), or when one name is the acronym of the other's (``acronym``). Evidence:
    the shared form itself, and authors who use both.
    """
    labels = {label: kind for kind, label in KIND_LABELS.items() if kind != "author"}
    nodes = {(n.label, n.id): n for n in graph.nodes if n.label in labels}
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (label, eid), node in nodes.items():
        for text in (node.properties.get("name") or eid, *node.properties.get("aliases", [])):
            if entity_key(text):
                forms[(label, entity_key(text))].add(eid)
        forms[(label, eid)].add(eid)
    paper_authors: dict[str, set[str]] = defaultdict(set)
    users: dict[tuple[str, str], set[str]] = defaultdict(set)
    author_names = {n.id: n.properties.get("name") or n.id for n in graph.nodes if n.label == "Author"}
    for rel in graph.relationships:
        if rel.type == "AUTHORED":
            paper_authors[rel.end[1]].add(rel.start[1])
    for rel in graph.relationships:
        if rel.start[0] == "Paper" and rel.end in nodes:
            users[rel.end] |= paper_authors.get(rel.start[1], set())
    def long_form(label: str, eid: str) -> bool:
        return len(_WORD.findall(nodes[(label, eid)].properties.get("name") or eid)) >= 2

    pairs: dict[tuple[str, str, str], Reason] = {}
    for (label, form), eids in forms.items():
        for x, y in combinations(sorted(eids), 2):
            if " " not in form and long_form(label, x) and long_form(label, y):
                continue  # two different long forms sharing an acronym ("CNN") are two things
            pairs.setdefault((label, x, y), Reason("alias", f"both are called {form!r}", WEIGHTS["alias"]))
    for (label, eid), node in nodes.items():
        short = acronym(node.properties.get("name") or eid)
        for other in forms.get((label, short), ()) if short else ():
            if other != eid and not long_form(label, other):
                x, y = sorted((eid, other))
                detail = f"{short.upper()!r} spells the initials of {node.properties.get('name') or eid!r}"
                pairs.setdefault((label, x, y), Reason("acronym", detail, WEIGHTS["acronym"]))
    apart = state.apart if state else {}
    found = []
    for (label, x, y), reason in pairs.items():
        kind = labels[label]
        if frozenset((x, y)) in apart.get(kind, set()):
            continue
        a, b = nodes[(label, x)], nodes[(label, y)]
        reasons = [reason] + [
            Reason("cooccur", f"{author_names.get(author, author)} uses both", WEIGHTS["cooccur"])
            for author in sorted(users[(label, x)] & users[(label, y)])[:2]
        ]
        # the long form is the better canonical name; then the more used one
        keep, drop = sorted(
            (a, b),
            key=lambda n: (-len(_WORD.findall(n.properties.get("name") or n.id)), -len(users[(label, n.id)]), n.id),
        )
        found.append(
            Candidate(
                kind, keep.id, drop.id, keep.properties.get("name") or keep.id, drop.properties.get("name") or drop.id,
                reason.kind, reasons,
            )
        )
    return _finish(found, min_score)


def auto_merges(candidates: Iterable[Candidate], threshold: float = AUTO_THRESHOLD) -> list[Candidate]:
    """The candidates ``merge --auto`` records: at or above ``threshold``, not flagged for hand review."""
    return [c for c in candidates if c.auto and c.score >= max(threshold, AUTO_THRESHOLD)]


# --------------------------------------------------------------------------------------------------
# the decision log


@dataclass
class IdentityState:
    """The identities a log's active decisions define.

    ``root[kind][key]`` is the canonical key of a merged-away key; ``members[kind][root]`` the keys
    merged into ``root``; ``names[kind][root]`` its display name; ``apart[kind]`` pairs kept separate.
    """

    root: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    members: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    apart: dict[str, set[frozenset[str]]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_decisions(cls, decisions: Iterable[dict[str, Any]]) -> IdentityState:
        state = cls()
        for decision in decisions:
            if decision["action"] == "merge":
                for pair in decision["pairs"]:
                    state._merge(decision["kind"], pair["keep"], pair["drop"], pair.get("keep_name"))
            elif decision["action"] == "split":
                state._split(decision["kind"], decision["key"])
        return state

    def canonical(self, kind: str, key: str) -> str:
        return self.root[kind].get(key, key)

    def is_empty(self) -> bool:
        return not any(self.root.values())

    def _merge(self, kind: str, keep: str, drop: str, keep_name: str | None) -> None:
        target, source = self.canonical(kind, keep), self.canonical(kind, drop)
        self.apart[kind].discard(frozenset((keep, drop)))
        if target == source:
            return
        moved = self.members[kind].pop(source, set()) | {source}
        for key in moved:
            self.root[kind][key] = target
        self.members[kind].setdefault(target, set()).update(moved)
        if keep_name and target == keep:
            self.names[kind][target] = keep_name
        self.names[kind].pop(source, None)

    def _split(self, kind: str, key: str) -> None:
        top = self.canonical(kind, key)
        if key == top:  # the canonical node: every merged spelling becomes its own node again
            separated = self.members[kind].pop(top, set())
            self.names[kind].pop(top, None)
        else:  # one merged spelling leaves its cluster
            separated = {key}
            self.members[kind][top].discard(key)
            if not self.members[kind][top]:
                del self.members[kind][top]
        for member in separated:
            self.root[kind].pop(member, None)
            self.apart[kind].add(frozenset((top, member)))


def identity_folder(store_dir: str | os.PathLike | None = None) -> Path:
    """Where the merge log and raw snapshots live: the embedded store folder (``--store``,
    ``$GRAPHKIT_STORE`` or ``.graphkit``), also when the graph itself is in Neo4j."""
    return Path(store_dir or os.environ.get("GRAPHKIT_STORE") or ".graphkit")


def _scope(kind: str) -> str:
    return "author" if kind == "author" else "entity"


class MergeLog:
    """Every identity decision, one JSON object per line in ``<folder>/identity-log.jsonl``.

    Records: ``{"action": "merge", "kind", "pairs": [{"keep", "drop", "keep_name", "drop_name",
    "score", "reasons"}], "by": "user"|"auto"}``, ``{"action": "split", "kind", "key"}`` and
    ``{"action": "undo", "target": N}`` (N = the 0-based line of the decision it reverses). Nothing is
    ever rewritten: undo appends, so the log is the full history.
    """

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder) / LOG_NAME

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        records = []
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    try:
                        records.append(json.loads(line))
                    except json.JSONDecodeError as err:
                        raise IdentityError(f"{self.path}:{number}: not a JSON object ({err.msg})") from None
        return records

    def active(self) -> list[tuple[int, dict[str, Any]]]:
        """``(line index, decision)`` of every merge/split not reversed by an undo, in order."""
        records = self.records()
        undone = {r["target"] for r in records if r["action"] == "undo"}
        return [(i, r) for i, r in enumerate(records) if r["action"] != "undo" and i not in undone]

    def state(self) -> IdentityState:
        return IdentityState.from_decisions(r for _, r in self.active())

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = {**record, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        return record

    def drop_last(self) -> None:
        """Remove the last line (used only when the store could not be rewritten for it)."""
        lines = self.path.read_text(encoding="utf-8").splitlines(keepends=True)
        self.path.write_text("".join(lines[:-1]), encoding="utf-8")

    def merge(self, candidates: list[Candidate], by: str = "user") -> dict[str, Any]:
        if not candidates:
            raise IdentityError("nothing to merge")
        kinds = {c.kind for c in candidates}
        if len(kinds) != 1:
            raise IdentityError(f"one decision merges one kind, got {sorted(kinds)}")
        pairs = [
            {"keep": c.keep, "drop": c.drop, "keep_name": c.keep_name, "drop_name": c.drop_name,
             "relation": c.relation, "score": round(c.score, 3), "reasons": [asdict(r) for r in c.reasons]}
            for c in candidates
        ]
        return self.append({"action": "merge", "kind": kinds.pop(), "pairs": pairs, "by": by})

    def split(self, kind: str, key: str) -> dict[str, Any]:
        state = self.state()
        if key not in state.root[kind] and key not in state.members[kind]:
            raise IdentityError(f"{kind} {key!r} is not merged with anything; nothing to split")
        return self.append({"action": "split", "kind": kind, "key": key})

    def undo(self, scope: str) -> dict[str, Any]:
        """Reverse the last active decision of ``scope`` ("author" or "entity"); returns that decision."""
        for index, record in reversed(self.active()):
            if _scope(record["kind"]) == scope:
                self.append({"action": "undo", "target": index, "kind": record["kind"]})
                return record
        raise IdentityError(f"no {scope} decision to undo")


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
    kinds = {label: kind for kind, label in KIND_LABELS.items()}

    def target(label: str, key: str) -> str:
        kind = kinds.get(label)
        return state.root[kind].get(key, key) if kind else key

    groups: dict[tuple[str, str], list[Node]] = {}
    for node in graph.nodes:
        groups.setdefault((node.label, target(node.label, node.id)), []).append(node)
    nodes, merged = [], set()
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
        with gzip.open(partial, "wt", encoding="utf-8") as out:
            for node in graph.nodes:
                out.write(json.dumps({"node": [node.label, node.id, node.properties]}, ensure_ascii=False) + "\n")
            for rel in graph.relationships:
                out.write(
                    json.dumps({"rel": [rel.type, rel.start, rel.end, rel.properties]}, ensure_ascii=False) + "\n"
                )
        partial.replace(self.path)


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
    """The identity folder of ``store``: the embedded store's own folder, else :func:`identity_folder`."""
    return Path(getattr(store, "directory", None) or identity_folder(store_dir))


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
        self.state = MergeLog(self.folder).state()
        self.active = not self.state.is_empty()
        self.raw = _Accumulator()

    def start(self, store, reset: bool = False) -> None:
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
        rewrite_store(store, self.folder, raw)


def current_graph(store, folder: str | os.PathLike) -> Graph:
    """The raw graph for ``store``: its snapshot, or, when there is none, what the store holds.

    A snapshot is written whenever merges are applied to a store and removed by a build without
    merges, so a store without one holds the raw graph (e.g. built before the first decision).
    """
    snapshot = RawSnapshot(folder, store.kind)
    if snapshot.exists():
        return snapshot.load()
    graph = graph_from_networkx(store.read_graph())
    # COAUTHOR and the `papers` counts are derived by the stores: the raw graph holds what build makes
    graph.relationships = [r for r in graph.relationships if r.type != "COAUTHOR"]
    for node in graph.nodes:
        if node.label in PAPER_COUNT_LINKS:
            node.properties.pop(PAPERS, None)
    snapshot.save(graph)
    return graph


def rewrite_store(store, folder: str | os.PathLike, raw: Graph | None = None) -> Graph:
    """Replace the store's content by the raw snapshot with the logged identities applied."""
    raw = current_graph(store, folder) if raw is None else raw
    graph = apply_identities(raw, MergeLog(folder).state())
    with store.bulk(reset=True):  # the embedded store saves once, atomically
        store.write(graph)
    return graph


def resolve_key(graph: Graph, kind: str, text: str, state: IdentityState | None = None) -> tuple[str, str]:
    """``(label, key)`` of the node a user named (an author, or an entity of ``kind`` "entity" or a
    kind name); a name merged away resolves too. Raises NotFound listing close names."""
    from rapidfuzz import process

    labels = [KIND_LABELS[k] for k in (ENTITY_KIND_NAMES if kind == "entity" else (kind,))]
    key = author_key(text) if kind == "author" else entity_key(text)
    hits = [label for label in labels if any(n.label == label and n.id == key for n in graph.nodes)]
    if state is not None:
        hits += [KIND_LABELS[k] for k in (ENTITY_KIND_NAMES if kind == "entity" else (kind,))
                 if key in state.root[k] and KIND_LABELS[k] not in hits]
    if len(hits) == 1:
        return hits[0], key
    if len(hits) > 1:
        raise IdentityError(f"{text!r} is a {' and a '.join(h.lower() for h in hits)}; say which with --kind")
    names = {n.properties.get("name") or n.id: n.id for n in graph.nodes if n.label in labels}
    close = [m for m, _, _ in process.extract(text, list(names), limit=5, score_cutoff=70)]
    hint = f"; close: {', '.join(close)}" if close else ""
    raise NotFound(f"no {kind} named {text!r} (key {key!r}){hint}")


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
