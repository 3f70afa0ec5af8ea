"""Interactive HTML pages of the graph: one self-contained file per subject (vis-network).

:func:`render` turns a subgraph (from :func:`graphkit.viz.subgraph.ego` or
:func:`graphkit.viz.subgraph.top_by_degree`) into a page that loads nothing from outside itself: the
vis-network script that ships inside pyvis is inlined (read from pyvis's folder; its Python side,
which would import IPython and more, is not loaded), the graph data sits in a JSON block with
``<``, ``>`` and ``&`` escaped, every input text reaches the page through ``textContent`` (never as
HTML), and a Content-Security-Policy allows only the page's own two scripts (by hash) and no
requests at all.

The layout is computed once: positions come from networkx (seeded, so a page is reproducible);
small graphs then settle briefly under vis-network's physics, which switches off when stable;
large ones are drawn with physics off. Past ``max_nodes`` nodes the page keeps the most connected
part and says what it left out.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import math
import random
import re
import webbrowser
from collections import Counter
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from graphkit.errors import GraphkitError
from graphkit.viz.style import CLUSTER_COLORS, LABEL_BORDER_COLORS, LABEL_COLORS, LABEL_TEXT_COLORS
from graphkit.viz.subgraph import VIA_PAPERS, display_name, ego, keep_most_connected, keep_strongest_links

__all__ = ["render", "limit_nodes", "default_filename", "ego", "LABEL_SHAPES", "VIS_NETWORK_VERSION"]

#: node label -> vis-network shape (the legend draws the same glyph)
LABEL_SHAPES = {
    "Author": "dot",
    "Paper": "square",
    "Method": "diamond",
    "Dataset": "triangle",
    "Task": "star",
    "Venue": "hexagon",
    "Affiliation": "triangleDown",
    "Category": "box",
}

#: the vis-network build inlined into every page (the copy pyvis ships; Apache-2.0 OR MIT)
VIS_NETWORK_VERSION = "9.1.2"

#: past this many links a page keeps every node's strongest link, then the strongest others
MAX_EDGES = 3000

#: how many of the biggest nodes keep their name on screen at any zoom (besides the subject)
PINNED_LABELS = 12

#: pages with fewer nodes pin only the subject's name
PIN_FROM_NODES = 150

#: nodes laid out by force (networkx); the others are placed around their neighbours
LAYOUT_CORE = 250

#: above this many nodes the page starts with physics off (positions from networkx only)
PHYSICS_MAX_NODES = 400

#: legend order: people first, then papers, then the topic layer
_LEGEND_ORDER = ("Author", "Paper", "Method", "Dataset", "Task", "Venue", "Affiliation", "Category")

_TEMPLATES = Path(__file__).with_name("templates")
_OTHER_COLOR = "#888888"
_CENTER_ROOM = 140.0  # pixels kept free around the subject
_LINK_COLOR = {"color": "#c3cad3", "highlight": "#52606d", "hover": "#52606d", "opacity": 0.6}
_COAUTHOR_COLOR = {"color": "#2b6cb0", "highlight": "#1a365d", "hover": "#1a365d", "opacity": 0.75}
_TRUNCATE = {"Paper": 26}
_DEFAULT_TRUNCATE = 28
_MAX_LISTED = 8  # paper titles listed in one tooltip


def default_filename(subject: str) -> str:
    """A file name for a subject's page: lower case, words joined by hyphens.

    >>> default_filename("Sijie Mai")
    'sijie-mai.html'
    >>> default_filename("</script> & BERT!")
    'script-bert.html'
    """
    slug = re.sub(r"[^\w]+", "-", subject.casefold(), flags=re.UNICODE).strip("-_")
    return f"{slug[:80] or 'graph'}.html"


def _short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis.

    >>> _short("Multimodal Information Bottleneck: Learning Minimal", 20)
    'Multimodal…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,:;-") + "…"


def _year_text(attrs: dict) -> str:
    return str(attrs["year"]) if attrs.get("year") is not None else ""


class _Tips:
    """Tooltip content as data (a heading, a subline and typed rows) that the page shows as text.

    Paper lines ("title (year)") are stored once in ``texts`` and referred to by index, since the
    same paper is listed in many tooltips.
    """

    def __init__(self, H: nx.MultiDiGraph):
        self.H = H
        self.texts: list[str] = []
        self._index: dict[str, int] = {}
        self._papers: dict[str, list[str]] = {}

    def _paper_ref(self, paper: str) -> int:
        if paper not in self._index:
            attrs = self.H.nodes[paper]
            year = _year_text(attrs)
            self._index[paper] = len(self.texts)
            self.texts.append(f"{display_name(attrs)} ({year})" if year else display_name(attrs))
        return self._index[paper]

    def papers_of(self, node: str) -> list[str]:
        """The Paper neighbours of ``node`` on the page, newest first."""
        if node not in self._papers:
            H = self.H
            papers = {n for n in nx.all_neighbors(H, node) if H.nodes[n].get("label") == "Paper"}
            self._papers[node] = sorted(
                papers, key=lambda p: (-(H.nodes[p].get("year") or 0), display_name(H.nodes[p]))
            )
        return self._papers[node]

    def _listed(self, papers: list[str], heading: str) -> list[list]:
        if not papers:
            return []
        rows: list[list] = [["h", heading]]
        rows += [["li", self._paper_ref(p)] for p in papers[:_MAX_LISTED]]
        if len(papers) > _MAX_LISTED:
            rows.append(["more", f"and {len(papers) - _MAX_LISTED} more"])
        return rows

    def node(self, node: str, paper_count: int) -> dict:
        H = self.H
        attrs = H.nodes[node]
        label = attrs.get("label", "")
        rows: list[list] = []
        if label == "Paper":
            facts = [label, _year_text(attrs), attrs.get("category") or ""]
            authors = sorted(
                (a for a in H.predecessors(node) if H.nodes[a].get("label") == "Author"),
                key=lambda a: min((e.get("position") or 999) for e in H.get_edge_data(a, node).values()),
            )
            if authors:
                rows.append(["p", "Authors: " + ", ".join(display_name(H.nodes[a]) for a in authors)])
            for key in ("affiliation", "url"):
                if attrs.get(key):
                    rows.append(["p", str(attrs[key])])
        else:
            facts = [label, f"{paper_count} paper{'s' * (paper_count != 1)} in the graph"]
            for key, shown in (("h_index", "h-index"), ("citations", "citations")):
                if attrs.get(key) is not None:
                    facts.append(f"{shown} {attrs[key]}")
            aliases = [a for a in attrs.get("aliases") or () if a != display_name(attrs)]
            if aliases:
                rows.append(["p", "Also: " + ", ".join(map(str, aliases[:6]))])
            rows += self._listed(self.papers_of(node), "Papers on this page")
        return {"head": display_name(attrs), "sub": " · ".join(f for f in facts if f), "rows": rows}

    def _evidence(self, paper: str, edge: dict) -> list:
        """The evidence sentence, split around the mention when the offsets point into it."""
        sentence = str(edge.get("sentence") or "")
        abstract = str(self.H.nodes[paper].get("abstract") or "")
        start, end = edge.get("start"), edge.get("end")
        at = abstract.find(sentence) if sentence else -1
        if at >= 0 and isinstance(start, int) and isinstance(end, int) and at <= start < end <= at + len(sentence):
            return ["ev", sentence[: start - at], sentence[start - at : end - at], sentence[end - at :]]
        return ["ev", sentence, "", ""]

    def edge(self, u: str, v: str, edges: list[dict]) -> dict:
        H = self.H
        types = list(dict.fromkeys(e.get("type", "") for e in edges))
        rows: list[list] = []
        sub = " + ".join(types)
        for edge in edges:
            if edge.get("type") == "COAUTHOR":
                count = edge.get("papers")
                if count is not None:
                    sub = f"co-authors · {count} joint paper{'s' * (count != 1)}"
                of_v = set(self.papers_of(v))
                joint = [p for p in self.papers_of(u) if p in of_v]
                rows += self._listed(joint, "Joint papers on this page")
            elif edge.get("type") == VIA_PAPERS:
                count = edge.get("papers") or 0
                sub = f"{count} paper{'s' * (count != 1)} together (papers folded)"
            elif edge.get("sentence"):
                paper = u if H.nodes[u].get("label") == "Paper" else v
                rows.append(self._evidence(paper, edge))
                if edge.get("rule"):
                    rows.append(["more", f"found by rule {edge['rule']}"])
            elif edge.get("position") is not None:
                rows.append(["more", f"author #{edge['position']}"])
        head = f"{display_name(H.nodes[u])} — {display_name(H.nodes[v])}"
        return {"head": head, "sub": sub, "rows": rows}


def _stable_angle(node) -> float:
    """A stable angle for a node (used when it sits exactly on the subject)."""
    return (int(hashlib.sha1(str(node).encode()).hexdigest()[:8], 16) % 3600) / 3600 * 2 * math.pi


def _positions(H: nx.MultiDiGraph, seed: int = 7) -> dict:
    """Seeded positions in pixels, spread so that labels have room.

    The best-connected ``LAYOUT_CORE`` nodes get a force-directed layout (networkx); every other
    node is placed around its strongest already-placed neighbour, in breadth-first order, so a
    1,000-node page is laid out in well under a second.
    """
    if H.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(H)
    for u, v, data in H.edges(data=True):
        if u != v:
            weight = math.log1p(float(data.get("papers") or 1))
            simple.add_edge(u, v, weight=max(weight, simple.get_edge_data(u, v, {}).get("weight", 0.0)))
    n = simple.number_of_nodes()
    center = H.graph.get("center")
    degree = dict(simple.degree(weight="weight"))
    core = sorted(simple, key=lambda node: (node != center, -degree[node], str(node)))[:LAYOUT_CORE]
    in_core = set(core)
    core_graph = nx.Graph()  # in simple's order (a subgraph view of a few nodes iterates a set: a new page each run)
    core_graph.add_nodes_from(node for node in simple if node in in_core)
    core_graph.add_edges_from((u, v, d) for u, v, d in simple.edges(data=True) if u in in_core and v in in_core)
    pos = nx.spring_layout(core_graph, seed=seed, iterations=60, center=(0.0, 0.0), scale=1.0)
    span = 110.0 * math.sqrt(len(core)) + 150.0
    pos = {node: (float(x) * span, float(y) * span) for node, (x, y) in pos.items()}
    if len(core) < n:
        step = 0.9 * span / math.sqrt(len(core))  # about the distance between core neighbours
        placed_around: Counter = Counter()
        rng = random.Random(seed)
        frontier = list(core)
        while frontier:  # breadth-first from the whole core at once
            reached = []
            for node in frontier:
                for new in simple[node]:
                    if new in pos:
                        continue
                    anchor = max(
                        (m for m in simple[new] if m in pos),
                        key=lambda m: (simple[new][m]["weight"], -placed_around[m]),
                    )
                    k = placed_around[anchor]
                    placed_around[anchor] += 1
                    angle = k * 2.399963 + rng.random() * 0.3  # golden angle: an even spiral
                    radius = step * (0.6 + 0.25 * math.sqrt(k))
                    ax, ay = pos[anchor]
                    pos[new] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
                    reached.append(new)
            frontier = reached
        for node in simple:  # parts not reached from the core
            if node not in pos:
                pos[node] = (rng.uniform(-span, span), rng.uniform(-span, span))
    if center in pos:
        cx, cy = pos[center]
        pos = {node: (x - cx, y - cy) for node, (x, y) in pos.items()}
        for node, (x, y) in pos.items():  # room around the subject for its name
            distance = math.hypot(x, y)
            if node != center and distance < _CENTER_ROOM:
                angle = math.atan2(y, x) if distance else _stable_angle(node)
                pos[node] = (_CENTER_ROOM * math.cos(angle), _CENTER_ROOM * math.sin(angle))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in pos.items()}


def _summary(H: nx.MultiDiGraph) -> tuple[list[dict], str, str]:
    counts = Counter(a.get("label", "") for _, a in H.nodes(data=True))
    labels = [label for label in _LEGEND_ORDER if counts[label]]
    labels += sorted(label for label in counts if label not in _LEGEND_ORDER)
    legend = [
        {"label": label, "color": LABEL_COLORS.get(label, _OTHER_COLOR),
         "shape": LABEL_SHAPES.get(label, "dot"), "count": counts[label]}
        for label in labels
    ]
    years = [a["year"] for _, a in H.nodes(data=True) if a.get("label") == "Paper" and isinstance(a.get("year"), int)]
    line = f"{H.number_of_nodes():,} nodes · {H.number_of_edges():,} links"
    if counts["Paper"]:
        line += f" · {counts['Paper']:,} papers"
        if years:
            line += f" ({min(years)}–{max(years)})" if min(years) != max(years) else f" ({years[0]})"
    if counts["Author"]:
        line += f" · {counts['Author']:,} authors"
    omitted = H.graph.get("omitted") or {}
    note = ""
    if omitted.get("nodes"):
        note = (
            f"Showing the {H.number_of_nodes():,} most connected nodes: "
            f"{omitted['nodes']:,} nodes and {omitted.get('edges', 0):,} links are left out."
        )
    elif omitted.get("edges"):
        note = f"Showing the strongest {H.number_of_edges():,} links: {omitted['edges']:,} weaker links are left out."
    if note:
        if H.graph.get("whole"):
            note += f" The whole graph: {H.graph['whole']}."
    if H.graph.get("folded"):
        clusters = len({a["cluster"] for _, a in H.nodes(data=True) if isinstance(a.get("cluster"), int)})
        fold = (f"{H.graph['folded']:,} papers folded into links weighted by joint papers"
                f"{f'; {min(clusters, len(CLUSTER_COLORS))} largest co-author groups coloured' if clusters else ''}"
                " (graphkit viz --papers draws the papers).")
        note = f"{note} {fold}".strip()
    return legend, line, note


def _script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _vis_network_js() -> str:
    # found without importing pyvis, whose Python side (IPython, jsonpickle...) the page does not use
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphkitError("graphkit viz needs the vis-network script that ships with pyvis: pip install pyvis")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_NETWORK_VERSION}"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8")


def _pinned(H: nx.MultiDiGraph, paper_counts: dict) -> list:
    """The nodes whose names the page always shows: the subject and the biggest non-papers."""
    center = H.graph.get("center")
    pinned = [center] if center in H else []
    if H.number_of_nodes() < PIN_FROM_NODES:  # small pages show their names when zoomed to fit
        return pinned
    others = [n for n, a in H.nodes(data=True) if a.get("label") != "Paper" and n != center]
    others.sort(key=lambda n: (-paper_counts.get(n, H.degree(n)), str(n)))
    return pinned + others[:PINNED_LABELS]


def _network(H: nx.MultiDiGraph) -> tuple[list[dict], list[dict], dict, list[str]]:
    """vis-network's data for ``H``: the styled nodes (ids numbered in node order) and edges, the
    network options, and the shared text table the tooltips refer to."""
    center = H.graph.get("center")
    paper_counts = H.graph.get("paper_counts") or {}
    pos = _positions(H)
    tips = _Tips(H)
    ids = {node: i for i, node in enumerate(H.nodes)}
    # the subject last, so it is drawn on top of everything else
    ordered = sorted(H.nodes(data=True), key=lambda item: item[0] == center)
    nodes: dict[int, dict] = {}  # by id, in drawing order
    for node, attrs in ordered:
        label = attrs.get("label", "")
        count = paper_counts.get(node, H.degree(node))
        value = 1.0 if label == "Paper" else round(1.5 + math.sqrt(count), 2)  # hubs stay in scale
        x, y = pos.get(node, (0.0, 0.0))
        options = dict(value=value, x=x, y=y, kind=label, full=display_name(attrs), tip=tips.node(node, count))
        shape = LABEL_SHAPES.get(label, "dot")
        if node == center:  # the subject: its name inside a circle, readable at any zoom
            color = LABEL_COLORS.get(label, _OTHER_COLOR)
            shape = "circle"
            options.update(mass=10, fixed=True, borderWidth=3, center=True,
                           font={"color": "#ffffff", "size": 22, "bold": {"color": "#ffffff"}, "strokeWidth": 0},
                           color={"background": color, "border": "#1f2933",
                                  "highlight": {"background": color, "border": "#111111"}})
        elif label == "Author" and isinstance(attrs.get("cluster"), int) and attrs["cluster"] < len(CLUSTER_COLORS):
            color = CLUSTER_COLORS[attrs["cluster"]]  # a group of people who write together
            options["color"] = {"background": color, "border": "#1f2933",
                                "highlight": {"background": color, "border": "#111111"},
                                "hover": {"background": color, "border": "#111111"}}
            options["cluster"] = attrs["cluster"]
        nodes[ids[node]] = {
            "group": label,  # colour and font come from the group (options below), unless set here
            **options,
            "id": ids[node],
            "label": _short(display_name(attrs), _TRUNCATE.get(label, _DEFAULT_TRUNCATE)),
            "shape": shape,
        }
    for i in _pinned(H, paper_counts):
        nodes[ids[i]]["pin"] = True
    edge_list = []
    pairs: dict[tuple, list[dict]] = {}
    for u, v, data in H.edges(data=True):
        pairs.setdefault((u, v) if ids[u] <= ids[v] else (v, u), []).append(data)
    for (u, v), edges in pairs.items():
        types = sorted({e.get("type") or "" for e in edges})
        options = {}
        if "COAUTHOR" in types:  # width by joint papers; other links take the defaults
            papers = max(e.get("papers") or 1 for e in edges if e.get("type") == "COAUTHOR")
            options.update(value=papers, color=_COAUTHOR_COLOR)
        elif VIA_PAPERS in types:
            options.update(value=max(e.get("papers") or 1 for e in edges))
        edge_list.append({"kind": " ".join(types), "tip": tips.edge(u, v, edges), **options,
                          "from": ids[u], "to": ids[v], "arrows": "to"})
    groups = {}
    for label in {a.get("label", "") for _, a in H.nodes(data=True)}:
        color = LABEL_COLORS.get(label, _OTHER_COLOR)
        border = LABEL_BORDER_COLORS.get(label, color)
        groups[label] = {
            "shape": LABEL_SHAPES.get(label, "dot"),
            "color": {"background": color, "border": border,
                      "highlight": {"background": color, "border": "#111111"},
                      "hover": {"background": color, "border": "#111111"}},
        }
        if LABEL_SHAPES.get(label) == "box":  # the label is drawn inside the box
            groups[label]["font"] = {"color": LABEL_TEXT_COLORS.get(label, "#ffffff"), "strokeWidth": 0}
    physics = H.number_of_nodes() <= PHYSICS_MAX_NODES
    options = {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                     "color": "#1f2933", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 6, "max": 42,
                        "label": {"enabled": True, "min": 10, "max": 24, "drawThreshold": 7, "maxVisible": 22}},
        },
        "groups": groups,
        "edges": {"smooth": False, "arrows": {"to": False}, "color": _LINK_COLOR, "width": 1,
                  "scaling": {"min": 1, "max": 9}, "selectionWidth": 1.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": H.number_of_edges() > 2000,
                        "navigationButtons": False, "keyboard": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -12000, "springLength": 150, "springConstant": 0.03,
                          "avoidOverlap": 1.0, "damping": 0.5},
            "stabilization": {"enabled": True, "iterations": 250, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        },
        "layout": {"improvedLayout": False},
    }
    return list(nodes.values()), edge_list, options, tips.texts


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def limit_nodes(
    subgraph: nx.MultiDiGraph, max_nodes: int = 1000, max_edges: int = MAX_EDGES
) -> nx.MultiDiGraph:
    """``subgraph`` itself when it is small enough, else its most connected part (keeping
    ``graph["center"]``) and its strongest links, with ``graph["omitted"]`` counting what was
    left out.

    >>> H = nx.MultiDiGraph(list(nx.star_graph(4).edges))
    >>> limit_nodes(H, 10) is H, limit_nodes(H, 2).number_of_nodes()
    (True, 2)
    """
    kept = subgraph
    if subgraph.number_of_nodes() > max_nodes:
        center = subgraph.graph.get("center")
        kept = keep_most_connected(subgraph, max_nodes, keep=[center] if center in subgraph else [])
        kept.graph.update({k: v for k, v in subgraph.graph.items() if k != "omitted"})
    return keep_strongest_links(kept, max_edges)


def render(
    subgraph: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str | None = None,
    max_nodes: int = 1000,
    max_edges: int = MAX_EDGES,
    open_browser: bool = False,
) -> Path:
    """Write ``subgraph`` as one self-contained interactive HTML page; return its path.

    Parameters
    ----------
    subgraph : a graph in graphkit's in-memory form, usually from ``ego`` or ``top_by_degree``;
        ``graph["center"]`` (the subject) is drawn larger and kept when the graph is cut.
    path : the ``.html`` file to write (folders are created).
    title : the page heading; defaults to ``subgraph.graph["title"]``.
    max_nodes : past this many nodes keep the most connected ones; the page says what was left out.
    max_edges : past this many links keep each node's strongest, then the strongest others.
    open_browser : open the page in the default browser afterwards.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:a b", label="Author", id="a b", name="A <b>")
    >>> out = render(G, Path(tempfile.mkdtemp()) / "a.html", title="A")
    >>> html = out.read_text(encoding="utf-8")
    >>> "A <b>" in html, "A \\\\u003cb\\\\u003e" in html
    (False, True)
    """
    path = Path(path)
    if path.suffix != ".html":
        raise GraphkitError(f"{path}: the page must be written to a .html file")
    H = limit_nodes(subgraph, max_nodes, max_edges)
    heading = title or H.graph.get("title") or "graphkit"
    nodes, edges, options, texts = _network(H)
    legend, summary, note = _summary(H)
    app_js = (_TEMPLATES / "graph.js").read_text(encoding="utf-8")
    app_css = (_TEMPLATES / "graph.css").read_text(encoding="utf-8")
    vis_js = _vis_network_js()
    if "</script" in vis_js.lower():  # would end the inline script early
        raise RuntimeError("the vis-network build contains '</script'; it cannot be inlined")
    env = _environment()
    env.globals.update(
        title=heading,
        summary=summary,
        note=note,
        legend=legend,
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
        app_css=Markup(app_css),
        options_data=options,
        texts=texts,
        vis_version=VIS_NETWORK_VERSION,
        csp=Markup(  # built from constants and base64 digests only: no quote or bracket to escape
            f"default-src 'none'; script-src {_script_hash(vis_js)} {_script_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
            "base-uri 'none'; form-action 'none'"
        ),
    )
    html = env.get_template("graph.html").render(nodes=nodes, edges=edges)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    if open_browser:
        webbrowser.open(path.resolve().as_uri())
    return path
