"""The stored catalog: loading, parameters, and the networkx twins on a hand-built graph."""

from __future__ import annotations

import inspect

import networkx as nx
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
    as_multidigraph,
    catalog_graph,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.errors import NotFound, QueryParameterError, UnknownQuery
from graphkit.keys import paper_id
from graphkit.query import run_stored
from graphkit.query.catalog import CatalogError, catalog_dir, get_query, load_queries, named_parameters, parse_query
from graphkit.query.embedded import shortest_chain
from graphkit.query.template import DEFINITIONS, PapersPer, Step, render_all

REQUIRED = {
    "coauthors", "author-papers", "author-methods", "author-datasets", "author-tasks", "method-authors",
    "method-datasets", "dataset-methods", "task-authors", "venue-papers", "top-authors", "top-methods",
    "top-datasets", "collaboration-path", "shared-methods", "method-trend", "paper-entities",
}  # fmt: skip

MIB = PAPERS[0][0]


@pytest.fixture(scope="module")
def graph():
    return as_multidigraph(catalog_graph())


def rows(graph, query, /, **params):
    return run_stored(graph, query, params)


def column(result, name):
    return [row[name] for row in result]


# -- the catalog files -----------------------------------------------------------------------------


def test_catalog_has_every_required_query_each_with_a_matching_twin():
    queries = load_queries()
    assert REQUIRED <= set(queries)
    for query in queries.values():
        assert query.twin is not None, f"{query.name} has no networkx twin"
        if query.name in DEFINITIONS:  # a regular query: its definition, run on the graph
            assert query.twin.definition is DEFINITIONS[query.name]
            assert DEFINITIONS[query.name].parameters == query.parameters, query.name
        else:
            twin_params = list(inspect.signature(query.twin).parameters)[1:]
            assert twin_params == [p.name for p in query.parameters], query.name
        assert query.description and query.path.stem == query.name


def test_regular_query_files_are_their_definitions_rendered():
    """The committed ``.cypher`` of a regular query is its definition's text, byte for byte
    (after changing a definition: ``python -m graphkit.query.template`` writes the files again)."""
    assert len(DEFINITIONS) >= 12
    for name, definition in DEFINITIONS.items():
        committed = (catalog_dir() / f"{name}.cypher").read_text(encoding="utf-8")
        assert committed == definition.cypher(), f"cypher/{name}.cypher differs from its definition"
        parsed = parse_query(committed)
        assert (parsed.name, parsed.description) == (definition.name, definition.description)
        assert parsed.ordered


def test_render_all_writes_only_what_changed(tmp_path):
    assert sorted(p.name for p in render_all(tmp_path)) == sorted(f"{n}.cypher" for n in DEFINITIONS)
    assert render_all(tmp_path) == []
    (tmp_path / "top-tasks.cypher").write_text("// name: top-tasks\n", encoding="utf-8")
    assert [p.name for p in render_all(tmp_path)] == ["top-tasks.cypher"]
    rendered = load_queries(tmp_path)
    assert {n: q.cypher for n, q in rendered.items()} == {n: d.cypher() for n, d in DEFINITIONS.items()}


def test_regular_queries_need_only_the_start_nodes_neighbourhood(graph):
    """What a store hands the embedded side may be a part of the graph: for a walk through Paper,
    the start node's two-step neighbourhood (a copy or a view) gives the rows the whole graph gives."""
    for name, definition in DEFINITIONS.items():
        if not isinstance(definition, PapersPer):
            continue
        side = load_queries()[name].twin
        for node, attrs in graph.nodes(data=True):
            if attrs["label"] != definition.start:
                continue
            params = {definition.param: attrs["id"], "limit": 50}
            whole = side(graph, **params)
            near = nx.ego_graph(graph, node, radius=2, undirected=True)
            assert side(near, **params) == side(graph.subgraph(near), **params) == whole, (name, node)


def test_a_definition_needs_distinct_variables():
    with pytest.raises(ValueError, match="distinct variables"):
        PapersPer(name="x", description="d", start="Method", param="m",
                  to_paper=Step(("USES",), forward=False), from_paper=Step(("USES",)), target="Method",
                  limit=5)


def test_named_parameters_ignores_comments_strings_and_backticks():
    text = """
    // $commented
    MATCH (a:Author {id: $name}) /* $block
       comment */ WHERE a.note <> 'it\\'s $quoted' AND a.x <> "$double" AND a.`$tick` IS NULL
    RETURN a LIMIT $limit SKIP $name
    """
    assert named_parameters(text) == ["name", "limit"]


def test_header_must_match_the_parameters_used(tmp_path):
    undeclared = "// name: q\n// description: d\nMATCH (a {id: $name}) RETURN a"
    with pytest.raises(CatalogError, match=r"uses \['name'\] but the header declares \[\]"):
        parse_query(undeclared)
    unused = "// name: q\n// description: d\n// param: name (author) — who\nMATCH (a) RETURN a"
    with pytest.raises(CatalogError, match="declares"):
        parse_query(unused)
    with pytest.raises(CatalogError, match="TYPE one of"):
        parse_query("// name: q\n// description: d\n// param: name (person) — who\nRETURN $name")
    with pytest.raises(CatalogError, match="no '// description:' line"):
        parse_query("// name: q\nRETURN 1")
    path = tmp_path / "other.cypher"
    path.write_text("// name: q\n// description: d\nRETURN 1")
    with pytest.raises(CatalogError, match="differs from the file name"):
        load_queries(tmp_path)


def test_load_queries_reads_a_custom_folder(tmp_path):
    (tmp_path / "count-papers.cypher").write_text(
        "// name: count-papers\n// description: How many papers.\n// param: year (int) = 2022 — the year\n"
        "MATCH (p:Paper {year: $year}) RETURN count(p) AS papers\n"
    )
    (query,) = load_queries(tmp_path).values()
    assert (query.name, query.usage(), query.twin) == ("count-papers", "year (int) = 2022", None)
    assert query.parameters[0].default == 2022


# -- parameters --------------------------------------------------------------------------------------


def test_names_become_keys_so_any_spelling_finds_the_node():
    assert get_query("coauthors").bind({"name": "Mai, Sijie"}) == {"name": "sijie mai", "limit": 50}
    assert get_query("method-trend").bind({"method": "Graph-Neural Networks"}) == {"method": "graph neural network"}
    title = get_query("paper-entities").bind({"title": "multimodal information bottleneck learning minimal "
                                                        "sufficient unimodal and multimodal representations"})
    assert title == {"title": paper_id(MIB, "")}
    assert get_query("paper-entities").bind({"title": paper_id(MIB, "")}) == title  # an id passes as is
    assert get_query("top-authors").bind({"limit": "3"}) == {"limit": 3}


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("coauthors", {}, r"coauthors: missing parameter 'name' \(an author name\); accepted: name \(author\), "
                          r"limit \(int\) = 50"),
        ("coauthors", {"name": "x", "nme": "y"}, r"unknown parameter 'nme'; accepted: name \(author\), limit"),
        ("top-authors", {"limit": "ten"}, r"parameter 'limit' must be an integer, got 'ten'"),
        ("top-authors", {"limit": -1}, r"must be >= 0"),
        ("top-authors", {"limit": True}, r"must be an integer"),
        ("coauthors", {"name": 42}, r"'name' must be an author name, got 42"),
        ("coauthors", {"name": "   "}, r"'name' must be an author name"),
    ],
)
def test_bad_parameters_say_what_is_accepted(name, params, message):
    with pytest.raises(QueryParameterError, match=message):
        get_query(name).bind(params)


def test_unknown_query_names_the_closest():
    with pytest.raises(UnknownQuery, match="close names: coauthors"):
        get_query("co-authors")
    with pytest.raises(UnknownQuery, match="known: author-datasets, author-methods"):
        get_query("zzzz")


# -- the twins on the hand-built graph ------------------------------------------------------------


def test_coauthors_most_joint_papers_first_then_by_name(graph):
    result = rows(graph, "coauthors", name="sijie mai")
    assert result[:2] == [
        {"coauthor": "Haifeng Hu", "id": "haifeng hu", "joint_papers": 4},
        {"coauthor": "Ying Zeng", "id": "ying zeng", "joint_papers": 3},
    ]
    assert column(result, "coauthor")[2:] == ["Jianfeng Wu", "Ronghao Lin", "Shiqin Han", "Ya Sun", "Yu Zhao"]
    assert rows(graph, "coauthors", name="MAI, Sijie", limit=1) == result[:1]
    with pytest.raises(NotFound, match="no author named 'Nobody Here'"):  # not an empty answer
        rows(graph, "coauthors", name="Nobody Here")


def test_author_papers_newest_first_unknown_years_last(graph):
    result = rows(graph, "author-papers", name="Sijie Mai")
    assert column(result, "year") == [2024, 2024, 2022, 2022, 2022, None]
    assert column(result, "title")[:2] == sorted(column(result, "title")[:2])
    assert result[0]["position"] == 3  # "Ronghao Lin, Ying Zeng, Sijie Mai"
    untitled = rows(graph, "author-papers", name="Yu Zhao")
    assert [(r["year"], r["title"] is None) for r in untitled] == [(2024, False), (2023, True)]


def test_author_methods_count_distinct_papers(graph):
    result = {r["method"]: (r["papers"], r["proposed"]) for r in rows(graph, "author-methods", name="Sijie Mai")}
    assert result["contrastive learning"] == (2, 0)
    assert result["meta uni-label generation"] == (1, 1)  # proposed and used by the same paper: one paper
    assert result["multimodal information bottleneck"] == (1, 1)


def test_collaboration_path_is_the_shortest_chain_with_smallest_ids(graph):
    result = rows(graph, "collaboration-path", a="Suofei Zhang", b="Sijie Mai")
    # two chains of two hops (via Haifeng Hu or via Ying Zeng); the smaller id wins
    assert result == [
        {"step": 0, "author": "Suofei Zhang", "id": "suofei zhang", "joint_papers": None},
        {"step": 1, "author": "Haifeng Hu", "id": "haifeng hu", "joint_papers": 1},
        {"step": 2, "author": "Sijie Mai", "id": "sijie mai", "joint_papers": 4},
    ]
    assert column(rows(graph, "collaboration-path", a="Sijie Mai", b=UNICODE_AUTHOR), "author") == [
        "Sijie Mai", "Yu Zhao", "Pengda Qin", "Xichen Pan", UNICODE_AUTHOR
    ]
    assert rows(graph, "collaboration-path", a="Sijie Mai", b="Ada Lone") == []  # no chain
    assert rows(graph, "collaboration-path", a="Sijie Mai", b="sijie mai") == []
    longer = rows(graph, "collaboration-path", a="Yaxuan Zheng", b="Yu Zhao")
    assert column(longer, "author") == ["Yaxuan Zheng", "Haifeng Hu", "Sijie Mai", "Yu Zhao"]


def test_shared_methods_leaves_out_coauthors(graph):
    result = rows(graph, "shared-methods", name="Sijie Mai")
    ids = column(result, "id")
    assert "haifeng hu" not in ids and "ying zeng" not in ids and "sijie mai" not in ids
    by_id = {r["id"]: r for r in result}
    assert by_id["suofei zhang"]["methods"] == ["graph neural network"]
    assert by_id["xichen pan"]["methods"] == ["transformer"]


def test_method_trend_counts_papers_per_known_year(graph):
    assert rows(graph, "method-trend", method="graph neural networks") == [
        {"year": 2021, "papers": 1},
        {"year": 2022, "papers": 1},
    ]  # POST uses it too but has no year
    assert rows(graph, "method-trend", method="Transformer") == [
        {"year": 2022, "papers": 1},
        {"year": 2023, "papers": 2},
        {"year": 2024, "papers": 1},
    ]


def test_paper_entities_in_text_order_with_evidence(graph):
    result = rows(graph, "paper-entities", title=MIB.upper())
    assert column(result, "entity")[:2] == ["multimodal information bottleneck", "information bottleneck"]
    assert result[0]["sentence"] == "we introduce the multimodal information bottleneck (MIB)"
    assert result[0]["relation"] == "PROPOSES" and result[0]["rule"] == "test:method"
    same_sentence = [r["entity"] for r in result if r["label"] == "Dataset"]
    assert same_sentence == ["CMU-MOSEI", "CMU-MOSI"]  # same offsets: ordered by id
    assert column(result, "start") == sorted(column(result, "start"))


def test_venue_papers_lists_a_paper_once_and_says_how_it_is_linked(graph):
    result = rows(graph, "venue-papers", venue="acl")
    assert len(result) == len(set(column(result, "id"))) == 4
    flags = {r["title"]: r["published_in"] for r in result}
    assert flags[MIB] is False  # only named in the abstract
    assert flags["Meta-Learn Unimodal Signals with Weak Supervision for Multimodal Sentiment Analysis"] is True


def test_top_queries_rank_by_papers_then_name(graph):
    assert rows(graph, "top-authors", limit=3) == [
        {"author": "Haifeng Hu", "id": "haifeng hu", "papers": 6},
        {"author": "Sijie Mai", "id": "sijie mai", "papers": 6},
        {"author": "Ying Zeng", "id": "ying zeng", "papers": 4},
    ]
    assert column(rows(graph, "top-methods", limit=3), "papers") == [4, 3, 3]
    assert column(rows(graph, "top-datasets"), "dataset")[:2] == ["CMU-MOSEI", "CMU-MOSI"]
    assert rows(graph, "top-tasks", limit=0) == []


def test_entity_to_author_queries(graph):
    assert column(rows(graph, "task-authors", task="Multimodal Sentiment Analysis"), "papers")[:3] == [3, 3, 2]
    assert column(rows(graph, "method-authors", method="contrastive learning"), "author")[:2] == [
        "Haifeng Hu",
        "Sijie Mai",
    ]
    assert column(rows(graph, "dataset-methods", dataset="cmu mosi"), "papers") == [1, 1, 1, 1]
    assert column(rows(graph, "method-datasets", method="AR-LDM"), "dataset") == ["FlintstonesSV", "PororoSV"]
    assert column(rows(graph, "paper-authors", title=MIB), "author") == ["Sijie Mai", "Ying Zeng", "Haifeng Hu"]


# -- hostile input ------------------------------------------------------------------------------------

HOSTILE_VALUES = [
    HOSTILE_AUTHOR, QUOTED_AUTHOR, UNICODE_AUTHOR, HOSTILE_TITLE, HOSTILE_METHOD, KEYWORD_DATASET, UNICODE_TASK,
    "'; MATCH (n) DETACH DELETE n; //", '" OR 1=1 //', "\\u0027 }) RETURN 1 //", "$name", "{`id`: 1}",
]  # fmt: skip


def test_hostile_names_are_found_verbatim(graph):
    papers = rows(graph, "author-papers", name=HOSTILE_AUTHOR)
    assert column(papers, "title") == [HOSTILE_TITLE]
    entities = rows(graph, "paper-entities", title=HOSTILE_TITLE)
    assert {r["entity"] for r in entities} == {HOSTILE_METHOD, "transformer", KEYWORD_DATASET, UNICODE_TASK}
    assert column(rows(graph, "method-authors", method=HOSTILE_METHOD), "author") == sorted(
        [HOSTILE_AUTHOR, QUOTED_AUTHOR, UNICODE_AUTHOR, "Xichen Pan"], key=str
    )
    assert column(rows(graph, "coauthors", name=QUOTED_AUTHOR), "coauthor") == sorted(
        [HOSTILE_AUTHOR, UNICODE_AUTHOR, "Xichen Pan"], key=str
    )
    assert rows(graph, "task-authors", task=UNICODE_TASK)[0]["papers"] == 1


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_change_no_query(graph, value):
    before = (sorted(graph.nodes(data=True), key=str), sorted(graph.edges(keys=True, data=True), key=str))
    for query in load_queries().values():
        params = {p.name: value for p in query.parameters if p.type != "int"}
        try:
            run_stored(graph, query, params)
        except QueryParameterError as err:  # a value with no letters has no key: refused, not run
            assert "must be" in str(err)
        except NotFound as err:  # a name of nothing in the graph: said so, with close names
            assert "named" in str(err)
    after = (sorted(graph.nodes(data=True), key=str), sorted(graph.edges(keys=True, data=True), key=str))
    assert after == before


# -- the shortest chain against brute force -----------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    authors=st.integers(min_value=2, max_value=12),
    edges=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30),
    ends=st.tuples(st.integers(0, 11), st.integers(0, 11)),
)
def test_shortest_chain_is_the_smallest_of_all_shortest_paths(authors, edges, ends):
    graph = nx.MultiDiGraph()
    ids = [f"author {i:02d}" for i in range(authors)]
    for id in ids:
        graph.add_node(f"Author:{id}", label="Author", id=id, name=id.title())
    plain = nx.Graph()
    plain.add_nodes_from(graph)
    for first, second in edges:
        if first < authors and second < authors and first != second:
            u, v = f"Author:{ids[first]}", f"Author:{ids[second]}"
            graph.add_edge(u, v, key="COAUTHOR", type="COAUTHOR", papers=1)  # either direction, as in the schema
            plain.add_edge(u, v)
    source, target = (f"Author:{ids[e % authors]}" for e in ends)
    try:
        expected = min(nx.all_shortest_paths(plain, source, target))
    except nx.NetworkXNoPath:
        expected = None
    assert shortest_chain(graph, source, target) == expected
