"""build.to_graph on hand-made papers: the README graph schema, one node per paper and person."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms import bipartite

from graphkit.build import coauthor_pairs, merge_properties, to_graph, weighted_projection
from graphkit.keys import abstract_key, author_key, entity_key, paper_id
from graphkit.model import Entity, Evidence, ExtractedPaper, Paper


def paper(title, abstract="An abstract.", authors=(), source="page.txt", index=0, **fields) -> Paper:
    return Paper(source=source, index=index, id=paper_id(title, abstract), abstract=abstract, title=title,
                 authors=tuple(authors), **fields)


def nodes_of(graph, label):
    return {n.id: n.properties for n in graph.nodes if n.label == label}


def rels_of(graph, type):
    return {(r.start[1], r.end[1]): r.properties for r in graph.relationships if r.type == type}


def test_same_paper_on_two_pages_is_one_node():
    a = paper("Multimodal Information Bottleneck", "We learn minimal codes.", ["Sijie Mai", "Haifeng Hu"],
              source="profile.txt", category="LG", has_code=True)
    b = paper("multimodal information bottleneck!", "We learn minimal codes. Longer version.",
              ["Sijie Mai", "Ying Zeng", "Haifeng Hu"], source="listing.txt", year=2022)
    graph = to_graph([a, b])
    papers = nodes_of(graph, "Paper")
    assert len(papers) == 1
    (props,) = papers.values()
    assert props["title"] == "Multimodal Information Bottleneck"  # first spelling kept
    assert props["source"] == "profile.txt"
    assert props["abstract"] == "We learn minimal codes. Longer version."  # the longer abstract
    assert props["year"] == 2022 and props["has_code"] is True and props["category"] == "LG"
    authored = rels_of(graph, "AUTHORED")
    assert sorted((a, p["position"]) for (a, _), p in authored.items()) == [
        ("haifeng hu", 2), ("sijie mai", 1), ("ying zeng", 2)
    ]
    assert len(graph.relationships) == len({(r.start, r.type, r.end) for r in graph.relationships})


def test_author_spellings_are_one_node_with_aliases():
    graph = to_graph([paper("P1", authors=["Wei-Shi Zheng"]), paper("P2", authors=["Zheng, Weishi", "Jörg Tiedemann"])])
    authors = nodes_of(graph, "Author")
    assert set(authors) == {author_key("Wei-Shi Zheng"), author_key("Jörg Tiedemann")}
    zheng = authors[author_key("Weishi Zheng")]
    assert zheng["name"] == "Wei-Shi Zheng"
    assert zheng["aliases"] == ["Wei-Shi Zheng", "Zheng, Weishi"]


def test_untitled_record_joins_the_titled_paper_with_its_abstract_in_either_order():
    titled = paper("Test-Time Training for Omics", "We fuse omics with TTT layers.", ["A B"])
    untitled = paper(None, "We  fuse OMICS with TTT-layers.", source="abstracts.txt")
    for batch in ([titled, untitled], [untitled, titled]):
        papers = nodes_of(to_graph(batch), "Paper")
        assert list(papers) == [paper_id(titled.title, titled.abstract)]
    alone = nodes_of(to_graph([untitled]), "Paper")
    assert list(alone) == [paper_id(None, untitled.abstract)] and list(alone)[0].startswith("a")


def test_untitled_record_asks_the_store_for_a_titled_paper_seen_before():
    untitled = paper(None, "Seen before with a title.")
    asked = []

    def lookup(keys):
        asked.append(set(keys))
        return {abstract_key("Seen before with a title."): "t0123"}

    assert list(nodes_of(to_graph([untitled], find_papers_by_abstract=lookup), "Paper")) == ["t0123"]
    assert asked == [{abstract_key(untitled.abstract)}]


def test_abstract_only_page_links_nobody_without_an_owner():
    record = paper(None, "Abstract of a page.", affiliation="Liaoning Technical University")
    graph = to_graph([record])
    assert nodes_of(graph, "Author") == {} and nodes_of(graph, "Affiliation") == {}
    assert graph.relationships == []
    (props,) = nodes_of(graph, "Paper").values()
    assert props["affiliation"] == "Liaoning Technical University"


def test_named_owner_authors_every_paper_and_gets_the_affiliation():
    records = [paper(None, f"Abstract number {i}.", index=i, affiliation="Shanghai Center for Systems Biomedicine")
               for i in range(3)]
    graph = to_graph(records, owner="Haifeng Hu")
    authored = rels_of(graph, "AUTHORED")
    assert len(authored) == 3 and {a for a, _ in authored} == {"haifeng hu"}
    assert all("position" not in props for props in authored.values())  # not listed: position unknown
    key = entity_key("Shanghai Center for Systems Biomedicine")
    assert rels_of(graph, "AFFILIATED_WITH") == {("haifeng hu", key): {}}
    assert nodes_of(graph, "Affiliation")[key]["name"] == (
        "Shanghai Center for Systems Biomedicine"
    )


def test_profile_owner_gets_metrics_and_keeps_listed_position():
    record = paper("MIB", authors=["Sijie Mai", "Haifeng Hu"], profile_owner="Haifeng Hu")
    graph = to_graph([record], profile={"Haifeng Hu": {"h_index": 21, "citations": 1942, "paper_count": 35}})
    owner = nodes_of(graph, "Author")["haifeng hu"]
    assert (owner["h_index"], owner["citations"], owner["paper_count"]) == (21, 1942, 35)
    assert "h_index" not in nodes_of(graph, "Author")["sijie mai"]
    assert rels_of(graph, "AUTHORED")[("haifeng hu", paper_id("MIB", record.abstract))] == {"position": 2}


def test_entities_become_typed_relationships_with_first_evidence():
    record = paper("AR-LDM", "We propose AR-LDM. It uses CLIP on VIST for story visualization, as at CVPR.",
                   venue="CVPR 2023", category="CV")
    def ev(sentence, start, end, rule):
        return Evidence(sentence=sentence, start=start, end=end, rule=rule)
    entities = [
        Entity("method", "ar ldm", "AR-LDM", ["AR-LDM"], [ev("We propose AR-LDM.", 11, 17, "propose"),
                                                         ev("x", 0, 1, "other")], role="proposes"),
        Entity("method", "clip", "CLIP", [], [ev("It uses CLIP", 8, 12, "ruler")], role="uses"),
        Entity("dataset", "vist", "VIST", ["VIST"], [ev("on VIST", 3, 7, "ruler")]),
        Entity("task", "story visualization", "story visualization", [], [ev("for story", 4, 9, "ruler")]),
        Entity("venue", "cvpr", "CVPR", [], [ev("at CVPR", 3, 7, "ruler")]),
    ]
    graph = to_graph([ExtractedPaper(record, entities)])
    pid = paper_id("AR-LDM", record.abstract)
    assert rels_of(graph, "PROPOSES") == {(pid, "ar ldm"): {"sentence": "We propose AR-LDM.", "start": 11,
                                                            "end": 17, "rule": "propose"}}
    assert set(rels_of(graph, "USES")) == {(pid, "clip")}
    assert set(rels_of(graph, "EVALUATED_ON")) == {(pid, "vist")}
    assert set(rels_of(graph, "ADDRESSES")) == {(pid, "story visualization")}
    assert set(rels_of(graph, "MENTIONS")) == {(pid, "cvpr")}
    assert rels_of(graph, "PUBLISHED_IN") == {(pid, "cvpr 2023"): {}}
    assert rels_of(graph, "IN_CATEGORY") == {(pid, "CV"): {}}
    assert nodes_of(graph, "Method")["clip"] == {"name": "CLIP", "aliases": ["CLIP"]}
    assert nodes_of(graph, "Venue")["cvpr 2023"]["name"] == "CVPR 2023"
    assert set(nodes_of(graph, "Category")) == {"CV"}


def test_unknown_properties_are_absent_never_none():
    graph = to_graph([paper("Bare", authors=["A B"])])
    for node in graph.nodes:
        assert None not in node.properties.values()
    assert "year" not in nodes_of(graph, "Paper")[paper_id("Bare", "An abstract.")]


def test_coauthor_pairs_counts_joint_papers_and_limits_to_touched_authors():
    authored = [("a", "p1"), ("b", "p1"), ("c", "p1"), ("a", "p2"), ("b", "p2"), ("d", "p3")]
    assert sorted(coauthor_pairs(authored)) == [("a", "b", 2), ("a", "c", 1), ("b", "c", 1)]
    assert sorted(coauthor_pairs(authored, touched={"c"})) == [("a", "c", 1), ("b", "c", 1)]
    # an author id equal to a paper id must not confuse the projection
    assert sorted(coauthor_pairs([("p1", "p1"), ("x", "p1")])) == [("p1", "x", 1)]


def test_merge_properties_rules():
    merged = merge_properties({"title": "A", "abstract": "long text", "has_code": True, "aliases": ["x"]},
                              {"title": "a", "abstract": "short", "has_code": False, "aliases": ["y", "x"],
                               "year": None, "date": "2022"})
    assert merged == {"title": "A", "abstract": "long text", "has_code": True, "aliases": ["x", "y"], "date": "2022"}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 8)),  # (author, paper) links, repeats allowed
        max_size=60,
    )
)
def test_weighted_projection_equals_networkx_weighted_projected_graph(links):
    tagged = [(("author", a), ("paper", p)) for a, p in links]  # an author id never equals a paper id
    authors = [("author", a) for a in range(13)]  # authors without papers stay isolated
    projected = {frozenset((u, v)): w for u, v, w in weighted_projection(tagged, authors)}
    B = nx.Graph(tagged)
    B.add_nodes_from(authors)
    if not links:  # networkx refuses to project a graph without papers
        assert projected == {}
        return
    expected = bipartite.weighted_projected_graph(B, authors)
    assert projected == {frozenset((u, v)): w for u, v, w in expected.edges(data="weight")}
