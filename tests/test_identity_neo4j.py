"""Identity decisions on a real Neo4j server: one transaction each, under the writer lock, logged in
the database.

- ``authors merge`` killed (SIGKILL) while its transaction runs, or at any other moment, leaves the old
  graph and log or the new ones, never a mix;
- a merge started while a build writes the same database waits for it, and nothing the build wrote is
  lost;
- the identity log lives in the database: a build from another folder (or with another identity home)
  keeps the decision; a damaged decision in the database is a one-line error naming it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphkit.store.neo4j import IDENTITY_LOG_LABEL, Neo4jStore

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[1]
POOL = [f"Coauthor{i} Person{i}" for i in range(300)]


def write_listing(path: Path, papers: int, seed: int = 7) -> Path:
    """A JSON Lines listing where 'Wei-Shi Zheng' and 'W. Zheng' each sign many papers (a merge of the
    two changes thousands of relationships), plus unrelated papers."""
    rng = random.Random(seed)
    lines = []
    for i in range(papers):
        who = ["Wei-Shi Zheng", "W. Zheng", None][i % 3]
        authors = rng.sample(POOL, rng.randint(1, 4))
        if who:
            authors.insert(rng.randint(0, len(authors)), who)
        lines.append(json.dumps({"title": f"Study number {i} of re-identification", "authors": authors,
                                 "abstract": f"We study problem {i}.", "year": 2000 + i % 20}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Cli:
    def __init__(self, server, tmp_path: Path):
        self.server = server
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "NEO4J_USERNAME": server.username,
                    "NEO4J_PASSWORD": server.password, "GRAPHKIT_IDENTITY_HOME": str(tmp_path / "identity-home")}

    def args(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "graphkit", "--neo4j", self.server.uri, *args]

    def run(self, *args: str, cwd: Path, ok: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        done = subprocess.run(self.args(*args), cwd=cwd, env={**self.env, **(env or {})}, capture_output=True,
                              text=True, timeout=600)
        if ok:
            assert done.returncode == 0, done.stderr
        return done

    def start(self, *args: str, cwd: Path) -> subprocess.Popen:
        return subprocess.Popen(self.args(*args), cwd=cwd, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)


def state(store: Neo4jStore) -> tuple[dict, dict, list]:
    """Every node and relationship with its properties, and the identity log (without times)."""
    graph = store.read_graph()
    nodes = {key: dict(data) for key, data in graph.nodes(data=True)}
    edges = {(u, v, k): dict(data) for u, v, k, data in graph.edges(keys=True, data=True)}
    log = [{k: v for k, v in json.loads(r).items() if k != "at"} for _, r in store.identity_records()]
    return nodes, edges, log


def identity_transactions(store: Neo4jStore) -> int:
    rows = store._read(
        lambda tx: tx.run("SHOW TRANSACTIONS YIELD metaData WHERE metaData.graphkit = 'identity decision' "
                          "RETURN count(*) AS c").single()["c"],
        "listing transactions",
    )
    return rows


@pytest.fixture
def neo(neo4j_server):
    store = Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password)
    store.reset()
    store._write_batch(lambda tx: tx.run(f"MATCH (d:{IDENTITY_LOG_LABEL}) DELETE d").consume(), "clearing the log")
    yield store
    store._write_batch(lambda tx: tx.run(f"MATCH (d:{IDENTITY_LOG_LABEL}) DELETE d").consume(), "clearing the log")
    store.close()


def test_merge_killed_part_way_leaves_the_old_or_the_new_graph(neo4j_server, neo, tmp_path):
    cli = Cli(neo4j_server, tmp_path)
    listing = write_listing(tmp_path / "listing.jsonl", 3000)
    cli.run("build", "--no-extract", str(listing), cwd=tmp_path)
    old = state(neo)
    started = time.monotonic()
    cli.run("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=tmp_path)
    whole = time.monotonic() - started
    new = state(neo)
    assert old[0] != new[0] and "Author:w zheng" not in new[0] and len(new[2]) == 1
    cli.run("authors", "undo", cwd=tmp_path)
    assert state(neo)[:2] == old[:2]
    cli.run("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=tmp_path)  # log: merge, undo, merge
    redone = state(neo)
    assert redone[:2] == new[:2]
    cli.run("authors", "undo", cwd=tmp_path)
    before = state(neo)  # the graph as built; log: merge, undo, merge, undo
    assert before[:2] == old[:2]

    rng = random.Random(1)
    outcomes = {"old": 0, "new": 0}
    in_transaction = 0
    for trial in range(8):
        process = cli.start("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=tmp_path)
        if trial % 2 == 0:  # the moment its one transaction runs, then a little later
            deadline = time.monotonic() + 120
            while not identity_transactions(neo) and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            in_transaction += process.poll() is None
            time.sleep(rng.uniform(0, 0.3))
        else:  # any moment of the command
            time.sleep(rng.uniform(0, whole))
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 30  # the server notices the closed connection and rolls back
        while identity_transactions(neo) and time.monotonic() < deadline:
            time.sleep(0.05)
        after = state(neo)
        nodes, edges, log = after
        if (nodes, edges) == before[:2]:
            assert log == before[2], "graph as before but the log changed"
            outcomes["old"] += 1
        else:
            assert (nodes, edges) == new[:2], "a graph that is neither the old nor the new one"
            assert log == [*before[2], new[2][0]]
            outcomes["new"] += 1
            cli.run("authors", "undo", cwd=tmp_path)
            before = state(neo)
            assert before[:2] == old[:2]
        assert neo.stats() == neo.stats()  # the store answers
    assert in_transaction >= 3, "the kills never hit the merge's transaction"
    assert outcomes["old"] >= 3
    # and the store still takes decisions
    cli.run("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=tmp_path)
    assert state(neo)[:2] == new[:2]


def test_merge_during_a_build_waits_and_loses_nothing(neo4j_server, neo, tmp_path):
    cli = Cli(neo4j_server, tmp_path)
    first = write_listing(tmp_path / "first.jsonl", 300, seed=1)
    cli.run("build", "--no-extract", str(first), cwd=tmp_path)
    more = tmp_path / "more.jsonl"
    # large enough that the build still holds the lock when the merge's process has started
    more.write_text(write_listing(tmp_path / "x.jsonl", 12000, seed=2).read_text().replace("Study number",
                                                                                          "Further study"))
    build = cli.start("build", "--no-extract", str(more), cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the build holds the writer lock
        probe = Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password)
        probe.lock_timeout = 0
        try:
            with probe.writer_lock():
                pass
        except Exception as err:  # noqa: BLE001 - StoreLocked: the build has it
            assert "another graphkit process is writing" in str(err)
            break
        finally:
            probe.close()
        time.sleep(0.05)
    else:
        pytest.fail("the build never held the writer lock")
    merge = cli.run("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=tmp_path)
    assert "waiting for another graphkit process" in merge.stderr
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    papers = neo.stats()["nodes"]["Paper"]
    assert papers == 12300
    nodes = state(neo)[0]
    assert "Author:w zheng" not in nodes and "Author:weishi zheng" in nodes
    # the same as a quiet build of both listings with the merge
    neo.reset()
    cli.run("build", "--no-extract", str(first), str(more), cwd=tmp_path)
    assert state(neo)[0] == nodes


def test_identity_log_is_in_the_database(neo4j_server, neo, tmp_path):
    cli = Cli(neo4j_server, tmp_path)
    folder_a, folder_b = tmp_path / "a", tmp_path / "b"
    folder_a.mkdir()
    folder_b.mkdir()
    listing = write_listing(folder_a / "listing.jsonl", 60)
    cli.run("build", "--no-extract", "listing.jsonl", cwd=folder_a)
    cli.run("authors", "merge", "Wei-Shi Zheng", "W. Zheng", cwd=folder_b,
            env={"GRAPHKIT_IDENTITY_HOME": str(tmp_path / "home-b")})
    assert [json.loads(r)["action"] for _, r in neo.identity_records()] == ["merge"]
    assert not list(tmp_path.rglob("identity-log.jsonl")), "the log went to a file"
    cli.run("build", "--no-extract", str(listing), cwd=folder_a)
    assert "Author:w zheng" not in state(neo)[0]
    # build --reset empties the graph, not the decisions
    cli.run("build", "--reset", "--no-extract", str(listing), cwd=folder_a)
    assert "Author:w zheng" not in state(neo)[0]
    assert "W. Zheng" in state(neo)[0]["Author:weishi zheng"]["aliases"]

    # a damaged decision in the database: one line naming it and the way out, for every command
    neo._write_batch(lambda tx: tx.run(f"MATCH (d:{IDENTITY_LOG_LABEL} {{seq: 0}}) SET d.record = '[1, 2]'")
                     .consume(), "damaging the log")
    for args in (("authors", "review"), ("authors", "undo"), ("build", "--no-extract", str(listing))):
        done = cli.run(*args, cwd=folder_a, ok=False)
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert "identity log in Neo4j at" in lines[0] and "decision 0" in lines[0], lines[0]
        assert "expected a JSON object" in lines[0] and "GraphkitIdentityDecision" in lines[0]
