"""What the export formats share: attribute flattening, XML-safe text and ids, colours, layouts,
output paths."""

from __future__ import annotations

import json
import math
import random
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analyze import display_name
from graphkit.errors import GraphkitError
from graphkit.viz.style import LABEL_COLORS, LABEL_SIZES

__all__ = [
    "ExportError",
    "LAYOUTS",
    "gephi_graph",
    "xml_text",
    "xml_id",
    "edge_type",
    "layout_positions",
    "label_rgb",
    "node_size",
    "output_file",
    "output_folder",
]

#: node layouts ``--layout`` offers (igraph, seeded): Fruchterman-Reingold, DrL (large graphs), circle
LAYOUTS = ("fr", "drl", "circle")

# attributes GEXF/GraphML readers treat specially on edges, renamed so the data survives
_EDGE_RENAMES = {"start": "evidence_start", "end": "evidence_end", "id": "edge_id", "label": "edge_label"}
_NODE_RESERVED = {"pid", "start", "end", "viz", "parents", "slices", "spells", "key", "graphkit_key"}
#: characters XML 1.0 does not allow (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: characters kept as they are in a node id; every other one is written ``_HEX_``
_ID_SAFE = re.compile(r"[^A-Za-z0-9.:-]")
_DEFAULT_COLOR = "#A5ABB6"


class ExportError(GraphkitError):
    """An export could not be written (the output path cannot be used, a format/graph mismatch)."""


def xml_text(text: str) -> str:
    """Text with the characters XML 1.0 cannot hold (form feed, NUL, other C0 controls) removed.

    >>> xml_text("Page\\x0cbreak\\ttab")
    'Pagebreak\\ttab'
    """
    return _XML_ILLEGAL.sub("", text)


def xml_id(key: str) -> str:
    """A node key as an XML NMTOKEN (what GraphML requires of ids): ASCII letters, digits, ``.:-``
    kept, every other character written ``_HEX_`` (``_`` too, so two keys never share an id).

    >>> xml_id("Author:nicholas bemish"), xml_id("Method:c++"), xml_id("Author:jörg_x")
    ('Author:nicholas_20_bemish', 'Method:c_2b__2b_', 'Author:j_f6_rg_5f_x')
    """
    return _ID_SAFE.sub(lambda m: f"_{ord(m[0]):x}_", key)


def _flat(value: Any) -> Any:
    """A value Gephi can read: lists and sets joined, dicts as JSON, other objects as text; text
    stripped of the characters XML cannot hold."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, (set, frozenset)):
        value = "; ".join(sorted(str(v) for v in value))
    elif isinstance(value, dict):
        value = json.dumps(value, sort_keys=True, ensure_ascii=False)
    elif isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    elif not isinstance(value, (str, bool, int, float)):
        value = str(value)
    return xml_text(value) if isinstance(value, str) else value


def _unify_types(items: list[dict[str, Any]]) -> None:
    """Give each attribute one type across all items (GraphML declares a type per key)."""
    kinds: dict[str, set[type]] = defaultdict(set)
    for attrs in items:
        for k, v in attrs.items():
            kinds[k].add(type(v))
    for k, seen in kinds.items():
        if len(seen) == 1:
            continue
        cast = float if seen <= {int, float} else str
        for attrs in items:
            if k in attrs:
                attrs[k] = cast(attrs[k])


def edge_type(G: nx.Graph, data: dict[str, Any]) -> str:
    """The relationship type of an edge: its ``type``, else the graph's ``edge_type``."""
    return str(data.get("type") or G.graph.get("edge_type") or "RELATED")


def _weight(relation: str, data: dict[str, Any]) -> Any:
    """An edge's ``weight``: its own, else for COAUTHOR the joint papers it counts."""
    if "weight" in data:
        return data["weight"]
    if relation == "COAUTHOR" and isinstance(data.get("papers"), (int, float)):
        return data["papers"]
    return None


def gephi_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` that Gephi, GraphML and GEXF accept without losing anything.

    Node keys stay as they are (see :func:`xml_id` for the ids written to XML); the display name
    goes to ``label``, the schema label to ``kind``, the schema id to ``node_id``. Co-author edges
    get ``weight`` (their joint papers) in every graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Paper:p", label="Paper", id="p", title="T", venue=None)
    >>> G.add_node("Method:m", label="Method", id="m", name="M", aliases=["M", "Em"])
    >>> _ = G.add_edge("Paper:p", "Method:m", key="USES", type="USES", start=3, end=4)
    >>> H = gephi_graph(G)
    >>> H.nodes["Paper:p"]
    {'label': 'T', 'kind': 'Paper', 'node_id': 'p', 'title': 'T'}
    >>> list(H.edges(keys=True, data=True))
    [('Paper:p', 'Method:m', 'e0', {'label': 'USES', 'kind': 'USES', 'evidence_start': 3, 'evidence_end': 4})]
    """
    H = G.__class__()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if v is not None and k != "name"})
    node_attrs = []
    for n, data in G.nodes(data=True):
        attrs: dict[str, Any] = {"label": xml_text(str(display_name(G, n)))}
        if data.get("label"):
            attrs["kind"] = xml_text(str(data["label"]))
        if data.get("id") is not None:
            attrs["node_id"] = xml_text(str(data["id"]))
        for k, v in data.items():
            if k not in ("label", "id") and v is not None:
                attrs[f"node_{k}" if k in _NODE_RESERVED else k] = _flat(v)
        node_attrs.append(attrs)
    edge_attrs = []
    for _, _, data in G.edges(data=True):
        relation = edge_type(G, data)
        attrs = {"label": relation, "kind": relation}
        for k, v in data.items():
            if k != "type" and v is not None:
                attrs[_EDGE_RENAMES.get(k, k)] = _flat(v)
        weight = _weight(relation, data)
        if weight is not None:
            attrs["weight"] = weight
        edge_attrs.append(attrs)
    _unify_types(node_attrs)
    _unify_types(edge_attrs)
    H.add_nodes_from(zip(G.nodes, node_attrs))
    if G.is_multigraph():
        # GraphML/GEXF edge ids must be unique in the file; relationship types repeat
        H.add_edges_from((u, v, f"e{i}", attrs) for i, ((u, v), attrs) in enumerate(zip(G.edges(), edge_attrs)))
    else:
        H.add_edges_from((u, v, attrs) for (u, v), attrs in zip(G.edges(), edge_attrs))
    return H


def label_rgb(label: str | None) -> tuple[int, int, int]:
    """The fill colour of a schema label in the HTML pages (graphkit.viz.style), as RGB.

    >>> label_rgb("Author"), label_rgb(None)
    ((76, 142, 218), (165, 171, 182))
    """
    color = LABEL_COLORS.get(label or "", _DEFAULT_COLOR)
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def node_size(label: str | None, papers: Any) -> float:
    """A node's drawn size: grows with the square root of its papers; the label's page size
    (scaled) for nodes without a paper count.

    >>> node_size("Author", 1), node_size("Author", 16), node_size("Paper", None)
    (8.0, 20.0, 4.0)
    """
    if isinstance(papers, (int, float)) and not isinstance(papers, bool) and papers > 0:
        return round(4.0 + 4.0 * math.sqrt(papers), 3)
    return LABEL_SIZES.get(label or "", 40) / 10


def layout_positions(G: nx.Graph, layout: str, *, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Node positions from an igraph layout (``fr``, ``drl`` or ``circle``), seeded, scaled to
    about ±1000 (Gephi's scale).

    The same graph and seed give the same positions: nodes are laid out in sorted key order.
    """
    import igraph

    if layout not in LAYOUTS:
        raise ExportError(f"expected a layout among {', '.join(LAYOUTS)}, got {layout!r}")
    nodes = sorted(G.nodes, key=str)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted({tuple(sorted((index[u], index[v]))) for u, v in G.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    # igraph draws from a global generator (the random module by default): give it a seeded one
    igraph.set_random_number_generator(random.Random(seed))
    try:
        if layout == "fr":
            coords = graph.layout_fruchterman_reingold(niter=500, grid="auto")
        elif layout == "drl":
            coords = graph.layout_drl()
        else:
            coords = graph.layout_circle()
    finally:
        igraph.set_random_number_generator(random)
    points = list(coords)
    span = max((max(abs(x), abs(y)) for x, y in points), default=1.0) or 1.0
    return {n: (round(x / span * 1000, 3), round(y / span * 1000, 3)) for n, (x, y) in zip(nodes, points)}


def output_file(path: str | Path) -> Path:
    """``path`` ready to be written as a file: missing folders are created; one clear error when
    that cannot be done or a folder is in the way."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: expected a file name for this format, got a folder; give a file such as "
                          f"{path / 'graph'}.EXT")
    _make_folder(path.parent)
    return path


def output_folder(path: str | Path) -> Path:
    """``path`` as a folder the export writes into: created (with its parents) when missing."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: expected a folder for this format (it writes several files), got a file")
    _make_folder(path)
    return path


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"{folder}: cannot create this folder, a file of that name is in the way") from None
    except OSError as err:
        raise ExportError(f"{folder}: cannot create this folder ({err.strerror or err})") from None
