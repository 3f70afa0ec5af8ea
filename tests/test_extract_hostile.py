"""Extraction on hostile abstracts terminates in bounded time and memory (issue 7).

Each abstract is about 1 MB (the pipeline reads at most ``MAX_CHARS`` of it): prose, one giant
token, control characters, TeX, HTML, non-English scripts, deep brackets, abbreviation storms.
The bounds are loose enough for a loaded machine and tight enough to catch a hang, a quadratic
blow-up or the whole megabyte being tokenised.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from graphkit.extract import default_nlp, extract_papers
from graphkit.extract.pipeline import MAX_CHARS
from graphkit.model import Paper

MB = 1_000_000
SECONDS = 120  # per abstract, on a loaded 2-core machine (load 15-20); quiet, the worst takes ~10 s
PEAK_BYTES = 300 * MB  # Python allocations while extracting one 1 MB abstract


def megabyte(piece: str) -> str:
    return (piece * (MB // len(piece) + 1))[:MB]


CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\x85\u2028\u2029\u200b\u200e\u202e\ufeff\ufffd"
HOSTILE = {
    "prose": megabyte("We propose BERT-based Dense Passage Retrieval (DPR) and evaluate it on SQuAD and MS MARCO. "),
    "one_token": megabyte("x"),
    "control": megabyte("BERT" + CONTROL + "on SQuAD\x00\x00 " + CONTROL[::-1]),
    "tex": megabyte(r"We use $\mathcal{O}(n^2)$ \cite{devlin2019bert} \begin{equation} \frac{a}{b} \end{equation} "
                    r"\textbf{Transformer} {\"o} \\ \% "),
    "html": megabyte("<script>alert('x')</script><b onclick=\"x()\">BERT</b> &amp; &lt;SQuAD&gt; <!-- c --> "
                     "<a href='javascript:x'>T5</a> "),
    "non_english": megabyte("我们提出了一种新的机器翻译模型。 Мы оцениваем BERT на корпусе. نقدم نموذجا جديدا "
                            "हम एक नया मॉडल प्रस्तुत करते हैं 🤖🧠 ﷽ "),
    "brackets": megabyte("(" * 50 + "Long Short Term Memory (LSTM" + ")" * 50 + " "),
    "abbreviations": megabyte("Alpha Beta Gamma (ABG) and A B C D E F (ABCDEF) with ( ) (( )) (X) "),
    "no_spaces_mixed": megabyte("BERT,SQuAD;GPT-3/T5:LSTM.CNN-RNN_ResNet50"),
}


@pytest.fixture(scope="module")
def nlp():
    return default_nlp()


@pytest.mark.slow
@pytest.mark.timeout(SECONDS * 3)
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_megabyte_of_hostile_text_is_extracted_in_bounded_time_and_memory(nlp, kind):
    text = HOSTILE[kind]
    assert len(text) == MB
    paper = Paper(source="hostile.jsonl", index=0, id="a0000000000000000", abstract=text, title="Hostile")
    tracemalloc.start()
    try:
        started = time.perf_counter()
        [result] = list(extract_papers([paper], nlp=nlp))
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < SECONDS, f"{kind}: {seconds:.1f}s"
    assert peak < PEAK_BYTES, f"{kind}: peak {peak / MB:.0f} MB"
    assert result.paper is paper
    for entity in result.entities:
        assert entity.name and entity.name.strip() == entity.name
        for evidence in entity.evidence:
            # evidence points into the part of the abstract that was read, and quotes it
            assert 0 <= evidence.start < evidence.end <= MAX_CHARS


def test_hostile_pieces_still_find_what_is_there(nlp):
    """Markup and noise around real names neither hide nor invent entities."""
    text = HOSTILE["html"][:2000] + " " + HOSTILE["tex"][:2000] + " " + HOSTILE["control"][:500]
    [result] = list(extract_papers([Paper(source="x", index=0, id="a1", abstract=text)], nlp=nlp))
    names = {e.name for e in result.entities}
    assert "BERT" in names
    assert not any("<" in n or ">" in n or "\\" in n or "\x00" in n for n in names), names
