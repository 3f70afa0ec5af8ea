"""The one name resolver (graphkit.names): every command and API function that takes a name finds the
same node for the same text, on both stores, and says "did you mean" with a non-zero exit otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build.run import build_paths
from graphkit.cli import cli
from graphkit.errors import NotFound
from graphkit.names import resolve
from graphkit.store import open_store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TITLE = "PSA-Det3D: Pillar Set Abstraction for 3D object Detection"

# (kind, what a person types, the node it must find)
SPELLINGS = [
    ("author", "Sijie Mai", "Author:sijie mai"),  # display name
    ("author", "sijie mai", "Author:sijie mai"),  # id
    ("author", "Author:sijie mai", "Author:sijie mai"),  # node key
    ("author", "MAI, Sijie", "Author:sijie mai"),  # normalised key
    ("author", "  SIJIE   MAÍ ", "Author:sijie mai"),  # case, accents, spacing
    ("method", "MIB", "Method:multimodal information bottleneck"),  # alias (acronym seen in the text)
    ("method", "multimodal INFORMATION bottleneck", "Method:multimodal information bottleneck"),
    ("task", "QA", "Task:question answering"),  # acronym of the name
    ("method", "SMPC", "Method:secure multi party computation"),  # acronym of a hyphenated name
    ("paper", TITLE.lower(), None),  # title, any case
    ("paper", "Pillar Set Abstraction for 3D", None),  # a part of one title
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("names") / "store"
    assert run("--store", folder, "build", SEEDS, "--quiet").exit_code == 0
    return folder


@pytest.fixture(scope="module")
def graph(store_dir):
    return open_store(store_dir=store_dir).read_graph()


def _paper(graph) -> str:
    return next(n for n, a in graph.nodes(data=True) if a.get("title") == TITLE)


@pytest.mark.parametrize("kind, text, expected", SPELLINGS, ids=[s[1] for s in SPELLINGS])
def test_every_spelling_finds_the_node(graph, store_dir, kind, text, expected):
    expected = expected or _paper(graph)
    assert resolve(graph, kind, text).key == expected
    assert resolve(open_store(store_dir=store_dir), kind, text).key == expected  # through store.names()


def test_query_method_authors_resolves_an_acronym_like_viz(store_dir, tmp_path):
    rows = run("--store", store_dir, "query", "method-authors", "-p", "method", "MIB", "--format", "json")
    assert rows.exit_code == 0, rows.output
    authors = {r["author"] for r in json.loads(rows.output)}
    assert authors == {"Sijie Mai", "Haifeng Hu", "Ying Zeng"}
    page = run("--store", store_dir, "viz", "method", "MIB", "-o", tmp_path / "mib.html")
    assert page.exit_code == 0 and "mib.html" in page.output


def test_query_resolves_a_partial_title(store_dir):
    rows = run("--store", store_dir, "query", "paper-authors", "-p", "title", "pillar set abstraction for 3d",
               "--format", "json")
    assert rows.exit_code == 0, rows.output
    assert [r["author"] for r in json.loads(rows.output)][:2] == ["Zhicong Huang", "Jingwen Zhao"]


@pytest.mark.parametrize("command", [
    ["query", "coauthors", "-p", "name", "Sijie Maii"],
    ["query", "collaboration-path", "-p", "a", "Suofei Zhang", "-p", "b", "Sijie Maii"],
    ["viz", "author", "Sijie Maii"],
    ["analyze", "path", "Suofei Zhang", "Sijie Maii"],
    ["analyze", "recommend", "Sijie Maii"],
    ["authors", "merge", "Sijie Maii", "Haifeng Hu"],
    ["authors", "split", "Sijie Maii"],
    ["authors", "homonyms", "Sijie Maii"],
    ["authors", "split-homonym", "Sijie Maii"],
], ids=lambda c: " ".join(c[:2]))
def test_a_misspelt_name_says_did_you_mean_and_exits_1(store_dir, command):
    result = run("--store", store_dir, *command)
    assert result.exit_code == 1
    assert "no author named 'Sijie Maii'; did you mean: Sijie Mai" in result.output
    assert "No rows" not in result.output and "Traceback" not in result.output


def test_identity_commands_resolve_names_like_every_other_command(store_dir):
    # an acronym seen in the text is the entity itself: nothing to merge, and nothing is written
    same = run("--store", store_dir, "entities", "merge", "MIB", "Multimodal Information Bottleneck")
    assert same.exit_code == 1 and "already one node" in same.output, same.output
    task = run("--store", store_dir, "entities", "merge", "--kind", "task", "QA", "question ANSWERING")
    assert task.exit_code == 1 and "already one node" in task.output, task.output
    for command in (["entities", "split", "multimodal informaton botleneck"],
                    ["entities", "merge", "multimodal informaton botleneck", "MIB"]):
        result = run("--store", store_dir, *command)
        assert result.exit_code == 1
        assert ("no entity named 'multimodal informaton botleneck'; did you mean: multimodal information bottleneck"
                in result.output), result.output


def test_misspelt_entities_suggest_close_names(graph):
    with pytest.raises(NotFound, match="did you mean: .*multimodal information bottleneck"):
        resolve(graph, "method", "multimodal informaton botleneck")
    with pytest.raises(NotFound, match="no paper named"):
        resolve(graph, "paper", "a title nobody wrote, not even in part")


def test_both_stores_list_the_same_names_and_resolve_alike(store_dir, neo4j_store):
    build_paths([SEEDS], neo4j_store)
    embedded = open_store(store_dir=store_dir)
    for label in ("Author", "Method", "Task", "Paper"):
        assert sorted(embedded.names(label), key=repr) == sorted(neo4j_store.names(label), key=repr)
    graph = embedded.read_graph()
    for kind, text, expected in SPELLINGS:
        assert resolve(neo4j_store, kind, text).key == (expected or _paper(graph))
    for store in (embedded, neo4j_store):
        with pytest.raises(NotFound, match="did you mean: Sijie Mai"):
            resolve(store, "author", "Sijie Maii")
