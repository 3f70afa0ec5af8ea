"""Seeded mutation fuzzing of graphkit's readers: random records rendered in each input format, then
damaged (lines dropped, duplicated, swapped, cut, joined; random text or raw bytes inserted).

Used by tests/test_ingest_properties.py (10,000 pages per format) and bench/parse_fuzz.py.
Every page must give records or a clean one-line ParseError naming the file.
"""

from __future__ import annotations

import json
import random
import signal
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


def _surname_first(name: str) -> str:
    given, _, last = name.rpartition(" ")
    return f"{last}, {given}" if given else last


def render_ris(page: list[Record]) -> str:
    return "\n\n".join(
        "TY  - JOUR\n" + "".join(f"AU  - {_surname_first(a)}\n" for a in r.authors)
        + f"TI  - {r.title}\nPY  - {r.year or 2020}\nAB  - {r.abstract}\nER  - "
        for r in page
    )


def render_wos(page: list[Record]) -> str:
    body = "\n\n".join(
        "PT J\nAU " + "\n   ".join(_surname_first(a) for a in r.authors)
        + f"\nTI {r.title}\nAB {r.abstract}\nPY {r.year or 2020}\nUT WOS:{i:015d}\nER"
        for i, r in enumerate(page)
    )
    return f"FN Clarivate Analytics Web of Science\nVR 1.0\n{body}\n\nEF"


def render_scopus(page: list[Record]) -> str:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    header = ",".join(cell(h) for h in ("Authors", "Author full names", "Title", "Year", "Abstract", "EID"))
    rows = [
        ",".join(cell(v) for v in ("; ".join(r.authors), "; ".join(map(_surname_first, r.authors)), r.title,
                                   str(r.year or 2020), r.abstract, f"2-s2.0-{i}"))
        for i, r in enumerate(page)
    ]
    return "\n".join([header, *rows])


def render_openalex(page: list[Record]) -> str:
    def inverted(text: str) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, word in enumerate(text.split()):
            index.setdefault(word, []).append(i)
        return index

    return "\n".join(
        json.dumps({"id": f"https://openalex.org/W{i}", "title": r.title, "publication_year": r.year,
                    "authorships": [{"author": {"id": f"https://openalex.org/A{i}{j}", "display_name": a}}
                                    for j, a in enumerate(r.authors)],
                    "abstract_inverted_index": inverted(r.abstract)})
        for i, r in enumerate(page)
    )


RENDER = {
    "profile": render_profile,
    "listing": render_listing,
    "abstracts": lambda page: render_abstracts(page, affiliation="Some University"),
    "jsonl": render_jsonl,
    "bibtex": render_bibtex,
    "arxiv": render_arxiv,
    "ris": render_ris,
    "wos": render_wos,
    "scopus": render_scopus,
    "openalex": render_openalex,
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

    def run(self, page_format: str, n: int, time_limit: float | None = None) -> tuple[int, float]:
        """Parse ``n`` mutated pages of one format; returns (failures, slowest page in seconds).

        With ``time_limit`` (seconds, main thread only), a page that takes longer is stopped and counted
        as a failure (a hang)."""
        worst, failures = 0.0, 0
        alarm = time_limit is not None and hasattr(signal, "setitimer")
        if alarm:
            def on_alarm(signum, frame):
                raise PageTimeout(f"page took longer than {time_limit:g} s")

            previous = signal.signal(signal.SIGALRM, on_alarm)
        try:
            for _ in range(n):
                page = [self.record() for _ in range(self.rng.randint(1, 5))]
                data = self.mutate(RENDER[page_format](page))
                started = time.perf_counter()
                try:
                    if alarm:
                        signal.setitimer(signal.ITIMER_REAL, time_limit)
                    try:
                        _, report = parse_bytes(data, source="fuzz.txt")
                    finally:
                        if alarm:
                            signal.setitimer(signal.ITIMER_REAL, 0)
                    assert all(str(w).startswith("fuzz.txt:") and "\n" not in str(w) for w in report.warnings)
                except ParseError as err:
                    assert str(err).startswith("fuzz.txt") and "\n" not in str(err), repr(str(err))
                except Exception:  # noqa: BLE001 - exactly what this looks for (PageTimeout included)
                    failures += 1
                    print("FAIL on", repr(data[:200]))
                    traceback.print_exc()
                worst = max(worst, time.perf_counter() - started)
        finally:
            if alarm:
                signal.signal(signal.SIGALRM, previous)
        return failures, worst


class PageTimeout(Exception):
    """A page ran past the fuzzer's time limit."""
