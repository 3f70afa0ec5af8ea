"""``graphkit build`` and ``graphkit stats``: fill a store and count what is in it."""

from __future__ import annotations

import json
import sys

import click

from graphkit.cli import Context, cli


def store_options(command):
    """``--store`` / ``--neo4j`` after the command name too (``graphkit build seeds/ --store DIR``)."""

    def use(ctx: click.Context, param: click.Parameter, value):
        if value is not None:
            setattr(ctx.ensure_object(Context), param.name, value)
        return value

    command = click.option(
        "--neo4j", "neo4j_uri", expose_value=False, callback=use, help="Same as `graphkit --neo4j URI`."
    )(command)
    return click.option(
        "--store", "store_dir", expose_value=False, callback=use, type=click.Path(file_okay=False),
        help="Same as `graphkit --store DIR`.",
    )(command)


def _table(title: str, rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--owner", metavar="NAME", help="Author whose pages these are: linked to every paper and affiliation.")
@click.option("--format", "fmt", metavar="F", help="Input format (detected per file when not given).")
@click.option("--model", metavar="NAME", help="spaCy pipeline for extraction, e.g. en_core_web_sm (default: blank English).")
@click.option("--reset", is_flag=True, help="Empty the store before building.")
@click.option("--no-extract", is_flag=True, help="Skip entity extraction (papers, authors, venues, categories only).")
@click.option("--wait/--no-wait", default=True, show_default=True, help="Wait for another build on the same embedded store, or stop at once.")
@store_options
@click.pass_obj
def build(obj, paths, owner, fmt, model, reset, no_extract, wait) -> None:
    """Parse PATHs, extract entities and merge the graph into the store.

    Incremental: papers, authors and entities already in the store are merged, never
    duplicated, and COAUTHOR weights are recomputed, so running it twice changes nothing.

    \b
    Example:
        graphkit build seeds/
        graphkit build --owner "Haifeng Hu" seeds/000_1fd7cdb3c6acac64.txt
        graphkit build acl.jsonl --store /tmp/acl --reset --no-extract
    """
    from graphkit.pipeline import build_paths
    from graphkit.store.networkx_store import NetworkxStore

    store = obj.store()
    if isinstance(store, NetworkxStore):
        store.lock_timeout = None if wait else 0
        store.on_wait = lambda message: click.echo(message + " ...", err=True)
    summary = build_paths(
        paths, store, fmt=fmt, owner=owner, model=model, reset=reset, progress=sys.stderr.isatty(), extract=not no_extract,
        identity_dir=obj.store_dir,
    )
    labels = sorted(set(summary.nodes_added) | set(summary.nodes_merged))
    added = sum(summary.nodes_added.values())
    relationships = sum(summary.relationships_added.values())
    click.echo(
        f"Built {summary.papers} papers in {summary.seconds:.1f}s: {added} nodes and {relationships} "
        f"relationships added; {summary.skipped} records skipped."
    )
    rows = [(label, str(summary.nodes_added.get(label, 0)), str(summary.nodes_merged.get(label, 0))) for label in labels]
    rows += [(type, str(n), "") for type, n in sorted(summary.relationships_added.items())]
    if rows:
        _table("", rows, ("label / type", "added", "merged"))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_options
@click.pass_obj
def stats(obj, fmt) -> None:
    """Count the nodes per label and relationships per type in the store.

    \b
    Example:
        graphkit stats
        graphkit stats --store /tmp/acl --format json
    """
    counts = obj.store().stats()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    _table("Nodes", [(label, str(n)) for label, n in counts["nodes"].items()], ("label", "count"))
    _table("Relationships", [(type, str(n)) for type, n in counts["relationships"].items()], ("type", "count"))
