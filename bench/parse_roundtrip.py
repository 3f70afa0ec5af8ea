"""Round trip: real ACL records rendered into the three page formats, parsed back, compared.

    python bench/parse_roundtrip.py [N] [--show K]

Prints, per format, how many records came back exactly (title, authors, et al., abstract, year)
and the first K mismatches. Reads the corpus from $GRAPHKIT_CORPUS or the shared default.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout, not an installed graphkit

from pagerender import (  # noqa: E402
    chunks,
    expected,
    render_abstracts,
    render_listing,
    render_profile,
    representable,
    sample_records,
)

from graphkit.ingest import parse_text  # noqa: E402

FIELDS = ("title", "authors", "authors_truncated", "abstract", "year")
PAGE_SIZE = 25


def compare(records, papers, titled=True):
    """(exact count, mismatches) of parsed papers against the records rendered."""
    exact, bad = 0, []
    by_abstract = {p.abstract: p for p in papers}
    for record in records:
        want = expected(record, titled=titled)
        paper = by_abstract.get(record.abstract)
        got = None if paper is None else {f: getattr(paper, f) for f in FIELDS}
        if got is not None:
            got["authors"] = list(got["authors"])
        if got == {f: want[f] for f in FIELDS}:
            exact += 1
        else:
            bad.append((want, got))
    return exact, bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    records = sample_records(args.n, seed=args.seed)
    print(f"sampled {len(records)} ACL records in {time.perf_counter() - started:.1f}s")
    renderers = {
        "profile": lambda rs: render_profile(rs),
        "listing": render_listing,
        "abstracts": lambda rs: render_abstracts(rs, affiliation="Some University"),
    }
    for name, render in renderers.items():
        started = time.perf_counter()
        exact, bad = 0, []
        wanted = [r for r in records if representable(r, name)]
        for page in chunks(wanted, PAGE_SIZE):
            papers, report = parse_text(render(page), source=f"{name}.txt")
            e, b = compare(page, papers, titled=name != "abstracts")
            exact += e
            bad += b
        took = time.perf_counter() - started
        print(
            f"{name:10s} exact {exact}/{len(wanted)} = {100 * exact / len(wanted):.3f}%  ({took:.1f}s; "
            f"{len(records) - len(wanted)} records a {name} page cannot show were left out)"
        )
        for want, got in bad[: args.show]:
            print("   want:", {k: want[k] for k in ("title", "authors")})
            print("   got: ", got and {k: got[k] for k in ("title", "authors")})


if __name__ == "__main__":
    main()
