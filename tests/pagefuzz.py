"""Seeded mutation fuzzing of graphkit's readers: random records rendered in each input format, then
damaged (lines dropped, duplicated, swapped, cut, joined; random text or raw bytes inserted).

Used by tests/test_ingest_properties.py (10,000 pages per format) and bench/parse_fuzz.py.
Every page must give records or a clean one-line ParseError naming the file.
"""

from __future__ import annotations

import json
import random
import time
import traceback

from pagerender import MONTHS, Record, render_abstracts, render_listing, render_profile

from graphkit.errors import ParseError
from graphkit.ingest import parse_bytes

UPPER = "ABCDEFGHIJKLMNOPRSTVWXYZÉÖÅŁČŽ"
LOWER = "abcdefghijklmnoprstuvwyzéöåłčžñü"


def render_jsonl(page: list[Record]) -> str:
    return "\n".join(
        json.dumps({"title": r.title, "authors": r.authors, "abstract": r.abstract, "year": r.year}) for r in page
    )


def render_bibtex(page: list[Record]) -> str:
    return "\n\n".join(
        f"@inproceedings{{key{i},\n  title = {{{r.title}}},\n  author = {{{' and '.join(r.authors)}}},\n"
        f"  abstract = {{{r.abstract}}},\n  year = {{{r.year or 2020}}}\n}}"
        for i, r in enumerate(page)
    )


def render_arxiv(page: list[Record]) -> str:
    return "\n".join(
        json.dumps(
            {"id": f"2101.{i:05d}", "authors": ", ".join(r.authors), "title": r.title, "abstract": r.abstract,
             "categories": "cs.CL", "journal-ref": None, "update_date": "2021-01-01"}
        )
        for i, r in enumerate(page)
    )


RENDER = {
    "profile": render_profile,
    "listing": render_listing,
    "abstracts": lambda page: render_abstracts(page, affiliation="Some University"),
    "jsonl": render_jsonl,
    "bibtex": render_bibtex,
    "arxiv": render_arxiv,
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
        codes = [
            rng.choice([rng.randint(32, 126), rng.randint(0, 0x2FFF), 0x7B, 0x40]) for _ in range(rng.randint(0, 80))
        ]
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

    def run(self, page_format: str, n: int) -> tuple[int, float]:
        """Parse ``n`` mutated pages of one format; returns (failures, slowest page in seconds)."""
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
        return failures, worst
