"""Unit tests of the extraction components: abbreviations, lexicon, names, context, classifier."""

from __future__ import annotations

import inspect
import string
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract import build_nlp, default_nlp, extract_text, tokens
from graphkit.extract.candidates import SPANS_KEY
from graphkit.extract.components import find_long_form
from graphkit.extract.tokens import word_shape


@pytest.fixture(scope="module")
def nlp():
    return default_nlp()


def spans(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[SPANS_KEY]]


def by_name(entities):
    return {e.name: e for e in entities}


def test_schwartz_hearst_long_form():
    window = "we introduce the multimodal information bottleneck"
    assert window[find_long_form("MIB", window):] == "multimodal information bottleneck"
    assert window[find_long_form("IB", window):] == "information bottleneck"
    assert find_long_form("QZ", window) is None


@pytest.mark.parametrize(
    "word, shape",
    [("SemanticMAC", "name"), ("PSA-Det3D", "name"), ("GNNs", "name"), ("Cross-Modal", "title"),
     ("Transformer", "title"), ("fusion", "lower"), ("1.6M", "other"), ("https://github.com/x/y", "other"),
     ("\\textbf{M}", "other"), ("dA", "other")],
)
def test_word_shape(word, shape):
    assert word_shape(word) == shape


def _word_shape_without_fast_path():
    """``word_shape`` compiled again without its first block (the plain-word shortcut)."""
    source = textwrap.dedent(inspect.getsource(tokens.word_shape.__wrapped__))
    start = source.index("    if text.isascii() and text.isalpha():")
    end = source.index("    letters = [c for c in text if c.isalpha()]")
    namespace = dict(vars(tokens))
    exec(source[:start] + source[end:], namespace)
    return namespace["word_shape"]


_FULL_RULES = _word_shape_without_fast_path()


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=10) | st.sampled_from(
    ["I", "V", "X", "Ix", "github", "Github", "Fscores", "Fmeasures", "MacCartney", "AI", "English", "Table"]
))
def test_word_shape_shortcut_gives_the_full_rules_answer(word):
    assert tokens.word_shape.__wrapped__(word) == _FULL_RULES(word)


def test_abbreviation_long_form_first(nlp):
    doc = nlp("To this end, we introduce the multimodal information bottleneck (MIB). Our MIB is simple.")
    pairs = [(long.text, short.text) for long, short in doc._.graphkit_abbreviations]
    assert pairs == [("multimodal information bottleneck", "MIB")]
    found = spans(nlp, doc.text)
    assert ("multimodal information bottleneck", "METHOD", "abbreviation:long") in found
    assert ("MIB", "METHOD", "abbreviation:use") in found


def test_abbreviation_short_form_first(nlp):
    doc = nlp("We build on MIB (multimodal information bottleneck) for fusion.")
    assert [(long.text, short.text) for long, short in doc._.graphkit_abbreviations] == [
        ("multimodal information bottleneck", "MIB")
    ]
    entity = by_name(extract_text(doc.text))["multimodal information bottleneck"]
    assert entity.kind == "method" and entity.aliases == ["MIB"]


def test_abbreviation_of_a_task_is_a_task(nlp):
    found = spans(nlp, "Existing Multivariate Time Series Anomaly Detection (MTSAD) frameworks rely on graphs.")
    assert ("Multivariate Time Series Anomaly Detection", "TASK", "abbreviation:long") in found
    assert ("MTSAD", "TASK", "abbreviation:short") in found


def test_spelled_out_non_entity_is_dropped(nlp):
    found = spans(nlp, "In the pathway toward Artificial General Intelligence (AGI), models matter.")
    assert not [s for s in found if "Intelligence" in s[0] or s[0] == "AGI"]


def test_lexicon_knows_methods_datasets_venues(nlp):
    found = {
        text: label
        for text, label, _ in spans(nlp, "We fine-tune RoBERTa and ResNet-50 on ImageNet and CMU-MOSEI, as at EMNLP.")
    }
    assert found["RoBERTa"] == "METHOD"
    assert found["ResNet-50"] == "METHOD"
    assert found["ImageNet"] == "DATASET"
    assert found["CMU-MOSEI"] == "DATASET"
    assert found["EMNLP"] == "VENUE"


def test_lexicon_match_must_be_a_whole_word(nlp):
    found = [t for t, _, _ in spans(nlp, "We compare AR-LDM with LLaVA-1.5-7B.")]
    assert "AR-LDM" in found and "LLaVA-1.5-7B" in found
    assert "LDM" not in found and "LLaVA-1.5" not in found


def test_name_shapes_become_methods(nlp):
    found = {
        t: label
        for t, label, _ in spans(nlp, "We propose SemanticMAC and the Affective Perceiver, built on PSA-Det3D.")
    }
    assert found["SemanticMAC"] == "METHOD"
    assert found["PSA-Det3D"] == "METHOD"
    assert found["Affective Perceiver"] == "METHOD"


def test_context_on_the_x_dataset(nlp):
    found = spans(nlp, "Results on the FooBar dataset and the KITTI 3D detection benchmark are strong.")
    assert ("FooBar", "DATASET", "context:on_the_X_dataset") in found
    assert ("KITTI 3D detection benchmark", "DATASET", "context:on_the_X_dataset") in found


def test_context_dataset_lists(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp,
            "We use benchmarks such as QuuxQA, ZedSet and BlorpBench. Experiments on FooNet and BarSet datasets "
            "follow.",
        )
    }
    for name in ("QuuxQA", "ZedSet", "BlorpBench", "FooNet", "BarSet"):
        assert found[name] == "DATASET", name


def test_context_shared_task_and_venue_year(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp, "Our system ranked first in the FooEval-2021 shared task and appears at CVPR 2023."
        )
    }
    assert found["FooEval-2021 shared task"] == "VENUE"
    assert found["CVPR 2023"] == "VENUE"


def test_context_termed_and_appositive(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp, "We design a new module, termed Zorblax. We collect MER-Bench, a benchmark of memes."
        )
    }
    assert found["Zorblax"] == "METHOD"
    assert found["MER-Bench"] == "DATASET"


def test_task_phrases(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp,
            "This improves multimodal sentiment analysis and skeleton-based action recognition, not accurate "
            "prediction.",
        )
    }
    assert found["multimodal sentiment analysis"] == "TASK"
    assert found["skeleton-based action recognition"] == "TASK"
    assert "accurate prediction" not in found


def test_heads_decide_kind(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp, "We release the Zyx Corpus and train the Qwerty Network on it for the Foo Challenge."
        )
    }
    assert found["Zyx Corpus"] == "DATASET"
    assert found["Qwerty Network"] == "METHOD"
    assert found["Foo Challenge"] == "VENUE"


def test_citations_and_urls_are_not_names(nlp):
    found = [
        t
        for t, _, _ in spans(
            nlp, "As shown by Henderson & McCready (2018), see https://github.com/Foo/BarNet for code."
        )
    ]
    assert found == []


def test_evidence_offsets_and_rules():
    abstract = ("Multimodal sentiment analysis is hard. We propose the Dual Co-Attention Network (Dual-CAN) "
                "and evaluate Dual-CAN with BERT on SQuAD and the CMU-MOSI dataset.")
    entities = extract_text(abstract)
    assert entities
    for entity in entities:
        for ev in entity.evidence:
            mention = abstract[ev.start:ev.end]
            assert mention in [entity.name, *entity.aliases]
            assert mention in ev.sentence and ev.sentence in abstract
            assert ev.rule
    dual = by_name(entities)["Dual Co-Attention Network"]
    assert [abstract[e.start:e.end] for e in dual.evidence] == ["Dual Co-Attention Network", "Dual-CAN", "Dual-CAN"]
    assert [e.rule for e in dual.evidence] == ["abbreviation:long", "abbreviation:short", "abbreviation:use"]


def test_method_roles():
    entities = by_name(extract_text(
        "We propose FlowNetX, a new model. It builds on BERT and outperforms RoBERTa. Our FlowNetX is fast."))
    assert entities["FlowNetX"].role == "proposes"
    assert entities["Bidirectional Encoder Representations from Transformers"].role == "uses"
    assert entities["RoBERTa"].role == "uses"


def test_build_nlp_unknown_model_is_a_clear_error():
    from graphkit.errors import ExtractionError

    with pytest.raises(ExtractionError, match="cannot load spaCy pipeline 'no_such_pipeline_xyz'"):
        build_nlp("no_such_pipeline_xyz")


@pytest.mark.parametrize(
    "text",
    [
        "We study BERT. It works! Does it?  Yes... e.g. this. (See Fig. 2.) Done.\n\nNext para 。Last",
        "",
        "no final punctuation",
        "Results on SQuAD v1.1.Then more text?!... “Quoted.” End",
    ],
)
def test_fast_sentencizer_splits_like_spacy(text):
    import spacy

    reference = spacy.blank("en")
    reference.tokenizer = build_nlp().tokenizer
    reference.add_pipe("sentencizer")
    ours = build_nlp()
    assert [s.text for s in ours(text).sents] == [s.text for s in reference(text).sents]


def test_lexicon_matches_short_names_as_written_and_phrases_in_any_case(nlp):
    doc = nlp("We use BERT, not bert, for Sentiment Analysis.")
    found = {(s.text, s.label_) for s in doc.spans["graphkit_lexicon"]}
    assert ("BERT", "METHOD") in found
    assert all(text != "bert" for text, _ in found)
    assert ("Sentiment Analysis", "TASK") in found


def test_task_phrase_drops_evaluative_and_process_modifiers(nlp):
    tasks = lambda text: [e.name for e in extract_text(text, nlp) if e.kind == "task"]  # noqa: E731
    assert tasks("We propose adaptive interaction modeling for multimodal sentiment analysis.") == [
        "multimodal sentiment analysis"
    ]
    assert "modern drug discovery" not in tasks("It matters for modern drug discovery.")
    assert not any(t.startswith("four-stage") for t in tasks("A four-stage post-training speech recognition recipe."))
    assert tasks("We obtain high quality POS tagging.") == ["part-of-speech tagging"]
    assert "machine translation" in tasks("It helps applications like machine translation.")


def tasks_of(nlp, text):
    return [e.name for e in extract_text(text, nlp) if e.kind == "task"]


def test_generic_task_phrase_needs_a_task_context(nlp):
    # "keyphrase extraction" has a generic head and one modifier: kept beside a task in a list, or after a task cue
    listed = tasks_of(nlp, "It covers keyphrase extraction, relation classification, and summary generation.")
    assert listed == ["keyphrase extraction", "relation classification", "summary generation"]
    assert tasks_of(nlp, "We tackle multi-value alignment.") == ["multi-value alignment"]
    assert tasks_of(nlp, "We use an existing tool for term extraction and taxonomy generation.") == [
        "term extraction", "taxonomy generation"
    ]
    assert tasks_of(nlp, "The score improves with feature extraction.") == []
    assert tasks_of(nlp, "Each step uses path-based classification.") == []


def test_task_phrase_modifiers_and_heads(nlp):
    assert "3D human avatar reconstruction" in tasks_of(
        nlp, "Moreover, 3D human avatar reconstruction typically requires videos."
    )
    assert "anomaly localization" in tasks_of(
        nlp, "To evaluate this anomaly localization capability, we build a benchmark."
    )
    assert tasks_of(nlp, "This yields truly multilingual speech recognition.") == ["multilingual speech recognition"]
    assert "cross-view geo-localization" in tasks_of(
        nlp, "Existing cross-view geo-localization methods focus on matching."
    )
    assert "question-answering" in " ".join(
        tasks_of(nlp, "Experiments on open multimodal question-answering datasets.")
    )
    assert tasks_of(nlp, "Less attention is paid to the spatial over-generalization problem.") == []
    assert tasks_of(nlp, "It relies on time-wise detection.") == []
    assert not any(
        "stemming" in t
        for t in tasks_of(nlp, "Errors arise from inadequate shot-aware generation stemming from noise.")
    )


def test_capitalised_name_before_a_component_head_is_a_method(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp, "Specifically, we design a Face Info Mining module to extract facial information."
        )
    }
    assert found["Face Info Mining module"] == "METHOD"
    titled = {
        t: label for t, label, _ in spans(nlp, "We propose E3RG, an Explicit Empathetic Response Generation System.")
    }
    assert "TASK" not in titled.values()


def test_apposition_naming_a_task(nlp):
    found = {
        t: label
        for t, label, _ in spans(
            nlp, "We introduce Meme Reappraisal, a novel multimodal generation task that reframes memes."
        )
    }
    assert found["Meme Reappraisal"] == "TASK"


def test_long_forms_listed_with_methods_are_methods(nlp):
    text = ("Our DMIC integrates Modality-Camera Invariant Expansion (MIE), Dynamic Neighborhood Clustering (DNC) "
            "and Hybrid Modality Contrastive Learning (HMCL) into a unified framework.")
    kinds = {e.name: e.kind for e in extract_text(text, nlp)}
    assert kinds["Dynamic Neighborhood Clustering"] == "method"
    # a list of task long forms stays a list of tasks
    tasks = "We evaluate on Visual Question Answering (VQA) and Multimodal Sentiment Analysis (MSA)."
    assert {e.kind for e in extract_text(tasks, nlp)} == {"task"}


def test_abstract_heads_name_no_method(nlp):
    found = [
        t
        for t, label, _ in spans(nlp, "We identify the Motion-Vision Quality Dilemma in the Training Process.")
        if label == "METHOD"
    ]
    assert found == []


def test_resolution_reads_the_same_mentions_as_the_spans(nlp):
    from graphkit.extract.candidates import MENTIONS_KEY
    from graphkit.extract.resolve import entities_from_doc

    text = ("We propose the Dual Co-Attention Network (Dual-CAN) for fake news detection and test "
            "Dual-CAN and BERT on the LIAR dataset at ACL 2020.")
    doc = nlp(text)
    fast = entities_from_doc(doc)
    del doc.user_data[MENTIONS_KEY]  # falls back to reading doc.spans["graphkit"]
    assert entities_from_doc(doc) == fast
    assert [(m.start, m.end, m.label_) for m in nlp(text).user_data[MENTIONS_KEY]] == [
        (s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]
    ]


def test_debris_of_a_scraped_paper_names_nothing():
    """Footnotes, URLs (also broken by a space) and grant numbers of text scraped from a PDF are no methods."""
    text = ("We propose SimNet for depth estimation. *Corresponding author. †Joint Corresponding Authors. "
            "Code: https://github. com/driskai/BGFormer and https://github.com/ LuisBolanos17/GaussianShadowCasting. "
            "This work was supported by the Foundation under Grant 2021L003 (Open Project: 2022LYKFZD06).")
    names = [(e.kind, e.name) for e in extract_text(text)]
    assert ("method", "SimNet") in names
    assert [n for n in names if n[0] == "method"] == [("method", "SimNet")]
    # "no" and "under" alone are no grant: "with no CLIP features under a frozen encoder"
    kept = extract_text("We train SimNet with no CLIP features under a frozen encoder.")
    assert {"SimNet", "Contrastive Language-Image Pre-training"} <= {e.name for e in kept}


def test_a_name_listed_among_known_datasets_or_set_apart_as_one_is_a_dataset():
    listed = "We report zero-shot transfer on LVIS, COCO, Object365, and OpenImages."
    assert ("dataset", "Object365") in [(e.kind, e.name) for e in extract_text(listed)]
    apposed = "To this end, we introduce OpenStreetView-5M, a large-scale, open-access dataset of street views."
    assert ("dataset", "OpenStreetView-5M") in [(e.kind, e.name) for e in extract_text(apposed)]
    apposed = "We introduce the VideoCon, a video-language alignment dataset with contrast captions."
    assert ("dataset", "VideoCon") in [(e.kind, e.name) for e in extract_text(apposed)]


def test_a_short_acronym_nothing_defines_is_no_method():
    text = "Learners of L2 English answered MCQs on CT scans. We propose QZF, which beats Graph Neural Networks (GNNs)."
    methods = {e.name for e in extract_text(text) if e.kind == "method"}
    assert not methods & {"L2", "MCQs", "CT"}
    assert {"QZF", "Graph Neural Networks"} <= methods  # proposed, defined


def test_a_metric_with_a_variant_is_no_method():
    text = "Our QZFormer improves BLEU_4 by 2 points and APrare by 3, at 1.8 GFLOPs and lower FPR95."
    methods = {e.name for e in extract_text(text) if e.kind == "method"}
    assert "QZFormer" in methods
    assert not methods & {"BLEU_4", "APrare", "GFLOPs", "FPR95"}
