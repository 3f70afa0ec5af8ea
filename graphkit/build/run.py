"""The whole build: parse -> extract -> build -> store, in batches.

:func:`build_paths` is what ``graphkit build`` runs. It is incremental: papers and entities
already in the store are merged, not duplicated, and COAUTHOR weights are recomputed from
AUTHORED, so running it twice changes nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from graphkit.build.derive import hyperauthored, is_byline
from graphkit.build.graph import to_graph
from graphkit.errors import NothingToBuild
from graphkit.model import ExtractedPaper, Paper
from graphkit.progress import enable, enabled, step
from graphkit.schema import PROFILE_METRICS
from graphkit.store.base import GraphStore

__all__ = ["BuildSummary", "build_paths", "build_papers"]

#: papers per batch: big enough to amortise a store write, small enough to bound memory
DEFAULT_BATCH_SIZE = 2000


@dataclass
class BuildSummary:
    """What a build did: papers read, and per label / type what was added or merged into existing."""

    papers: int = 0
    skipped: int = 0
    #: papers with more byline authors than the hyperauthorship limit: no COAUTHOR pairs from them
    hyperauthored: int = 0
    nodes_added: dict[str, int] = field(default_factory=dict)
    nodes_merged: dict[str, int] = field(default_factory=dict)
    relationships_added: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def add(self, counts: dict[str, int], other: dict[str, int]) -> None:
        for name, n in other.items():
            counts[name] = counts.get(name, 0) + n

    def to_dict(self) -> dict[str, Any]:
        return {
            "papers": self.papers,
            "skipped": self.skipped,
            "hyperauthored": self.hyperauthored,
            "nodes_added": self.nodes_added,
            "nodes_merged": self.nodes_merged,
            "relationships_added": self.relationships_added,
            "seconds": round(self.seconds, 3),
            "warnings": len(self.warnings),
        }


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _extractor(model: str | None, client: Any = None) -> Callable[[list[Paper]], Iterable[ExtractedPaper]]:
    if client is not None:  # on the Dask cluster: the same results, in input order
        from graphkit.extract.distributed import extract_on_dask

        return lambda papers: list(extract_on_dask(papers, client, model=model))
    from graphkit.extract import build_nlp, extract_papers  # spaCy is heavy: import only when extracting

    nlp = build_nlp(model)  # once per build, shared by every batch
    return lambda papers: extract_papers(papers, nlp=nlp)


@contextlib.contextmanager
def _cluster(address: str | None) -> Iterator[Any]:
    """A Dask client on ``address`` for the build (None: no cluster)."""
    if address is None:
        yield None
        return
    from graphkit.extract.distributed import dask_client

    with dask_client(address) as client:
        yield client


@contextlib.contextmanager
def _shown(progress: bool) -> Iterator[None]:
    """Bars on for this build when ``progress`` asks for them (see :mod:`graphkit.progress`)."""
    before = enabled()
    if progress:
        enable()
    try:
        yield
    finally:
        enable(before)


def build_papers(
    papers: Iterable[Paper],
    store: GraphStore,
    *,
    owner: str | None = None,
    model: str | None = None,
    extract: bool = True,
    reset: bool = False,
    progress: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    profiles: Callable[[], Iterable[Any]] | None = None,
    identity_dir: str | os.PathLike | None = None,
    dask: str | None = None,
) -> BuildSummary:
    """Extract, build and write already-parsed papers (see :func:`build_paths`).

    ``profiles`` returns the profile-page owners read so far (objects with ``name``, ``h_index``,
    ``citations``, ``paper_count``); asked once per batch, as parsing streams. ``identity_dir``
    holds the identity merge log and raw snapshot (see :class:`graphkit.identity.BuildIdentities`).
    """
    from graphkit.identity import BuildIdentities

    started = time.perf_counter()
    summary = BuildSummary()
    lookup = getattr(store, "find_papers_by_abstract", None)
    identities = BuildIdentities(store, identity_dir)
    with _shown(progress), _cluster(dask if extract else None) as client, \
            step("building", unit="papers") as advance, store.bulk(reset=reset):
        extractor = _extractor(model, client) if extract else (lambda batch: [ExtractedPaper(p) for p in batch])
        identities.start(store, reset=reset)
        coauthors_before = store.stats()["relationships"].get("COAUTHOR", 0)
        advance(0, description="parsing")
        for batch in _batches(papers, batch_size):
            advance(0, description="extracting" if extract else "building")
            profile = {
                page.name: {metric: getattr(page, metric, None) for metric in PROFILE_METRICS}
                for page in (profiles() if profiles else ())
            }
            graph = to_graph(extractor(batch), owner=owner, profile=profile, find_papers_by_abstract=lookup)
            advance(0, description="writing")
            written = store.write(identities.apply(graph))
            summary.hyperauthored += len(hyperauthored(
                (rel.start[1], rel.end[1]) for rel in graph.relationships
                if rel.type == "AUTHORED" and is_byline(rel.properties)
            ))
            summary.papers += len(batch)
            seen: dict[str, int] = {}
            for node in graph.nodes:
                seen[node.label] = seen.get(node.label, 0) + 1
            summary.add(summary.nodes_added, written.nodes_created)
            merged = {label: n - written.nodes_created.get(label, 0) for label, n in seen.items()}
            summary.add(summary.nodes_merged, {label: n for label, n in merged.items() if n})
            summary.add(summary.relationships_added, written.relationships_created)
            advance(len(batch), description="parsing")
        advance(0, description="deriving co-authors and paper counts, saving")
        identities.finish(store)
    # a store may set COAUTHOR only when the bulk ends: count it from the totals
    summary.relationships_added.pop("COAUTHOR", None)
    coauthors = store.stats()["relationships"].get("COAUTHOR", 0) - coauthors_before
    if coauthors:
        summary.relationships_added["COAUTHOR"] = coauthors
    summary.seconds = time.perf_counter() - started
    return summary


def build_paths(
    paths: Iterable[str | os.PathLike],
    store: GraphStore,
    fmt: str | None = None,
    owner: str | None = None,
    model: str | None = None,
    reset: bool = False,
    progress: bool = False,
    *,
    extract: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    identity_dir: str | os.PathLike | None = None,
    report: Any = None,
    dask: str | None = None,
) -> BuildSummary:
    """Parse ``paths``, extract entities, build the graph and merge it into ``store``.

    Parameters
    ----------
    paths
        Files or folders to read (every format ``graphkit parse`` reads).
    store
        Where the graph goes; the embedded store is held (locked) for the whole build and saved
        once at the end, so an interrupted build leaves the store as it was.
    fmt
        Input format; detected per file when None.
    owner
        Author whose pages these are (``--owner``), see :func:`graphkit.build.graph.to_graph`.
    model
        spaCy pipeline for extraction (blank English when None).
    reset
        Empty the store first.
    progress
        Show progress bars (rich) on stderr for this build, as ``graphkit.progress.enable()`` does.
    extract
        Find entities in the abstracts (False: papers, authors, venues, categories only).
    identity_dir
        Folder of the identity merge log (applied to every batch) and the raw snapshot.
    report
        A :class:`graphkit.ingest.ParseReport` to fill (per-file counts and warnings).
    dask
        Extract on this Dask cluster (a scheduler address, or ``local:N``), see
        :mod:`graphkit.extract.distributed`; the graph is the same as with local extraction.

    Raises
    ------
    NothingToBuild
        When the paths hold no paper at all; the store is then neither created nor changed.
    """
    from graphkit.ingest import ParseReport, parse_paths

    report = report if report is not None else ParseReport()
    papers = iter(parse_paths([os.fspath(p) for p in paths], fmt=fmt, report=report))
    first = next(papers, None)  # parsed before the store is touched: no paper, no store
    if first is None:
        raise NothingToBuild(
            f"no paper could be read from {', '.join(map(os.fspath, paths)) or 'the given paths'}; "
            "the store was not changed (see the warnings above; `graphkit parse PATH` shows what is read)"
        )
    summary = build_papers(
        itertools.chain([first], papers),
        store,
        owner=owner,
        model=model,
        extract=extract,
        reset=reset,
        progress=progress,
        batch_size=batch_size,
        profiles=lambda: report.profiles,
        identity_dir=identity_dir,
        dask=dask,
    )
    summary.skipped = report.skipped
    summary.warnings = [str(w) for w in report.warnings]
    return summary
