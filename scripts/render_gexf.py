"""Draw a GEXF file from what it holds (viz:position, viz:color, viz:size, edge weights) and save
a PNG through headless Chromium: a check that an export opens as a drawing, not a grey cloud.

    python scripts/render_gexf.py graph.gexf graph.png [--labels 25] [--width 1600]

Reads the file with networkx's GEXF reader only (no graphkit), so it shows what any GEXF reader
gets. Nodes without a position are an error: export with ``--layout``.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import tempfile
from pathlib import Path

import networkx as nx

CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")


def svg(G: nx.Graph, width: int, labels: int) -> str:
    points = {}
    for n, data in G.nodes(data=True):
        viz = data.get("viz") or {}
        if "position" not in viz:
            raise SystemExit(f"node {n!r} has no viz:position: export with --layout")
        points[n] = (float(viz["position"]["x"]), float(viz["position"]["y"]))
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    margin = 40
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (width - 2 * margin) / span

    def at(n):
        x, y = points[n]
        return margin + (x - min(xs)) * scale, margin + (max(ys) - y) * scale  # GEXF y grows upwards

    height = int(margin * 2 + (max(ys) - min(ys)) * scale)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'style="background:#fff;font-family:sans-serif">']
    weights = [float(d.get("weight", 1)) for *_, d in G.edges(data=True)] or [1.0]
    top = max(weights)
    for u, v, d in G.edges(data=True):
        (x1, y1), (x2, y2) = at(u), at(v)
        w = 0.4 + 2.6 * float(d.get("weight", 1)) / top
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa1ac" '
                     f'stroke-opacity="0.5" stroke-width="{w:.2f}"/>')
    by_size = sorted(G.nodes, key=lambda n: -float(G.nodes[n]["viz"].get("size", 1)))
    for n in reversed(by_size):
        viz = G.nodes[n]["viz"]
        c = viz.get("color", {"r": 160, "g": 160, "b": 160})
        x, y = at(n)
        r = max(2.0, float(viz.get("size", 4)) * 0.6)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="rgb({c["r"]},{c["g"]},{c["b"]})" '
                     'stroke="#fff" stroke-width="0.8"/>')
    for n in by_size[:labels]:
        x, y = at(n)
        text = html.escape(str(G.nodes[n].get("label", n)))
        parts.append(f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" font-size="13" fill="#222" '
                     f'stroke="#fff" stroke-width="3" paint-order="stroke">{text}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gexf", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--labels", type=int, default=25, help="label the N largest nodes")
    parser.add_argument("--width", type=int, default=1600)
    args = parser.parse_args()
    G = nx.read_gexf(args.gexf)
    page = f"<!doctype html><meta charset='utf-8'><body style='margin:0'>{svg(G, args.width, args.labels)}</body>"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = Path(tmp) / "page.html"
        path.write_text(page, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": args.width, "height": 800})
        tab.goto(path.as_uri())
        tab.screenshot(path=str(args.png), full_page=True)
        browser.close()
    print(f"{args.png}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges", file=sys.stderr)


if __name__ == "__main__":
    main()
