"""``graphkit build``: parse, extract and merge the graph into the store."""

from __future__ import annotations

import click

from graphkit.cli import cli
from graphkit.cli._pipeline import pipeline_options
from graphkit.cli.output import emit


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--owner", metavar="NAME", help="Author whose pages these are: linked to every paper and affiliation.")
@click.option("--format", "fmt", metavar="F", help="Input format (detected per file when not given).")
@pipeline_options
@click.option("--reset", is_flag=True, help="Empty the store before building.")
@click.option("--no-extract", is_flag=True, help="Skip entity extraction (papers, authors, venues, categories only).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N local worker "
    "processes (as graphkit extract --dask). The graph is the same as with local extraction.",
)
@click.option(
    "--wait/--no-wait",
    default=True,
    show_default=True,
    help="Wait for another build on the same embedded store, or stop at once.",
)
@click.pass_obj
def build(obj, paths, owner, fmt, model, reset, no_extract, dask_address, wait) -> None:
    """Parse PATHs, extract entities and merge the graph into the store.

    Incremental: papers, authors and entities already in the store are merged, never
    duplicated, and COAUTHOR weights are recomputed, so running it twice changes nothing.

    \b
    Example:
        graphkit build seeds/
        graphkit build --owner "Haifeng Hu" seeds/000_1fd7cdb3c6acac64.txt
        graphkit build seeds/ --store papers-only --reset --no-extract
    """
    from graphkit.build.derive import coauthor_author_limit
    from graphkit.build.run import build_paths
    from graphkit.ingest import ParseReport

    store = obj.store(write=True)
    store.lock_timeout = None if wait else 0
    store.on_wait = lambda message: click.echo(message + " ...", err=True)
    report = ParseReport()
    try:
        summary = build_paths(
            paths,
            store,
            fmt=fmt,
            owner=owner,
            model=model,
            reset=reset,
            progress=obj.progress,
            extract=not no_extract,
            identity_dir=obj.store_dir,
            report=report,
            dask=dask_address,
        )
    finally:
        for line in report.messages():
            click.echo(line, err=True)
    labels = sorted(set(summary.nodes_added) | set(summary.nodes_merged))
    added = sum(summary.nodes_added.values())
    relationships = sum(summary.relationships_added.values())
    click.echo(
        f"Built {summary.papers} papers in {summary.seconds:.1f}s: {added} nodes and {relationships} "
        f"relationships added; {summary.skipped} records skipped."
    )
    if summary.hyperauthored:
        one = summary.hyperauthored == 1
        click.echo(
            f"{summary.hyperauthored} {'paper has' if one else 'papers have'} more than {coauthor_author_limit()} "
            f"authors and {'adds' if one else 'add'} no COAUTHOR pairs "
            "(hyperauthorship; set GRAPHKIT_MAX_COAUTHOR_AUTHORS to change the limit)."
        )
    rows = [
        {
            "label / type": label,
            "added": summary.nodes_added.get(label, 0),
            "merged": summary.nodes_merged.get(label, 0),
        }
        for label in labels
    ]
    rows += [
        {"label / type": type, "added": n, "merged": None} for type, n in sorted(summary.relationships_added.items())
    ]
    emit(rows, title="", empty=None)
