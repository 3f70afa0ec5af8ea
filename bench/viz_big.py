"""How big pages behave: the most prolific author's page and ``viz graph`` on the 62k-paper corpus.

Builds the graph (from a store with ``--store DIR``; otherwise the co-author graph straight from
the corpus JSON lines, in the README "Graph schema" form: Paper, Author, Venue; AUTHORED,
COAUTHOR, PUBLISHED_IN), renders both pages, opens each in headless Chromium and prints the
times to build, render and become interactive (layout settled), and the page sizes.

    python bench/viz_big.py [--corpus PATH] [--store DIR] [--out DIR]

Targets: interactive in < 3 s, HTML < 5 MB.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import CORPUS  # noqa: E402

from graphkit.keys import author_key, entity_key, paper_id  # noqa: E402
from graphkit.viz import default_filename, limit_nodes, render  # noqa: E402
from graphkit.viz.subgraph import display_name, ego, top_by_degree  # noqa: E402

CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_SECONDS, TARGET_BYTES = 3.0, 5_000_000


def corpus_graph(path: str) -> nx.MultiDiGraph:
    """The co-author graph of the corpus in graphkit's in-memory form (no entity extraction)."""
    G = nx.MultiDiGraph()
    joint: Counter = Counter()
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            title, abstract = record.get("title"), record.get("abstract") or ""
            pid = paper_id(title, abstract)
            paper = f"Paper:{pid}"
            props = {k: v for k, v in (("title", title), ("abstract", abstract), ("year", record.get("year")),
                                       ("external_id", record.get("id"))) if v not in (None, "")}
            G.add_node(paper, label="Paper", id=pid, **props)
            keys = []
            for position, name in enumerate(record.get("authors") or [], start=1):
                key = author_key(name)
                if not key:
                    continue
                author = f"Author:{key}"
                if author not in G:
                    G.add_node(author, label="Author", id=key, name=name)
                G.add_edge(author, paper, key="AUTHORED", type="AUTHORED", position=position)
                keys.append(author)
            for a, b in itertools.combinations(sorted(set(keys)), 2):
                joint[a, b] += 1
            if record.get("venue"):
                venue = f"Venue:{entity_key(record['venue'])}"
                G.add_node(venue, label="Venue", id=entity_key(record["venue"]), name=record["venue"])
                G.add_edge(paper, venue, key="PUBLISHED_IN", type="PUBLISHED_IN")
    for (a, b), papers in joint.items():
        G.add_edge(a, b, key="COAUTHOR", type="COAUTHOR", papers=papers)
    return G


def _cpu_seconds_of_children() -> float:
    """User + system CPU time of every live process descending from this one (the browser's)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, cpu = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks
    me, total = os.getpid(), 0.0
    for pid in cpu:
        p = parents.get(pid)
        while p and p != me:
            p = parents.get(p)
        if p == me:
            total += cpu[pid]
    return total


def open_in_chromium(pages: list[Path]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors, requests = [], []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            cpu_before = _cpu_seconds_of_children()
            started = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("() => window.graphkit && window.graphkit.ready", timeout=120_000)
            wall = time.perf_counter() - started
            cpu = _cpu_seconds_of_children() - cpu_before
            results.append({
                "ready_s": page.evaluate("window.graphkit.readyAt") / 1000,
                "wall_s": wall,
                "browser_cpu_s": cpu,
                "nodes": page.evaluate("network.body.data.nodes.length"),
                "edges": page.evaluate("network.body.data.edges.length"),
                "errors": errors,
                "other_requests": [r for r in requests if r != path.resolve().as_uri()],
            })
            page.screenshot(path=str(path.with_suffix(".png")))
            page.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=CORPUS)
    parser.add_argument("--store", help="read the graph from this embedded store instead of the corpus")
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="viz_big_")))
    parser.add_argument("--runs", type=int, default=3, help="loads of each page (median reported)")
    parser.add_argument("--cache", type=Path,
                        help="pickle the corpus graph here on the first run and reuse it afterwards")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.store:
        from graphkit.store import open_store

        with open_store(store_dir=args.store) as store:
            G = store.read_graph()
        source = f"store {args.store}"
    elif args.cache and args.cache.exists():
        with args.cache.open("rb") as cached:
            G = pickle.load(cached)
        source = f"cache {args.cache} of the corpus co-author graph"
    else:
        G = corpus_graph(args.corpus)
        source = f"corpus {args.corpus} (co-author graph, no extraction)"
        if args.cache:
            with args.cache.open("wb") as cached:
                pickle.dump(G, cached, protocol=pickle.HIGHEST_PROTOCOL)
    load_s = time.perf_counter() - started
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges from {source} in {load_s:.1f} s")

    papers = Counter(u for u, _, t in G.edges(data="type") if t == "AUTHORED")
    prolific, count = papers.most_common(1)[0]
    name = display_name(G.nodes[prolific])
    print(f"most prolific author: {name} ({count} papers)")

    pages = []
    for label, make in (
        (f"author {name}", lambda: ego(G, "author", name)),
        ("graph", lambda: top_by_degree(G, 1000)),
    ):
        t0 = time.perf_counter()
        sub = limit_nodes(make())
        t1 = time.perf_counter()
        path = render(sub, args.out / (default_filename(name) if label != "graph" else "graph.html"))
        t2 = time.perf_counter()
        pages.append((label, path, sub, t1 - t0, t2 - t1))

    loads = open_in_chromium([p[1] for p in pages] * args.runs)
    ok = True
    for i, (label, path, sub, select_s, render_s) in enumerate(pages):
        runs = loads[i :: len(pages)]
        seen = dict(runs[0])
        for key in ("ready_s", "wall_s", "browser_cpu_s"):
            seen[key] = statistics.median(r[key] for r in runs)
        seen["errors"] = [e for r in runs for e in r["errors"]]
        seen["other_requests"] = [u for r in runs for u in r["other_requests"]]
        size = path.stat().st_size
        each = ", ".join(f"{r['ready_s']:.2f}" for r in runs)
        good = seen["ready_s"] < TARGET_SECONDS and size < TARGET_BYTES and not seen["errors"] \
            and not seen["other_requests"]
        ok &= good
        omitted = sub.graph.get("omitted", {})
        print(
            f"viz {label}: {seen['nodes']:,} nodes, {seen['edges']:,} links "
            f"({omitted.get('nodes', 0):,} nodes left out); select {select_s:.2f} s, render {render_s:.2f} s; "
            f"HTML {size / 1e6:.2f} MB; interactive after {seen['ready_s']:.2f} s "
            f"(median of {len(runs)}: {each}) "
            f"(wall {seen['wall_s']:.2f} s, browser CPU {seen['browser_cpu_s']:.2f} s); errors {len(seen['errors'])}, "
            f"other requests {len(seen['other_requests'])} -> {'OK' if good else 'MISSED'}"
        )
        print(f"  page: {path}  screenshot: {path.with_suffix('.png')}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
