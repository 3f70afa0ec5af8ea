"""Load speed of the Neo4j store: graphkit's build against the plain-CREATE bound and a one-row loader.

    python bench/neo4j_load.py [--limit PAPERS] [--rounds 3] [--sample 300] [--admin-import]
                               [--batch-size N] [--workers N] [--jit c1|c2] [--heap 2g] [--pagecache 1g]

Starts its own local Neo4j (scripts/neo4j-local, throw-away data folder, free port, C2 JIT unless
--jit c1) unless NEO4J_URI is set. The corpus is $GRAPHKIT_CORPUS (default
../shared/data/acl_anthology.jsonl.gz beside the repository), its first --limit records when given.

One warm-up build (not counted: the server's JIT compiles the write path) gives the rows every
loader writes: the built graph read back, COAUTHOR and the ``papers`` counts included. Then, round
after round, on the same server, each into an empty database (emptied beforehand, not timed):

1. **bound**: the simplest load of those rows, ``UNWIND $rows CREATE`` per label, then
   ``UNWIND $rows MATCH MATCH CREATE`` per relationship type and end labels (COAUTHOR included),
   one session, constraint indexes in place; nodes/s and relationships/s;
2. **graphkit**: what ``graphkit build --reset --no-extract CORPUS`` runs (``build_paths``): parse,
   build, write in batches, COAUTHOR / paper counts / USES_METHOD derived at the end. Nodes/s is
   the nodes over the time spent writing nodes and their derived counts; relationships/s the
   relationships (COAUTHOR included) over the time spent writing and deriving them (both from the
   store's ``timings``); the whole build's rows/s (parsing included) is printed too;
3. **one-row loader**: the first --sample papers' rows, one MERGE per node or relationship, each in
   its own transaction.

Every round's counts must equal the warm-up's. Prints each round, the medians and the ratios:
graphkit / bound for nodes and for relationships, graphkit / one-row loader (whole rows/s).
With --admin-import, ``scripts/neo4j-local import`` (``neo4j-admin database import full`` from
graphkit's CSV export) is timed on the same rows into a fresh, stopped home, and its counts checked.
"""

from __future__ import annotations

import argparse
import gzip
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus import CORPUS  # noqa: E402

from graphkit.build.run import build_paths  # noqa: E402
from graphkit.store.neo4j import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, Neo4jStore  # noqa: E402

SCRIPT = str(REPO / "scripts" / "neo4j-local")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_local_server(heap: str, pagecache: str, jit: str) -> tuple[str, str, Path]:
    port = free_port()
    home = Path(tempfile.mkdtemp(prefix="graphkit-bench-neo4j-"))
    password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_PASSWORD": password, "NEO4J_HEAP": heap, "NEO4J_PAGECACHE": pagecache, "NEO4J_JIT": jit}
    subprocess.run([SCRIPT, "fetch"], check=True)
    subprocess.run([SCRIPT, "start", "--home", str(home), "--port", str(port), "--http-port", str(free_port())],
                   check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return f"bolt://127.0.0.1:{port}", password, home


def rows_of(graph) -> tuple[dict[str, list[dict]], dict[tuple[str, str, str], list[dict]]]:
    """Node rows per label and relationship rows per (type, start label, end label) of a read-back graph."""
    nodes: dict[str, list[dict]] = {}
    for _, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label"}
        nodes.setdefault(data["label"], []).append({"id": props.pop("id"), "props": props})
    rels: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, data in graph.edges(data=True):
        a, b = graph.nodes[u], graph.nodes[v]
        props = {k: val for k, val in data.items() if k != "type"}
        rels.setdefault((data["type"], a["label"], b["label"]), []).append(
            {"start": a["id"], "end": b["id"], "props": props})
    return nodes, rels


def bound_load(store: Neo4jStore, nodes, rels, batch_size: int) -> tuple[float, float]:
    """The plain ``UNWIND $rows CREATE`` load; (node seconds, relationship seconds)."""

    def run(query: str, rows: list[dict]) -> None:
        with store._driver.session(database=store.database) as session:
            for start in range(0, len(rows), batch_size):
                batch = rows[start:start + batch_size]
                session.execute_write(lambda tx, b=batch: tx.run(query, rows=b).consume())

    t = time.perf_counter()
    for label, rows in nodes.items():
        run(f"UNWIND $rows AS row CREATE (n:{label} {{id: row.id}}) SET n += row.props", rows)
    node_s = time.perf_counter() - t
    t = time.perf_counter()
    for (type, a, b), rows in rels.items():
        run(f"UNWIND $rows AS row MATCH (a:{a} {{id: row.start}}) MATCH (b:{b} {{id: row.end}}) "
            f"CREATE (a)-[r:{type}]->(b) SET r += row.props", rows)
    return node_s, time.perf_counter() - t


def one_row_load(store: Neo4jStore, nodes, rels) -> float:
    """One MERGE per row, one transaction per row; seconds."""
    started = time.perf_counter()
    with store._driver.session(database=store.database) as session:
        for label, rows in nodes.items():
            query = f"MERGE (n:{label} {{id: $id}}) SET n += $props"
            for row in rows:
                session.execute_write(lambda tx, r=row, q=query: tx.run(q, id=r["id"], props=r["props"]).consume())
        for (type, a, b), rows in rels.items():
            query = (f"MATCH (a:{a} {{id: $start}}) MATCH (b:{b} {{id: $end}}) "
                     f"MERGE (a)-[r:{type}]->(b) SET r += $props")
            for row in rows:
                session.execute_write(
                    lambda tx, r=row, q=query: tx.run(q, start=r["start"], end=r["end"], props=r["props"]).consume())
    return time.perf_counter() - started


def sample_rows(nodes, rels, papers: int):
    """The rows of the first ``papers`` papers: their relationships and the nodes those touch."""
    keep = set(sorted(row["id"] for row in nodes["Paper"])[:papers])
    ends: set[tuple[str, str]] = set()
    sample_rels = {}
    for shape, rows in rels.items():
        if shape[0] == "COAUTHOR":
            continue
        picked = [r for r in rows if (shape[1] == "Paper" and r["start"] in keep) or
                  (shape[2] == "Paper" and r["end"] in keep)]
        if picked:
            sample_rels[shape] = picked
            ends |= {(shape[1], r["start"]) for r in picked} | {(shape[2], r["end"]) for r in picked}
    sample_nodes = {label: [r for r in rows if (label, r["id"]) in ends or (label == "Paper" and r["id"] in keep)]
                    for label, rows in nodes.items()}
    return {k: v for k, v in sample_nodes.items() if v}, sample_rels


def count(rows_by_key) -> int:
    return sum(len(rows) for rows in rows_by_key.values())


def admin_import(graph, heap: str, expected: dict, rows: int) -> None:
    """``scripts/neo4j-local import`` of graphkit's CSV export into a fresh home; its rate and counts."""
    from graphkit.export import write_csv

    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-import-"))
    try:
        t = time.perf_counter()
        write_csv(graph, work / "csv")
        print(f"  graphkit's CSV export: {time.perf_counter() - t:.1f}s")
        port = free_port()
        password = secrets.token_urlsafe(18)
        env = {**os.environ, "NEO4J_PASSWORD": password, "NEO4J_HEAP": heap}
        t = time.perf_counter()
        done = subprocess.run([SCRIPT, "import", str(work / "csv"), "--home", str(work / "home"), "--no-start"],
                              env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t
        if done.returncode:
            raise SystemExit(f"neo4j-local import failed: {done.stderr.strip()[-2000:]}")
        print(f"  neo4j-admin import (scripts/neo4j-local import --no-start): {rows:,} records in {wall:.1f}s = "
              f"{rows / wall:,.0f} records/s (JVM start and the import's own checks included; "
              f"{done.stderr.strip().splitlines()[-1]})")
        t = time.perf_counter()
        subprocess.run([SCRIPT, "start", "--home", str(work / "home"), "--port", str(port),
                        "--http-port", str(free_port())], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.perf_counter() - t
        try:
            with Neo4jStore(f"bolt://127.0.0.1:{port}", password=password) as imported:
                print(f"  then the first start (constraints, indexes, USES_METHOD shortcuts) {started:.1f}s: "
                      f"{rows / (wall + started):,.0f} records/s to a ready server; "
                      f"counts equal to graphkit's build: {imported.stats() == expected}")
        finally:
            subprocess.run([SCRIPT, "stop", "--home", str(work / "home")], check=False, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N corpus records")
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds (after the warm-up build; 0: none)")
    parser.add_argument("--sample", type=int, default=300, help="papers for the one-row loader (default 300)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="rows per transaction")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="graphkit's parallel write sessions")
    parser.add_argument("--jit", default=os.environ.get("NEO4J_JIT", "c2"), choices=["c1", "c2"])
    parser.add_argument("--heap", default=os.environ.get("NEO4J_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("NEO4J_PAGECACHE", "1g"))
    parser.add_argument("--admin-import", action="store_true", help="also time scripts/neo4j-local import")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-load-"))
    corpus = CORPUS
    if args.limit:
        corpus = work / "corpus.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as lines, corpus.open("w", encoding="utf-8") as out:
            out.writelines(islice(lines, args.limit))
    os.environ.setdefault("GRAPHKIT_IDENTITY_HOME", str(work / "identity"))

    home = None
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD")
    if not uri:
        uri, password, home = start_local_server(args.heap, args.pagecache, args.jit)
        print(f"local Neo4j 5.26 on {uri} (heap {args.heap}, page cache {args.pagecache}, JIT {args.jit})")
    try:
        with Neo4jStore(uri, password=password, batch_size=args.batch_size, workers=args.workers) as store:
            t = time.perf_counter()
            build_paths([corpus], store, reset=True, extract=False)
            expected = store.stats()
            graph = store.read_graph()
            nodes, rels = rows_of(graph)
            n_nodes, n_rels = count(nodes), count(rels)
            print(f"warm-up build of {corpus.name}{f' (first {args.limit} records)' if args.limit else ''}: "
                  f"{time.perf_counter() - t:.1f}s; {n_nodes:,} nodes, {n_rels:,} relationships "
                  f"({len(rels.get(('COAUTHOR', 'Author', 'Author'), [])):,} COAUTHOR)")
            s_nodes, s_rels = sample_rows(nodes, rels, args.sample)
            s_count = count(s_nodes) + count(s_rels)

            results: dict[str, list[float]] = {k: [] for k in (
                "bound nodes/s", "bound rels/s", "bound rows/s", "graphkit nodes/s", "graphkit rels/s",
                "graphkit rows/s (writes)", "graphkit rows/s (whole build)", "one-row rows/s")}
            for round_number in range(1, args.rounds + 1):
                store.reset()
                node_s, rel_s = bound_load(store, nodes, rels, args.batch_size)
                assert store.stats() == expected, "the bound's counts differ"
                results["bound nodes/s"].append(n_nodes / node_s)
                results["bound rels/s"].append(n_rels / rel_s)
                results["bound rows/s"].append((n_nodes + n_rels) / (node_s + rel_s))

                store.reset()
                store.timings.clear()
                t = time.perf_counter()
                build_paths([corpus], store, reset=True, extract=False)
                whole = time.perf_counter() - t
                assert store.stats() == expected, "graphkit's counts differ from the warm-up build's"
                tm = store.timings
                g_node_s = tm.get("nodes", 0) + tm.get("paper counts", 0)
                g_rel_s = tm.get("relationships", 0) + tm.get("coauthor", 0) + tm.get("method shortcuts", 0)
                results["graphkit nodes/s"].append(n_nodes / g_node_s)
                results["graphkit rels/s"].append(n_rels / g_rel_s)
                results["graphkit rows/s (writes)"].append((n_nodes + n_rels) / (g_node_s + g_rel_s))
                results["graphkit rows/s (whole build)"].append((n_nodes + n_rels) / whole)

                store.reset()
                one_s = one_row_load(store, s_nodes, s_rels)
                results["one-row rows/s"].append(s_count / one_s)
                print(f"round {round_number}: bound {n_nodes / node_s:,.0f} nodes/s {n_rels / rel_s:,.0f} rels/s "
                      f"({node_s + rel_s:.1f}s); graphkit {n_nodes / g_node_s:,.0f} nodes/s "
                      f"{n_rels / g_rel_s:,.0f} rels/s (writes {g_node_s + g_rel_s:.1f}s, whole build {whole:.1f}s: "
                      + ", ".join(f"{k} {v:.1f}s" for k, v in sorted(tm.items()))
                      + f"); one-row loader {s_count / one_s:,.0f} rows/s ({s_count:,} rows)")

            if args.rounds:  # --rounds 0: the warm-up build (and --admin-import) only
                med = {k: statistics.median(v) for k, v in results.items()}
                print(f"\nmedians of {args.rounds} rounds (batch size {args.batch_size}, {args.workers} sessions):")
                for k, v in med.items():
                    print(f"  {k:30} {v:>10,.0f}")
                print(f"graphkit / bound: nodes {med['graphkit nodes/s'] / med['bound nodes/s']:.2f}x, relationships "
                      f"{med['graphkit rels/s'] / med['bound rels/s']:.2f}x, writes "
                      f"{med['graphkit rows/s (writes)'] / med['bound rows/s']:.2f}x, whole build "
                      f"{med['graphkit rows/s (whole build)'] / med['bound rows/s']:.2f}x")
                print(f"graphkit / one-row loader: writes "
                      f"{med['graphkit rows/s (writes)'] / med['one-row rows/s']:.0f}x, whole build "
                      f"{med['graphkit rows/s (whole build)'] / med['one-row rows/s']:.0f}x")
            if args.admin_import:
                print("offline bulk import into a new database:")
                admin_import(graph, args.heap, expected, n_nodes + n_rels)
    finally:
        if home is not None:
            subprocess.run([SCRIPT, "stop", "--home", str(home)], check=False)
            shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
