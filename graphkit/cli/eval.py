"""``graphkit eval``: extraction scored against a gold file (precision, recall, F1 per type)."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.cli.output import FORMATS, dumps, emit


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--model", help="spaCy pipeline name or folder to run first (default: blank English).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json.")
def eval_command(gold: Path, paths: tuple[Path, ...], model: str | None, fmt: str, as_json: bool) -> None:
    """Score extraction against a gold file: precision, recall and F1 per type.

    Each gold record names its ``source`` file and ``abstract_start``; the abstracts are looked
    up in PATHS (files or folders; default: ./seeds and the gold file's folder). Matching
    ignores case, punctuation, a leading "the", trailing heads ("dataset", "model", ...) and a
    trailing plural s; methods and datasets written entirely in lower case are not scored.

    \b
    Example:
        graphkit eval tests/data/acl_dev.gold.jsonl tests/data/
        graphkit eval tests/data/acl_test.gold.jsonl tests/data/ --format json
    """
    from graphkit.extract import build_nlp, extract_papers
    from graphkit.extract.evaluate import evaluate, gold_papers, load_gold

    rows = load_gold(gold)
    search = list(paths) or [p for p in (Path("seeds"), gold.parent) if p.is_dir()]
    papers = gold_papers(rows, search)
    nlp = build_nlp(model)
    predictions = [result.entities for result in extract_papers(papers, nlp=nlp)]
    scores = evaluate(rows, predictions)
    if as_json or fmt == "json":
        click.echo(dumps({"abstracts": scores.abstracts, "scores": scores.rows()}))
        return
    table = [{"type": r["type"], "precision": r["precision"], "recall": r["recall"], "F1": r["f1"],
              "predicted": r["predicted"], "gold": r["gold"]} for r in scores.rows()]
    emit(table, fmt, title=f"{gold.name}: {scores.abstracts} abstracts")
