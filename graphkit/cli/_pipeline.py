"""``--model`` / ``--rules-only``: which extraction pipeline a command runs (one definition for every command)."""

from __future__ import annotations

import functools

import click


def pipeline_options(command):
    """Add ``--model PATH`` and ``--rules-only``; the command receives one ``model`` value for
    :func:`graphkit.extract.build_nlp` (``None``: the default pipeline with the shipped trained ner)."""

    @functools.wraps(command)
    def wrapper(*args, model=None, rules_only=False, **kwargs):
        if rules_only and model:
            raise click.UsageError("--rules-only and --model exclude each other: give one of them")
        if rules_only:
            from graphkit.extract.language import RULES_ONLY

            model = RULES_ONLY
        return command(*args, model=model, **kwargs)

    wrapper = click.option(
        "--rules-only", is_flag=True, help="Extract with the rule components alone (no trained ner; faster)."
    )(wrapper)
    return click.option(
        "--model",
        metavar="PATH",
        help="`trained` (the rules with the shipped trained ner), or a spaCy pipeline folder or name (e.g. one "
        "`graphkit train` wrote): its ner's METHOD/DATASET/TASK/VENUE entities join the rules.",
    )(wrapper)
