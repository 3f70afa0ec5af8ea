"""Hostile text terminates in bounded time and memory; a long run does not grow the string store."""

from __future__ import annotations

import random
import time
import tracemalloc

import pytest

from graphkit.extract import default_nlp, extract_papers, extract_text
from graphkit.extract.pipeline import MAX_CHARS
from graphkit.model import Paper

SENTENCE = "We propose FooNet (FN), evaluated on the ImageNet dataset for image classification. "

HOSTILE = {
    "empty": "",
    "spaces": " \n\t " * 1000,
    "one_mb": SENTENCE * (1_000_000 // len(SENTENCE)),
    "one_mb_no_spaces": "A" * 1_000_000,
    "one_mb_brackets": "X (" * 300_000,
    "control_characters": "".join(chr(c) for c in range(32)) * 200 + "BERT\x00on\x07SQuAD\x1b[31m",
    "tex": r"We propose \textbf{M}odel $\mathcal{L}_{\text{CE}}$ \cite{foo} \url{https://x.org/a_b} {{{{ }}}} " * 400,
    "html": '<p onclick="alert(1)">We use <b>BERT</b> &amp; <script>x()</script> on <i>SQuAD</i></p>' * 500,
    "chinese": "基于强化学习的古今汉语句子对齐研究。我们提出了一种新方法(ABC)。" * 300,
    "arabic_rtl": "نقترح نموذجا جديدا للترجمة الآلية \u202e BERT \u202c" * 300,
    "acronym_storm": " ".join(f"Alpha Beta Gamma (AB{i:04d})" for i in range(20000)),
    "challenge_storm": "Foo Challenge " * 40000,
    "dataset_storm": "on A1 , B2 , C3 datasets such as " * 20000,
    # issue 7: one run-on "sentence" of nested brackets and mixed abbreviations (no full stop anywhere)
    "nested_brackets": ("(" * 50 + "Long Short Term Memory (LSTM" + ")" * 50 + " ") * 8000,
    "abbreviation_mix": "Alpha Beta Gamma (ABG) and A B C D E F (ABCDEF) with ( ) (( )) (X) " * 15000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_terminates_in_bounded_time(name):
    text = HOSTILE[name]
    default_nlp()  # build outside the measurement
    started = time.perf_counter()
    entities = extract_text(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{name} took {elapsed:.1f}s"  # ~1-5 s on a loaded 2-core machine
    for entity in entities:  # offsets stay valid on whatever was read
        for ev in entity.evidence:
            assert text[ev.start:ev.end] in [entity.name, *entity.aliases]
            assert ev.end <= MAX_CHARS


@pytest.mark.slow
def test_hostile_text_memory_is_bounded():
    """Python allocations while extracting the 1 MB inputs stay far below their count of mentions x text."""
    default_nlp()
    for name in ("one_mb", "one_mb_brackets"):
        tracemalloc.start()
        entities = extract_text(HOSTILE[name])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert entities or name == "one_mb_brackets"
        assert peak < 300 * 2**20, f"{name} peaked at {peak / 2**20:.0f} MB"


def test_papers_with_missing_or_huge_abstracts_still_yield_one_record_each():
    papers = [Paper(source="s", index=i, id=str(i), abstract=text) for i, text in enumerate(HOSTILE.values())]
    results = list(extract_papers(papers, batch_size=4))
    assert [r.paper.id for r in results] == [str(i) for i in range(len(papers))]


def test_long_run_does_not_grow_the_string_store():
    nlp = default_nlp()
    rng = random.Random(7)

    def papers(n, offset):
        for i in range(n):
            words = " ".join(f"tok{rng.randrange(10**9)}" for _ in range(30))
            yield Paper(source="s", index=i, id=f"{offset}-{i}", abstract=f"We propose Zq{offset}x{i}Net. {words}.")

    list(extract_papers(papers(100, 0), nlp=nlp, chunk_size=50))
    before = len(nlp.vocab.strings)
    list(extract_papers(papers(600, 1), nlp=nlp, chunk_size=50))
    after = len(nlp.vocab.strings)
    # 600 abstracts bring ~18,000 new strings; none may stay behind
    assert after - before < 100
