"""pipeline.build_paths: parse + build + store in batches, with an honest summary."""

from __future__ import annotations

import json

from graphkit import load_graph
from graphkit.build.run import build_paths
from graphkit.store import EmbeddedStore


def write_jsonl(path, records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


def test_summary_counts_added_merged_skipped_and_coauthors(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [
        {"title": "One", "abstract": "First.", "authors": ["Ann Lee", "Bo Chen"], "venue": "ACL 2020"},
        {"title": "Two", "abstract": "Second.", "authors": ["Ann Lee", "Cy Diaz"]},
        "{not json",
    ])
    store = EmbeddedStore(tmp_path / "store")
    summary = build_paths([first], store, extract=False, batch_size=1)
    assert summary.papers == 2 and summary.skipped == 1 and summary.warnings
    assert summary.nodes_added == {"Paper": 2, "Author": 3, "Venue": 1}
    assert summary.relationships_added == {"AUTHORED": 4, "PUBLISHED_IN": 1, "COAUTHOR": 2}

    second = write_jsonl(tmp_path / "b.jsonl", [
        {"title": "Three", "abstract": "Third.", "authors": ["Bo Chen", "Ann Lee"]},
    ])
    summary = build_paths([second], EmbeddedStore(tmp_path / "store"), extract=False)
    assert summary.nodes_added == {"Paper": 1} and summary.nodes_merged == {"Author": 2}
    assert summary.relationships_added == {"AUTHORED": 2}  # the pair exists: its weight changes, no new edge
    weights = {(u, v): a["papers"] for u, v, k, a in load_graph(tmp_path / "store").edges(keys=True, data=True)
               if k == "COAUTHOR"}
    assert weights == {("Author:ann lee", "Author:bo chen"): 2, ("Author:ann lee", "Author:cy diaz"): 1}
