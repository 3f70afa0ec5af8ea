"""A trained pipeline given by path: its senter decides the sentences the graphkit components use."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from graphkit.extract import build_nlp, extract_text


@pytest.fixture(scope="module")
def trained_path(tmp_path_factory):
    """Train a tiny senter that starts a sentence after ";" (the sentencizer never does) and save it."""
    nlp = spacy.blank("en")
    nlp.add_pipe("senter")
    vocabulary = "we test models on data and report scores for tasks BERT SQuAD".split()
    rng = random.Random(0)
    examples = []
    for _ in range(20):
        text = " ".join(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 6))) + " ;" for _ in range(3))
        doc = nlp.make_doc(text)
        starts, previous = [], ";"
        for token in doc:
            starts.append(1 if previous == ";" else 0)
            previous = token.text
        examples.append(Example.from_dict(doc, {"sent_starts": starts}))
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = 0.01
    for _ in range(40):
        nlp.update(examples, sgd=optimizer)
    path = tmp_path_factory.mktemp("pipeline") / "tiny_senter"
    nlp.to_disk(path)
    return path


def test_trained_pipeline_path_supplies_the_sentences(trained_path):
    nlp = build_nlp(str(trained_path))
    assert nlp.pipe_names[0] == "senter"
    assert "sentencizer" not in nlp.pipe_names
    assert nlp.pipe_names[-1] == "graphkit_classifier"
    text = "we test BERT on data ; we report scores on SQuAD ; tasks"
    sentences = [s.text for s in nlp(text).sents]
    assert len(sentences) >= 2  # split at ";": the trained senter, not the rule-based sentencizer
    entities = extract_text(text, nlp=nlp)
    assert {e.kind for e in entities} >= {"method", "dataset"}
    for entity in entities:
        for ev in entity.evidence:
            assert ev.sentence in sentences
            assert text[ev.start:ev.end] in [entity.name, *entity.aliases]
    squad = next(e for e in entities if e.kind == "dataset")
    assert ";" not in squad.evidence[0].sentence.rstrip(" ;")


def test_saved_extraction_pipeline_round_trips(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "graphkit_nlp")
    loaded = spacy.load(tmp_path / "graphkit_nlp")
    text = "We evaluate RoBERTa on the CMU-MOSI dataset."
    docs = [nlp(text), loaded(text)]
    found = [[(s.text, s.label_) for s in doc.spans["graphkit"]] for doc in docs]
    assert found[0] == found[1] == [("RoBERTa", "METHOD"), ("CMU-MOSI", "DATASET")]
