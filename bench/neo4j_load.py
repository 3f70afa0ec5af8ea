"""Load speed of the Neo4j store on the 62k-paper ACL Anthology corpus.

    python bench/neo4j_load.py [--batch-size N] [--sample PAPERS] [--limit PAPERS]

Starts its own local Neo4j (scripts/neo4j-local, throw-away data folder, free port) unless
NEO4J_URI is set. Measures, in one run:

1. the batched store (``Neo4jStore.write``: UNWIND MERGE batches in managed transactions) loading
   the whole corpus into an empty database: nodes/s, relationships/s (AUTHORED + PUBLISHED_IN, and
   with the derived COAUTHOR relationships);
2. a naive loader on a sample of the same graph: one MERGE per node / relationship, each in its
   own transaction, into an empty database;
3. writing the whole corpus a second time (idempotent: counts must not change; --skip-rerun).

Goals (issue 3): >= 30,000 nodes/s, >= 50,000 relationships/s, >= 50x the naive loader.
The corpus path is GRAPHKIT_CORPUS (default /work/shared/data/acl_anthology.jsonl.gz).
Until the build stage lands, the Graph is made here from the JSON Lines directly.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphkit.keys import author_key, entity_key, paper_id  # noqa: E402
from graphkit.model import Graph, Node, Relationship  # noqa: E402
from graphkit.store.neo4j_store import DEFAULT_BATCH_SIZE, Neo4jStore  # noqa: E402

CORPUS = os.environ.get("GRAPHKIT_CORPUS", "/work/shared/data/acl_anthology.jsonl.gz")


def corpus_graph(path: str, limit: int | None = None) -> Graph:
    """Papers, authors (author_key), venues, AUTHORED {position}, PUBLISHED_IN from the JSON Lines."""
    papers: dict[str, dict] = {}
    authors: dict[str, dict] = {}
    venues: dict[str, dict] = {}
    authored: dict[tuple[str, str], int] = {}
    published: set[tuple[str, str]] = set()
    keys: dict[str, str] = {}  # author_key per spelling: nameparser is the slow part of building
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for count, line in enumerate(lines):
            if limit is not None and count >= limit:
                break
            record = json.loads(line)
            pid = paper_id(record.get("title"), record.get("abstract") or "")
            props = {"title": record.get("title"), "abstract": record.get("abstract"), "year": record.get("year"),
                     "source": os.path.basename(path), "external_id": record.get("id")}
            papers.setdefault(pid, {k: v for k, v in props.items() if v is not None})
            for position, name in enumerate(record.get("authors") or [], start=1):
                key = keys.get(name)
                if key is None:
                    key = keys[name] = author_key(name)
                if not key:
                    continue
                entry = authors.setdefault(key, {"name": name.strip(), "aliases": []})
                if name.strip() not in entry["aliases"]:
                    entry["aliases"].append(name.strip())
                authored.setdefault((key, pid), position)
            if record.get("venue"):
                vkey = entity_key(record["venue"])
                venues.setdefault(vkey, {"name": record["venue"], "aliases": [record["venue"]]})
                published.add((pid, vkey))
    nodes = [Node("Paper", k, v) for k, v in papers.items()]
    nodes += [Node("Author", k, v) for k, v in authors.items()]
    nodes += [Node("Venue", k, v) for k, v in venues.items()]
    rels = [Relationship("AUTHORED", ("Author", a), ("Paper", p), {"position": pos}) for (a, p), pos in authored.items()]
    rels += [Relationship("PUBLISHED_IN", ("Paper", p), ("Venue", v)) for p, v in sorted(published)]
    return Graph(nodes, rels)


def sample_of(graph: Graph, papers: int) -> Graph:
    """The first ``papers`` papers with their authors, venues and relationships."""
    keep = {n.id for n in graph.nodes if n.label == "Paper"}
    keep = set(sorted(keep)[:papers])
    rels = [r for r in graph.relationships if r.start[1] in keep or r.end[1] in keep]
    ends = {r.start for r in rels} | {r.end for r in rels}
    nodes = [n for n in graph.nodes if (n.label, n.id) in ends or (n.label == "Paper" and n.id in keep)]
    return Graph(nodes, rels)


def naive_load(store: Neo4jStore, graph: Graph) -> float:
    """One MERGE per row, one transaction per row; returns seconds."""
    driver = store._driver
    started = time.perf_counter()
    with driver.session(database=store.database) as session:
        for node in graph.nodes:
            query = f"MERGE (n:{node.label} {{id: $id}}) SET n += $props"
            session.execute_write(lambda tx: tx.run(query, id=node.id, props=node.properties).consume())
        for rel in graph.relationships:
            query = (f"MATCH (a:{rel.start[0]} {{id: $a}}) MATCH (b:{rel.end[0]} {{id: $b}}) "
                     f"MERGE (a)-[r:{rel.type}]->(b) SET r += $props")
            session.execute_write(lambda tx: tx.run(query, a=rel.start[1], b=rel.end[1], props=rel.properties).consume())
    return time.perf_counter() - started


def start_local_server(heap: str, pagecache: str) -> tuple[str, str, Path]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    home = Path(tempfile.mkdtemp(prefix="graphkit-bench-neo4j-"))
    password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_PASSWORD": password, "NEO4J_HEAP": heap, "NEO4J_PAGECACHE": pagecache}
    script = str(REPO / "scripts" / "neo4j-local")
    subprocess.run([script, "fetch"], check=True)
    subprocess.run([script, "start", "--home", str(home), "--port", str(port)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return f"bolt://127.0.0.1:{port}", password, home


def server_cpu_seconds(home: Path | None) -> float | None:
    """User + system CPU seconds used so far by the local server's JVM (None for a remote server)."""
    if home is None:
        return None
    pid = (home / "neo4j.pid").read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--sample", type=int, default=300, help="papers for the naive loader (default 300)")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N corpus records")
    parser.add_argument("--heap", default=os.environ.get("NEO4J_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("NEO4J_PAGECACHE", "1g"))
    parser.add_argument("--skip-rerun", action="store_true", help="skip the idempotent second write")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    started = time.perf_counter()
    graph = corpus_graph(CORPUS, args.limit)
    counts = {}
    for n in graph.nodes:
        counts[n.label] = counts.get(n.label, 0) + 1
    print(f"graph from {CORPUS}: {len(graph.nodes):,} nodes {counts}, {len(graph.relationships):,} relationships "
          f"(built in {time.perf_counter() - started:.1f}s)")

    home = None
    uri = os.environ.get("NEO4J_URI")
    password = os.environ.get("NEO4J_PASSWORD")
    if not uri:
        t = time.perf_counter()
        uri, password, home = start_local_server(args.heap, args.pagecache)
        print(f"local Neo4j 5.26 on {uri} (heap {args.heap}, page cache {args.pagecache}) "
              f"started in {time.perf_counter() - t:.1f}s")
    try:
        with Neo4jStore(uri, password=password, batch_size=args.batch_size) as store:
            store.reset()
            store.ensure_constraints()
            phases: dict[str, float] = {}
            marks = {"nodes": len(graph.nodes), "rels": len(graph.nodes) + len(graph.relationships)}
            done = 0
            cpu0 = server_cpu_seconds(home)
            load0 = os.getloadavg()[0]
            t0 = time.perf_counter()

            def progress(rows: int) -> None:
                nonlocal done
                done += rows
                now = time.perf_counter() - t0
                for name, mark in marks.items():
                    if done >= mark and name not in phases:
                        phases[name] = now

            summary = store.write(graph, progress=progress)
            total = time.perf_counter() - t0
            cpu = server_cpu_seconds(home)
            node_s = phases["nodes"]
            rel_s = phases["rels"] - phases["nodes"]
            coauthor_s = total - phases["rels"]
            stats = store.stats()
            coauthors = stats["relationships"]["COAUTHOR"]
            written = len(graph.nodes) + len(graph.relationships)
            print(f"batched store, batch size {args.batch_size}: {total:.1f}s in all")
            print(f"  nodes          {len(graph.nodes):>9,} in {node_s:6.1f}s = {len(graph.nodes) / node_s:>9,.0f} nodes/s")
            print(f"  relationships  {len(graph.relationships):>9,} in {rel_s:6.1f}s = "
                  f"{len(graph.relationships) / rel_s:>9,.0f} rels/s (AUTHORED, PUBLISHED_IN)")
            print(f"  COAUTHOR       {coauthors:>9,} in {coauthor_s:6.1f}s = {coauthors / coauthor_s:>9,.0f} rels/s (derived)")
            print(f"  overall        {written + coauthors:>9,} rows in {total:6.1f}s = "
                  f"{(written + coauthors) / total:>9,.0f} rows/s")
            if cpu is not None:
                print(f"  server CPU     {cpu - cpu0:6.1f}s for {total:.1f}s wall "
                      f"({(written + coauthors) / (cpu - cpu0):,.0f} rows per server CPU second); "
                      f"load average {load0:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            assert stats["nodes"]["Paper"] == counts["Paper"] and sum(summary.nodes_created.values()) == len(graph.nodes)

            if not args.skip_rerun:
                t = time.perf_counter()
                again = store.write(graph)
                rerun = time.perf_counter() - t
                same = store.stats() == stats and not again.nodes_created and not again.relationships_created
                print(f"second write of the same graph: {rerun:.1f}s, counts unchanged: {same}")

            sample = sample_of(graph, args.sample)
            store.reset()
            naive = naive_load(store, sample)
            naive_rows = len(sample.nodes) + len(sample.relationships)
            naive_rate = naive_rows / naive
            store.reset()
            t = time.perf_counter()
            store.write(Graph(sample.nodes, sample.relationships))
            sample_batched = time.perf_counter() - t
            bulk_rate = written / phases["rels"]
            print(f"naive loader (1 MERGE per transaction), {args.sample} papers = {naive_rows:,} rows: "
                  f"{naive:.1f}s = {naive_rate:,.0f} rows/s")
            print(f"  same sample through the batched store: {sample_batched:.2f}s")
            print(f"speed-up of the batched store (full load, nodes + relationships): {bulk_rate / naive_rate:.0f}x "
                  f"({bulk_rate:,.0f} vs {naive_rate:,.0f} rows/s)")

    finally:
        if home is not None:
            subprocess.run([str(REPO / "scripts" / "neo4j-local"), "stop", "--home", str(home)], check=False)


if __name__ == "__main__":
    main()
