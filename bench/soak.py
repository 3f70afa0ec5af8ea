"""Soak: build the ACL corpus into Neo4j while 4 clients run catalog queries, and check nothing is lost.

    python bench/soak.py [--papers N] [--seconds S] [--clients 4] [--no-extract] [--decisions]

1. A quiet build: ``graphkit.build.run.build_paths`` (parse, extraction, build, store) of the corpus
   (or its first ``--papers`` records) into an empty Neo4j; its node and relationship counts are
   the reference, and realistic query parameters (authors, methods, datasets, tasks, venues, papers
   that take part in the graph) are drawn from it.
2. The same build again (``reset``: it empties the database under its writer lock) while
   ``--clients`` processes each run random catalog queries (``graphkit.query.run_stored``) with
   those parameters in a loop, until the build ends or ``--seconds`` have passed (whichever
   comes first; the build always finishes).
   With ``--decisions`` one more process takes identity decisions meanwhile: it merges the best
   author candidate pair of the quiet build's graph and undoes the merge, again and again (each
   waiting for the build's writer lock and the build for it), so the graph ends as it began.
3. Checks: no query failed, no decision failed, and the loaded build's counts equal the quiet build's. Prints
   queries/s, median and p95 latency (overall and per query), errors, and the wall and CPU
   seconds of both builds (this process and the Neo4j server). Exit status 1 when a check fails.

Starts its own local Neo4j 5.26 (``scripts/neo4j-local``, throw-away ``--home``, free port; heap
``$NEO4J_HEAP``, default 2g, page cache ``$NEO4J_PAGECACHE``, default 1g, so the whole corpus
graph fits) unless ``NEO4J_URI`` (and ``NEO4J_PASSWORD``) are set. The corpus is
``$GRAPHKIT_CORPUS`` (default ../shared/data/acl_anthology.jsonl.gz beside the repository); a ``--papers`` subset is
written to a temporary file. The identity merge log is a fresh temporary folder, so a merge log
in the working folder cannot change the graph.

The full corpus with extraction (228,581 nodes, 1,031,770 relationships) took 31 minutes on a
shared 2-core machine with ``--seconds 600``: a 10-minute quiet build, 1.5 minutes drawing the
parameters, and a 16-minute loaded build.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
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
import threading
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's graphkit
sys.path.insert(0, str(REPO / "bench"))

from corpus import CORPUS  # noqa: E402
from query_latency import parameter_sets, sample_values  # noqa: E402

from graphkit.build.run import build_paths  # noqa: E402
from graphkit.errors import NotFound  # noqa: E402
from graphkit.query import load_queries, run_stored  # noqa: E402
from graphkit.store.neo4j import Neo4jStore  # noqa: E402


def start_local_server(home: Path) -> tuple[str, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_PASSWORD": password, "NEO4J_HEAP": os.environ.get("NEO4J_HEAP", "2g"),
           "NEO4J_PAGECACHE": os.environ.get("NEO4J_PAGECACHE", "1g")}
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


def server_cpu_seconds(home: Path | None) -> float | None:
    """User + system CPU seconds of the local server (from /proc), or None when it isn't ours."""
    try:
        pid = (home / "neo4j.pid").read_text().strip()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Clock:
    """Wall and CPU seconds of a stretch of work: this process and the Neo4j server."""

    def __init__(self, home: Path | None) -> None:
        self.home = home
        self.wall, self.cpu, self.server = time.perf_counter(), time.process_time(), server_cpu_seconds(home)

    def __str__(self) -> str:
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        server = server_cpu_seconds(self.home)
        text = f"{wall:.1f}s wall, {cpu:.1f}s CPU in this process"
        if server is not None and self.server is not None:
            text += f", {server - self.server:.1f}s CPU in the Neo4j server"
        return text

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.wall


def client(uri: str, password: str, plans: list[tuple[str, dict]], seed: int, ready, stop, results) -> None:
    """Run random (query, parameters) from ``plans`` until ``stop`` is set; report
    (query name, latency) pairs, errors and the seconds it ran."""
    rng = random.Random(seed)
    queries = load_queries()
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    missing = 0
    with Neo4jStore(uri, password=password) as store:
        ready.wait(timeout=300)  # all clients connected: the soak's clock starts
        began = time.perf_counter()
        while not stop.is_set():
            name, params = rng.choice(plans)
            started = time.perf_counter()
            try:
                run_stored(store, queries[name], params)
            except NotFound:
                missing += 1  # the rebuild has not written that name yet: an answer, not a failure
            except Exception as err:  # a soak counts every other failure, whatever it is
                errors.append(f"{name} {params}: {type(err).__name__}: {err}")
            latencies.append((name, time.perf_counter() - started))
    results.put((latencies, errors, time.perf_counter() - began, missing))


def best_author_pair(store: Neo4jStore, identity_dir: Path) -> tuple[str, str] | None:
    """The names of the best author candidate pair of the graph in ``store``."""
    from graphkit.identity import IdentitySession

    with IdentitySession(store, identity_dir) as session:
        best = max(session.candidates("author"), key=lambda c: (c.auto, c.score, c.keep), default=None)
    return None if best is None else (best.keep_name, best.drop_name)


def decider(uri: str, password: str, pair: tuple[str, str], identity_dir: str, ready, stop, results) -> None:
    """Merge ``pair`` and undo the merge until ``stop`` is set (a merge is always undone); report
    the decisions taken, errors and the seconds it ran."""
    from graphkit.identity import IdentitySession

    decisions, errors = 0, []
    with Neo4jStore(uri, password=password) as store:
        ready.wait(timeout=300)
        began = time.perf_counter()
        while not stop.is_set():
            try:
                with IdentitySession(store, identity_dir) as session:
                    session.merge_pair("author", None, *pair)
                decisions += 1
                with IdentitySession(store, identity_dir) as session:
                    session.undo("author")
                decisions += 1
            except Exception as err:  # a soak counts every failure, whatever it is
                errors.append(f"{type(err).__name__}: {err}")
                break
    results.put((decisions, errors, time.perf_counter() - began))


def counts(store: Neo4jStore) -> dict[str, dict[str, int]]:
    stats = store.stats()
    return {kind: {k: v for k, v in sorted(values.items()) if v} for kind, values in stats.items()}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def report_clients(
    gathered: list[tuple[list[tuple[str, float]], list[str], float, int]], clients: int
) -> dict[str, bool]:
    """Print the clients' queries/s, latency (overall and per query) and errors; clean = queries ran, none failed."""
    timed = [pair for pairs, _, _, _ in gathered for pair in pairs]
    latencies = sorted(t for _, t in timed)
    errors = [e for _, errs, _, _ in gathered for e in errs]
    missing = sum(m for _, _, _, m in gathered)
    client_seconds = statistics.mean(seconds for _, _, seconds, _ in gathered)  # they ran side by side
    if latencies:
        print(f"clients: {clients}, {len(latencies)} queries in {client_seconds:.1f}s = "
              f"{len(latencies) / client_seconds:.1f} queries/s; median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {p95(latencies) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; errors {len(errors)}; "
              f"{missing} asked for a name not written yet (NotFound)")
        by_query: dict[str, list[float]] = defaultdict(list)
        for name, seconds in timed:
            by_query[name].append(seconds)
        for name, times in sorted(by_query.items(), key=lambda item: -statistics.median(item[1])):
            print(f"  {name:<20} {len(times):>6} runs  median {statistics.median(times) * 1000:>6.0f} ms  "
                  f"p95 {p95(times) * 1000:>6.0f} ms")
    else:
        print(f"clients: {clients}, no query ran; errors {len(errors)}")
    for error in errors[:10]:
        print("  error:", error)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    return {"clean": bool(latencies) and not errors}


@contextlib.contextmanager
def progress_lines(uri: str, password: str, what: str, every: float = 60.0):
    """Print how many papers the store holds every ``every`` seconds (a long build shows it is moving)."""
    done = threading.Event()

    def tick() -> None:
        started = time.perf_counter()
        with Neo4jStore(uri, password=password) as store:
            while not done.wait(every):
                papers = store.stats()["nodes"].get("Paper", 0)
                print(f"  {what}: {papers} papers stored after {time.perf_counter() - started:.0f}s; "
                      f"load average {os.getloadavg()[0]:.1f}", flush=True)

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join(timeout=30)


def draw_parameters(store: Neo4jStore, runs: int = 50) -> list[tuple[str, dict]]:
    """(query name, parameters) for every catalog query whose parameters the graph can fill."""
    graph = store.read_graph()
    values = sample_values(graph, runs=runs, seed=1)
    del graph
    gc.collect()  # the whole corpus graph is a few GB: don't carry it through the loaded build
    return [(q.name, params) for q in load_queries().values() for params in parameter_sets(q, values, runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=None, help="only the first N corpus records (default all)")
    parser.add_argument("--seconds", type=float, default=600,
                        help="most seconds the clients run; the build goes on to the end (default 600)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--no-extract", action="store_true", help="skip entity extraction (papers, authors, venues)")
    parser.add_argument("--decisions", action="store_true",
                        help="one more process merging an author pair and undoing it during the loaded build")
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
        build = dict(extract=extract, reset=True, identity_dir=work / "identity")
        print(f"corpus {CORPUS}, papers {args.papers or 'all'}, extraction {'on' if extract else 'off'}, "
              f"{args.clients} clients for at most {args.seconds:g}s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)

        with Neo4jStore(uri, password=password) as store:
            clock = Clock(home)
            with progress_lines(uri, password, "quiet build"):
                quiet = build_paths([corpus], store, **build)
            quiet_clock = str(clock)
            reference = counts(store)
            print(f"quiet build: {quiet.papers} papers, {quiet_clock}; {reference}", flush=True)
            clock = Clock(home)
            plans = draw_parameters(store)
            pair = best_author_pair(store, work / "identity") if args.decisions else None
        print(f"{len(plans)} (query, parameters) plans over {len({name for name, _ in plans})} catalog queries "
              f"(drawn from the graph in {clock})", flush=True)

        ctx = mp.get_context("spawn")
        stop, results, ready = ctx.Event(), ctx.Queue(), ctx.Barrier(args.clients + 1 + args.decisions)
        decided = ctx.Queue()
        summary: dict[str, object] = {}
        with Neo4jStore(uri, password=password) as store:
            clients = [ctx.Process(target=client, args=(uri, password, plans, seed, ready, stop, results))
                       for seed in range(args.clients)]
            deciders = [ctx.Process(target=decider, args=(uri, password, pair, str(work / "identity"), ready, stop,
                                                          decided)) for _ in range(args.decisions)]
            if args.decisions:
                print(f"decisions: merge {pair[0]!r} and {pair[1]!r}, then undo, in a loop", flush=True)
            for process in [*clients, *deciders]:
                process.start()
            # the clients' figures are printed as soon as they stop, also when --seconds ends them mid-build
            collector = threading.Thread(target=lambda: summary.update(report_clients(
                [results.get() for _ in clients], args.clients)), daemon=True)
            collector.start()
            ready.wait(timeout=300)  # every client has started (spawned, imported, connected)
            time.sleep(2)  # let them query for a moment before the build begins
            bound = threading.Timer(max(0.0, args.seconds - 2), stop.set)
            bound.start()
            clock = Clock(home)
            with progress_lines(uri, password, "loaded build"):
                loaded = build_paths([corpus], store, **build)
            loaded_clock = str(clock)
            if not stop.is_set() and clock.seconds < 10:
                time.sleep(max(0.0, min(args.seconds - clock.seconds, 10)))  # a very short build: still soak a little
            stop.set()
            bound.cancel()
            collector.join(timeout=300)
            decisions = [decided.get(timeout=600) for _ in deciders]
            for process in [*clients, *deciders]:
                process.join(timeout=60)
            final = counts(store)

        print(f"loaded build: {loaded.papers} papers, {loaded_clock} (quiet build: {quiet_clock})")
        same = final == reference
        print(f"final counts equal the quiet build's: {same}")
        if not same:
            print(f"  quiet  {reference}\n  loaded {final}")
        decisions_clean = True
        for taken, errors, seconds in decisions:
            merges = f"{taken // 2} merges, each undone"
            print(f"decisions: {taken} taken in {seconds:.1f}s ({merges}); errors {len(errors)}")
            for error in errors:
                print("  error:", error)
            decisions_clean = decisions_clean and taken > 0 and not errors
        print(f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0 if same and summary.get("clean") and decisions_clean else 1
    finally:
        if home is not None:
            subprocess.run([str(REPO / "scripts" / "neo4j-local"), "stop", "--home", str(home)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
