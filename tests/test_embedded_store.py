"""The embedded store: round trip, MERGE/idempotence, COAUTHOR weights, crash safety, locking, Cypher."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import networkx as nx
import pytest
from paper_counts import recounted, stored

from graphkit import load_graph
from graphkit.build import to_graph
from graphkit.build.run import build_papers
from graphkit.errors import QueryParameterError, ReadOnlyQueryError, StoreCorrupt, StoreLocked, UnsupportedCypher
from graphkit.keys import paper_id
from graphkit.model import Entity, ExtractedPaper, Paper
from graphkit.query.adhoc import bind_parameters, cypher_literal
from graphkit.store import EmbeddedStore, open_store
from graphkit.store.embedded import GRAPH_FILE, LEGACY_FILE
from graphkit.store.legacy import write_store_file

ROOT = Path(__file__).resolve().parents[1]


def paper(title, authors, abstract=None, index=0, **fields) -> Paper:
    abstract = abstract or f"Abstract of {title}."
    return Paper(source="t.txt", index=index, id=paper_id(title, abstract), abstract=abstract, title=title,
                 authors=tuple(authors), **fields)


BATCH_A = [paper("P1", ["Ann Lee", "Bo Chen"], category="CL"), paper("P2", ["Ann Lee", "Cy Diaz"], year=2020)]
BATCH_B = [paper("P3", ["Bo Chen", "Ann Lee", "Dee Evans"], venue="ACL 2021"), paper("P1", ["Ann Lee", "Bo Chen"])]


def as_data(graph: nx.MultiDiGraph):
    """Everything in a graph, comparable with ==."""
    return (
        sorted((n, sorted(a.items(), key=str)) for n, a in graph.nodes(data=True)),
        sorted((u, v, k, sorted(a.items(), key=str)) for u, v, k, a in graph.edges(keys=True, data=True)),
    )


def coauthor_weights(graph):
    return {(u, v): a["papers"] for u, v, k, a in graph.edges(keys=True, data=True) if k == "COAUTHOR"}


def test_round_trip_in_the_readme_form(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A + BATCH_B))
    graph = load_graph(tmp_path)
    assert as_data(graph) == as_data(store.read_graph())
    assert as_data(EmbeddedStore(tmp_path).read_graph()) == as_data(graph)
    assert graph.nodes["Author:ann lee"] == {
        "label": "Author",
        "id": "ann lee",
        "name": "Ann Lee",
        "aliases": ["Ann Lee"],
        "papers": 3,
    }
    edge = graph.get_edge_data("Author:bo chen", "Paper:" + paper_id("P3", "Abstract of P3."), key="AUTHORED")
    assert edge == {"type": "AUTHORED", "position": 1}
    assert all(None not in a.values() for _, a in graph.nodes(data=True))
    assert load_graph(tmp_path / GRAPH_FILE).number_of_nodes() == graph.number_of_nodes()


def test_coauthor_is_one_edge_per_pair_from_the_smaller_id(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A + BATCH_B))
    assert coauthor_weights(store.read_graph()) == {
        ("Author:ann lee", "Author:bo chen"): 2,
        ("Author:ann lee", "Author:cy diaz"): 1,
        ("Author:ann lee", "Author:dee evans"): 1,
        ("Author:bo chen", "Author:dee evans"): 1,
    }


def test_writing_twice_changes_nothing(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A))
    before = (tmp_path / GRAPH_FILE).read_bytes()
    summary = store.write(to_graph(BATCH_A))
    assert summary.nodes_created == {} and summary.nodes_updated == {} and summary.relationships_created == {}
    assert (tmp_path / GRAPH_FILE).read_bytes() == before


def test_incremental_build_equals_one_build_and_updates_weights(tmp_path):
    one = EmbeddedStore(tmp_path / "one")
    one.write(to_graph(BATCH_A + BATCH_B))
    two = EmbeddedStore(tmp_path / "two")
    two.write(to_graph(BATCH_A))
    assert coauthor_weights(two.read_graph())[("Author:ann lee", "Author:bo chen")] == 1
    summary = two.write(to_graph(BATCH_B))
    assert summary.nodes_created == {"Paper": 1, "Author": 1, "Venue": 1}
    assert as_data(load_graph(tmp_path / "two")) == as_data(load_graph(tmp_path / "one"))
    assert coauthor_weights(load_graph(tmp_path / "two"))[("Author:ann lee", "Author:bo chen")] == 2
    two.write(to_graph(BATCH_B))  # again: weights set, not added
    assert as_data(load_graph(tmp_path / "two")) == as_data(load_graph(tmp_path / "one"))


def test_untitled_record_in_a_later_build_joins_the_stored_paper(tmp_path):
    store = EmbeddedStore(tmp_path)
    build_papers([paper("Titled", ["Ann Lee"], abstract="Same abstract here.")], store, extract=False)
    untitled = Paper(
        source="abs.txt", index=0, id=paper_id(None, "same abstract  HERE"), abstract="same abstract  HERE"
    )
    build_papers([untitled], EmbeddedStore(tmp_path), owner="Bo Chen", extract=False)
    graph = load_graph(tmp_path)
    assert [n for n, label in graph.nodes(data="label") if label == "Paper"] == ["Paper:" + paper_id("Titled", "x")]
    paper_key = "Paper:" + paper_id("Titled", "x")
    assert graph.has_edge("Author:bo chen", paper_key, key="AUTHORED")
    # the named owner wrote it but is on no byline, so co-authorship (counted from bylines) is unchanged
    assert coauthor_weights(graph) == {}


def test_reset_empties_the_store_and_keeps_a_backup(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A))
    store.reset()
    assert load_graph(tmp_path).number_of_nodes() == 0
    assert load_graph(tmp_path / (GRAPH_FILE + ".bak")).number_of_nodes() > 0


# --- the derived `papers` counts --------------------------------------------------------------


def with_methods(item: Paper, *roles: tuple[str, str]) -> ExtractedPaper:
    return ExtractedPaper(item, [Entity("method", key, key.upper(), [], [], role=role) for key, role in roles])


# the second paper both proposes and uses "x net": one paper for its count
WITH_METHODS = [
    with_methods(paper("P1", ["Ann Lee", "Bo Chen"], category="CL"), ("x net", "uses")),
    with_methods(paper("P5", ["Ann Lee"], venue="ACL 2021"), ("x net", "proposes"), ("x net", "uses"), ("crf", "uses")),
]


def test_paper_counts_stay_exact_through_incremental_repeated_and_reset_builds(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A))
    store.write(to_graph(WITH_METHODS))
    store.write(to_graph(BATCH_B))
    graph = load_graph(tmp_path)
    assert stored(graph) == recounted(graph)
    assert (stored(graph)["Author:ann lee"], stored(graph)["Method:x net"], stored(graph)["Venue:acl 2021"]) == (
        4,
        2,
        2,
    )
    one = EmbeddedStore(tmp_path / "one")  # the same papers in one write
    one.write(to_graph(BATCH_A + [item.paper for item in WITH_METHODS] + BATCH_B))
    one.write(to_graph(WITH_METHODS))
    assert stored(load_graph(tmp_path / "one")) == stored(graph)
    before = (tmp_path / GRAPH_FILE).read_bytes()
    store.write(to_graph(WITH_METHODS))  # again: nothing changes, the file is not rewritten
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    with store.bulk(reset=True):
        store.write(to_graph(WITH_METHODS[1:]))
    graph = load_graph(tmp_path)
    assert (
        stored(graph)
        == recounted(graph)
        == {"Author:ann lee": 1, "Method:x net": 1, "Method:crf": 1, "Venue:acl 2021": 1}
    )


def test_an_old_format_store_from_before_the_counts_is_migrated_with_them(tmp_path, capsys):
    store = EmbeddedStore(tmp_path / "new")
    store.write(to_graph(WITH_METHODS))
    graph = load_graph(tmp_path / "new")
    for _, attrs in graph.nodes(data=True):
        attrs.pop("papers", None)
    old = tmp_path / "old"
    old.mkdir()
    write_store_file(old / LEGACY_FILE, graph)
    migrated = load_graph(old)
    assert "old single-file format" in capsys.readouterr().err
    assert stored(migrated) == recounted(migrated) and stored(migrated)["Method:x net"] == 2
    assert as_data(migrated) == as_data(load_graph(tmp_path / "new"))
    assert (old / GRAPH_FILE).exists() and (old / (LEGACY_FILE + ".migrated")).exists()
    assert not (old / LEGACY_FILE).exists()
    assert as_data(load_graph(old)) == as_data(migrated)  # once: the second open reads graph.db
    assert "old single-file format" not in capsys.readouterr().err


# --- crash safety -----------------------------------------------------------------------------

GENERATE = """
def generated_papers(n):
    for i in range(n):
        title, abstract = f"Paper {i}", f"Abstract {i}."
        authors = (f"Author {i % 97}", f"Author {(i * 7) % 89}", f"Writer {i % 13}")
        yield Paper(source="gen", index=i, id=paper_id(title, abstract), abstract=abstract, title=title,
                    authors=authors, year=2000 + i % 20)
"""
_generated = {"Paper": Paper, "paper_id": paper_id}
exec(GENERATE, _generated)  # the same papers in this process and in the child builds
generated_papers = _generated["generated_papers"]

CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {root!r})
    from graphkit.keys import paper_id
    from graphkit.model import Entity, ExtractedPaper, Paper
    from graphkit.build.run import build_papers
    from graphkit.store import EmbeddedStore
    from graphkit.store import embedded
    import graphkit.build.run as pipeline
    """
) + GENERATE + textwrap.dedent(
    """
    mode, n = sys.argv[1], int(sys.argv[2])
    if mode == "pause-in-write":  # stop inside the transaction, after everything is written but the commit
        real_derive = embedded.EmbeddedStore._derive
        def slow_derive(self):
            result = real_derive(self)
            print("writing", flush=True)
            time.sleep(60)
            return result
        embedded.EmbeddedStore._derive = slow_derive
    if mode == "pause-in-build":  # stop in the third batch, after two were merged in memory
        real_to_graph, calls = pipeline.to_graph, []
        def to_graph(items, **kw):
            calls.append(1)
            if len(calls) == 3:
                print("building", flush=True)
                time.sleep(60)
            return real_to_graph(items, **kw)
        pipeline.to_graph = to_graph
    build_papers(generated_papers(n), EmbeddedStore(sys.argv[3]), extract=False, batch_size=100)
    print("done", flush=True)
    """
)


def build_here(n, store_dir):
    build_papers(generated_papers(n), EmbeddedStore(store_dir), extract=False, batch_size=100)


def run_child(tmp_path, mode, n, store_dir, kill_on=None):
    script = tmp_path / "child.py"
    script.write_text(CHILD.replace("{root!r}", repr(str(ROOT))))
    proc = subprocess.Popen(
        [sys.executable, str(script), mode, str(n), str(store_dir)], stdout=subprocess.PIPE, text=True
    )
    if kill_on is None:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "done" in out
        return
    for line in proc.stdout:
        if line.strip() == kill_on:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize("kill_on", ["writing", "building"])
def test_build_killed_part_way_then_rerun_equals_an_uninterrupted_build(tmp_path, kill_on):
    quiet, store = tmp_path / "quiet", tmp_path / "store"
    build_here(600, quiet)
    build_here(300, store)  # a good store to start from
    before = as_data(load_graph(store))
    run_child(tmp_path, f"pause-in-{'write' if kill_on == 'writing' else 'build'}", 600, store, kill_on=kill_on)
    assert as_data(load_graph(store)) == before  # the last good store is intact and readable
    build_here(600, store)
    assert as_data(load_graph(store)) == as_data(load_graph(quiet))
    assert not [p for p in store.iterdir() if p.name.endswith(".tmp")]  # the killed run's temp file is gone


@pytest.mark.slow
def test_build_killed_at_random_points_leaves_a_readable_store_that_converges(tmp_path):
    import random
    import time

    rng = random.Random(7)
    quiet, store = tmp_path / "quiet", tmp_path / "store"
    build_here(2000, quiet)
    build_here(1000, store)  # the last good store
    good, complete = as_data(load_graph(store)), as_data(load_graph(quiet))
    script = tmp_path / "child.py"
    script.write_text(CHILD.replace("{root!r}", repr(str(ROOT))))
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, str(script), "plain", "2000", str(store)], stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert as_data(load_graph(store)) in (good, complete)  # readable, never half-written
    build_here(2000, store)
    assert as_data(load_graph(store)) == as_data(load_graph(quiet))


def test_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_A))
    before = (tmp_path / GRAPH_FILE).read_bytes()

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(EmbeddedStore, "_derive", disk_full)  # fails after the batch is merged, before the commit
    with pytest.raises(OSError):
        store.write(to_graph(BATCH_B))
    monkeypatch.undo()
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [GRAPH_FILE, "lock"]
    assert as_data(store.read_graph()) == as_data(load_graph(tmp_path))  # in-memory changes dropped too


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        # bytes flipped in the header of the second page (a table's root): SQLite keeps no checksum of
        # each byte, so damage is found in the structure it checks (quick_check) and reads
        lambda data: data[:4096] + bytes(b ^ 0xFF for b in data[4096:4106]) + data[4106:],
        lambda data: b"not a store at all\n",
        lambda data: b"",
    ],
    ids=["truncated", "flipped", "garbage", "empty"],
)
def test_corrupted_store_says_how_to_rebuild_and_keeps_the_previous_version(tmp_path, damage):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph(BATCH_B))
    build_papers(BATCH_A, EmbeddedStore(tmp_path), reset=True, extract=False)  # keeps the BATCH_B store
    store.write(to_graph(BATCH_B))
    good_backup = load_graph(tmp_path / (GRAPH_FILE + ".bak"))
    assert good_backup.number_of_nodes() == 6  # BATCH_B: 2 papers, 3 authors, 1 venue
    path = tmp_path / GRAPH_FILE
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(StoreCorrupt, match=r"corrupted.*\.bak.*build --reset"):
        load_graph(tmp_path)
    with pytest.raises(StoreCorrupt):
        EmbeddedStore(tmp_path).write(to_graph(BATCH_A))  # never merge into a damaged graph
    # rebuilding with --reset works without reading the damaged file, and keeps the good backup
    build_papers(BATCH_A, EmbeddedStore(tmp_path), reset=True, extract=False)
    assert as_data(load_graph(tmp_path / (GRAPH_FILE + ".bak"))) == as_data(good_backup)
    assert load_graph(tmp_path).number_of_nodes() == 6  # 2 papers, 3 authors, 1 category
    path.write_bytes(damage(path.read_bytes()))
    EmbeddedStore(tmp_path).reset()  # reset alone works on a damaged store too
    assert load_graph(tmp_path).number_of_nodes() == 0


# --- two writers ------------------------------------------------------------------------------


def test_second_writer_stops_with_a_clear_message_when_told_not_to_wait(tmp_path):
    holder = EmbeddedStore(tmp_path)
    with holder.bulk():
        with pytest.raises(StoreLocked, match=rf"another graphkit process \(pid {os.getpid()}\) is writing"):
            EmbeddedStore(tmp_path, lock_timeout=0).write(to_graph(BATCH_A))
    EmbeddedStore(tmp_path, lock_timeout=0).write(to_graph(BATCH_A))  # free again


def test_second_writer_waits_then_merges_into_the_first_writers_result(tmp_path):
    first, second = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path, on_wait=lambda m: waited.set())
    waited, done = threading.Event(), threading.Event()
    second.read_graph()  # an old view of the empty store: must not overwrite the first build

    def write_second():
        second.write(to_graph(BATCH_B))
        done.set()

    with first.bulk():
        first.write(to_graph(BATCH_A))
        thread = threading.Thread(target=write_second)
        thread.start()
        assert waited.wait(10)
        assert not done.is_set()
    thread.join(10)
    one = EmbeddedStore(tmp_path / "one")
    one.write(to_graph(BATCH_A + BATCH_B))
    assert as_data(load_graph(tmp_path)) == as_data(load_graph(tmp_path / "one"))


@pytest.mark.slow
def test_two_concurrent_build_processes_serialise(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD.replace("{root!r}", repr(str(ROOT))))
    store = tmp_path / "store"
    procs = [subprocess.Popen([sys.executable, str(script), "plain", str(n), str(store)], stdout=subprocess.PIPE)
             for n in (400, 700)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    build_here(700, tmp_path / "quiet")
    assert as_data(load_graph(store)) == as_data(load_graph(tmp_path / "quiet"))


# --- Cypher -----------------------------------------------------------------------------------

HOSTILE = ['x"}) DETACH DELETE n //', "O'Brien `tick` {brace}", 'back\\slash" OR 1=1 OR "', "Zoë 张伟 \U0001f600",
           'line\nbreak', '\\"', "$name"]


@pytest.fixture
def hostile_store(tmp_path):
    store = EmbeddedStore(tmp_path)
    store.write(to_graph([paper(f"Title {name}", [name, "Ann Lee"], index=i) for i, name in enumerate(HOSTILE)]))
    return store


def test_cypher_with_parameters(hostile_store):
    rows = hostile_store.cypher(
        "MATCH (a:Author)-[r:AUTHORED]->(p:Paper) WHERE a.id = $key AND r.position = $pos RETURN p.title ORDER BY "
        "p.title",
        {"key": "ann lee", "pos": 2},
    )
    assert [row["p.title"] for row in rows] == sorted(f"Title {n}" for n in HOSTILE)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_parameter_values_are_matched_verbatim_and_change_no_query(hostile_store, name):
    before = hostile_store.stats()
    rows = hostile_store.cypher("MATCH (a:Author) WHERE a.name = $name RETURN a.name, a.aliases", {"name": name})
    assert rows == [{"a.name": name.strip(), "a.aliases": [name.strip()]}]
    assert hostile_store.cypher("MATCH (p:Paper) WHERE p.title = $t RETURN p.title", {"t": f"Title {name}"}) == [
        {"p.title": f"Title {name}"}
    ]
    assert hostile_store.stats() == before


def test_string_literals_in_either_quote_style(hostile_store):
    rows = hostile_store.cypher("MATCH (a:Author) WHERE a.name = 'O\\'Brien `tick` {brace}' RETURN a.id")
    assert len(rows) == 1
    assert hostile_store.cypher('MATCH (a:Author) WHERE a.name = "Ann Lee" RETURN a.id') == [{"a.id": "ann lee"}]


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Author {name: 'x'})",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n:Author) SET n.name = 'x' RETURN n",
        "MERGE (n:Author {id: 'x'})",
        "MATCH (n) REMOVE n.name RETURN n",
        "LOAD CSV FROM 'file:///x' AS row RETURN row",
        "CALL db.labels()",
        "match (n) delete n",
    ],
)
def test_writes_are_refused(hostile_store, query):
    before = hostile_store.stats()
    with pytest.raises(ReadOnlyQueryError, match="only read"):
        hostile_store.cypher(query)
    assert hostile_store.stats() == before


def test_write_words_inside_strings_and_names_are_fine(hostile_store):
    rows = hostile_store.cypher('MATCH (p:Paper) WHERE p.title = "Title x\\"}) DETACH DELETE n //" RETURN p.title')
    assert rows == [{"p.title": 'Title x"}) DETACH DELETE n //'}]
    assert hostile_store.cypher("MATCH (d:Dataset) RETURN d.name") == []


def test_unsupported_cypher_and_missing_parameters_get_clear_errors(hostile_store):
    with pytest.raises(UnsupportedCypher, match="grand-cypher's subset"):
        hostile_store.cypher("MATCH (a:Author) WITH a RETURN a.name")
    with pytest.raises(QueryParameterError, match=r"\$who but no value"):
        hostile_store.cypher("MATCH (a:Author) WHERE a.name = $who RETURN a.name", {"name": "x"})


def test_cypher_literal_reads_back_exactly():
    from grandcypher import GrandCypher

    graph = nx.MultiDiGraph()
    for i, value in enumerate(HOSTILE + ["\x00\x1f\u2028", "\ud800"]):
        graph.add_node(i, v=value, __labels__={"N"})
        assert GrandCypher(graph).run(f"MATCH (n:N) WHERE n.v = {cypher_literal(value)} RETURN n.v")["n.v"] == [value]
    assert bind_parameters("RETURN $a, '$a', \"$a\" // $a", {"a": [1, "x"]}) == 'RETURN [1, "x"], "$a", "$a" '


def test_open_store_picks_the_embedded_store(tmp_path, monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("GRAPHKIT_STORE", str(tmp_path / "env"))
    assert open_store().directory == tmp_path / "env"
    assert open_store(store_dir=tmp_path).directory == tmp_path


def test_a_damaged_property_text_is_a_corrupted_store_not_a_traceback(tmp_path):
    """load_graph reads every row without checking the whole file first: a record SQLite reads
    fine but whose property text is broken is reported as a corrupted store as well."""
    import sqlite3

    EmbeddedStore(tmp_path).write(to_graph(BATCH_A))
    assert load_graph(tmp_path).number_of_nodes() > 0
    con = sqlite3.connect(tmp_path / GRAPH_FILE)
    with con:
        con.execute("""UPDATE nodes SET props = '{"name": "Ann' WHERE id = 'ann lee'""")
    con.close()
    with pytest.raises(StoreCorrupt, match=r"not valid JSON.*build --reset"):
        load_graph(tmp_path)
