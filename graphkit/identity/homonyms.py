"""Homonyms: one name, several people. An author node's papers clustered into persons from the evidence.

An Author node is a name key, so two people who write their name the same way share one node ("Yang Liu"
in the ACL Anthology is at least fifteen people). For a name, each paper is described by

- its co-authors (the strongest evidence: two papers sharing a co-author are linked outright),
- its words (title and abstract terms, plus the methods/datasets/tasks extraction found), TF-IDF weighted,
- its venue series ("EMNLP 2020" and "EMNLP 2021" are one series) and its year.

Papers linked by co-authors form groups (connected components); groups are then joined by average-linkage
hierarchical clustering (:func:`scipy.cluster.hierarchy.linkage`) on a distance that mixes topic, venue
and year, cut at a height that depends on how common the name is: the expected number of people who
carry it, from how often its given name and its last name occur among all authors (a "Yang Liu" is
expected to be many people, a "Sabine Schulte im Walde" one). A distinctive name is therefore split only
on strong evidence, a common one as soon as its groups share nothing.

:func:`split_proposals` returns, per author node that splits, the groups with what holds each together
(shared co-authors, topics, venues, years) and a confidence; the figures that justify the defaults are
in ``docs/benchmarks.md`` (``python bench/homonyms.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

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
    """The tuned constants (see ``bench/homonyms.py``): distance weights, and the cut height
    ``cut = base + slope * -log10(expected people)``, clipped to ``[base, 1]``."""

    topic: float = 0.40  # weight of 1 - cosine(topic vectors)
    venue: float = 0.15  # weight of "no shared venue series"
    years: float = 0.45  # weight of the year gap (saturates at ``year_scale``)
    year_scale: float = 8.0
    base: float = 0.90
    slope: float = 0.05
    min_papers: int = 2
    link_others: float = 1.0  # a co-author links two papers only when fewer others carry their name


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

    ``confidence`` is how far the closest two groups are above the cut height, in [0, 1]: 0 at the cut,
    1 when they share nothing (no co-author, topic, venue or period).
    """

    key: str
    name: str
    expected_people: float
    groups: list[PersonGroup]
    confidence: float
    separation: float  # distance between the two closest groups

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


def _words(properties: dict) -> list[str]:
    text = f"{properties.get('title') or ''} {properties.get('abstract') or ''}".lower()
    return [w for w in _TERM.findall(text) if w not in _STOP]


class PaperIndex:
    """The facts of every paper that homonym clustering reads, gathered from a graph once."""

    def __init__(self, graph: Graph):
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
                venue_names[node.id] = node.properties.get("name") or node.id
        for rel in graph.relationships:
            if rel.type == "AUTHORED":
                if rel.properties.get("position") is not None:
                    self.authors[rel.end[1]].append(rel.start[1])
                    self.author_papers[rel.start[1]].append(rel.end[1])
            elif rel.type == "PUBLISHED_IN":
                self.venue[rel.start[1]] = venue_series(venue_names.get(rel.end[1], rel.end[1])) or ""
            elif rel.start[0] == "Paper" and rel.end[0] in ("Method", "Dataset", "Task"):
                self.entities[rel.start[1]].append(f"{rel.end[0].lower()}:{rel.end[1]}")
        self.ambiguity = name_ambiguity(self.names)
        self._terms: dict[str, list[str]] = {}
        self._df: Counter[str] | None = None

    def terms(self, paper: str) -> list[str]:
        """Content words of the title and abstract, and the extracted entities."""
        found = self._terms.get(paper)
        if found is None:
            found = _words(self.papers.get(paper, {})) + self.entities.get(paper, [])
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


def cut_height(expected_people: float, params: HomonymParams = DEFAULT_PARAMS) -> float:
    """Where the dendrogram of a name is cut: ``base - slope * log10(expected people)``, at most 1
    (distances are at most 1, so a cut of 1 never splits): higher, fewer splits, for a distinctive name.

    >>> cut_height(1.0) == DEFAULT_PARAMS.base, cut_height(10.0) < cut_height(1.0) < cut_height(0.1)
    (True, True)
    >>> cut_height(0.0)  # nobody else carries the name
    1.0
    """
    return min(1.0, max(params.base - params.slope * math.log10(max(expected_people, 1e-3)), 0.0))


def _distances(index: PaperIndex, papers: Sequence[str], df: Counter[str], total: int, params: HomonymParams):
    """Pairwise distances (square matrix) between the papers of one name, co-author links at 0."""
    n = len(papers)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, paper in enumerate(papers):
        counts = Counter(index.terms(paper))
        for term, tf in counts.items():
            j = vocab.setdefault(term, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append((1 + math.log(tf)) * math.log((total + 1) / (df.get(term, 0) + 1)))
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    norms[norms == 0] = 1.0
    unit = csr_matrix(matrix.multiply(1 / norms[:, None]))
    cosine = (unit @ unit.T).toarray()
    venues = [index.venue.get(p) or None for p in papers]
    same_venue = np.array([[a is not None and a == b for b in venues] for a in venues], dtype=float)
    years = np.array([index.year(p) or np.nan for p in papers], dtype=float)
    gap = np.abs(years[:, None] - years[None, :])
    gap = np.nan_to_num(np.minimum(gap / params.year_scale, 1.0), nan=0.5)
    dist = params.topic * (1 - cosine) + params.venue * (1 - same_venue) + params.years * gap
    np.fill_diagonal(dist, 0.0)
    return np.clip(dist, 0.0, 1.0)


def _coauthor_components(index: PaperIndex, key: str, papers: Sequence[str], params: HomonymParams) -> np.ndarray:
    """Component label per paper: papers sharing a co-author (other than ``key``) are one component."""
    coauthors: dict[str, int] = {}
    rows, cols = [], []
    for i, paper in enumerate(papers):
        for other in index.authors.get(paper, ()):
            if other != key and index.ambiguity.get(other, 0.0) < params.link_others:
                rows.append(i)
                cols.append(coauthors.setdefault(other, len(coauthors)))
    if not coauthors:
        return np.arange(len(papers))
    incidence = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(papers), len(coauthors)))
    _, labels = connected_components(incidence @ incidence.T, directed=False)
    return labels


def name_tree(
    index: PaperIndex, key: str, params: HomonymParams = DEFAULT_PARAMS
) -> tuple[list[str], np.ndarray | None]:
    """The papers of author ``key`` and their average-linkage dendrogram (None below ``min_papers``):
    papers sharing a co-author start at distance 0."""
    papers = sorted(set(index.author_papers.get(key, ())))
    if len(papers) < max(params.min_papers, 2):
        return papers, None
    dist = _distances(index, papers, index.document_frequency(index.papers), len(index.papers), params)
    components = _coauthor_components(index, key, papers, params)
    dist[components[:, None] == components[None, :]] = 0.0
    return papers, linkage(squareform(dist, checks=False), method="average")


def cut_tree(papers: list[str], tree: np.ndarray | None, cut: float) -> tuple[list[list[str]], float]:
    """Persons (largest first) from a dendrogram cut at ``cut``, and the lowest refused merge height."""
    if tree is None:
        return [papers], 0.0
    groups: dict[int, list[str]] = defaultdict(list)
    for paper, label in zip(papers, fcluster(tree, t=cut, criterion="distance")):
        groups[label].append(paper)
    refused = [h for h in tree[:, 2] if h > cut]
    return sorted(groups.values(), key=lambda g: (-len(g), g[0])), (min(refused) if refused else 0.0)


def cluster_papers(
    index: PaperIndex, key: str, params: HomonymParams = DEFAULT_PARAMS
) -> tuple[list[list[str]], float]:
    """The papers of author ``key`` as persons (largest first), and the separation of the closest two
    (the merge height that was refused; 0 when nothing splits)."""
    papers, tree = name_tree(index, key, params)
    return cut_tree(papers, tree, cut_height(index.ambiguity.get(key, 0.0), params))


def _describe(index: PaperIndex, key: str, papers: list[str], df: Counter[str], total: int) -> PersonGroup:
    coauthors = Counter(a for p in papers for a in set(index.authors.get(p, ())) if a != key)
    venues = Counter(index.venue[p] for p in papers if index.venue.get(p))
    weights: Counter[str] = Counter()
    for paper in papers:
        for term in set(index.terms(paper)):
            weights[term] += math.log((total + 1) / (df.get(term, 0) + 1))
    shared = [t for t, _ in weights.most_common(40) if sum(t in index.terms(p) for p in papers) >= min(2, len(papers))]
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
    index = graph if isinstance(graph, PaperIndex) else PaperIndex(graph)
    ambiguity = index.ambiguity
    chosen = [k for k in (index.author_papers if keys is None else keys)
              if len(set(index.author_papers.get(k, ()))) >= params.min_papers]
    df = index.document_frequency(index.papers)
    total = len(index.papers)
    found = []
    for key in chosen:
        clusters, separation = cluster_papers(index, key, params)
        if len(clusters) < 2:
            continue
        cut = cut_height(ambiguity.get(key, 1.0), params)
        confidence = (separation - cut) / (1 - cut) if cut < 1 else 0.0
        groups = [_describe(index, key, c, df, total) for c in clusters]
        found.append(SplitProposal(key, index.names.get(key, key), ambiguity.get(key, 1.0), groups,
                                   round(min(max(confidence, 0.0), 1.0), 3), round(separation, 3)))
    return sorted(found, key=lambda p: (-p.confidence, p.key))


def decision_groups(proposal: SplitProposal, person_id) -> list[dict]:
    """The groups of a proposal as a log records them: ``id`` (``person_id(key, n)``), ``papers``,
    ``coauthors`` (keys) and ``terms`` (what assigns a new paper at a later build)."""
    return [
        {"id": person_id(proposal.key, number), "papers": list(group.papers), "coauthors": list(group.coauthor_keys),
         "terms": list(group.all_terms)}
        for number, group in enumerate(proposal.groups, 1)
    ]
