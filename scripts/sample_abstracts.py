"""Draw a seeded random sample of corpus records for a new hand-annotated gold set.

Records whose title (by ``title_key``) is already in one of the ``--exclude`` files are skipped,
so a new development set never overlaps the existing dev and held-out sets.

Example:
    python scripts/sample_abstracts.py --n 40 --seed 20261122 \
        --exclude tests/data/acl_dev.jsonl --exclude tests/data/acl_test.jsonl \
        > tests/data/acl_dev2.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from pathlib import Path

from graphkit.keys import title_key

#: the corpus beside the repository (../shared/data/), unless $GRAPHKIT_CORPUS or --corpus says otherwise
DEFAULT_CORPUS = str(Path(__file__).resolve().parents[2] / "shared" / "data" / "acl_anthology.jsonl.gz")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--exclude", action="append", default=[], help="JSONL file of records to skip")
    parser.add_argument("--corpus", default=os.environ.get("GRAPHKIT_CORPUS", DEFAULT_CORPUS))
    args = parser.parse_args()

    excluded = set()
    for path in args.exclude:
        with open(path, encoding="utf-8") as handle:
            excluded.update(title_key(json.loads(line)["title"]) for line in handle if line.strip())

    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    eligible = [r for r in records if r.get("abstract", "").strip() and title_key(r["title"]) not in excluded]
    for record in random.Random(args.seed).sample(eligible, args.n):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
