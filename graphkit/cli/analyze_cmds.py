"""``graphkit analyze ...`` and ``graphkit export``: thin commands over graphkit.analyze / graphkit.export."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from graphkit import analyze as analysis
from graphkit import export as exporters
from graphkit.cli import cli

__all__ = ["analyze", "export"]

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json or csv for programs.",
)


def _read_graph(ctx: click.Context):
    """The store's whole graph in schema form (networkx store or Neo4j, as the user chose)."""
    return ctx.obj.store().read_graph()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}:{v}" for k, v in value.items())
    return "" if value is None else str(value)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str) -> None:
    """Print ``rows``: a rich table of ``columns``, or every field as JSON / CSV."""
    out = sys.stdout
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        fields = list(rows[0]) if rows else columns
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    k: "; ".join(map(str, v)) if isinstance(v, list) else json.dumps(v) if isinstance(v, dict) else v
                    for k, v in row.items()
                }
            )
    else:
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        # piped output has no terminal width to follow: allow wide tables rather than folding
        Console(file=out, width=None if out.isatty() else 160).print(table)


@cli.group()
def analyze() -> None:
    """Bibliometric analyses of the co-author and topic graph in the store.

    \b
    Example:
        graphkit analyze centrality --top 10
        graphkit analyze communities
        graphkit analyze path "Suofei Zhang" "Sijie Mai"
        graphkit analyze recommend "Sijie Mai"
        graphkit analyze trends --kind task --format json
    """


@analyze.command()
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many authors.")
@click.option(
    "--sort",
    type=click.Choice(["degree", "betweenness", "pagerank"]),
    default="degree",
    show_default=True,
    help="Rank by this measure.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    help="Estimate betweenness from this many source authors (default: exact up to 3000 authors, "
    "else a sample sized to take seconds).",
)
@_FORMAT
@click.pass_context
def centrality(ctx: click.Context, top: int, sort: str, samples: int | None, fmt: str) -> None:
    """The most central authors of the co-author graph.

    Degree is the number of distinct co-authors, betweenness how often an author lies on the
    shortest collaboration paths between others (estimated from a sample above 3000 authors;
    --samples for more precision), PageRank is
    weighted by joint papers.

    \b
    Example:
        graphkit analyze centrality --top 10 --sort betweenness
    """
    rows = analysis.centrality(analysis.coauthor_graph(_read_graph(ctx)), top=top, sort=sort, samples=samples)
    _emit(
        [asdict(r) for r in rows],
        fmt,
        ["name", "degree", "papers", "betweenness", "pagerank"],
        f"Top {len(rows)} authors by {sort}",
    )


@analyze.command()
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many communities.")
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain seed: same seed, same communities.")
@click.option("--resolution", type=float, default=1.0, show_default=True, help="Above 1: smaller communities.")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True, help="Hide smaller communities.")
@_FORMAT
@click.pass_context
def communities(ctx: click.Context, top: int, seed: int, resolution: float, min_size: int, fmt: str) -> None:
    """Research communities (Louvain on the co-author graph), labelled by their topics.

    Each community is labelled with the methods and tasks most particular to its papers
    (tf-idf-like: share of the community's papers times log of inverse overall frequency).

    \b
    Example:
        graphkit analyze communities --top 5 --seed 7
    """
    G = _read_graph(ctx)
    found = analysis.communities(G, seed=seed, resolution=resolution, min_size=min_size)[:top]
    rows = [
        {
            "id": c.id,
            "size": c.size,
            "papers": c.papers,
            "labels": [f"{t.kind}: {t.name}" for t in c.labels],
            "members": c.members,
        }
        for c in found
    ]
    if fmt == "table":
        for row in rows:
            shown = row["members"][:6]
            row["members"] = shown + ([f"... +{row['size'] - len(shown)}"] if row["size"] > len(shown) else [])
    _emit(rows, fmt, ["id", "size", "papers", "labels", "members"], f"{len(rows)} communities (seed {seed})")


@analyze.command()
@click.argument("source")
@click.argument("target")
@_FORMAT
@click.pass_context
def path(ctx: click.Context, source: str, target: str, fmt: str) -> None:
    """The shortest collaboration path between two authors, with the joint papers on each hop.

    \b
    Example:
        graphkit analyze path "Suofei Zhang" "Sijie Mai"
    """
    hops = analysis.collaboration_path(_read_graph(ctx), source, target)
    rows = [{"hop": i, **asdict(h)} for i, h in enumerate(hops, start=1)]
    if fmt == "table":
        for row in rows:
            row["joint"] = len(row["papers"])
            row["papers"] = "\n".join(row["papers"])
    _emit(rows, fmt, ["hop", "source", "target", "joint", "papers"], f"{source} -> {target}: {len(hops)} hops")


@analyze.command()
@click.argument("name")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many suggestions.")
@_FORMAT
@click.pass_context
def recommend(ctx: click.Context, name: str, top: int, fmt: str) -> None:
    """People NAME has not written with yet but probably should, each with its reasons.

    The score is an Adamic-Adar sum over common co-authors and shared methods, datasets and
    tasks: rare things in common count more than popular ones.

    \b
    Example:
        graphkit analyze recommend "Sijie Mai" --top 5
    """
    suggestions = analysis.recommend(_read_graph(ctx), name, top=top)
    rows = [{**asdict(s), "reasons": s.reasons} for s in suggestions]
    if fmt == "table":
        for row in rows:
            row["reasons"] = "\n".join(row["reasons"])
    _emit(rows, fmt, ["name", "score", "reasons"], f"Suggested collaborators for {name}")


@analyze.command()
@click.option(
    "--kind",
    "kinds",
    type=click.Choice(list(analysis.ENTITY_RELATIONSHIPS)),
    multiple=True,
    help="method, dataset or task (repeat; default all three).",
)
@click.option("--recent", type=click.IntRange(min=1), default=3, show_default=True, help="Recent window, in years.")
@click.option("--until", type=int, help="Last year considered (default: the latest paper's year).")
@click.option("--threshold", type=float, default=2.0, show_default=True, help="z-score from which a term is rising.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per kind.")
@click.option("--rising-only", is_flag=True, help="Only terms that are rising.")
@_FORMAT
@click.pass_context
def trends(
    ctx: click.Context,
    kinds: tuple[str, ...],
    recent: int,
    until: int | None,
    threshold: float,
    top: int,
    rising_only: bool,
    fmt: str,
) -> None:
    """Methods, datasets and tasks per year, and which are rising.

    A term is rising when its share of papers in the last --recent years is above its share in
    all earlier years by a two-proportion z-score of at least --threshold (and it has two or
    more recent papers). Rows are ordered by z, highest first.

    \b
    Example:
        graphkit analyze trends --kind task --recent 2 --top 5
    """
    kinds = kinds or tuple(analysis.ENTITY_RELATIONSHIPS)
    found = analysis.trends(_read_graph(ctx), kinds, recent=recent, until=until, threshold=threshold)
    if rising_only:
        found = [t for t in found if t.rising]
    per_kind: dict[str, int] = {}
    rows = []
    for t in found:
        per_kind[t.kind] = per_kind.get(t.kind, 0) + 1
        if per_kind[t.kind] <= top:
            rows.append(asdict(t))
    years = sorted({y for row in rows for y in row["counts"]})[-(recent + 2) :]
    if fmt == "table":
        for row in rows:
            row.update({str(y): row["counts"].get(y, 0) for y in years})
            row["rising"] = "yes" if row["rising"] else ""
    columns = ["kind", "name", "total", *map(str, years), "recent_share", "past_share", "z", "rising"]
    _emit(rows, fmt, columns, f"Trends (recent window: {recent} years)")


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
    if which == "coauthor":
        G = analysis.coauthor_graph(G)
    elif which == "cooccurrence":
        G = analysis.cooccurrence_graph(G, kind)
    if fmt == "graphml":
        written = [exporters.write_graphml(G, output)]
    elif fmt == "gexf":
        written = [exporters.write_gexf(G, output)]
    elif fmt == "vosviewer":
        written = [*exporters.write_vosviewer(G, output), exporters.write_vosviewer_json(G, output / "vosviewer.json")]
    else:
        written = list(exporters.write_csv(G, output))
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
