"""Time graphkit's analyses on the 62k-paper ACL Anthology corpus.

    python bench/analysis.py                          # builds the corpus into a temporary store
    python bench/analysis.py --store /tmp/acl-store   # build once there, reuse on later runs
    python bench/analysis.py --limit 5000 --extract   # a slice, with methods/datasets/tasks

Targets: load_graph < 10 s, co-author projection < 10 s, PageRank < 30 s,
communities < 30 s. The corpus ($GRAPHKIT_CORPUS, default ../shared/data/acl_anthology.jsonl.gz beside the repository)
goes through the real pipeline (``graphkit.build.run.build_papers``: JSON Lines reader, build,
embedded store), without entity extraction unless ``--extract``. Each step prints wall and CPU
seconds; on a shared machine CPU seconds are the fairer comparison.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's graphkit, not an installed one

from corpus import CORPUS  # noqa: E402

from graphkit import analyze, load_graph, open_store  # noqa: E402
from graphkit.build.run import build_papers  # noqa: E402
from graphkit.errors import NotFound  # noqa: E402
from graphkit.ingest import parse_paths  # noqa: E402

TARGETS = {"load_graph": 10, "coauthor projection": 10, "pagerank": 30, "communities": 30}


@contextmanager
def timed(name: str):
    """Wall and CPU seconds of the block (CPU time is the fairer number on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    target = TARGETS.get(name)
    verdict = "" if target is None else f"  (target < {target} s: {'ok' if seconds < target else 'MISSED'})"
    print(f"{name:<24} {seconds:8.2f} s wall {cpu:8.2f} s cpu{verdict}", flush=True)


def build(store_dir: Path, limit: int | None, extract: bool) -> None:
    with open_store(store_dir=store_dir) as store:
        if store.stats()["nodes"].get("Paper"):
            print(f"reusing the store in {store_dir}")
            return
        with timed("build (not a target)"):
            papers = itertools.islice(parse_paths([os.fspath(CORPUS)], fmt="jsonl"), limit)
            summary = build_papers(papers, store, extract=extract)
        print(f"  {summary.papers} papers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--store", type=Path, help="store folder to build once and reuse")
    parser.add_argument("--extract", action="store_true", help="also extract methods/datasets/tasks")
    args = parser.parse_args()

    if args.store:
        build(args.store, args.limit, args.extract)
        store_dir, scratch = args.store, None
    else:
        scratch = tempfile.TemporaryDirectory()
        store_dir = Path(scratch.name)
        build(store_dir, args.limit, args.extract)
    with timed("load_graph"):
        G = load_graph(store_dir)
    print(f"  {G}")

    with timed("coauthor projection"):
        C = analyze.coauthor_graph(G)
    print(f"  {C}")
    with timed("pagerank"):
        ranks = nx.pagerank(C, weight="weight")
    best = max(ranks, key=ranks.get)
    print(f"  top PageRank: {C.nodes[best]['name']}")
    with timed("communities"):
        found = analyze.communities(G, C)
    print(f"  {len(found)} communities, largest {found[0].size} authors")
    with timed("centrality (all three)"):
        top = analyze.centrality(C, top=5)
    print("  top degree:", ", ".join(f"{r.name} ({r.degree})" for r in top))
    a, b = top[0].node, top[1].node
    with timed("collaboration path"):
        try:
            hops = analyze.collaboration_path(G, a, b, C)
            print(f"  {top[0].name} -> {top[1].name}: {len(hops)} hops")
        except NotFound as err:
            print(f"  {err}")
    with timed("recommend"):
        analyze.recommend(G, a, C=C)
    with timed("trends"):
        analyze.trends(G)
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main()
