"""The Neo4j store: the same graph as the embedded store, in a Neo4j 5.26 server, over Bolt.

Writing follows the usual bulk-loading recipe: a uniqueness constraint on ``id`` for every label
first, then one ``UNWIND $rows AS row ...`` query per label (and per relationship type and end
labels) for batches of rows, each batch in a managed write transaction, batches run by a few
sessions in parallel. A node batch first asks which of its ids are stored: stored ones get the
merge rule of :func:`graphkit.build.derive.merge_properties`, new ones are CREATEd as given. A
relationship with an end node created by the same write cannot exist yet, so it is CREATEd too;
every other one is MERGEd.

A build that starts by emptying the database (``bulk(reset=True)``, what ``graphkit build --reset``
runs) knows every node it wrote: a node it has not written yet is new and is CREATEd without asking
the server, a node written again whose merged properties would not change is not sent at all, and
COAUTHOR {papers} and the USES_METHOD shortcuts, derived once at the end, are CREATEd pair by pair
instead of MERGEd (nothing else can have written them). Labels and relationship types only ever come from the
schema lists in :mod:`graphkit.model`; every value travels as a query parameter, so no input text
can change a query.

CREATE stays safe: a batch whose transaction is tried again (transient error, lost connection,
possibly after its commit went through) MERGEs on every later attempt, and a node another writer
stored meanwhile trips the uniqueness constraint, which rolls the batch back to be MERGEd instead.
Writing the same graph again changes nothing, and a write cut off part-way (server stopped,
connection lost) leaves committed batches that a rerun of the same write merges into exactly the
graph of an uninterrupted write. Transient server errors (``Neo.TransientError.*``: a lock another
transaction holds, a deadlock) roll the batch back and are retried with backoff by the driver's
managed transactions for ``retry_time`` seconds, then stop the write with a one-line error.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_errors

from graphkit.build.derive import (
    FIRST_WINS,
    PAPER_COUNT_LINKS,
    PAPERS,
    SPECIAL,
    coauthor_author_limit,
    merge_properties,
    paper_count_targets,
)
from graphkit.errors import (
    QueryParameterError,
    QueryTimedOut,
    ReadOnlyQueryError,
    StoreError,
    StoreUnavailable,
)
from graphkit.keys import abstract_key
from graphkit.model import Graph, Node, node_key
from graphkit.schema import NODE_LABELS, RELATIONSHIP_TYPES
from graphkit.store.base import GraphStore, LockWait, WriteSummary

__all__ = ["Neo4jStore", "DEFAULT_BATCH_SIZE", "DEFAULT_WORKERS", "safe_uri"]

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 5000
#: a bulk on an emptied database stops keeping the ids it wrote past this many (memory)
_BULK_KNOWN_LIMIT = 2_000_000
#: sessions writing batches at the same time (node batches of any label; relationship batches)
DEFAULT_WORKERS = 2
_ENDPOINT_CHECK = (
    "check that the server is running (scripts/neo4j-local status, or docker compose ps) "
    "and the URI (--neo4j or NEO4J_URI)"
)

_BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})



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
    """Apply the merge rule of ``graphkit.build.derive.merge_properties`` to a batch of stored nodes of one
    label: name/title/source keep their first value, aliases become the ordered union, has_code is
    true once any record says so, the longer abstract wins, everything else takes the new value.

    Only for nodes already in the store (found by the same uniqueness-constraint seek as MERGE);
    new nodes take the cheap path of :func:`_new_node_query`.
    """
    assert label in NODE_LABELS, label
    first_wins = ", ".join(f"n.{key} = coalesce(n.{key}, row.{key})" for key in FIRST_WINS)
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


def _new_node_query(label: str, create: bool) -> str:
    """Write a batch of nodes not stored yet: the first write keeps every property as given, so
    no merge rule and no read-back is needed. CREATE when ``create`` (a node another writer stored
    meanwhile trips the uniqueness constraint and rolls the batch back), else MERGE."""
    assert label in NODE_LABELS, label
    if create:
        return f"UNWIND $rows AS row\nCREATE (n:{label} {{id: row.id}})\nSET n += row.props"
    return f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nON CREATE SET n += row.props"


def _relationship_query(type: str, start_label: str, end_label: str, create: bool = False) -> str:
    """MERGE (or, for ``create``, CREATE) a batch of relationships between nodes found by labelled
    ``id`` lookups; CREATE only for relationships that cannot be stored yet."""
    assert type in RELATIONSHIP_TYPES and start_label in NODE_LABELS and end_label in NODE_LABELS
    return (
        f"UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.start}})\n"
        f"MATCH (b:{end_label} {{id: row.end}})\n"
        f"{'CREATE' if create else 'MERGE'} (a)-[r:{type}]->(b)\n"
        f"SET r += row.props\n"
        f"RETURN count(r) AS matched"
    )


# COAUTHOR {papers} for every pair with a touched author: set from byline AUTHORED (those with a
# position; an owner linked to a page's paper without being listed does not count), never
# incremented, one relationship per pair from the smaller id to the larger.
# Papers with more than $max_authors byline authors count for no pair (hyperauthorship,
# graphkit.build.derive.coauthor_author_limit).
_COAUTHOR_QUERY = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[ra:AUTHORED]->(p:Paper)
WHERE ra.position IS NOT NULL AND COUNT { (p)<-[r:AUTHORED]-() WHERE r.position IS NOT NULL } <= $max_authors
MATCH (p)<-[rb:AUTHORED]-(b:Author)
WHERE a <> b AND rb.position IS NOT NULL AND (a.id < b.id OR NOT b.id IN $ids)
WITH a, b, count(DISTINCT p) AS papers
WITH CASE WHEN a.id < b.id THEN a ELSE b END AS x, CASE WHEN a.id < b.id THEN b ELSE a END AS y, papers
MERGE (x)-[r:COAUTHOR]->(y)
SET r.papers = papers
"""

# The same for a bulk on a database it emptied, where every author with byline AUTHORED is being
# derived: each pair once, from its smaller id; CREATE on the first attempt of a batch, MERGE on a
# retry (whose first attempt may have committed).
_FRESH_COAUTHOR_QUERY = """
UNWIND $ids AS id
MATCH (a:Author {id: id})-[ra:AUTHORED]->(p:Paper)
WHERE ra.position IS NOT NULL AND COUNT { (p)<-[r:AUTHORED]-() WHERE r.position IS NOT NULL } <= $max_authors
MATCH (p)<-[rb:AUTHORED]-(b:Author)
WHERE rb.position IS NOT NULL AND a.id < b.id
WITH a, b, count(DISTINCT p) AS papers
{write} (a)-[r:COAUTHOR]->(b)
SET r.papers = papers
"""

def _paper_count_query(label: str) -> str:
    """Set the derived ``papers`` count (README "Graph schema") of a batch of nodes of ``label``:
    distinct papers linked by the label's counted types (:data:`graphkit.build.derive.PAPER_COUNT_LINKS`).
    Only a changed count is written, so writing the same graph again changes nothing."""
    types, direction = PAPER_COUNT_LINKS[label]
    link = "|".join(types)
    assert all(t in RELATIONSHIP_TYPES for t in types)
    pattern = f"(n)-[:{link}]->(p:Paper)" if direction == "out" else f"(n)<-[:{link}]-(p:Paper)"
    # AUTHORED always ends at a Paper, one per author and paper: an author's count is its AUTHORED
    # degree, which Neo4j reads without visiting the papers
    count = (
        f"COUNT {{ {pattern.replace('(p:Paper)', '()')} }}" if types == ("AUTHORED",)
        else f"COUNT {{ MATCH {pattern} RETURN DISTINCT p }}"
    )
    return (
        f"UNWIND $ids AS id\n"
        f"MATCH (n:{label} {{id: id}})\n"
        f"WITH n, {count} AS papers\n"
        f"WITH n, papers WHERE n.{PAPERS} IS NULL OR n.{PAPERS} <> papers\n"
        f"SET n.{PAPERS} = papers"
    )


#: a range index on ``papers`` per counted label, so the catalog's rankings read the top nodes from the
#: index in order (ORDER BY n.papers DESC LIMIT k) instead of sorting every node
_PAPER_COUNT_INDEX_QUERY = f"CREATE INDEX graphkit_{{label}}_papers IF NOT EXISTS FOR (n:{{label}}) ON (n.{PAPERS})"

#: A shortcut only the Neo4j store keeps (README "Graph schema"), derived like COAUTHOR: one
#: (Author)-[:USES_METHOD]->(Method) per author and method their papers PROPOSE or USE. shared-methods
#: walks author -> method -> author over it instead of through every paper of a popular method (a
#: few thousand papers each); not a schema type, so read_graph and stats leave it out.
METHOD_SHORTCUT = "USES_METHOD"

_METHOD_SHORTCUT_QUERY = f"""
UNWIND $ids AS id
MATCH (a:Author {{id: id}})
CALL (a) {{
  MATCH (a)-[:AUTHORED]->(:Paper)-[:PROPOSES|USES]->(m:Method)
  WITH DISTINCT m
  {{write}} (a)-[:{METHOD_SHORTCUT}]->(m)
}}
"""

_AUTHORS_OF_PAPERS_QUERY = (
    "UNWIND $ids AS id MATCH (:Paper {id: id})<-[:AUTHORED]-(a:Author) RETURN collect(DISTINCT a.id) AS ids"
)


def _method_shortcut_targets(graph: Graph) -> dict[str, set[str]]:
    """Whose USES_METHOD shortcuts writing ``graph`` can add: authors it links to papers, and papers
    it links to methods (their authors, read from the store, get them)."""
    targets: dict[str, set[str]] = {"Author": set(), "Paper": set()}
    for rel in graph.relationships:
        if rel.type == "AUTHORED":
            targets["Author"].add(rel.start[1])
        elif rel.type in ("PROPOSES", "USES") and rel.start[0] == "Paper":
            targets["Paper"].add(rel.start[1])
    return targets


def _add_targets(pending: dict[str, set[str]], targets: dict[str, set[str]]) -> None:
    for label, ids in targets.items():
        pending.setdefault(label, set()).update(ids)


_CONSTRAINT_QUERY = "CREATE CONSTRAINT graphkit_{label}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


#: the node whose write lock a writer holds for as long as it writes (build, identity decisions): an
#: open transaction that has SET it. The server releases it when that transaction ends, also when the
#: writer is killed (its connection closes), so a crashed writer never leaves the store locked.
WRITER_LOCK_LABEL = "GraphkitWriterLock"
_WRITER_LOCK_SETUP = (
    f"CREATE CONSTRAINT graphkit_writer_lock_name IF NOT EXISTS FOR (l:{WRITER_LOCK_LABEL}) REQUIRE l.name IS UNIQUE",
    f"MERGE (:{WRITER_LOCK_LABEL} {{name: 'writer'}})",
)
_WRITER_LOCK_QUERY = f"MATCH (l:{WRITER_LOCK_LABEL} {{name: 'writer'}}) SET l.holder = $holder RETURN l.name AS name"

#: the identity log kept in the database: one node per decision, ``seq`` (0, 1, ...) and ``record`` (JSON),
#: written in the same transaction as the graph change the decision makes
IDENTITY_LOG_LABEL = "GraphkitIdentityDecision"
_IDENTITY_LOG_SETUP = (
    f"CREATE CONSTRAINT graphkit_identity_decision_seq IF NOT EXISTS "
    f"FOR (d:{IDENTITY_LOG_LABEL}) REQUIRE d.seq IS UNIQUE"
)
_IDENTITY_LOG_READ = f"MATCH (d:{IDENTITY_LOG_LABEL}) RETURN d.seq AS seq, d.record AS record ORDER BY d.seq"
_IDENTITY_LOG_APPEND = (
    f"OPTIONAL MATCH (d:{IDENTITY_LOG_LABEL}) WITH coalesce(max(d.seq), -1) AS last\n"
    f"UNWIND range(0, size($records) - 1) AS i\n"
    f"CREATE (:{IDENTITY_LOG_LABEL} {{seq: last + 1 + i, record: $records[i]}})"
)

#: ``build --reset`` empties the graph; graphkit's own bookkeeping (the writer lock, the identity log) stays
_RESET_QUERY = (
    f"MATCH (n) WHERE NOT n:{WRITER_LOCK_LABEL} AND NOT n:{IDENTITY_LOG_LABEL} "
    f"CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS"
)


def _delete_relationships_query(type: str, start_label: str, end_label: str) -> str:
    assert type in RELATIONSHIP_TYPES and start_label in NODE_LABELS and end_label in NODE_LABELS
    return (
        f"UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.start}})-[r:{type}]->(b:{end_label} {{id: row.end}})\n"
        f"DELETE r"
    )


def _delete_nodes_query(label: str) -> str:
    assert label in NODE_LABELS, label
    return f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n"


def _replace_nodes_query(label: str) -> str:
    """Nodes with exactly the given properties (a merged node's name, aliases...)."""
    assert label in NODE_LABELS, label
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"


def _replace_relationships_query(type: str, start_label: str, end_label: str) -> str:
    assert type in RELATIONSHIP_TYPES and start_label in NODE_LABELS and end_label in NODE_LABELS
    return (
        f"UNWIND $rows AS row\n"
        f"MATCH (a:{start_label} {{id: row.start}})\n"
        f"MATCH (b:{end_label} {{id: row.end}})\n"
        f"MERGE (a)-[r:{type}]->(b)\n"
        f"SET r = row.props"
    )


#: the derived relationships of authors an identity change touched, dropped before they are derived again
_DROP_DERIVED_QUERY = (
    f"UNWIND $ids AS id MATCH (:Author {{id: id}})-[r:COAUTHOR|{METHOD_SHORTCUT}]-() DELETE r"
)
_BYLINE_OF_PAPERS_QUERY = (
    "UNWIND $ids AS id MATCH (:Paper {id: id})<-[:AUTHORED]-(a:Author) RETURN collect(DISTINCT a.id) AS ids"
)


def _comparable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    return value


def _identity_change(stored: nx.MultiDiGraph, graph: Graph) -> dict[str, Any]:
    """What turns the stored graph into ``graph`` (COAUTHOR, the ``papers`` counts and the method
    shortcuts left out: they are derived again for what changed)."""
    target_nodes: dict[tuple[str, str], dict[str, Any]] = {}
    for node in graph.nodes:
        props = {k: _comparable(v) for k, v in node.properties.items() if v is not None}
        props.pop(PAPERS, None)
        target_nodes[(node.label, node.id)] = {**props, "id": node.id}
    target_rels: dict[tuple[str, tuple[str, str], tuple[str, str]], dict[str, Any]] = {}
    for rel in graph.relationships:
        if rel.type != "COAUTHOR":
            target_rels[(rel.type, tuple(rel.start), tuple(rel.end))] = {
                k: _comparable(v) for k, v in rel.properties.items() if v is not None
            }
    stored_nodes: dict[tuple[str, str], dict[str, Any]] = {}
    for _, data in stored.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label"}
        if data["label"] in PAPER_COUNT_LINKS:
            props.pop(PAPERS, None)
        stored_nodes[(data["label"], data["id"])] = props
    stored_rels: dict[tuple[str, tuple[str, str], tuple[str, str]], dict[str, Any]] = {}
    for u, v, data in stored.edges(data=True):
        if data["type"] != "COAUTHOR":
            a, b = stored.nodes[u], stored.nodes[v]
            stored_rels[(data["type"], (a["label"], a["id"]), (b["label"], b["id"]))] = {
                k: val for k, val in data.items() if k != "type"
            }
    return {
        "delete_nodes": [key for key in stored_nodes if key not in target_nodes],
        "write_nodes": [(key, props) for key, props in target_nodes.items() if stored_nodes.get(key) != props],
        "delete_rels": [key for key in stored_rels if key not in target_rels],
        "write_rels": [(key, props) for key, props in target_rels.items() if stored_rels.get(key) != props],
    }


#: rows per statement of an identity change: one transaction still, but no statement holds a huge
#: parameter list or intermediate result (a change as large as the whole corpus graph otherwise
#: exceeds the server's transaction memory, dbms.memory.transaction.total.max)
IDENTITY_CHUNK = 5000


def _run_in_chunks(tx: neo4j.ManagedTransaction, query: str, key: str, rows: Sequence[Any], **params: Any) -> None:
    """Run ``query`` with ``rows`` as parameter ``key``, :data:`IDENTITY_CHUNK` at a time, in ``tx``."""
    for chunk in _batches(rows, IDENTITY_CHUNK):
        tx.run(query, {key: list(chunk), **params}).consume()


def _apply_identity_change(tx: neo4j.ManagedTransaction, change: dict[str, Any]) -> dict[str, int]:
    """Apply :func:`_identity_change` in ``tx``, then derive COAUTHOR, ``papers`` and the method
    shortcuts again for the authors, papers and entities it touched."""
    by_shape: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for type, start, end in change["delete_rels"]:
        by_shape[(type, start[0], end[0])].append({"start": start[1], "end": end[1]})
    for shape, rows in by_shape.items():
        _run_in_chunks(tx, _delete_relationships_query(*shape), "rows", rows)
    by_label: dict[str, list[str]] = defaultdict(list)
    for label, id in change["delete_nodes"]:
        by_label[label].append(id)
    for label, ids in by_label.items():
        _run_in_chunks(tx, _delete_nodes_query(label), "ids", ids)
    node_rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (label, id), props in change["write_nodes"]:
        node_rows[label].append({"id": id, "props": props})
    for label, rows in node_rows.items():
        _run_in_chunks(tx, _replace_nodes_query(label), "rows", rows)
    rel_rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for (type, start, end), props in change["write_rels"]:
        rel_rows[(type, start[0], end[0])].append({"start": start[1], "end": end[1], "props": props})
    for shape, rows in rel_rows.items():
        _run_in_chunks(tx, _replace_relationships_query(*shape), "rows", rows)

    # what the change touched: the byline of every paper whose authors changed (a merge or split changes
    # the pairs of everyone on it), the authors of papers whose methods changed, the counted ends
    changed_rels = [key for key in change["delete_rels"]] + [key for key, _ in change["write_rels"]]
    papers = {end[1] for type, start, end in changed_rels if type == "AUTHORED"}
    method_papers = {start[1] for type, start, end in changed_rels if type in ("PROPOSES", "USES")}
    authors = {start[1] for type, start, end in changed_rels if type == "AUTHORED"}
    authors |= {id for label, id in change["delete_nodes"] if label == "Author"}
    authors |= {id for (label, id), _ in change["write_nodes"] if label == "Author"}
    for ids in (sorted(papers), sorted(method_papers)):
        if ids:
            authors.update(tx.run(_BYLINE_OF_PAPERS_QUERY, ids=ids).single(strict=True)["ids"])
    ids = sorted(authors)
    if ids:
        _run_in_chunks(tx, _DROP_DERIVED_QUERY, "ids", ids)  # every chunk dropped before any is derived again
        _run_in_chunks(tx, _COAUTHOR_QUERY, "ids", ids, max_authors=coauthor_author_limit())
        _run_in_chunks(tx, _METHOD_SHORTCUT_QUERY.replace("{write}", "MERGE"), "ids", ids)
    counted: dict[str, set[str]] = defaultdict(set)
    for (label, id), _ in change["write_nodes"]:
        if label in PAPER_COUNT_LINKS:
            counted[label].add(id)
    for _, start, end in changed_rels:
        for label, id in (start, end):
            if label in PAPER_COUNT_LINKS:
                counted[label].add(id)
    for label, targets in counted.items():
        _run_in_chunks(tx, _paper_count_query(label), "ids", sorted(targets))
    return {key: len(value) for key, value in change.items()}


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _node_row(id: str, props: dict[str, Any]) -> dict[str, Any]:
    """A row for :func:`_node_query`: the merge-rule properties apart, the others in ``props``."""
    props = dict(props)
    row: dict[str, Any] = {"id": id}
    for key in SPECIAL:
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


# Read-only schema procedures ad-hoc Cypher may call; every other procedure is refused (some
# write, clear caches, collect statistics or reach the machine).
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
})
# Plan operators that read outside the graph or act on the server (other clients' transactions,
# settings, users): refused even in a read transaction.
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs outside the graph",
    "ShowTransactions": "SHOW TRANSACTIONS shows other clients' queries",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other clients' work",
    "ShowSettings": "SHOW SETTINGS shows the server's configuration",
}
ALLOWED_SHOW_OPERATORS = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})


def _operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator name without the ``@database`` suffix, its details) for every step of a plan."""
    yield plan["operatorType"].split("@", 1)[0], str((plan.get("args") or {}).get("Details") or "")
    for child in plan.get("children") or ():
        yield from _operators(child)


def plan_refusal(query_type: str | None, plan: dict[str, Any] | None) -> str | None:
    """Why the server's plan for an ad-hoc query is not a pure read of the graph, or None.

    Judged from the plan's operators, not the query text, so no spelling smuggles a write or a
    file read past it.
    """
    why = "graphkit cypher only reads the graph"
    if query_type == "s":
        return f"{why}: this query changes the schema or the server's state"
    if query_type != "r":
        return f"{why}: this query writes; change the graph with `graphkit build`"
    for operator, details in _operators(plan or {"operatorType": ""}):
        if operator in REFUSED_OPERATORS:
            return f"{why}: {REFUSED_OPERATORS[operator]}"
        if operator == "ProcedureCall":
            procedure = details.split("(", 1)[0].strip()
            if procedure not in READ_PROCEDURES:
                return (f"{why}: procedure {procedure or '?'} is not one of the schema reads allowed "
                        f"({', '.join(sorted(READ_PROCEDURES))})")
        elif operator.startswith(("Show", "Terminate")) and operator not in ALLOWED_SHOW_OPERATORS:
            return f"{why}: administration commands ({operator}) are refused"
    return None


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
    workers
        Sessions writing batches at the same time (1: one after the other).
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
        workers: int = DEFAULT_WORKERS,
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
        self.workers = max(1, int(workers))
        self.batch_attempts = max(1, int(batch_attempts))
        self.retry_time = float(retry_time)
        username = username or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self._constraints_done = False
        self._pending_coauthors: set[str] | None = None
        #: in a bulk on a database it emptied: per label, every id written so far and, except for
        #: papers, its properties as stored (None: not known); None when not in such a bulk
        self._bulk_nodes: dict[str, dict[str, dict[str, Any] | None]] | None = None
        self._bulk_method_links = False
        self._pending_paper_counts: dict[str, set[str]] = {}
        self._pending_method_shortcuts: dict[str, set[str]] = {}
        self._abstract_index: dict[str, str] | None = None
        #: wall seconds spent so far per kind of write ("nodes", "relationships", "coauthor",
        #: "paper counts", "method shortcuts"), for benchmarks; clear it to start again
        self.timings: dict[str, float] = {}
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
            raise StoreUnavailable(
                f"{self.uri} is not a usable Neo4j URI ({_first_line(err)}): use bolt://HOST:PORT or neo4j://HOST:PORT"
            ) from None
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
            return StoreUnavailable(
                f"{where} refused the user name or password: check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if isinstance(err, neo4j_errors.ClientError) and "DatabaseNotFound" in (err.code or ""):
            return StoreUnavailable(f"{where} has no database {self.database!r}: check NEO4J_DATABASE")
        if isinstance(err, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
            lost = f" while {doing}" if doing else ""
            rerun = "; run the same command again once it is back (writes are idempotent)" if doing else ""
            return StoreUnavailable(f"{where} cannot be reached{lost}: {_ENDPOINT_CHECK}{rerun}")
        if isinstance(err, neo4j_errors.TransientError) and "MemoryPoolOutOfMemoryError" in (err.code or ""):
            return StoreError(
                f"{where} ran out of transaction memory{f' while {doing}' if doing else ''} "
                "(dbms.memory.transaction.total.max, by default 70% of its heap) and rolled it back: give the "
                "server a larger heap (NEO4J_HEAP, for scripts/neo4j-local and docker-compose.yml alike) "
                "or a higher limit, then run the same command again"
            )
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

    def _write_batch(
        self,
        work: Callable[[neo4j.ManagedTransaction], Any],
        doing: str,
        passthrough: tuple[type[Exception], ...] = (),
    ) -> Any:
        """Run ``work`` in a managed write transaction; connection losses retried with backoff.
        Errors of a ``passthrough`` type reach the caller as they are."""
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
                if isinstance(err, passthrough):
                    raise
                raise self._unavailable(err, doing) from None

    def _write_create_first(self, work: Callable[[neo4j.ManagedTransaction, bool], Any], doing: str) -> Any:
        """Run ``work(tx, create)`` as one batch: ``create`` is true on the first attempt only, so
        a batch tried again after a failure that may have come after its commit (lost connection,
        transient error) MERGEs. A uniqueness-constraint violation (another writer stored one of
        the nodes meanwhile) rolls the CREATE attempt back, and the batch is MERGEd instead."""
        attempts = 0

        def attempt(tx: neo4j.ManagedTransaction) -> Any:
            nonlocal attempts
            attempts += 1
            return work(tx, attempts == 1)

        try:
            return self._write_batch(attempt, doing, passthrough=(neo4j_errors.ConstraintError,))
        except neo4j_errors.ConstraintError:
            log.info("a concurrent writer stored nodes of this batch while %s; merging it instead", doing)
            return self._write_batch(lambda tx: work(tx, False), doing)

    def _run_parallel(self, jobs: Sequence[Callable[[], Any]], *, parallel: bool = True) -> Iterator[Any]:
        """Results of ``jobs`` (in order), run by up to ``workers`` sessions at the same time
        (one after the other when not ``parallel``)."""
        if not parallel or self.workers == 1 or len(jobs) < 2:
            for job in jobs:
                yield job()
            return
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="graphkit-neo4j") as pool:
            futures = [pool.submit(job) for job in jobs]
            try:
                for future in futures:
                    yield future.result()
            finally:  # an error (or the caller closing early) cancels the batches not started yet
                for future in futures:
                    future.cancel()

    # -- writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _timed(self, kind: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[kind] = self.timings.get(kind, 0.0) + time.perf_counter() - started

    def ensure_constraints(self) -> None:
        """A uniqueness constraint on ``id`` for every schema label (kept when they exist)."""
        if self._constraints_done:
            return
        for label in NODE_LABELS:
            query = _CONSTRAINT_QUERY.format(label=label)
            self._write_batch(lambda tx, q=query: tx.run(q).consume(), f"creating the constraint on :{label}(id)")
        self._ensure_paper_count_indexes()
        self._constraints_done = True

    def _ensure_paper_count_indexes(self) -> None:
        for label in PAPER_COUNT_LINKS:
            query = _PAPER_COUNT_INDEX_QUERY.format(label=label)
            self._write_batch(lambda tx, q=query: tx.run(q).consume(), f"creating the index on :{label}(papers)")

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
        # a relationship repeated in one graph is one relationship: the later properties win
        rels_by_shape: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
        touched: set[str] = set()
        for rel in graph.relationships:
            shape = (rel.type, rel.start[0], rel.end[0])
            if rel.type not in RELATIONSHIP_TYPES or shape[1] not in NODE_LABELS or shape[2] not in NODE_LABELS:
                raise StoreError(f"relationship {rel.start[0]}-[:{rel.type}]->{rel.end[0]} is not in the graph schema")
            props = {k: v for k, v in rel.properties.items() if v is not None}
            rows = rels_by_shape[shape]
            row = rows.setdefault((rel.start[1], rel.end[1]), {"start": rel.start[1], "end": rel.end[1], "props": {}})
            row["props"].update(props)
            if rel.type == "AUTHORED":
                touched.add(rel.start[1])

        self.ensure_constraints()
        # ids this write CREATEd, per label: relationships with an end among them cannot exist yet
        created_ids: dict[str, set[str]] = defaultdict(set)
        known = self._bulk_nodes
        node_jobs = [
            (label, batch)
            for label, by_id in nodes_by_label.items()
            for batch in _batches(list(by_id.items()), self.batch_size)
        ]
        node_results = self._run_parallel([
            lambda lab=label, b=batch: self._write_create_first(
                lambda tx, create: _write_nodes(
                    tx, lab, b, create, known.setdefault(lab, {}) if create and known is not None else None
                ),
                f"writing {lab} nodes",
            )
            for label, batch in node_jobs
        ])
        with self._timed("nodes"), contextlib.closing(node_results):  # an error cancels the batches not started
            for (label, batch), (created, updated, new_ids, from_known) in zip(node_jobs, node_results):
                _add(summary.nodes_created, label, created)
                _add(summary.nodes_updated, label, updated)
                created_ids[label].update(new_ids)
                if known is not None:
                    self._remember_nodes(label, batch, from_known)
                advance(len(batch))

        if any(shape[0] in ("PROPOSES", "USES") for shape in rels_by_shape):
            self._bulk_method_links = True
        rel_jobs = [
            (shape, batch)
            for shape, rows in rels_by_shape.items()
            for batch in _batches(list(rows.values()), self.batch_size)
        ]
        rel_results = self._run_parallel([
            lambda s=shape, b=batch: self._write_create_first(
                lambda tx, create: _write_relationships(tx, s, b, created_ids if create else None),
                f"writing {s[0]} relationships",
            )
            for shape, batch in rel_jobs
        ], parallel=False)  # in parallel, batches meeting at a dense node (a venue, a prolific author) deadlock
        with self._timed("relationships"), contextlib.closing(rel_results):
            for ((type, start_label, end_label), batch), (created, matched) in zip(rel_jobs, rel_results):
                if matched < len(batch):
                    self._missing_ends(batch, start_label, end_label, type)
                _add(summary.relationships_created, type, created)
                advance(len(batch))

        counted, shortcuts = paper_count_targets(graph), _method_shortcut_targets(graph)
        if self._pending_coauthors is not None:  # in bulk(): once, when the build ends
            self._pending_coauthors |= touched
            _add_targets(self._pending_paper_counts, counted)
            _add_targets(self._pending_method_shortcuts, shortcuts)
        else:
            self._update_derived(sorted(touched), counted, shortcuts, advance, summary)
        self._remember_abstracts(graph.nodes)
        return summary

    @contextlib.contextmanager
    def bulk(self, reset: bool = False) -> Iterator[Neo4jStore]:
        """Many writes of one build: COAUTHOR {papers}, the nodes' ``papers`` counts and the
        USES_METHOD shortcuts are set once at the end, for every node the writes touched, instead of
        after every write. Cut off by an error, these updates are skipped; a rerun of the build
        touches the same nodes and sets them.

        With ``reset`` the bulk writes into a database it emptied and knows every node it writes
        (module docstring); anything else that changes the graph inside it must call
        :meth:`forget_written_nodes` first."""
        if self._pending_coauthors is not None:  # nested: the outer bulk holds the lock, updates COAUTHOR
            if reset:
                self.reset()
            yield self
            return
        with self.writer_lock():
            self._pending_coauthors = set()
            try:
                if reset:
                    self.reset()  # in the bulk: it writes into a database it emptied (see _bulk_nodes)
                yield self
                pending, self._pending_coauthors = self._pending_coauthors, None
                self._update_derived(sorted(pending), self._pending_paper_counts, self._pending_method_shortcuts,
                                     fresh=self._bulk_nodes is not None)
            finally:
                self._pending_coauthors = None
                self._pending_paper_counts = {}
                self._pending_method_shortcuts = {}
                self._bulk_nodes = None
                self._bulk_method_links = False

    def forget_written_nodes(self) -> None:
        """End a bulk's knowledge of every node it wrote (see :meth:`bulk`): call it before changing
        nodes or relationships inside a bulk by anything but :meth:`write` and :meth:`reset` (an
        identity merge in place, say), so the rest of the bulk asks the server and MERGEs."""
        self._bulk_nodes = None

    def _remember_nodes(self, label: str, batch: Sequence[tuple[str, dict[str, Any]]], from_known: bool) -> None:
        """Note a committed node batch of a bulk on an emptied database: its ids, and the properties
        now stored (their merge with what was known). A batch that had to be merged with nodes some
        other writer stored (``from_known`` false) ends the bulk's knowledge: from then on it writes
        as any other."""
        known = self._bulk_nodes
        if known is None:
            return
        if not from_known or sum(len(ids) for ids in known.values()) > _BULK_KNOWN_LIMIT:
            self._bulk_nodes = None
            return
        ids = known.setdefault(label, {})
        keep = label != "Paper"  # papers are seldom written twice, and their abstracts are long
        for id, props in batch:
            if id not in ids:
                ids[id] = _first_write(props) if keep else None
            elif ids[id] is not None:
                ids[id] = merge_properties(ids[id], props)

    def _update_derived(
        self,
        authors: list[str],
        counted: dict[str, set[str]],
        shortcuts: dict[str, set[str]],
        advance: Callable[[int], None] = lambda rows: None,
        summary: WriteSummary | None = None,
        fresh: bool = False,
    ) -> None:
        """COAUTHOR {papers} of ``authors``, the ``papers`` counts of ``counted``, the USES_METHOD
        shortcuts of ``shortcuts`` (what a write, or a bulk at its end, derives). ``fresh``: at the
        end of a bulk on a database it emptied, where ``authors`` are all authors and nothing
        derived exists yet."""
        with self._timed("coauthor"):
            created = self._update_coauthors(authors, advance, fresh)
        if created and summary is not None:
            _add(summary.relationships_created, "COAUTHOR", created)
        with self._timed("paper counts"):
            self._update_paper_counts(counted)
        with self._timed("method shortcuts"):
            if not fresh or self._bulk_method_links:  # fresh and no method link written: no shortcut to make
                self._update_method_shortcuts(shortcuts, fresh)

    def _update_coauthors(self, authors: list[str], advance: Callable[[int], None], fresh: bool = False) -> int:
        created = 0
        limit = coauthor_author_limit()
        # smaller batches: each author expands to all of its co-authors
        for batch in _batches(authors, max(1, self.batch_size // 5)):
            if fresh:
                counters = self._write_create_first(
                    lambda tx, create, b=batch: tx.run(
                        _FRESH_COAUTHOR_QUERY.replace("{write}", "CREATE" if create else "MERGE"),
                        ids=list(b), max_authors=limit,
                    ).consume().counters,
                    "updating COAUTHOR relationships",
                )
            else:
                counters = self._write_batch(
                    lambda tx, b=batch: tx.run(_COAUTHOR_QUERY, ids=list(b), max_authors=limit).consume().counters,
                    "updating COAUTHOR relationships",
                )
            created += counters.relationships_created
            advance(len(batch))
        return created

    def _update_paper_counts(self, targets: dict[str, set[str]]) -> None:
        """Set the ``papers`` count of the target nodes (ids per label), in batches."""
        for label, ids in targets.items():
            query = _paper_count_query(label)
            for batch in _batches(sorted(ids), self.batch_size):
                self._write_batch(
                    lambda tx, b=batch, q=query: tx.run(q, ids=list(b)).consume(),
                    f"counting the papers of {label} nodes",
                )

    def _update_method_shortcuts(self, targets: dict[str, set[str]], fresh: bool = False) -> None:
        """MERGE (``fresh``: CREATE, each author once) the USES_METHOD shortcuts of the target authors
        and of the target papers' authors."""
        authors = set(targets.get("Author", ()))
        for batch in _batches(sorted(targets.get("Paper", ())), self.batch_size):
            authors.update(self._read(
                lambda tx, b=batch: tx.run(_AUTHORS_OF_PAPERS_QUERY, ids=list(b)).single(strict=True)["ids"],
                "reading the authors of papers",
            ))
        # smaller batches: each author expands to the methods of all of its papers
        for batch in _batches(sorted(authors), max(1, self.batch_size // 5)):
            self._write_create_first(
                lambda tx, create, b=batch: tx.run(
                    _METHOD_SHORTCUT_QUERY.replace("{write}", "CREATE" if create and fresh else "MERGE"), ids=list(b)
                ).consume(),
                "linking authors to their methods",
            )

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
                    session.run(_RESET_QUERY).consume()
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
        if self._pending_coauthors is not None:  # in a bulk: from here on it knows every node written
            self._bulk_nodes = {}
            self._bulk_method_links = False

    # -- the writer lock and identity decisions --------------------------------------------------

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[Neo4jStore]:
        """Hold the database's writer lock: one writer (a build, an identity decision) at a time,
        each reading the graph it changes under the lock. Waits for another writer as long as
        ``lock_timeout`` says (None: as long as it takes; 0: not at all, a
        :class:`~graphkit.errors.StoreLocked` error). Reentrant within this store object."""
        if getattr(self, "_lock_depth", 0):
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
            return
        present = self._read(
            lambda tx: tx.run(f"MATCH (l:{WRITER_LOCK_LABEL} {{name: 'writer'}}) RETURN count(l) AS c").single()["c"],
            "looking for the writer lock",
        )
        if not present:  # once per database (a schema change waits for open transactions: not when locked)
            for query in _WRITER_LOCK_SETUP:
                self._write_batch(lambda tx, q=query: tx.run(q).consume(), "preparing the writer lock")
        session, tx = self._take_writer_lock()
        self._lock_depth = 1
        try:
            yield self
        finally:
            self._lock_depth = 0
            with contextlib.suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
                tx.rollback()
            with contextlib.suppress(neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError):
                session.close()

    def _take_writer_lock(self):
        holder = f"pid {os.getpid()} on {socket.gethostname()}"
        wait = LockWait(self.lock_timeout, self.on_wait, f"Neo4j at {self.uri}")
        while True:
            left = wait.left()
            # a bounded wait (the first, to say we wait; or a lock_timeout) runs in a transaction with that
            # timeout, then the lock is taken again in a transaction without one, held for good
            bound = left if left is not None else (None if wait.waited else 0.5)
            session = self._session()
            tx = None
            try:
                tx = session.begin_transaction(timeout=max(bound, 0.2) if bound is not None else None)
                tx.run(_WRITER_LOCK_QUERY, holder=holder).consume()
                if bound is None:
                    return session, tx
                tx.rollback()
                tx = session.begin_transaction()
                tx.run(_WRITER_LOCK_QUERY, holder=holder).consume()
                return session, tx
            except (neo4j_errors.TransientError, neo4j_errors.ClientError) as err:
                code = err.code or ""
                with contextlib.suppress(Exception):
                    if tx is not None:
                        tx.close()
                session.close()
                if not ("Lock" in code or "Timed" in code or "Terminated" in code or "Timeout" in code):
                    raise self._unavailable(err, "taking the writer lock") from None
                wait.pause(0.1)
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as err:
                session.close()
                raise self._unavailable(err, "taking the writer lock") from None
            except BaseException:
                session.close()
                raise

    def replace_graph(self, graph: Graph, decisions: Sequence[str] = ()) -> dict[str, int]:
        """Make the database hold exactly ``graph`` (with COAUTHOR, ``papers`` and the method shortcuts
        derived) in ONE write transaction: the stored graph is read in it, the difference written in it,
        and ``decisions`` (identity log records, JSON) appended to the log in it. What identity decisions
        use: killed or failed part-way, the database keeps the graph and the log it had. Takes the writer
        lock (a caller that holds it already keeps it). Returns counts of what changed (``delete_nodes``,
        ``write_nodes``, ``delete_rels``, ``write_rels``)."""
        self.ensure_constraints()
        if decisions:
            self._write_batch(lambda tx: tx.run(_IDENTITY_LOG_SETUP).consume(), "preparing the identity log")

        @neo4j.unit_of_work(metadata={"graphkit": "identity decision"})
        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            changed = _apply_identity_change(tx, _identity_change(_read_graph(tx), graph))
            if decisions:
                tx.run(_IDENTITY_LOG_APPEND, records=list(decisions)).consume()
            return changed

        with self.writer_lock():
            changed = self._write_batch(work, "applying the identity decisions")
        self._abstract_index = None
        # inside a build on an emptied database: what the build knows it wrote is not what is stored now,
        # so the rest of the build (and its COAUTHOR/shortcut derivation at the end) MERGEs as any other
        self.forget_written_nodes()
        return changed

    def identity_records(self) -> list[tuple[int, str]]:
        """The identity log kept in the database: ``(seq, JSON record)`` in order."""
        rows = self._read(lambda tx: tx.run(_IDENTITY_LOG_READ).values("seq", "record"), "reading the identity log")
        return [(seq, record if isinstance(record, str) else repr(record)) for seq, record in rows]

    def describe(self) -> str:
        """The database, for messages: ``Neo4j at URI`` (and the database name when one is chosen)."""
        return f"Neo4j at {self.uri}" + (f" (database {self.database})" if self.database else "")

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

        return self._read(_read_graph, "reading the graph")

    def names(self, label: str) -> list[Any]:
        """Every ``label`` node's id, display name, aliases and papers (for :mod:`graphkit.names`)."""
        from graphkit.names import NodeName

        if label not in NODE_LABELS:
            raise StoreError(f"unknown label {label!r}: expected one of {', '.join(NODE_LABELS)}")
        shown = "n.title" if label == "Paper" else "n.name"

        def read(tx: neo4j.ManagedTransaction) -> list[Any]:
            # a node an identity decision deletes while this scan runs reads as all nulls: left out
            result = tx.run(
                f"MATCH (n:{label}) WHERE n.id IS NOT NULL RETURN n.id AS id, coalesce({shown}, n.id) AS name, "
                "n.aliases AS aliases, n.papers AS papers"
            )
            return [
                NodeName(r["id"], r["name"], tuple(a for a in r["aliases"] or () if isinstance(a, str)), r["papers"])
                for r in result
                if r["id"] is not None
            ]

        return self._read(read, f"listing {label} names")

    def cypher(
        self,
        text: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, Any]]:
        """Run Cypher in a read transaction: rows as dicts of plain values.

        The server plans the query first (``EXPLAIN``) and anything that is not a pure read of this
        database is refused before it runs: writes, LOAD CSV, procedures outside a few schema reads,
        transaction and settings commands (:func:`plan_refusal`). ``timeout`` (seconds) is the
        server's transaction timeout; a query that runs longer is stopped (QueryTimedOut).
        Nodes come back as their property dicts plus ``label``, relationships plus ``type``.
        """
        bound = params or {}

        def run(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            plan = tx.run("EXPLAIN " + text, bound).consume()
            refusal = plan_refusal(plan.query_type, plan.plan)
            if refusal:
                raise ReadOnlyQueryError(refusal)
            records = tx.run(text, bound)
            if max_rows is not None:  # the rest is never fetched: the transaction ends with the result open
                records = itertools.islice(records, max_rows)
            return [{k: _plain(v) for k, v in record.items()} for record in records]

        work = neo4j.unit_of_work(timeout=timeout)(run) if timeout else run
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)
        except neo4j_errors.ClientError as err:
            code = err.code or ""
            if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
                raise ReadOnlyQueryError(
                    "this query writes to the graph, and graphkit queries only read; "
                    "change the graph with `graphkit build` instead"
                ) from None
            if "TransactionTimedOut" in code:
                raise QueryTimedOut(
                    f"the query ran longer than {timeout:g} s and the server stopped it: "
                    "narrow the MATCH, add a LIMIT, or raise --timeout"
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


def _read_graph(tx: neo4j.ManagedTransaction) -> nx.MultiDiGraph:
    """The whole graph in graphkit's in-memory form, read in ``tx``."""
    graph = nx.MultiDiGraph()
    # a node or relationship another transaction deletes while these scans run reads as nulls: left out
    for label in NODE_LABELS:
        result = tx.run(f"MATCH (n:{label}) RETURN properties(n) AS props")
        graph.add_nodes_from(
            (node_key(label, props["id"]), {"label": label, **props})
            for props in result.value("props")
            if props and props.get("id") is not None
        )
    for type in RELATIONSHIP_TYPES:
        result = tx.run(
            f"MATCH (a)-[r:{type}]->(b) RETURN labels(a) AS la, a.id AS a, labels(b) AS lb, b.id AS b, "
            f"properties(r) AS props"
        )
        for record in result:
            if record["a"] is None or record["b"] is None:
                continue
            start = node_key(_schema_label(record["la"]), record["a"])
            end = node_key(_schema_label(record["lb"]), record["b"])
            if start in graph and end in graph:
                graph.add_edge(start, end, key=type, type=type, **(record["props"] or {}))
    return graph


def _write_nodes(
    tx: neo4j.ManagedTransaction,
    label: str,
    batch: Sequence[tuple[str, dict[str, Any]]],
    create: bool,
    known: dict[str, dict[str, Any] | None] | None = None,
) -> tuple[int, int, list[str], bool]:
    """Write one batch of nodes of ``label``; (created, updated, ids created with CREATE, whether
    ``known`` decided what is stored).

    Stored ones get the merge rule; new ones are written with their properties as given (the
    first write of a node is the common case of a bulk load, and needs no read-back): with
    CREATE when ``create``, else with MERGE, which also merges into a node another writer stored
    meanwhile. ``known`` (a bulk on a database it emptied: every id it wrote, with the properties
    stored or None) replaces the read of which ids are stored, and a known node whose merged
    properties would not change is not written.
    """
    if known is not None:
        new = [{"id": id, "props": _first_write(props)} for id, props in batch if id not in known]
        again = [
            (id, props) for id, props in batch
            if id in known and (known[id] is None or merge_properties(known[id], props) != known[id])
        ]
        updated = 0
        if again:
            rows = [_node_row(id, props) for id, props in again]
            updated = tx.run(_node_query(label), rows=rows).single(strict=True)["changed"]
        created = tx.run(_new_node_query(label, True), rows=new).consume().counters.nodes_created if new else 0
        return created, updated, [row["id"] for row in new], True
    existing = set(tx.run(_existing_query(label), ids=[id for id, _ in batch]).single(strict=True)["ids"])
    updated = 0
    if existing:
        rows = [_node_row(id, props) for id, props in batch if id in existing]
        updated = tx.run(_node_query(label), rows=rows).single(strict=True)["changed"]
    new = [{"id": id, "props": _first_write(props)} for id, props in batch if id not in existing]
    if not new:
        return 0, updated, [], False
    created = tx.run(_new_node_query(label, create), rows=new).consume().counters.nodes_created
    if create:
        return created, updated, [row["id"] for row in new], False
    if created < len(new):  # another writer stored some of them meanwhile: merge into theirs
        rows = [_node_row(id, props) for id, props in batch if id not in existing]
        updated += tx.run(_node_query(label), rows=rows).single(strict=True)["changed"]
    return created, updated, [], False


def _write_relationships(
    tx: neo4j.ManagedTransaction,
    shape: tuple[str, str, str],
    batch: Sequence[dict[str, Any]],
    created_ids: dict[str, set[str]] | None,
) -> tuple[int, int]:
    """Write one batch of relationships of ``shape`` (type, start label, end label); (created,
    matched). Those with an end in ``created_ids`` are CREATEd, the others MERGEd."""
    type, start_label, end_label = shape
    fresh: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = list(batch)
    if created_ids is not None:
        starts, ends = created_ids.get(start_label, set()), created_ids.get(end_label, set())
        fresh = [row for row in batch if row["start"] in starts or row["end"] in ends]
        if fresh:
            other = [row for row in batch if not (row["start"] in starts or row["end"] in ends)]
    created = matched = 0
    for rows, create in ((fresh, True), (other, False)):
        if rows:
            counters, count = _run_counting(
                tx, _relationship_query(type, start_label, end_label, create), rows, "matched"
            )
            created += counters.relationships_created
            matched += count
    return created, matched


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
