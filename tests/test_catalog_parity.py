"""Every stored query gives the same rows on Neo4j (its Cypher) and on the embedded store (its twin).

The hand-built graph of ``catalog_graph.py`` is written to both stores through their ``write``; each
catalog entry then runs with realistic parameters (names as people type them, ties, papers without a
year, an untitled paper, unknown names) and with hostile ones (quotes, backslashes, braces, Cypher
keywords, unicode), which must come back verbatim and change nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalog_graph import (
    HOSTILE_AUTHOR,
    HOSTILE_METHOD,
    HOSTILE_TITLE,
    KEYWORD_DATASET,
    PAPERS,
    QUOTED_AUTHOR,
    UNICODE_AUTHOR,
    UNICODE_TASK,
    catalog_graph,
)
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.errors import NotFound, QueryParameterError, ReadOnlyQueryError
from graphkit.keys import paper_id
from graphkit.query import load_queries, run_stored
from graphkit.store import open_store

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parent.parent

UNTITLED = next(p for p in catalog_graph().nodes if p.label == "Paper" and "title" not in p.properties).id

VALUES = {
    "author": ["Sijie Mai", "haifeng hu", "Mai, Sijie", "Ronghao Lin", "Xichen Pan", "Ada Lone", "Nobody Here",
               HOSTILE_AUTHOR, QUOTED_AUTHOR, UNICODE_AUTHOR],
    "method": ["contrastive learning", "Transformer", "graph neural networks", "meta uni-label generation",
               HOSTILE_METHOD, "no such method"],
    "dataset": ["CMU-MOSI", "cmu mosei", KEYWORD_DATASET, "no such dataset"],
    "task": ["Multimodal Sentiment Analysis", "multimodal affective computing", UNICODE_TASK],
    "venue": ["ACL", "CVPR", "WACV", "NeurIPS"],
    "paper": [PAPERS[0][0], PAPERS[0][0].lower(), PAPERS[3][0], PAPERS[8][0], HOSTILE_TITLE, UNTITLED, "No Such Paper"],
}  # fmt: skip
PATHS = [("Suofei Zhang", "Sijie Mai"), ("Sijie Mai", UNICODE_AUTHOR), ("Yaxuan Zheng", "Yu Zhao"),
         ("Sijie Mai", "Ada Lone"), ("Sijie Mai", "sijie mai"), (HOSTILE_AUTHOR, QUOTED_AUTHOR)]  # fmt: skip


def cases():
    for query in load_queries().values():
        names = [p.name for p in query.parameters if p.type != "int"]
        has_limit = any(p.name == "limit" for p in query.parameters)
        if query.name == "collaboration-path":
            sets = [{"a": a, "b": b} for a, b in PATHS]
        elif not names:
            sets = [{}, {"limit": 1}, {"limit": 0}, {"limit": 100}]
        else:
            (name,) = names
            ptype = next(p.type for p in query.parameters if p.name == name)
            sets = [{name: value} for value in VALUES[ptype]]
            if has_limit:
                sets.append({name: VALUES[ptype][0], "limit": 1})
        for params in sets:
            yield pytest.param(query.name, params, id=f"{query.name}-{json.dumps(params, ensure_ascii=True)[:60]}")


@pytest.fixture(scope="module")
def catalog_stores(neo4j_server, tmp_path_factory):
    from graphkit.store.neo4j import Neo4jStore

    graph = catalog_graph()
    embedded = open_store(store_dir=tmp_path_factory.mktemp("embedded"))
    embedded.write(graph)
    server = Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password)
    server.reset()
    server.write(graph)
    yield {"networkx": embedded, "neo4j": server}
    embedded.close()
    server.close()


@pytest.fixture
def stores(catalog_stores):
    """Both stores holding the catalog graph: the seed tests below share the one server, so a test
    after them writes the catalog graph again."""
    server = catalog_stores["neo4j"]
    if server.stats() != catalog_stores["networkx"].stats():
        server.reset()
        server.write(catalog_graph())
    return catalog_stores


@pytest.mark.parametrize("name, params", list(cases()))
def test_both_stores_give_the_same_rows(stores, name, params):
    query = load_queries()[name]

    def answer(store):
        try:
            return run_stored(store, query, params)
        except NotFound as err:  # an unknown name: the same message ("did you mean") from both stores
            return str(err)

    offline, server = answer(stores["networkx"]), answer(stores["neo4j"])
    if isinstance(offline, str) or isinstance(server, str):
        assert server == offline
        return
    assert [list(row) for row in server] == [list(row) for row in offline]  # same columns, in order
    if query.ordered:
        assert server == offline
    else:
        assert sorted(map(repr, server)) == sorted(map(repr, offline))


def test_the_seed_examples_have_rows_on_both_stores(stores):
    for store in stores.values():
        coauthors = run_stored(store, "coauthors", {"name": "Sijie Mai"})
        assert [r["coauthor"] for r in coauthors[:2]] == ["Haifeng Hu", "Ying Zeng"]
        chain = run_stored(store, "collaboration-path", {"a": "Suofei Zhang", "b": "Sijie Mai"})
        assert [r["author"] for r in chain] == ["Suofei Zhang", "Haifeng Hu", "Sijie Mai"]
        entities = run_stored(store, "paper-entities", {"title": HOSTILE_TITLE})
        assert {r["entity"] for r in entities} == {HOSTILE_METHOD, "transformer", KEYWORD_DATASET, UNICODE_TASK}
        titles = [r["title"] for r in run_stored(store, "author-papers", {"name": HOSTILE_AUTHOR})]
        assert titles == [HOSTILE_TITLE]


@pytest.mark.parametrize("kind", ["networkx", "neo4j"])
def test_hostile_parameters_leave_the_graph_unchanged(stores, kind):
    store = stores[kind]
    before = store.stats()
    hostile = [HOSTILE_AUTHOR, QUOTED_AUTHOR, HOSTILE_TITLE, "'}) DETACH DELETE n //", '"}) SET n.x = 1 //',
               "\\'); CREATE (:Author {id: 'x'}) //", "$name", "`id`", "{}", "MATCH (n) DETACH DELETE n"]
    for query in load_queries().values():
        for value in hostile:
            params = {p.name: value for p in query.parameters if p.type != "int"}
            try:
                run_stored(store, query, params)
            except (QueryParameterError, NotFound):
                pass  # a value with no letters has no key to look up; a name of nothing is NotFound
    assert store.stats() == before
    assert before["nodes"]["Paper"] == len(PAPERS)


@pytest.mark.parametrize("kind", ["networkx", "neo4j"])
def test_adhoc_cypher_passes_parameters_as_parameters_and_refuses_writes(stores, kind):
    store = stores[kind]
    # `==` is grand-cypher's equality; Neo4j's is `=`
    eq = "==" if kind == "networkx" else "="
    for value in [HOSTILE_AUTHOR, QUOTED_AUTHOR, UNICODE_AUTHOR]:
        rows = store.cypher(f"MATCH (a:Author) WHERE a.name {eq} $name RETURN a.name", {"name": value})
        assert rows == [{"a.name": value}]
    with pytest.raises(ReadOnlyQueryError):
        store.cypher("MATCH (n) DETACH DELETE n")
    assert store.stats()["nodes"]["Paper"] == len(PAPERS)


def test_cli_query_on_neo4j(stores, neo4j_server):
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_USERNAME": neo4j_server.username,
           "NEO4J_PASSWORD": neo4j_server.password}
    result = CliRunner().invoke(cli, ["query", "coauthors", "-p", "name", "sijie mai", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[:2] == [
        {"coauthor": "Haifeng Hu", "id": "haifeng hu", "joint_papers": 4},
        {"coauthor": "Ying Zeng", "id": "ying zeng", "joint_papers": 3},
    ]
    title = CliRunner().invoke(cli, ["query", "paper-authors", "-p", "title", paper_id(PAPERS[0][0], ""),
                                     "--format", "csv"], env=env)
    assert title.output.splitlines()[1:] == [
        "1,Sijie Mai,sijie mai",
        "2,Ying Zeng,ying zeng",
        "3,Haifeng Hu,haifeng hu",
    ]


# -- the seed pages, through the real pipeline, into both stores ------------------------------------


@pytest.fixture(scope="module")
def seed_stores(neo4j_server, tmp_path_factory):
    from graphkit.build.run import build_paths
    from graphkit.store.neo4j import Neo4jStore

    seeds = [str(REPO / "seeds")]
    embedded = open_store(store_dir=tmp_path_factory.mktemp("seeds"))
    build_paths(seeds, embedded)
    server = Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password)
    server.reset()
    build_paths(seeds, server)
    yield {"networkx": embedded, "neo4j": server}
    embedded.close()
    server.close()


def seed_parameters(graph, query):
    """Realistic values from the seed graph: the best-connected names of each kind, as people type them."""
    if query.name == "collaboration-path":
        return [{"a": "Suofei Zhang", "b": "Sijie Mai"}, {"a": "Xichen Pan", "b": "Haifeng Hu"},
                {"a": "Ronghao Lin", "b": "Yuedong Yang"}]
    label_of = {"author": "Author", "method": "Method", "dataset": "Dataset", "task": "Task", "venue": "Venue",
                "paper": "Paper"}
    sets = [{}]
    for param in query.parameters:
        if param.type == "int":
            continue
        label = label_of[param.type]
        nodes = sorted((n for n, a in graph.nodes(data=True) if a["label"] == label),
                       key=lambda n: (-graph.degree(n), n))[:4]
        field = "title" if label == "Paper" else "name"
        values = [graph.nodes[n].get(field) or graph.nodes[n]["id"] for n in nodes]
        if label == "Author":
            values = ["sijie mai", *values]
        sets = [{param.name: value} for value in values]
    return sets


@pytest.mark.slow  # builds the seeds twice (extraction included): ~50 s on a loaded machine
@pytest.mark.parametrize("name", list(load_queries()))
def test_seed_graph_gives_the_same_rows_on_both_stores(seed_stores, name):
    query = load_queries()[name]
    graph = seed_stores["networkx"].read_graph()
    answered = 0
    for params in seed_parameters(graph, query):
        offline = run_stored(seed_stores["networkx"], query, params)
        server = run_stored(seed_stores["neo4j"], query, params)
        assert server == offline if query.ordered else sorted(map(repr, server)) == sorted(map(repr, offline)), params
        answered += bool(offline)
    assert answered, f"{name}: no parameter gave rows on the seed graph"


AGGREGATES = [
    ("MATCH (a:Author) RETURN count(a)", {}),
    ("MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name AS name, count(p) AS papers "
     "ORDER BY papers DESC, name LIMIT 5", {}),
    ("MATCH (p:Paper) RETURN p.year AS year, count(*) AS n, min(p.title) AS first, max(p.title) AS last ORDER BY year",
     {}),
    ("MATCH (a:Author {name: $name})-[:AUTHORED]->(p:Paper) RETURN count(DISTINCT p.year) AS years, "
     "sum(p.year) AS total, avg(p.year) AS mean, COUNT(p)", {"name": "Sijie Mai"}),
    ("MATCH (a:Author {name: $name})-[:AUTHORED]->(p:Paper) RETURN a.name AS name, collect(DISTINCT p.year) AS years",
     {"name": "Sijie Mai"}),
    ("MATCH (a:Author {name: $name}) RETURN count(a) AS n, collect(a.name) AS names", {"name": "Nobody Here"}),
    ("MATCH (m:Method)<-[:USES]-(p:Paper)<-[:AUTHORED]-(a:Author) RETURN m.name AS method, "
     "count(DISTINCT a) AS authors, count(a) AS bylines ORDER BY authors DESC, bylines DESC, method SKIP 1 LIMIT 3",
     {}),
]


def _comparable(rows):
    """Rows with collected lists sorted (collect's order is not defined) and floats rounded."""
    return [{k: sorted(v, key=repr) if isinstance(v, list) else round(v, 9) if isinstance(v, float) else v
             for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("query, params", AGGREGATES, ids=[q[:60] for q, _ in AGGREGATES])
def test_adhoc_aggregates_give_neo4j_rows_on_the_embedded_store(stores, query, params):
    expected = stores["neo4j"].cypher(query, params)
    assert expected, query  # every case has an answer (one row even for no match)
    assert _comparable(stores["networkx"].cypher(query, params)) == _comparable(expected)
