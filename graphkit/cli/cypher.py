"""``graphkit cypher``: ad-hoc read-only Cypher on the store."""

from __future__ import annotations

import json
from typing import Any

import click

from graphkit.cli import cli, key_value_params
from graphkit.cli.output import FORMATS, emit

DEFAULT_TIMEOUT = 30.0  # seconds: long enough for real analyses, short of a runaway cartesian product
DEFAULT_MAX_ROWS = 10_000  # rows: more than anyone reads in a terminal; the Neo4j Browser stops at 1,000


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
@click.option("--limit", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
              help="At most N rows: the rest is not fetched, and a line on stderr says there were more.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, help="Stop the query after this many seconds.")
@click.pass_obj
def cypher_command(obj, text: str, params, fmt: str, limit: int, timeout: float) -> None:
    """Run ad-hoc read-only Cypher on the store. Writes are refused.

    On Neo4j the server plans it first and only a pure read of the graph runs: writes, LOAD CSV,
    procedures (other than the db.labels()-style schema reads) and administration commands are
    refused before they run, and the server stops it at --timeout. On the embedded store it runs
    through grand-cypher, which supports MATCH ... WHERE ... RETURN ... ORDER BY/SKIP/LIMIT (a
    clear message says when not). Parameters are always passed as parameters, never pasted into
    the text.

    \b
    Example:
        graphkit cypher "MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name, p.title LIMIT 5"
        graphkit cypher "MATCH (a:Author {id: \\$id}) RETURN a.name" -p id "sijie mai"
        graphkit cypher "MATCH (p:Paper) RETURN p.year AS year, count(*) AS papers ORDER BY year"
    """
    values = {key: _adhoc_value(value) for key, value in key_value_params(params).items()}
    rows = obj.store().cypher(text, values, timeout=timeout, max_rows=limit + 1)
    if len(rows) > limit:
        rows = rows[:limit]
        click.echo(f"graphkit: the first {limit:,} rows; the query gives more (--limit N for more, "
                   "or a LIMIT in the query)", err=True)
    emit(rows, fmt)
