"""``graphkit train``: rebuild the extraction pipeline's trained ``ner`` from the repository's config and data."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.cli.output import emit


@cli.command("train")
@click.option(
    "--gold",
    "gold",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold file or folder of *.gold.jsonl (repeatable; default ../shared/gold). cv-dev and acl-dev "
    "are split: their held-out half is never trained on.",
)
@click.option(
    "--annotated",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="More annotated abstracts (repeatable; default training/annotated when it exists).",
)
@click.option(
    "--data",
    "training",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Public training folder with scierc_*.jsonl and dataset_mentions_train.jsonl "
    "(default ../shared/data/training).",
)
@click.option("--inputs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folders holding the input files gold records name (default ./seeds).")
@click.option("--no-scierc", is_flag=True, help="Leave SciERC out.")
@click.option("--no-dataset-mentions", is_flag=True, help="Leave the dataset-mention sentences out.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="spaCy training config (default: the one shipped in graphkit/extract/training/).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the trained pipeline to (replaced).")
@click.option("--max-steps", type=click.IntRange(min=1), help="Training steps (default: the config's).")
@click.option("--max-minutes", type=click.FloatRange(min=0.1), help="Stop training after this long.")
@click.option("--seed", default=0, show_default=True)
def train_command(gold, annotated, training, inputs, no_scierc, no_dataset_mentions, config, output, max_steps,
                  max_minutes, seed) -> None:
    """Train the ``ner`` of the extraction pipeline (METHOD, DATASET, TASK, VENUE) and save the pipeline.

    The result is a spaCy pipeline folder: `graphkit extract --model FOLDER` uses its ner beside
    the rules; written to graphkit/extract/model/ it is the default pipeline's. With no options the
    data is ../shared/gold, ../shared/data/training and training/annotated (see the README).

    \b
    Example:
        graphkit train --gold tests/data/acl_dev.gold.jsonl -o tiny-ner --max-steps 20
        graphkit extract seeds/002_195db768c23b6a54.txt --model tiny-ner
    """
    from graphkit.extract.train import CONFIG, TrainingData, train

    def default(path: str) -> list[Path]:
        return [Path(path)] if Path(path).exists() else []

    data = TrainingData(
        gold=list(gold) or default("../shared/gold"),
        training=training or next(iter(default("../shared/data/training")), None),
        annotated=list(annotated) or default("training/annotated"),
        use_scierc=not no_scierc,
        use_dataset_mentions=not no_dataset_mentions,
        inputs=list(inputs) or default("seeds"),
    )
    summary = train(data, output, config=config or CONFIG, max_steps=max_steps,
                    max_seconds=max_minutes * 60 if max_minutes else None, seed=seed,
                    log=lambda line: click.echo(line, err=True))
    emit([summary], title="trained")
