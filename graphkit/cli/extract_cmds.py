"""``graphkit extract`` and ``graphkit eval``: entities from abstracts, and their scores against a gold file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.errors import GraphkitError


def _parse_paths():
    try:
        from graphkit.ingest import parse_paths
    except ImportError:
        raise GraphkitError("the parse stage (graphkit.ingest.parse_paths) is not installed in this checkout") from None
    return parse_paths


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--model", help="spaCy pipeline name or folder to run first (default: blank English, no download).")
@click.option("--format", "fmt", help="Read every input file in this format instead of detecting it (as in `graphkit parse`).")
@click.option("--batch-size", default=256, show_default=True, help="Abstracts per nlp.pipe batch.")
@click.option("--processes", "n_process", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes, each extracting chunks of papers (forked; results come back in input order).")
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N local worker processes. Output is the same as one process's, in input order.")
def extract_command(paths: tuple[Path, ...], model: str | None, fmt: str | None, batch_size: int, n_process: int,
                    dask_address: str | None) -> None:
    """Parse the inputs and print each paper with the methods, datasets, tasks and venues its
    abstract names, as JSON Lines. Every entity has a canonical name, aliases and evidence
    (sentence, character offsets in the abstract, the rule that fired); methods have a role,
    "proposes" or "uses".

    \b
    Example:
        graphkit extract seeds/
        graphkit extract papers.jsonl --model en_core_web_sm > extracted.jsonl
        graphkit extract seeds/ --dask local:2
    """
    from graphkit.extract import build_nlp, extract_papers

    parse_paths = _parse_paths()
    report = None
    try:
        from graphkit.ingest import ParseReport

        report = ParseReport()
    except ImportError:
        pass
    out = sys.stdout
    papers = parse_paths([str(p) for p in paths], fmt, report) if report is not None else parse_paths([str(p) for p in paths], fmt)
    count = 0
    with contextlib.ExitStack() as stack:
        if dask_address:
            from graphkit.extract.distributed import dask_client, extract_on_dask

            client = stack.enter_context(dask_client(dask_address))
            results = extract_on_dask(papers, client, model=model, batch_size=batch_size)
        else:
            results = extract_papers(papers, nlp=build_nlp(model), batch_size=batch_size, n_process=n_process)
        try:
            for result in results:
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                count += 1
            out.flush()
        except BrokenPipeError:  # piped into `head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
    if report is not None:
        for problem in getattr(report, "warnings", []):
            click.echo(f"warning: {problem}", err=True)
    click.echo(f"extracted {count} papers", err=True)
    if count == 0:
        raise GraphkitError("no paper could be read from the given paths (see the messages above)")


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--model", help="spaCy pipeline name or folder to run first (default: blank English).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_command(gold: Path, paths: tuple[Path, ...], model: str | None, as_json: bool) -> None:
    """Score extraction against a gold file: precision, recall and F1 per type.

    Each gold record names its ``source`` file and ``abstract_start``; the abstracts are looked
    up in PATHS (files or folders; default: ./seeds and the gold file's folder). Matching
    ignores case, punctuation, a leading "the", trailing heads ("dataset", "model", ...) and a
    trailing plural s; methods and datasets written entirely in lower case are not scored.

    \b
    Example:
        graphkit eval ../shared/gold/seeds-002.gold.jsonl seeds/
        graphkit eval tests/data/acl_dev.gold.jsonl tests/data/
    """
    from graphkit.extract import build_nlp, extract_papers
    from graphkit.extract.evaluate import evaluate, gold_papers, load_gold

    rows = load_gold(gold)
    search = list(paths) or [p for p in (Path("seeds"), gold.parent) if p.is_dir()]
    papers = gold_papers(rows, search)
    nlp = build_nlp(model)
    predictions = [result.entities for result in extract_papers(papers, nlp=nlp)]
    scores = evaluate(rows, predictions)
    if as_json:
        click.echo(json.dumps({"abstracts": scores.abstracts, "scores": scores.rows()}))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{gold.name}: {scores.abstracts} abstracts")
    for column in ("type", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for row in scores.rows():
        table.add_row(row["type"], f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}",
                      str(row["predicted"]), str(row["gold"]))
    Console(width=100).print(table)
