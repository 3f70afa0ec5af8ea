"""The tokenizer of graphkit's blank-English extraction pipeline, importable with spaCy alone.

It lives outside :mod:`graphkit.extract` so a process that only tokenizes (the tokenizer-only side
of ``bench/extract_speed.py``) does not load the extraction components and their word lists.

>>> [t.text for t in blank_english()("We fine-tune LLaVA-7B.")]
['We', 'fine', '-', 'tune', 'LLaVA-7B', '.']
"""

from __future__ import annotations

import spacy
from spacy.language import Language

__all__ = ["blank_english"]


def blank_english() -> Language:
    """Blank English whose tokenizer also splits a sentence-final "." off names ending in a digit
    and letter ("PSA-Det3D.", "LLaVA-7B.")."""
    nlp = spacy.blank("en")
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[0-9][A-Za-z])\.", r"(?<=[0-9][A-Z][a-z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    return nlp
