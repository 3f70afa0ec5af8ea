"""Load speed of the Neo4j store on the 62k-paper ACL Anthology corpus.

    python bench/neo4j_load.py [--skip-rerun] [--warm-up PAPERS] [--admin-import]
                               [--batch-size N] [--workers N] [--jit c1|c2] [--sample PAPERS] [--limit PAPERS]

Starts its own local Neo4j (scripts/neo4j-local, throw-away data folder, free port, C2 JIT unless
--jit c1) unless NEO4J_URI is set. Measures, in one run:

1. (--warm-up PAPERS) a sample written and deleted first, so the server's JIT has compiled the
   write path, as on a server that has been running for a while; without it the load also pays
   the JIT warm-up of a fresh JVM;
2. the batched store (``Neo4jStore.write``: UNWIND batches in managed transactions, new nodes and
   relationships between them CREATEd, the rest MERGEd, ``--workers`` sessions in parallel)
   loading the whole corpus into an empty database: nodes/s, relationships/s (AUTHORED +
   PUBLISHED_IN), the derived COAUTHOR relationships/s, each with the server's CPU seconds;
3. writing the whole corpus a second time (idempotent: counts must not change; --skip-rerun);
4. an upper bound: the simplest ``UNWIND $rows CREATE`` of the same rows in one session into an
   empty database (--skip-upper-bound), with the server's rows per CPU second;
5. (--admin-import) the offline bulk importer ``neo4j-admin database import full`` on the same
   graph (graphkit's CSV export, COAUTHOR derived in Python), into a fresh stopped database;
6. a naive loader on a sample of the same graph: one MERGE per node / relationship, each in its
   own transaction, into an empty database, and the speed-up of (2) over it.

Goals (issue 3): >= 30,000 nodes/s, >= 50,000 relationships/s, >= 50x the naive loader. Measured
figures and what they mean for a 2-core machine: README, "Load speed".
The corpus path is GRAPHKIT_CORPUS (default ../shared/data/acl_anthology.jsonl.gz beside the repository). The graph
is made here from the JSON Lines directly (papers, authors, venues; no extraction), so spaCy's
time is not in the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus import CORPUS  # noqa: E402

from graphkit.keys import author_key, entity_key, paper_id  # noqa: E402
from graphkit.model import Graph, Node, Relationship  # noqa: E402
from graphkit.store.neo4j_store import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, Neo4jStore  # noqa: E402


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
    rels = [
        Relationship("AUTHORED", ("Author", a), ("Paper", p), {"position": pos}) for (a, p), pos in authored.items()
    ]
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
            session.execute_write(lambda tx, q=query, n=node: tx.run(q, id=n.id, props=n.properties).consume())
        for rel in graph.relationships:
            query = (f"MATCH (a:{rel.start[0]} {{id: $a}}) MATCH (b:{rel.end[0]} {{id: $b}}) "
                     f"MERGE (a)-[r:{rel.type}]->(b) SET r += $props")
            session.execute_write(
                lambda tx, q=query, r=rel: tx.run(q, a=r.start[1], b=r.end[1], props=r.properties).consume()
            )
    return time.perf_counter() - started


def upper_bound_load(store: Neo4jStore, graph: Graph, batch_size: int) -> tuple[float, float]:
    """The simplest possible load of the same rows, for comparison: ``UNWIND $rows CREATE`` nodes,
    then ``MATCH MATCH CREATE`` relationships (constraint indexes in place; no pre-read, no MERGE,
    one session); returns (node seconds, relationship seconds)."""
    nodes: dict[str, list[dict]] = {}
    for node in graph.nodes:
        nodes.setdefault(node.label, []).append({"id": node.id, "props": node.properties})
    rels: dict[tuple[str, str, str], list[dict]] = {}
    for rel in graph.relationships:
        rels.setdefault((rel.type, rel.start[0], rel.end[0]), []).append(
            {"start": rel.start[1], "end": rel.end[1], "props": rel.properties})

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


def admin_import(graph: Graph, heap: str, pagecache: str, jit: str, expected: dict) -> None:
    """For comparison: the offline bulk importer (``neo4j-admin database import full``, run from
    the same Maven jars) into a fresh, stopped database, from graphkit's own CSV export; then the
    server started on it and the uniqueness constraints built. Prints each step's wall and CPU."""
    import resource

    from graphkit.export import write_csv
    from graphkit.store.networkx_store import NetworkxStore

    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-import-"))
    home = work / "home"
    (home / "conf").mkdir(parents=True)
    try:
        t, c = time.perf_counter(), time.process_time()
        with NetworkxStore(work / "embedded") as embedded:  # COAUTHOR {papers} derived in Python
            with embedded.bulk():
                embedded.write(graph)
            nx_graph = embedded.read_graph()
        nodes_csv, rels_csv = write_csv(nx_graph, work / "csv")
        print(f"  CSV from the embedded store (with COAUTHOR): {time.perf_counter() - t:.1f}s wall, "
              f"{time.process_time() - c:.1f}s CPU; {nodes_csv.stat().st_size + rels_csv.stat().st_size:,} bytes")
        lib = REPO / "scripts" / "neo4j" / "target" / "lib" / "*"
        jit_opts = ["-XX:TieredStopAtLevel=1"] if jit == "c1" else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(
            [
                "java",
                f"-Xmx{heap}",
                *jit_opts,
                "-cp",
                str(lib),
                "org.neo4j.cli.AdminTool",
                "database",
                "import",
                "full",
                f"--nodes={nodes_csv}",
                f"--relationships={rels_csv}",
                "--array-delimiter=|",
                "--multiline-fields=true",
                "--overwrite-destination=true",
                f"--report-file={work / 'import.report'}",
                "neo4j",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
        )
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        rows = nx_graph.number_of_nodes() + nx_graph.number_of_edges()
        print(
            f"  neo4j-admin import: {nx_graph.number_of_nodes():,} nodes + "
            f"{nx_graph.number_of_edges():,} relationships "
            f"in {wall:.1f}s wall ({rows / wall:,.0f} rows/s), {cpu:.1f}s CPU (JVM start included)"
        )
        password = secrets.token_urlsafe(18)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {
            **os.environ,
            "NEO4J_PASSWORD": password,
            "NEO4J_HEAP": heap,
            "NEO4J_PAGECACHE": pagecache,
            "NEO4J_JIT": jit,
        }
        script = str(REPO / "scripts" / "neo4j-local")
        t = time.perf_counter()
        subprocess.run([script, "start", "--home", str(home), "--port", str(port)], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        started = time.perf_counter() - t
        try:
            with Neo4jStore(f"bolt://127.0.0.1:{port}", password=password) as imported:
                t = time.perf_counter()
                imported.ensure_constraints()
                imported.cypher("CALL db.awaitIndexes(600)")
                constraints = time.perf_counter() - t
                same = imported.stats() == expected
            print(f"  server start on it {started:.1f}s, uniqueness constraints built in {constraints:.1f}s; "
                  f"counts equal to the store's load: {same}")
        finally:
            subprocess.run([script, "stop", "--home", str(home)], check=False)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def start_local_server(heap: str, pagecache: str, jit: str) -> tuple[str, str, Path]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    home = Path(tempfile.mkdtemp(prefix="graphkit-bench-neo4j-"))
    password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_PASSWORD": password, "NEO4J_HEAP": heap, "NEO4J_PAGECACHE": pagecache, "NEO4J_JIT": jit}
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
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="parallel write sessions")
    parser.add_argument(
        "--jit",
        default=os.environ.get("NEO4J_JIT", "c2"),
        choices=["c1", "c2"],
        help="JIT of the local server (NEO4J_JIT; default c2: a bulk load is long enough to pay it back)",
    )
    parser.add_argument("--warm-up", type=int, default=0, metavar="PAPERS",
                        help="first write this many papers and empty the database again, so the JIT has compiled "
                             "the write path as on a long-running server (default 0: a cold, fresh server)")
    parser.add_argument("--admin-import", action="store_true",
                        help="also time neo4j-admin's offline bulk importer on the same graph (needs the fetched jars)")
    parser.add_argument("--skip-upper-bound", action="store_true",
                        help="skip the plain UNWIND CREATE load of the same rows")
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
        uri, password, home = start_local_server(args.heap, args.pagecache, args.jit)
        print(f"local Neo4j 5.26 on {uri} (heap {args.heap}, page cache {args.pagecache}, JIT {args.jit}) "
              f"started in {time.perf_counter() - t:.1f}s")
    try:
        with Neo4jStore(uri, password=password, batch_size=args.batch_size, workers=args.workers) as store:
            store.reset()
            store.ensure_constraints()
            if args.warm_up:
                t = time.perf_counter()
                store.write(sample_of(graph, args.warm_up))
                store.reset()
                print(f"warm-up: {args.warm_up} papers written and deleted in {time.perf_counter() - t:.1f}s")
            phases: dict[str, float] = {}
            phase_cpu: dict[str, float | None] = {}
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
                        phase_cpu[name] = server_cpu_seconds(home)

            summary = store.write(graph, progress=progress)
            total = time.perf_counter() - t0
            cpu = server_cpu_seconds(home)
            node_s = phases["nodes"]
            rel_s = phases["rels"] - phases["nodes"]
            coauthor_s = total - phases["rels"]
            stats = store.stats()
            coauthors = stats["relationships"]["COAUTHOR"]
            written = len(graph.nodes) + len(graph.relationships)
            def cpu_note(start: float | None, end: float | None, rows: int) -> str:
                if start is None or end is None:
                    return ""
                return f"; server CPU {end - start:5.1f}s = {rows / (end - start):>7,.0f} rows per CPU second"

            print(f"batched store, batch size {args.batch_size}, {args.workers} sessions: {total:.1f}s in all")
            print(
                f"  nodes          {len(graph.nodes):>9,} in {node_s:6.1f}s = "
                f"{len(graph.nodes) / node_s:>9,.0f} nodes/s"
                + cpu_note(cpu0, phase_cpu["nodes"], len(graph.nodes))
            )
            print(f"  relationships  {len(graph.relationships):>9,} in {rel_s:6.1f}s = "
                  f"{len(graph.relationships) / rel_s:>9,.0f} rels/s (AUTHORED, PUBLISHED_IN)"
                  + cpu_note(phase_cpu["nodes"], phase_cpu["rels"], len(graph.relationships)))
            print(
                f"  COAUTHOR       {coauthors:>9,} in {coauthor_s:6.1f}s = "
                f"{coauthors / coauthor_s:>9,.0f} rels/s (derived)"
                + cpu_note(phase_cpu["rels"], cpu, coauthors)
            )
            print(f"  overall        {written + coauthors:>9,} rows in {total:6.1f}s = "
                  f"{(written + coauthors) / total:>9,.0f} rows/s")
            if cpu is not None:
                print(f"  server CPU     {cpu - cpu0:6.1f}s for {total:.1f}s wall "
                      f"({(written + coauthors) / (cpu - cpu0):,.0f} rows per server CPU second); "
                      f"load average {load0:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            assert stats["nodes"]["Paper"] == counts["Paper"] and sum(summary.nodes_created.values()) == len(
                graph.nodes
            )

            if not args.skip_rerun:
                t = time.perf_counter()
                again = store.write(graph)
                rerun = time.perf_counter() - t
                same = store.stats() == stats and not again.nodes_created and not again.relationships_created
                print(f"second write of the same graph: {rerun:.1f}s, counts unchanged: {same}")

            if not args.skip_upper_bound:
                store.reset()
                c = server_cpu_seconds(home)
                plain_nodes, plain_rels = upper_bound_load(store, graph, args.batch_size)
                c2 = server_cpu_seconds(home)
                print(f"upper bound, plain UNWIND CREATE of the same rows (1 session): "
                      f"{len(graph.nodes) / plain_nodes:,.0f} nodes/s ({plain_nodes:.1f}s), "
                      f"{len(graph.relationships) / plain_rels:,.0f} rels/s ({plain_rels:.1f}s)"
                      + cpu_note(c, c2, written))

            if args.admin_import:
                print("offline bulk importer, for comparison (a stopped, fresh database):")
                admin_import(graph, args.heap, args.pagecache, args.jit, stats)

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
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
