"""Homonym splitting on the ACL corpus: B-cubed against the Anthology's curated persons, false splits, time.

Run: ``python bench/homonyms.py [--tune] [--timing]``. Data from ``$GRAPHKIT_CORPUS`` (the 62k-paper
corpus, default ``../shared/data/acl_anthology.jsonl.gz`` beside the repository) and
``$GRAPHKIT_HOMONYMS`` (default ``../shared/data/homonyms_acl_dev.jsonl``: for 30 names the Anthology
disambiguates, every occurrence with its curated person).

The 30 names are split deterministically into a development half and a held-out half (by the SHA-1
of the name); ``--tune`` searches the parameters on the development half only and prints the best;
the report gives B-cubed precision / recall / F1 (averaged over occurrences) on each half and on all,
against the baseline of one node per name. False splits: author nodes whose name has three or more
words and 15+ papers in the corpus (names the Anthology keeps as one person), the share that the
clustering splits. ``--timing`` measures the whole identity step (index + every author with two or
more papers) against parsing and building the graph of the corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import statistics
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from graphkit.build import to_graph
from graphkit.identity.homonyms import (
    DEFAULT_PARAMS,
    HomonymParams,
    PaperIndex,
    cluster_papers,
    split_proposals,
)
from graphkit.ingest import parse_paths
from graphkit.keys import author_key, paper_id

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPUS = os.environ.get("GRAPHKIT_CORPUS", str(DATA / "acl_anthology.jsonl.gz"))
GOLD = os.environ.get("GRAPHKIT_HOMONYMS", str(DATA / "homonyms_acl_dev.jsonl"))


def halves(names: list[str]) -> dict[str, str]:
    """``dev`` or ``held-out`` per name: names in the order of their SHA-1, alternately."""
    ordered = sorted(names, key=lambda n: hashlib.sha1(n.encode("utf-8")).hexdigest())
    return {name: "dev" if i % 2 == 0 else "held-out" for i, name in enumerate(ordered)}


def bcubed(items: list[tuple[str, str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of ``(predicted cluster, gold person)`` per occurrence."""
    if not items:
        return 0.0, 0.0, 0.0
    by_pred, by_gold, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for pred, gold in items:
        by_pred[pred] += 1
        by_gold[gold] += 1
        both[(pred, gold)] += 1
    p = statistics.fmean(both[(pr, g)] / by_pred[pr] for pr, g in items)
    r = statistics.fmean(both[(pr, g)] / by_gold[g] for pr, g in items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


class Bench:
    def __init__(self) -> None:
        started = time.perf_counter()
        papers = list(parse_paths([CORPUS]))
        self.graph = to_graph(papers)
        self.build_seconds = time.perf_counter() - started
        self.node_of = {p.external_id: paper_id(p.title, p.abstract) for p in papers}
        self.gold = [json.loads(line) for line in Path(GOLD).read_text(encoding="utf-8").splitlines() if line.strip()]
        started = time.perf_counter()
        self.index = PaperIndex(self.graph)
        self.ambiguity = self.index.ambiguity
        self.df = self.index.document_frequency(self.index.papers)
        self.index_seconds = time.perf_counter() - started
        self.total = len(self.index.papers)
        self.names = sorted({g["name"] for g in self.gold})
        self.half = halves(self.names)
        self.trees: dict = {}
        self.frequent = sorted(
            k for k, ps in self.index.author_papers.items()
            if len(set(ps)) >= 15 and len(self.index.names.get(k, k).split()) >= 3
            and k not in {author_key(n) for n in self.names}
        )

    def cluster(self, key: str, params: HomonymParams) -> list[list[str]]:
        """The persons ``cluster_papers`` (the clustering `authors homonyms` proposes) finds, cached."""
        if (key, params) not in self.trees:
            self.trees[(key, params)] = cluster_papers(self.index, key, params)[0]
        return self.trees[(key, params)]

    def clusters(self, name: str, params: HomonymParams) -> dict[str, int]:
        found = self.cluster(author_key(name), params)
        return {paper: i for i, group in enumerate(found) for paper in group}

    def score(self, params: HomonymParams, which: str | None) -> tuple[float, float, float]:
        items = []
        for name in self.names:
            if which and self.half[name] != which:
                continue
            of = self.clusters(name, params)
            items += [(f"{name}/{of.get(self.node_of.get(g['paper']), -1)}", g["person"]) for g in self.gold
                      if g["name"] == name]
        return bcubed(items)

    def baseline(self, which: str | None) -> tuple[float, float, float]:
        return bcubed([(g["name"], g["person"]) for g in self.gold if not which or self.half[g["name"]] == which])

    def separated(self, params: HomonymParams, which: str | None) -> tuple[int, int]:
        """Occurrence pairs of a gold name that the clustering puts on two persons, and how many of them
        the Anthology curates as two people (the precision of the splits themselves)."""
        apart = different = 0
        for name in self.names:
            if which and self.half[name] != which:
                continue
            of = self.clusters(name, params)
            found = [(of.get(self.node_of.get(g["paper"]), -1), g["person"]) for g in self.gold if g["name"] == name]
            for (a, pa), (b, pb) in itertools.combinations(found, 2):
                if a != b:
                    apart += 1
                    different += pa != pb
        return apart, different

    def false_splits(self, params: HomonymParams) -> tuple[int, list[str]]:
        split = []
        for key in self.frequent:
            found = self.cluster(key, params)
            if len(found) > 1:
                split.append(f"{self.index.names.get(key, key)} {[len(g) for g in found]}")
        return len(self.frequent), split


GRID = {
    "link_others": [1.0, 3.0],
    "two_hop": [0.5, 1, 2, 3, 1000],
    "hop_power": [0.0, 0.5, 1.0],
    "topic": [None, 0.1, 0.15, 0.2, 0.3],
    "min_group": [2, 3, 4],
    "min_ambiguity": [0.3, 1.0, 2.0],
}
MAX_FALSE_SPLITS = 0.02


def tune(bench: Bench) -> HomonymParams:
    """The parameters with the best dev-half F1 among those that split at most 2% of the frequent
    distinctive names."""
    scored = []
    for values in itertools.product(*GRID.values()):
        params = replace(DEFAULT_PARAMS, **dict(zip(GRID, values)))
        scored.append((bench.score(params, "dev")[2], params))
    scored.sort(key=lambda item: -item[0])
    for f1, params in scored:
        total, split = bench.false_splits(params)
        if len(split) <= MAX_FALSE_SPLITS * total:
            print(f"tuned on the dev half: F1 {f1:.3f} with {params}")
            return params
    raise SystemExit("no parameters keep false splits under 2%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="search the parameters on the dev half")
    parser.add_argument("--timing", action="store_true", help="time the whole identity step on the corpus")
    args = parser.parse_args()
    bench = Bench()
    params = tune(bench) if args.tune else DEFAULT_PARAMS
    print(
        f"corpus {Path(CORPUS).name}: {bench.total} papers; {len(bench.names)} gold names "
        f"({sum(bench.half[n] == 'dev' for n in bench.names)} dev, "
        f"{sum(bench.half[n] != 'dev' for n in bench.names)} held-out)"
    )
    print(f"{'':10} {'occurrences':>11} {'baseline P/R/F1':>20} {'clustered P/R/F1':>20}")
    for which in ("dev", "held-out", None):
        n = sum(1 for g in bench.gold if not which or bench.half[g["name"]] == which)
        b, s = bench.baseline(which), bench.score(params, which)
        print(f"{which or 'all':10} {n:11d} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f} {s[0]:6.3f} {s[1]:6.3f} {s[2]:6.3f}")
    for which in ("dev", "held-out"):
        apart, different = bench.separated(params, which)
        print(f"{which}: {apart} occurrence pairs put on two persons, {different / max(apart, 1):.1%} of them "
              f"two people in the Anthology")
    total, split = bench.false_splits(params)
    print(f"false splits: {len(split)} of {total} frequent distinctive names ({len(split) / max(total, 1):.1%})")
    for line in split:
        print("   ", line)
    if args.timing:
        started = time.perf_counter()
        index = PaperIndex(bench.graph)
        proposals = split_proposals(index, params=params)
        seconds = time.perf_counter() - started
        print(f"identity step (index + all authors): {seconds:.1f}s, {len(proposals)} split proposals; "
              f"parse + graph {bench.build_seconds:.1f}s (+{seconds / bench.build_seconds:.0%})")


if __name__ == "__main__":
    main()
