"""Hostile text terminates in bounded time and memory; a long run does not grow the string store."""

from __future__ import annotations

import random
import time
import tracemalloc

import pytest

from graphkit.extract import build_nlp, default_nlp, extract_papers, extract_text
from graphkit.extract.run import MAX_CHARS
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
    # one run-on "sentence" of nested brackets and mixed abbreviations (no full stop anywhere)
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


def _random_word_papers(n, offset, rng):
    for i in range(n):
        words = " ".join(f"tok{rng.randrange(10**9)}" for _ in range(30))
        yield Paper(source="s", index=i, id=f"{offset}-{i}", abstract=f"We propose Zq{offset}x{i}Net. {words}.")


def test_long_run_stops_growing_the_vocabulary_at_its_limit():
    nlp = build_nlp()
    rng = random.Random(7)
    limit = len(nlp.vocab) + 1000
    # 100 abstracts of 30 new words each: the first chunks are kept for good, up to the limit
    list(extract_papers(_random_word_papers(100, 0, rng), nlp=nlp, chunk_size=50, vocab_limit=limit))
    assert len(nlp.vocab) >= limit
    before, before_lexemes = len(nlp.vocab.strings), _stored_lexemes(nlp)
    list(extract_papers(_random_word_papers(600, 1, rng), nlp=nlp, chunk_size=50, vocab_limit=limit))
    # 600 abstracts bring ~18,000 new strings; past the limit none may stay behind
    assert len(nlp.vocab.strings) - before < 100
    assert _stored_lexemes(nlp) - before_lexemes < 100


def _stored_lexemes(nlp) -> int:
    # ``len(vocab)`` also counts the lexemes a memory zone has freed (spaCy 3.8 never lowers it)
    return sum(1 for _ in nlp.vocab)


def test_a_run_under_the_vocabulary_limit_keeps_its_words_and_their_tokenizer_cache():
    nlp = build_nlp()
    before = len(nlp.vocab)
    papers = list(_random_word_papers(20, 0, random.Random(3)))
    first = [[(e.kind, e.name) for e in r.entities] for r in extract_papers(papers, nlp=nlp, chunk_size=10)]
    assert len(nlp.vocab) - before >= 20 * 30
    # a second pass reads the cached tokens and finds the same entities
    assert [[(e.kind, e.name) for e in r.entities] for r in extract_papers(papers, nlp=nlp)] == first


def test_worker_processes_find_what_one_process_finds_in_input_order():
    papers = [Paper(source="x", index=i, id=str(i), abstract=f"Paper {i}: " + SENTENCE + HOSTILE["html"][:300])
              for i in range(40)]
    papers[7] = Paper(source="x", index=7, id="7", abstract="")  # an empty abstract among them

    def found(results):
        return [(r.paper.id, [(e.kind, e.key, e.aliases, [(v.start, v.end, v.sentence) for v in e.evidence])
                              for e in r.entities]) for r in results]

    one = found(extract_papers(papers, nlp=default_nlp()))
    assert found(extract_papers(papers, nlp=default_nlp(), n_process=2, chunk_size=6)) == one
    assert [paper_id for paper_id, _ in one] == [str(i) for i in range(40)] and one[7][1] == []


# long runs of punctuation (and long runs without a space) are cut before spaCy sees them: its
# tokenizer is quadratic on them (8,000 "=" took 23 s, 100,000 ":" ran past 120 s)
RUNS = {
    "colons": ":" * 100_000,
    "equals_in_text": "We propose FooNet. " + "=" * 8_000 + " It is evaluated on the ImageNet dataset.",
    "mixed_punctuation": "=:" * 50_000,
    "letters_and_colons": "a:" * 25_000,
    "underscores": "_" * 20_000,
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_long_runs_are_cut_before_tokenizing_and_finish_fast(name, caplog):
    text = RUNS[name]
    default_nlp()
    started = time.perf_counter()
    with caplog.at_level("WARNING", logger="graphkit.extract.run"):
        entities = extract_text(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{name} took {elapsed:.1f}s"  # ~0.1 s; it took minutes before the cut
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "skipped before tokenizing" in warnings[0] and "\n" not in warnings[0]
    for entity in entities:  # evidence offsets are offsets into the text as given
        for ev in entity.evidence:
            assert text[ev.start:ev.end] in [entity.name, *entity.aliases]


def test_text_around_a_cut_run_keeps_its_entities_and_offsets():
    text = RUNS["equals_in_text"]
    found = {e.name: e for e in extract_text(text)}
    assert "ImageNet" in found
    (ev,) = found["ImageNet"].evidence
    assert text[ev.start:ev.end] == "ImageNet" and ev.start > 8_000


def test_bound_runs_keeps_length_and_ordinary_text():
    from graphkit.extract.run import MAX_PUNCTUATION_RUN, bound_runs

    ordinary = "F1 = 0.9 (p < .05); see https://example.org/a_b?c=d&e=f -- and \"quotes\"... ===="
    assert bound_runs(ordinary) == (ordinary, 0)
    cut, blanked = bound_runs("x " + "=" * 100 + " y")
    assert len(cut) == 104 and cut.startswith("x " + "=" * MAX_PUNCTUATION_RUN + " ") and cut.endswith(" y")
    assert blanked == 100 - MAX_PUNCTUATION_RUN


def test_a_paper_with_a_long_run_is_named_in_one_warning(caplog):
    paper = Paper(source="s", index=0, id="p-run", abstract="We use BERT. " + ":" * 20_000)
    with caplog.at_level("WARNING", logger="graphkit.extract.run"):
        (result,) = extract_papers([paper])
    assert any("BERT" in [e.name, *e.aliases] for e in result.entities)
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["paper p-run"]
