"""Identity decisions through the CLI and the stores: merge, split, undo, rebuild, new data.

The embedded store runs everywhere; the Neo4j test uses the real local server (no mocks) and
checks that the same log gives Neo4j exactly the identities the embedded store has.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from paper_counts import recounted, stored

from graphkit.build import to_graph
from graphkit.build.run import build_papers
from graphkit.cli import cli
from graphkit.identity import LOG_NAME, BuildIdentities, IdentitySession, MergeLog, identity_folder_for
from graphkit.keys import paper_id
from graphkit.model import Paper
from graphkit.store import open_store
from graphkit.store.neo4j import IDENTITY_LOG_LABEL


def papers(*listing: tuple[str, list[str]], source: str = "listing.jsonl") -> list[Paper]:
    return [
        Paper(source=source, index=i, id=paper_id(title, f"Abstract of {title}."), title=title,
              abstract=f"Abstract of {title}.", authors=tuple(authors), year=2020)
        for i, (title, authors) in enumerate(listing)
    ]


ZHENG = papers(
    ("Person re-identification by relative distance", ["Wei-Shi Zheng", "Shaogang Gong", "Tao Xiang"]),
    ("Reidentification by relative distance comparison", ["Weishi Zheng", "Shaogang Gong", "Tao Xiang"]),
    ("Towards open-world person re-identification", ["W. Zheng", "Shaogang Gong", "Tao Xiang"]),
    ("Unrelated work on parsing", ["Y. Li", "John Doe"]),
    ("Story visualization with diffusion", ["Yuhong Li", "Xichen Pan", "Pengda Qin"]),
)
NEW_DATA = papers(("Group re-identification", ["W. Zheng", "Shaogang Gong", "Jian-Huang Lai"]), source="new.jsonl")


def snapshot(store) -> tuple[dict, dict]:
    """Every node and relationship of a store with its properties (order-free, exact)."""
    graph = store.read_graph()
    nodes = {key: dict(data) for key, data in graph.nodes(data=True)}
    edges = {(u, v, k): dict(data) for u, v, k, data in graph.edges(keys=True, data=True)}
    return nodes, edges


def run(args: list[str], store_dir, env=None) -> str:
    result = CliRunner().invoke(cli, ["--store", str(store_dir), *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def authors_of(store) -> set[str]:
    return {data["id"] for _, data in store.read_graph().nodes(data=True) if data["label"] == "Author"}


@pytest.fixture
def built(tmp_path):
    with open_store(store_dir=tmp_path) as store:
        build_papers(ZHENG, store, extract=False)
    return tmp_path


def test_review_lists_candidates_with_evidence(built):
    assert not list(built.glob("identity-*"))  # no decision yet: the store is the raw graph, nothing kept
    found = json.loads(run(["authors", "review", "--format", "json"], built))
    pairs = {(c["keep"], c["drop"]): c for c in found}
    zheng = pairs[("weishi zheng", "w zheng")]
    assert zheng["auto"] and zheng["score"] >= 0.8
    assert {"both wrote with Shaogang Gong", "both wrote with Tao Xiang"} <= {r["detail"] for r in zheng["reasons"]}
    li = pairs[("yuhong li", "y li")]
    assert li["score"] < 0.8
    assert run(["authors", "review", "--min-score", "0.8", "--format", "json"], built).count('"drop"') == 1
    assert "Wei-Shi Zheng" in run(["authors", "review"], built)


def test_merge_then_undo_restores_the_exact_store(built):
    with open_store(store_dir=built) as store:
        before = snapshot(store)
    out = run(["authors", "merge", "Wei-Shi Zheng", "W. Zheng"], built)
    assert "Merged 'W. Zheng' into 'Wei-Shi Zheng'" in out and "Shaogang Gong" in out
    with open_store(store_dir=built) as store:
        merged = snapshot(store)
        assert "w zheng" not in authors_of(store)
    zheng = merged[0]["Author:weishi zheng"]
    assert zheng["name"] == "Wei-Shi Zheng" and "W. Zheng" in zheng["aliases"]
    assert merged[1][("Author:shaogang gong", "Author:weishi zheng", "COAUTHOR")]["papers"] == 3
    assert zheng["papers"] == 3  # the merged author's derived count covers both spellings' papers
    with open_store(store_dir=built) as store:
        assert stored(store.read_graph()) == recounted(store.read_graph())
    assert "Undid the merge of 'W. Zheng' into 'Wei-Shi Zheng'" in run(["authors", "undo"], built)
    with open_store(store_dir=built) as store:
        assert snapshot(store) == before
    result = CliRunner().invoke(cli, ["--store", str(built), "authors", "undo"])
    assert result.exit_code == 1 and "no author decision to undo" in result.output
    assert "Traceback" not in result.output


def test_split_and_user_mistakes(built):
    run(["authors", "merge", "--auto"], built)
    with open_store(store_dir=built) as store:
        assert "w zheng" not in authors_of(store) and "y li" in authors_of(store)
    assert "Split 'w zheng' from 'weishi zheng'" in run(["authors", "split", "W. Zheng"], built)
    with open_store(store_dir=built) as store:
        assert {"w zheng", "weishi zheng"} <= authors_of(store)
    # the split keeps them apart: review no longer proposes the pair, --auto does not redo it
    assert "W. Zheng" not in run(["authors", "review"], built)
    for args, message in [
        (["authors", "merge", "Wei-Shi Zheng", "Nobody Here"], "no author named 'Nobody Here'"),
        (["authors", "merge", "Wei-Shi Zheng"], "give two names"),
        (["authors", "split", "Tao Xiang"], "not merged with anything"),
        (["authors", "merge", "Wei-Shi Zheng", "Weishi Zheng"], "already one node"),
    ]:
        result = CliRunner().invoke(cli, ["--store", str(built), *args])
        assert result.exit_code != 0 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_decisions_survive_rebuild_and_new_data(built):
    run(["authors", "merge", "Wei-Shi Zheng", "W. Zheng"], built)
    with open_store(store_dir=built) as store:
        merged = snapshot(store)
        build_papers(ZHENG, store, extract=False, reset=True)  # a rebuild from scratch
        assert snapshot(store) == merged
        build_papers(NEW_DATA, store, extract=False)  # new data with the merged-away spelling
        assert "w zheng" not in authors_of(store)
        graph = store.read_graph()
        assert graph.nodes["Author:weishi zheng"]["name"] == "Wei-Shi Zheng"
        assert len([p for p in graph.successors("Author:weishi zheng") if p.startswith("Paper:")]) == 4
        assert graph.edges["Author:jianhuang lai", "Author:weishi zheng", "COAUTHOR"]["papers"] == 1
    log = MergeLog(built)
    assert [r["action"] for r in log.records()] == ["merge"] and (built / LOG_NAME).exists()
    assert (built / "identity-raw-networkx.jsonl.gz").exists()


def test_entities_merge_and_undo(tmp_path):
    from graphkit.model import Entity, ExtractedPaper

    first, second = papers(("Graph learning", ["Ann Bee"]), ("More graphs", ["Ann Bee"]))
    extracted = [
        ExtractedPaper(
            first,
            [
                Entity(
                    "method",
                    "graph neural network",
                    "graph neural networks",
                    ["GNNs", "graph neural networks"],
                    role="uses",
                )
            ],
        ),
        ExtractedPaper(second, [Entity("method", "gnn", "GNN", ["GNN"], role="uses")]),
    ]
    with open_store(store_dir=tmp_path) as store, store.bulk():  # what build_papers does, extraction done
        identities = BuildIdentities(store)
        identities.start(store)
        store.write(identities.apply(to_graph(extracted)))
        identities.finish(store)
    with open_store(store_dir=tmp_path) as store:
        before = snapshot(store)
    found = json.loads(run(["entities", "review", "--kind", "method", "--format", "json"], tmp_path))
    assert [(c["keep"], c["drop"], c["relation"]) for c in found] == [("graph neural network", "gnn", "alias")]
    run(["entities", "merge", "--auto", "--kind", "method"], tmp_path)
    with open_store(store_dir=tmp_path) as store:
        methods = {d["id"] for _, d in store.read_graph().nodes(data=True) if d["label"] == "Method"}
        assert methods == {"graph neural network"}
    assert "Undid the merge of 'GNN' into 'graph neural networks'" in run(["entities", "undo"], tmp_path)
    with open_store(store_dir=tmp_path) as store:
        assert snapshot(store) == before


def clear_identity_log(neo) -> None:
    """Drop the identity log a Neo4j database keeps (``build --reset`` and ``reset()`` keep it)."""
    neo._write_batch(lambda tx: tx.run(f"MATCH (d:{IDENTITY_LOG_LABEL}) DELETE d").consume(), "clearing the log")


def emptied_then_undone(store, store_dir, env=None, cli_args=()) -> int:
    """Merge, empty the store outside a build (``store.reset()``), undo: the papers the store then holds."""
    run([*cli_args, "authors", "merge", "Wei-Shi Zheng", "W. Zheng"], store_dir, env=env)
    store.reset()
    with IdentitySession(store, None if cli_args else store_dir) as session:  # the library API, no CLI check
        session.undo("author")
    return store.stats()["nodes"].get("Paper", 0)


def test_a_decision_after_a_reset_does_not_bring_the_old_graph_back(built):
    # the raw snapshot kept for the merge is the old store's: after the reset it is stale, never applied
    with open_store(store_dir=built) as store:
        assert emptied_then_undone(store, built) == 0
        build_papers(NEW_DATA, store, extract=False)
        assert store.stats()["nodes"]["Paper"] == 1 and "w zheng" in authors_of(store)


@pytest.mark.neo4j
def test_neo4j_decision_after_a_reset_does_not_bring_the_old_graph_back(tmp_path, neo4j_server, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_IDENTITY_HOME", str(tmp_path / "identity"))
    env = {"NEO4J_USERNAME": neo4j_server.username, "NEO4J_PASSWORD": neo4j_server.password}
    with open_store(neo4j_uri=neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password) as neo:
        neo.reset()
        clear_identity_log(neo)
        try:
            build_papers(ZHENG, neo, extract=False)
            assert emptied_then_undone(neo, tmp_path, env=env, cli_args=["--neo4j", neo4j_server.uri]) == 0
        finally:  # the log lives in the database (a reset keeps it): leave the shared server without one
            neo.reset()
            clear_identity_log(neo)


@pytest.mark.neo4j
def test_neo4j_gets_the_same_identities(tmp_path, neo4j_server, monkeypatch):
    # the Neo4j side keeps its log in a folder derived from the database, not from the working folder
    monkeypatch.setenv("GRAPHKIT_IDENTITY_HOME", str(tmp_path / "identity"))
    embedded_dir = tmp_path / "embedded"
    env = {"NEO4J_USERNAME": neo4j_server.username, "NEO4J_PASSWORD": neo4j_server.password}
    with open_store(store_dir=embedded_dir) as store:
        build_papers(ZHENG, store, extract=False)
    with open_store(neo4j_uri=neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password) as neo:
        neo.reset()
        clear_identity_log(neo)
        neo4j_dir = identity_folder_for(neo)
        assert neo4j_dir.parent == tmp_path / "identity"
        build_papers(ZHENG, neo, extract=False, identity_dir=tmp_path / "elsewhere")
        before = snapshot(neo)
        run(["authors", "merge", "Wei-Shi Zheng", "W. Zheng"], embedded_dir)
        # the same log, copied to the Neo4j side, gives Neo4j the same identities on its next build
        neo4j_dir.mkdir(parents=True, exist_ok=True)
        (neo4j_dir / LOG_NAME).write_text((embedded_dir / LOG_NAME).read_text())
        build_papers(NEW_DATA, neo, extract=False)
        with open_store(store_dir=embedded_dir) as store:
            build_papers(NEW_DATA, store, extract=False)
            assert snapshot(neo) == snapshot(store)
        assert stored(neo.read_graph()) == recounted(neo.read_graph())
        assert "w zheng" not in authors_of(neo)
        # and the CLI on Neo4j: undo the merge there, then the store is as built, plus the new paper
        run(["--neo4j", neo4j_server.uri, "authors", "undo"], tmp_path / "another-folder", env=env)
        assert "w zheng" in authors_of(neo)
        assert set(before[0]) < set(snapshot(neo)[0])


def test_a_merge_waits_for_a_running_build_and_keeps_everything_it_wrote(built):
    import threading
    import time

    outputs = []
    with open_store(store_dir=built) as store, store.bulk():  # a build holding the store
        store.write(to_graph(NEW_DATA))
        merge = threading.Thread(
            target=lambda: outputs.append(run(["authors", "merge", "Wei-Shi Zheng", "W. Zheng"], built))
        )
        merge.start()
        time.sleep(1.0)
        assert merge.is_alive() and not outputs  # waiting for the build's lock, nothing read yet
    merge.join(60)
    assert outputs and "Merged 'W. Zheng' into 'Wei-Shi Zheng'" in outputs[0]
    with open_store(store_dir=built) as store:
        graph = store.read_graph()
        titles = {data.get("title") for _, data in graph.nodes(data=True) if data["label"] == "Paper"}
        assert "Group re-identification" in titles  # the build's paper survived the merge's rewrite
        assert "jian-huang lai" in authors_of(store) or "jianhuang lai" in authors_of(store)
        assert "w zheng" not in authors_of(store)
        assert stored(graph) == recounted(graph)
