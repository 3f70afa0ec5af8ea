"""Fuzz the readers without hypothesis: N mutated pages per input format.

    python bench/parse_fuzz.py [N] [--seed S] [--time-limit SECONDS]

Each page is random records rendered in one format with 1-4 mutations (tests/pagefuzz.py). Every
page must give records or a clean one-line ParseError within the time limit per page (default 5 s;
a page past it counts as a failure). Prints, per format, the pages run, the failures, the slowest
page and the wall time, then the process's peak memory (maximum resident set size); exits 1 on any
failure or a peak of 1 GB or more. (tests/test_ingest_properties.py runs the same, 10,000 per format.)
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, not an installed graphkit

from pagefuzz import RENDER, Fuzzer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per page (default 5)")
    args = parser.parse_args()
    fuzzer = Fuzzer(args.seed)
    total = 0
    for page_format in RENDER:
        started = time.perf_counter()
        failures, worst = fuzzer.run(page_format, args.n, time_limit=args.time_limit)
        total += failures
        print(f"{page_format:10s} {args.n} mutated pages, {failures} failures, slowest page {worst * 1000:.0f} ms, "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak memory (max RSS) {peak:.0f} MiB")
    sys.exit(1 if total or peak >= 1024 else 0)


if __name__ == "__main__":
    main()
