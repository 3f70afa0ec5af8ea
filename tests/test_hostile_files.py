"""Damaged identity logs and a full disk, through the real commands: one line naming the file (and
line) and the way out, never a traceback, and the store as it was."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.identity import LOG_NAME
from graphkit.store.embedded import GRAPH_FILE

REPO = Path(__file__).resolve().parents[1]

LISTING = "\n".join(json.dumps(r) for r in [
    {"title": "Person re-identification by distance", "authors": ["Wei-Shi Zheng", "Shaogang Gong"],
     "abstract": "We study re-identification.", "year": 2011},
    {"title": "Towards open-world re-identification", "authors": ["W. Zheng", "Shaogang Gong"],
     "abstract": "We study open-world re-identification.", "year": 2012},
    {"title": "Unrelated parsing", "authors": ["John Doe"], "abstract": "We parse.", "year": 2013},
]) + "\n"

GOOD = b'{"action": "merge", "kind": "author", "pairs": [{"keep": "weishi zheng", "drop": "w zheng"}]}\n'
DAMAGED = {
    "not-an-object": b"[1, 2]\n",
    "a-number": b"17\n",
    "no-kind": b'{"action": "merge", "pairs": [{"keep": "a", "drop": "b"}]}\n',
    "no-pairs": b'{"action": "merge", "kind": "author"}\n',
    "pairs-as-text": b'{"action": "merge", "kind": "author", "pairs": "weishi zheng,w zheng"}\n',
    "no-keep": b'{"action": "merge", "kind": "author", "pairs": [{"drop": "w zheng"}]}\n',
    "no-target": b'{"action": "undo", "kind": "author"}\n',
    "target-as-text": b'{"action": "undo", "target": "0"}\n',
    "target-ahead": b'{"action": "undo", "target": 9}\n',
    "no-action": b'{"kind": "author"}\n',
    "invalid-utf8": b'{"action": "split", "kind": "author", "key": "\xff\xfe"}\n',
    "truncated": b'{"action": "split", "kind": "au',
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000 + b"\n",
}


@pytest.fixture
def built(tmp_path):
    listing = tmp_path / "listing.jsonl"
    listing.write_text(LISTING, encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "build", "--no-extract", str(listing)])
    assert result.exit_code == 0, result.output
    return store, listing


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


COMMANDS = {
    "review": lambda listing: ["authors", "review"],
    "undo": lambda listing: ["authors", "undo"],
    "merge": lambda listing: ["authors", "merge", "Wei-Shi Zheng", "W. Zheng"],
    "build": lambda listing: ["build", "--no-extract", str(listing)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_damaged_identity_log_is_one_line_naming_file_line_and_way_out(built, damage, command):
    store, listing = built
    log = store / LOG_NAME
    log.write_bytes(GOOD + DAMAGED[damage])
    before = (store / GRAPH_FILE).read_bytes() if (store / GRAPH_FILE).exists() else None
    result = CliRunner().invoke(cli, ["--store", str(store), *COMMANDS[command](listing)])
    line = one_line_error(result)
    assert f"{log}:2:" in line, line
    assert "fix or delete that line" in line and "move it aside" in line and "restore" in line
    assert log.read_bytes() == GOOD + DAMAGED[damage]  # the log is not touched
    if before is not None:
        assert (store / GRAPH_FILE).read_bytes() == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_identity_log_that_is_a_folder(built, command):
    store, listing = built
    (store / LOG_NAME).mkdir()
    line = one_line_error(CliRunner().invoke(cli, ["--store", str(store), *COMMANDS[command](listing)]))
    assert str(store / LOG_NAME) in line and "is a folder" in line and "move it away" in line


# ---------------------------------------------------------------------------------------- disk full

_FULL_DISK = textwrap.dedent("""
    import errno, os, sys
    # a full disk as the stores meet it: writing data out (fsync) fails with ENOSPC
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    os.fsync = fsync
    from graphkit.cli import main
    sys.argv = ["graphkit", *sys.argv[1:]]
    main()
""")


def run_full(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    script = tmp_path / "full_disk.py"
    script.write_text(_FULL_DISK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, str(script), *args], env=env, capture_output=True, text=True,
                          timeout=300)


def assert_disk_full_line(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr, done.stderr
    assert len(lines) == 1, done.stderr
    # graphkit's own line, or the embedded store's (SQLite says "database or disk is full")
    assert "out of disk space" in lines[0] or "disk is full" in lines[0], lines[0]


def test_disk_full_during_a_merge_is_one_line_and_the_store_and_log_survive(built, tmp_path):
    store, listing = built
    graph = (store / GRAPH_FILE).read_bytes()
    done = run_full(tmp_path, "--store", str(store), "authors", "merge", "Wei-Shi Zheng", "W. Zheng")
    assert_disk_full_line(done)
    assert "Free some space" in done.stderr
    assert (store / GRAPH_FILE).read_bytes() == graph
    assert not (store / LOG_NAME).exists() or (store / LOG_NAME).read_bytes() == b"", "a half decision was left"
    assert not list(store.glob("*.tmp")), "a partial file was left behind"
    # with space again, the same command works
    result = CliRunner().invoke(cli, ["--store", str(store), "authors", "merge", "Wei-Shi Zheng", "W. Zheng"])
    assert result.exit_code == 0, result.output


def test_disk_full_on_a_real_small_file_system(tmp_path):
    """A 256 KiB tmpfs (when this machine lets us mount one): build until it is full."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the injected ENOSPC test covers the message")
    try:
        listing = tmp_path / "big.jsonl"
        rng = random.Random(0)
        listing.write_text("\n".join(json.dumps({
            "title": f"Paper {i} on graphs", "authors": [f"Author{i} Name"],
            "abstract": "We study " + " ".join(f"{rng.getrandbits(40):x}" for _ in range(60)) + ".",
        }) for i in range(3000)))  # about 2 MB that does not compress much
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-m", "graphkit", "--store", str(mount / "store"), "build",
                               "--no-extract", str(listing)], env=env, capture_output=True, text=True, timeout=300)
        assert_disk_full_line(done)  # the build on a full disk
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
