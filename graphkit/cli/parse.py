"""``graphkit parse``: input files -> JSON Lines of Paper records on stdout, a summary on stderr."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graphkit import progress
from graphkit.cli import cli
from graphkit.cli.output import dumps
from graphkit.errors import ParseError
from graphkit.ingest import FORMATS, ParseReport, output_record, parse_paths


@cli.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="Read every file in this format instead of detecting it from the content.",
)
def parse_command(paths: tuple[Path, ...], fmt: str | None) -> None:
    """Parse paper listings (files or folders) into JSON Lines, one paper per line.

    Formats are detected per file: author profile pages, compact listings, Abstract-only
    pages, JSON Lines (.gz too), BibTeX and the arXiv metadata snapshot. Problems are
    reported on stderr as FILE:LINE messages with a summary; the exit status is non-zero
    only when nothing at all could be read.

    \b
    Example:
        graphkit parse seeds/
        graphkit parse seeds/ > papers.jsonl
        graphkit parse papers.jsonl --format jsonl
    """
    report = ParseReport()
    try:
        with progress.step("parsing", unit="papers") as advance:
            for paper in parse_paths(paths, fmt, report):
                click.echo(dumps(output_record(paper)))
                advance()
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    for line in report.messages():
        click.echo(line, err=True)
    click.echo(report.summary(), err=True)
    if report.read == 0:
        raise ParseError("no paper could be read from the given paths (see the messages above)")
