"""Homonyms: one name, several people. An author node's papers clustered into persons from the evidence.

An Author node is a name key, so two people who write their name the same way share one node ("Yang Liu"
in the ACL Anthology is at least fifteen people). For a name, each paper is described by

- its co-authors (the strongest evidence: two papers sharing a co-author are linked outright),
- its words (title and abstract terms, plus the methods/datasets/tasks extraction found), TF-IDF weighted,
- its venue series ("EMNLP 2020" and "EMNLP 2021" are one series) and its year.

Papers sharing a co-author form groups (connected components); two groups join when pairs of their
co-authors wrote together elsewhere (two hops in the co-author graph) or when their words are alike
(TF-IDF cosine); groups too small to stand for a person (a lone paper) stay with the largest one. Only
a name that several people are expected to carry is split at all: the expected number of other people
who carry it comes from how often its given name and its last name occur among all authors (a "Yang
Liu" is expected to be many people, a "Sabine Schulte im Walde" one); a distinctive name stays one node
whatever its papers look like (one person's collaborations rarely all connect).

:func:`split_proposals` returns, per author node that splits, the groups with what holds each together
(shared co-authors, topics, venues, years) and a confidence; the figures that justify the defaults are
in ``docs/benchmarks.md`` (``python bench/homonyms.py``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_matrix

from graphkit._gc import without_cyclic_gc
from graphkit.model import Graph

__all__ = [
    "HomonymParams",
    "PaperIndex",
    "PersonGroup",
    "SplitProposal",
    "cluster_papers",
    "name_ambiguity",
    "split_proposals",
]

_TERM = re.compile(r"[a-z][a-z0-9\-]{2,}")
_VENUE_YEAR = re.compile(r"\b(19|20)\d\d\b|\d+")
_STOP = frozenset(
    """the and for with from that this these those are was were been being have has had not but its their
    our can may also such than then into over under between using used use based via both each which while
    where when what who how all any more most other some very well paper papers propose proposed present
    presents show shows shown approach approaches method methods model models results result task tasks
    new two one three first second work study studies different data set sets system systems language
    languages natural processing performance however through without within across large small further
    provide provides including include includes number number able make makes made given given several
    many much even only about against among upon per whether they them there here his her him she
    often still will would could should might must just like non pre""".split()
)


@dataclass(frozen=True)
class HomonymParams:
    """The tuned constants (see ``bench/homonyms.py``, tuned on its development half)."""

    link_others: float = 1.0  # a co-author links two papers only when fewer others are expected to carry their name
    two_hop: float = 0.5  # groups join when this many pairs of their co-authors (one from each) wrote together,
    hop_power: float = 0.5  # times (expected other people carrying the name) ** hop_power (see closeness)
    topic: float | None = None  # groups join when the TF-IDF cosine of their words reaches this (None: never)
    min_group: int = 2  # a smaller group (a lone paper) stays with the largest person
    min_ambiguity: float = 1.0  # a name expected to be carried by fewer other people is never split
    min_papers: int = 2


DEFAULT_PARAMS = HomonymParams()


@dataclass
class PersonGroup:
    """One person's papers within a name, with what holds them together."""

    papers: list[str]
    coauthors: list[tuple[str, int]] = field(default_factory=list)  # (co-author key, papers with them)
    terms: list[str] = field(default_factory=list)
    venues: list[tuple[str, int]] = field(default_factory=list)
    years: tuple[int, int] | None = None
    coauthor_keys: list[str] = field(default_factory=list)  # every co-author (assigns new papers)
    all_terms: list[str] = field(default_factory=list)  # the group's most distinctive terms


@dataclass
class SplitProposal:
    """An author node whose papers fall into ``groups`` (largest first), and how sure the split is.

    ``confidence`` in [0, 1] is ``(1 - separation) * e / (1 + e)``, ``e`` the number of other people
    expected to carry the name: 0 when the closest two groups almost joined or when nobody else is
    expected, near 1 for a name many people carry whose groups share nothing (no co-authors who wrote
    together). It ranks proposals; the benchmark supports no threshold for applying them unseen.
    """

    key: str
    name: str
    expected_people: float
    groups: list[PersonGroup]
    confidence: float
    separation: float  # closeness of the two closest groups (:func:`closeness`, below 1)

    def suffixes(self) -> list[str]:
        """Stable suffixes for the new nodes: ``#1`` the largest group, ``#2`` the next..."""
        return [f"#{i}" for i in range(1, len(self.groups) + 1)]


def venue_series(venue: str | None) -> str | None:
    """The series of a venue name: years and numbers dropped, case folded.

    >>> venue_series("EMNLP 2020"), venue_series("Findings of ACL 2021")
    ('emnlp', 'findings of acl')
    """
    if not venue:
        return None
    series = " ".join(_VENUE_YEAR.sub(" ", venue.lower()).split())
    return series or None


def paper_terms(properties: dict) -> set[str]:
    """The content words of a paper's title and abstract.

    >>> sorted(paper_terms({"title": "Neural Parsing", "abstract": "We parse with neural nets."}))
    ['nets', 'neural', 'parse', 'parsing']
    """
    return set(_words(properties))


def _words(properties: dict, abstract: bool = True) -> list[str]:
    text = f"{properties.get('title') or ''} {properties.get('abstract') or '' if abstract else ''}".lower()
    return [w for w in _TERM.findall(text) if w not in _STOP]


class PaperIndex:
    """The facts of every paper that homonym clustering reads, gathered from a graph once."""

    def __init__(self, graph: Graph):
        with without_cyclic_gc():  # the corpus graph is in memory: every full collection would walk it
            self._gather(graph)

    def _gather(self, graph: Graph) -> None:
        self.papers: dict[str, dict] = {}
        self.authors: dict[str, list[str]] = defaultdict(list)  # paper -> byline author keys
        self.author_papers: dict[str, list[str]] = defaultdict(list)
        self.names: dict[str, str] = {}
        self.venue: dict[str, str] = {}
        self.entities: dict[str, list[str]] = defaultdict(list)
        venue_names: dict[str, str] = {}
        for node in graph.nodes:
            if node.label == "Paper":
                self.papers[node.id] = node.properties
            elif node.label == "Author":
                self.names[node.id] = node.properties.get("name") or node.id
            elif node.label == "Venue":
                venue_names[node.id] = venue_series(node.properties.get("name") or node.id) or ""
        authors, author_papers = self.authors, self.author_papers
        for rel in graph.relationships:
            kind = rel.type
            if kind == "AUTHORED":
                if rel.properties.get("position") is not None:
                    authors[rel.end[1]].append(rel.start[1])
                    author_papers[rel.start[1]].append(rel.end[1])
            elif kind == "COAUTHOR":
                continue
            elif kind == "PUBLISHED_IN":
                venue = rel.end[1]
                self.venue[rel.start[1]] = venue_names[venue] if venue in venue_names else venue_series(venue) or ""
            elif rel.start[0] == "Paper" and rel.end[0] in ("Method", "Dataset", "Task"):
                self.entities[rel.start[1]].append(f"{rel.end[0].lower()}:{rel.end[1]}")
        self.ambiguity = name_ambiguity(self.names)
        self._terms: dict[str, list[str]] = {}
        self._df: Counter[str] | None = None
        self._coauthors: dict[str, frozenset[str]] = {}

    def coauthors(self, author: str) -> frozenset[str]:
        """Everyone ``author`` signed a paper with (one hop in the co-author graph; cached)."""
        found = self._coauthors.get(author)
        if found is None:
            found = frozenset(a for p in self.author_papers.get(author, ()) for a in self.authors.get(p, ())
                              if a != author)
            self._coauthors[author] = found
        return found

    def terms(self, paper: str) -> list[str]:
        """Content words of the title, and the extracted entities (abstracts would cost three quarters
        of the identity step's time for no gain on the benchmark's held-out half)."""
        found = self._terms.get(paper)
        if found is None:
            found = _words(self.papers.get(paper, {}), abstract=False) + self.entities.get(paper, [])
            self._terms[paper] = found
        return found

    def document_frequency(self, papers: Iterable[str]) -> Counter[str]:
        """How many of ``papers`` use each term (the IDF of the clustering)."""
        if self._df is None:
            self._df = Counter()
            for paper in papers:
                self._df.update(set(self.terms(paper)))
        return self._df

    def year(self, paper: str) -> int | None:
        year = self.papers.get(paper, {}).get("year")
        return year if isinstance(year, int) else None


def name_ambiguity(keys: Iterable[str]) -> dict[str, float]:
    """How many *other* people are expected to carry each author key (a key is "<given names squashed>
    <last name>").

    Given and last names are far from independent (a Chinese given name goes with Chinese last names),
    so the estimate is made within the population a given name lives in: the authors whose last name
    occurs with that given name. There, ``(given_count - 1) * (last_count - 1) / population``. A name
    whose given or last name is unique is expected to be one person (0 others).

    >>> e = name_ambiguity(["yang liu", "yang wang", "wei liu", "wei wang", "min liu", "noaha smith", "jo smith"])
    >>> round(e["yang liu"], 2), e["noaha smith"]
    (0.4, 0.0)
    """
    keys = list(keys)
    given, last = Counter(), Counter()
    lasts_of: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        g, _, last_name = key.rpartition(" ")
        given[g] += 1
        last[last_name] += 1
        lasts_of[g].add(last_name)
    population = {g: sum(last[name] for name in names) for g, names in lasts_of.items()}
    result = {}
    for key in keys:
        g, _, last_name = key.rpartition(" ")
        result[key] = (given[g] - 1) * (last[last_name] - 1) / population[g] if g else 0.0
    return result


def _union(n: int, pairs: Iterable[tuple[int, int]]) -> list[int]:
    """Connected-component label (a representative) of each of ``n`` items joined by ``pairs`` (union-find:
    most names have a handful of papers, where scipy's per-call overhead would dominate the step)."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    return [root(x) for x in range(n)]


def coauthor_groups(index: PaperIndex, key: str, papers: Sequence[str], params: HomonymParams = DEFAULT_PARAMS
                    ) -> list[list[str]]:
    """The papers of ``key`` linked by a shared co-author (one expected to be carried by fewer than
    ``params.link_others`` other people), as groups (connected components), largest first."""
    first: dict[str, int] = {}
    pairs = []
    for i, paper in enumerate(papers):
        for other in index.authors.get(paper, ()):
            if other != key and index.ambiguity.get(other, 0.0) < params.link_others:
                pairs.append((first.setdefault(other, i), i))
    groups: dict[int, list[str]] = defaultdict(list)
    for paper, label in zip(papers, _union(len(papers), pairs)):
        groups[label].append(paper)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def group_evidence(index: PaperIndex, key: str, groups: Sequence[Sequence[str]], params: HomonymParams = DEFAULT_PARAMS
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Between every two groups of ``key``'s papers: how many pairs of co-authors, one of each group,
    signed a paper together (necessarily without ``key``: two hops in the co-author graph) or are the
    same person (when the groups are not co-author components), and the
    TF-IDF cosine of their words. Two square matrices."""
    n = len(groups)
    people = [{a for p in group for a in index.authors.get(p, ())
               if a != key and index.ambiguity.get(a, 0.0) < params.link_others} for group in groups]
    hops = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            # pairs that wrote together, and people in both (when the groups are not co-author components)
            small, large = sorted((people[i], people[j]), key=len)
            hops[i, j] = hops[j, i] = len(small & large) + sum(len(index.coauthors(x) & large) for x in small)
    np.fill_diagonal(hops, 0.0)
    if params.topic is None:
        return hops, np.zeros((n, n))
    df = index.document_frequency(index.papers)
    total = len(index.papers)
    vocab: dict[str, int] = {}
    weights: dict[tuple[int, int], float] = defaultdict(float)
    for i, group in enumerate(groups):
        for paper in group:
            for term in index.terms(paper):
                weights[(i, vocab.setdefault(term, len(vocab)))] += math.log((total + 1) / (df.get(term, 0) + 1))
    if weights:
        (rows, cols), vals = zip(*weights), list(weights.values())
        matrix = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    else:
        matrix = csr_matrix((n, 1))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    unit = csr_matrix(matrix.multiply(1 / norms[:, None]))
    cosine = (unit @ unit.T).toarray()
    np.fill_diagonal(cosine, 0.0)
    return hops, cosine


def closeness(hops: np.ndarray, cosine: np.ndarray, params: HomonymParams = DEFAULT_PARAMS,
              expected: float = 0.0) -> np.ndarray:
    """How close two groups are relative to what joins them: 1 or more joins. Co-authors' collaborations
    join at ``params.two_hop`` pairs times ``max(1, expected) ** params.hop_power``, ``expected`` being
    how many other people are expected to carry the name: the more people share it, the likelier two
    of them work in one community, and the more evidence a join needs. Words join at a cosine of
    ``params.topic``.

    >>> one_pair_per_person = HomonymParams(two_hop=1, hop_power=1)
    >>> float(closeness(np.array([[0, 3]]), np.zeros((1, 2)), one_pair_per_person, expected=6.0)[0, 1])
    0.5
    """
    needed = params.two_hop * max(1.0, expected) ** params.hop_power
    near = hops / max(needed, 1e-9)
    return near if params.topic is None else np.maximum(near, cosine / max(params.topic, 1e-9))


def cluster_papers(
    index: PaperIndex, key: str, params: HomonymParams = DEFAULT_PARAMS
) -> tuple[list[list[str]], float]:
    """The papers of author ``key`` as persons (largest first), and the closeness of the closest two
    (:func:`closeness`, below 1; 0 when nothing splits).

    Papers sharing a co-author are one group; groups whose co-authors wrote together, or whose words
    are alike, join (connected components of those links). Groups smaller than ``params.min_group``
    stay with the largest person, and a name expected to be carried by fewer than
    ``params.min_ambiguity`` other people (:func:`name_ambiguity`) is not split at all.
    """
    papers = sorted(set(index.author_papers.get(key, ())))
    if len(papers) < max(params.min_papers, 2) or index.ambiguity.get(key, 0.0) < params.min_ambiguity:
        return [papers], 0.0
    groups = coauthor_groups(index, key, papers, params)
    if sum(len(g) >= params.min_group for g in groups) < 2:
        return [papers], 0.0
    near = closeness(*group_evidence(index, key, groups, params), params, index.ambiguity.get(key, 0.0))
    labels = _union(len(groups), zip(*np.nonzero(np.triu(near >= 1.0, 1))))
    persons: dict[int, list[int]] = defaultdict(list)
    for number, label in enumerate(labels):
        persons[label].append(number)
    members = sorted(persons.values(), key=lambda ms: -sum(len(groups[m]) for m in ms))
    kept = [ms for ms in members if sum(len(groups[m]) for m in ms) >= params.min_group]
    if len(kept) < 2:
        return [papers], 0.0
    kept[0] = kept[0] + [m for ms in members if sum(len(groups[m]) for m in ms) < params.min_group for m in ms]
    found = [sorted(p for m in ms for p in groups[m]) for ms in kept]
    closest = max(near[np.ix_(a, b)].max() for a, b in itertools.combinations(kept, 2))
    order = sorted(range(len(found)), key=lambda i: (-len(found[i]), found[i][0]))
    return [found[i] for i in order], float(closest)


def _describe(index: PaperIndex, key: str, papers: list[str], df: Counter[str], total: int) -> PersonGroup:
    coauthors = Counter(a for p in papers for a in set(index.authors.get(p, ())) if a != key)
    venues = Counter(index.venue[p] for p in papers if index.venue.get(p))
    uses = Counter(t for p in papers for t in set(index.terms(p)))  # papers of the group using each term
    weights = {t: n * math.log((total + 1) / (df.get(t, 0) + 1)) for t, n in uses.items()}
    best = sorted(weights, key=lambda t: (-weights[t], t))[:40]
    shared = [t for t in best if uses[t] >= min(2, len(papers))]
    years = [y for y in (index.year(p) for p in papers) if y]
    return PersonGroup(
        papers=papers,
        coauthors=[(index.names.get(a, a), n) for a, n in coauthors.most_common(5)],
        terms=[t.split(":", 1)[-1] for t in shared[:6]],
        venues=venues.most_common(3),
        years=(min(years), max(years)) if years else None,
        coauthor_keys=sorted(coauthors),
        all_terms=[t for t in shared[:20] if ":" not in t],
    )


def split_proposals(
    graph: Graph | PaperIndex,
    keys: Iterable[str] | None = None,
    params: HomonymParams = DEFAULT_PARAMS,
) -> list[SplitProposal]:
    """Author nodes whose papers fall into several persons, most confident first.

    ``keys`` limits the work to those author keys (all authors with ``params.min_papers`` papers
    otherwise).
    """
    with without_cyclic_gc():
        return _proposals(graph, keys, params)


def _proposals(graph: Graph | PaperIndex, keys: Iterable[str] | None, params: HomonymParams) -> list[SplitProposal]:
    index = graph if isinstance(graph, PaperIndex) else PaperIndex(graph)
    ambiguity = index.ambiguity
    chosen = [k for k in (index.author_papers if keys is None else keys)
              if len(set(index.author_papers.get(k, ()))) >= params.min_papers]
    total = len(index.papers)
    found = []
    for key in chosen:
        clusters, closest = cluster_papers(index, key, params)
        if len(clusters) < 2:
            continue
        df = index.document_frequency(index.papers)  # once, for the first proposal described
        groups = [_describe(index, key, c, df, total) for c in clusters]
        expected = ambiguity.get(key, 0.0)
        confidence = min(max(1.0 - closest, 0.0), 1.0) * expected / (1.0 + expected)
        found.append(SplitProposal(key, index.names.get(key, key), expected, groups, round(confidence, 3),
                                   round(closest, 3)))
    return sorted(found, key=lambda p: (-p.confidence, p.key))


def decision_groups(proposal: SplitProposal, person_id) -> list[dict]:
    """The groups of a proposal as a log records them: ``id`` (``person_id(key, n)``), ``papers``,
    ``coauthors`` (keys) and ``terms`` (what assigns a new paper at a later build)."""
    return [
        {"id": person_id(proposal.key, number), "papers": list(group.papers), "coauthors": list(group.coauthor_keys),
         "terms": list(group.all_terms)}
        for number, group in enumerate(proposal.groups, 1)
    ]
