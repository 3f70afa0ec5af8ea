"""``graphkit export``: the graph for Gephi, VOSviewer, Neo4j's bulk importer or your own scripts."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit import analyze as analysis
from graphkit import export as exporters
from graphkit import progress
from graphkit.cli import cli


def _read_graph(ctx: click.Context):
    """The store's whole graph in schema form (networkx store or Neo4j, as the user chose)."""
    return ctx.obj.store().read_graph()


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "vosviewer", "csv"]),
    required=True,
    help="graphml/gexf: one file (Gephi); vosviewer: map.txt, network.txt and vosviewer.json "
    "in a folder; csv: nodes.csv and relationships.csv in a folder (neo4j-admin import).",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File (graphml, gexf) or folder.")
@click.option(
    "--graph",
    "which",
    type=click.Choice(["full", "coauthor", "cooccurrence"]),
    default="full",
    show_default=True,
    help="The whole graph, the co-author graph, or the co-occurrence graph of --kind.",
)
@click.option(
    "--kind",
    type=click.Choice(list(analysis.ENTITY_RELATIONSHIPS)),
    default="method",
    show_default=True,
    help="Entities of the co-occurrence graph.",
)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path, which: str, kind: str) -> None:
    """Write the graph for Gephi, VOSviewer, Neo4j's bulk importer or your own scripts.

    \b
    Example:
        graphkit export --format gexf -o graph.gexf
        graphkit export --format vosviewer --graph coauthor -o vos/
        graphkit export --format vosviewer --graph cooccurrence --kind task -o tasks/
        graphkit export --format csv -o csv/
    """
    G = _read_graph(ctx)
    with progress.step(f"writing {fmt}"):
        if which == "coauthor":
            G = analysis.coauthor_graph(G)
        elif which == "cooccurrence":
            G = analysis.cooccurrence_graph(G, kind)
        if fmt == "graphml":
            written = [exporters.write_graphml(G, output)]
        elif fmt == "gexf":
            written = [exporters.write_gexf(G, output)]
        elif fmt == "vosviewer":
            written = [
                *exporters.write_vosviewer(G, output), exporters.write_vosviewer_json(G, output / "vosviewer.json")
            ]
        else:
            written = list(exporters.write_csv(G, output))
    if not ctx.obj.quiet:
        click.echo(
            f"Wrote {G.number_of_nodes()} nodes and {G.number_of_edges()} edges: " + ", ".join(map(str, written)),
            err=True,
        )
    if fmt == "csv":
        nodes, rels = written
        click.echo(
            "Import into an empty Neo4j database with:\n"
            f"  neo4j-admin database import full --nodes={nodes} --relationships={rels} "
            f'--array-delimiter="{exporters.ARRAY_DELIMITER}" --multiline-fields=true neo4j',
            err=True,
        )
