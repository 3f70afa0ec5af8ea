"""Extraction quality on data the shipped model never saw: the held-out parts, per set and type.

1. The held-out half of each split gold set (``../shared/gold/cv-dev``, ``acl-dev``; the split is
   :func:`graphkit.extract.train.held_out` on each record's id): P/R/F1 per type, with the default
   pipeline (rules + trained ner) and with ``--rules-only``, side by side.
2. Dataset names in the held-out fifth of the dataset-mention sentences
   (``../shared/data/training/dataset_mentions_train.jsonl``), scored like ``graphkit eval``'s datasets:
   all names, and the names (normalised) that occur nowhere in the training data.

Run: python bench/extract_quality.py [--model PATH] [--gold-dir DIR] [--training DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def gold_figures(nlp, gold_dir: Path) -> list[dict]:
    from graphkit.extract import extract_papers
    from graphkit.extract.evaluate import evaluate, gold_papers, load_gold
    from graphkit.extract.train import SPLIT_SETS, held_out_part

    rows_out = []
    for name in SPLIT_SETS:
        path = gold_dir / f"{name}.gold.jsonl"
        rows = held_out_part(load_gold(path), path)
        papers = gold_papers(rows, [gold_dir])
        scores = evaluate(rows, [r.entities for r in extract_papers(papers, nlp=nlp)])
        for row in scores.rows():
            rows_out.append({"set": f"{name} held-out ({scores.abstracts})", **row})
    return rows_out


def _f1(correct, predicted, found, gold) -> dict:
    p = correct / predicted if predicted else 1.0
    r = found / gold if gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "predicted": predicted, "gold": gold}


def dataset_mention_figures(nlp, training: Path, gold_dir: Path, annotated: Path) -> list[dict]:
    from graphkit.extract import extract_text
    from graphkit.extract.evaluate import normalise, score_kind
    from graphkit.extract.train import DATASET_MENTIONS_HELD_OUT, TrainingData, collect, held_out

    path = training / "dataset_mentions_train.jsonl"
    data = TrainingData(gold=[gold_dir], training=training, annotated=[annotated] if annotated.is_dir() else [],
                        inputs=[ROOT / "seeds"])
    parts = collect(data)
    seen = {normalise(s.text[a:b]) for part in ("train", "dev") for s in parts[part] for a, b, label in s.entities
            if label == "DATASET"}
    total, unseen, ner_total, ner_unseen = [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]
    has_ner = "ner" in nlp.pipe_names
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not held_out(str(row["id"]), DATASET_MENTIONS_HELD_OUT):
            continue
        text = row["text"]
        gold = [[text[e["start"]:e["end"]]] for e in row["entities"]]
        predicted = [[e.name, *e.aliases] for e in extract_text(text, nlp=nlp) if e.kind == "dataset"]
        total = [a + b for a, b in zip(total, score_kind("dataset", predicted, gold))]
        new_gold = [g for g in gold if normalise(g[0]) not in seen]
        new_pred = [p for p in predicted if not any(normalise(f) in seen for f in p)]
        unseen = [a + b for a, b in zip(unseen, score_kind("dataset", new_pred, new_gold))]
        if has_ner:  # the ner's own DATASET entities, before the rules
            alone = [[e.text] for e in nlp(text).ents if e.label_ == "DATASET"]
            ner_total = [a + b for a, b in zip(ner_total, score_kind("dataset", alone, gold))]
            new_alone = [p for p in alone if normalise(p[0]) not in seen]
            ner_unseen = [a + b for a, b in zip(ner_unseen, score_kind("dataset", new_alone, new_gold))]
    name = "dataset-mention held-out sentences"
    rows = [{"set": name, "names": "all", **_f1(*total)}, {"set": name, "names": "never in training", **_f1(*unseen)}]
    if has_ner:
        rows += [{"set": name + ", ner alone", "names": "all", **_f1(*ner_total)},
                 {"set": name + ", ner alone", "names": "never in training", **_f1(*ner_unseen)}]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="pipeline folder (default: the shipped one)")
    parser.add_argument("--gold-dir", type=Path, default=SHARED / "gold")
    parser.add_argument("--training", type=Path, default=SHARED / "data" / "training")
    parser.add_argument("--annotated", type=Path, default=ROOT / "training" / "annotated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from graphkit.extract import build_nlp
    from graphkit.extract.language import RULES_ONLY

    report = {}
    for label, model in (("trained", args.model), ("rules-only", RULES_ONLY)):
        nlp = build_nlp(model)
        started = time.perf_counter()
        report[label] = {"gold": gold_figures(nlp, args.gold_dir),
                         "dataset_mentions": dataset_mention_figures(nlp, args.training, args.gold_dir,
                                                                     args.annotated),
                         "seconds": round(time.perf_counter() - started, 1)}
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for label, figures in report.items():
        print(f"== {label} ({figures['seconds']} s)")
        for row in figures["gold"] + figures["dataset_mentions"]:
            print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
