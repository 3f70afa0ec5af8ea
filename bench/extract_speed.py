"""Extraction throughput against spaCy's tokenizer alone, on real abstracts, in the same run.

Reads N abstracts (default 5,000) from the ACL corpus ($GRAPHKIT_CORPUS or
/work/shared/data/acl_anthology.jsonl.gz), then times
  1. the tokenizer of the extraction pipeline alone (``nlp.tokenizer.pipe``), and
  2. the whole extraction (``extract_papers``: every component, resolution into Entities
     with evidence), on one process unless --processes is given,
and prints abstracts/second for both and their ratio (goal: >= 0.40).

Run: python bench/extract_speed.py [--n 5000] [--processes 1] [--model NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.extract import build_nlp, extract_papers  # noqa: E402
from graphkit.model import Paper  # noqa: E402

CORPUS = os.environ.get("GRAPHKIT_CORPUS", "/work/shared/data/acl_anthology.jsonl.gz")


def read_abstracts(n: int) -> list[str]:
    texts = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            abstract = json.loads(line).get("abstract")
            if abstract:
                texts.append(abstract)
                if len(texts) == n:
                    break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    texts = read_abstracts(args.n)
    started = time.perf_counter()
    nlp = build_nlp(args.model)
    build_seconds = time.perf_counter() - started
    papers = [Paper(source="acl", index=i, id=str(i), abstract=t) for i, t in enumerate(texts)]

    started, started_cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=args.batch_size))
    tokenizer_seconds = time.perf_counter() - started
    tokenizer_cpu = time.process_time() - started_cpu

    started, started_cpu = time.perf_counter(), time.process_time()
    results = list(extract_papers(papers, nlp=nlp, batch_size=args.batch_size, n_process=args.processes))
    extract_seconds = time.perf_counter() - started
    extract_cpu = time.process_time() - started_cpu

    mentions = sum(len(e.evidence) for r in results for e in r.entities)
    entities = sum(len(r.entities) for r in results)
    tok_rate = len(texts) / tokenizer_seconds
    ext_rate = len(texts) / extract_seconds
    print(f"abstracts: {len(texts)}  tokens: {tokens}  pipeline build: {build_seconds:.1f}s  (load average {os.getloadavg()[0]:.1f})")
    print(f"tokenizer only : {tok_rate:9.1f} abstracts/s  ({tokenizer_seconds:.2f}s)")
    print(f"extraction     : {ext_rate:9.1f} abstracts/s  ({extract_seconds:.2f}s, {args.processes} process(es), "
          f"{entities} entities, {mentions} mentions)")
    print(f"ratio          : {ext_rate / tok_rate:.3f}  (goal >= 0.40)")
    if args.processes == 1:
        # CPU seconds of this process: steadier than wall time when other jobs share the cores
        print(f"ratio (CPU time): {tokenizer_cpu / extract_cpu:.3f}  (tokenizer {tokenizer_cpu:.2f}s, extraction {extract_cpu:.2f}s)")


if __name__ == "__main__":
    main()
