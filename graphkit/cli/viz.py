"""``graphkit viz``: write an interactive HTML page of one subject's neighbourhood or the whole graph."""

from __future__ import annotations

from pathlib import Path

import click

from graphkit.cli import cli
from graphkit.viz import default_filename, limit_nodes, render
from graphkit.viz.subgraph import (
    FOLD_FROM_NODES,
    KINDS,
    display_name,
    fold_papers,
    keep_types,
    parse_types,
    store_ego,
    top_by_degree,
)


@cli.command()
@click.argument("kind", type=click.Choice([*KINDS, "graph"], case_sensitive=False))
@click.argument("name", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The .html file to write (default: named after the subject, e.g. sijie-mai.html).")
@click.option("--depth", type=click.IntRange(0, 6), default=1, show_default=True,
              help="Steps out from the subject; a step through a paper counts as one.")
@click.option("--max-nodes", type=click.IntRange(1), default=1000, show_default=True,
              help="Past this many nodes keep the most connected ones (the page says what was left out).")
@click.option("--types", metavar="KIND,...",
              help="Only these node kinds: author,paper,method,dataset,task,venue,affiliation,category.")
@click.option("--since", type=int, metavar="YEAR", help="Leave out papers before YEAR.")
@click.option("--top", type=click.IntRange(1), metavar="N",
              help="With 'graph': only the N best-connected nodes.")
@click.option("--papers/--fold-papers", "papers", default=None,
              help="Draw papers as nodes, or fold them into co-author and topic links weighted by joint papers, "
                   f"co-author groups coloured (default: folded past {FOLD_FROM_NODES} nodes).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.pass_obj
def viz(obj, kind, name, output, depth, max_nodes, types, since, top, papers, open_browser):
    """Draw KIND NAME's neighbourhood (or the whole graph) as one self-contained HTML page.

    KIND is author, method, dataset, task, venue or paper (NAME: the name, or a paper's title or
    id), or 'graph' for the whole graph. The page works offline and as an e-mail attachment:
    hover for details and evidence sentences, click a node to highlight its neighbours, find a
    node by name, show or hide node types in the legend.

    \b
    Example:
        graphkit viz author "Sijie Mai"
        graphkit viz method "Graph Neural Networks" --depth 1 --types author,method -o gnn.html
        graphkit viz author "Sijie Mai" --since 2022 --open
        graphkit viz author "Haifeng Hu" --fold-papers -o haifeng-hu.html
        graphkit viz graph --top 300 -o overview.html
    """
    kind = kind.lower()
    store = obj.store()
    if kind == "graph":
        if name:
            raise click.UsageError("'graphkit viz graph' takes no NAME (use --top N to cut it down)")
        sub = top_by_degree(store.read_graph(), min(top or max_nodes, max_nodes), types=types, since=since)
        output = output or Path("graph.html")
    else:
        if not name:
            raise click.UsageError(f"'graphkit viz {kind}' needs a NAME, e.g. graphkit viz {kind} \"...\"")
        # folded, papers leave room: cut after folding (the subject's co-authors first)
        options = dict(depth=depth, types=types, since=since)
        unfolded_cut = None if papers is not True and depth <= 1 else max_nodes
        if types is not None and "Paper" not in parse_types(types):
            # no papers shown: what joins the kinds shown is their papers, so fold them first, then filter
            sub = store_ego(store, kind, name, max_nodes=unfolded_cut, **{**options, "types": None})
            sub = keep_types(fold_papers(sub), types)
        else:
            sub = store_ego(store, kind, name, max_nodes=unfolded_cut, **options)
            if papers is False or (papers is None and sub.number_of_nodes() > FOLD_FROM_NODES):
                sub = fold_papers(sub)
            elif sub.number_of_nodes() > max_nodes:
                sub = store_ego(store, kind, name, max_nodes=max_nodes, **options)
        output = output or Path(default_filename(display_name(sub.nodes[sub.graph["center"]])))
    sub = limit_nodes(sub, max_nodes)
    path = render(sub, output, max_nodes=max_nodes, open_browser=open_browser)
    left_out = sub.graph.get("omitted", {}).get("nodes", 0)
    note = f"; {left_out:,} less connected nodes left out" if left_out else ""
    click.echo(f"Wrote {path} ({sub.number_of_nodes():,} nodes, {sub.number_of_edges():,} links{note})")
