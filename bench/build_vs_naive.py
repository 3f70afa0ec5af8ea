"""``graphkit build --no-extract`` of the corpus beside the naive networkx script, alternating.

    python bench/build_vs_naive.py [--rounds 3] [--papers N]

Each round runs both as whole processes, in turn (graphkit first in odd rounds, the script first
in even ones): ``graphkit --store TMP build CORPUS --reset --no-extract`` into a fresh embedded
store, and ``python bench/naive_build.py CORPUS`` (bench/naive_build.py: the same paper-author and
co-author graphs with networkx, no normalisation, derived counts or store: a floor, not a target).
Prints each run's wall and CPU seconds and peak memory (the child's maximum resident set size),
then the medians and the median of the per-round ratios graphkit / script. Goal: within 2x time.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from corpus import CORPUS  # noqa: E402


def run(command: list[str]) -> dict[str, float]:
    """Wall, CPU seconds and peak RSS (GB) of one child process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{child.stderr.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_gb": usage.ru_maxrss * 1024 / 1e9}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--papers", type=int, help="only the first N corpus records (default all)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="graphkit-naive-"))
    try:
        corpus = CORPUS
        if args.papers:
            corpus = work / "corpus.jsonl"
            with gzip.open(CORPUS, "rt", encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as dst:
                dst.writelines(islice(src, args.papers))
        python = sys.executable
        commands = {
            "graphkit": [python, "-m", "graphkit", "--quiet", "--store", str(work / "store"), "build", str(corpus),
                         "--reset", "--no-extract"],
            "script": [python, str(ROOT / "bench" / "naive_build.py"), str(corpus)],
        }
        results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for round_ in range(args.rounds):
            order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
            for name in order:
                figures = run(commands[name])
                results[name].append(figures)
                print(f"round {round_ + 1} {name:8s} wall {figures['wall']:6.1f} s  cpu {figures['cpu']:6.1f} s  "
                      f"peak {figures['rss_gb']:.2f} GB", flush=True)
        for key, unit in (("wall", "s"), ("cpu", "s"), ("rss_gb", "GB")):
            g = [r[key] for r in results["graphkit"]]
            s = [r[key] for r in results["script"]]
            ratio = statistics.median(a / b for a, b in zip(g, s))
            print(f"median {key:6s} graphkit {statistics.median(g):.2f} {unit}, "
                  f"script {statistics.median(s):.2f} {unit}, ratio {ratio:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
