"""Soak: build the ACL corpus into Neo4j while 4 clients run catalog queries, and check nothing is lost.

    python bench/soak.py [--papers N] [--seconds S] [--clients 4] [--no-extract]

1. A quiet build: ``graphkit.pipeline.build_paths`` (parse, extraction, build, store) of the corpus
   (or its first ``--papers`` records) into an empty Neo4j; its node and relationship counts are
   the reference, and realistic query parameters (authors, methods, datasets, tasks, venues, papers
   that take part in the graph) are drawn from it.
2. The same build again into the emptied database while ``--clients`` processes each run random
   catalog queries (``graphkit.queries.run_stored``) with those parameters in a loop, until the
   build ends or ``--seconds`` have passed.
3. Checks: no query failed, and the loaded build's counts equal the quiet build's. Prints
   queries/s, median and p95 latency, errors. Exit status 1 when a check fails.

Starts its own local Neo4j 5.26 (``scripts/neo4j-local``, throw-away ``--home``, free port) unless
``NEO4J_URI`` (and ``NEO4J_PASSWORD``) are set. The corpus is ``$GRAPHKIT_CORPUS`` (default
/work/shared/data/acl_anthology.jsonl.gz); a ``--papers`` subset is written to a temporary file.
"""

from __future__ import annotations

import argparse
import gzip
import multiprocessing as mp
import os
import random
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
sys.path.insert(0, str(REPO))  # this checkout's graphkit
sys.path.insert(0, str(REPO / "bench"))

from query_latency import parameter_sets, sample_values  # noqa: E402

from graphkit.pipeline import build_paths  # noqa: E402
from graphkit.queries import load_queries, run_stored  # noqa: E402
from graphkit.store.neo4j_store import Neo4jStore  # noqa: E402

CORPUS = os.environ.get("GRAPHKIT_CORPUS", "/work/shared/data/acl_anthology.jsonl.gz")


def start_local_server(home: Path) -> tuple[str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_PASSWORD": password}
    script = str(REPO / "scripts" / "neo4j-local")
    subprocess.run([script, "fetch"], check=True)
    subprocess.run([script, "start", "--home", str(home), "--port", str(port)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return f"bolt://127.0.0.1:{port}", password


def subset(path: str, papers: int | None, folder: Path) -> str:
    """The corpus, or a file holding its first ``papers`` records."""
    if papers is None:
        return path
    target = folder / f"acl_first_{papers}.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        out.writelines(islice(lines, papers))
    return str(target)


def client(uri: str, password: str, plans: list[tuple[str, dict]], seed: int, stop, results) -> None:
    """Run random (query, parameters) from ``plans`` until ``stop`` is set; report latencies and errors."""
    rng = random.Random(seed)
    queries = load_queries()
    latencies: list[float] = []
    errors: list[str] = []
    with Neo4jStore(uri, password=password) as store:
        while not stop.is_set():
            name, params = rng.choice(plans)
            started = time.perf_counter()
            try:
                run_stored(store, queries[name], params)
            except Exception as err:  # a soak counts every failure, whatever it is
                errors.append(f"{name} {params}: {type(err).__name__}: {err}")
            latencies.append(time.perf_counter() - started)
    results.put((latencies, errors))


def counts(store: Neo4jStore) -> dict[str, dict[str, int]]:
    stats = store.stats()
    return {kind: {k: v for k, v in sorted(values.items()) if v} for kind, values in stats.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=None, help="only the first N corpus records (default all)")
    parser.add_argument("--seconds", type=float, default=600, help="most seconds the clients run (default 600)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-extract", action="store_true", help="skip entity extraction (papers, authors, venues)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="graphkit-soak-"))
    home = None
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD", "")
    try:
        if not uri:
            home = work / "neo4j"
            uri, password = start_local_server(home)
            print(f"local Neo4j 5.26 on {uri}, home {home}")
        corpus = subset(CORPUS, args.papers, work)
        extract = not args.no_extract
        print(f"corpus {CORPUS}, papers {args.papers or 'all'}, extraction {'on' if extract else 'off'}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)

        with Neo4jStore(uri, password=password) as store:
            started = time.perf_counter()
            quiet = build_paths([corpus], store, reset=True, extract=extract)
            quiet_seconds = time.perf_counter() - started
            reference = counts(store)
            print(f"quiet build: {quiet.papers} papers in {quiet_seconds:.1f}s; {reference}", flush=True)
            values = sample_values(store.read_graph(), runs=50, seed=1)
        plans = [(q.name, params) for q in load_queries().values() for params in parameter_sets(q, values, 50)]
        print(f"{len(plans)} (query, parameters) plans over {len({name for name, _ in plans})} catalog queries")

        ctx = mp.get_context("spawn")
        stop, results = ctx.Event(), ctx.Queue()
        with Neo4jStore(uri, password=password) as store:
            store.reset()
            clients = [ctx.Process(target=client, args=(uri, password, plans, seed, stop, results))
                       for seed in range(args.clients)]
            for process in clients:
                process.start()
            time.sleep(2)  # let the clients connect and start querying before the build begins
            started = time.perf_counter()
            loaded = build_paths([corpus], store, reset=True, extract=extract)
            build_seconds = time.perf_counter() - started
            remaining = args.seconds - (time.perf_counter() - started)
            if remaining > 0 and build_seconds < 10:
                time.sleep(min(remaining, 10))  # a very short build: still soak a little
            stop.set()
            client_seconds = time.perf_counter() - started + 2
            gathered = [results.get(timeout=120) for _ in clients]
            for process in clients:
                process.join(timeout=60)
            final = counts(store)

        latencies = sorted(t for lat, _ in gathered for t in lat)
        errors = [e for _, errs in gathered for e in errs]
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else (latencies or [0])[0]
        print(f"loaded build: {loaded.papers} papers in {build_seconds:.1f}s (quiet {quiet_seconds:.1f}s)")
        print(f"clients: {args.clients}, {len(latencies)} queries in {client_seconds:.1f}s = "
              f"{len(latencies) / client_seconds:.1f} queries/s; median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; errors {len(errors)}")
        for error in errors[:10]:
            print("  error:", error)
        same = final == reference
        print(f"final counts equal the quiet build's: {same}")
        if not same:
            print(f"  quiet  {reference}\n  loaded {final}")
        print(f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0 if same and not errors else 1
    finally:
        if home is not None:
            subprocess.run([str(REPO / "scripts" / "neo4j-local"), "stop", "--home", str(home)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
