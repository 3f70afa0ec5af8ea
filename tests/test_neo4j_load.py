"""The Neo4j store's fast path for a build on a database it emptied (``bulk(reset=True)``): it writes
exactly the graph the general path writes, without asking the server which nodes exist, and falls
back to the general path when another writer shows up."""

from __future__ import annotations

import pytest
from test_neo4j_store import EVIDENCE, assert_same_graph, author, authored, paper

from graphkit.model import Graph, Node, Relationship
from graphkit.store.neo4j import METHOD_SHORTCUT

pytestmark = pytest.mark.neo4j


def batches() -> list[Graph]:
    """Three writes of one build: authors written again with new aliases and properties, a paper
    (and its relationships) written twice, co-authors spread over writes, a method reached late."""
    method = Node("Method", "transformer", {"name": "Transformer", "aliases": ["Transformer"]})
    return [
        Graph(
            nodes=[paper("t1", "One", has_code=False), paper("t2", "Two"),
                   author("a", "Ann Lee"), author("b", "Bo Chen"), author("c", "Cy Park")],
            relationships=[authored("a", "t1", 1), authored("b", "t1", 2), authored("b", "t2", 1),
                           authored("c", "t2", 2)],
        ),
        Graph(
            nodes=[paper("t3", "Three"), author("a", "A. Lee"), author("b", "Bo Chen"),  # b unchanged
                   author("d", "Di Wu", h_index=4), method],
            relationships=[authored("a", "t3", 1), authored("d", "t3", 2),
                           Relationship("USES", ("Paper", "t3"), ("Method", "transformer"), EVIDENCE)],
        ),
        Graph(
            nodes=[paper("t1", "One again", has_code=True, abstract="A longer abstract of the first paper."),
                   author("a", "Ann Lee"), author("d", "Di Wu", h_index=5), author("e", "Ed Ode")],
            relationships=[authored("a", "t1", 1), authored("e", "t1", 3),
                           Relationship("PROPOSES", ("Paper", "t1"), ("Method", "transformer"), EVIDENCE)],
        ),
    ]


def built(store, reset_in_bulk: bool):
    if reset_in_bulk:
        with store.bulk(reset=True):
            for graph in batches():
                store.write(graph)
    else:
        store.reset()
        with store.bulk():
            for graph in batches():
                store.write(graph)
    shortcuts = store.cypher(
        f"MATCH (a:Author)-[:{METHOD_SHORTCUT}]->(m:Method) RETURN a.id AS a, m.id AS m ORDER BY a, m")
    return store.read_graph(), store.stats(), shortcuts


def test_a_build_on_an_emptied_database_writes_what_the_general_path_writes_without_asking_which_nodes_exist(
    neo4j_store, monkeypatch
):
    from graphkit.store import neo4j as module

    general = built(neo4j_store, reset_in_bulk=False)
    assert general[1]["relationships"]["COAUTHOR"] == 5 and len(general[2]) == 4

    asked: list[str] = []
    real = module._existing_query
    monkeypatch.setattr(module, "_existing_query", lambda label: asked.append(label) or real(label))
    fast = built(neo4j_store, reset_in_bulk=True)

    assert asked == []  # every node was known: no read of which ids are stored
    assert_same_graph(fast[0], general[0])
    assert fast[1:] == general[1:]
    # and writing the same again, now on a database that is not empty, changes nothing
    with neo4j_store.bulk():
        for graph in batches():
            neo4j_store.write(graph)
    assert_same_graph(neo4j_store.read_graph(), general[0])
    assert asked  # the general path


def test_a_node_another_writer_stores_during_such_a_build_is_merged_and_the_build_falls_back(neo4j_store):
    with neo4j_store.bulk(reset=True):
        first, second, third = batches()
        neo4j_store.write(first)
        with neo4j_store._driver.session(database=neo4j_store.database) as session:  # another writer
            session.run("CREATE (:Author {id: 'd', name: 'Di Wu', aliases: ['Di Wu'], affiliation: 'X'})").consume()
        neo4j_store.write(second)  # CREATE of d trips the constraint: the batch is merged instead
        assert neo4j_store._bulk_nodes is None  # from here on, as any other build
        neo4j_store.write(third)
    stats = neo4j_store.stats()
    assert stats["nodes"]["Author"] == 5
    d = neo4j_store.cypher("MATCH (n:Author {id: 'd'}) RETURN properties(n) AS p")[0]["p"]
    assert d["affiliation"] == "X" and d["h_index"] == 5 and d["papers"] == 1
    assert stats["relationships"]["COAUTHOR"] == 5  # derived by MERGE, each pair once
    pairs = neo4j_store.cypher("MATCH (a)-[r:COAUTHOR]->(b) RETURN a.id AS a, b.id AS b, r.papers AS n ORDER BY a, b")
    assert [(r["a"], r["b"], r["n"]) for r in pairs] == [
        ("a", "b", 1), ("a", "d", 1), ("a", "e", 1), ("b", "c", 1), ("b", "e", 1)]
