"""The extraction ``Language``: blank English (or a spaCy pipeline) plus graphkit's components.

>>> build_nlp().pipe_names  # doctest: +NORMALIZE_WHITESPACE
['sentencizer', 'graphkit_abbreviations', 'graphkit_lexicon', 'graphkit_names',
 'graphkit_context', 'graphkit_classifier']
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from graphkit.errors import ExtractionError
from graphkit.extract import components  # noqa: F401  (registers the factories)
from graphkit.extract.candidates import LEXICON_KEY
from graphkit.extract.rules import load_patterns
from graphkit.extract.tokens import TextKeepingTokenizer, blank_english

__all__ = ["build_nlp", "default_nlp"]

_GRAPHKIT_PIPES = (
    "graphkit_abbreviations",
    "graphkit_lexicon",
    "graphkit_names",
    "graphkit_context",
    "graphkit_classifier",
)


def _case_sensitive(pattern: str) -> bool:
    """Short names are matched as written ("CLIP" is not "clip"); phrases in any case."""
    return " " not in pattern.strip() or pattern.isupper()


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline: blank English, or a named installed pipeline or a path.

    Parameters
    ----------
    model : str, optional
        ``None`` for a blank English pipeline (nothing to download; a rule-based sentencizer
        splits sentences), or a spaCy pipeline name or path for ``spacy.load``; its parser,
        senter and tagger run first and the graphkit components use their sentences.

    Raises
    ------
    ExtractionError
        When the named pipeline is not installed or the path holds no pipeline.

    Examples
    --------
    >>> nlp = build_nlp()
    >>> nlp.pipe_names[-1]
    'graphkit_classifier'
    """
    if model is None:
        nlp = blank_english()
    else:
        try:
            nlp = spacy.load(model, exclude=list(_GRAPHKIT_PIPES))
        except (OSError, ValueError) as err:
            raise ExtractionError(
                f"cannot load spaCy pipeline {model!r}: {str(err).splitlines()[0]} "
                "(install it, e.g. `python -m spacy download en_core_web_sm`, or give a pipeline folder)"
            ) from None
    if not ({"parser", "senter", "sentencizer"} & set(nlp.pipe_names)):
        nlp.add_pipe("graphkit_sentencizer", name="sentencizer")
    nlp.add_pipe("graphkit_abbreviations")
    lexicon = nlp.add_pipe("graphkit_lexicon", config={"spans_key": LEXICON_KEY})
    lexicon.add_patterns(load_patterns(), _case_sensitive)
    nlp.add_pipe("graphkit_names")
    nlp.add_pipe("graphkit_context")
    nlp.add_pipe("graphkit_classifier")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp


@functools.cache
def default_nlp() -> Language:
    """The blank-English pipeline, built once per process."""
    return build_nlp()
