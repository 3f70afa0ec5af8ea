"""Regenerate graphkit/extract/rules/*.jsonl from the curated lists in scripts/lexicon/.

Each list line is "Canonical | alias | alias"; every surface form becomes one span_ruler
pattern ``{"pattern", "id", "name"}`` with ``id = entity_key(canonical)``. Method names also get
their plural ("CNN" -> "CNNs", "Transformer" -> "Transformers").

With ``--corpus`` it also rebuilds ``common_words.txt``: words that appear in the ACL corpus far
more often in lower case than capitalised mid-sentence (so a capitalised "Current" at the start
of a sentence is read as an ordinary word, not a name).

Run: python scripts/build_patterns.py [--corpus ../shared/data/acl_anthology.jsonl.gz]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphkit.extract.components.abbreviations import find_long_form  # noqa: E402
from graphkit.keys import entity_key  # noqa: E402

LISTS = ROOT / "scripts" / "lexicon"
OUT = ROOT / "graphkit" / "extract" / "rules"
FILES = {"methods": "methods.txt", "datasets": "datasets.txt", "tasks": "tasks.txt", "venues": "venues.txt"}


def plural(name: str) -> str | None:
    if not name[-1:].isalpha() or name.endswith(("s", "x", "sh", "ch")):
        return None
    return name + "s"


def preferred_name(forms: list[str]) -> str:
    """The long form when the first name is an acronym another form spells out ("LSTM" -> "Long Short-Term Memory")."""
    first = forms[0]
    if " " in first or not any(c.isupper() for c in first[1:]):
        return first
    spelled = [
        f for f in forms[1:] if " " in f and not f.lower().startswith(first.lower()) and find_long_form(first, f) == 0
    ]
    capitalised = [f for f in spelled if f[0].isupper()]
    return (capitalised or spelled or [first])[0]


def build_patterns() -> None:
    seen_ids: dict[str, str] = {}
    for kind, filename in FILES.items():
        rows, patterns = [], set()
        for line in (LISTS / filename).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            forms = [f.strip() for f in line.split("|") if f.strip()]
            canonical = preferred_name(forms)
            ident = entity_key(canonical)
            if not ident:
                continue
            if (kind, ident) in seen_ids:
                print(f"warning: {filename}: {canonical!r} repeats id {ident!r}", file=sys.stderr)
            seen_ids[(kind, ident)] = canonical
            if kind == "methods":
                forms += [p for p in map(plural, forms) if p]
            for form in forms:
                if form in patterns:
                    continue
                patterns.add(form)
                rows.append({"pattern": form, "id": ident, "name": canonical})
        with open(OUT / f"{kind}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{kind}: {len(rows)} patterns")


def build_common_words(corpus: Path, limit: int = 12000) -> None:
    lower = collections.Counter()
    capital_mid = collections.Counter()
    after_determiner = collections.Counter()  # "the W", "a W": noun evidence
    as_verb = collections.Counter()  # "we W", "to W the", "W the", "it W": verb evidence
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            tokens = (json.loads(line).get("abstract") or "").split()
            for i, raw in enumerate(tokens):
                word = raw.strip(".,;:()[]\"'")
                if not re.fullmatch(r"[A-Za-z][a-z\-]+", word):
                    continue
                if word.islower():
                    lower[word] += 1
                    previous = tokens[i - 1].lower() if i else ""
                    following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
                    if previous in {"the", "a", "an", "our", "their", "its", "this"}:
                        after_determiner[word] += 1
                    if (
                        previous in {"we", "it", "which", "that", "they"}
                        or (
                            previous == "to" and following in {"the", "a", "an", "their", "our", "its", "this", "these"}
                        )
                        or (
                            word.endswith(("ing", "es", "ed"))
                            and following in {"the", "a", "an", "their", "our", "its"}
                        )
                    ):
                        as_verb[word] += 1
                elif i > 0 and not tokens[i - 1].endswith((".", ":")):
                    capital_mid[word.lower()] += 1
    words = [w for w, c in lower.most_common() if c >= 5 and capital_mid[w] * 4 < c][:limit]
    (OUT / "common_words.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"common words: {len(words)}")
    verbs = sorted(w for w, c in as_verb.items() if c >= 3 and c > after_determiner[w])
    (OUT / "verbs.txt").write_text("\n".join(verbs) + "\n", encoding="utf-8")
    print(f"verbs: {len(verbs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="ACL corpus JSON Lines (gz) to mine common words from")
    args = parser.parse_args()
    build_patterns()
    if args.corpus:
        build_common_words(args.corpus)


if __name__ == "__main__":
    main()
