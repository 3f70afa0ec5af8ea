"""Parsing time per input format on the same N corpus records (default 5,000).

    python bench/parse_formats.py [N] [--rounds R] [--cli]

Writes the first N records of the corpus (with an abstract) in every format graphkit reads as a
file format -- JSON Lines, BibTeX (as the ACL Anthology writes it: braces around acronyms in
titles, ``Last, First`` names), RIS, Scopus CSV, Web of Science plain text and tab-delimited,
OpenAlex works -- then parses each file R times, the formats alternating round by round, and prints
the median CPU seconds of ``parse_file`` per format and its ratio to JSON Lines. With ``--cli``,
each round runs ``graphkit parse FILE --format F`` in a fresh process instead (output to
/dev/null) and reports that process's CPU seconds: start-up and JSON output included.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]  # this checkout, not an installed graphkit

from corpus import CORPUS  # noqa: E402

from graphkit.ingest import parse_file  # noqa: E402

_ACRONYM = re.compile(r"\b([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*)\b")


def records(n: int) -> list[dict]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("abstract") and row.get("title") and row.get("authors"):
                out.append(row)
                if len(out) == n:
                    break
    return out


def inverted(name: str) -> str:
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def bibtex(rows: list[dict]) -> str:
    def braced(text: str) -> str:
        return text.replace("{", "").replace("}", "")

    out = []
    for r in rows:
        title = _ACRONYM.sub(r"{\1}", braced(r["title"])).replace('"', "")
        abstract = braced(r["abstract"]).replace('"', "")
        out.append(
            f"@inproceedings{{{r['id']},\n    title = \"{title}\",\n"
            f"    author = \"{'  and '.join(inverted(a) for a in r['authors'])}\",\n"
            f"    booktitle = \"{r.get('venue') or ''}\",\n    year = \"{r['year']}\",\n"
            f"    abstract = \"{abstract}\",\n}}\n"
        )
    return "\n".join(out)


def ris(rows: list[dict]) -> str:
    out = []
    for r in rows:
        lines = ["TY  - CONF", *(f"AU  - {inverted(a)}" for a in r["authors"]), f"TI  - {r['title']}",
                 f"T2  - {r.get('venue') or ''}", f"PY  - {r['year']}", f"ID  - {r['id']}",
                 f"AB  - {' '.join(r['abstract'].split())}", "ER  - "]
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def scopus(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "DOI",
                     "Link", "Abstract", "Author Keywords", "Document Type", "Source", "EID"])
    for i, r in enumerate(rows):
        ids = [str(57000000000 + i * 10 + k) for k in range(len(r["authors"]))]
        writer.writerow(["; ".join(inverted(a) for a in r["authors"]),
                         "; ".join(f"{inverted(a)} ({x})" for a, x in zip(r["authors"], ids)), "; ".join(ids),
                         r["title"], r["year"], r.get("venue") or "", "", "", r["abstract"], "",
                         "Conference paper", "Scopus", f"2-s2.0-{i}"])
    return buffer.getvalue()


def wos(rows: list[dict]) -> str:
    out = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for i, r in enumerate(rows):
        names = [inverted(a) for a in r["authors"]]
        words = " ".join(r["abstract"].split()).split(" ")
        wrapped = [" ".join(words[k : k + 12]) for k in range(0, len(words), 12)]
        out += ["PT J", "AF " + names[0], *("   " + n for n in names[1:]), f"TI {r['title']}",
                f"SO {r.get('venue') or ''}", "AB " + wrapped[0], *("   " + w for w in wrapped[1:]),
                f"PY {r['year']}", f"UT WOS:{i:015d}", "ER", ""]
    return "\n".join(out + ["EF"]) + "\n"


def wos_tab(rows: list[dict]) -> str:
    tags = ["PT", "AU", "AF", "TI", "SO", "DE", "AB", "PY", "DI", "UT"]
    out = ["\t".join(tags)]
    for i, r in enumerate(rows):
        flat = {k: " ".join(str(v).split()) for k, v in r.items() if isinstance(v, (str, int))}
        out.append("\t".join(["J", "; ".join(inverted(a) for a in r["authors"]),
                              "; ".join(inverted(a) for a in r["authors"]), flat["title"], flat.get("venue", ""),
                              "", flat["abstract"], flat["year"], "", f"WOS:{i:015d}"]) + "\t")
    return "\n".join(out) + "\n"


def openalex(rows: list[dict]) -> str:
    out = []
    for i, r in enumerate(rows):
        index: dict[str, list[int]] = {}
        for position, word in enumerate(r["abstract"].split()):
            index.setdefault(word, []).append(position)
        out.append(json.dumps({
            "id": f"https://openalex.org/W{4000000000 + i}", "title": r["title"], "display_name": r["title"],
            "publication_year": r["year"],
            "primary_location": {"source": {"display_name": r.get("venue"), "type": "conference"}},
            "authorships": [{"author_position": "first" if k == 0 else "middle",
                             "author": {"id": f"https://openalex.org/A{5000000000 + i * 10 + k}", "display_name": a},
                             "institutions": [], "raw_author_name": a} for k, a in enumerate(r["authors"])],
            "topics": [], "concepts": [], "abstract_inverted_index": index,
        }))
    return "\n".join(out) + "\n"


WRITERS = {
    "jsonl": (".jsonl", lambda rows: "\n".join(json.dumps(r) for r in rows) + "\n"),
    "bibtex": (".bib", bibtex),
    "ris": (".ris", ris),
    "scopus": (".csv", scopus),
    "wos": (".txt", wos),
    "wos-tab": (".txt", wos_tab),
    "openalex": (".jsonl", openalex),
}


def cli_seconds(path: Path, fmt: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(os.devnull, "w") as sink:
        subprocess.run([sys.executable, "-m", "graphkit", "parse", str(path), "--format", fmt],
                       stdout=sink, stderr=subprocess.DEVNULL, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="time `graphkit parse` processes")
    parser.add_argument("--decode-all", action="store_true",
                        help="BibTeX: decode LaTeX in every value, as bibtexparser does (in-process only)")
    args = parser.parse_args()
    rows = records(args.n)
    if args.decode_all:
        from bibtexparser import middlewares

        import graphkit.ingest.bibtex as bib

        bib._LatexWhereNeeded = middlewares.LatexDecodingMiddleware
    times: dict[str, list[float]] = {name: [] for name in WRITERS}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, (suffix, write) in WRITERS.items():
            paths[name] = Path(tmp) / f"{name}{suffix}"
            paths[name].write_text(write(rows), encoding="utf-8")
        for _ in range(args.rounds):
            for name, path in paths.items():
                if args.cli:
                    times[name].append(cli_seconds(path, name))
                    continue
                start = time.process_time()
                papers, report = parse_file(path, fmt=name)
                times[name].append(time.process_time() - start)
                if len(papers) != len(rows) or report.files[0].format != name:
                    raise SystemExit(f"{name}: read {len(papers)} of {len(rows)} records ({report.warnings[:3]})")
    base = statistics.median(times["jsonl"])
    what = "CPU seconds of a `graphkit parse` process" if args.cli else "CPU seconds of parse_file"
    print(f"{len(rows):,} records, median of {args.rounds} rounds ({what})")
    print(f"{'format':10} {'seconds':>8} {'x jsonl':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:10} {median:8.2f} {median / base:8.2f}")


if __name__ == "__main__":
    main()
