"""Where the benchmarks find the corpus: ``$GRAPHKIT_CORPUS``, else the ACL Anthology listing in
``../shared/data/`` beside the repository."""

import os
from pathlib import Path

#: the corpus the benchmarks read (JSON Lines, gzipped)
CORPUS = Path(
    os.environ.get("GRAPHKIT_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "data" / "acl_anthology.jsonl.gz"
)
