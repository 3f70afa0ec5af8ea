"""Extraction throughput: one process, ``--processes 2`` and a two-worker Dask LocalCluster.

    python bench/extract_parallel.py [--papers 5000] [--rounds 3] [--workers 2]

The same ``--papers`` corpus abstracts (``$GRAPHKIT_CORPUS``, default ../shared/data/acl_anthology.jsonl.gz
beside the repository) go through each way in turn, alternating round by round, so the machine's
drift hits all three alike. Each way's output must equal one process's (checked every round).
The Dask cluster is started once before the rounds (its start-up, workers building their spaCy
pipeline, is reported apart); the first round of every way warms it up and is not counted.
Prints abstracts/s per way and round, the medians, and the ratios to one process.

With each run it also prints the CPU it obtained: CPU seconds used by this process and every
process under it (fork workers, Dask nanny and worker processes) over the run's wall seconds, and
the machine's idle CPUs over the run (from /proc/stat). Two workers can only beat one process when
the machine has a CPU to spare: on a machine other work keeps busy, both ways get about the same
CPU, and the workers' overhead (sending papers and results between processes) makes them slower.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from itertools import islice
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphkit.extract import build_nlp, extract_papers  # noqa: E402
from graphkit.extract.distributed import dask_client, extract_on_dask  # noqa: E402
from graphkit.ingest import parse_text  # noqa: E402

CORPUS = Path(os.environ.get("GRAPHKIT_CORPUS", REPO.parent / "shared" / "data" / "acl_anthology.jsonl.gz"))


def corpus_papers(count: int):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        text = "".join(islice((line for line in lines if json.loads(line).get("abstract")), count))
    papers, _ = parse_text(text, fmt="jsonl", source=CORPUS.name)
    return papers


def cpu_seconds() -> float:
    """CPU seconds of this process, its reaped children and every live process below it."""
    times = os.times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in psutil.Process().children(recursive=True):
        try:
            cpu = child.cpu_times()
            total += cpu.user + cpu.system
        except psutil.Error:  # ended meanwhile: counted with the reaped children once reaped
            pass
    return total


def idle_jiffies() -> tuple[int, int]:
    """(idle + iowait, all) jiffies of the machine since boot."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    return fields[3] + fields[4], sum(fields)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds per way (after one warm-up round)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    papers = corpus_papers(args.papers)
    nlp = build_nlp()

    def dump(results) -> list[str]:
        return [json.dumps(r.to_dict(), ensure_ascii=False) for r in results]

    started = time.perf_counter()
    with dask_client(f"local:{args.workers}") as client:
        client.run(lambda: __import__("graphkit.extract.distributed", fromlist=["_pipeline"])._pipeline(None))
        print(
            f"Dask LocalCluster with {args.workers} workers up, pipelines built: {time.perf_counter() - started:.1f} s"
        )
        ways = {
            "one process": lambda: dump(extract_papers(papers, nlp=nlp)),
            f"--processes {args.workers}": lambda: dump(extract_papers(papers, nlp=nlp, n_process=args.workers)),
            f"dask local:{args.workers}": lambda: dump(extract_on_dask(papers, client)),
        }
        rates: dict[str, list[float]] = {name: [] for name in ways}
        obtained: dict[str, list[float]] = {name: [] for name in ways}
        cpu_used: dict[str, list[float]] = {name: [] for name in ways}
        reference = None
        for round_number in range(args.rounds + 1):
            for name, run in ways.items():
                cpu_before, (idle_before, all_before) = cpu_seconds(), idle_jiffies()
                began = time.perf_counter()
                out = run()
                seconds = time.perf_counter() - began
                used = cpu_seconds() - cpu_before
                idle_after, all_after = idle_jiffies()
                idle_cpus = os.cpu_count() * (idle_after - idle_before) / max(1, all_after - all_before)
                if reference is None:
                    reference = out
                assert out == reference, f"{name}: output differs from one process"
                label = "warm-up" if round_number == 0 else f"round {round_number}"
                print(f"{label:8} {name:14} {len(papers) / seconds:8.1f} abstracts/s ({seconds:.2f} s; "
                      f"{used / seconds:.2f} CPUs obtained, {used:.1f} CPU s; machine idle {idle_cpus:.2f} CPUs; "
                      f"load {os.getloadavg()[0]:.1f})", flush=True)
                if round_number:
                    rates[name].append(len(papers) / seconds)
                    obtained[name].append(used / seconds)
                    cpu_used[name].append(used)
    one = statistics.median(rates["one process"])
    print(f"\n{len(papers)} abstracts, {args.rounds} counted rounds, medians (outputs identical in every round):")
    for name, values in rates.items():
        median = statistics.median(values)
        print(f"  {name:14} {median:8.1f} abstracts/s   {median / one:5.2f}x one process   "
              f"{statistics.median(obtained[name]):.2f} CPUs obtained, "
              f"{statistics.median(cpu_used[name]):.1f} CPU s per run")


if __name__ == "__main__":
    main()
