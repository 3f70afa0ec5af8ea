"""Homonym splits and a damaged identity log (no store needed)."""

from __future__ import annotations

import pytest

from graphkit.identity import IdentityError, MergeLog, apply_identities
from graphkit.identity.apply import person_id
from graphkit.identity.homonyms import (
    HomonymParams,
    PaperIndex,
    decision_groups,
    split_proposals,
)
from graphkit.model import Graph, Node, Relationship


def two_people_graph(extra_paper=None):
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
    # a corpus this small says nothing about how common the name is: cut at a fixed height
    proposals = split_proposals(PaperIndex(graph), ["yang liu"], HomonymParams(base=0.5, slope=0.0))
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
