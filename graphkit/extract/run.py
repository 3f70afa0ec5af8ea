"""Run the extraction pipeline over papers: entities with evidence, in input order, in chunks or worker processes.

>>> from graphkit.extract import extract_text
>>> [(e.kind, e.name, e.aliases) for e in extract_text(
...     "We introduce the multimodal information bottleneck (MIB) and test it on the IEMOCAP dataset.")]
[('method', 'multimodal information bottleneck', ['MIB']), ('dataset', 'IEMOCAP', [])]
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import re
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from graphkit._gc import without_cyclic_gc
from graphkit.extract.candidates import SPANS_KEY
from graphkit.extract.language import default_nlp
from graphkit.extract.resolve import entities_from_doc
from graphkit.extract.tokens import sentence_of
from graphkit.keys import entity_key
from graphkit.model import Entity, Evidence, ExtractedPaper, Paper

__all__ = ["extract_papers", "extract_text", "bound_runs", "MAX_CHARS", "MAX_PUNCTUATION_RUN", "MAX_UNBROKEN_RUN",
           "VOCAB_LIMIT"]

log = logging.getLogger(__name__)

#: abstracts are cut to this many characters (a prefix, so offsets stay valid); bounds time and memory
MAX_CHARS = 50_000
#: longest run of punctuation or symbols (no letter, digit or space) handed to spaCy; the rest of a
#: longer run is blanked. spaCy's tokenizer strips prefixes and suffixes one character at a time, each
#: step searching the rest of the run: 8,000 "=" took 23 s, 100,000 ":" minutes
MAX_PUNCTUATION_RUN = 32
#: longest run without white space handed to spaCy (no word is this long; "a:a:a:..." is as slow)
MAX_UNBROKEN_RUN = 1_000

_PUNCTUATION_RUN = re.compile(r"(?:[^\w\s]|_){" + str(MAX_PUNCTUATION_RUN + 1) + ",}")
_UNBROKEN_RUN = re.compile(r"\S{" + str(MAX_UNBROKEN_RUN + 1) + ",}")


def bound_runs(text: str) -> tuple[str, int]:
    """``text`` with every run longer than its limit (:data:`MAX_PUNCTUATION_RUN`,
    :data:`MAX_UNBROKEN_RUN`) cut to the limit, the characters cut replaced by spaces: the text keeps
    its length, so every offset into it is an offset into ``text``. Returns the text and how many
    characters were blanked.

    >>> bound_runs("see " + "=" * 40 + " below")
    ('see ================================         below', 8)
    >>> bound_runs("nothing to cut")
    ('nothing to cut', 0)
    """
    blanked = 0

    def cut(limit: int):
        def keep(match: re.Match) -> str:
            nonlocal blanked
            run = match.group()
            blanked += len(run) - limit
            return run[:limit] + " " * (len(run) - limit)

        return keep

    text = _PUNCTUATION_RUN.sub(cut(MAX_PUNCTUATION_RUN), text)
    text = _UNBROKEN_RUN.sub(cut(MAX_UNBROKEN_RUN), text)
    return text, blanked


def _clip(text: str | None, paper_id: str | None = None) -> str:
    """The text handed to spaCy: a prefix of :data:`MAX_CHARS` characters, long runs blanked
    (:func:`bound_runs`), one warning line when something was blanked."""
    text, blanked = bound_runs((text or "")[:MAX_CHARS])
    if blanked:
        where = f"paper {paper_id}: " if paper_id is not None else ""
        log.warning(
            "%s%d characters of over-long punctuation or unbroken runs skipped before tokenizing "
            "(runs are cut to %d punctuation characters, %d characters without a space)",
            where, blanked, MAX_PUNCTUATION_RUN, MAX_UNBROKEN_RUN,
        )
    return text


#: lexemes the vocabulary may keep for good; past it, each chunk's new words are freed after it
VOCAB_LIMIT = 200_000


def _scratch_zone(nlp: Language, vocab_limit: int) -> contextlib.AbstractContextManager:
    """Where a chunk runs: for good while the vocabulary is under ``vocab_limit``, else in a memory zone.

    spaCy's tokenizer neither reads nor fills its cache for words first seen inside
    ``nlp.memory_zone()``, which makes tokenizing there 2-5 times slower; words stored for good
    are cached. So the vocabulary keeps the words of the first chunks, up to the limit (the whole
    62k-abstract corpus makes 130k lexemes, ~60 MB), and every later chunk runs in a zone.
    (``len(vocab)`` never falls, even for lexemes a zone freed, so once in zones a run stays there.)
    """
    return contextlib.nullcontext() if len(nlp.vocab) < vocab_limit else nlp.memory_zone()


def extract_papers(
    papers: Iterable[Paper],
    nlp: Language | None = None,
    batch_size: int = 256,
    n_process: int = 1,
    chunk_size: int = 2000,
    vocab_limit: int = VOCAB_LIMIT,
) -> Iterator[ExtractedPaper]:
    """Extract entities from each paper's abstract, in input order.

    Runs ``nlp.pipe`` (in batches of ``batch_size``) over chunks of ``chunk_size`` papers. Once the vocabulary holds
    ``vocab_limit`` lexemes, each chunk runs inside ``nlp.memory_zone()`` so the vocabulary and
    string store stop growing over a long run. The cyclic GC is paused over a chunk (its full
    passes would walk the caller's whole heap every few hundred docs) and the chunk's cycles
    are collected after it.

    With ``n_process`` > 1, worker processes (forked, sharing ``nlp``) extract chunks and send
    back only the results; ``nlp.pipe``'s own ``n_process`` would send whole docs back, and the
    components' scratch data in ``doc.user_data`` (spans among it) does not serialize.

    >>> paper = Paper(source="x", index=0, id="a1", abstract="We evaluate BERT on SQuAD.")
    >>> result = next(extract_papers([paper]))
    >>> [(e.kind, e.name, e.aliases) for e in result.entities]
    [('method', 'Bidirectional Encoder Representations from Transformers', ['BERT']), ('dataset', 'SQuAD', [])]
    """
    nlp = nlp or default_nlp()
    iterator = iter(papers)
    size = chunk_size if n_process == 1 else min(chunk_size, 500)  # smaller chunks share out a short input
    chunks = iter(lambda: list(islice(iterator, size)), [])  # lists of papers, until none are left
    if n_process > 1:
        yield from _extract_in_processes(chunks, nlp, batch_size, n_process, vocab_limit)
        return
    for chunk in chunks:
        yield from _extract_chunk(chunk, nlp, batch_size, vocab_limit)


def _extract_chunk(chunk: list[Paper], nlp: Language, batch_size: int, vocab_limit: int) -> list[ExtractedPaper]:
    with without_cyclic_gc(), _scratch_zone(nlp, vocab_limit):
        stream = ((_clip(p.abstract, p.id), p) for p in chunk)
        results = [
            ExtractedPaper(paper, with_source_terms(paper, doc, entities_from_doc(doc)))
            for doc, paper in nlp.pipe(stream, as_tuples=True, batch_size=batch_size)
        ]
    gc.collect(0)  # the chunk's reference cycles (spaCy's docs make some), all in the youngest generation
    return results


#: the pipeline of a worker process of :func:`_extract_in_processes` (inherited from the parent by fork)
_worker_nlp: Language | None = None


def with_source_terms(paper: Paper, doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` plus a Task for each subject term the source gave the paper (``Paper.keywords``:
    OpenAlex topics and concepts, author keywords) that its abstract states and extraction did not
    already find, with the sentence as evidence (rule ``source_term``). A term the abstract does not
    state is left out: it is the source's classification, not something the paper says.

    >>> from graphkit.extract import default_nlp
    >>> p = Paper(source="w", index=0, id="", abstract="We study question answering. It is hard.",
    ...           keywords=("Question Answering", "Computer science"))
    >>> [(e.kind, e.name, e.evidence[0].rule) for e in with_source_terms(p, default_nlp()(p.abstract), [])]
    [('task', 'question answering', 'source_term')]
    """
    if not paper.keywords:
        return entities
    text = doc.text
    lowered = text.lower()
    known = {e.key for e in entities} | {entity_key(a) for e in entities for a in e.aliases}
    added: list[Entity] = []
    for term in paper.keywords:
        key = entity_key(term)
        if not key or key in known:
            continue
        start = _word_at(lowered, term.lower())
        if start < 0:
            continue
        end = start + len(term)
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = sentence_of(doc, span.start).text if span is not None and len(span) else text
        evidence = Evidence(sentence, start, end, "source_term")
        added.append(Entity("task", key, text[start:end], [term] if term != text[start:end] else [], [evidence]))
        known.add(key)
    return entities + added


def _word_at(text: str, term: str) -> int:
    """Where ``term`` occurs in ``text`` as whole words, or -1."""
    start = text.find(term)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + len(term)] if start + len(term) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return start
        start = text.find(term, start + 1)
    return -1


def _set_worker_nlp(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _extract_in_worker(job: tuple[list[Paper], int, int]) -> list[ExtractedPaper]:
    chunk, batch_size, vocab_limit = job
    return _extract_chunk(chunk, _worker_nlp, batch_size, vocab_limit)


def _extract_in_processes(chunks: Iterator[list[Paper]], nlp: Language, batch_size: int, n_process: int,
                          vocab_limit: int) -> Iterator[ExtractedPaper]:
    start_method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None  # fork: no pickled pipeline
    context = multiprocessing.get_context(start_method)
    with context.Pool(n_process, initializer=_set_worker_nlp, initargs=(nlp,)) as pool:
        jobs = ((chunk, batch_size, vocab_limit) for chunk in chunks)
        for results in pool.imap(_extract_in_worker, jobs):
            yield from results


def extract_text(text: str, nlp: Language | None = None, vocab_limit: int = VOCAB_LIMIT) -> list[Entity]:
    """Entities of one piece of text (convenience for scripts and tests)."""
    nlp = nlp or default_nlp()
    with _scratch_zone(nlp, vocab_limit):
        return entities_from_doc(nlp(_clip(text)))


def mentions(doc) -> list:
    """The classified mention spans of a processed doc (``doc.spans["graphkit"]``)."""
    return list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
