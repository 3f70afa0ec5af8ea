"""The bulk path into a new Neo4j database: ``graphkit export --format csv`` then
``scripts/neo4j-local import`` (neo4j-admin database import full), checked against ``graphkit build``
on Neo4j for the seed corpus."""

from __future__ import annotations

import os
import re
import secrets
import subprocess

from click.testing import CliRunner
from conftest import REPO, free_port

from graphkit import open_store
from graphkit.build.derive import PAPER_COUNT_LINKS
from graphkit.build.run import build_paths
from graphkit.cli import cli
from graphkit.schema import NODE_LABELS
from graphkit.store.neo4j import METHOD_SHORTCUT, Neo4jStore

SEEDS = REPO / "seeds"
SCRIPT = str(REPO / "scripts" / "neo4j-local")


def _script(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=900)


def test_after_import_statements_cover_every_constraint_and_index_the_store_creates():
    text = (REPO / "cypher" / "import" / "after-import.cypher").read_text(encoding="utf-8")
    constraints = set(re.findall(r"CREATE CONSTRAINT graphkit_(\w+)_id IF NOT EXISTS FOR \(n:(\w+)\)", text))
    assert constraints == {(label, label) for label in NODE_LABELS}
    indexes = set(re.findall(r"CREATE INDEX graphkit_(\w+)_papers IF NOT EXISTS FOR \(n:(\w+)\)", text))
    assert indexes == {(label, label) for label in PAPER_COUNT_LINKS}
    assert f"MERGE (a)-[:{METHOD_SHORTCUT}]->(m)" in text


def test_import_refuses_a_folder_without_the_csv_pair(tmp_path):
    done = _script("import", str(tmp_path), "--home", str(tmp_path / "home"), env={"NEO4J_PASSWORD": "x" * 12})
    assert done.returncode != 0
    assert "graphkit export --format csv" in done.stderr
    assert not (tmp_path / "home").exists()


def test_imported_seed_csv_equals_graphkit_build_on_neo4j(neo4j_server, neo4j_store, tmp_path):
    build_paths([SEEDS], neo4j_store, reset=True, identity_dir=tmp_path / "identity-neo4j")
    built = neo4j_store.stats()
    built_graph = neo4j_store.read_graph()
    built_shortcuts = neo4j_store.cypher(f"MATCH ()-[r:{METHOD_SHORTCUT}]->() RETURN count(r) AS n")[0]["n"]

    with open_store(store_dir=tmp_path / "store") as store:
        build_paths([SEEDS], store, identity_dir=tmp_path / "identity-embedded")
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "store"), "export", "--format", "csv", "-o", str(tmp_path / "csv")]
    )
    assert result.exit_code == 0, result.output

    home, port, password = tmp_path / "imported", free_port(), secrets.token_urlsafe(18)
    env = {"NEO4J_PASSWORD": password, "NEO4J_HEAP": "512m", "NEO4J_IMPORT_MEMORY": "512m"}
    done = _script("import", str(tmp_path / "csv"), "--home", str(home), "--port", str(port),
                   "--http-port", str(free_port()), env=env)
    assert done.returncode == 0, done.stderr
    try:
        with Neo4jStore(f"bolt://127.0.0.1:{port}", password=password) as imported:
            assert imported.stats() == built
            assert sum(built["relationships"].values()) > 0 and built["relationships"]["COAUTHOR"] > 0
            graph = imported.read_graph()
            assert dict(graph.nodes(data=True)) == dict(built_graph.nodes(data=True))
            assert sorted(graph.edges(keys=True, data=True)) == sorted(built_graph.edges(keys=True, data=True))
            # what the store creates before and derives after a build is there too
            names = {row["name"] for row in imported.cypher("SHOW CONSTRAINTS YIELD name RETURN name")}
            assert {f"graphkit_{label}_id" for label in NODE_LABELS} <= names
            shortcuts = imported.cypher(f"MATCH ()-[r:{METHOD_SHORTCUT}]->() RETURN count(r) AS n")[0]["n"]
            assert shortcuts == built_shortcuts > 0
        # a second import into the same folder is refused unless --overwrite
        _script("stop", "--home", str(home), env=env)
        again = _script("import", str(tmp_path / "csv"), "--home", str(home), "--no-start", env=env)
        assert again.returncode != 0 and "--overwrite" in again.stderr
        # and the database dumps to one file, for another server, a cluster or Aura
        dumped = _script("dump", str(tmp_path / "dump"), "--home", str(home), env=env)
        assert dumped.returncode == 0, dumped.stderr
        assert (tmp_path / "dump" / "neo4j.dump").stat().st_size > 10_000
    finally:
        _script("stop", "--home", str(home), env=env)
