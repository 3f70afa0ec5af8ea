"""The embedded store: one SQLite database file under ``--store DIR``, queried through indexes.

Layout of ``DIR`` (default ``.graphkit/``, or ``$GRAPHKIT_STORE``):

- ``graph.db``: the graph, a SQLite database (standard library ``sqlite3``, WAL journal). Tables
  ``nodes`` (label, id, display name and its folded form, the derived ``papers`` count, the
  properties as JSON), ``aliases`` (folded aliases) and ``edges`` (start, end, type, properties
  as JSON), indexed for what commands look up: a node by label and id or by folded name or alias,
  a node's relationships by start and type or by end and type, the nodes of a label by ``papers``.
  Commands read only what they need (a name, a neighbourhood, the top of a ranking);
  :meth:`EmbeddedStore.read_graph` still gives the whole ``networkx.MultiDiGraph``.
- ``graph.db.bak``: the previous version, copied there before a ``build --reset`` empties the
  store.
- ``lock``: ``fcntl.flock`` taken by writers, so two builds on one store run one after the other
  (or the second stops with :class:`~graphkit.errors.StoreLocked` when told not to wait). Under it
  every write is one SQLite transaction taken with ``BEGIN IMMEDIATE``, and what a writer reads
  (e.g. ``authors merge`` reading the graph it rewrites) is read inside that transaction, so no
  other writer's changes are lost. A crash at any point leaves the store as the last committed
  write left it; readers see the old or the new graph, never half of a write.

A store written by graphkit versions that kept the graph in one ``graph.gkg`` file is migrated to
``graph.db`` the first time it is opened (the old file is kept as ``graph.gkg.migrated``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit._gc import without_cyclic_gc
from graphkit.build.derive import (
    PAPER_COUNT_LINKS,
    PAPERS,
    coauthor_author_limit,
    merge_properties,
    paper_count_targets,
)
from graphkit.errors import StoreCorrupt, StoreError, StoreLocked
from graphkit.keys import abstract_key, fold
from graphkit.model import Graph, node_key
from graphkit.query.adhoc import bind_parameters, run_bound, with_labels
from graphkit.schema import NODE_LABELS, RELATIONSHIP_TYPES
from graphkit.store.base import GraphStore, LockWait, WriteSummary, time_limit

__all__ = ["EmbeddedStore", "default_store_dir", "read_store_file"]

FORMAT = "graphkit-sqlite"
VERSION = 2
GRAPH_FILE = "graph.db"
BACKUP_SUFFIX = ".bak"
LOCK_FILE = "lock"
LEGACY_FILE = "graph.gkg"
MIGRATED_SUFFIX = ".migrated"
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite page cache per connection (KiB, as PRAGMA cache_size takes a negative number)
_CACHE_KIB = 64 * 1024

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes (
    n INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    papers INTEGER,
    abstract_key TEXT,
    props TEXT NOT NULL
);
CREATE UNIQUE INDEX nodes_key ON nodes (label, id);
CREATE INDEX nodes_folded ON nodes (label, folded);
CREATE INDEX nodes_papers ON nodes (label, papers);
CREATE INDEX nodes_abstract ON nodes (abstract_key) WHERE abstract_key IS NOT NULL;
CREATE TABLE aliases (alias TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (alias, n)) WITHOUT ROWID;
CREATE TABLE edges (
    e INTEGER PRIMARY KEY,
    src INTEGER NOT NULL,
    dst INTEGER NOT NULL,
    type TEXT NOT NULL,
    props TEXT
);
CREATE UNIQUE INDEX edges_out ON edges (src, type, dst);
CREATE INDEX edges_in ON edges (dst, type);
"""

_TEMP_TABLES = """
CREATE TEMP TABLE IF NOT EXISTS pending_coauthors (n INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS pending_counts (n INTEGER PRIMARY KEY);
"""


def default_store_dir() -> Path:
    """``$GRAPHKIT_STORE`` or ``.graphkit`` in the working directory."""
    return Path(os.environ.get("GRAPHKIT_STORE") or ".graphkit")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _display(label: str, id: str, props: Mapping[str, Any]) -> str:
    """The name the resolver shows and matches (README "Name resolution"): name, title or id."""
    return str(props.get("name") or props.get("title") or id)


def _rebuild_hint(path: Path) -> str:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    rebuild = f"rebuild with `graphkit --store {path.parent} build --reset PATH...`."
    if backup.exists():
        return f" The previous version is kept at {backup}: copy it over {path} to go back to it, or {rebuild}"
    return f" To start again, {rebuild}"


def _corrupt(path: Path, problem: str) -> StoreCorrupt:
    return StoreCorrupt(f"the store file {path} is corrupted: {problem}.{_rebuild_hint(path)}")


def _check_file(path: Path) -> None:
    """Cheap checks before SQLite opens ``path``: its header, and its length against the page count
    the header gives (a truncated file otherwise shows only when a lost page is read)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as err:
        raise StoreError(f"cannot read the store file {path}: {err.strerror}") from None
    if not header.startswith(_SQLITE_MAGIC) or len(header) < 100:
        raise _corrupt(path, "it is not a graphkit store database (no SQLite header)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    changes, valid_for = header[24:28], header[92:96]
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if page_size < 512 or page_size & (page_size - 1):
        raise _corrupt(path, "its header is damaged")
    if changes == valid_for and not wal_pending and size != pages * page_size:
        raise _corrupt(path, f"it is truncated or padded ({size} bytes, the header says {pages * page_size})")


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """SQLite's errors about a damaged file as one StoreCorrupt naming the file and the way out."""
    try:
        yield
    except sqlite3.OperationalError as err:
        if "locked" in str(err) or "busy" in str(err):
            raise StoreError(f"the store {path.parent} is busy ({err}); run this again") from None
        raise StoreError(f"the store file {path} could not be read or written: {err}") from None
    except sqlite3.DatabaseError as err:
        raise _corrupt(path, str(err)) from None


def _script(con: sqlite3.Connection, script: str) -> None:
    """The statements of ``script`` one by one (``executescript`` would commit the open transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def read_store_file(path: str | os.PathLike) -> nx.MultiDiGraph:
    """The graph in one store file: a ``graph.db`` database or an old-format ``graph.gkg``.

    Raises :class:`~graphkit.errors.StoreCorrupt` for a truncated or damaged file.
    """
    path = Path(path)
    if path.name.endswith((".gkg", ".gkg" + BACKUP_SUFFIX, ".gkg" + MIGRATED_SUFFIX)):
        from graphkit.store.legacy import read_store_file as read_legacy

        return read_legacy(path)
    con = _connect(path, readonly=True)
    try:
        with _reading(path):
            _check_meta(con, path)
            return _read_all(con, path)
    finally:
        con.close()


def _connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        _check_file(path)
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=60.0, check_same_thread=False)
    except sqlite3.Error as err:
        raise StoreError(f"cannot open the store file {path}: {err}") from None
    with _reading(path):
        con.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        con.execute("PRAGMA foreign_keys = OFF")
    return con


def _check_meta(con: sqlite3.Connection, path: Path) -> None:
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            raise _corrupt(path, "it is a SQLite database but not a graphkit store") from None
        raise
    if meta.get("format") != FORMAT:
        raise _corrupt(path, f"it is not a graphkit store (format {meta.get('format')!r})")
    if meta.get("version") != str(VERSION):
        raise StoreError(
            f"the store file {path} has format version {meta.get('version')}, this graphkit reads version "
            f"{VERSION}; rebuild it with `graphkit --store {path.parent} build --reset PATH...`."
        )


def _quick_check(con: sqlite3.Connection, path: Path) -> None:
    """SQLite's page-by-page check of the whole file, indexes included (before writing to it or copying it)."""
    problems = [row[0] for row in con.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise _corrupt(path, "; ".join(problems))


def _create_schema(con: sqlite3.Connection) -> None:
    _script(con, _SCHEMA)
    con.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [("format", FORMAT), ("version", str(VERSION))])


#: relationship properties up to this long are decoded once per distinct text (see _graph_from_rows)
_SMALL_PROPS = 24


def _graph_from_rows(nodes: Iterable[tuple], edges: Iterable[tuple]) -> nx.MultiDiGraph:
    """A MultiDiGraph from node rows ``(n, label, id, props)`` and edge rows ``(src, dst, type,
    props)``, filling networkx's adjacency dicts directly (``add_edges_from`` costs ~5 µs an edge:
    seconds on the corpus graph): ``_succ[u][v][key]`` and ``_pred[v][u]`` share one key dict."""
    graph = nx.MultiDiGraph()
    node_attrs, succ, pred = graph._node, graph._succ, graph._pred
    keys: dict[int, str] = {}
    # props are written compact, so raw_decode (no whitespace scans) reads them; most relationships
    # carry one small number ({"papers":3}, {"position":1}): each such text is decoded once
    decode = json.JSONDecoder().raw_decode
    small: dict[str, dict] = {}
    with without_cyclic_gc():
        for n, label, id, props in nodes:
            attrs = decode(props)[0]
            attrs["label"], attrs["id"] = label, id
            key = f"{label}:{id}"
            keys[n] = key
            node_attrs[key] = attrs
            succ[key] = {}
            pred[key] = {}
        for src, dst, type, props in edges:
            u, v = keys.get(src), keys.get(dst)
            if u is None or v is None:
                continue  # an edge of a node outside the rows asked for
            if not props:
                attrs = {}
            elif len(props) <= _SMALL_PROPS:
                parsed = small.get(props)
                if parsed is None:
                    attrs = decode(props)[0]
                    if all(isinstance(x, (int, float, str, bool)) for x in attrs.values()):
                        small[props] = attrs.copy()  # a list or map inside is never shared
                else:
                    attrs = parsed.copy()
            else:
                attrs = decode(props)[0]
            attrs["type"] = type
            out = succ[u]
            keydict = out.get(v)
            if keydict is None:
                keydict = out[v] = pred[v][u] = {}
            keydict[type] = attrs
    return graph


def _read_all(con: sqlite3.Connection, path: Path) -> nx.MultiDiGraph:
    """The whole graph. No ``quick_check`` first: reading every row walks every page of both
    tables, and SQLite reports a damaged page it meets (a StoreCorrupt under :func:`_reading`);
    what the check adds is the indexes, which this read does not use (writers still check the
    whole file before they write). A damaged property text is a StoreCorrupt too."""
    try:
        return _graph_from_rows(
            con.execute("SELECT n, label, id, props FROM nodes ORDER BY n"),
            con.execute("SELECT src, dst, type, props FROM edges ORDER BY e"),
        )
    except ValueError as err:  # json's errors; the text was written by json.dumps
        raise _corrupt(path, f"a stored property is not valid JSON ({err})") from None


# ---------------------------------------------------------------------------------------------
# what a stored query reads on the embedded store

#: stored query -> the part of the graph its networkx twin reads, so a query loads that part only:
#: ``("ball", hops, types)``: the nodes within ``hops`` steps of the named node (following only
#: ``types``, or every type but COAUTHOR when None) with every relationship between them;
#: ``("top", label)``: the ``label`` nodes that can make the ranking's top ``limit`` by ``papers``;
#: ``("project", labels, types)``: every node of ``labels`` and relationship of ``types``.
#: A query not listed here reads the whole graph. tests/test_store_subgraphs.py checks every entry
#: gives the rows the whole graph gives.
QUERY_READS: dict[str, tuple] = {
    "coauthors": ("ball", 1, ("COAUTHOR",)),
    "author-datasets": ("ball", 2, None),
    "author-methods": ("ball", 2, None),
    "author-papers": ("ball", 1, None),
    "author-tasks": ("ball", 2, None),
    "author-venues": ("ball", 2, None),
    "collaboration-path": ("project", ("Author",), ("COAUTHOR",)),
    "dataset-methods": ("ball", 2, None),
    "method-authors": ("ball", 2, None),
    "method-datasets": ("ball", 2, None),
    "method-papers": ("ball", 1, None),
    "method-trend": ("ball", 1, None),
    "paper-authors": ("ball", 1, None),
    "paper-entities": ("ball", 1, None),
    "task-authors": ("ball", 2, None),
    "task-methods": ("ball", 2, None),
    "top-authors": ("top", "Author"),
    "top-datasets": ("top", "Dataset"),
    "top-methods": ("top", "Method"),
    "top-tasks": ("top", "Task"),
    "venue-authors": ("ball", 2, None),
    "venue-papers": ("ball", 1, None),
}


class EmbeddedStore(GraphStore):
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
        self._con: sqlite3.Connection | None = None
        self._graph: nx.MultiDiGraph | None = None  # read_graph's copy, until the next write
        self._labelled: nx.MultiDiGraph | None = None
        self._lock_fd: int | None = None
        self._bulk_depth = 0
        self._dirty = False

    # -- connections -----------------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection | None:
        """The connection to read with (inside a write: the writer's, so it sees what it wrote);
        None when there is no store yet."""
        if self._con is not None:
            return self._con
        if not self.path.exists():
            if (self.directory / LEGACY_FILE).exists():
                self._migrate()
            else:
                return None
        con = _connect(self.path, readonly=True)
        try:
            with _reading(self.path):
                _check_meta(con, self.path)
        except BaseException:
            con.close()
            raise
        self._con = con
        return con

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        con = self._reader()
        if con is None:
            return []
        with _reading(self.path):
            return con.execute(sql, tuple(params)).fetchall()

    # -- reading ---------------------------------------------------------------------------

    def read_graph(self) -> nx.MultiDiGraph:
        """The whole stored graph (the store's own object until the next write: copy it before
        changing it)."""
        if self._graph is None:
            con = self._reader()
            if con is None:
                return nx.MultiDiGraph()
            with _reading(self.path):
                self._graph = _read_all(con, self.path)
        return self._graph

    def stats(self) -> dict[str, dict[str, int]]:
        nodes = dict.fromkeys(NODE_LABELS, 0)
        relationships = dict.fromkeys(RELATIONSHIP_TYPES, 0)
        nodes.update(self._rows("SELECT label, COUNT(*) FROM nodes GROUP BY label"))
        relationships.update(self._rows("SELECT type, COUNT(*) FROM edges GROUP BY type"))
        return {"nodes": nodes, "relationships": relationships}

    def has_nodes(self) -> bool:
        """Whether the store holds any node (without counting them)."""
        return bool(self._rows("SELECT 1 FROM nodes LIMIT 1"))

    def names(self, label: str) -> list[Any]:
        """Every ``label`` node as a :class:`graphkit.names.NodeName`, read from the name columns."""
        from graphkit.names import NodeName

        rows = self._rows(
            "SELECT id, name, json_extract(props, '$.aliases'), papers FROM nodes WHERE label = ? ORDER BY n",
            (label,),
        )
        return [NodeName(id, name, _aliases(aliases), papers) for id, name, aliases, papers in rows]

    def lookup_names(self, label: str, ids: Iterable[str], folded: str) -> list[Any]:
        """The ``label`` nodes whose id is one of ``ids`` or whose folded display name or alias is
        ``folded``, through the indexes (the first tiers of :func:`graphkit.names.resolve`)."""
        from graphkit.names import NodeName

        ids = [i for i in dict.fromkeys(ids) if i]
        marks = ",".join("?" * len(ids)) or "NULL"
        # one indexed look-up per tier, then the rows by number (an OR of the three made SQLite
        # scan every node of the label)
        rows = self._rows(
            f"SELECT x.id, x.name, json_extract(x.props, '$.aliases'), x.papers FROM ("
            f"SELECT n FROM nodes WHERE label = ? AND id IN ({marks}) "
            "UNION SELECT n FROM nodes WHERE label = ? AND folded = ? "
            "UNION SELECT n FROM aliases WHERE alias = ?) hit CROSS JOIN nodes x ON x.n = hit.n "
            "WHERE x.label = ? ORDER BY x.n",
            (label, *ids, label, folded, folded, label),
        )
        return [NodeName(id, name, _aliases(aliases), papers) for id, name, aliases, papers in rows]

    def find_papers_by_abstract(self, keys: set[str]) -> dict[str, str]:
        """Normalised abstract -> id of the first stored titled paper with that abstract."""
        found: dict[str, str] = {}
        keys = [k for k in keys if k]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self._rows(
                f"SELECT abstract_key, id FROM nodes WHERE abstract_key IN ({','.join('?' * len(chunk))}) ORDER BY n",
                chunk,
            )
            for key, id in rows:
                found.setdefault(key, id)
        return found

    def neighbourhood(
        self,
        center: str,
        hops: int = 1,
        *,
        types: Iterable[str] | None = None,
        skip_types: Iterable[str] = (),
        stop_labels: Iterable[str] = (),
    ) -> nx.MultiDiGraph:
        """The nodes within ``hops`` steps of ``center`` (a node key ``"Label:id"``), either way
        along relationships, with every relationship between them, as a ``MultiDiGraph`` in
        graphkit's form. Steps follow only ``types`` (when given) and never ``skip_types``; nodes
        of ``stop_labels`` other than the center are included but not walked through.
        An unknown center gives an empty graph."""
        con = self._reader()
        label, _, id = center.partition(":")
        if con is None:
            return nx.MultiDiGraph()
        follow = tuple(types) if types is not None else None
        skip = tuple(skip_types)
        stops = tuple(stop_labels)
        with _reading(self.path):
            con.execute("CREATE TEMP TABLE IF NOT EXISTS ball (n INTEGER PRIMARY KEY, hop INTEGER NOT NULL)")
            con.execute("DELETE FROM ball")
            try:
                con.execute("INSERT INTO ball SELECT n, 0 FROM nodes WHERE label = ? AND id = ?", (label, id))
                type_filter, type_params = _type_filter(follow, skip)
                stop_filter = f"AND x.label NOT IN ({','.join('?' * len(stops))})" if stops else ""
                for hop in range(hops):
                    frontier = (
                        f"SELECT b.n FROM ball b JOIN nodes x ON x.n = b.n WHERE b.hop = ? "
                        f"AND (b.hop = 0 OR 1 {stop_filter})"
                    )
                    con.execute(
                        f"INSERT OR IGNORE INTO ball SELECT e.dst, ? FROM edges e "
                        f"WHERE e.src IN ({frontier}) {type_filter} "
                        f"UNION SELECT e.src, ? FROM edges e WHERE e.dst IN ({frontier}) {type_filter}",
                        (hop + 1, hop, *stops, *type_params, hop + 1, hop, *stops, *type_params),
                    )
                return self._induced("SELECT n FROM ball")
            finally:
                con.execute("DELETE FROM ball")

    def _induced(self, members: str, params: tuple = ()) -> nx.MultiDiGraph:
        """The subgraph on the nodes ``members`` (SQL selecting node numbers) with every edge between them."""
        con = self._con
        con.execute("CREATE TEMP TABLE IF NOT EXISTS chosen (n INTEGER PRIMARY KEY)")
        con.execute("DELETE FROM chosen")
        try:
            con.execute(f"INSERT OR IGNORE INTO chosen {members}", params)
            # CROSS JOIN keeps SQLite's order: the chosen nodes first, then their rows by number
            # and their relationships by start (walking the relationships into a hub, e.g. every
            # paper that uses a method, costs seconds on the corpus)
            return _graph_from_rows(
                con.execute(
                    "SELECT x.n, x.label, x.id, x.props FROM chosen c CROSS JOIN nodes x ON x.n = c.n ORDER BY x.n"
                ).fetchall(),
                con.execute(
                    "SELECT e.src, e.dst, e.type, e.props FROM chosen c CROSS JOIN edges e ON e.src = c.n "
                    "WHERE e.dst IN (SELECT n FROM chosen) ORDER BY e.e"
                ).fetchall(),
            )
        finally:
            con.execute("DELETE FROM chosen")

    def paper_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """Papers each node is linked to in the whole graph, as :func:`graphkit.viz.subgraph.paper_count`
        defines it: the stored ``papers`` count where the node has one, else its distinct Paper
        neighbours (for a paper: its distinct neighbours); what ``graphkit viz`` shows on a
        neighbourhood read with :meth:`neighbourhood`."""
        con = self._reader()
        keys = list(keys)
        counts = dict.fromkeys(keys, 0)
        if con is None or not keys:
            return counts
        with _reading(self.path):
            con.execute(
                "CREATE TEMP TABLE IF NOT EXISTS wanted (n INTEGER PRIMARY KEY, label TEXT NOT NULL, id TEXT NOT NULL)"
            )
            con.execute("DELETE FROM wanted")
            try:
                con.executemany(
                    "INSERT OR IGNORE INTO wanted SELECT n, label, id FROM nodes WHERE label = ? AND id = ?",
                    (key.partition(":")[::2] for key in keys),
                )
                rows = con.execute(
                    "SELECT w.label, w.id, x.papers FROM wanted w CROSS JOIN nodes x ON x.n = w.n "
                    "WHERE x.papers IS NOT NULL"
                ).fetchall()
                # the rest (papers, affiliations, categories): count their neighbours
                rows += con.execute(
                    "WITH me AS (SELECT w.n, w.label, w.id FROM wanted w CROSS JOIN nodes x ON x.n = w.n "
                    "WHERE x.papers IS NULL), other AS (SELECT me.n AS n, e.dst AS o FROM me JOIN edges e "
                    "ON e.src = me.n UNION SELECT me.n, e.src FROM me JOIN edges e ON e.dst = me.n) "
                    "SELECT me.label, me.id, COUNT(o.n) FROM me JOIN other ON other.n = me.n "
                    "JOIN nodes o ON o.n = other.o WHERE me.label = 'Paper' OR o.label = 'Paper' "
                    "GROUP BY me.n"
                ).fetchall()
            finally:
                con.execute("DELETE FROM wanted")
        for label, id, count in rows:
            counts[node_key(label, id)] = count
        return counts

    def subgraph_for(self, query: Any, params: Mapping[str, Any]) -> nx.MultiDiGraph:
        """The part of the graph the stored ``query`` (a :class:`graphkit.query.catalog.StoredQuery`)
        reads with ``params`` bound (names already resolved to ids): see :data:`QUERY_READS`."""
        from graphkit.names import label_of
        from graphkit.query.catalog import NAME_TYPES

        spec = QUERY_READS.get(query.name)
        if spec is None or self._reader() is None:
            return self.read_graph()
        with _reading(self.path):
            if spec[0] == "ball":
                named = [p for p in query.parameters if p.type in NAME_TYPES and p.name in params]
                if len(named) != 1:
                    return self.read_graph()
                param = named[0]
                _, hops, types = spec
                center = node_key(label_of(param.type), params[param.name])
                return self.neighbourhood(center, hops, types=types, skip_types=() if types else ("COAUTHOR",))
            if spec[0] == "top":
                label, limit = spec[1], params.get("limit")
                if not isinstance(limit, int) or limit < 1:
                    return self._induced("SELECT n FROM nodes WHERE label = ?", (label,))
                cut = self._con.execute(
                    "SELECT papers FROM nodes WHERE label = ? AND papers > 0 ORDER BY papers DESC LIMIT 1 OFFSET ?",
                    (label, limit - 1),
                ).fetchone()
                threshold = cut[0] if cut else 1
                return self._induced(
                    "SELECT n FROM nodes WHERE label = ? AND papers >= ?", (label, threshold)
                )
            _, labels, types = spec
            return _graph_from_rows(
                self._con.execute(
                    f"SELECT n, label, id, props FROM nodes WHERE label IN ({','.join('?' * len(labels))}) ORDER BY n",
                    labels,
                ),
                self._con.execute(
                    f"SELECT src, dst, type, props FROM edges WHERE type IN ({','.join('?' * len(types))}) ORDER BY e",
                    types,
                ),
            )

    def cypher(
        self,
        text: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, Any]]:
        """Read-only Cypher over the graph with grand-cypher (see :mod:`graphkit.query.adhoc`),
        stopped with QueryTimedOut after ``timeout`` seconds; at most ``max_rows`` rows."""
        query = bind_parameters(text, params)
        if self._labelled is None:
            self._labelled = with_labels(self.read_graph())
        with time_limit(timeout):
            rows = run_bound(self._labelled, query)
        return rows if max_rows is None else rows[:max_rows]

    # -- writing ---------------------------------------------------------------------------

    def _acquire(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        wait = LockWait(self.lock_timeout, self.on_wait, f"the store {self.directory}")
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                try:
                    wait.pause(0.05, f"pid {holder}")
                except StoreLocked:
                    os.close(fd)
                    raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._lock_fd = fd
        # a writer killed while copying the backup leaves its temp file; nobody else writes now
        (self.directory / (GRAPH_FILE + BACKUP_SUFFIX + ".tmp")).unlink(missing_ok=True)

    def _release(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _close_connection(self) -> None:
        if self._con is not None:
            with contextlib.suppress(sqlite3.Error):
                self._con.close()
            self._con = None

    def _open_writer(self, reset: bool) -> sqlite3.Connection:
        """The write connection, in a ``BEGIN IMMEDIATE`` transaction (under the folder lock)."""
        self._close_connection()
        if not self.path.exists() and (self.directory / LEGACY_FILE).exists() and not reset:
            self._migrate(locked=True)
        if reset and self.path.exists():
            self._backup_or_discard()
        fresh = not self.path.exists()
        if fresh:
            _create_empty(self.path)
        else:
            _check_file(self.path)
        con = _connect(self.path)
        try:
            with _reading(self.path):
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")
                con.execute("BEGIN IMMEDIATE")
                _check_meta(con, self.path)
                if not reset and not fresh:
                    _quick_check(con, self.path)  # never merge into a damaged graph
                if reset and not fresh:
                    _script(con, "DELETE FROM aliases; DELETE FROM edges; DELETE FROM nodes;")
                _script(con, _TEMP_TABLES)
                con.execute("DELETE FROM pending_coauthors")
                con.execute("DELETE FROM pending_counts")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                con.rollback()
            con.close()
            raise
        self._con = con
        return con

    def _backup_or_discard(self) -> None:
        """Before a reset: copy a good store to ``graph.db.bak``; move a damaged one out of the way
        (keeping the backup there is, which is the previous good version)."""
        backup = self.path.with_name(self.path.name + BACKUP_SUFFIX)
        try:
            source = _connect(self.path, readonly=True)
            try:
                with _reading(self.path):
                    _check_meta(source, self.path)
                    _quick_check(source, self.path)
                    tmp = backup.with_name(backup.name + ".tmp")
                    tmp.unlink(missing_ok=True)
                    target = sqlite3.connect(tmp)
                    try:
                        source.backup(target)
                    finally:
                        target.close()
                    with open(tmp, "rb+") as handle:
                        os.fsync(handle.fileno())
                    os.replace(tmp, backup)
            finally:
                source.close()
        except StoreError:
            for suffix in ("", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    @contextlib.contextmanager
    def bulk(self, reset: bool = False) -> Iterator[EmbeddedStore]:
        """Hold the store for many writes: lock it, open one transaction, commit once at the end.

        With ``reset``, empty it first (a damaged file is set aside, so a damaged store can be
        rebuilt). On an exception the transaction is rolled back and the file stays as it was.
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
            con = self._open_writer(reset)
            self._graph = self._labelled = None
            self._dirty = reset
            yield self
            with _reading(self.path):
                self._derive()
                if self._dirty:
                    con.execute("COMMIT")
                    # the file itself holds the new graph, the log is emptied (readers that were
                    # already reading keep their view: then this only checkpoints what it can)
                    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                else:
                    con.execute("ROLLBACK")
        except BaseException:
            if self._con is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._con.execute("ROLLBACK")
            raise
        finally:
            self._graph = self._labelled = None
            self._dirty = False
            self._bulk_depth = 0
            self._close_connection()
            self._release()

    def reset(self) -> None:
        """Empty the store, even a damaged one (a good store is kept as the backup first)."""
        if self._bulk_depth:
            self._clear()
            return
        with self.bulk(reset=True):
            pass

    def _clear(self) -> None:
        _script(self._con,
            "DELETE FROM aliases; DELETE FROM edges; DELETE FROM nodes; "
            "DELETE FROM pending_coauthors; DELETE FROM pending_counts;"
        )
        self._graph = self._labelled = None
        self._dirty = True

    def write(self, graph: Graph) -> WriteSummary:
        """MERGE ``graph`` in, then set COAUTHOR {papers} for every author it touches.

        Inside :meth:`bulk`, COAUTHOR and the ``papers`` counts are set once when the bulk ends
        (in SQL, over the authors and nodes the writes touched); the summary then has no COAUTHOR
        count.
        """
        deferred = self._bulk_depth > 0
        with self.bulk():
            with _reading(self.path):
                summary = self._merge(graph)
                if not deferred:
                    created = self._derive()
                    if created:
                        summary.relationships_created["COAUTHOR"] = created
            return summary

    def _merge(self, graph: Graph) -> WriteSummary:
        con = self._con
        summary = WriteSummary()
        numbers: dict[tuple[str, str], int] = {}
        find = "SELECT n, props FROM nodes WHERE label = ? AND id = ?"
        for node in graph.nodes:
            key = (node.label, node.id)
            row = con.execute(find, key).fetchone()
            if row is None:
                props = {k: v for k, v in node.properties.items() if v is not None}
                numbers[key] = self._insert_node(node.label, node.id, props)
                _count(summary.nodes_created, node.label)
                continue
            n, text = row
            numbers[key] = n
            old = json.loads(text)
            new = merge_properties(old, node.properties)
            if new != old:
                self._update_node(n, node.label, node.id, new, old)
                _count(summary.nodes_updated, node.label)
        touched: set[int] = set()
        for rel in graph.relationships:
            ends = []
            for label, id in (rel.start, rel.end):
                n = numbers.get((label, id))
                if n is None:
                    row = con.execute("SELECT n FROM nodes WHERE label = ? AND id = ?", (label, id)).fetchone()
                    if row is None:
                        raise StoreError(f"relationship {rel.type} points at {label} {id!r}, which is not in the graph")
                    n = numbers[(label, id)] = row[0]
                ends.append(n)
            src, dst = ends
            props = {k: v for k, v in rel.properties.items() if v is not None}
            cur = con.execute(
                "INSERT INTO edges (src, dst, type, props) VALUES (?, ?, ?, ?) ON CONFLICT (src, type, dst) DO NOTHING",
                (src, dst, rel.type, _dumps(props) if props else None),
            )
            if cur.rowcount == 1:
                _count(summary.relationships_created, rel.type)
                self._dirty = True
            elif props:
                (text,) = con.execute(
                    "SELECT props FROM edges WHERE src = ? AND type = ? AND dst = ?", (src, rel.type, dst)
                ).fetchone()
                existing = json.loads(text) if text else {}
                if any(existing.get(k) != v for k, v in props.items()):
                    existing.update(props)
                    con.execute(
                        "UPDATE edges SET props = ? WHERE src = ? AND type = ? AND dst = ?",
                        (_dumps(existing), src, rel.type, dst),
                    )
                    self._dirty = True
            if rel.type == "AUTHORED":
                touched.add(src)
        if touched:
            con.executemany("INSERT OR IGNORE INTO pending_coauthors (n) VALUES (?)", ((n,) for n in touched))
        counted = [
            numbers.get((label, id)) or _number(con, label, id)
            for label, ids in paper_count_targets(graph).items()
            for id in ids
        ]
        con.executemany("INSERT OR IGNORE INTO pending_counts (n) VALUES (?)", ((n,) for n in counted if n))
        if summary.nodes_created or summary.nodes_updated:
            self._dirty = True
        if self._dirty:
            self._graph = self._labelled = None
        return summary

    def _insert_node(self, label: str, id: str, props: dict[str, Any]) -> int:
        name = _display(label, id, props)
        cur = self._con.execute(
            "INSERT INTO nodes (label, id, name, folded, papers, abstract_key, props) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (label, id, name, fold(name), _papers(props), _abstract_key(label, id, props), _dumps(props)),
        )
        n = cur.lastrowid
        self._add_aliases(n, props)
        return n

    def _update_node(self, n: int, label: str, id: str, new: dict[str, Any], old: dict[str, Any]) -> None:
        name = _display(label, id, new)
        self._con.execute(
            "UPDATE nodes SET name = ?, folded = ?, papers = ?, abstract_key = ?, props = ? WHERE n = ?",
            (name, fold(name), _papers(new), _abstract_key(label, id, new), _dumps(new), n),
        )
        if new.get("aliases") != old.get("aliases"):
            self._add_aliases(n, new)

    def _add_aliases(self, n: int, props: Mapping[str, Any]) -> None:
        folded = {fold(a) for a in props.get("aliases") or () if isinstance(a, str)}
        if folded:
            self._con.executemany("INSERT OR IGNORE INTO aliases (alias, n) VALUES (?, ?)", ((a, n) for a in folded))

    def _derive(self) -> int:
        """COAUTHOR {papers} for every pair with a pending author, then the ``papers`` count of
        every pending node, in SQL; returns how many COAUTHOR relationships are new."""
        con = self._con
        created = 0
        if con.execute("SELECT 1 FROM pending_coauthors LIMIT 1").fetchone():
            created = self._derive_coauthors(con)
        if con.execute("SELECT 1 FROM pending_counts LIMIT 1").fetchone():
            self._derive_paper_counts(con)
        con.execute("DELETE FROM pending_coauthors")
        con.execute("DELETE FROM pending_counts")
        return created

    def _derive_coauthors(self, con: sqlite3.Connection) -> int:
        # the rule of graphkit.build.derive.coauthor_pairs, over the papers of the pending authors
        byline = "e.type = 'AUTHORED' AND json_extract(e.props, '$.position') IS NOT NULL"
        _script(con,
            "DROP TABLE IF EXISTS temp.joint_papers; DROP TABLE IF EXISTS temp.byline; DROP TABLE IF EXISTS temp.pairs;"
            "CREATE TEMP TABLE joint_papers (p INTEGER PRIMARY KEY);"
            "CREATE TEMP TABLE byline (p INTEGER NOT NULL, a INTEGER NOT NULL, aid TEXT NOT NULL, "
            "PRIMARY KEY (p, a)) WITHOUT ROWID;"
        )
        con.execute(
            f"INSERT OR IGNORE INTO joint_papers SELECT e.dst FROM pending_coauthors t "
            f"JOIN edges e ON e.src = t.n WHERE {byline}"
        )
        con.execute(
            f"INSERT OR IGNORE INTO byline SELECT e.dst, e.src, x.id FROM joint_papers j "
            f"JOIN edges e ON e.dst = j.p JOIN nodes x ON x.n = e.src WHERE {byline}"
        )
        con.execute(
            "DELETE FROM byline WHERE p IN (SELECT p FROM byline GROUP BY p HAVING COUNT(*) > ?)",
            (coauthor_author_limit(),),
        )
        con.execute(
            "CREATE TEMP TABLE pairs AS SELECT x.a AS a, y.a AS b, COUNT(*) AS w FROM byline x "
            "JOIN byline y ON y.p = x.p AND x.aid < y.aid "
            "WHERE x.a IN (SELECT n FROM pending_coauthors) OR y.a IN (SELECT n FROM pending_coauthors) "
            "GROUP BY x.a, y.a"
        )
        (created,) = con.execute(
            "SELECT COUNT(*) FROM pairs WHERE NOT EXISTS "
            "(SELECT 1 FROM edges e WHERE e.src = pairs.a AND e.type = 'COAUTHOR' AND e.dst = pairs.b)"
        ).fetchone()
        cur = con.execute(
            "INSERT INTO edges (src, dst, type, props) "
            "SELECT a, b, 'COAUTHOR', '{\"papers\":' || w || '}' FROM pairs WHERE 1 "
            "ON CONFLICT (src, type, dst) DO UPDATE SET props = excluded.props "
            "WHERE edges.props IS NOT excluded.props"
        )
        if cur.rowcount:
            self._dirty = True
            self._graph = self._labelled = None
        _script(con, "DROP TABLE temp.joint_papers; DROP TABLE temp.byline; DROP TABLE temp.pairs;")
        return created

    def _derive_paper_counts(self, con: sqlite3.Connection) -> None:
        # the rule of graphkit.build.derive.count_papers: distinct Paper nodes linked by the label's types
        changed = 0
        for label, (types, direction) in PAPER_COUNT_LINKS.items():
            mine, other = ("src", "dst") if direction == "out" else ("dst", "src")
            marks = ",".join("?" * len(types))
            count = (
                f"(SELECT COUNT(DISTINCT e.{other}) FROM edges e JOIN nodes p ON p.n = e.{other} "
                f"WHERE e.{mine} = x.n AND e.type IN ({marks}) AND p.label = 'Paper')"
            )
            con.execute(
                "DROP TABLE IF EXISTS temp.counts"
            )
            con.execute(
                f"CREATE TEMP TABLE counts AS SELECT x.n AS n, {count} AS k FROM pending_counts t "
                "JOIN nodes x ON x.n = t.n WHERE x.label = ?",
                (*types, label),
            )
            cur = con.execute(
                f"UPDATE nodes SET papers = counts.k, props = json_set(props, '$.{PAPERS}', counts.k) "
                "FROM counts WHERE nodes.n = counts.n AND nodes.papers IS NOT counts.k"
            )
            changed += cur.rowcount
            con.execute("DROP TABLE temp.counts")
        if changed:
            self._dirty = True
            self._graph = self._labelled = None

    # -- the old format --------------------------------------------------------------------

    def _migrate(self, locked: bool = False) -> None:
        """Turn an old ``graph.gkg`` store into ``graph.db`` (once, under the write lock)."""
        from graphkit.store.legacy import read_store_file as read_legacy

        legacy = self.directory / LEGACY_FILE
        if not locked:
            with self.bulk():  # takes the lock, migrates in _open_writer, commits
                pass
            return
        print(
            f"graphkit: the store {self.directory} is in the old single-file format ({LEGACY_FILE}); "
            f"migrating it to {GRAPH_FILE} (once; the old file is kept as {LEGACY_FILE}{MIGRATED_SUFFIX})",
            file=sys.stderr,
        )
        graph = read_legacy(legacy)
        _fill_missing_paper_counts(graph)
        partial = self.path.with_name(self.path.name + ".migrating")
        for suffix in ("", "-wal", "-shm", "-journal"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
        con = sqlite3.connect(partial, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode = DELETE")
            con.execute("BEGIN")
            _create_schema(con)
            _copy_graph(con, graph)
            con.execute("COMMIT")
        finally:
            con.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, self.path)
        os.replace(legacy, legacy.with_name(legacy.name + MIGRATED_SUFFIX))

    def close(self) -> None:
        self._close_connection()
        self._release()


def _copy_graph(con: sqlite3.Connection, graph: nx.MultiDiGraph) -> None:
    """Every node and edge of ``graph`` (graphkit's form) into an empty database, as they are."""
    numbers: dict[str, int] = {}
    aliases = []
    for n, (key, attrs) in enumerate(graph._node.items(), start=1):
        numbers[key] = n
        props = {k: v for k, v in attrs.items() if k not in ("label", "id")}
        label, id = attrs["label"], attrs["id"]
        name = _display(label, id, props)
        con.execute(
            "INSERT INTO nodes (n, label, id, name, folded, papers, abstract_key, props) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (n, label, id, name, fold(name), _papers(props), _abstract_key(label, id, props), _dumps(props)),
        )
        aliases.extend((a, n) for a in {fold(a) for a in props.get("aliases") or () if isinstance(a, str)})
    con.executemany("INSERT OR IGNORE INTO aliases (alias, n) VALUES (?, ?)", aliases)
    def edge_rows():
        for u, neighbours in graph._succ.items():
            for v, keyed in neighbours.items():
                for type, attrs in keyed.items():
                    props = {k: x for k, x in attrs.items() if k != "type"}
                    yield numbers[u], numbers[v], type, _dumps(props) if props else None

    con.executemany("INSERT INTO edges (src, dst, type, props) VALUES (?, ?, ?, ?)", edge_rows())


def _fill_missing_paper_counts(graph: nx.MultiDiGraph) -> None:
    """Give a graph from a store written before the ``papers`` count existed its counts."""
    from graphkit.build.derive import count_papers

    with without_cyclic_gc():
        for key, attrs in graph._node.items():
            if attrs["label"] in PAPER_COUNT_LINKS and PAPERS not in attrs:
                attrs[PAPERS] = count_papers(graph, key)


def _create_empty(path: Path) -> None:
    """An empty store at ``path``, made aside and moved into place (a crash leaves no half file)."""
    partial = path.with_name(path.name + ".creating")
    for suffix in ("", "-journal"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)
    con = sqlite3.connect(partial, isolation_level=None)
    try:
        con.execute("BEGIN")
        _create_schema(con)
        con.execute("COMMIT")
    finally:
        con.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _type_filter(follow: tuple[str, ...] | None, skip: tuple[str, ...]) -> tuple[str, tuple]:
    if follow is not None:
        return f"AND e.type IN ({','.join('?' * len(follow))})", follow
    if skip:
        return f"AND e.type NOT IN ({','.join('?' * len(skip))})", skip
    return "", ()


def _number(con: sqlite3.Connection, label: str, id: str) -> int | None:
    row = con.execute("SELECT n FROM nodes WHERE label = ? AND id = ?", (label, id)).fetchone()
    return row[0] if row else None


def _papers(props: Mapping[str, Any]) -> int | None:
    value = props.get(PAPERS)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _abstract_key(label: str, id: str, props: Mapping[str, Any]) -> str | None:
    if label == "Paper" and id.startswith("t") and props.get("abstract"):
        return abstract_key(props["abstract"])
    return None


def _aliases(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        values = json.loads(text)
    except ValueError:
        return ()
    return tuple(a for a in values if isinstance(a, str)) if isinstance(values, list) else ()


def _count(counts: dict[str, int], name: str) -> None:
    counts[name] = counts.get(name, 0) + 1
