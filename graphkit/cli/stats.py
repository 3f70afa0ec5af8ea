"""``graphkit stats``: nodes per label and relationships per type in the store."""

from __future__ import annotations

import json

import click

from graphkit.cli import cli
from graphkit.cli.output import emit


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(obj, fmt) -> None:
    """Count the nodes per label and relationships per type in the store.

    \b
    Example:
        graphkit stats
        graphkit stats --store papers-only --format json
    """
    counts = obj.store().stats()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    emit([{"label": label, "count": n} for label, n in counts["nodes"].items()], title="Nodes")
    emit([{"type": type, "count": n} for type, n in counts["relationships"].items()], title="Relationships")
