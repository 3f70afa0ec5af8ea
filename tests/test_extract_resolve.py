"""Resolution: acronym and long form, case, plural, hyphen and spacing variants merge; keys are shared."""

from __future__ import annotations

from graphkit.extract import extract_papers, extract_text
from graphkit.extract.resolve import merge_key
from graphkit.keys import entity_key
from graphkit.model import Paper


def by_kind(entities, kind):
    return [e for e in entities if e.kind == kind]


def test_merge_key_ignores_case_plural_hyphen_spacing():
    assert merge_key("Graph Neural Networks") == merge_key("graph-neural network")
    assert merge_key("GNNs") == merge_key("GNN")
    assert merge_key("multi-modal fusion") == merge_key("multimodal fusion")
    assert merge_key("MLLMs") != merge_key("MLLM-based system")


def test_acronym_and_long_form_are_one_entity_with_long_form_canonical():
    text = ("We introduce the Textual Semantic Prototype (TSP) module. TSP aligns features, "
            "and the TSPs are shared.")
    methods = by_kind(extract_text(text), "method")
    assert len(methods) == 1
    tsp = methods[0]
    assert tsp.name == "Textual Semantic Prototype"
    assert set(tsp.aliases) == {"TSP", "TSPs"}
    assert tsp.key == entity_key("Textual Semantic Prototype")
    assert len(tsp.evidence) == 4


def test_case_and_plural_variants_merge():
    text = "Graph neural networks (GNNs) are popular. A GNN over graphs beats other Graph Neural Networks."
    methods = by_kind(extract_text(text), "method")
    assert len(methods) == 1
    assert {"GNNs", "GNN"} <= set(methods[0].aliases) | {methods[0].name}


def test_lexicon_aliases_merge_to_one_canonical_entity():
    text = "We compare a Vision Transformer with ViT-based baselines and with ViTs trained longer."
    methods = by_kind(extract_text(text), "method")
    vit = [m for m in methods if m.key == entity_key("Vision Transformer")]
    assert len(vit) == 1 and vit[0].name == "Vision Transformer"


def test_same_entity_gets_same_key_across_papers():
    papers = [
        Paper(source="a", index=0, id="p1", abstract="We evaluate on the CMU-MOSEI dataset with an LSTM."),
        Paper(source="a", index=1, id="p2", abstract="Long Short-Term Memory (LSTM) networks do well on CMU-MOSEI."),
        Paper(source="b", index=0, id="p3", abstract="LSTMs were trained on CMU-MOSEI."),
    ]
    results = list(extract_papers(papers))
    assert [r.paper.id for r in results] == ["p1", "p2", "p3"]
    dataset_keys = {e.key for r in results for e in r.entities if e.kind == "dataset"}
    method_keys = {e.key for r in results for e in r.entities if e.kind == "method"}
    assert dataset_keys == {entity_key("CMU-MOSEI")}
    assert method_keys == {entity_key("Long Short-Term Memory")}


def test_to_dict_has_the_extract_output_shape():
    paper = Paper(source="s", index=0, id="p", abstract="We propose FooNet for machine translation on WMT14.")
    record = next(extract_papers([paper])).to_dict()
    assert record["abstract"] == paper.abstract
    assert set(record["entities"]) == {"methods", "datasets", "tasks", "venues"}
    (method,) = record["entities"]["methods"]
    assert method["name"] == "FooNet" and method["role"] == "proposes"
    assert method["evidence"][0] == {"sentence": paper.abstract, "start": 11, "end": 17, "rule": "shape:name"}
    assert [t["name"] for t in record["entities"]["tasks"]] == ["machine translation"]


def test_a_dataset_keeps_the_head_it_is_called_by_as_an_alias():
    text = ("We evaluate our methods on the TREC GOV2 collection. Faces come from the Yale face database, "
            "digits from the IMM face data set, and we report results on the MSCOCO validation set.")
    datasets = {e.name: e.aliases for e in by_kind(extract_text(text), "dataset")}
    assert datasets["TREC GOV2"] == ["TREC GOV2 collection"]
    assert "MSCOCO validation set" in datasets["COCO"]  # the lexicon's name, the split as written
    # a name with lower-case words before its head is found with the head
    assert {"Yale face database", "IMM face data set"} <= set(datasets)


def test_a_task_phrase_around_a_known_task_keeps_the_known_task_as_an_alias():
    text = "We compare off-the-shelf language identification tools on 40 languages."
    tasks = by_kind(extract_text(text), "task")
    assert [(t.name, t.aliases) for t in tasks] == [("off-the-shelf language identification",
                                                     ["language identification"])]
