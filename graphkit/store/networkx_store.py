"""The embedded store: a ``networkx.MultiDiGraph`` kept in one file under ``--store DIR``.

Layout of ``DIR`` (default ``.graphkit/``, or ``$GRAPHKIT_STORE``):

- ``graph.gkg``: the graph. One header line (format name, version, SHA-256 and length of the
  body, counts) then the body: zlib-compressed compact JSON (nodes as ``[label, id, props]``,
  edges as ``[type, start index, end index, props]``). JSON, not pickle: loading a store never
  runs code from the file. Written to a temporary file, fsynced and moved into place with
  ``os.replace``, so a crash leaves either the old or the new file, never half of one.
- ``graph.gkg.bak``: the previous good version, kept when a new one is written.
- ``lock``: ``fcntl.flock`` taken by writers, so two builds on one store run one after the other
  (or the second stops with :class:`~graphkit.errors.StoreLocked` when told not to wait).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit._gc import without_cyclic_gc
from graphkit.build.derive import (
    PAPER_COUNT_LINKS,
    PAPERS,
    coauthor_pairs,
    count_papers,
    is_byline,
    merge_properties,
    paper_count_targets,
)
from graphkit.errors import (
    QueryParameterError,
    ReadOnlyQueryError,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    UnsupportedCypher,
)
from graphkit.keys import abstract_key
from graphkit.model import Graph, node_key
from graphkit.schema import NODE_LABELS, RELATIONSHIP_TYPES
from graphkit.store.base import GraphStore, WriteSummary

__all__ = ["NetworkxStore", "default_store_dir", "read_store_file", "cypher_literal", "bind_parameters"]

FORMAT = "graphkit-networkx"
VERSION = 1
GRAPH_FILE = "graph.gkg"
BACKUP_SUFFIX = ".bak"
LOCK_FILE = "lock"
_MAGIC = b"GKG "
_COMPRESSION_LEVEL = 1  # measured: level 1 is 3x faster to write than 6 for a 10% larger file


def default_store_dir() -> Path:
    """``$GRAPHKIT_STORE`` or ``.graphkit`` in the working directory."""
    return Path(os.environ.get("GRAPHKIT_STORE") or ".graphkit")


# ---------------------------------------------------------------------------------------------
# file format


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


# ---------------------------------------------------------------------------------------------
# Cypher through grand-cypher

# string literals ('...' or "..." with backslash escapes), comments, and $parameters
_CYPHER_TOKENS = re.compile(
    r"""(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
    r"""|(?P<comment>//[^\n]*)"""
    r"""|\$(?P<param>[A-Za-z_][A-Za-z_0-9]*)""",
    re.DOTALL,
)
_WRITE_CLAUSES = re.compile(
    r"(?<![.\w`])(CREATE|MERGE|SET|DELETE|REMOVE|DETACH|LOAD\s+CSV|CALL|FOREACH|DROP)(?![\w`])", re.IGNORECASE
)


def cypher_literal(value: Any) -> str:
    """``value`` as a grand-cypher literal that reads back as exactly ``value``.

    grand-cypher has no parameters and reads double-quoted strings with Python's string rules, so
    every character outside printable ASCII (and every quote and backslash) is escaped: a value can
    never end its string early or add query text.

    >>> cypher_literal('x"}) DETACH DELETE n //')
    '"x\\\\"}) DETACH DELETE n //"'
    >>> cypher_literal(3), cypher_literal(True), cypher_literal(None)
    ('3', 'TRUE', 'NULL')
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise QueryParameterError(f"cannot pass {value!r} to the embedded store's Cypher")
        return repr(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif " " <= ch <= "~":
                out.append(ch)
            else:
                out.append(f"\\U{ord(ch):08x}")
        return '"' + "".join(out) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise QueryParameterError(
        f"cannot pass a {type(value).__name__} as a Cypher parameter (use str, number, bool, list)"
    )


def _unquote(literal: str) -> str:
    """The text of a Cypher string literal (either quote); backslash escapes as in Cypher."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'", '"': '"'}
    out, i, inner = [], 0, literal[1:-1]
    while i < len(inner):
        ch = inner[i]
        if ch == "\\" and i + 1 < len(inner):
            nxt = inner[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", inner[i + 2 : i + 6]):
                out.append(chr(int(inner[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(escapes.get(nxt, "\\" + nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def bind_parameters(text: str, params: Mapping[str, Any] | None) -> str:
    """Cypher for grand-cypher: ``$name`` replaced by an escaped literal, every string literal
    re-quoted the way grand-cypher reads them, comments dropped.

    Write clauses are refused (ReadOnlyQueryError); a missing parameter is a QueryParameterError.

    >>> bind_parameters("MATCH (a:Author) WHERE a.name = $name RETURN a.id // x", {"name": "O'Neil"})
    'MATCH (a:Author) WHERE a.name = "O\\'Neil" RETURN a.id '
    """
    params = dict(params or {})
    pieces: list[str] = []
    last = 0
    for match in _CYPHER_TOKENS.finditer(text):
        code = text[last : match.start()]
        _refuse_writes(code)
        pieces.append(code)
        last = match.end()
        if match.group("string") is not None:
            pieces.append(cypher_literal(_unquote(match.group("string"))))
        elif match.group("param") is not None:
            name = match.group("param")
            if name not in params:
                given = ", ".join(sorted(params)) or "none"
                raise QueryParameterError(f"the query uses ${name} but no value was given for it (given: {given})")
            pieces.append(cypher_literal(params[name]))
    _refuse_writes(text[last:])
    pieces.append(text[last:])
    return "".join(pieces)


def _refuse_writes(code: str) -> None:
    found = _WRITE_CLAUSES.search(code)
    if found:
        raise ReadOnlyQueryError(
            f"{found.group(1).upper()} is not allowed: graphkit queries only read; "
            "change the graph with `graphkit build` instead."
        )


def _with_labels(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with grand-cypher's ``__labels__`` sets (never stored)."""
    labelled = nx.MultiDiGraph()
    labelled.add_nodes_from((n, {**attrs, "__labels__": {attrs["label"]}}) for n, attrs in graph.nodes(data=True))
    labelled.add_edges_from(
        (u, v, k, {**attrs, "__labels__": {k}}) for u, v, k, attrs in graph.edges(keys=True, data=True)
    )
    return labelled


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if k != "__labels__"}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return sorted(_plain(v) for v in value)
    return value


# ---------------------------------------------------------------------------------------------
# the store


class NetworkxStore(GraphStore):
    """The embedded store (see the module docstring for the files it keeps).

    Parameters
    ----------
    directory
        Store folder; default ``$GRAPHKIT_STORE`` or ``.graphkit``.
    lock_timeout
        Seconds a writer waits for another writer on the same store; None waits as long as it
        takes, 0 stops at once with :class:`~graphkit.errors.StoreLocked`.
    on_wait
        Called once with a message when a writer has to wait for the lock.
    """

    kind = "networkx"

    def __init__(
        self,
        directory: str | os.PathLike | None = None,
        *,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = Path(directory) if directory is not None else default_store_dir()
        self.path = self.directory / GRAPH_FILE
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self._graph: nx.MultiDiGraph | None = None
        self._labelled: nx.MultiDiGraph | None = None
        self._abstract_index: dict[str, str] | None = None
        self._lock_fd: int | None = None
        self._bulk_depth = 0
        self._dirty = False
        self._loaded_from_valid_file = False
        self._pending_coauthors: set[str] = set()  # authors whose COAUTHOR edges wait for the end of a bulk
        self._pending_paper_counts: dict[str, set[str]] = {}  # nodes whose `papers` count waits likewise

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> nx.MultiDiGraph:
        if self._graph is None:
            if self.path.exists():
                self._graph = read_store_file(self.path)
                self._loaded_from_valid_file = True
                _fill_missing_paper_counts(self._graph)
            else:
                self._graph = nx.MultiDiGraph()
            self._labelled = None
            self._abstract_index = None
        return self._graph

    def read_graph(self) -> nx.MultiDiGraph:
        """The stored graph (the store's own object: copy it before changing it)."""
        return self._load()

    def stats(self) -> dict[str, dict[str, int]]:
        graph = self._load()
        nodes = dict.fromkeys(NODE_LABELS, 0)
        relationships = dict.fromkeys(RELATIONSHIP_TYPES, 0)
        for _, label in graph.nodes(data="label"):
            nodes[label] = nodes.get(label, 0) + 1
        for _, _, type in graph.edges(keys=True):
            relationships[type] = relationships.get(type, 0) + 1
        return {"nodes": nodes, "relationships": relationships}

    def find_papers_by_abstract(self, keys: set[str]) -> dict[str, str]:
        """Normalised abstract -> id of a stored titled paper with that abstract."""
        if self._abstract_index is None:
            self._abstract_index = {}
            for _, attrs in self._load().nodes(data=True):
                if attrs["label"] == "Paper" and attrs["id"].startswith("t") and attrs.get("abstract"):
                    self._abstract_index.setdefault(abstract_key(attrs["abstract"]), attrs["id"])
        return {k: self._abstract_index[k] for k in keys if k in self._abstract_index}

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Read-only Cypher over the graph with grand-cypher (MATCH/WHERE/RETURN/ORDER/SKIP/LIMIT).

        ``$name`` parameters are bound as escaped literals. Writes raise ReadOnlyQueryError;
        syntax outside grand-cypher's subset raises UnsupportedCypher.
        """
        from grandcypher import GrandCypher
        from lark.exceptions import LarkError

        query = bind_parameters(text, params)
        if self._labelled is None:
            self._labelled = _with_labels(self._load())
        try:
            columns = GrandCypher(self._labelled).run(query)
        except LarkError as err:
            first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise UnsupportedCypher(
                "the embedded store runs only grand-cypher's subset of Cypher (MATCH ... WHERE ... RETURN "
                f"... ORDER BY/SKIP/LIMIT); this query is outside it: {first_line}. "
                "Use a stored query (`graphkit queries`) or Neo4j (--neo4j URI)."
            ) from None
        except (KeyError, TypeError, ValueError, AttributeError, NotImplementedError) as err:
            raise UnsupportedCypher(
                f"the embedded store could not run this query ({type(err).__name__}: {err})"
            ) from None
        names = [str(c) for c in columns]
        values = list(columns.values())
        count = max((len(v) for v in values), default=0)
        return [{name: _plain(column[i]) for name, column in zip(names, values)} for i in range(count)]

    # -- writing ---------------------------------------------------------------------------

    def _acquire(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = None if self.lock_timeout is None else time.monotonic() + self.lock_timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreLocked(
                        f"another graphkit process (pid {holder}) is writing the store {self.directory}; "
                        "wait for it to finish, then run this again."
                    ) from None
                if not waited and self.on_wait is not None:
                    self.on_wait(f"waiting for another graphkit process (pid {holder}) writing {self.directory}")
                waited = True
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._lock_fd = fd
        # a writer killed mid-write leaves its temp file; nobody else writes while we hold the lock
        for stale in self.directory.glob(f".{GRAPH_FILE}.*.tmp"):
            stale.unlink(missing_ok=True)
        (self.directory / (GRAPH_FILE + BACKUP_SUFFIX + ".tmp")).unlink(missing_ok=True)

    def _release(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def bulk(self, reset: bool = False) -> Iterator[NetworkxStore]:
        """Hold the store for many writes: lock it, load the current file, and save once at the end.

        With ``reset``, start from an empty graph without reading the old file (so a damaged store
        can be rebuilt). On an exception nothing is saved and the file stays as it was.
        """
        if self._bulk_depth:
            if reset:
                self._clear()
            self._bulk_depth += 1
            try:
                yield self
            finally:
                self._bulk_depth -= 1
            return
        self._acquire()
        self._bulk_depth = 1
        try:
            self._graph = None  # another writer may have changed the file since we read it
            self._loaded_from_valid_file = False
            if reset:
                self._clear()
            else:
                self._load()
            yield self
            if self._pending_coauthors:
                self._update_coauthors(self._pending_coauthors)
            if self._pending_paper_counts:
                self._update_paper_counts(self._pending_paper_counts)
            if self._dirty:
                self._save()
        except BaseException:
            self._graph = None  # drop unsaved changes; the file on disk is the truth
            self._labelled = self._abstract_index = None
            raise
        finally:
            self._dirty = False
            self._pending_coauthors = set()
            self._pending_paper_counts = {}
            self._bulk_depth = 0
            self._release()

    def _save(self) -> None:
        # keep the current file as the backup only if it is good: never replace a good backup by a bad file
        keep_backup = self._loaded_from_valid_file or (self.path.exists() and _is_valid(self.path))
        _write_atomically(self.path, self._load(), keep_backup=keep_backup)
        self._loaded_from_valid_file = True
        self._dirty = False

    def reset(self) -> None:
        """Empty the store, even a damaged one (the previous good file is kept as the backup)."""
        if self._bulk_depth:
            self._clear()
            return
        with self.bulk(reset=True):
            pass

    def _clear(self) -> None:
        self._graph = nx.MultiDiGraph()
        self._labelled = self._abstract_index = None
        self._pending_coauthors = set()
        self._pending_paper_counts = {}
        self._dirty = True

    def write(self, graph: Graph) -> WriteSummary:
        """MERGE ``graph`` in, then set COAUTHOR {papers} for every author it touches.

        Inside :meth:`bulk`, COAUTHOR is set once when the bulk ends (recomputing it per batch
        made a build quadratic in the number of batches); the summary then has no COAUTHOR count.
        """
        deferred = self._bulk_depth > 0
        with self.bulk():
            summary = self._merge(graph, defer_coauthors=deferred)
            if summary.nodes_created or summary.nodes_updated or summary.relationships_created:
                self._dirty = True
            return summary

    def _merge(self, graph: Graph, defer_coauthors: bool = False) -> WriteSummary:
        g = self._load()
        summary = WriteSummary()
        changed_relationships = False
        for node in graph.nodes:
            key = node.key
            if key in g:
                attrs = g.nodes[key]
                old = {k: v for k, v in attrs.items() if k not in ("label", "id")}
                new = merge_properties(old, node.properties)
                if new != old:
                    attrs.update(new)
                    _count(summary.nodes_updated, node.label)
            else:
                g.add_node(
                    key, label=node.label, id=node.id, **{k: v for k, v in node.properties.items() if v is not None}
                )
                _count(summary.nodes_created, node.label)
                if self._abstract_index is not None and node.label == "Paper" and node.properties.get("abstract"):
                    if node.id.startswith("t"):
                        self._abstract_index.setdefault(abstract_key(node.properties["abstract"]), node.id)
        touched: set[str] = set()
        for rel in graph.relationships:
            start, end = node_key(*rel.start), node_key(*rel.end)
            for key, (label, id) in ((start, rel.start), (end, rel.end)):
                if key not in g:
                    raise StoreError(f"relationship {rel.type} points at {label} {id!r}, which is not in the graph")
            props = {k: v for k, v in rel.properties.items() if v is not None}
            existing = g.get_edge_data(start, end, key=rel.type)
            if existing is None:
                g.add_edge(start, end, key=rel.type, type=rel.type, **props)
                _count(summary.relationships_created, rel.type)
                changed_relationships = True
            elif any(existing.get(k) != v for k, v in props.items()):
                existing.update(props)
                changed_relationships = True
            if rel.type == "AUTHORED":
                touched.add(rel.start[1])
        counted = paper_count_targets(graph)
        if defer_coauthors:
            self._pending_coauthors |= touched
            for label, ids in counted.items():
                self._pending_paper_counts.setdefault(label, set()).update(ids)
            coauthors = 0
        else:
            coauthors = self._update_coauthors(touched)
            self._update_paper_counts(counted)
        if coauthors:
            summary.relationships_created["COAUTHOR"] = coauthors
        if changed_relationships or summary.nodes_created or summary.nodes_updated:
            self._dirty = True
            self._labelled = None
        return summary

    def _update_coauthors(self, touched: set[str]) -> int:
        """Set COAUTHOR {papers} for pairs with a touched author; returns how many are new."""
        g = self._graph
        authored = []
        papers = set()
        for author in touched:
            for paper, edges in g.succ[node_key("Author", author)].items():
                if is_byline(edges.get("AUTHORED")):
                    papers.add(paper)
        for paper in papers:
            for author, edges in g.pred[paper].items():
                if is_byline(edges.get("AUTHORED")):
                    authored.append((g.nodes[author]["id"], paper))
        created = 0
        for a, b, weight in coauthor_pairs(authored, touched):
            start, end = node_key("Author", a), node_key("Author", b)
            existing = g.get_edge_data(start, end, key="COAUTHOR")
            if existing is None:
                g.add_edge(start, end, key="COAUTHOR", type="COAUTHOR", papers=weight)
                created += 1
            elif existing.get("papers") != weight:
                existing["papers"] = weight
                self._dirty = True
        if created:
            self._dirty = True
        return created

    def _update_paper_counts(self, targets: dict[str, set[str]]) -> None:
        """Set the derived ``papers`` count (:data:`graphkit.build.derive.PAPERS`) of the target nodes."""
        g = self._graph
        for label, ids in targets.items():
            for id in ids:
                key = node_key(label, id)
                if key not in g:
                    continue
                attrs = g._node[key]
                papers = count_papers(g, key)
                if attrs.get(PAPERS) != papers:
                    attrs[PAPERS] = papers
                    self._dirty = True
                    self._labelled = None

    def close(self) -> None:
        self._release()


def _fill_missing_paper_counts(graph: nx.MultiDiGraph) -> None:
    """Give a store file written before the ``papers`` count existed its counts (derived, so the
    file is only rewritten by the next write that changes something)."""
    if all(PAPERS in attrs for attrs in graph._node.values() if attrs["label"] in PAPER_COUNT_LINKS):
        return
    with without_cyclic_gc():
        for key, attrs in graph._node.items():
            if attrs["label"] in PAPER_COUNT_LINKS:
                attrs[PAPERS] = count_papers(graph, key)


def _count(counts: dict[str, int], name: str) -> None:
    counts[name] = counts.get(name, 0) + 1

