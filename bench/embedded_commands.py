"""Whole-process commands on the embedded store beside a bare ``import graphkit``, alternating.

For each command: ``--runs`` rounds of (command, ``python -c "import graphkit"``) one after the
other, so both see the same machine; prints the median wall and CPU seconds of each, the median of
the per-round ratios command / import, and the command's peak RSS. Then ``graphkit.load_graph()``
(wall and CPU, median of 3) and the size of the store file.
Goals: each command <= 1.0 s and <= 1.5x the import; ``load_graph`` <= 5 s; file <= 1 GB.

    python bench/embedded_commands.py --store DIR [--runs 7] [--author "Yang Liu"]

The store must hold the corpus (``python -m graphkit --store DIR build ../shared/data/acl_anthology.jsonl.gz``).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _timed(argv: list[str], cwd: str) -> tuple[float, float, int]:
    """Wall s, CPU s (user + sys) and peak RSS bytes of one run of ``argv`` in a child process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    pid = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, help="the embedded store folder holding the corpus")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--author", default="Yang Liu")
    args = parser.parse_args()
    store = str(Path(args.store).resolve())
    python = sys.executable
    out = tempfile.mkdtemp()
    commands = {
        f'query coauthors -p name "{args.author}"': ["query", "coauthors", "-p", "name", args.author],
        "query top-methods": ["query", "top-methods"],
        f'viz author "{args.author}"': ["viz", "author", args.author, "-o", str(Path(out) / "author.html")],
    }
    bare = [python, "-c", "import graphkit"]
    rows = {}
    for title, command in commands.items():
        argv = [python, "-m", "graphkit", "--store", store, *command]
        _timed(argv, out), _timed(bare, out)  # warm-up: page cache, bytecode
        runs, imports = [], []
        for _ in range(args.runs):
            runs.append(_timed(argv, out))
            imports.append(_timed(bare, out))
        rows[title] = {
            "wall_s": round(statistics.median(r[0] for r in runs), 3),
            "cpu_s": round(statistics.median(r[1] for r in runs), 3),
            "import_wall_s": round(statistics.median(r[0] for r in imports), 3),
            "ratio_wall": round(statistics.median(r[0] / i[0] for r, i in zip(runs, imports)), 2),
            "ratio_cpu": round(statistics.median(r[1] / i[1] for r, i in zip(runs, imports)), 2),
            "peak_rss_mb": round(max(r[2] for r in runs) / 1e6, 1),
        }
        print(json.dumps({title: rows[title]}), flush=True)
    sys.path.insert(0, str(REPO))
    from graphkit import load_graph

    loads = []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        graph = load_graph(store)
        loads.append((time.perf_counter() - started, time.process_time() - cpu))
        nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
        del graph
        gc.collect()  # the graph (its cached views make cycles) is freed here, not inside the next load
    print(json.dumps({
        "load_graph_s": round(statistics.median(w for w, _ in loads), 2),
        "load_graph_cpu_s": round(statistics.median(c for _, c in loads), 2),
        "load_graph_peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9, 2),
        "nodes": nodes,
        "relationships": edges,
        "store_file_mb": round((Path(store) / "graph.db").stat().st_size / 1e6, 1),
    }))


if __name__ == "__main__":
    main()
