"""Extraction throughput against spaCy's tokenizer alone, on real abstracts, in the same run.

Reads N abstracts (default 5,000) from the ACL corpus ($GRAPHKIT_CORPUS or
../shared/data/acl_anthology.jsonl.gz beside the repository). Each round starts two fresh Python processes on the
same texts, one after the other:

  tokenizer   builds the extraction pipeline's tokenizer (blank English with graphkit's suffix
              rule, or --model's) and runs ``nlp.tokenizer.pipe`` over the texts;
  extraction  builds the whole extraction pipeline and runs ``extract_papers`` (every component,
              resolution into Entities with evidence) on one process (or --processes).

Fresh processes mean neither side inherits the other's warm caches (spaCy's tokenizer cache and
vocabulary, graphkit's word caches). Two ratios are printed per round (goal >= 0.40 for both):

  work           abstracts/s of the timed work alone (tokenize vs extract), wall clock;
  whole process  each process timed from start to exit by this parent: interpreter start,
                 imports, reading the corpus, building the pipeline, the work.

Rounds alternate which process runs first; the median of the rounds is the figure to report.

Run: python bench/extract_speed.py [--n 5000] [--rounds 3] [--processes 1] [--model trained|rules-only|NAME]
(goals: >= 0.40 with --model rules-only, >= 0.05 with the trained ner)

``--zones 2000`` instead times the tokenizer alone with and without ``nlp.memory_zone()`` around
every 2,000 texts (why ``extract_papers`` keeps words for good up to a vocabulary limit).

``--instructions`` instead runs both processes under valgrind's callgrind, counting the instructions
of the timed loops only: a figure that does not drift with the machine's speed (takes ~15 minutes).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from corpus import CORPUS  # noqa: E402


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


def measured(work):
    """Run ``work()`` inside ``functools.reduce``: ``--toggle-collect=functools_reduce`` then makes
    callgrind count this call and nothing else (interpreter start, imports, the pipeline build)."""
    return functools.reduce(lambda _, __: work(), (None, None))


def tokenizer_worker(args) -> dict:
    """Only what tokenizing needs: spaCy and the extraction pipeline's tokenizer settings."""
    import spacy

    from graphkit.extract.tokens import (
        blank_english,  # spaCy and the word lists, not the components
    )

    texts = read_abstracts(args.n)
    # "trained" and "rules-only" run on blank English: their tokenizer is the one compared against
    nlp = spacy.load(args.model) if args.model not in (None, "trained", "rules-only") else blank_english()
    started, started_cpu = time.perf_counter(), time.process_time()
    if args.zones:
        tokens = 0
        for start in range(0, len(texts), args.zones):
            with nlp.memory_zone():
                tokens += sum(len(doc) for doc in nlp.tokenizer.pipe(texts[start : start + args.zones]))
    else:
        tokens = measured(lambda: sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=args.batch_size)))
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - started_cpu, "tokens": tokens}


def extraction_worker(args) -> dict:
    from graphkit.extract import build_nlp, extract_papers
    from graphkit.model import Paper

    texts = read_abstracts(args.n)
    nlp = build_nlp(args.model)
    papers = [Paper(source="acl", index=i, id=str(i), abstract=t) for i, t in enumerate(texts)]
    started, started_cpu = time.perf_counter(), time.process_time()
    results = measured(
        lambda: list(extract_papers(papers, nlp=nlp, batch_size=args.batch_size, n_process=args.processes))
    )
    return {
        "seconds": time.perf_counter() - started,
        "cpu": time.process_time() - started_cpu,
        "entities": sum(len(r.entities) for r in results),
        "mentions": sum(len(e.evidence) for r in results for e in r.entities),
    }


def run_worker(kind: str, args, zones: int = 0, prefix: tuple = ()) -> dict:
    command = [
        *prefix,
        sys.executable,
        __file__,
        "--worker",
        kind,
        "--n",
        str(args.n),
        "--batch-size",
        str(args.batch_size),
        "--processes",
        str(args.processes),
        "--zones",
        str(zones),
    ] + (["--model", args.model] if args.model else [])
    started = time.perf_counter()
    finished = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    collected = [line for line in finished.stderr.splitlines() if "Collected :" in line]
    if collected:
        result["instructions"] = int(collected[-1].rsplit(":", 1)[1].replace(",", ""))
    result["process_seconds"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--model", default=None)
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind's callgrind")
    parser.add_argument("--zones", type=int, default=0, help="time the tokenizer in memory zones of this many texts")
    parser.add_argument("--worker", choices=["tokenizer", "extraction"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        work = tokenizer_worker if args.worker == "tokenizer" else extraction_worker
        print(json.dumps(work(args)))
        return
    if args.instructions:
        valgrind = ("valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                    "--callgrind-out-file=/dev/null")
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            tok, ext = pool.map(lambda kind: run_worker(kind, args, prefix=valgrind), ["tokenizer", "extraction"])
        print(f"instructions: tokenizer {tok['instructions'] / 1e9:.2f}G, extraction {ext['instructions'] / 1e9:.2f}G, "
              f"ratio {tok['instructions'] / ext['instructions']:.3f}  (goal >= 0.40)")
        return
    if args.zones:
        for number in range(args.rounds):
            plain, zoned = run_worker("tokenizer", args), run_worker("tokenizer", args, zones=args.zones)
            print(f"round {number + 1}: tokenizer alone {plain['seconds']:.2f}s, in memory zones of {args.zones} "
                  f"{zoned['seconds']:.2f}s ({zoned['seconds'] / plain['seconds']:.1f}x)")
        return

    print(f"{args.n} abstracts, {args.processes} extraction process(es), {args.rounds} rounds; "
          f"load average {os.getloadavg()[0]:.1f} at start")
    work_ratios, process_ratios = [], []
    for number in range(args.rounds):
        order = ["tokenizer", "extraction"] if number % 2 == 0 else ["extraction", "tokenizer"]
        runs = {kind: run_worker(kind, args) for kind in order}
        tok, ext = runs["tokenizer"], runs["extraction"]
        work_ratios.append(tok["seconds"] / ext["seconds"])
        process_ratios.append(tok["process_seconds"] / ext["process_seconds"])
        print(f"round {number + 1}: tokenizer {args.n / tok['seconds']:7.1f}/s ({tok['seconds']:.2f}s work, "
              f"{tok['process_seconds']:.2f}s process)  extraction {args.n / ext['seconds']:6.1f}/s "
              f"({ext['seconds']:.2f}s work, {ext['process_seconds']:.2f}s process; {ext['entities']} entities, "
              f"{ext['mentions']} mentions)  ratio work {work_ratios[-1]:.3f}, whole process {process_ratios[-1]:.3f}  "
              f"[CPU work ratio {tok['cpu'] / ext['cpu']:.3f}; load {os.getloadavg()[0]:.1f}]")
    print(f"median ratio: work {statistics.median(work_ratios):.3f}, whole process "
          f"{statistics.median(process_ratios):.3f}  (goal >= 0.40)")


if __name__ == "__main__":
    main()
