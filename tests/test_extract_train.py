"""``graphkit train`` end to end on a small slice, the data conversion, and the shipped model in the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.extract import build_nlp, extract_text
from graphkit.extract.language import MODEL_DIR, RULES_ONLY, TRAINED
from graphkit.extract.tokens import blank_english
from graphkit.extract.train import (
    TrainingData,
    collect,
    dataset_mention_samples,
    gold_samples,
    held_out,
    held_out_part,
    scierc_samples,
    to_docbin,
)

DATA = Path(__file__).parent / "data"


def test_gold_forms_become_token_aligned_entities():
    samples = gold_samples(DATA / "acl_dev.gold.jsonl", [DATA])
    assert len(samples) == 30
    sample = next(s for s in samples if "CLAN" in s.text)
    marked = {sample.text[a:b]: label for a, b, label in sample.entities}
    assert marked["CLAN"] == "METHOD"
    assert marked["Conditional Language Adversarial Network"] == "METHOD"
    nlp = blank_english()
    doc = next(iter(to_docbin([sample], nlp).get_docs(nlp.vocab)))
    assert {(e.text, e.label_) for e in doc.ents} >= {("CLAN", "METHOD")}


def test_scierc_and_dataset_mentions_are_mapped(tmp_path):
    scierc = tmp_path / "scierc_train.jsonl"
    text = "We apply CRF and a statistical approach to parsing on the Penn Treebank corpus ."
    ents = [("CRF", "Method"), ("statistical approach", "Method"), ("parsing", "Task"),
            ("Penn Treebank corpus", "Material")]
    scierc.write_text(json.dumps({"doc_key": "x", "text": text, "entities": [
        {"start": text.index(s), "end": text.index(s) + len(s), "label": label} for s, label in ents]}) + "\n")
    (sample,) = scierc_samples(scierc)
    assert {text[a:b]: label for a, b, label in sample.entities} == {
        "CRF": "METHOD", "parsing": "TASK", "Penn Treebank": "DATASET"}
    assert [text[a:b] for a, b in sample.missing] == ["statistical approach"]  # generic: neither entity nor not

    mentions = tmp_path / "dataset_mentions_train.jsonl"
    text = "Results on IndBAN and IndDEV dataset beat ResNet ."
    span = "IndBAN and IndDEV dataset"
    mentions.write_text(json.dumps({"id": "dm-1", "text": text, "entities": [
        {"start": text.index(span), "end": text.index(span) + len(span), "label": "Dataset"}]}) + "\n")
    (sample,) = dataset_mention_samples(mentions)
    assert [text[a:b] for a, b, _ in sample.entities] == ["IndBAN", "IndDEV"]
    assert "ResNet" in [text[a:b] for a, b in sample.missing]  # maybe a method: the set does not say


def test_held_out_records_are_never_trained_on(tmp_path):
    (tmp_path / "cv-dev.jsonl").write_text((DATA / "acl_dev.jsonl").read_text())
    rows = [{**json.loads(line), "source": "cv-dev.jsonl"}
            for line in (DATA / "acl_dev.gold.jsonl").read_text().splitlines()]
    with (tmp_path / "cv-dev.gold.jsonl").open("w") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    parts = collect(TrainingData(gold=[tmp_path]))
    trained = {s.ident for s in parts["train"] + parts["dev"]}
    kept_out = {s.ident for s in parts["held_out"]}
    assert kept_out and trained and not trained & kept_out
    assert all(held_out(ident) for ident in kept_out)
    assert len(held_out_part(rows, tmp_path / "cv-dev.gold.jsonl")) == len(kept_out)


@pytest.mark.slow
def test_train_a_tiny_model_end_to_end(tmp_path, monkeypatch):
    """`graphkit train` on 30 abstracts for a few steps writes a pipeline that `--model` runs beside the rules."""
    monkeypatch.chdir(tmp_path)  # no ../shared/gold, training/annotated or seeds here: only --gold is read
    out = tmp_path / "tiny"
    result = CliRunner().invoke(cli, ["train", "--gold", str(DATA / "acl_dev.gold.jsonl"), "--inputs", str(DATA),
                                      "-o", str(out), "--max-steps", "30"])
    assert result.exit_code == 0, result.output
    assert (out / "config.cfg").is_file() and (out / "ner").is_dir()
    nlp = build_nlp(str(out))
    assert nlp.pipe_names[0] == "ner" and nlp.pipe_names[-1] == "graphkit_classifier"
    assert set(nlp.get_pipe("ner").labels) == {"METHOD", "DATASET", "TASK", "VENUE"}
    result = CliRunner().invoke(cli, ["eval", str(DATA / "acl_dev.gold.jsonl"), str(DATA), "--model", str(out),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["abstracts"] == 30


def test_shipped_model_is_package_data_and_small():
    files = [p for p in MODEL_DIR.rglob("*") if p.is_file()]
    assert (MODEL_DIR / "config.cfg").is_file() and (MODEL_DIR / "ner" / "model").is_file()
    assert sum(p.stat().st_size for p in files) <= 25 * 2**20
    assert set(spacy.load(MODEL_DIR).get_pipe("ner").labels) == {"METHOD", "DATASET", "TASK", "VENUE"}


#: a task the trained ner marks, a method name only it sees, and a task the lexicon knows
SHIPPED_EXAMPLE = ("The Quokka tagger is trained with Zorblat embeddings for code-switched emotion tagging. "
                   "We tackle temporal relation extraction.")


def test_trained_pipeline_runs_the_shipped_ner_beside_the_rules():
    assert "ner" in build_nlp(TRAINED).pipe_names
    assert "ner" not in build_nlp(RULES_ONLY).pipe_names
    text = SHIPPED_EXAMPLE
    trained = build_nlp(TRAINED)
    assert ("Zorblat embeddings", "METHOD") in {(e.text, e.label_) for e in trained(text).ents}
    entities = extract_text(text, nlp=trained)
    by_rule = {ev.rule: e for e in entities for ev in e.evidence}
    assert "model" in by_rule, [(e.name, [ev.rule for ev in e.evidence]) for e in entities]
    found = by_rule["model"]
    assert (found.kind, found.name) == ("task", "code-switched emotion tagging")
    for ev in found.evidence:
        assert text[ev.start:ev.end] in [found.name, *found.aliases]
        assert ev.sentence in text
    # the ner's METHOD spans only confirm rule candidates: a method name no rule proposes is not taken
    assert "Zorblat embeddings" not in {e.name for e in entities}
    rules = {(e.kind, e.name) for e in extract_text(text, nlp=build_nlp(RULES_ONLY))}
    assert ("task", "temporal relation extraction") in rules
    assert by_rule["lexicon"].name == "temporal relation extraction"  # the rules' mentions stay


def test_rules_only_and_model_exclude_each_other():
    result = CliRunner().invoke(cli, ["extract", str(DATA / "acl_dev.jsonl"), "--rules-only", "--model", "x"])
    assert result.exit_code != 0 and "exclude each other" in result.output and "Traceback" not in result.output
