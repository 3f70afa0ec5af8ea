"""Identity: candidates, decisions, and the Graph -> Graph transformation (no store needed)."""

from __future__ import annotations

import pytest

from graphkit.identity import (
    AUTO_THRESHOLD,
    IdentityError,
    MergeLog,
    RawSnapshot,
    apply_identities,
    author_candidates,
    auto_merges,
    entity_candidates,
)
from graphkit.keys import author_key, entity_key
from graphkit.model import Graph, Node, Relationship


def make_graph(papers, authors_props=None, entities=(), owner=None):
    """A small graph the way build shapes it: papers as ``(paper_id, [author names], props)``,
    entities as ``(paper_id, label, name, aliases, rel_type)``; a profile page ``owner`` is linked
    to every paper, without a position where the listing spells them another way."""
    nodes, rels, authors = {}, [], {}
    for paper, names, props in papers:
        nodes[("Paper", paper)] = Node("Paper", paper, {"title": paper, **props})
        for position, name in enumerate(names, 1):
            key = author_key(name)
            authors.setdefault(key, Node("Author", key, {"name": name, **(authors_props or {}).get(name, {})}))
            rels.append(Relationship("AUTHORED", ("Author", key), ("Paper", paper), {"position": position}))
        if owner and author_key(owner) not in map(author_key, names):
            authors.setdefault(author_key(owner), Node("Author", author_key(owner), {"name": owner}))
            rels.append(Relationship("AUTHORED", ("Author", author_key(owner)), ("Paper", paper), {}))
    for paper, label, name, aliases, rel_type in entities:
        nodes.setdefault((label, entity_key(name)), Node(label, entity_key(name), {"name": name, "aliases": aliases}))
        rels.append(Relationship(rel_type, ("Paper", paper), (label, entity_key(name)), {"rule": "test"}))
    signed = {}
    for rel in rels:
        if rel.type == "AUTHORED":
            signed.setdefault(rel.end[1], []).append(rel.start[1])
    joint = {}
    for people in signed.values():
        for i, x in enumerate(sorted(people)):
            for y in sorted(people)[i + 1 :]:
                joint[(x, y)] = joint.get((x, y), 0) + 1
    rels += [Relationship("COAUTHOR", ("Author", x), ("Author", y), {"papers": n}) for (x, y), n in joint.items()]
    return Graph(list(authors.values()) + list(nodes.values()), rels)


def as_sets(graph):
    """Everything a store would hold, order-free, for exact comparisons."""
    nodes = {(n.label, n.id, repr(sorted(n.properties.items()))) for n in graph.nodes}
    rels = {(r.type, r.start, r.end, repr(sorted(r.properties.items()))) for r in graph.relationships}
    return nodes, rels


ZHENG_PAPERS = [
    ("p1", ["Wei-Shi Zheng", "Jian-Huang Lai", "Ancong Wu"], {}),
    ("p2", ["Weishi Zheng", "Jian-Huang Lai"], {}),
    ("p3", ["W. Zheng", "Jian-Huang Lai", "Ancong Wu"], {}),
    ("p4", ["Wen Zhang", "Ming Zhou"], {}),
]


def pair(candidates, x, y):
    keys = {author_key(x), author_key(y)}
    return next((c for c in candidates if {c.keep, c.drop} == keys), None)


def test_key_already_joins_hyphen_spacing_and_order_variants():
    assert author_key("Wei-Shi Zheng") == author_key("Weishi Zheng") == author_key("Zheng, Wei-Shi")
    assert author_key("Li, Yuhong") == author_key("Yuhong Li")
    graph = make_graph([("p1", ["Li, Yuhong", "Xichen Pan"], {}), ("p2", ["Yuhong Li", "Pengda Qin"], {})])
    assert [n.id for n in graph.nodes if n.label == "Author"].count("yuhong li") == 1
    assert author_candidates(graph) == []


def test_initials_with_shared_coauthors_merge():
    graph = make_graph(ZHENG_PAPERS)
    found = author_candidates(graph)
    cand = pair(found, "Wei-Shi Zheng", "W. Zheng")
    assert cand.keep == "weishi zheng" and cand.drop == "w zheng" and cand.relation == "initials"
    assert {r.kind for r in cand.reasons} >= {"coauthor"}
    assert cand.score >= AUTO_THRESHOLD
    assert cand in auto_merges(found)
    assert pair(found, "Wei-Shi Zheng", "Wen Zhang") is None


def test_merge_remaps_edges_and_recomputes_coauthors(tmp_path):
    graph = make_graph(ZHENG_PAPERS)
    log = MergeLog(tmp_path)
    log.merge(auto_merges(author_candidates(graph)), by="auto")
    merged = apply_identities(graph, log)
    authors = {n.id: n for n in merged.nodes if n.label == "Author"}
    assert "w zheng" not in authors
    assert authors["weishi zheng"].properties["name"] == "Wei-Shi Zheng"
    assert "W. Zheng" in authors["weishi zheng"].properties["aliases"]
    papers = {r.end[1] for r in merged.relationships if r.type == "AUTHORED" and r.start[1] == "weishi zheng"}
    assert papers == {"p1", "p2", "p3"}
    coauthor = {(r.start[1], r.end[1]): r.properties["papers"] for r in merged.relationships if r.type == "COAUTHOR"}
    assert coauthor[("jianhuang lai", "weishi zheng")] == 3
    assert coauthor[("ancong wu", "weishi zheng")] == 2
    assert not any("w zheng" in (r.start[1], r.end[1]) for r in merged.relationships)


def test_initial_across_unrelated_papers_does_not_merge():
    graph = make_graph(
        [("p1", ["Yuhong Li", "Xichen Pan", "Pengda Qin"], {}), ("p2", ["Y. Li", "John Doe"], {}),
         ("p3", ["Y. Li", "Mary Major"], {})]
    )
    found = author_candidates(graph)
    cand = pair(found, "Yuhong Li", "Y. Li")
    assert cand is not None and cand.score < AUTO_THRESHOLD
    assert auto_merges(found) == []


def test_initial_fitting_two_full_names_is_ambiguous():
    graph = make_graph(
        [("p1", ["Yuhong Li", "Ann Bee", "Carl Dee"], {}), ("p2", ["Yang Li", "Ann Bee", "Carl Dee"], {}),
         ("p3", ["Y. Li", "Ann Bee", "Carl Dee"], {})]
    )
    found = author_candidates(graph)
    both = [pair(found, "Yuhong Li", "Y. Li"), pair(found, "Yang Li", "Y. Li")]
    assert all(c.score >= AUTO_THRESHOLD and not c.auto and "ambiguous" in c.note for c in both)
    assert auto_merges(found) == []


def test_different_full_first_names_never_merge_automatically():
    graph = make_graph(
        [("p1", ["Yuhong Li", "Ann Bee", "Carl Dee"], {}), ("p2", ["Yuhang Li", "Ann Bee", "Carl Dee"], {})]
    )
    cand = pair(author_candidates(graph), "Yuhong Li", "Yuhang Li")
    assert cand.relation == "spelling" and cand.score >= AUTO_THRESHOLD and not cand.auto
    assert auto_merges(author_candidates(graph)) == []
    # unrelated full first names are not even candidates, nor a short given name against a longer one
    # that is one name in some spelling ("Tianhua" is not "Tian" + middle name "Hua")
    graph = make_graph(
        [("p1", ["Wei Zheng", "Ann Bee"], {}), ("p2", ["Weishan Zheng", "Ann Bee"], {}),
         ("p3", ["Tian Zhou", "Ann Bee"], {}), ("p4", ["Tianhua Zhou", "Ann Bee"], {}),
         ("p5", ["Tian Hua Zhou", "Ann Bee"], {})]
    )
    assert author_candidates(graph) == []


def test_two_spellings_on_one_paper_are_two_people():
    graph = make_graph([("p1", ["Wei-Shi Zheng", "W. Zheng", "Ann Bee"], {}), ("p2", ["W. Zheng", "Ann Bee"], {})])
    assert pair(author_candidates(graph), "Wei-Shi Zheng", "W. Zheng") is None


def test_middle_name_and_transliteration():
    graph = make_graph(
        [("p1", ["Noah A. Smith", "Ann Bee", "Carl Dee"], {}), ("p2", ["Noah Smith", "Ann Bee", "Carl Dee"], {}),
         ("p3", ["Jörg Tiedemann", "Ann Bee"], {}), ("p4", ["Joerg Tiedemann", "Ann Bee"], {})]
    )
    found = author_candidates(graph)
    middle = pair(found, "Noah A. Smith", "Noah Smith")
    assert middle.relation == "middle" and middle.keep == author_key("Noah A. Smith") and middle.auto
    translit = pair(found, "Jörg Tiedemann", "Joerg Tiedemann")
    assert translit.relation == "transliteration"


def test_letters_unicode_does_not_decompose_keep_their_keys_and_are_proposed():
    # node keys stay as stores built before have them; the spellings meet as candidates
    assert author_key("Anders Søgaard") == "anders søgaard" != author_key("Anders Sogaard")
    graph = make_graph(
        [("p1", ["Anders Søgaard", "Ann Bee"], {}), ("p2", ["Anders Sogaard", "Ann Bee"], {}),
         ("p3", ["Łukasz Kaiser", "Carl Dee"], {}), ("p4", ["Lukasz Kaiser", "Carl Dee"], {}),
         ("p5", ["Ruket Çakıcı", "Dan Eve"], {}), ("p6", ["Ruket Cakici", "Dan Eve"], {})]
    )
    found = author_candidates(graph)
    for written, typed in [("Anders Søgaard", "Anders Sogaard"), ("Łukasz Kaiser", "Lukasz Kaiser"),
                           ("Ruket Çakıcı", "Ruket Cakici")]:
        assert pair(found, written, typed).relation == "transliteration", (written, typed)


def test_compound_surnames_split_otherwise_are_proposed_and_mergeable():
    graph = make_graph(
        [("p1", ["Sergio Ortiz Rojas", "Ann Bee"], {}), ("p2", ["Sergio Ortiz-Rojas", "Ann Bee"], {}),
         ("p3", ["Minh Le Nguyen", "Carl Dee"], {}), ("p4", ["Minh-Le Nguyen", "Carl Dee"], {})]
    )
    found = author_candidates(graph)
    for x, y in (("Sergio Ortiz Rojas", "Sergio Ortiz-Rojas"), ("Minh Le Nguyen", "Minh-Le Nguyen")):
        assert author_key(x) != author_key(y)  # the keys differ: only the candidate joins them
        candidate = pair(found, x, y)
        assert candidate is not None and candidate.relation == "compound" and candidate.auto
    # the same letters cut into other words, with nothing else in common: not proposed
    graph = make_graph([("p1", ["Liu Yuhan", "Ann Bee"], {}), ("p2", ["Liuyu Han", "Carl Dee"], {})])
    assert pair(author_candidates(graph), "Liu Yuhan", "Liuyu Han") is None


def test_names_in_another_order_are_proposed_for_review_only():
    graph = make_graph(
        [("p1", ["Kranti Chalamalasetti", "Ann Bee"], {}), ("p2", ["Chalamalasetti Kranti", "Ann Bee"], {}),
         ("p3", ["Yang Liu", "Carl Dee"], {}), ("p4", ["Liu Yang", "Eve Fox"], {})]
    )
    found = author_candidates(graph)
    swapped = pair(found, "Kranti Chalamalasetti", "Chalamalasetti Kranti")
    assert swapped.relation == "order" and not swapped.auto and "another order" in swapped.note
    assert pair(found, "Yang Liu", "Liu Yang") is None  # nothing in common but the words: not proposed
    assert all(c.relation != "order" for c in auto_merges(found))


def test_names_on_one_paper_in_two_orders_are_two_people():
    graph = make_graph([("p1", ["Yang Liu", "Liu Yang"], {})])
    assert pair(author_candidates(graph), "Yang Liu", "Liu Yang") is None


def test_profile_page_is_evidence():
    page = {"source": "seeds/haifeng.txt"}
    graph = make_graph(
        [("p1", ["Sijie Mai", "Haifeng Hu"], page), ("p2", ["Ying Zeng", "Haifeng Hu"], page),
         ("p3", ["Songlong Xing", "H. Hu"], page)],
        authors_props={"Haifeng Hu": {"h_index": 21}},
        owner="Haifeng Hu",
    )
    cand = pair(author_candidates(graph), "Haifeng Hu", "H. Hu")
    assert [r.kind for r in cand.reasons if r.kind == "profile"] == ["profile"]
    assert cand.score >= AUTO_THRESHOLD


def test_merge_then_undo_restores_exact_graph(tmp_path):
    graph = make_graph(ZHENG_PAPERS)
    log = MergeLog(tmp_path)
    before = as_sets(apply_identities(graph, log))
    assert before == as_sets(graph)
    log.merge(auto_merges(author_candidates(graph)))
    assert as_sets(apply_identities(graph, log)) != before
    undone = log.undo("author")
    assert undone["action"] == "merge"
    assert as_sets(apply_identities(graph, log)) == before
    with pytest.raises(IdentityError, match="no author decision"):
        log.undo("author")


def test_split_restores_people_and_keeps_them_apart(tmp_path):
    graph = make_graph(ZHENG_PAPERS)
    log = MergeLog(tmp_path)
    log.merge(auto_merges(author_candidates(graph)))
    merged = apply_identities(graph, log)
    assert pair(author_candidates(merged, log.state()), "Wei-Shi Zheng", "W. Zheng") is None
    log.split("author", "weishi zheng")
    assert as_sets(apply_identities(graph, log)) == as_sets(graph)
    assert pair(author_candidates(graph, log.state()), "Wei-Shi Zheng", "W. Zheng") is None
    with pytest.raises(IdentityError, match="not merged"):
        log.split("author", "weishi zheng")
    log.undo("author")  # reverses the split: merged again
    assert "w zheng" not in {n.id for n in apply_identities(graph, log).nodes}


def test_decisions_apply_to_new_data(tmp_path):
    log = MergeLog(tmp_path)
    log.merge(auto_merges(author_candidates(make_graph(ZHENG_PAPERS))))
    # a later batch with only the merged-away spelling lands on the canonical node, under its name
    new = make_graph([("p9", ["W. Zheng", "Shaogang Gong"], {})])
    written = apply_identities(new, log)
    authors = {n.id: n.properties for n in written.nodes if n.label == "Author"}
    assert authors["weishi zheng"]["name"] == "Wei-Shi Zheng" and "w zheng" not in authors
    assert authors["weishi zheng"]["aliases"] == ["W. Zheng"]
    assert ("AUTHORED", ("Author", "weishi zheng"), ("Paper", "p9")) in {
        (r.type, r.start, r.end) for r in written.relationships
    }
    assert ("COAUTHOR", ("Author", "shaogang gong"), ("Author", "weishi zheng")) in {
        (r.type, r.start, r.end) for r in written.relationships
    }


def test_snapshot_round_trip_and_damaged_log(tmp_path):
    graph = make_graph(ZHENG_PAPERS)
    snapshot = RawSnapshot(tmp_path, "test")
    snapshot.save(graph)
    assert as_sets(snapshot.load()) == as_sets(graph)
    (tmp_path / "identity-log.jsonl").write_text('{"action": "merge"\n', encoding="utf-8")
    with pytest.raises(IdentityError, match="identity-log.jsonl:1"):
        MergeLog(tmp_path).records()


ENTITY_PAPERS = [
    ("p1", ["Ann Bee"], {}), ("p2", ["Ann Bee"], {}), ("p3", ["Carl Dee"], {}), ("p4", ["Eve Fox"], {}),
]


def test_entity_long_form_and_acronym_merge():
    entities = [
        ("p1", "Method", "graph neural networks", ["GNNs", "graph neural networks"], "USES"),
        ("p2", "Method", "GNN", ["GNN"], "USES"),
        ("p3", "Dataset", "Penn Treebank", ["PTB"], "EVALUATED_ON"),
        ("p4", "Dataset", "PTB", [], "EVALUATED_ON"),
        ("p4", "Method", "PTB", [], "USES"),  # same name, other label: never merged across labels
    ]
    graph = make_graph(ENTITY_PAPERS, entities=entities)
    found = entity_candidates(graph)
    gnn = next(c for c in found if c.kind == "method" and c.drop == "gnn")
    assert gnn.keep == "graph neural network" and gnn.relation == "alias" and gnn.auto
    assert any(r.kind == "cooccur" for r in gnn.reasons)  # Ann Bee uses both
    assert {(c.kind, c.keep, c.drop) for c in auto_merges(found)} == {
        ("method", "graph neural network", "gnn"), ("dataset", "penn treebank", "ptb")
    }
    merged = apply_identities(graph, _state_from(auto_merges(found)))
    methods = {n.id: n.properties for n in merged.nodes if n.label == "Method"}
    assert "gnn" not in methods and "GNN" in methods["graph neural network"]["aliases"]
    assert "ptb" in methods  # the Method PTB is untouched
    uses = {(r.start[1], r.end[1]) for r in merged.relationships if r.type == "USES"}
    assert ("p2", "graph neural network") in uses


def test_shared_acronym_of_two_long_forms_is_ambiguous():
    entities = [
        ("p1", "Method", "convolutional neural network", ["CNN"], "USES"),
        ("p2", "Method", "cable news network", ["CNN"], "USES"),
        ("p3", "Method", "CNN", [], "USES"),
    ]
    found = entity_candidates(make_graph(ENTITY_PAPERS, entities=entities))
    assert auto_merges(found) == []
    assert {c.keep for c in found} == {"convolutional neural network", "cable news network"}
    assert all(c.drop == "cnn" and "ambiguous" in c.note for c in found)


def _state_from(candidates):
    from graphkit.identity import IdentityState

    state = IdentityState()
    for c in candidates:
        state._merge(c.kind, c.keep, c.drop, c.keep_name)
    return state


def test_initials_against_glued_names():
    graph = make_graph(
        [("p1", ["R.X. Xu", "Ann Bee"], {}), ("p2", ["Runxin Xu", "Ann Bee"], {}),
         ("p3", ["Y.K. Li", "Carl Dee"], {}), ("p4", ["Yifei Li", "Carl Dee"], {})]
    )
    found = author_candidates(graph)
    assert pair(found, "Runxin Xu", "R.X. Xu").relation == "initials"
    assert pair(found, "Yifei Li", "Y.K. Li") is None


def test_a_surname_or_given_name_more_is_proposed_for_review_only():
    graph = make_graph(
        [("p1", ["Jordi Porta Zamorano", "Ann Bee"], {}), ("p2", ["Jordi Porta", "Ann Bee"], {}),
         ("p3", ["Paul Hongsuck Seo", "Carl Dee"], {}), ("p4", ["Hongsuck Seo", "Carl Dee"], {}),
         ("p5", ["Ting-Wei Wu", "Eve Fox"], {}), ("p6", ["Wei Wu", "Eve Fox"], {})]
    )
    found = author_candidates(graph)
    assert pair(found, "Ting-Wei Wu", "Wei Wu") is None  # "Ting-Wei" is one given name
    surname = pair(found, "Jordi Porta Zamorano", "Jordi Porta")
    given = pair(found, "Paul Hongsuck Seo", "Hongsuck Seo")
    assert (surname.relation, given.relation) == ("surname", "given")
    assert not surname.auto and not given.auto and auto_merges(found) == []
