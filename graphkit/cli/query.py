"""``graphkit queries`` and ``graphkit query``: list and run the stored queries of ``cypher/``."""

from __future__ import annotations

from typing import Any

import click

from graphkit.cli import cli, key_value_params
from graphkit.cli.output import FORMATS, dumps, emit
from graphkit.query import get_query, load_queries, run_stored


@cli.command("queries")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
def queries_command(fmt: str) -> None:
    """List the stored queries: name, description and parameters.

    Parameters typed author/method/dataset/task/venue/paper take a name (or title) as people write
    it; graphkit turns it into the node key, so "sijie mai" finds "Sijie Mai".

    \b
    Example:
        graphkit queries
        graphkit queries --format json
    """
    rows = [
        {"name": q.name, "description": q.description, "parameters": q.usage()} for q in load_queries().values()
    ]
    emit(rows, fmt)


@cli.command("query")
@click.argument("name")
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="KEY VALUE",
              help="A parameter of the query (repeatable).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most N rows (sets the query's own 'limit' parameter when it has one).")
@click.option("--show-cypher", is_flag=True,
              help="Print the Cypher and the Neo4j Browser :param lines instead of running the query.")
@click.pass_obj
def query_command(obj, name: str, params, fmt: str, limit: int | None, show_cypher: bool) -> None:
    """Run the stored query NAME (see `graphkit queries`) on the store.

    On Neo4j the query's Cypher runs in a read transaction; on the embedded store its networkx twin
    gives the same rows.

    \b
    Example:
        graphkit query coauthors -p name "Sijie Mai"
        graphkit query collaboration-path -p a "Suofei Zhang" -p b "Sijie Mai"
        graphkit query top-methods --limit 5 --format csv
        graphkit query paper-entities -p title "PSA-Det3D: Pillar Set Abstraction for 3D object Detection" --format json
    """
    query = get_query(name)
    values: dict[str, Any] = key_value_params(params)
    declared = {p.name for p in query.parameters}
    if limit is not None and "limit" in declared and "limit" not in values:
        values["limit"] = limit
    if show_cypher:
        bound = query.bind(values)
        click.echo(query.cypher.rstrip())
        click.echo()
        for key, value in bound.items():
            click.echo(f":param {key} => {dumps(value)}")
        return
    rows = run_stored(obj.store(), query, values)
    if limit is not None:
        rows = rows[:limit]
    emit(rows, fmt)
