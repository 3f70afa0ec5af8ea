"""The Neo4j store against the real local Neo4j 5.26 server (no mocks)."""

from __future__ import annotations

import contextlib
import logging
import threading
import time

import networkx as nx
import pytest
from conftest import free_port
from paper_counts import recounted, stored

from graphkit.errors import QueryParameterError, ReadOnlyQueryError, StoreError, StoreUnavailable
from graphkit.model import Graph, Node, Relationship, node_key
from graphkit.schema import NODE_LABELS
from graphkit.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

EVIDENCE = {"sentence": "We propose the Transformer.", "start": 15, "end": 26, "rule": "propose_pattern"}


def paper(id: str, title: str, **props) -> Node:
    return Node("Paper", id, {"title": title, "abstract": f"Abstract of {title}.", "year": 2017, **props})


def author(id: str, name: str, **props) -> Node:
    return Node("Author", id, {"name": name, "aliases": [name], **props})


def authored(author_id: str, paper_id: str, position: int) -> Relationship:
    return Relationship("AUTHORED", ("Author", author_id), ("Paper", paper_id), {"position": position})


def small_graph() -> Graph:
    """Two papers, three authors, one of each entity kind."""
    return Graph(
        nodes=[
            paper("t1", "Attention Is All You Need", has_code=True, category="CL", date="2017-06-12", source="a.html"),
            paper("t2", "BERT", year=2019, venue=None),  # None is never stored
            author("ashish vaswani", "Ashish Vaswani", h_index=50),
            author("noam shazeer", "Noam Shazeer"),
            author("jacob devlin", "Jacob Devlin"),
            Node("Method", "transformer", {"name": "Transformer", "aliases": ["Transformer", "transformers"]}),
            Node("Dataset", "wmt 2014", {"name": "WMT 2014", "aliases": ["WMT 2014"]}),
            Node("Task", "machine translation", {"name": "machine translation", "aliases": []}),
            Node("Venue", "neurip", {"name": "NeurIPS", "aliases": ["NeurIPS"]}),
            Node("Category", "CL", {"name": "CL"}),
            Node("Affiliation", "google brain", {"name": "Google Brain"}),
        ],
        relationships=[
            authored("ashish vaswani", "t1", 1),
            authored("noam shazeer", "t1", 2),
            authored("noam shazeer", "t2", 2),
            authored("jacob devlin", "t2", 1),
            Relationship("PROPOSES", ("Paper", "t1"), ("Method", "transformer"), EVIDENCE),
            Relationship("USES", ("Paper", "t2"), ("Method", "transformer"), {**EVIDENCE, "rule": "uses"}),
            Relationship("EVALUATED_ON", ("Paper", "t1"), ("Dataset", "wmt 2014"), EVIDENCE),
            Relationship("ADDRESSES", ("Paper", "t1"), ("Task", "machine translation"), EVIDENCE),
            Relationship("PUBLISHED_IN", ("Paper", "t1"), ("Venue", "neurip")),
            Relationship("MENTIONS", ("Paper", "t2"), ("Venue", "neurip"), EVIDENCE),
            Relationship("IN_CATEGORY", ("Paper", "t1"), ("Category", "CL")),
            Relationship("AFFILIATED_WITH", ("Author", "ashish vaswani"), ("Affiliation", "google brain"), {"x": None}),
        ],
    )


def as_networkx(graph: Graph, coauthors: dict[tuple[str, str], int]) -> nx.MultiDiGraph:
    """What the store should hold for ``graph`` (None-valued properties absent) plus COAUTHOR."""
    expected = nx.MultiDiGraph()
    for node in graph.nodes:
        props = {k: v for k, v in node.properties.items() if v is not None}
        expected.add_node(node.key, label=node.label, id=node.id, **props)
    for rel in graph.relationships:
        props = {k: v for k, v in rel.properties.items() if v is not None}
        expected.add_edge(node_key(*rel.start), node_key(*rel.end), key=rel.type, type=rel.type, **props)
    for (a, b), papers in coauthors.items():
        expected.add_edge(node_key("Author", a), node_key("Author", b), key="COAUTHOR", type="COAUTHOR", papers=papers)
    for node, papers in recounted(expected).items():
        expected.nodes[node]["papers"] = papers
    return expected


def assert_same_graph(actual: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert dict(actual.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(actual.edges(keys=True, data=True), key=repr) == sorted(
        expected.edges(keys=True, data=True), key=repr
    )


def test_write_reads_back_every_node_relationship_and_property(neo4j_store):
    summary = neo4j_store.write(small_graph())

    expected = as_networkx(small_graph(), {("ashish vaswani", "noam shazeer"): 1, ("jacob devlin", "noam shazeer"): 1})
    assert_same_graph(neo4j_store.read_graph(), expected)
    assert "venue" not in neo4j_store.read_graph().nodes["Paper:t2"]
    assert summary.nodes_created == {"Paper": 2, "Author": 3, "Method": 1, "Dataset": 1, "Task": 1, "Venue": 1,
                                     "Category": 1, "Affiliation": 1}
    assert summary.relationships_created["AUTHORED"] == 4
    assert summary.relationships_created["COAUTHOR"] == 2
    stats = neo4j_store.stats()
    assert stats["nodes"]["Author"] == 3 and stats["relationships"]["COAUTHOR"] == 2
    assert set(stats["nodes"]) == set(NODE_LABELS)


def test_writing_twice_changes_nothing(neo4j_store):
    neo4j_store.write(small_graph())
    first_stats, first_graph = neo4j_store.stats(), neo4j_store.read_graph()

    summary = neo4j_store.write(small_graph())

    assert summary.nodes_created == {} and summary.nodes_updated == {} and summary.relationships_created == {}
    assert neo4j_store.stats() == first_stats
    assert_same_graph(neo4j_store.read_graph(), first_graph)


def test_coauthor_weights_are_recomputed_not_added(neo4j_store):
    neo4j_store.write(small_graph())
    second = Graph(
        nodes=[
            paper("t3", "Tensor2Tensor"),
            author("ashish vaswani", "Ashish Vaswani"),
            author("noam shazeer", "Noam Shazeer"),
        ],
        relationships=[authored("noam shazeer", "t3", 1), authored("ashish vaswani", "t3", 2)],
    )
    neo4j_store.write(second)
    neo4j_store.write(second)  # a rerun must not count the joint paper again

    rows = neo4j_store.cypher(
        "MATCH (a:Author)-[r:COAUTHOR]-(b:Author) WHERE a.id < b.id RETURN a.id AS a, b.id AS b, r.papers AS papers "
        "ORDER BY a, b"
    )
    assert rows == [
        {"a": "ashish vaswani", "b": "noam shazeer", "papers": 2},
        {"a": "jacob devlin", "b": "noam shazeer", "papers": 1},
    ]
    directed = neo4j_store.cypher("MATCH (a:Author)-[:COAUTHOR]->(b:Author) RETURN a.id < b.id AS ordered")
    assert directed == [{"ordered": True}, {"ordered": True}]


def test_bulk_sets_coauthor_once_at_the_end_and_a_repeated_node_in_one_graph_is_merged(neo4j_store):
    second = Graph(
        nodes=[paper("t3", "Tensor2Tensor"), author("ashish vaswani", "Ashish Vaswani", aliases=["A. Vaswani"]),
               author("ashish vaswani", "Ashish V.", aliases=["Ashish V."]), author("noam shazeer", "Noam Shazeer")],
        relationships=[authored("noam shazeer", "t3", 1), authored("ashish vaswani", "t3", 2)],
    )
    with neo4j_store.bulk(reset=True):
        neo4j_store.write(small_graph())
        neo4j_store.write(second)
        assert neo4j_store.stats()["relationships"]["COAUTHOR"] == 0  # deferred to the end of the build

    rows = neo4j_store.cypher(
        "MATCH (a:Author)-[r:COAUTHOR]->(b:Author) RETURN a.id AS a, b.id AS b, r.papers AS papers ORDER BY a, b"
    )
    assert rows == [
        {"a": "ashish vaswani", "b": "noam shazeer", "papers": 2},
        {"a": "jacob devlin", "b": "noam shazeer", "papers": 1},
    ]
    stored = neo4j_store.read_graph().nodes["Author:ashish vaswani"]
    assert stored["name"] == "Ashish Vaswani"  # first value kept, as in graphkit.build.derive.merge_properties
    assert stored["aliases"][-2:] == ["A. Vaswani", "Ashish V."]


def test_paper_counts_stay_exact_through_incremental_repeated_and_interrupted_writes(neo4j_store):
    neo4j_store.write(small_graph())
    # t3 both proposes and uses the Transformer (one paper for its count) and adds a paper to Noam Shazeer
    third = Graph(
        nodes=[
            paper("t3", "Tensor2Tensor"),
            author("noam shazeer", "Noam Shazeer"),
            author("lukasz kaiser", "Lukasz Kaiser"),
        ],
        relationships=[
            authored("noam shazeer", "t3", 1),
            Relationship("PROPOSES", ("Paper", "t3"), ("Method", "transformer"), EVIDENCE),
            Relationship("USES", ("Paper", "t3"), ("Method", "transformer"), EVIDENCE),
        ],
    )
    neo4j_store.write(third)
    neo4j_store.write(third)  # again: counted, not added
    graph = neo4j_store.read_graph()
    assert stored(graph) == recounted(graph)
    counts = stored(graph)
    assert (counts["Author:noam shazeer"], counts["Method:transformer"], counts["Author:lukasz kaiser"]) == (3, 3, 0)

    with pytest.raises(RuntimeError), neo4j_store.bulk(reset=True):  # a build cut off after its writes
        neo4j_store.write(small_graph())
        raise RuntimeError("interrupted")
    assert "papers" not in neo4j_store.read_graph().nodes["Author:noam shazeer"]
    with neo4j_store.bulk():  # the rerun of the same build sets them
        neo4j_store.write(small_graph())
    graph = neo4j_store.read_graph()
    assert stored(graph) == recounted(graph) and stored(graph)["Method:transformer"] == 2


def method_shortcuts(store) -> tuple[set, set]:
    """(stored USES_METHOD pairs, the pairs AUTHORED -> PROPOSES|USES in the graph) as (author, method) ids."""
    stored_pairs = {
        (r["a"], r["m"])
        for r in store.cypher("MATCH (a:Author)-[:USES_METHOD]->(m:Method) RETURN a.id AS a, m.id AS m")
    }
    graph = store.read_graph()
    derived = {
        (graph.nodes[a]["id"], graph.nodes[m]["id"])
        for a, p, t in graph.edges(keys=True) if t == "AUTHORED"
        for _, m, t2 in graph.out_edges(p, keys=True) if t2 in ("PROPOSES", "USES")
    }
    return stored_pairs, derived


def test_method_shortcuts_follow_authorship_and_method_links_and_stay_out_of_the_schema_graph(neo4j_store):
    neo4j_store.write(small_graph())
    stored_pairs, derived = method_shortcuts(neo4j_store)
    assert stored_pairs == derived == {("ashish vaswani", "transformer"), ("noam shazeer", "transformer"),
                                       ("jacob devlin", "transformer")}
    # a later write links a stored paper to a new method without repeating its authors
    neo4j_store.write(Graph(nodes=[Node("Method", "bert", {"name": "BERT"})],
                            relationships=[Relationship("PROPOSES", ("Paper", "t2"), ("Method", "bert"), EVIDENCE)]))
    stored_pairs, derived = method_shortcuts(neo4j_store)
    assert stored_pairs == derived and {("jacob devlin", "bert"), ("noam shazeer", "bert")} <= stored_pairs
    assert "USES_METHOD" not in neo4j_store.stats()["relationships"]
    assert all(t != "USES_METHOD" for _, _, t in neo4j_store.read_graph().edges(keys=True))

    with pytest.raises(RuntimeError), neo4j_store.bulk(reset=True):  # a build cut off after its writes
        neo4j_store.write(small_graph())
        raise RuntimeError("interrupted")
    assert method_shortcuts(neo4j_store)[0] == set()
    with neo4j_store.bulk():  # the rerun sets them
        neo4j_store.write(small_graph())
        neo4j_store.write(small_graph())
    stored_pairs, derived = method_shortcuts(neo4j_store)
    assert stored_pairs == derived and len(stored_pairs) == 3


def test_rankings_read_the_top_of_the_paper_count_index(neo4j_store):
    from graphkit.query import load_queries

    neo4j_store.write(small_graph())
    indexes = neo4j_store.cypher("SHOW RANGE INDEXES YIELD labelsOrTypes, properties WHERE properties = ['papers'] "
                                 "RETURN labelsOrTypes[0] AS label ORDER BY label")
    assert [row["label"] for row in indexes] == ["Author", "Dataset", "Method", "Task", "Venue"]
    for name in ("top-authors", "top-methods", "top-datasets", "top-tasks"):
        operators = neo4j_plan_operators(neo4j_store, load_queries()[name].cypher)
        assert any(op.startswith("NodeIndexSeekByRange") or op.startswith("NodeIndexScan") for op in operators), (
            operators
        )
        assert any(op.startswith("PartialTop") for op in operators), operators


def neo4j_plan_operators(store, query: str) -> list[str]:
    """Operator names of the plan Neo4j picks for ``query`` (EXPLAIN: nothing runs)."""
    with store._session() as session:
        plan = session.run("EXPLAIN " + query, limit=10).consume().plan
    names, todo = [], [plan]
    while todo:
        step = todo.pop()
        names.append(step["operatorType"])
        todo += step.get("children", [])
    return names


def test_a_node_written_again_follows_the_merge_rule(neo4j_store):
    neo4j_store.write(Graph(nodes=[
        author("wei shi zheng", "Wei-Shi Zheng", h_index=3),
        paper("t9", "A Paper", abstract="Short.", has_code=True, source="first.html"),
    ]))
    summary = neo4j_store.write(Graph(nodes=[
        author("wei shi zheng", "Weishi Zheng", h_index=4, citations=None),
        paper("t9", "A paper", abstract="A longer abstract.", has_code=False, source="second.html", year=None),
    ]))

    graph = neo4j_store.read_graph()
    assert graph.nodes["Author:wei shi zheng"] == {
        "label": "Author", "id": "wei shi zheng", "name": "Wei-Shi Zheng",
        "aliases": ["Wei-Shi Zheng", "Weishi Zheng"], "h_index": 4, "papers": 0,
    }
    assert graph.nodes["Paper:t9"] == {
        "label": "Paper", "id": "t9", "title": "A Paper", "abstract": "A longer abstract.", "year": 2017,
        "has_code": True, "source": "first.html",
    }
    assert summary.nodes_updated == {"Author": 1, "Paper": 1} and summary.nodes_created == {}


def test_every_label_has_a_uniqueness_constraint_on_id(neo4j_store):
    neo4j_store.write(Graph())
    rows = neo4j_store.cypher("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties")
    unique = {row["labelsOrTypes"][0] for row in rows if row["type"] == "UNIQUENESS" and row["properties"] == ["id"]}
    assert unique == set(NODE_LABELS)


@pytest.mark.parametrize("query", [
    "CREATE (:Paper {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Author) SET a.name = 'hacked'",
    "MERGE (:Author {id: 'intruder'})",
    "CREATE INDEX hack IF NOT EXISTS FOR (n:Paper) ON (n.title)",
])
def test_cypher_refuses_writes(neo4j_store, query):
    neo4j_store.write(small_graph())
    before = neo4j_store.read_graph()

    with pytest.raises(ReadOnlyQueryError, match="only read"):
        neo4j_store.cypher(query)

    assert_same_graph(neo4j_store.read_graph(), before)


def test_cypher_reads_with_parameters(neo4j_store):
    neo4j_store.write(small_graph())

    rows = neo4j_store.cypher("MATCH (a:Author {id: $id})-[r:AUTHORED]->(p:Paper) RETURN p, r ORDER BY p.id",
                              {"id": "noam shazeer"})

    assert [row["p"]["title"] for row in rows] == ["Attention Is All You Need", "BERT"]
    assert rows[0]["p"]["label"] == "Paper" and rows[0]["r"] == {"type": "AUTHORED", "position": 2}
    with pytest.raises(QueryParameterError):
        neo4j_store.cypher("MATCH (a:Author {id: $id}) RETURN a")
    with pytest.raises(StoreError, match="rejected the query"):
        neo4j_store.cypher("MATCH (a:Author RETURN a")


def test_relationship_to_a_missing_node_is_an_error(neo4j_store):
    graph = Graph(nodes=[paper("t1", "Only Paper")], relationships=[authored("nobody", "t1", 1)])
    with pytest.raises(StoreError, match="Author 'nobody'"):
        neo4j_store.write(graph)


def test_a_relationship_repeated_in_one_graph_is_one_relationship_with_the_later_properties(neo4j_store):
    # both ends are new, so the store CREATEs the relationship: the repeat must not become a second one
    graph = Graph(
        nodes=[paper("t1", "One Paper"), author("jacob devlin", "Jacob Devlin")],
        relationships=[authored("jacob devlin", "t1", 1), authored("jacob devlin", "t1", 2)],
    )
    summary = neo4j_store.write(graph)

    rows = neo4j_store.cypher("MATCH (:Author)-[r:AUTHORED]->(:Paper) RETURN r.position AS position")
    assert rows == [{"position": 2}]  # as the embedded store: one edge, the later value
    assert summary.relationships_created == {"AUTHORED": 1}


def test_a_node_another_writer_stored_after_the_pre_read_is_merged_not_duplicated(neo4j_store, monkeypatch):
    from graphkit.store import neo4j as module

    neo4j_store.write(small_graph())
    reference = neo4j_store.read_graph()
    # the race: the pre-read sees none of the batch's ids, yet they are stored when it CREATEs
    monkeypatch.setattr(module, "_existing_query",
                        lambda label: "UNWIND $ids AS id WITH id WHERE false RETURN collect(id) AS ids")
    again = small_graph()
    again.nodes.append(author("new author", "New Author"))

    summary = neo4j_store.write(again)

    assert summary.nodes_created == {"Author": 1}  # the CREATE was rolled back and the batch merged
    expected = reference.copy()
    expected.add_node("Author:new author", label="Author", id="new author", name="New Author", aliases=["New Author"],
                      papers=0)  # the count the store keeps: no AUTHORED yet
    assert_same_graph(neo4j_store.read_graph(), expected)


def test_a_batch_tried_again_merges_instead_of_creating(neo4j_store):
    from neo4j.exceptions import ServiceUnavailable

    attempts: list[bool] = []

    def work(tx, create: bool) -> int:
        attempts.append(create)
        count = tx.run("CREATE (n:Category {id: 'retried'}) RETURN count(n) AS c" if create else
                       "MERGE (n:Category {id: 'retried'}) RETURN count(n) AS c").single()["c"]
        if len(attempts) == 1:  # as if the connection dropped after the commit was sent
            raise ServiceUnavailable("connection lost (test)")
        return count

    assert neo4j_store._write_create_first(work, "writing a test batch") == 1
    assert attempts == [True, False]  # the driver's retry runs the batch again, as MERGE
    assert neo4j_store.stats()["nodes"]["Category"] == 1


HOSTILE = [
    "O'Neil \"the\" `tick`",
    "x'}) DETACH DELETE n //",
    'y"}) DETACH DELETE n //',
    "z`}) MATCH (m) DETACH DELETE m //",
    "{braces} $param ${x} \\u0041 \\' \\\\",
    "Jörg Tiedemann — 中文 名字 😀 \u200b",
    "line\nbreak\ttab",
]


def test_hostile_text_is_stored_verbatim_and_changes_no_query(neo4j_store):
    nodes = [paper("t0", "Anchor Paper")]
    relationships = []
    for i, text in enumerate(HOSTILE):
        nodes.append(Node("Author", text, {"name": text, "aliases": [text]}))
        nodes.append(Node("Method", f"m{i}", {"name": text, "aliases": [text]}))
        nodes.append(paper(f"t{i + 1}", text, abstract=text))
        relationships.append(authored(text, "t0", i + 1))
        relationships.append(Relationship("PROPOSES", ("Paper", f"t{i + 1}"), ("Method", f"m{i}"),
                                          {"sentence": text, "start": 0, "end": len(text), "rule": text}))
    graph = Graph(nodes, relationships)
    neo4j_store.write(graph)
    neo4j_store.write(graph)

    stored = neo4j_store.read_graph()
    for i, text in enumerate(HOSTILE):
        assert stored.nodes[node_key("Author", text)]["name"] == text
        assert stored.nodes[node_key("Method", f"m{i}")]["aliases"] == [text]
        assert stored.nodes[node_key("Paper", f"t{i + 1}")]["title"] == text
        assert stored.edges[node_key("Paper", f"t{i + 1}"), node_key("Method", f"m{i}"), "PROPOSES"]["sentence"] == text
        rows = neo4j_store.cypher("MATCH (a:Author {name: $name}) RETURN a.id AS id", {"name": text})
        assert rows == [{"id": text}]
    assert neo4j_store.stats()["nodes"]["Author"] == len(HOSTILE)
    assert stored.number_of_nodes() == 1 + 3 * len(HOSTILE)


def test_labels_and_types_never_come_from_input(neo4j_store):
    with pytest.raises(StoreError, match="not in the graph schema"):
        neo4j_store.write(Graph(nodes=[Node("Paper {id: 'x'}) DETACH DELETE n //", "x", {})]))
    with pytest.raises(StoreError, match="not in the graph schema"):
        neo4j_store.write(
            Graph(
                nodes=[paper("t1", "P")],
                relationships=[Relationship("CITES]->() DETACH DELETE n //", ("Paper", "t1"), ("Paper", "t1"))],
            )
        )
    assert neo4j_store.stats()["nodes"]["Paper"] == 0


def test_untitled_records_find_their_paper_by_abstract(neo4j_store):
    from graphkit.keys import abstract_key

    neo4j_store.write(Graph(nodes=[paper("t1", "Titled", abstract="We study  GRAPHS.")]))
    assert neo4j_store.find_papers_by_abstract({abstract_key("We study graphs"), "no such"}) == {
        abstract_key("We study graphs"): "t1"
    }
    neo4j_store.write(Graph(nodes=[paper("t2", "Second", abstract="Another one.")]))
    assert neo4j_store.find_papers_by_abstract({abstract_key("another one")}) == {"another one": "t2"}


# -- faults: fail fast, say what to check, never show the password ------------------------------


def test_wrong_password_fails_fast_without_showing_it(neo4j_server, caplog):
    wrong = "wrong-" + neo4j_server.password[::-1]
    caplog.set_level(logging.DEBUG, logger="neo4j")
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as raised:
        Neo4jStore(neo4j_server.uri, username="neo4j", password=wrong)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert "NEO4J_PASSWORD" in message and "\n" not in message
    for secret in (wrong, neo4j_server.password):
        assert secret not in message
        assert secret not in caplog.text


def test_nothing_listening_fails_fast_and_says_what_to_check(neo4j_server):
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="cannot be reached: check that the server is running") as raised:
        Neo4jStore(f"bolt://127.0.0.1:{free_port()}", password=neo4j_server.password)
    assert time.monotonic() - started < 5
    assert neo4j_server.password not in str(raised.value)


def test_unreachable_host_fails_within_the_connection_timeout(neo4j_server):
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="cannot be reached"):
        # 192.0.2.0/24 is TEST-NET-1: never routed, so the connection attempt hangs or is refused
        Neo4jStore("bolt://192.0.2.1:7687", password=neo4j_server.password, connection_timeout=1.0)
    assert time.monotonic() - started < 6


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "localhost:7687", ""])
def test_a_uri_that_is_not_bolt_is_refused_with_what_to_use(uri, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreUnavailable, match="bolt://HOST:7687"):
        Neo4jStore(uri, password="x")


def test_credentials_in_the_uri_never_reach_a_message(neo4j_server):
    with pytest.raises(StoreUnavailable) as raised:
        Neo4jStore(f"bolt://neo4j:hunter2secret@127.0.0.1:{free_port()}", password=neo4j_server.password)
    assert "hunter2secret" not in str(raised.value)


# -- a server that goes away in the middle of a big write -----------------------------------------


def big_graph(papers: int = 600) -> Graph:
    nodes, relationships = [], []
    for p in range(papers):
        nodes.append(paper(f"t{p:05d}", f"Paper {p}", abstract=f"Abstract {p} " * 20))
        for position, a in enumerate((p % 400, (p * 7 + 1) % 400, (p * 13 + 2) % 400), start=1):
            relationships.append(authored(f"author {a:03d}", f"t{p:05d}", position))
    nodes += [author(f"author {a:03d}", f"Author {a:03d}") for a in range(400)]
    return Graph(nodes, relationships)


@pytest.mark.slow
def test_server_killed_mid_write_then_rerun_converges(neo4j_server, neo4j_store, caplog):
    graph = big_graph()
    neo4j_store.write(graph)  # the uninterrupted reference
    reference = neo4j_store.read_graph()
    neo4j_store.reset()

    caplog.set_level(logging.DEBUG, logger="neo4j")
    batches = 0

    def kill_after_two_batches(rows: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            neo4j_server.kill()

    store = Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=100, retry_time=1.0,
                       batch_attempts=2)
    started = time.monotonic()
    try:
        with pytest.raises(StoreUnavailable, match="cannot be reached while writing .*run the same command again"):
            store.write(graph, progress=kill_after_two_batches)
        assert time.monotonic() - started < 30
        assert neo4j_server.password not in caplog.text
    finally:
        store.close()
        neo4j_server.start()

    with Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=100) as rerun:
        partial = rerun.stats()["nodes"]["Paper"]
        assert 0 < partial < 600  # the kill really landed part-way
        rerun.write(graph)
        assert_same_graph(rerun.read_graph(), reference)


@pytest.mark.slow
def test_connection_lost_during_a_write_is_retried_until_the_server_is_back(neo4j_server, neo4j_store):
    graph = big_graph(400)
    neo4j_store.write(graph)
    reference = neo4j_store.read_graph()
    neo4j_store.reset()

    restarted = threading.Event()

    def restart() -> None:
        neo4j_server.kill()
        neo4j_server.start()
        restarted.set()

    batches = 0

    def restart_after_first_batch(rows: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 1:
            threading.Thread(target=restart, daemon=True).start()
            time.sleep(0.5)

    with Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=100, retry_time=120.0) as store:
        store.write(graph, progress=restart_after_first_batch)
        assert restarted.wait(120)
        assert_same_graph(store.read_graph(), reference)


# -- transient errors: a real lock held by another transaction -------------------------------------


class LogWatch(logging.Handler):
    """Collects the messages of ``logger`` that contain ``text``; ``seen`` is set at the first."""

    def __init__(self, logger: str, text: str) -> None:
        super().__init__(logging.DEBUG)
        self.logger, self.text = logging.getLogger(logger), text
        self.messages: list[str] = []
        self.seen = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.text in message:
            self.messages.append(message)
            self.seen.set()

    def __enter__(self) -> LogWatch:
        self.logger.addHandler(self)
        self._level = self.logger.level
        self.logger.setLevel(min(self._level or logging.WARNING, logging.WARNING))
        return self

    def __exit__(self, *exc) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(self._level)


@contextlib.contextmanager
def write_lock_held(server, author_id: str, until: threading.Event):
    """Another session holds a write lock on Author ``author_id`` (an uncommitted SET) until
    ``until`` is set (or 60 s pass), then rolls back; yields once the lock is taken."""
    import neo4j

    held, failure = threading.Event(), []

    def hold() -> None:
        try:
            with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
                with driver.session() as session, session.begin_transaction() as tx:
                    locked = tx.run("MATCH (a:Author {id: $id}) SET a.blocked = true RETURN count(a) AS n",
                                    id=author_id).single()["n"]
                    assert locked == 1, f"no Author {author_id!r} to lock"
                    held.set()
                    until.wait(60)
                    tx.rollback()
        except BaseException as err:  # reported by the test, not lost in the thread
            failure.append(err)
            held.set()

    blocker = threading.Thread(target=hold, daemon=True)
    blocker.start()
    assert held.wait(30) and not failure, failure
    try:
        yield
    finally:
        until.set()
        blocker.join(30)
    assert not failure, failure


def test_a_lock_timeout_during_a_write_is_retried_and_the_write_completes(neo4j_server, neo4j_store):
    graph = big_graph(400)
    neo4j_store.write(graph)  # the undisturbed reference
    reference = neo4j_store.read_graph()
    neo4j_store.reset()
    locked = next(node for node in graph.nodes if node.id == "author 007")
    neo4j_store.write(Graph([locked], []))  # the node the other session will lock, as the graph has it

    with LogWatch("neo4j", "LockAcquisitionTimeout") as retries:
        # the blocker lets go once the driver has logged a LockAcquisitionTimeout it will retry
        with write_lock_held(neo4j_server, "author 007", until=retries.seen):
            started = time.monotonic()
            with Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=100, retry_time=60) as store:
                store.write(graph)
                elapsed = time.monotonic() - started

    assert retries.messages and all("will be retried in" in m for m in retries.messages), retries.messages
    assert elapsed >= 1.0  # it really waited out the server's lock timeout (1 s) and a backoff
    assert_same_graph(neo4j_store.read_graph(), reference)  # no `blocked`, nothing lost or doubled


def test_a_lock_held_past_the_retry_time_gives_a_clear_error_and_a_rerun_converges(neo4j_server, neo4j_store):
    graph = big_graph(200)
    neo4j_store.write(graph)
    reference = neo4j_store.read_graph()
    neo4j_store.reset()
    neo4j_store.write(Graph([next(node for node in graph.nodes if node.id == "author 007")], []))

    with write_lock_held(neo4j_server, "author 007", until=threading.Event()):  # held until the write gave up
        started = time.monotonic()
        with Neo4jStore(neo4j_server.uri, password=neo4j_server.password, batch_size=100, retry_time=1.5) as store:
            with pytest.raises(StoreError) as raised:
                store.write(graph)
        elapsed = time.monotonic() - started
    message = str(raised.value)
    assert (
        "kept failing with Neo.TransientError.Transaction.LockAcquisitionTimeout while writing Author nodes" in message
    )
    assert "after 1.5s of retries" in message and "run the same command again" in message
    assert "\n" not in message and neo4j_server.password not in message
    assert 2.0 <= elapsed < 30  # retried (the first try alone takes the 1 s lock timeout), then stopped

    neo4j_store.write(graph)
    assert_same_graph(neo4j_store.read_graph(), reference)


def test_reset_retries_a_lock_timeout(neo4j_server, neo4j_store):
    neo4j_store.write(big_graph(50))
    with LogWatch("graphkit.store.neo4j", "LockAcquisitionTimeout while emptying") as retries:
        with write_lock_held(neo4j_server, "author 007", until=retries.seen):
            neo4j_store.reset()
    assert retries.messages
    assert sum(neo4j_store.stats()["nodes"].values()) == 0


def test_names_read_while_nodes_are_deleted_are_whole_names(neo4j_store, neo4j_server):
    """An identity merge deletes the node it merges away; a names() scan running meanwhile must
    not return a half-read node (Neo4j reads a node deleted under the scan as nulls)."""
    neo4j_store.write(Graph(nodes=[Node("Author", f"a{i}", {"name": f"Author {i}"}) for i in range(3000)]))
    stop = threading.Event()

    def churn() -> None:
        import neo4j

        auth = (neo4j_server.username, neo4j_server.password)
        with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as driver:
            i = 0
            while not stop.is_set():
                key = f"a{i % 3000}"
                driver.execute_query("MATCH (n:Author {id: $id}) DETACH DELETE n", id=key)
                driver.execute_query("CREATE (:Author {id: $id, name: $name})", id=key, name=f"Author {i % 3000}")
                i += 1

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            for name in neo4j_store.names("Author"):
                assert isinstance(name.id, str) and isinstance(name.name, str), name
    finally:
        stop.set()
        worker.join()
