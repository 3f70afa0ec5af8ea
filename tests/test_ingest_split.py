"""Title/author splits of compact listings on hard cases, each written out by hand."""

from __future__ import annotations

import pytest

from graphkit.ingest import split_title_authors

CASES = [
    # title ending in an acronym, a digit, punctuation
    ("Visual Question Answering Benchmarks for VQA", ["Zujie Liang", "Haifeng Hu"]),
    ("Pre-training Deep Bidirectional Transformers: BERT", ["Jacob Devlin", "Ming-Wei Chang"]),
    ("Technical Report on GPT-4", ["Sébastien Bubeck"]),
    ("ResNet v2", ["Kaiming He"]),
    ("Is Attention All You Need?", ["Ashish Vaswani", "Noam Shazeer"]),
    ("Dummy-Aware Weighted Attack (DAWA)", ["Yunrui Yu", "Xuxiang Feng"]),
    ("Learning to Count.", ["Ada Lovelace"]),
    ("Question Answering (QA)", ["J. R. Smith"]),
    # CamelCase and hyphenated endings
    ("Optical Flow with FlowNet", ["Xichen Pan", "Pengda Qin"]),
    ("Agents from DeepMind", ["Élodie Martin"]),
    ("Hierarchical Disentangled Self-Attention", ["Wenhu Chen", "Jianshu Chen"]),
    ("Better Language-Image Pre-training", ["Muhe Ding", "Yang Ma"]),
    ("Scaling LLaMa", ["Ge-Peng Ji"]),
    ("Tuning RoBERTa", ["Huy Dao Quang"]),
    # roman numerals
    ("Pattern Recognition Part II", ["Ian Goodfellow"]),
    ("Pattern Recognition Part III", ["Ivan Petrov"]),
    ("Chapter IV", ["Xin Wang"]),
    # names: initials, accents, particles, CamelCase given names, initials without dots
    ("Robust Parsing", ["J. R. Smith", "K. Lee"]),
    ("Robust Parsing", ["Jan van der Berg", "María de la Cruz"]),
    ("Robust Parsing", ["Élodie Dupont", "Jörg Tiedemann"]),
    ("Early Detection of Sexual Predators", ["EunJeong Hwang", "Sangwon Ryu"]),
    ("Grapheme-to-Phoneme Conversion", ["Omnia ElSaadany", "Benjamin Suter"]),
    ("Documents", ["SM Mazharul Islam", "Xin Dong"]),
    ("Text Classification", ["Nithish Ariyha K", "Eshwanth Karti T R"]),
    ("Emotion Recognition", ["Jackie CK Cheung", "Yi-Ting (Alicia) Tsai"]),
    ("Opinion Mining", ["Florence d’Alché-Buc", "Lewis O’Sullivan"]),
    ("Annotation of Arabic", ["Hani Al-Omari", "Jennifer DeCamp", "Ronald McDonald"]),
    ("Chinese Word Segmentation", ["王小明", "Li Wei"]),
    ("Machine Translation", ["Jiun-hao Jhan", "Marta R. Costa-jussà"]),
    ("Psychosemantics of ‘Most’", ["Lewis O’Sullivan"]),
    ("Hate Speech Detection", ["Malliga S", "Kogilavani Shanmugavadivel"]),
    ("Cross-Lingual Summarization", ["Supryadi", "Chuang Liu"]),
    ("Cold-Start and Hard-to-Resolve Addresses via Deep Metric Learning", ["Govind", "Saurabh Sohoney"]),
    ("Knowledge Graph Embeddings", ["Omar Mohamed", "Ravi teja Tasubilli"]),
]


@pytest.mark.parametrize("truncated", [False, True])
@pytest.mark.parametrize("title, authors", CASES)
def test_split(title, authors, truncated):
    line = title + ", ".join(authors) + (" et al." if truncated else "")
    assert split_title_authors(line) == (title, authors, truncated)


@pytest.mark.parametrize("line", ["no capital glued anywhere", "Title Only", "Title Ada Lovelace"])
def test_no_split_is_an_error(line):
    with pytest.raises(ValueError, match="expected a title glued to an author list"):
        split_title_authors(line)

