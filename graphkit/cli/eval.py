"""``graphkit eval``: extraction scored against gold files (precision, recall, F1 per type and set)."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.cli._pipeline import pipeline_options
from graphkit.cli.output import FORMATS, dumps, emit


@cli.command("eval")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", "more_gold", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Another gold file to score (repeatable); each set gets its own rows.")
@click.option("--held-out", is_flag=True,
              help="Score only the held-out half of the split sets (cv-dev, acl-dev): the records the shipped "
              "model was never trained on.")
@pipeline_options
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Same as --format json.")
def eval_command(gold: Path | None, paths: tuple[Path, ...], more_gold: tuple[Path, ...], held_out: bool,
                 model: str | None, fmt: str, as_json: bool) -> None:
    """Score extraction against gold files: precision, recall and F1 per type, for each set.

    Each gold record names its ``source`` file and ``abstract_start``; the abstracts are looked
    up in PATHS (files or folders; default: ./seeds and each gold file's folder). Matching
    ignores case, punctuation, a leading "the", trailing heads ("dataset", "model", ...) and a
    trailing plural s; methods and datasets written entirely in lower case are not scored.

    \b
    Example:
        graphkit eval tests/data/acl_dev.gold.jsonl tests/data/
        graphkit eval tests/data/acl_test.gold.jsonl tests/data/ --format json
        graphkit eval --gold tests/data/acl_dev.gold.jsonl --gold tests/data/acl_test.gold.jsonl --rules-only
    """
    from graphkit.extract import build_nlp, extract_papers
    from graphkit.extract.evaluate import evaluate, gold_papers, load_gold
    from graphkit.extract.train import held_out_part

    sets = ([gold] if gold else []) + list(more_gold)
    if not sets:
        raise click.UsageError("give a gold file (GOLD or --gold FILE)")
    nlp = build_nlp(model)
    results = []
    for path in sets:
        rows = load_gold(path)
        if held_out:
            rows = held_out_part(rows, path)
        search = list(paths) or [p for p in (Path("seeds"), path.parent) if p.is_dir()]
        papers = gold_papers(rows, search)
        predictions = [result.entities for result in extract_papers(papers, nlp=nlp)]
        results.append((path, evaluate(rows, predictions)))
    if as_json or fmt == "json":
        reports = [{"gold": str(path), "abstracts": scores.abstracts, "scores": scores.rows()}
                   for path, scores in results]
        click.echo(dumps(reports[0] if len(reports) == 1 else {"sets": reports}))
        return
    part = " (held-out part)" if held_out else ""
    if len(results) == 1:
        path, scores = results[0]
        emit(_table(scores), fmt, title=f"{path.name}{part}: {scores.abstracts} abstracts")
        return
    table = [{"set": f"{path.name} ({scores.abstracts})", **row} for path, scores in results for row in _table(scores)]
    emit(table, fmt, title=f"{len(results)} gold sets{part}")


def _table(scores) -> list[dict]:
    return [{"type": r["type"], "precision": r["precision"], "recall": r["recall"], "F1": r["f1"],
             "predicted": r["predicted"], "gold": r["gold"]} for r in scores.rows()]
