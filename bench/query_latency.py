"""Latency of every stored query on the 62k-paper corpus graph, on the embedded store and on Neo4j.

For each catalog query: one warm-up run, then 20 runs with 20 different parameter values drawn from the
graph (authors, methods, ... that have papers; fixed seed), and the median, p95 and max in ms.
Goals: median < 1 s on networkx, < 100 ms on Neo4j.

    python bench/query_latency.py [--store DIR] [--neo4j URI] [--runs 20] [--compare]

The stores must hold the corpus; with ``--build`` an empty one is built first with
``python -m graphkit build $GRAPHKIT_CORPUS`` (default ../shared/data/acl_anthology.jsonl.gz beside the repository).
``--compare`` also checks that both stores return the same rows for every run.
Neo4j credentials come from $NEO4J_USERNAME / $NEO4J_PASSWORD as for the CLI.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's graphkit, not an installed one

from corpus import CORPUS  # noqa: E402

from graphkit.query import load_queries, run_stored  # noqa: E402

# parameter type -> (label, relationship types that make a node worth asking about)
SAMPLED = {
    "author": ("Author", ("AUTHORED",)),
    "method": ("Method", ("PROPOSES", "USES")),
    "dataset": ("Dataset", ("EVALUATED_ON",)),
    "task": ("Task", ("ADDRESSES",)),
    "venue": ("Venue", ("PUBLISHED_IN", "MENTIONS")),
    "paper": ("Paper", ("PROPOSES", "USES", "EVALUATED_ON", "ADDRESSES")),
}


def sample_values(graph, runs: int, seed: int = 0) -> dict[str, list[str]]:
    """``runs`` different display names per parameter type, of nodes that take part in the graph."""
    rng = random.Random(seed)
    values = {}
    for ptype, (label, types) in SAMPLED.items():
        candidates = []
        for node, attrs in graph.nodes(data=True):
            if attrs.get("label") != label:
                continue
            edges = (
                graph.in_edges(node, keys=True)
                if label not in ("Author", "Paper")
                else graph.out_edges(node, keys=True)
            )
            if any(key in types for _, _, key in edges):
                # give what a person types: the display name (the query turns it into the key)
                candidates.append(attrs["id"] if label == "Paper" else attrs.get("name", attrs["id"]))
        candidates.sort()
        values[ptype] = rng.sample(candidates, min(runs, len(candidates))) if candidates else []
    return values


def parameter_sets(query, values: dict[str, list[str]], runs: int) -> list[dict]:
    sets = []
    for i in range(runs):
        params = {}
        for p in query.parameters:
            if p.type == "int":
                continue  # keep the default limit
            pool = values[p.type]
            if not pool:
                return []
            # a and b of collaboration-path: two different authors
            offset = 0 if p.name != "b" else len(pool) // 2
            params[p.name] = pool[(i + offset) % len(pool)]
        sets.append(params)
    return sets


def measure(store, query, sets: list[dict]) -> tuple[list[float], list[list[dict]]]:
    run_stored(store, query, sets[0])  # warm-up: plan cache, lazy loading
    times, results = [], []
    for params in sets:
        start = time.perf_counter()
        rows = run_stored(store, query, params)
        times.append((time.perf_counter() - start) * 1000)
        results.append(rows)
    return times, results


def build_if_empty(store, args: list[str]) -> None:
    if sum(store.stats()["nodes"].values()) == 0:
        print(f"building {CORPUS} into an empty store ({' '.join(args)}) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "graphkit", *args, "build", CORPUS], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=os.environ.get("GRAPHKIT_BENCH_STORE", ".graphkit-bench"),
                        help="embedded store folder holding the corpus")
    parser.add_argument("--neo4j", default=os.environ.get("NEO4J_URI"), help="Neo4j bolt URI holding the corpus")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--build", action="store_true", help="build the corpus into an empty store first")
    parser.add_argument("--compare", action="store_true", help="check both stores give the same rows")
    parser.add_argument("--only", nargs="*", help="only these queries")
    args = parser.parse_args()
    from graphkit.store import open_store


    embedded = open_store(store_dir=args.store, neo4j_uri=None) if Path(args.store).exists() or args.build else None
    if embedded is not None and args.build:
        build_if_empty(embedded, ["--store", args.store])
        embedded = open_store(store_dir=args.store, neo4j_uri=None)
    neo4j = open_store(neo4j_uri=args.neo4j) if args.neo4j else None
    if neo4j is not None and args.build:
        build_if_empty(neo4j, ["--neo4j", args.neo4j])
    stores = [s for s in (embedded, neo4j) if s is not None]
    if not stores:
        sys.exit("no store: give --store DIR (built from the corpus) and/or --neo4j URI, or --build")

    start = time.perf_counter()
    graph = stores[0].read_graph()
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
          f"(read in {time.perf_counter() - start:.1f} s from {stores[0].kind})")
    values = sample_values(graph, args.runs)
    goals = {"networkx": 1000.0, "neo4j": 100.0}

    print(f"{'query':<20} {'store':<9} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'rows':>6}  goal")
    failures = []
    for query in load_queries().values():
        if args.only and query.name not in args.only:
            continue
        sets = parameter_sets(query, values, args.runs)
        if not sets:
            print(f"{query.name:<20} (no nodes to draw parameters from)")
            continue
        results = {}
        for store in stores:
            times, rows = measure(store, query, sets)
            results[store.kind] = rows
            median = statistics.median(times)
            p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]
            ok = median < goals[store.kind]
            failures += [] if ok else [f"{query.name} on {store.kind}"]
            mean_rows = sum(map(len, rows)) / len(rows)
            print(f"{query.name:<20} {store.kind:<9} {median:>10.1f} {p95:>8.1f} {max(times):>8.1f} "
                  f"{mean_rows:>6.1f}  {'ok' if ok else 'SLOW'} (< {goals[store.kind]:.0f})")
        if args.compare and len(results) == 2 and results["networkx"] != results["neo4j"]:
            failures.append(f"{query.name}: rows differ between stores")
            print(f"{query.name:<20} ROWS DIFFER between stores")
    print("all queries within their goals" if not failures else "not within goals: " + "; ".join(failures))
    for store in stores:
        store.close()


if __name__ == "__main__":
    main()
