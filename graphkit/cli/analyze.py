"""``graphkit analyze ...``: thin commands over :mod:`graphkit.analyze`."""

from __future__ import annotations

from dataclasses import asdict

import click

from graphkit import analyze as analysis
from graphkit.cli import cli
from graphkit.cli.output import FORMATS, emit

__all__ = ["analyze"]

_FORMAT = click.option(
    "--format",
    "fmt",
    type=FORMATS,
    default="table",
    show_default=True,
    help="table for people; json or csv for programs.",
)


def _read_graph(ctx: click.Context):
    """The store's whole graph in schema form (networkx store or Neo4j, as the user chose)."""
    return ctx.obj.store().read_graph()


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
    emit(
        [asdict(r) for r in rows],
        fmt,
        columns=["name", "degree", "papers", "betweenness", "pagerank"],
        title=f"Top {len(rows)} authors by {sort}",
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
    emit(
        rows, fmt, columns=["id", "size", "papers", "labels", "members"], title=f"{len(rows)} communities (seed {seed})"
    )


@analyze.command()
@click.argument("source")
@click.argument("target")
@_FORMAT
@click.pass_context
def path(ctx: click.Context, source: str, target: str, fmt: str) -> None:
    """The shortest collaboration path between two authors, with the joint papers on each hop.

    Joint papers are those whose bylines list both authors, as in `graphkit query coauthors`.

    \b
    Example:
        graphkit analyze path "Suofei Zhang" "Sijie Mai"
    """
    hops = analysis.collaboration_path(_read_graph(ctx), source, target)
    rows = [{"hop": i, **asdict(h)} for i, h in enumerate(hops, start=1)]
    if fmt == "table":
        for row in rows:
            row["papers"] = "; ".join(row["papers"])  # one line per hop: a piped table stays one row a line
    emit(
        rows,
        fmt,
        columns=["hop", "source", "target", "joint", "papers"],
        title=f"{source} -> {target}: {len(hops)} hop{'' if len(hops) == 1 else 's'}",
    )


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
    emit(rows, fmt, columns=["name", "score", "reasons"], title=f"Suggested collaborators for {name}")


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
    emit(rows, fmt, columns=columns, title=f"Trends (recent window: {recent} years)")
