"""Extraction on a Dask cluster: the same results as one process, spread over many machines.

Extraction is a pure function of each record, so it partitions freely. Two entry points:

- :func:`extract_on_dask` takes papers parsed here and yields the extracted papers in input
  order (what ``graphkit extract --dask ADDRESS`` prints), so its output equals one process's;
- :func:`extract_shards` reads JSON Lines shards on the workers themselves (a ``dask.bag``, one
  partition per shard) and writes one extracted shard per input shard: for corpora too large to
  pass through one machine (shards -> workers -> shards -> ``neo4j-admin database import``).

Each worker builds the spaCy pipeline once and keeps it for every partition it is given.
``address`` is a scheduler address (``tcp://host:8786``) or ``local:N`` for a
``distributed.LocalCluster`` of N worker processes on this machine.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.model import ExtractedPaper, Paper

__all__ = ["dask_client", "extract_on_dask", "extract_shards"]

#: papers per task sent to a worker: large enough to amortise scheduling, small enough to share out
PARTITION_SIZE = 500

#: the pipeline each worker process builds once, per model name
_worker_pipelines: dict[str | None, Any] = {}


def _pipeline(model: str | None):
    nlp = _worker_pipelines.get(model)
    if nlp is None:
        from graphkit.extract import build_nlp

        nlp = _worker_pipelines[model] = build_nlp(model)
    return nlp


def _extract_partition(papers: Sequence[Paper], model: str | None, batch_size: int) -> list[ExtractedPaper]:
    from graphkit.extract import extract_papers

    return list(extract_papers(papers, nlp=_pipeline(model), batch_size=batch_size))


@contextlib.contextmanager
def dask_client(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` on ``address`` (``local:N`` starts and stops a LocalCluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # an optional extra
        raise GraphkitError("Dask is not installed: pip install 'graphkit[dask]' (or 'dask[distributed]')") from err
    if address.startswith("local:"):
        workers = address.removeprefix("local:")
        if not workers.isdigit() or int(workers) < 1:
            raise GraphkitError(f"expected local:N with N >= 1 workers, got {address!r}")
        # processes, one thread each: spaCy's pipeline holds the GIL for most of its work. Worker logs
        # below CRITICAL stay quiet: at shutdown a worker's last heartbeat can race the scheduler's
        # exit and log a traceback although every result arrived (task errors reach us as exceptions).
        with LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True,
                          dashboard_address=None, host="127.0.0.1",
                          silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise GraphkitError(
            f"could not reach the Dask scheduler at {address}: {err}; is `dask scheduler` running there?"
        ) from err
    with client:
        yield client


def extract_on_dask(papers: Iterable[Paper], client: Any, model: str | None = None, batch_size: int = 256,
                    partition_size: int = PARTITION_SIZE, in_flight: int | None = None) -> Iterator[ExtractedPaper]:
    """Extract ``papers`` on the cluster behind ``client``; results in input order.

    At most ``in_flight`` partitions (default: two per worker thread) are out at once, so a long
    input streams through with bounded memory on this side.
    """
    if in_flight is None:
        in_flight = max(2, 2 * sum(client.nthreads().values()))
    iterator = iter(papers)
    partitions = iter(lambda: list(islice(iterator, partition_size)), [])
    pending: list[Any] = []
    for partition in partitions:
        pending.append(client.submit(_extract_partition, partition, model, batch_size, pure=False))
        if len(pending) >= in_flight:
            yield from pending.pop(0).result()
    for future in pending:
        yield from future.result()


def _extract_shard(job: tuple[str, str, str | None, int]) -> tuple[str, int]:
    """Read one JSON Lines shard, extract it, write the extracted shard; (output path, papers)."""
    from graphkit.ingest import ParseReport, parse_paths

    source, target, model, batch_size = job
    papers = list(parse_paths([source], fmt="jsonl", report=ParseReport()))
    partial = Path(target + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        for result in _extract_partition(papers, model, batch_size):
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    partial.replace(target)  # a shard is there whole or not at all
    return target, len(papers)


def extract_shards(inputs: Sequence[str | Path], output_dir: str | Path, client: Any, model: str | None = None,
                   batch_size: int = 256) -> list[tuple[Path, int]]:
    """Extract JSON Lines shards on the workers: a ``dask.bag`` with one shard per partition.

    Writes ``<shard>.extracted.jsonl`` per input into ``output_dir`` and returns (path, papers)
    per shard, in input order. The workers open the shards themselves, so ``inputs`` and
    ``output_dir`` must be paths every worker can reach (one machine, or a shared file system).
    """
    import dask.bag as db

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs = []
    for shard in map(Path, inputs):
        stem = shard.name.removesuffix(".gz").removesuffix(".jsonl")
        jobs.append((str(shard.resolve()), str((out / f"{stem}.extracted.jsonl").resolve()), model, batch_size))
    bag = db.from_sequence(jobs, npartitions=max(1, len(jobs)))
    done = bag.map(_extract_shard).compute(scheduler=client.get)
    return [(Path(path), count) for path, count in done]
