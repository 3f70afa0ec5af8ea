"""The embedded store reads only parts of the graph: each part gives what the whole graph gives.

Stored queries run on ``store.subgraph_for`` (graphkit.store.embedded.QUERY_READS), ``viz`` on a
neighbourhood (graphkit.viz.subgraph.store_ego) and names resolve through the name indexes; every
answer here is checked against the same function on the whole graph (``load_graph``), on the seed
pages built with extraction.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graphkit import load_graph
from graphkit.build.run import build_paths
from graphkit.errors import NotFound
from graphkit.names import resolve
from graphkit.query.catalog import NAME_TYPES, load_queries
from graphkit.query.embedded import TWINS
from graphkit.query.run import run_stored
from graphkit.store import EmbeddedStore
from graphkit.store.embedded import LEGACY_FILE, QUERY_READS
from graphkit.store.legacy import write_store_file
from graphkit.viz.subgraph import ego, store_ego

ROOT = Path(__file__).resolve().parents[1]
LABEL_OF = {"author": "Author", "method": "Method", "dataset": "Dataset", "task": "Task", "venue": "Venue",
            "paper": "Paper"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    build_paths([ROOT / "seeds"], EmbeddedStore(folder))
    return folder, load_graph(folder)


def ids_of(graph: nx.MultiDiGraph, label: str, n: int = 12) -> list[str]:
    """The ``n`` best-connected ``label`` nodes' ids and the ``n`` least (hubs and leaves)."""
    nodes = sorted((a for _, a in graph.nodes(data=True) if a["label"] == label),
                   key=lambda a: (-graph.degree(f"{label}:{a['id']}"), a["id"]))
    chosen = nodes[:n] + nodes[-n:]
    return list(dict.fromkeys(a["id"] for a in chosen))


def test_every_listed_query_exists_and_has_a_twin():
    queries = load_queries()
    assert set(QUERY_READS) <= set(queries)
    assert all(name in TWINS for name in QUERY_READS)


@pytest.mark.parametrize("name", sorted(QUERY_READS))
def test_a_query_on_its_part_of_the_graph_gives_the_rows_of_the_whole_graph(seeded, name):
    folder, whole = seeded
    query = load_queries()[name]
    named = [p for p in query.parameters if p.type in NAME_TYPES]
    store = EmbeddedStore(folder)
    if not named:
        cases = [{"limit": limit} for limit in (1, 3, 10, 1000)]
    elif len(named) == 1:
        cases = [{named[0].name: id} for id in ids_of(whole, LABEL_OF[named[0].type])]
        cases += [{**case, "limit": 2} for case in cases[:3] if any(p.name == "limit" for p in query.parameters)]
    else:  # two authors
        authors = ids_of(whole, "Author", 5)
        cases = [{named[0].name: a, named[1].name: b} for a in authors for b in authors if a != b]
    assert cases
    for params in cases:
        assert run_stored(store, query, params) == run_stored(whole, query, params), params


@pytest.mark.parametrize("kind", ["author", "method", "dataset", "venue", "paper"])
@pytest.mark.parametrize("depth", [0, 1, 2])
def test_viz_neighbourhood_from_the_store_is_the_page_of_the_whole_graph(seeded, kind, depth):
    folder, whole = seeded
    store = EmbeddedStore(folder)
    for id in ids_of(whole, LABEL_OF[kind], 4):
        for options in ({}, {"since": 2021}, {"types": ["author", "paper"]}, {"max_nodes": 15}):
            mine = store_ego(store, kind, f"{LABEL_OF[kind]}:{id}", depth=depth, **options)
            theirs = ego(whole, kind, f"{LABEL_OF[kind]}:{id}", depth=depth, **options)
            assert sorted(mine.nodes(data=True)) == sorted(theirs.nodes(data=True))
            assert sorted(mine.edges(keys=True)) == sorted(theirs.edges(keys=True))
            assert mine.graph == theirs.graph


def test_names_resolve_through_the_indexes_as_on_the_whole_graph(seeded):
    folder, whole = seeded
    store = EmbeddedStore(folder)
    for kind, label in LABEL_OF.items():
        for _, attrs in whole.nodes(data=True):
            if attrs["label"] != label:
                continue
            shown = attrs.get("name") or attrs.get("title") or attrs["id"]
            for text in {attrs["id"], shown, shown.upper(), f"  {shown.lower()} ", *(attrs.get("aliases") or ())}:
                assert resolve(store, kind, text) == resolve(whole, kind, text), (kind, text)
    with pytest.raises(NotFound, match="did you mean") as found:
        resolve(store, "author", "Haifeng Hux")
    with pytest.raises(NotFound) as expected:
        resolve(whole, "author", "Haifeng Hux")
    assert str(found.value) == str(expected.value)


def test_the_seed_store_in_the_old_format_migrates_to_the_same_graph(seeded, tmp_path, capsys):
    folder, whole = seeded
    write_store_file(tmp_path / LEGACY_FILE, whole)
    migrated = load_graph(tmp_path)
    assert "migrating it to graph.db" in capsys.readouterr().err
    assert sorted(migrated.nodes(data=True)) == sorted(whole.nodes(data=True))
    assert sorted(migrated.edges(keys=True, data=True)) == sorted(whole.edges(keys=True, data=True))
    assert list(migrated) == list(whole)  # node order too (analyses break ties by it)
