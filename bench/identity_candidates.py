"""How many author merges identity proposes on the 62k-paper ACL corpus, and a sample to check by hand.

Run: ``python bench/identity_candidates.py [--sample 50] [--seed 8]`` (corpus from $GRAPHKIT_CORPUS,
default ../shared/data/acl_anthology.jsonl.gz beside the repository). Prints the candidate counts, the merges above the
threshold (what ``graphkit authors merge --auto`` would record), timings, then a fixed-seed random
sample of those merges with their evidence.

The corpus has no affiliations and no profile pages, and extraction is not run here (it would take
long on 62k abstracts), so the evidence available is shared co-authors and name uniqueness. The graph
is what ``graphkit build --no-extract`` builds: ``parse_paths`` then ``build.to_graph``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from corpus import CORPUS

from graphkit.build import to_graph
from graphkit.identity import AUTO_THRESHOLD, author_candidates, auto_merges
from graphkit.ingest import parse_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    started = time.perf_counter()
    graph = to_graph(parse_paths([CORPUS]))
    built = time.perf_counter()
    found = author_candidates(graph)
    scored = time.perf_counter()
    merges = auto_merges(found)
    n_authors = sum(n.label == "Author" for n in graph.nodes)
    n_papers = sum(n.label == "Paper" for n in graph.nodes)
    print(f"corpus: {CORPUS}: {n_papers} papers, {n_authors} author keys")
    print(f"parsed and built in {built - started:.1f}s; candidates scored in {scored - built:.1f}s (wall clock)")
    print(f"candidates (name-compatible, never co-signing): {len(found)}")
    print("  by relation:", dict(Counter(c.relation for c in found)))
    print(f"  at or above {AUTO_THRESHOLD}: {sum(c.score >= AUTO_THRESHOLD for c in found)}"
          f" (held back: {sum(c.score >= AUTO_THRESHOLD and not c.auto for c in found)} ambiguous or spelling)")
    print(f"proposed merges (merge --auto): {len(merges)}")
    print("  by relation:", dict(Counter(c.relation for c in merges)))
    sample = random.Random(args.seed).sample(merges, min(args.sample, len(merges)))
    print(f"\nrandom sample of {len(sample)} proposed merges (seed {args.seed}):")
    for number, cand in enumerate(sample, 1):
        print(f"{number:2d}. {cand.drop_name!r} -> {cand.keep_name!r} [{cand.relation}] score {cand.score:.2f}")
        for reason in cand.reasons:
            print(f"      {reason.kind}: {reason.detail}")


if __name__ == "__main__":
    main()
