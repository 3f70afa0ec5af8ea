"""The extraction ``Language``: blank English with the shipped trained ``ner`` (or only the rules,
or another spaCy pipeline) plus graphkit's rule components.

>>> build_nlp(TRAINED).pipe_names  # doctest: +NORMALIZE_WHITESPACE
['sentencizer', 'ner', 'graphkit_abbreviations', 'graphkit_lexicon', 'graphkit_names',
 'graphkit_context', 'graphkit_classifier']
>>> build_nlp(RULES_ONLY).pipe_names  # doctest: +NORMALIZE_WHITESPACE
['sentencizer', 'graphkit_abbreviations', 'graphkit_lexicon', 'graphkit_names',
 'graphkit_context', 'graphkit_classifier']
"""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

from graphkit.errors import ExtractionError
from graphkit.extract import components  # noqa: F401  (registers the factories)
from graphkit.extract.candidates import LEXICON_KEY
from graphkit.extract.rules import load_patterns
from graphkit.extract.tokens import TextKeepingTokenizer, blank_english

__all__ = ["build_nlp", "default_nlp", "MODEL_DIR", "RULES_ONLY", "TRAINED", "DEFAULT"]

#: the trained pipeline shipped in the package (``graphkit train`` rebuilds it); its ``ner`` joins the rules
MODEL_DIR = Path(__file__).with_name("model")

#: ``build_nlp(RULES_ONLY)``: the rule components alone, without the trained ``ner`` (faster)
RULES_ONLY = "rules-only"

#: ``build_nlp(TRAINED)``: the rule components with the shipped trained ``ner`` (:data:`MODEL_DIR`)
TRAINED = "trained"

#: what ``build_nlp()`` (and every command without ``--model``) runs: the rules, since the shipped ner does
#: not yet beat them on the held-out gold (README, "Extraction"); ``--model trained`` adds it
DEFAULT = RULES_ONLY

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


@functools.cache
def _shipped_pipeline() -> Language:
    if not (MODEL_DIR / "config.cfg").is_file():
        raise ExtractionError(
            f"the trained model is missing from {MODEL_DIR} (rebuild it with `graphkit train -o {MODEL_DIR}`, "
            "or use --rules-only)"
        )
    return spacy.load(MODEL_DIR)


def build_nlp(model: str | None = None) -> Language:
    """The extraction pipeline: blank English with the shipped ``ner``, the rules alone, or another pipeline.

    Parameters
    ----------
    model : str, optional
        :data:`TRAINED` for blank English (a rule-based sentencizer splits sentences) with the
        trained ``ner`` shipped in :data:`MODEL_DIR` (nothing to download); :data:`RULES_ONLY` for
        the same without the ``ner``; ``None`` for :data:`DEFAULT` (one of those two);
        or a spaCy pipeline name or path for ``spacy.load`` (e.g. one
        ``graphkit train`` wrote): its components run first, the graphkit components use its
        sentences and its ``ner``'s METHOD, DATASET, TASK and VENUE entities.

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
    model = model or DEFAULT
    if model in (RULES_ONLY, TRAINED):
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
    if model == TRAINED:
        nlp.add_pipe("ner", source=_shipped_pipeline())
    nlp.add_pipe("graphkit_abbreviations")
    lexicon = nlp.add_pipe("graphkit_lexicon", config={"spans_key": LEXICON_KEY})
    lexicon.add_patterns(load_patterns(), _case_sensitive)
    nlp.add_pipe("graphkit_names")
    nlp.add_pipe("graphkit_context")
    nlp.add_pipe("graphkit_classifier")
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    return nlp


@functools.cache
def default_nlp(model: str | None = None) -> Language:
    """:func:`build_nlp` ``(model)``, built once per process."""
    return build_nlp(model)
