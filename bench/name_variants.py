"""Recall of spelling variants of one person on the 62k-paper ACL corpus.

Run: ``python bench/name_variants.py [--show 30]``. Data from ``$GRAPHKIT_CORPUS`` (default
``../shared/data/acl_anthology.jsonl.gz`` beside the repository) and ``$GRAPHKIT_NAME_VARIANTS``
(default ``../shared/data/name_variants_acl_dev.jsonl``: people whose two or more Anthology-curated
spellings all occur in the corpus).

For every person, every pair of their spellings counts once. A pair is *joined* when both spellings
end on one Author node (the same author key) or ``graphkit authors review`` proposes merging the
two nodes (a candidate of any score, as review lists them by default), and *auto* when the pair
also reaches what ``authors merge --auto`` records. The graph is what ``graphkit build --no-extract``
builds. Misses are printed with the two spellings, so what is not joined can be read.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import time
from collections import Counter
from pathlib import Path

from corpus import CORPUS

from graphkit.build import to_graph
from graphkit.identity import author_candidates, auto_merges
from graphkit.ingest import parse_paths
from graphkit.keys import author_key

VARIANTS = Path(
    os.environ.get("GRAPHKIT_NAME_VARIANTS")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "name_variants_acl_dev.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=30, help="print this many missed pairs")
    parser.add_argument("--sample", type=int, default=50, help="proposals to print for checking by hand")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--relations", default="compound,glued,order,surname,given",
                        help="sample proposals of these relations (comma-separated; 'all' for every one)")
    args = parser.parse_args()

    people = [json.loads(line) for line in VARIANTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    graph = to_graph(parse_paths([CORPUS]))
    built = time.perf_counter()
    found = author_candidates(graph)
    scored = time.perf_counter()
    proposed = {frozenset((c.keep, c.drop)) for c in found}
    automatic = {frozenset((c.keep, c.drop)) for c in auto_merges(found)}

    pairs = same_node = by_review = by_auto = 0
    missed: list[tuple[str, str, str]] = []
    for person in people:
        for first, second in itertools.combinations(person["names"], 2):
            pairs += 1
            keys = frozenset((author_key(first), author_key(second)))
            if len(keys) == 1:
                same_node += 1
                by_auto += 1
            elif keys in proposed:
                by_review += 1
                by_auto += keys in automatic
            else:
                missed.append((person["person"], first, second))

    joined = same_node + by_review
    print(f"corpus: {CORPUS}; variants: {VARIANTS} ({len(people)} people, {pairs} spelling pairs)")
    print(f"parsed and built in {built - started:.1f}s; candidates scored in {scored - built:.1f}s")
    print(f"one node (same author key): {same_node} ({same_node / pairs:.1%})")
    print(f"proposed by authors review:  {by_review} ({by_review / pairs:.1%})")
    print(f"variant-merge recall:        {joined / pairs:.3f} ({joined}/{pairs})")
    print(f"  of which merge --auto:     {by_auto / pairs:.3f}")
    print(f"\nmissed pairs (first {min(args.show, len(missed))} of {len(missed)}):")
    for person, first, second in missed[: args.show]:
        print(f"  {person}: {first!r} / {second!r}")

    wanted = None if args.relations == "all" else set(args.relations.split(","))
    pool = [c for c in found if wanted is None or c.relation in wanted]
    print(f"\nproposals by relation: {dict(Counter(c.relation for c in found))}")
    sample = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
    print(f"random sample of {len(sample)} of {len(pool)} proposals ({args.relations}; seed {args.seed}):")
    for number, cand in enumerate(sample, 1):
        evidence = "; ".join(r.detail for r in cand.reasons[:3]) or "no evidence beyond the name"
        print(f"{number:2d}. {cand.drop_name!r} -> {cand.keep_name!r} [{cand.relation}] "
              f"score {cand.score:.2f}: {evidence}")


if __name__ == "__main__":
    main()
