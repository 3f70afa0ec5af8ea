"""``graphkit extract``: the entities each paper's abstract names, with evidence, as JSON Lines."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.cli._pipeline import pipeline_options
from graphkit.cli.output import dumps
from graphkit.errors import GraphkitError


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@pipeline_options
@click.option(
    "--format", "fmt", help="Read every input file in this format instead of detecting it (as in `graphkit parse`)."
)
@click.option("--batch-size", default=256, show_default=True, help="Abstracts per nlp.pipe batch.")
@click.option(
    "--processes",
    "n_process",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes, each extracting chunks of papers (forked; results come back in input order).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N local worker "
    "processes. Output is the same as one process's, in input order.",
)
def extract_command(
    paths: tuple[Path, ...],
    model: str | None,
    fmt: str | None,
    batch_size: int,
    n_process: int,
    dask_address: str | None,
) -> None:
    """Parse the inputs and print each paper with the methods, datasets, tasks and venues its
    abstract names, as JSON Lines. Every entity has a canonical name, aliases and evidence
    (sentence, character offsets in the abstract, the rule that fired); methods have a role,
    "proposes" or "uses".

    \b
    Example:
        graphkit extract seeds/
        graphkit extract seeds/002_195db768c23b6a54.txt --processes 2 > extracted.jsonl
        graphkit extract seeds/ --dask local:2
    """
    from graphkit import progress
    from graphkit.extract import build_nlp, extract_papers
    from graphkit.ingest import ParseReport, parse_paths

    report = ParseReport()
    out = sys.stdout
    papers = parse_paths([str(p) for p in paths], fmt, report)
    count = 0
    with contextlib.ExitStack() as stack:
        if dask_address:
            from graphkit.extract.distributed import dask_client, extract_on_dask

            client = stack.enter_context(dask_client(dask_address))
            results = extract_on_dask(papers, client, model=model, batch_size=batch_size)
        else:
            results = extract_papers(papers, nlp=build_nlp(model), batch_size=batch_size, n_process=n_process)
        try:
            with progress.step("extracting", unit="papers") as advance:
                for result in results:
                    out.write(dumps(result.to_dict()) + "\n")
                    count += 1
                    advance()
            out.flush()
        except BrokenPipeError:  # piped into `head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"extracted {count} papers", err=True)
    if count == 0:
        raise GraphkitError("no paper could be read from the given paths (see the messages above)")
