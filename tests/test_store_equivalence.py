"""The two stores hold the same graph: seeds and hand-made papers built into Neo4j and networkx."""

from __future__ import annotations

from pathlib import Path

import pytest
from paper_counts import recounted, stored

from graphkit.build.run import build_papers, build_paths
from graphkit.keys import paper_id
from graphkit.model import Entity, Evidence, ExtractedPaper, Paper
from graphkit.store import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def graph_data(graph):
    return (
        sorted((n, sorted(a.items(), key=str)) for n, a in graph.nodes(data=True)),
        sorted((u, v, k, sorted(a.items(), key=str)) for u, v, k, a in graph.edges(keys=True, data=True)),
    )


def hand_made():
    def paper(title, authors, abstract, **fields):
        return Paper(source="hand.txt", index=0, id=paper_id(title, abstract), abstract=abstract, title=title,
                     authors=tuple(authors), **fields)

    evidence = [Evidence("We propose X-Net on `Bench` {v2}.", 11, 16, "propose")]
    return [
        ExtractedPaper(paper("X-Net", ['O\'Brien "Quote" Smith', "Zoë 张伟"], "We propose X-Net on `Bench` {v2}.",
                             venue="ACL 2021", category="CL", has_code=True, year=2021),
                       [Entity("method", "x net", "X-Net", ["X-Net", "XNet"], evidence, role="proposes"),
                        Entity("dataset", "bench v2", "Bench v2", [], evidence),
                        Entity("task", "story visualization", "story visualization", [], evidence),
                        Entity("venue", "acl", "ACL", [], [])]),
        ExtractedPaper(paper(None, [], "An untitled abstract.", affiliation="Some University")),
    ]


@pytest.mark.neo4j
def test_seeds_and_hand_made_papers_give_the_same_graph_in_both_stores(neo4j_store, tmp_path):
    embedded = EmbeddedStore(tmp_path)
    for store in (embedded, neo4j_store):
        build_paths([SEEDS], store, extract=False)
        build_papers([e.paper for e in hand_made()], store, owner="Ada Lovelace", extract=False)
    assert graph_data(neo4j_store.read_graph()) == graph_data(embedded.read_graph())
    assert stored(embedded.read_graph()) == recounted(embedded.read_graph())  # the derived counts, built in two runs
    counts = embedded.stats()
    for store in (embedded, neo4j_store):  # building again changes nothing in either
        build_paths([SEEDS], store, extract=False)
        assert store.stats() == counts


@pytest.mark.neo4j
def test_extracted_entities_and_evidence_are_the_same_in_both_stores(neo4j_store, tmp_path):
    from graphkit.build import to_graph

    embedded = EmbeddedStore(tmp_path)
    graph = to_graph(hand_made(), owner="Ada Lovelace")
    for store in (embedded, neo4j_store):
        store.write(graph)
    assert graph_data(neo4j_store.read_graph()) == graph_data(embedded.read_graph())
