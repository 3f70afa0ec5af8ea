"""Fuzz the page parsers without hypothesis: N mutated pages per page format.

    python bench/parse_fuzz.py [N] [--seed S]

Each page is a random seed-style page with 1-4 mutations (lines dropped, duplicated, swapped,
cut, joined; random text or raw bytes inserted). Every page must give records or a clean one-line
ParseError. Prints, per format, the pages run, the failures and the slowest page.
(tests/test_ingest_properties.py does the same with hypothesis, shrinking what it finds.)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, not an installed graphkit

from pagerender import MONTHS, Record, render_abstracts, render_listing, render_profile  # noqa: E402

from graphkit.errors import ParseError  # noqa: E402
from graphkit.ingest import parse_bytes  # noqa: E402

UPPER = "ABCDEFGHIJKLMNOPRSTVWXYZÉÖÅŁČŽ"
LOWER = "abcdefghijklmnoprstuvwyzéöåłčžñü"
RENDER = {
    "profile": render_profile,
    "listing": render_listing,
    "abstracts": lambda page: render_abstracts(page, affiliation="Some University"),
}


class Fuzzer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def word(self) -> str:
        return self.rng.choice(UPPER) + "".join(self.rng.choice(LOWER) for _ in range(self.rng.randint(1, 8)))

    def record(self) -> Record:
        rng = self.rng
        return Record(
            title=" ".join(self.word() for _ in range(rng.randint(1, 8))) + rng.choice(["", " VQA", " GPT-4", "?"]),
            authors=[f"{self.word()} {self.word()}" for _ in range(rng.randint(1, 6))],
            abstract="We " + " ".join(self.word().lower() for _ in range(rng.randint(3, 30))) + ".",
            year=rng.choice([None, 2020]),
            month=rng.choice(MONTHS),
            day=rng.randint(1, 28),
            max_shown=rng.choice([3, None]),
        )

    def noise(self) -> str:
        rng = self.rng
        codes = [rng.choice([rng.randint(32, 126), rng.randint(0, 0x2FFF), 0x7B, 0x40]) for _ in range(rng.randint(0, 80))]
        return "".join(map(chr, codes))

    def mutate(self, text: str) -> bytes:
        rng, lines = self.rng, text.split("\n")
        for _ in range(rng.randint(1, 4)):
            op = rng.choice(["drop", "dup", "swap", "insert", "cut", "bytes", "blank", "join"])
            i = rng.randint(0, max(len(lines) - 1, 0))
            if op == "drop" and lines:
                del lines[i]
            elif op == "dup" and lines:
                lines.insert(i, lines[i])
            elif op == "swap" and len(lines) > 1:
                j = rng.randint(0, len(lines) - 1)
                lines[i], lines[j] = lines[j], lines[i]
            elif op == "insert":
                lines.insert(i, self.noise())
            elif op == "cut" and lines:
                lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
            elif op == "blank":
                lines.insert(i, "")
            elif op == "join" and i + 1 < len(lines):
                lines[i : i + 2] = [lines[i] + lines[i + 1]]
            elif op == "bytes":
                raw = "\n".join(lines).encode("utf-8", "surrogatepass")
                at = rng.randint(0, len(raw))
                return raw[:at] + bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 8))) + raw[at:]
        return "\n".join(lines).encode("utf-8", "surrogatepass")

    def run(self, page_format: str, n: int) -> int:
        worst, failures = 0.0, 0
        for _ in range(n):
            page = [self.record() for _ in range(self.rng.randint(1, 5))]
            data = self.mutate(RENDER[page_format](page))
            started = time.perf_counter()
            try:
                _, report = parse_bytes(data, source="fuzz.txt")
                assert all(str(w).startswith("fuzz.txt:") and "\n" not in str(w) for w in report.warnings)
            except ParseError as err:
                assert str(err).startswith("fuzz.txt") and "\n" not in str(err), repr(str(err))
            except Exception:  # noqa: BLE001 - exactly what this looks for
                failures += 1
                print("FAIL on", repr(data[:200]))
                traceback.print_exc()
            worst = max(worst, time.perf_counter() - started)
        print(f"{page_format:10s} {n} mutated pages, {failures} failures, slowest page {worst * 1000:.0f} ms")
        return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    fuzzer = Fuzzer(args.seed)
    failures = sum(fuzzer.run(page_format, args.n) for page_format in RENDER)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
