"""Fuzz the readers without hypothesis: N mutated pages per input format.

    python bench/parse_fuzz.py [N] [--seed S]

Each page is random records rendered in one format with 1-4 mutations (tests/pagefuzz.py). Every
page must give records or a clean one-line ParseError. Prints, per format, the pages run, the
failures and the slowest page. (tests/test_ingest_properties.py runs the same, 10,000 per format.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, not an installed graphkit

from pagefuzz import RENDER, Fuzzer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    fuzzer = Fuzzer(args.seed)
    total = 0
    for page_format in RENDER:
        failures, worst = fuzzer.run(page_format, args.n)
        total += failures
        print(f"{page_format:10s} {args.n} mutated pages, {failures} failures, slowest page {worst * 1000:.0f} ms")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
