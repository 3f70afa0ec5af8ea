"""Transient errors from a real server are retried with backoff (issue 7): no mocks.

Another session terminates the store's write transactions while they run (``TERMINATE
TRANSACTIONS``, in Neo4j 5 Community); the server reports ``Neo.TransientError.Transaction.Terminated``
(or the connection-level equivalent), the managed transaction is retried after a backoff, and the
write ends with the graph of an undisturbed one.
"""

from __future__ import annotations

import logging
import threading
import time

import neo4j
import pytest

from graphkit.store.neo4j_store import Neo4jStore
from test_neo4j_store import assert_same_graph, big_graph


def terminate_running_writes(server, stop: threading.Event, terminated: list[str]) -> None:
    """Terminate every running ``UNWIND ... MERGE`` transaction of the store until ``stop``."""
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        while not stop.is_set():
            with driver.session() as session:
                ids = [r["id"] for r in session.run(
                    "SHOW TRANSACTIONS YIELD transactionId AS id, currentQuery AS query "
                    "WHERE query CONTAINS 'UNWIND $rows' RETURN id")]
                if ids:
                    session.run("TERMINATE TRANSACTIONS $ids", ids=ids).consume()
                    terminated.extend(ids)
            if len(terminated) >= 3:
                return
            time.sleep(0.01)


@pytest.mark.neo4j
@pytest.mark.slow
def test_terminated_transactions_are_retried_and_the_write_completes(neo4j_server, neo4j_store, caplog):
    graph = big_graph(600)
    neo4j_store.write(graph)
    reference = neo4j_store.read_graph()
    neo4j_store.reset()

    caplog.set_level(logging.INFO, logger="neo4j")
    stop, terminated = threading.Event(), []
    killer = threading.Thread(target=terminate_running_writes, args=(neo4j_server, stop, terminated), daemon=True)
    with Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=50, retry_time=60.0) as store:
        killer.start()
        try:
            store.write(graph)
        finally:
            stop.set()
            killer.join(30)
        assert terminated, "no write transaction was caught running: the fault never happened"
        assert "retried" in caplog.text  # the driver said it would try the transaction again, after a delay
        assert_same_graph(store.read_graph(), reference)
