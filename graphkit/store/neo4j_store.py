"""The Neo4j store: the same graph as the embedded store, in a Neo4j 5.26 server, over Bolt.

Writing follows the usual bulk-loading recipe: a uniqueness constraint on ``id`` for every label
first, then one ``UNWIND $rows AS row MERGE ...`` query per label (and per relationship type and
end labels) for batches of rows, each batch in a managed write transaction. A node batch first
asks which of its ids are stored: new nodes are created as given (no merge rule, no read-back),
stored ones get the merge rule of :func:`graphkit.build.merge_properties`. Labels and
relationship types only ever come from the schema lists in :mod:`graphkit.model`; every value
travels as a query parameter, so no input text can change a query.

Writing the same graph again changes nothing, and a write cut off part-way (server stopped,
connection lost) leaves committed batches that a rerun of the same write merges into exactly the
graph of an uninterrupted write. Transient server errors (``Neo.TransientError.*``: a lock another
transaction holds, a deadlock) roll the batch back and are retried with backoff by the driver's
managed transactions for ``retry_time`` seconds, then stop the write with a one-line error.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import networkx as nx
import neo4j
from neo4j import exceptions as neo4j_errors

from graphkit.build import merge_properties
from graphkit.errors import QueryParameterError, ReadOnlyQueryError, StoreError, StoreUnavailable
from graphkit.keys import abstract_key
from graphkit.model import NODE_LABELS, RELATIONSHIP_TYPES, Graph, Node, node_key
from graphkit.store.base import GraphStore, WriteSummary

__all__ = ["Neo4jStore", "DEFAULT_BATCH_SIZE", "safe_uri"]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 5000
_ENDPOINT_CHECK = "check that the server is running (scripts/neo4j-local status, or docker compose ps) and the URI (--neo4j or NEO4J_URI)"

_BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})

#: properties whose first value is kept when a node is written again (as in graphkit.build.merge_properties)
_FIRST_WINS = ("name", "title", "source")
#: properties with their own merge rule in the node query
_SPECIAL = frozenset({*_FIRST_WINS, "aliases", "has_code", "abstract"})


def safe_uri(uri: str) -> str:
    """``uri`` without any user name or password in it, for messages.

    >>> safe_uri("neo4j://neo4j:secret@db.example.org:7687")
    'neo4j://db.example.org:7687'
    >>> safe_uri("bolt://127.0.0.1:7687")
    'bolt://127.0.0.1:7687'
    """
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<invalid URI>"
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _node_query(label: str) -> str:
    """Apply the merge rule of ``graphkit.build.merge_properties`` to a batch of stored nodes of one
    label: name/title/source keep their first value, aliases become the ordered union, has_code is
    true once any record says so, the longer abstract wins, everything else takes the new value.

    Only for nodes already in the store (found by the same uniqueness-constraint seek as MERGE);
    new nodes take the cheap path of :func:`_new_node_query`.
    """
    assert label in NODE_LABELS, label
    first_wins = ", ".join(f"n.{key} = coalesce(n.{key}, row.{key})" for key in _FIRST_WINS)
    return (
        f"UNWIND $rows AS row\n"
        f"MATCH (n:{label} {{id: row.id}})\n"
        f"WITH n, row, properties(n) AS before\n"
        f"SET {first_wins},\n"
        f"    n.aliases = CASE WHEN row.aliases IS NULL THEN n.aliases\n"
        f"                ELSE reduce(acc = coalesce(n.aliases, []), a IN row.aliases |\n"
        f"                            CASE WHEN a IN acc THEN acc ELSE acc + a END) END,\n"
        f"    n.has_code = CASE WHEN row.has_code IS NULL THEN n.has_code\n"
        f"                 ELSE coalesce(n.has_code, false) OR row.has_code END,\n"
        f"    n.abstract = CASE WHEN n.abstract IS NULL OR size(row.abstract) > size(n.abstract)\n"
        f"                 THEN row.abstract ELSE n.abstract END\n"
        f"SET n += row.props\n"
        f"RETURN sum(CASE WHEN before = properties(n) THEN 0 ELSE 1 END) AS changed"
    )


def _existing_query(label: str) -> str:
    """Which ids of a batch are already stored (a uniqueness-constraint index seek per id)."""
    assert label in NODE_LABELS, label
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN collect(id) AS ids"


def _new_node_query(label: str) -> str:
    """MERGE a batch of nodes not stored yet: the first write keeps every property as given, so
    no merge rule and no read-back is needed (MERGE still guards against a concurrent writer)."""
    assert label in NODE_LABELS, label
    return f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nON CREATE SET n += row.props"


def _relationship_query(type: str, start_label: str, end_label: str) -> str:
    """MERGE a batch of relationships between nodes found by labelled ``id`` lookups."""
    assert type in RELATIONSHIP_TYPES and start_label in NODE_LABELS and end_label in NODE_LABELS
    return (
        f"UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.start}})\n"
        f"MATCH (b:{end_label} {{id: row.end}})\n"
        f"MERGE (a)-[r:{type}]->(b)\n"
        f"SET r += row.props\n"
        f"RETURN count(r) AS matched"
    )


# COAUTHOR {papers} for every pair with a touched author: set from byline AUTHORED (those with a
# position; an owner linked to a page's paper without being listed does not count), never
# incremented, one relationship per pair from the smaller id to the larger.
_COAUTHOR_QUERY = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[ra:AUTHORED]->(p:Paper)<-[rb:AUTHORED]-(b:Author)
WHERE a <> b AND ra.position IS NOT NULL AND rb.position IS NOT NULL AND (a.id < b.id OR NOT b.id IN $ids)
WITH a, b, count(DISTINCT p) AS papers
WITH CASE WHEN a.id < b.id THEN a ELSE b END AS x, CASE WHEN a.id < b.id THEN b ELSE a END AS y, papers
MERGE (x)-[r:COAUTHOR]->(y)
SET r.papers = papers
"""

_CONSTRAINT_QUERY = "CREATE CONSTRAINT graphkit_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _node_row(id: str, props: dict[str, Any]) -> dict[str, Any]:
    """A row for :func:`_node_query`: the merge-rule properties apart, the others in ``props``."""
    props = dict(props)
    row: dict[str, Any] = {"id": id}
    for key in _SPECIAL:
        if key in props:
            row[key] = props.pop(key)
    if "aliases" in row:
        row["aliases"] = list(dict.fromkeys(row["aliases"]))
    row["props"] = props
    return row


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships as property dicts with their label/type."""
    if isinstance(value, neo4j.graph.Node):
        labels = [label for label in NODE_LABELS if label in value.labels] or sorted(value.labels)
        return {"label": labels[0] if labels else None, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, **{k: _plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time Date/DateTime/Duration
        return value.iso_format()
    return value


def _first_line(error: neo4j_errors.Neo4jError | Exception) -> str:
    text = getattr(error, "message", None) or str(error) or type(error).__name__
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


class Neo4jStore(GraphStore):
    """The graph in a Neo4j server.

    Parameters
    ----------
    uri
        Bolt URI (``bolt://127.0.0.1:7687``, ``neo4j://host``); default ``$NEO4J_URI``.
    username, password, database
        Default ``$NEO4J_USERNAME`` (else ``neo4j``), ``$NEO4J_PASSWORD``, ``$NEO4J_DATABASE``
        (else the server's default database).
    batch_size
        Rows per write transaction.
    connection_timeout
        Seconds to wait for a connection before the server counts as unreachable.
    retry_time
        Seconds the driver keeps retrying one transaction on transient errors
        (``Neo.TransientError.*``: a lock another transaction holds, a deadlock, an outdated
        routing table), waiting 1 s, 2 s, 4 s ... (with jitter) between tries; after that the
        write stops with a :class:`~graphkit.errors.StoreError` that names the error.
    batch_attempts
        How many times a batch is tried again (with backoff) after the driver gave up because the
        connection was lost, before the write stops with :class:`~graphkit.errors.StoreUnavailable`.

    Raises
    ------
    StoreUnavailable
        Server down, host unreachable, credentials refused or database missing: one line saying
        what to check, without any credential in it.
    """

    kind = "neo4j"

    def __init__(
        self,
        uri: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        connection_timeout: float = 5.0,
        retry_time: float = 10.0,
        batch_attempts: int = 3,
    ) -> None:
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreUnavailable("no Neo4j URI: pass --neo4j bolt://HOST:7687 or set NEO4J_URI")
        self.uri = safe_uri(uri)
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in _BOLT_SCHEMES:
            raise StoreUnavailable(
                f"{self.uri} is not a Bolt URI: use bolt://HOST:7687 or neo4j://HOST:7687 "
                "(the Bolt port, not the Browser's http port 7474)"
            )
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.batch_size = max(1, int(batch_size))
        self.batch_attempts = max(1, int(batch_attempts))
        self.retry_time = float(retry_time)
        username = username or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self._constraints_done = False
        self._pending_coauthors: set[str] | None = None
        self._abstract_index: dict[str, str] | None = None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(username, password),
                connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout * 2,
                max_transaction_retry_time=retry_time,
                keep_alive=True,
                # no "unknown label/type" warnings for the schema's not-yet-used labels in stats()
                notifications_min_severity="OFF",
            )
        except (neo4j_errors.ConfigurationError, ValueError) as err:
            raise StoreUnavailable(f"{self.uri} is not a usable Neo4j URI ({_first_line(err)}): use bolt://HOST:PORT or neo4j://HOST:PORT") from None
        try:
            self._driver.verify_connectivity()
            with self._session(neo4j.READ_ACCESS) as session:
                session.run("RETURN 1").consume()
        except BaseException as err:
            self._driver.close()
            if isinstance(err, Exception):
                raise self._unavailable(err) from None
            raise

    # -- connection and errors ---------------------------------------------------------------

    def _session(self, access_mode: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access_mode, fetch_size=10_000)

    def _unavailable(self, err: Exception, doing: str = "") -> StoreError:
        """The one-line error for ``err`` (never with credentials: the driver's messages carry none)."""
        where = f"Neo4j at {self.uri}"
        if isinstance(err, neo4j_errors.AuthError):
            return StoreUnavailable(f"{where} refused the user name or password: check NEO4J_USERNAME and NEO4J_PASSWORD")
        if isinstance(err, neo4j_errors.ClientError) and "DatabaseNotFound" in (err.code or ""):
            return StoreUnavailable(f"{where} has no database {self.database!r}: check NEO4J_DATABASE")
        if isinstance(err, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
            lost = f" while {doing}" if doing else ""
            rerun = "; run the same command again once it is back (writes are idempotent)" if doing else ""
            return StoreUnavailable(f"{where} cannot be reached{lost}: {_ENDPOINT_CHECK}{rerun}")
        if isinstance(err, neo4j_errors.TransientError):
            return StoreError(
                f"{where} kept failing with {err.code or 'a transient error'}{f' while {doing}' if doing else ''} "
                f"after {self.retry_time:g}s of retries: another transaction may hold the locks it needs; "
                "run the same command again (writes are idempotent)"
            )
        if isinstance(err, neo4j_errors.Neo4jError):
            return StoreError(f"{where} failed{f' while {doing}' if doing else ''}: {_first_line(err)}")
        if isinstance(err, neo4j_errors.DriverError):
            return StoreUnavailable(f"{where}: {_first_line(err)}: {_ENDPOINT_CHECK}")
        raise err

    def _write_batch(self, work: Callable[[neo4j.ManagedTransaction], Any], doing: str) -> Any:
        """Run ``work`` in a managed write transaction; connection losses retried with backoff."""
        delay = 0.5
        for attempt in range(1, self.batch_attempts + 1):
            try:
                with self._session() as session:
                    return session.execute_write(work)
            except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as err:
                if attempt == self.batch_attempts:
                    raise self._unavailable(err, doing) from None
                log.warning("Neo4j connection lost while %s (attempt %d of %d); retrying in %.1fs",
                            doing, attempt, self.batch_attempts, delay)
                time.sleep(delay)
                delay *= 2
            except neo4j_errors.Neo4jError as err:
                raise self._unavailable(err, doing) from None

    # -- writing -----------------------------------------------------------------------------

    def ensure_constraints(self) -> None:
        """A uniqueness constraint on ``id`` for every schema label (kept when they exist)."""
        if self._constraints_done:
            return
        for label in NODE_LABELS:
            query = _CONSTRAINT_QUERY.format(label=label)
            self._write_batch(lambda tx, q=query: tx.run(q).consume(), f"creating the constraint on :{label}(id)")
        self._constraints_done = True

    def write(self, graph: Graph, *, progress: Callable[[int], None] | None = None) -> WriteSummary:
        """MERGE ``graph`` in, then set COAUTHOR {papers} for every author it touches.

        ``progress`` is called with the number of rows after each committed batch.
        """
        summary = WriteSummary()
        advance = progress or (lambda rows: None)
        # group and check everything before the first write: a schema error writes nothing
        nodes_by_label: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for node in graph.nodes:
            if node.label not in NODE_LABELS:
                raise StoreError(f"node label {node.label!r} is not in the graph schema ({', '.join(NODE_LABELS)})")
            props = {k: v for k, v in node.properties.items() if v is not None}
            seen = nodes_by_label[node.label]
            seen[node.id] = merge_properties(seen[node.id], props) if node.id in seen else props
        rels_by_shape: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        touched: set[str] = set()
        for rel in graph.relationships:
            shape = (rel.type, rel.start[0], rel.end[0])
            if rel.type not in RELATIONSHIP_TYPES or shape[1] not in NODE_LABELS or shape[2] not in NODE_LABELS:
                raise StoreError(f"relationship {rel.start[0]}-[:{rel.type}]->{rel.end[0]} is not in the graph schema")
            props = {k: v for k, v in rel.properties.items() if v is not None}
            rels_by_shape[shape].append({"start": rel.start[1], "end": rel.end[1], "props": props})
            if rel.type == "AUTHORED":
                touched.add(rel.start[1])

        self.ensure_constraints()
        for label, by_id in nodes_by_label.items():
            for batch in _batches(list(by_id.items()), self.batch_size):
                created, updated = self._write_batch(
                    lambda tx, b=batch, l=label: _write_nodes(tx, l, b), f"writing {label} nodes"
                )
                _add(summary.nodes_created, label, created)
                _add(summary.nodes_updated, label, updated)
                advance(len(batch))

        for (type, start_label, end_label), rows in rels_by_shape.items():
            query = _relationship_query(type, start_label, end_label)
            for batch in _batches(rows, self.batch_size):
                counters, matched = self._write_batch(
                    lambda tx, b=batch: _run_counting(tx, query, b, "matched"), f"writing {type} relationships"
                )
                if matched < len(batch):
                    self._missing_ends(batch, start_label, end_label, type)
                _add(summary.relationships_created, type, counters.relationships_created)
                advance(len(batch))

        if self._pending_coauthors is not None:  # in bulk(): once, when the build ends
            self._pending_coauthors |= touched
        else:
            created = self._update_coauthors(sorted(touched), advance)
            if created:
                _add(summary.relationships_created, "COAUTHOR", created)
        self._remember_abstracts(graph.nodes)
        return summary

    @contextlib.contextmanager
    def bulk(self, reset: bool = False) -> Iterator[Neo4jStore]:
        """Many writes of one build: COAUTHOR {papers} is set once at the end, for every author the
        writes touched, instead of after every write. Cut off by an error, the COAUTHOR update is
        skipped; a rerun of the build touches the same authors and sets it."""
        if reset:
            self.reset()
        if self._pending_coauthors is not None:  # nested: the outer bulk updates COAUTHOR
            yield self
            return
        self._pending_coauthors = set()
        try:
            yield self
            pending, self._pending_coauthors = self._pending_coauthors, None
            self._update_coauthors(sorted(pending), lambda rows: None)
        finally:
            self._pending_coauthors = None

    def _update_coauthors(self, authors: list[str], advance: Callable[[int], None]) -> int:
        created = 0
        # smaller batches: each author expands to all of its co-authors
        for batch in _batches(authors, max(1, self.batch_size // 5)):
            counters = self._write_batch(
                lambda tx, b=batch: tx.run(_COAUTHOR_QUERY, ids=list(b)).consume().counters,
                "updating COAUTHOR relationships",
            )
            created += counters.relationships_created
            advance(len(batch))
        return created

    def _missing_ends(self, batch: Sequence[dict[str, Any]], start_label: str, end_label: str, type: str) -> None:
        """Name a relationship end that is not in the store (the batch's others were written)."""
        query = (
            f"UNWIND $rows AS row OPTIONAL MATCH (a:{start_label} {{id: row.start}}) "
            f"OPTIONAL MATCH (b:{end_label} {{id: row.end}}) WITH row, a, b WHERE a IS NULL OR b IS NULL "
            f"RETURN row.start AS start, row.end AS end, a IS NULL AS no_start LIMIT 1"
        )
        with self._session(neo4j.READ_ACCESS) as session:
            record = session.execute_read(lambda tx: tx.run(query, rows=list(batch)).single())
        if record is not None:
            label, id = (start_label, record["start"]) if record["no_start"] else (end_label, record["end"])
            raise StoreError(f"relationship {type} points at {label} {id!r}, which is not in the graph")

    def reset(self) -> None:
        """Delete every node and relationship (constraints stay).

        The deletion commits in batches (an auto-commit query, which the driver does not retry), so
        a transient error is retried here, with the driver's backoff, for ``retry_time`` seconds:
        batches already deleted stay deleted and the next try deletes the rest.
        """
        delay, deadline = 1.0, time.monotonic() + self.retry_time
        while True:
            try:
                with self._session() as session:
                    session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
                break
            except neo4j_errors.TransientError as err:
                if time.monotonic() + delay > deadline:
                    raise self._unavailable(err, "emptying the database") from None
                log.warning("Neo4j %s while emptying the database; retrying in %.1fs", err.code, delay)
                time.sleep(delay)
                delay *= 2
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as err:
                raise self._unavailable(err, "emptying the database") from None
        self._abstract_index = None

    # -- reading -----------------------------------------------------------------------------

    def _read(self, work: Callable[[neo4j.ManagedTransaction], Any], doing: str) -> Any:
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as err:
            raise self._unavailable(err, doing) from None

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per schema label and relationship type (from Neo4j's count store: instant)."""

        def count(tx: neo4j.ManagedTransaction) -> dict[str, dict[str, int]]:
            nodes = {label: tx.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"] for label in NODE_LABELS}
            rels = {
                type: tx.run(f"MATCH ()-[r:{type}]->() RETURN count(r) AS c").single()["c"]
                for type in RELATIONSHIP_TYPES
            }
            return {"nodes": nodes, "relationships": rels}

        return self._read(count, "counting nodes and relationships")

    def read_graph(self) -> nx.MultiDiGraph:
        """The whole graph in graphkit's in-memory form (README "Graph schema")."""

        def read(tx: neo4j.ManagedTransaction) -> nx.MultiDiGraph:
            graph = nx.MultiDiGraph()
            for label in NODE_LABELS:
                result = tx.run(f"MATCH (n:{label}) RETURN properties(n) AS props")
                graph.add_nodes_from(
                    (node_key(label, props["id"]), {"label": label, **props}) for props in result.value("props")
                )
            for type in RELATIONSHIP_TYPES:
                result = tx.run(
                    f"MATCH (a)-[r:{type}]->(b) RETURN labels(a) AS la, a.id AS a, labels(b) AS lb, b.id AS b, "
                    f"properties(r) AS props"
                )
                for record in result:
                    start = node_key(_schema_label(record["la"]), record["a"])
                    end = node_key(_schema_label(record["lb"]), record["b"])
                    graph.add_edge(start, end, key=type, type=type, **record["props"])
            return graph

        return self._read(read, "reading the graph")

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher in a read transaction: rows as dicts of plain values. Writes are refused.

        Nodes come back as their property dicts plus ``label``, relationships plus ``type``.
        """

        def run(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [{k: _plain(v) for k, v in record.items()} for record in tx.run(text, params or {})]

        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(run)
        except neo4j_errors.ClientError as err:
            code = err.code or ""
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise ReadOnlyQueryError(
                    "this query writes to the graph, and graphkit queries only read; "
                    "change the graph with `graphkit build` instead"
                ) from None
            if "ParameterMissing" in code:
                raise QueryParameterError(f"{_first_line(err)} (pass it with -p NAME VALUE)") from None
            raise StoreError(f"Neo4j rejected the query: {_first_line(err)}") from None
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as err:
            raise self._unavailable(err, "running the query") from None

    def find_papers_by_abstract(self, keys: set[str]) -> dict[str, str]:
        """Normalised abstract -> id of a stored titled paper with that abstract (untitled records
        join it). The index is read once per store object and kept up to date by :meth:`write`."""
        if self._abstract_index is None:
            rows = self._read(
                lambda tx: tx.run(
                    "MATCH (p:Paper) WHERE p.id STARTS WITH 't' AND p.abstract IS NOT NULL "
                    "RETURN p.id AS id, p.abstract AS abstract ORDER BY p.id"
                ).values("id", "abstract"),
                "reading paper abstracts",
            )
            self._abstract_index = {}
            for id, abstract in rows:
                self._abstract_index.setdefault(abstract_key(abstract), id)
        return {k: self._abstract_index[k] for k in keys if k in self._abstract_index}

    def _remember_abstracts(self, nodes: Iterable[Node]) -> None:
        if self._abstract_index is None:
            return
        for node in nodes:
            if node.label == "Paper" and node.id.startswith("t") and node.properties.get("abstract"):
                self._abstract_index.setdefault(abstract_key(node.properties["abstract"]), node.id)

    def close(self) -> None:
        self._driver.close()


def _write_nodes(tx: neo4j.ManagedTransaction, label: str, batch: Sequence[tuple[str, dict[str, Any]]]) -> tuple[int, int]:
    """Write one batch of nodes of ``label``; (created, updated) counts.

    Stored ones get the merge rule; new ones are created with their properties as given (the
    first write of a node is the common case of a bulk load, and needs no read-back).
    """
    existing = set(tx.run(_existing_query(label), ids=[id for id, _ in batch]).single(strict=True)["ids"])
    updated = 0
    if existing:
        rows = [_node_row(id, props) for id, props in batch if id in existing]
        updated = tx.run(_node_query(label), rows=rows).single(strict=True)["changed"]
    new = [{"id": id, "props": _first_write(props)} for id, props in batch if id not in existing]
    if not new:
        return 0, updated
    created = tx.run(_new_node_query(label), rows=new).consume().counters.nodes_created
    if created < len(new):  # another writer stored some of them meanwhile: merge into theirs
        rows = [_node_row(id, props) for id, props in batch if id not in existing]
        updated += tx.run(_node_query(label), rows=rows).single(strict=True)["changed"]
    return created, updated


def _first_write(props: dict[str, Any]) -> dict[str, Any]:
    if "aliases" in props:
        return {**props, "aliases": list(dict.fromkeys(props["aliases"]))}
    return props


def _run_counting(tx: neo4j.ManagedTransaction, query: str, rows: Sequence[Any], column: str):
    result = tx.run(query, rows=list(rows))
    value = result.single(strict=True)[column]
    return result.consume().counters, value


def _schema_label(labels: list[str]) -> str:
    return next((label for label in labels if label in NODE_LABELS), labels[0] if labels else "")


def _add(counts: dict[str, int], name: str, value: int) -> None:
    if value:
        counts[name] = counts.get(name, 0) + value
