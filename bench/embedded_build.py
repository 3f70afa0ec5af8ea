"""Embedded-store build of the 62k-paper ACL corpus at 1/10 and full size.

Prints, for each size: papers, nodes, relationships, build seconds, peak memory (ru_maxrss of a
fresh child process per size), store file size, and ``graphkit.load_graph`` seconds.
Goals: 10x papers <= 11x time, peak memory <= 1 GB at every size, load_graph <= 5 s.

    python bench/embedded_build.py                 # with extraction (blank English pipeline)
    python bench/embedded_build.py --no-extract    # parse + build + store only
    GRAPHKIT_CORPUS=/path/to/corpus.jsonl.gz python bench/embedded_build.py --sizes 0.01,0.1

Each size runs in its own subprocess, so peak memory is that build's alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's graphkit, not an installed one
from corpus import CORPUS  # noqa: E402


def _sample(fraction: float, directory: Path) -> tuple[Path, int]:
    """The first ``fraction`` of the corpus as a JSON Lines file (the whole file for 1.0)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        lines = handle.readlines()
    keep = lines[: max(1, round(len(lines) * fraction))]
    path = directory / f"corpus_{fraction:g}.jsonl"
    path.write_text("".join(keep), encoding="utf-8")
    return path, len(keep)


def _child(path: str, store_dir: str, extract: bool) -> None:
    """One build in this process; prints a JSON line of figures."""
    from graphkit.build.run import build_paths
    from graphkit.store import EmbeddedStore, load_graph

    store = EmbeddedStore(store_dir)
    started, cpu_started = time.perf_counter(), time.process_time()
    summary = build_paths([path], store, fmt="jsonl", extract=extract)
    build_seconds = time.perf_counter() - started
    build_cpu = time.process_time() - cpu_started
    peak_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    stats = store.stats()
    del store
    started, cpu_started = time.perf_counter(), time.process_time()
    graph = load_graph(store_dir)
    load_seconds = time.perf_counter() - started
    load_cpu = time.process_time() - cpu_started
    print(
        json.dumps(
            {
                "papers": summary.papers,
                "nodes": graph.number_of_nodes(),
                "relationships": graph.number_of_edges(),
                "build_s": round(build_seconds, 2),
                "build_cpu_s": round(build_cpu, 2),
                "load_graph_s": round(load_seconds, 2),
                "load_graph_cpu_s": round(load_cpu, 2),
                "peak_rss_gb": round(peak_build / 1e9, 3),
                "peak_rss_incl_load_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9, 3),
                "store_mb": round((Path(store_dir) / "graph.db").stat().st_size / 1e6, 1),
                "stats": stats,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-extract", action="store_true", help="skip entity extraction")
    parser.add_argument("--sizes", default="0.1,1.0", help="corpus fractions, comma-separated")
    parser.add_argument("--child", nargs=2, metavar=("PATH", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child, extract=not args.no_extract)
        return
    print(f"corpus: {CORPUS}; extraction: {'off' if args.no_extract else 'on'}; load average {os.getloadavg()[0]:.1f}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fraction in [float(f) for f in args.sizes.split(",")]:
            path, n = _sample(fraction, Path(tmp))
            store_dir = Path(tmp) / f"store_{fraction:g}"
            command = [sys.executable, __file__, "--child", str(path), str(store_dir)]
            if args.no_extract:
                command.append("--no-extract")
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            results[fraction] = result
            print(
                f"{fraction:>5g} ({result['papers']} papers): build {result['build_s']} s "
                f"(CPU {result['build_cpu_s']} s), "
                f"{result['nodes']} nodes, {result['relationships']} relationships, "
                f"peak RSS {result['peak_rss_gb']} GB (incl. load {result['peak_rss_incl_load_gb']} GB), "
                f"store {result['store_mb']} MB, load_graph {result['load_graph_s']} s "
                f"(CPU {result['load_graph_cpu_s']} s)"
            )
    fractions = sorted(results)
    if len(fractions) >= 2:
        small, large = results[fractions[0]], results[fractions[-1]]
        size_ratio = large["papers"] / small["papers"]
        time_ratio = large["build_s"] / small["build_s"]
        cpu_ratio = large["build_cpu_s"] / small["build_cpu_s"]
        print(
            f"{size_ratio:.1f}x papers took {time_ratio:.1f}x wall time, {cpu_ratio:.1f}x CPU time "
            f"(goal: <= {1.2 * size_ratio:.1f}x; CPU time is the fairer figure on a shared machine)"
        )
        # co-authorship grows faster than the paper count (prolific authors gain pairs), so also per edge
        for name, r in (("small", small), ("large", large)):
            per_edge = 1e6 * r["build_cpu_s"] / r["relationships"]
            print(
                f"{name}: {per_edge:.0f} µs CPU per relationship, "
                f"{1e6 * r['build_cpu_s'] / r['papers']:.0f} µs per paper"
            )
        print(f"{large['relationships'] / small['relationships']:.1f}x relationships, "
              f"{large['nodes'] / small['nodes']:.1f}x nodes")


if __name__ == "__main__":
    main()
