"""Merge candidates: two nodes of one kind that may be one person (or one thing), with their evidence.

Evidence is combined as a noisy-OR of :class:`Reason` weights into a score in [0, 1]: shared co-authors,
shared affiliation, shared rare methods/datasets/tasks, the same profile page, a name no other node is
compatible with. Two spellings that sign the same paper are never proposed (they are two people).
"Yuhong" / "Yuhang" pairs are listed (flagged ``spelling``) so a person can merge a real typo by hand,
but never merged automatically, whatever the score. An initial-only name is merged automatically only
when exactly one full name reaches the threshold (otherwise it stays ambiguous).

For entities: an alias of one equals the name or an alias of another (the long form in one abstract,
the acronym in another), or an acronym spells the initials of a long form.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

from graphkit.identity.log import AUTO_THRESHOLD, KIND_LABELS, IdentityState
from graphkit.identity.names import (
    _TRANSLITERATIONS,
    Unit,
    _is_initials,
    given_units,
    name_relation,
    spelling_pair,
    transliterated_key,
)
from graphkit.keys import entity_key, fold
from graphkit.model import Graph

#: evidence weights (noisy-OR): how likely each observation alone makes the two names one person
WEIGHTS = {
    "external_id": 0.95,  # the source (OpenAlex, Scopus) gives both spellings the same author id
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
#: relations proposed for review but never merged automatically: different first names, the same
#: words in another order ("Yang Liu" and "Liu Yang" are more often two people than one), a word
#: more or less ("Naveen Kumar" / "Naveen Kumar Laskari")
MANUAL_RELATIONS = frozenset({"spelling", "order", "surname", "given"})
#: relations proposed only with evidence beyond the names (a shared co-author, affiliation, topic,
#: profile page or source id): without it they are mostly different people
NEEDS_EVIDENCE = frozenset({"glued", "order", "surname", "given"})
#: more keys than this sharing one spelling block are a common name, not variants of one person
MAX_NAME_BLOCK = 10

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
    ``compound``, ``glued``, ``order``, ``surname``, ``given``, ``alias``, ``acronym``); ``auto`` is False when
    the pair may only be merged by hand.
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
    external_ids: set[str] = field(default_factory=set)  # author ids the sources gave (OpenAlex, Scopus)

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
            infos[node.id].external_ids = {i for i in node.properties.get("external_ids") or () if i}
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
        Reason("external_id", f"the source gives both the author id {x}", WEIGHTS["external_id"])
        for x in sorted(a.external_ids & b.external_ids)[:1]
    ]
    reasons += [
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
    name after transliteration (umlauts, letters such as ø and ł)."""
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
            if name.translate(_TRANSLITERATIONS) != name:
                other = transliterated_key(name)
                if other != info.key and other in infos:
                    pairs.setdefault(tuple(sorted((info.key, other))), "transliteration")
    # the same words joined otherwise ("Ortiz Rojas" / "Ortiz-Rojas", "Minh Le" / "Minh-Le"), the
    # same letters cut into other words ("Liu Yuhan" / "Liuyu Han"), or the same words in another
    # order ("Kranti Chalamalasetti" / "Chalamalasetti Kranti")
    words_of = {info.key: [tuple(_WORD.findall(fold(name))) for name in info.names] for info in infos.values()}
    blocks_by = (("compound", tuple), ("glued", "".join), ("order", lambda words: tuple(sorted(words))))
    for relation, block_of in blocks_by:
        same: dict[Any, set[str]] = defaultdict(set)
        for key, spellings in words_of.items():
            for words in spellings:
                if len(words) >= 2:
                    same[block_of(words)].add(key)
        for keys in same.values():
            if 1 < len(keys) <= MAX_NAME_BLOCK:
                for pair in combinations(sorted(keys), 2):
                    pairs.setdefault(pair, relation)
    # one spelling the other with a word more at the end (a second surname: "Jordi Porta" /
    # "Jordi Porta Zamorano") or at the start (a first given name: "Hongsuck Seo" / "Paul Hongsuck Seo")
    # (words as written apart: "Ting-Wei Wu" has no given name "Wei")
    written = {info.key: [tuple(fold(name).split()) for name in info.names] for info in infos.values()}
    spelled: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key, spellings in written.items():
        for words in spellings:
            if len(words) >= 2:
                spelled[words].add(key)
    for key, spellings in written.items():
        for words in spellings:
            for size in range(2, len(words)):
                for relation, part in (("surname", words[:size]), ("given", words[-size:])):
                    others = spelled.get(part, set()) - {key}
                    if 0 < len(others) <= MAX_NAME_BLOCK:
                        for other in others:
                            pairs.setdefault(tuple(sorted((key, other))), relation)
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
        if relation in NEEDS_EVIDENCE and not reasons:
            continue  # "Hao Wang" / "Wang Hao" with nothing in common: two people far more often than one
        if partners[drop.key] == 1:
            reasons.append(Reason("unique", f"{drop.name!r} fits no other name", WEIGHTS["unique"]))
        found.append(
            Candidate(
                "author", keep.key, drop.key, keep.name, drop.name, relation, reasons,
                auto=relation not in MANUAL_RELATIONS,
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
        elif cand.relation in MANUAL_RELATIONS:
            cand.note = {
                "order": "the same names in another order: merge only by hand",
                "surname": "one name has a surname more: merge only by hand",
                "given": "one name has a given name more: merge only by hand",
            }[cand.relation]
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

