"""Export time and schema validity per format on a store built from N corpus records (default 5,000).

    python bench/export_formats.py [N] [--rounds R] [--layout fr]

Builds an embedded store from the first N corpus records (with extraction), then writes every
format of ``export_graph`` for the full, co-author and method co-occurrence graphs, R rounds with the
formats alternating, and prints the median seconds, the file size, and for GraphML and GEXF whether
the file validates against the schemas vendored in tests/schemas (GEXF as tests/test_export.py
checks it: viz elements moved to the namespace the published 1.2draft schema declares them in).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corpus import CORPUS  # noqa: E402
from lxml import etree  # noqa: E402

from graphkit.build.run import build_paths  # noqa: E402
from graphkit.export import export_graph  # noqa: E402
from graphkit.store import open_store  # noqa: E402

SCHEMAS = ROOT / "tests" / "schemas"
GEXF_NS, VIZ_NS = "http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz"
RUNS = [("graphml", "full"), ("gexf", "full"), ("cytoscape", "full"), ("csv", "full"),
        ("graphml", "coauthor"), ("gexf", "coauthor"), ("vosviewer", "coauthor"),
        ("gexf", "cooccurrence"), ("vosviewer", "cooccurrence")]


def valid(fmt: str, path: Path, schemas: dict) -> str:
    if fmt not in schemas:
        return ""
    document = etree.parse(str(path))
    if fmt == "gexf":
        for element in document.iter(f"{{{VIZ_NS}}}*"):
            element.tag = f"{{{GEXF_NS}}}{etree.QName(element).localname}"
    schema = schemas[fmt]
    return "valid" if schema.validate(document) else f"INVALID: {schema.error_log.last_error}"


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--layout", default=None, help="also lay out (gexf, cytoscape, vosviewer)")
    args = parser.parse_args()
    schemas = {
        "graphml": etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml-1.0" / "graphml.xsd"))),
        "gexf": etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.2draft" / "gexf.xsd"))),
    }
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "papers.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
            for i, line in enumerate(lines):
                if i >= args.n:
                    break
                out.write(line)
        store = open_store(store_dir=tmp / "store")
        build_paths([source], store)
        G = store.read_graph()
        print(f"{args.n:,} records: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges; "
              f"median of {args.rounds} rounds" + (f", layout {args.layout}" if args.layout else ""))
        times: dict[tuple[str, str], list[float]] = {run: [] for run in RUNS}
        results = {}
        for r in range(args.rounds):
            for fmt, graph in RUNS:
                out = tmp / f"{fmt}-{graph}-{r}" / ("x" if fmt in ("graphml", "gexf", "cytoscape") else "")
                start = time.perf_counter()
                done = export_graph(G, fmt, out, graph=graph, kind="method",
                                    layout=args.layout if fmt in ("gexf", "cytoscape", "vosviewer") else None)
                times[(fmt, graph)].append(time.perf_counter() - start)
                results[(fmt, graph)] = (done, out)
        print(f"{'format':10} {'graph':13} {'nodes':>8} {'edges':>9} {'seconds':>8} {'MB':>7}  schema")
        for fmt, graph in RUNS:
            done, out = results[(fmt, graph)]
            print(f"{fmt:10} {graph:13} {done.nodes:8,} {done.edges:9,} {statistics.median(times[(fmt, graph)]):8.2f} "
                  f"{size(out) / 1e6:7.1f}  {valid(fmt, out, schemas)}")


if __name__ == "__main__":
    main()
