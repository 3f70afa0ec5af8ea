"""``graphkit queries``, ``graphkit query`` and ``graphkit cypher``: the stored catalog and ad-hoc Cypher."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graphkit.cli import cli
from graphkit.errors import QueryParameterError
from graphkit.queries import get_query, load_queries, run_stored

FORMATS = click.Choice(["table", "json", "csv"])


def _params(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            raise QueryParameterError(f"parameter {key!r} given twice (-p {key} ...)")
        params[key] = value
    return params


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def write_rows(rows: list[dict[str, Any]], fmt: str, title: str | None = None) -> None:
    """Print rows as a rich table (for people), JSON (a list of objects) or CSV (lists as JSON)."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else ("" if v is None else v)
                 for v in row.values()]
            )
        return
    if not rows:
        click.echo("No rows.", err=True)
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        numeric = all(isinstance(row[column], (int, float)) or row[column] is None for row in rows)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row[c])) for c in columns))  # Text: no rich markup from the data
    Console().print(table)


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
    write_rows(rows, fmt)


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
        graphkit query paper-entities -p title "Multimodal Information Bottleneck: ..." --format json
    """
    query = get_query(name)
    values: dict[str, Any] = _params(params)
    declared = {p.name for p in query.parameters}
    if limit is not None and "limit" in declared and "limit" not in values:
        values["limit"] = limit
    if show_cypher:
        bound = query.bind(values)
        click.echo(query.cypher.rstrip())
        click.echo()
        for key, value in bound.items():
            click.echo(f":param {key} => {json.dumps(value, ensure_ascii=False)}")
        return
    rows = run_stored(obj.store(), query, values)
    if limit is not None:
        rows = rows[:limit]
    write_rows(rows, fmt, title=None)
    if not rows and fmt == "table":
        keys = {k: v for k, v in query.bind(values).items() if k in values and isinstance(v, str)}
        if keys:
            shown = ", ".join(f"{k} = {v!r}" for k, v in keys.items())
            click.echo(f"(matched on the key {shown}; check the spelling with `graphkit stats` or a top-* query)", err=True)


def _adhoc_value(text: str) -> Any:
    """A -p value for ad-hoc Cypher: a JSON number, boolean, null, list or object, otherwise the string."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return text if isinstance(value, str) else value


@cli.command("cypher")
@click.argument("text")
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="KEY VALUE",
              help='A parameter, $KEY in the text (repeatable). Numbers, true/false, null and JSON lists are '
                   'passed as such; quote as JSON (\'"2022"\') to force a string.')
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N rows of output.")
@click.pass_obj
def cypher_command(obj, text: str, params, fmt: str, limit: int | None) -> None:
    """Run ad-hoc read-only Cypher on the store. Writes are refused.

    On Neo4j it runs in a read transaction; on the embedded store through grand-cypher, which
    supports MATCH ... WHERE ... RETURN ... ORDER BY/SKIP/LIMIT (a clear message says when not).
    Parameters are always passed as parameters, never pasted into the text.

    \b
    Example:
        graphkit cypher "MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name, p.title LIMIT 5"
        graphkit cypher "MATCH (a:Author {id: \\$id}) RETURN a.name" -p id "sijie mai"
    """
    values = {key: _adhoc_value(value) for key, value in _params(params).items()}
    rows = obj.store().cypher(text, values)
    if limit is not None:
        rows = rows[:limit]
    write_rows(rows, fmt)
