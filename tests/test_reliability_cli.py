"""Reliability through the command line, on both stores: hostile text, a server lost mid-build, credentials.

The store classes have their own fault and injection tests (test_neo4j_store.py,
test_embedded_store.py); these run ``python -m graphkit`` as a user would, so the error
mapping, the messages and what ends up on the terminal or on disk are what is checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from catalog_graph import HOSTILE_AUTHOR, HOSTILE_METHOD, HOSTILE_TITLE, catalog_graph
from conftest import free_port, service_missing
from corpus import CORPUS

from graphkit.store import open_store
from graphkit.store.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parent.parent

HOSTILE_NAMES = [
    HOSTILE_AUTHOR,
    "O'Brien \"Bobby\" `tick` {brace} [bracket] $param \\n",
    "Zoë Ångström-Łukasiewicz 王小明",
    "<script>alert(1)</script> Smith",
]
HOSTILE_PAPER = {
    "title": HOSTILE_TITLE,
    "authors": HOSTILE_NAMES,
    "abstract": "We propose }) DETACH DELETE n // and evaluate it on `SQuAD`. MATCH (n) DELETE n.",
    "year": 2024,
    "venue": "ACL'); DROP TABLE papers;--",
}


def graphkit(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 300):
    """``python -m graphkit ARGS`` in a fresh process, as a user runs it (this checkout's graphkit)."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NEO4J_URI": "", "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "graphkit", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or REPO, timeout=timeout)


def hostile_file(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE_PAPER, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def counts(store_args: list[str], env: dict[str, str]) -> dict:
    done = graphkit(*store_args, "stats", "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def query(store_args: list[str], env: dict[str, str], name: str, *params: str) -> list[dict]:
    done = graphkit(*store_args, "query", name, *params, "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def check_hostile_round_trip(store_args: list[str], env: dict[str, str], folder: Path) -> None:
    """Build the hostile record, then every hostile name is found verbatim and no query changes a count."""
    built = graphkit(*store_args, "build", str(hostile_file(folder)), "--no-extract", env=env)
    assert built.returncode == 0, built.stderr
    before = counts(store_args, env)
    assert before["nodes"]["Paper"] >= 1 and before["nodes"]["Author"] >= len(HOSTILE_NAMES)
    for name in HOSTILE_NAMES:
        rows = query(store_args, env, "author-papers", "-p", "name", name)
        assert HOSTILE_TITLE in [row["title"] for row in rows], name
    by_title = query(store_args, env, "paper-authors", "-p", "title", HOSTILE_TITLE)
    assert {row["author"] for row in by_title} >= set(HOSTILE_NAMES)
    # a hostile method name written by the store (extraction rarely yields one) is queried verbatim too
    rows = query(store_args, env, "method-papers", "-p", "method", HOSTILE_METHOD)
    assert [row["title"] for row in rows] == [HOSTILE_TITLE]
    assert counts(store_args, env) == before


@pytest.mark.slow  # eight graphkit processes: about a minute on a loaded machine
def test_hostile_names_round_trip_through_the_cli_on_the_embedded_store(tmp_path):
    store = tmp_path / "store"
    with open_store(store_dir=store) as embedded:
        embedded.write(catalog_graph())
    check_hostile_round_trip(["--store", str(store)], {}, tmp_path)


@pytest.mark.neo4j
@pytest.mark.slow
def test_hostile_names_round_trip_through_the_cli_on_neo4j(neo4j_server, neo4j_store, tmp_path):
    neo4j_store.write(catalog_graph())
    env = {"NEO4J_PASSWORD": neo4j_server.password}
    check_hostile_round_trip(["--neo4j", neo4j_server.uri], env, tmp_path)


# -- credentials -----------------------------------------------------------------------------


def everything_written(folder: Path) -> str:
    """Every file under ``folder`` (a fake HOME and working directory: logs, caches, stores)."""
    texts = []
    for path in folder.rglob("*"):
        if path.is_file():
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.neo4j
@pytest.mark.slow
def test_no_credential_is_printed_or_logged_by_any_command(neo4j_server, neo4j_store, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    secret = "Sekr3t-" + neo4j_server.password  # distinctive: found nowhere by chance
    wrong = {"NEO4J_PASSWORD": secret, "HOME": str(home), "GRAPHKIT_STORE": str(home / "store")}
    right = {**wrong, "NEO4J_PASSWORD": neo4j_server.password}
    data = hostile_file(tmp_path)
    runs = [
        # refused password, from the environment
        (["--neo4j", neo4j_server.uri, "build", str(data), "--no-extract"], wrong, 1),
        # refused password inside the URI
        (["--neo4j", f"bolt://neo4j:{secret}@127.0.0.1:{neo4j_server.port}", "stats"], wrong, 1),
        # nothing listening, password in the URI
        (["--neo4j", f"bolt://neo4j:{secret}@127.0.0.1:{free_port()}", "stats"], wrong, 1),
        # accepted password: a whole build, stats and a query, where nothing may echo it either
        (["--neo4j", neo4j_server.uri, "build", str(data), "--no-extract"], right, 0),
        (["--neo4j", neo4j_server.uri, "stats"], right, 0),
        (["--neo4j", neo4j_server.uri, "query", "author-papers", "-p", "name", HOSTILE_AUTHOR], right, 0),
    ]
    for args, env, status in runs:
        started = time.monotonic()
        done = graphkit(*args, env=env, cwd=home)
        assert done.returncode == status, (args, done.stderr)
        output = done.stdout + done.stderr
        for password in (secret, neo4j_server.password):
            assert password not in output, args
        if status:
            assert time.monotonic() - started < 30  # fails fast (process start and imports included)
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
            assert "Traceback" not in output
            # says what to check: the password, the server, or (credentials inside the URI, which the
            # driver does not take) the URI's form
            assert any(hint in lines[0] for hint in ("NEO4J_PASSWORD", "check that the server is running",
                                                     "use bolt://HOST:PORT")), lines[0]
    on_disk = everything_written(home) + everything_written(tmp_path)
    assert secret not in on_disk and neo4j_server.password not in on_disk


# -- the server stopped in the middle of ``graphkit build --neo4j`` -------------------------------


def corpus_slice(folder: Path, papers: int) -> Path:
    import gzip
    from itertools import islice

    if not Path(CORPUS).exists():
        service_missing(f"corpus {CORPUS} not found (set GRAPHKIT_CORPUS)")
    path = folder / f"acl_{papers}.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        path.write_text("".join(islice(lines, papers)), encoding="utf-8")
    return path


@pytest.mark.neo4j
@pytest.mark.slow
def test_server_stopped_mid_build_is_a_one_line_error_and_a_rerun_converges(neo4j_server, neo4j_store, tmp_path):
    data = corpus_slice(tmp_path, 6000)  # three pipeline batches of 2000 papers
    env = {"NEO4J_PASSWORD": neo4j_server.password}
    args = ["--neo4j", neo4j_server.uri, "build", str(data), "--no-extract"]

    reference_run = graphkit(*args, env=env)
    assert reference_run.returncode == 0, reference_run.stderr
    reference = neo4j_store.read_graph()
    reference_counts = neo4j_store.stats()
    neo4j_store.reset()

    full_env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", **env}
    build = subprocess.Popen([sys.executable, "-m", "graphkit", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=full_env, cwd=REPO)
    try:
        deadline = time.monotonic() + 600
        papers = 0
        while papers == 0 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            papers = neo4j_store.stats()["nodes"].get("Paper", 0)
        assert build.poll() is None, "the build ended before the server could be stopped"
        neo4j_server.kill()  # no clean shutdown: the connection just goes away
        _, stderr = build.communicate(timeout=300)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
        neo4j_server.start()

    assert build.returncode == 1, stderr
    *retries, error = stderr.strip().splitlines()
    assert "Traceback" not in stderr and neo4j_server.password not in stderr
    # one line per retry (graphkit's own, no driver noise), then the one-line error
    assert all(line.startswith("graphkit: Neo4j connection lost while") for line in retries), stderr
    assert error.startswith("Error: Neo4j at ") and "cannot be reached" in error, error
    assert "run the same command again" in error

    with Neo4jStore(neo4j_server.uri, password=neo4j_server.password) as store:
        partial = store.stats()["nodes"].get("Paper", 0)
        assert 0 < partial < reference_counts["nodes"]["Paper"]  # the stop really landed part-way
    rerun = graphkit(*args, env=env)
    assert rerun.returncode == 0, rerun.stderr
    with Neo4jStore(neo4j_server.uri, password=neo4j_server.password) as store:
        assert store.stats() == reference_counts
        graph = store.read_graph()
    assert sorted(graph.nodes(data=True)) == sorted(reference.nodes(data=True))
    assert sorted(graph.edges(keys=True, data=True), key=repr) == sorted(
        reference.edges(keys=True, data=True), key=repr
    )


# -- two ``graphkit build`` processes on one embedded store -----------------------------------------


@pytest.mark.slow
def test_two_concurrent_graphkit_build_processes_serialise(tmp_path):
    data = corpus_slice(tmp_path, 1600)
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:800]), encoding="utf-8")
    second.write_text("".join(lines[800:]), encoding="utf-8")
    store, quiet = tmp_path / "store", tmp_path / "quiet"
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NEO4J_URI": ""}
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "graphkit", "--store", str(store), "build", str(path), "--no-extract"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=full_env,
            cwd=REPO,
        )
        for path in (first, second)
    ]
    results = [build.communicate(timeout=600) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    one = graphkit("--store", str(quiet), "build", str(first), str(second), "--no-extract")
    assert one.returncode == 0, one.stderr
    from graphkit.store import load_graph

    together, alone = load_graph(store), load_graph(quiet)
    assert sorted(together.nodes) == sorted(alone.nodes)  # neither build's papers were lost
    assert sorted(together.edges(keys=True)) == sorted(alone.edges(keys=True))
    assert counts(["--store", str(store)], {}) == counts(["--store", str(quiet)], {})
