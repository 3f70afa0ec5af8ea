"""``graphkit export``: the graph for Gephi, Cytoscape, VOSviewer, Neo4j's bulk importer or your own scripts."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit import analyze as analysis
from graphkit import export as exporters
from graphkit import progress
from graphkit.cli import cli


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(exporters.FORMATS)),
    required=True,
    help="; ".join(f"{name}: {what}" for name, what in exporters.FORMATS.items()) + ".",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File (graphml, gexf, cytoscape) or folder (vosviewer, csv); missing folders are created.")
@click.option(
    "--graph",
    "which",
    type=click.Choice(list(exporters.GRAPHS)),
    default=None,
    help="The whole graph, the co-author graph, or the co-occurrence graph of --kind "
    "[default: full; coauthor for vosviewer, whose maps have one kind of link].",
)
@click.option(
    "--kind",
    type=click.Choice(list(analysis.ENTITY_RELATIONSHIPS)),
    default="method",
    show_default=True,
    help="Entities of the co-occurrence graph.",
)
@click.option("--layout", type=click.Choice(list(exporters.LAYOUTS)), default=None,
              help="Write node positions from this layout (seeded): fr (Fruchterman-Reingold), drl (large graphs), "
              "circle. For gexf, cytoscape and vosviewer.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path, which: str | None, kind: str, layout: str | None) -> None:
    """Write the graph for Gephi, Cytoscape, VOSviewer, Neo4j's bulk importer or your own scripts.

    \b
    Example:
        graphkit export --format gexf --layout fr -o graph.gexf
        graphkit export --format cytoscape --graph coauthor -o coauthors.cyjs
        graphkit export --format vosviewer --graph coauthor -o vos/
        graphkit export --format vosviewer --graph cooccurrence --kind task -o tasks/
        graphkit export --format csv -o csv/
    """
    G = ctx.obj.store().read_graph()
    with progress.step(f"writing {fmt}"):
        done = exporters.export_graph(G, fmt, output, graph=which, kind=kind, layout=layout)
    if not ctx.obj.quiet:
        click.echo(
            f"Wrote {done.nodes} nodes and {done.edges} edges ({done.graph} graph): "
            + ", ".join(map(str, done.paths)),
            err=True,
        )
    if fmt == "csv":
        nodes, rels = done.paths
        click.echo(
            "Import into an empty Neo4j database with:\n"
            f"  neo4j-admin database import full --nodes={nodes} --relationships={rels} "
            f'--array-delimiter="{exporters.ARRAY_DELIMITER}" --multiline-fields=true neo4j',
            err=True,
        )
