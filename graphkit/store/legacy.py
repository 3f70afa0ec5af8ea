"""The embedded store's first file format, ``graph.gkg``: read to migrate old stores to SQLite.

One header line (format name, version, SHA-256 and length of the body, counts) then the body:
zlib-compressed compact JSON (nodes as ``[label, id, props]``, edges as ``[type, start index, end
index, props]``). :func:`write_store_file` still writes it (for tests of the migration).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit._gc import without_cyclic_gc
from graphkit.errors import StoreCorrupt, StoreError

__all__ = ["LEGACY_FILE", "read_store_file", "write_store_file"]

FORMAT = "graphkit-networkx"
VERSION = 1
LEGACY_FILE = "graph.gkg"
BACKUP_SUFFIX = ".bak"
_MAGIC = b"GKG "
_COMPRESSION_LEVEL = 1


def _rebuild_hint(path: Path) -> str:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    kept = (
        f" The previous good version is kept at {backup}: copy it over {path} to go back to it,"
        if backup.exists()
        else ""
    )
    return f"{kept} or rebuild with `graphkit --store {path.parent} build --reset PATH...`."


def _encode(graph: nx.MultiDiGraph) -> bytes:
    with without_cyclic_gc():
        return _encode_lists(graph)


def _encode_lists(graph: nx.MultiDiGraph) -> bytes:
    # walks networkx's own dicts (as _graph_from_lists fills them): the edge views cost seconds on the corpus
    index: dict[str, int] = {}
    nodes = []
    for i, (key, attrs) in enumerate(graph._node.items()):
        index[key] = i
        props = dict(attrs)
        del props["label"], props["id"]
        nodes.append([attrs["label"], attrs["id"], props])
    edges = []
    for u, neighbours in graph._succ.items():
        start = index[u]
        for v, keydict in neighbours.items():
            end = index[v]
            for type, attrs in keydict.items():
                props = dict(attrs)
                del props["type"]
                edges.append([type, start, end, props])
    body = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(body.encode("utf-8"), _COMPRESSION_LEVEL)


def _header(body: bytes, graph: nx.MultiDiGraph) -> bytes:
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "sha256": hashlib.sha256(body).hexdigest(),
        "length": len(body),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }
    return _MAGIC + json.dumps(meta, separators=(",", ":")).encode("ascii") + b"\n"


def _read_checked(path: Path) -> bytes:
    """The verified, decompressed body of a store file; StoreCorrupt when anything is off."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(4096)
            body = handle.read()
    except OSError as err:
        raise StoreError(f"cannot read the store file {path}: {err.strerror}") from None
    problem = None
    meta: dict[str, Any] = {}
    if not first.startswith(_MAGIC) or not first.endswith(b"\n"):
        problem = "it does not start with a graphkit store header"
    else:
        try:
            meta = json.loads(first[len(_MAGIC) :])
        except ValueError:
            problem = "its header is damaged"
    if problem is None and meta.get("format") != FORMAT:
        problem = f"it is not a graphkit store (format {meta.get('format')!r})"
    if problem is None and meta.get("version") != VERSION:
        raise StoreError(
            f"the store file {path} has format version {meta.get('version')}, this graphkit reads version "
            f"{VERSION}; rebuild it with `graphkit --store {path.parent} build --reset PATH...`."
        )
    if problem is None and len(body) != meta.get("length"):
        problem = f"it is truncated ({len(body)} of {meta.get('length')} bytes)"
    if problem is None and hashlib.sha256(body).hexdigest() != meta.get("sha256"):
        problem = "its checksum does not match (the file was changed or damaged)"
    if problem is None:
        try:
            return zlib.decompress(body)
        except zlib.error:
            problem = "its body does not decompress"
    raise StoreCorrupt(f"the store file {path} is corrupted: {problem}.{_rebuild_hint(path)}")


def read_store_file(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Load one store file into graphkit's in-memory ``MultiDiGraph`` form.

    Raises :class:`~graphkit.errors.StoreCorrupt` for a truncated or damaged file.
    """
    path = Path(path)
    body = _read_checked(path)
    with without_cyclic_gc():
        try:
            data = json.loads(body)
            return _graph_from_lists(data["nodes"], data["edges"])
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
            raise StoreCorrupt(f"the store file {path} is corrupted: {err}.{_rebuild_hint(path)}") from None


def _graph_from_lists(nodes: list, edges: list) -> nx.MultiDiGraph:
    """A MultiDiGraph from the file's lists, filling networkx's adjacency dicts directly.

    ``add_edges_from`` costs ~5 µs an edge; on the full corpus graph that alone would break the
    10 s load goal, so the dicts are built here in networkx's own layout (``_succ[u][v][key]``
    and ``_pred[v][u]`` sharing one key dict, ``_adj`` being ``_succ``).
    """
    graph = nx.MultiDiGraph()
    keys = [f"{label}:{id}" for label, id, _ in nodes]
    node_attrs = graph._node
    succ, pred = graph._succ, graph._pred
    for key, (label, id, props) in zip(keys, nodes):
        props["label"], props["id"] = label, id
        node_attrs[key] = props
        succ[key] = {}
        pred[key] = {}
    for type, start, end, props in edges:
        u, v = keys[start], keys[end]
        props["type"] = type
        out = succ[u]
        keydict = out.get(v)
        if keydict is None:
            keydict = out[v] = pred[v][u] = {}
        keydict[type] = props
    return graph


def _is_valid(path: Path) -> bool:
    try:
        _read_checked(path)
    except StoreError:
        return False
    return True


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, graph: nx.MultiDiGraph, keep_backup: bool) -> None:
    """Write ``graph`` to ``path`` so that a crash at any point leaves a complete file there."""
    body = _encode(graph)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # mkstemp makes it 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(_header(body, graph))
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            backup = path.with_name(path.name + BACKUP_SUFFIX)
            link = backup.with_name(backup.name + ".tmp")
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            os.link(path, link)  # the current file stays in place until the new one replaces it
            os.replace(link, backup)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_store_file(path: str | os.PathLike, graph: nx.MultiDiGraph) -> None:
    """Write ``graph`` to ``path`` in the old ``graph.gkg`` format."""
    _write_atomically(Path(path), graph, keep_backup=False)
