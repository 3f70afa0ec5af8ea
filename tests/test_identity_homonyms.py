"""Homonym splits and a damaged identity log (no store needed)."""

from __future__ import annotations

import pytest

from graphkit.identity import IdentityError, MergeLog, apply_identities
from graphkit.identity.apply import person_id
from graphkit.identity.homonyms import (
    HomonymParams,
    PaperIndex,
    cluster_papers,
    decision_groups,
    split_proposals,
)
from graphkit.model import Graph, Node, Relationship

EVIDENCE_ONLY = HomonymParams(min_ambiguity=0.0)


def two_people_graph(extra_paper=None, more=()):
    """"Yang Liu" signs papers with two disjoint groups, in different decades and topics."""
    papers = [
        ("p1", ["Yang Liu", "Ann Bo"], 2005, "speech summarization meetings prosody"),
        ("p2", ["Yang Liu", "Ann Bo", "Cy Do"], 2006, "speech summarization meetings disfluency"),
        ("p3", ["Yang Liu", "Cy Do"], 2007, "speech prosody disfluency detection"),
        ("q1", ["Yang Liu", "Ed Fu"], 2022, "machine translation neural quality estimation"),
        ("q2", ["Yang Liu", "Ed Fu", "Gi Ha"], 2023, "machine translation neural decoding"),
        ("q3", ["Yang Liu", "Gi Ha"], 2024, "neural machine translation decoding quality"),
    ]
    if extra_paper:
        papers.append(extra_paper)
    papers += list(more)
    nodes, rels, authors = [], [], {}
    for pid, names, year, text in papers:
        nodes.append(Node("Paper", pid, {"title": text, "abstract": text, "year": year}))
        for position, name in enumerate(names, 1):
            key = name.lower()
            authors.setdefault(key, Node("Author", key, {"name": name}))
            rels.append(Relationship("AUTHORED", ("Author", key), ("Paper", pid), {"position": position}))
    return Graph(nodes + list(authors.values()), rels)


def test_split_proposal_separates_two_people_and_undo_restores(tmp_path):
    graph = two_people_graph()
    # a corpus this small says nothing about how common the name is: split on the evidence alone
    proposals = split_proposals(PaperIndex(graph), ["yang liu"], EVIDENCE_ONLY)
    assert len(proposals) == 1
    groups = sorted(sorted(g.papers) for g in proposals[0].groups)
    assert groups == [["p1", "p2", "p3"], ["q1", "q2", "q3"]]
    log = MergeLog(tmp_path)
    log.split_homonym("yang liu", "Yang Liu", decision_groups(proposals[0], person_id))
    # a paper the decision never saw goes to the person it shares a co-author with, and says why
    later = two_people_graph(("q4", ["Yang Liu", "Ed Fu"], 2025, "translation"))
    applied = apply_identities(later, log.state())
    ids = sorted(n.id for n in applied.nodes if n.label == "Author" and n.id.startswith("yang liu"))
    assert ids == ["yang liu#1", "yang liu#2"]
    q4 = next(r for r in applied.relationships if r.type == "AUTHORED" and r.end[1] == "q4")
    q1 = next(
        r for r in applied.relationships if r.type == "AUTHORED" and r.end[1] == "q1" and r.start[1].startswith("yang")
    )
    assert q4.start == q1.start and "ed fu" in q4.properties["assigned_by"]
    assert q1.properties["assigned_by"] == "decision"
    log.undo("author")
    assert apply_identities(later, log.state()).nodes == later.nodes


def persons(graph, params=EVIDENCE_ONLY):
    return sorted(sorted(group) for group in cluster_papers(PaperIndex(graph), "yang liu", params)[0])


def test_a_name_nobody_else_carries_is_not_split_by_default():
    # the same two groups, but no other Yang and no other Liu signs in this graph: one person is expected
    graph = two_people_graph()
    assert PaperIndex(graph).ambiguity["yang liu"] == 0.0
    assert split_proposals(graph, ["yang liu"]) == []
    assert persons(graph) == [["p1", "p2", "p3"], ["q1", "q2", "q3"]]


# two other Yangs and ten other Lius make "Yang Liu" expected to be carried by more than one other person
OTHERS = ["Yang Wang", "Yang Li"] + [f"{given} Liu" for given in ("Wei", "Min", "Jun", "Hui", "Lei", "Tao", "Bo",
                                                                  "Jie", "Xin", "Chen")]
FILLERS = [(f"f{i}", [name], 2010, "filler") for i, name in enumerate(OTHERS)]


def test_a_common_name_splits_by_default():
    fillers = FILLERS
    graph = two_people_graph(more=fillers)
    assert PaperIndex(graph).ambiguity["yang liu"] >= HomonymParams().min_ambiguity
    assert [sorted(g.papers) for g in split_proposals(graph, ["yang liu"])[0].groups] == [
        ["p1", "p2", "p3"], ["q1", "q2", "q3"]]


def test_groups_whose_coauthors_wrote_together_are_one_person():
    # two pairs of their co-authors (Ann Bo and Ed Fu, Cy Do and Gi Ha) wrote without Yang Liu: one community;
    # one pair alone is not enough at two_hop=2
    bridge = [("b1", ["Ann Bo", "Ed Fu"], 2015, "dialogue"), ("b2", ["Gi Ha", "Cy Do"], 2016, "parsing")]
    assert persons(two_people_graph(more=bridge[:1]), HomonymParams(min_ambiguity=0.0, two_hop=2)) == [
        ["p1", "p2", "p3"], ["q1", "q2", "q3"]]
    assert persons(two_people_graph(more=bridge), HomonymParams(min_ambiguity=0.0, two_hop=2)) == [
        ["p1", "p2", "p3", "q1", "q2", "q3"]]


def test_a_common_name_needs_more_evidence_to_join():
    # one pair of co-authors who wrote together joins the groups of a name nobody else carries, not of a
    # name carried by more people (1.5 others expected: a join needs 1.5 pairs at hop_power 1)
    params = HomonymParams(min_ambiguity=0.0, two_hop=1.0, hop_power=1.0)
    bridge = [("b1", ["Ann Bo", "Ed Fu"], 2015, "dialogue")]
    assert persons(two_people_graph(more=bridge), params) == [["p1", "p2", "p3", "q1", "q2", "q3"]]
    common = two_people_graph(more=bridge + FILLERS)
    assert 1.0 < PaperIndex(common).ambiguity["yang liu"] < 2.0
    assert persons(common, params) == [["p1", "p2", "p3"], ["q1", "q2", "q3"]]


def test_groups_with_alike_words_join_and_a_lone_paper_stays_with_the_largest():
    # two papers with a co-author of their own: a third person, unless their words are the first one's
    alike = [("r1", ["Yang Liu", "Jo Ka"], 2008, "speech prosody summarization meetings"),
             ("r2", ["Yang Liu", "Jo Ka"], 2009, "meetings disfluency prosody")]
    assert persons(two_people_graph(more=alike)) == [["p1", "p2", "p3"], ["q1", "q2", "q3"], ["r1", "r2"]]
    words = HomonymParams(min_ambiguity=0.0, topic=0.15)
    assert persons(two_people_graph(more=alike), words) == [["p1", "p2", "p3", "r1", "r2"], ["q1", "q2", "q3"]]
    # a lone paper with nothing in common with either group goes to the largest one, not to a person of its own
    lone = ("r1", ["Yang Liu", "Jo Ka"], 2012, "graph kernels chemistry")
    four = ("q4", ["Yang Liu", "Ed Fu"], 2024, "translation")
    assert persons(two_people_graph(lone, more=[four])) == [["p1", "p2", "p3"], ["q1", "q2", "q3", "q4", "r1"]]


@pytest.mark.parametrize("line", [
    b"[1, 2]\n",
    b'{"action": "merge", "kind": "author"}\n',
    b'{"action": "merge", "kind": "author", "pairs": "ab"}\n',
    b'{"action": "merge", "kind": "author", "pairs": [{"keep": "a"}]}\n',
    b'{"action": "split", "kind": "author"}\n',
    b'{"action": "undo", "target": 5}\n',
    b'{"action": "bogus"}\n',
    b'{"action": "split", "kind": "author", "key": "\xff"}\n',
])
def test_damaged_log_line_names_file_and_line(tmp_path, line):
    log = MergeLog(tmp_path)
    log.path.write_bytes(b'{"action": "split", "kind": "author", "key": "a"}\n' + line)
    with pytest.raises(IdentityError, match=r"identity-log\.jsonl:2: .*fix or delete that line"):
        log.state()


def test_log_that_is_a_folder(tmp_path):
    log = MergeLog(tmp_path)
    log.path.mkdir()
    with pytest.raises(IdentityError, match="is a folder"):
        log.records()


def test_undo_past_the_start_is_an_error(tmp_path):
    with pytest.raises(IdentityError, match="no author decision to undo"):
        MergeLog(tmp_path).undo("author")
