"""Extraction on a real Dask LocalCluster (two worker processes) equals one process, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.extract import build_nlp, extract_papers
from graphkit.extract.distributed import dask_client, extract_on_dask, extract_shards
from graphkit.ingest import ParseReport, parse_paths

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "acl_dev.jsonl"

pytestmark = pytest.mark.slow


def _lines(results) -> list[str]:
    return [json.dumps(r.to_dict(), ensure_ascii=False) for r in results]


@pytest.fixture(scope="module")
def client():
    with dask_client("local:2") as client:
        yield client


def test_two_workers_give_the_one_process_output_in_order(client):
    papers = list(parse_paths([str(REPO / "seeds"), str(DEV)], report=ParseReport()))
    alone = _lines(extract_papers(papers, nlp=build_nlp()))
    spread = _lines(extract_on_dask(papers, client, partition_size=7))
    assert len(spread) == len(papers) > 100
    assert spread == alone
    # both workers took part: 100+ papers in partitions of 7 are many tasks for two workers
    assert len(client.nthreads()) == 2


def test_shards_are_read_and_written_by_the_workers(client, tmp_path):
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    shards = []
    for number in range(3):
        shard = tmp_path / f"part-{number}.jsonl"
        shard.write_text("".join(json.dumps(r) + "\n" for r in records[number::3]), encoding="utf-8")
        shards.append(shard)
    done = extract_shards(shards, tmp_path / "out", client)
    assert [path.name for path, _ in done] == [f"part-{n}.extracted.jsonl" for n in range(3)]
    assert sum(count for _, count in done) == len(records)
    for shard, (path, _) in zip(shards, done):
        expected = _lines(extract_papers(parse_paths([str(shard)], fmt="jsonl", report=ParseReport()), nlp=build_nlp()))
        assert path.read_text(encoding="utf-8").splitlines() == expected
    assert not list((tmp_path / "out").glob("*.partial"))


def test_cli_dask_local_equals_one_process():
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "graphkit", "extract", str(REPO / "seeds"), *extra],
                              capture_output=True, text=True, timeout=300, check=True)

    assert run("--dask", "local:2").stdout == run().stdout


def test_a_bad_address_is_one_line():
    run = subprocess.run([sys.executable, "-m", "graphkit", "extract", str(REPO / "seeds"), "--dask", "local:zero"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "expected local:N" in run.stderr and "Traceback" not in run.stderr


def test_build_with_extraction_on_dask_gives_the_graph_of_a_local_build(tmp_path):
    from graphkit import load_graph, open_store
    from graphkit.build.run import build_paths

    graphs = []
    for name, dask in (("local", None), ("dask", "local:2")):
        with open_store(store_dir=tmp_path / name) as store:
            build_paths([REPO / "seeds"], store, identity_dir=tmp_path / f"{name}-identity", dask=dask)
        graphs.append(load_graph(tmp_path / name))
    local, spread = graphs
    assert spread.number_of_edges() == local.number_of_edges() > 500
    assert dict(spread.nodes(data=True)) == dict(local.nodes(data=True))
    assert sorted(spread.edges(keys=True, data=True), key=repr) == sorted(local.edges(keys=True, data=True), key=repr)
