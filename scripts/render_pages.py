"""Render real ACL corpus records into the three page formats of seeds/, with the expected parse.

    python scripts/render_pages.py OUT_DIR [-n 200] [--seed 0] [--per-page 25]

Writes OUT_DIR/profile_NNN.txt, listing_NNN.txt, abstracts_NNN.txt (laid out exactly like
seeds/002_, 004_ and 000_/001_) and OUT_DIR/expected.jsonl (file, index, title, authors,
authors_truncated, abstract, year). ``graphkit parse OUT_DIR`` should reproduce expected.jsonl.
The renderers live in tests/pagerender.py; the corpus path comes from $GRAPHKIT_CORPUS.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from pagerender import (  # noqa: E402
    chunks,
    expected,
    render_abstracts,
    render_listing,
    render_profile,
    representable,
    sample_records,
)

RENDERERS = {
    "profile": render_profile,
    "listing": render_listing,
    "abstracts": lambda page: render_abstracts(page, affiliation="Department of Linguistics, Example University"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description="Render ACL corpus records into seed-style pages.")
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=200, help="records to sample (default 200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-page", type=int, default=25)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    records = sample_records(args.n, seed=args.seed)
    with (args.out / "expected.jsonl").open("w", encoding="utf-8") as rows:
        for name, render in RENDERERS.items():
            wanted = [r for r in records if representable(r, name)]
            for number, page in enumerate(chunks(wanted, args.per_page)):
                file = f"{name}_{number:03d}.txt"
                (args.out / file).write_text(render(page), encoding="utf-8")
                for index, record in enumerate(page):
                    want = expected(record, titled=name != "abstracts")
                    rows.write(json.dumps({"file": file, "index": index, **want}, ensure_ascii=False) + "\n")
    print(f"wrote pages for {len(records)} records to {args.out}")


if __name__ == "__main__":
    main()
