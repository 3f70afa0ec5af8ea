"""Extraction stage: methods, datasets, tasks and venues from abstracts, with evidence.

The public API is :func:`build_nlp` (:mod:`~graphkit.extract.language`), :func:`extract_papers`
and :func:`extract_text` (:mod:`~graphkit.extract.run`); :func:`graphkit.extract.evaluate.evaluate`
scores the output against a gold file. The names are imported on first use, so
``graphkit.extract.tokens`` (the tokenizer alone) does not load the components.
"""

from graphkit._lazy import lazy_exports

#: public name -> the module that defines it
_EXPORTS = {
    "build_nlp": "graphkit.extract.language",
    "default_nlp": "graphkit.extract.language",
    "extract_papers": "graphkit.extract.run",
    "extract_text": "graphkit.extract.run",
}

__all__ = list(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
