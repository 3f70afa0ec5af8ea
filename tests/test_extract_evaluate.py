"""The gold scoring function on small hand cases, and gold abstracts found in the input files."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import GraphkitError
from graphkit.extract.evaluate import Scores, evaluate, gold_papers, load_gold, normalise, score_kind
from graphkit.model import Entity


@pytest.mark.parametrize(
    "a, b",
    [("The KITTI 3D detection benchmark", "KITTI 3D detection"), ("Graph Neural Networks", "graph neural network"),
     ("VQA-CP v2", "vqa cp v2".replace(" ", "", 1)), ("SR-Rec fusion module", "SR-Rec fusion"),
     ("Multimodal Sentiment Analysis", "multimodal sentiment analysis"), ("ImageNet dataset", "ImageNet")],
)
def test_normalise_equal(a, b):
    assert normalise(a) == normalise(b)


def test_normalise_keeps_distinct_names_apart():
    assert normalise("sentiment analysis") != normalise("multimodal sentiment analysis")
    assert normalise("the") == "the"


def test_score_kind_alias_matching_and_counts():
    gold = [["multimodal information bottleneck", "MIB"], ["Transformer"]]
    assert score_kind("method", [["MIB"]], gold) == (1, 1, 1, 2)
    assert score_kind("method", [["MIB"], ["Transformers"], ["BERT"]], gold) == (2, 3, 2, 2)


def test_lower_case_methods_and_datasets_are_not_scored_but_tasks_are():
    assert score_kind("method", [["triplet loss"], ["BERT"]], [["triplet loss"]]) == (0, 1, 0, 0)
    assert score_kind("dataset", [], [["our new corpus"]]) == (0, 0, 0, 0)
    assert score_kind("task", [["relation extraction"]], [["relation extraction"]]) == (1, 1, 1, 1)


def test_two_predictions_of_one_gold_entity():
    gold = [["Graph Neural Networks", "GNNs"]]
    assert score_kind("method", [["GNN"], ["Graph Neural Network"]], gold) == (2, 2, 1, 1)


def test_scores_precision_recall_f1():
    scores = Scores()
    scores.add("task", (3, 4, 3, 6))
    p, r, f = scores.prf("task")
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.75, 0.5, 0.6)
    assert scores.prf("venue") == (1.0, 1.0, 1.0)  # nothing predicted, nothing to find


def test_evaluate_over_records():
    gold = [{"methods": [["BERT"]], "datasets": [["SQuAD"]], "tasks": [], "venues": []}]
    predictions = [[Entity(kind="method", key="bert", name="BERT"), Entity(kind="dataset", key="glue", name="GLUE")]]
    scores = evaluate(gold, predictions)
    assert scores.counts["method"] == [1, 1, 1, 1]
    assert scores.counts["dataset"] == [0, 1, 0, 1]


def test_gold_papers_match_by_source_and_start_in_file_order(tmp_path):
    papers = tmp_path / "papers.jsonl"
    rows = [{"abstract": "Same start but first."}, {"abstract": "Other text."}, {"abstract": "Same start but second."}]
    papers.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    gold = [{"source": "papers.jsonl", "index": i, "abstract_start": "Same start"} for i in (0, 2)]
    found = gold_papers(gold, [tmp_path])
    assert [p.abstract for p in found] == ["Same start but first.", "Same start but second."]


def test_gold_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "x"}\nnot json\n')
    with pytest.raises(GraphkitError, match="bad.jsonl:1"):
        load_gold(bad)
    with pytest.raises(GraphkitError, match="not found"):
        gold_papers([{"source": "missing.txt", "abstract_start": "x"}], [tmp_path])
