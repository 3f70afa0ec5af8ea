"""An identity decision while a build writes the same embedded store: the decision waits for the
build's lock and reads the graph under it, so nothing the build wrote is lost (it used to rewrite the
store from a graph read before the build finished: 5,000 papers built, 83 left)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from graphkit.store import open_store

REPO = Path(__file__).resolve().parents[1]


def listing(path: Path, papers: int, prefix: str) -> Path:
    lines = []
    for i in range(papers):
        who = ["Wei-Shi Zheng", "W. Zheng"][i % 2]
        lines.append(json.dumps({"title": f"{prefix} {i} of re-identification", "authors": [who, f"Co Author{i % 50}"],
                                 "abstract": f"We study problem {i}.", "year": 2000 + i % 20}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def graphkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphkit", *args]


def test_merge_during_a_build_waits_and_loses_nothing(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    store = tmp_path / "store"
    first = listing(tmp_path / "first.jsonl", 20, "Study")
    more = listing(tmp_path / "more.jsonl", 12_000, "Further study")  # a build longer than a merge start-up
    subprocess.run(graphkit("--store", str(store), "build", "--no-extract", str(first)), env=env, check=True,
                   capture_output=True)
    build = subprocess.Popen(graphkit("--store", str(store), "build", "--no-extract", str(more)), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = store / "lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:  # the build holds the lock (its pid in the file)
        if lock.exists() and lock.read_text().strip() == str(build.pid):
            break
        time.sleep(0.01)
    merge = subprocess.run(graphkit("--store", str(store), "authors", "merge", "Wei-Shi Zheng", "W. Zheng"),
                           env=env, capture_output=True, text=True, timeout=600)
    out, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert merge.returncode == 0, merge.stderr
    assert "waiting for another graphkit process" in merge.stderr  # it did overlap the build
    assert "Built 12000 papers" in out
    with open_store(store_dir=store) as built:
        stats = built.stats()
        authors = {d["id"] for _, d in built.read_graph().nodes(data=True) if d["label"] == "Author"}
    assert stats["nodes"]["Paper"] == 12_020
    assert stats["relationships"]["AUTHORED"] == 24_040
    assert "w zheng" not in authors and "weishi zheng" in authors
