"""Extraction stage: methods, datasets, tasks and venues from abstracts, with evidence.

The public API is :func:`build_nlp`, :func:`extract_papers` and :func:`extract_text`;
:func:`graphkit.extract.evaluate.evaluate` scores the output against a gold file.
"""

from graphkit.extract.pipeline import build_nlp, default_nlp, extract_papers, extract_text

__all__ = ["build_nlp", "default_nlp", "extract_papers", "extract_text"]
