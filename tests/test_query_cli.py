"""``graphkit queries`` / ``query`` / ``cypher`` on a real embedded store holding the hand-built graph."""

from __future__ import annotations

import csv
import io
import json

import pytest
from catalog_graph import HOSTILE_AUTHOR, HOSTILE_TITLE, catalog_graph
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.query import load_queries
from graphkit.store import open_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    with open_store(store_dir=folder) as store:
        store.write(catalog_graph())
    return str(folder)


def run(store_dir, *args):
    result = CliRunner().invoke(cli, ["--store", store_dir, *args], env={"NEO4J_URI": "", "COLUMNS": "200"})
    return result


def test_queries_lists_every_query_with_its_parameters(store_dir):
    result = run(store_dir, "queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {row["name"]: row["parameters"] for row in json.loads(result.output)}
    assert listed.keys() == load_queries().keys()
    assert listed["collaboration-path"] == "a (author), b (author)"
    table = run(store_dir, "queries")
    assert "coauthors" in table.output and "name (author)" in table.output


def test_query_coauthors_table_lists_haifeng_hu_and_ying_zeng_first(store_dir):
    result = run(store_dir, "query", "coauthors", "-p", "name", "sijie mai")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "│" in line]
    assert "Haifeng Hu" in lines[0] and "4" in lines[0]  # the header row is drawn with ┃
    assert "Ying Zeng" in lines[1] and "3" in lines[1]


def test_query_json_and_csv_give_the_same_rows(store_dir):
    as_json = json.loads(
        run(store_dir, "query", "author-methods", "-p", "name", "Sijie Mai", "--format", "json").output
    )
    as_csv = list(csv.DictReader(io.StringIO(run(store_dir, "query", "author-methods", "-p", "name", "Sijie Mai",
                                                 "--format", "csv").output)))
    assert [r["method"] for r in as_json] == [r["method"] for r in as_csv]
    assert [str(r["papers"]) for r in as_json] == [r["papers"] for r in as_csv]


def test_limit_option_sets_the_query_limit(store_dir):
    result = run(store_dir, "query", "top-authors", "--limit", "2", "--format", "json")
    assert [r["author"] for r in json.loads(result.output)] == ["Haifeng Hu", "Sijie Mai"]
    path = run(store_dir, "query", "collaboration-path", "-p", "a", "Suofei Zhang", "-p", "b", "Sijie Mai",
               "--format", "json")
    assert [r["author"] for r in json.loads(path.output)] == ["Suofei Zhang", "Haifeng Hu", "Sijie Mai"]


def test_show_cypher_prints_browser_params(store_dir):
    result = run(store_dir, "query", "coauthors", "-p", "name", "Sijie Mai", "--show-cypher")
    assert result.exit_code == 0
    assert "MATCH (a:Author {id: $name})" in result.output
    assert ':param name => "sijie mai"' in result.output and ":param limit => 50" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "coauthor"], "no stored query 'coauthor'; close names: coauthors"),
        (["query", "coauthors"], "missing parameter 'name'"),
        (
            ["query", "coauthors", "-p", "nme", "x"],
            "unknown parameter 'nme'; accepted: name (author), limit (int) = 50",
        ),
        (["query", "top-authors", "-p", "limit", "many"], "parameter 'limit' must be an integer, got 'many'"),
        (["query", "coauthors", "-p", "name", "a", "-p", "name", "b"], "parameter 'name' given twice"),
    ],
)
def test_user_mistakes_give_one_line_errors(store_dir, args, message):
    result = run(store_dir, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_hostile_names_print_verbatim(store_dir):
    result = run(store_dir, "query", "author-papers", "-p", "name", HOSTILE_AUTHOR, "--format", "json")
    assert [r["title"] for r in json.loads(result.output)] == [HOSTILE_TITLE]
    table = run(store_dir, "query", "author-papers", "-p", "name", HOSTILE_AUTHOR)
    assert "[braces]" not in table.output and "{braces}" in table.output


def test_an_unknown_name_is_an_error_not_an_empty_answer(store_dir):
    result = run(store_dir, "query", "coauthors", "-p", "name", "Sijie  MAÍ")
    assert result.exit_code == 0
    assert "No rows." not in result.output  # accents, case and spacing fold to the same key
    missing = run(store_dir, "query", "coauthors", "-p", "name", "Nobody Atall")
    assert missing.exit_code == 1 and "no author named 'Nobody Atall'" in missing.output
    assert "No rows." not in missing.output


def test_cypher_runs_read_only_with_parameters(store_dir):
    result = run(store_dir, "cypher", 'MATCH (a:Author) WHERE a.id == $id RETURN a.name', "-p", "id", "sijie mai",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"a.name": "Sijie Mai"}]


