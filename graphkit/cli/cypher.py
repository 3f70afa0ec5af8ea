"""``graphkit cypher``: ad-hoc read-only Cypher on the store."""

from __future__ import annotations

import json
from typing import Any

import click

from graphkit.cli import cli, key_value_params
from graphkit.cli.output import FORMATS, emit


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
    values = {key: _adhoc_value(value) for key, value in key_value_params(params).items()}
    rows = obj.store().cypher(text, values)
    if limit is not None:
        rows = rows[:limit]
    emit(rows, fmt)
