"""The spaCy components of the extraction pipeline, one factory per module, registered on import.

Order in the pipeline (see :func:`graphkit.extract.language.build_nlp`):

``graphkit_abbreviations``
    long form + acronym pairs, both directions ("multimodal information bottleneck (MIB)",
    "MIB (multimodal information bottleneck)"), and every later use of a defined acronym.
``graphkit_lexicon``
    known methods, datasets, tasks and venues from the pattern files in :mod:`graphkit.extract.rules`.
``graphkit_names``
    name-shaped words and capitalised phrases ("SemanticMAC", "PSA-Det3D", "Affective Perceiver")
    and task noun phrases ("multimodal sentiment analysis").
``graphkit_context``
    context patterns: "we propose X", "termed X", "on the X dataset", "datasets such as A, B and C",
    "X shared task", "at CVPR 2023".
``graphkit_classifier``
    decides METHOD / DATASET / TASK / VENUE / nothing for every candidate, resolves overlaps, and
    writes the result to ``doc.spans["graphkit"]`` (label = kind, ``kb_id_`` = rule, ``id_`` = lexicon id),
    and the same mentions as :class:`~graphkit.extract.candidates.Mention` tuples to
    ``doc.user_data["graphkit_mentions"]``.

Every component only reads the tokens and sentences, so a trained pipeline's parser or senter
placed before them decides the sentences. ``graphkit_sentencizer`` splits sentences when the
pipeline has no parser or senter. Their shared data is in :mod:`graphkit.extract.candidates`, the
token arrays they read in :mod:`graphkit.extract.tokens`, the word lists in :mod:`graphkit.extract.rules`.
"""


from graphkit.extract.components import (  # noqa: F401  (each module registers its factory)
    abbreviations,
    classifier,
    context,
    lexicon,
    names,
    sentencizer,
)
from graphkit.extract.components.abbreviations import AbbreviationDetector, find_long_form
from graphkit.extract.components.classifier import CandidateClassifier
from graphkit.extract.components.context import ContextPatterns
from graphkit.extract.components.lexicon import LexiconMatcher
from graphkit.extract.components.names import NameCandidates
from graphkit.extract.components.sentencizer import FastSentencizer

__all__ = [
    "AbbreviationDetector",
    "CandidateClassifier",
    "ContextPatterns",
    "FastSentencizer",
    "LexiconMatcher",
    "NameCandidates",
    "find_long_form",
]
