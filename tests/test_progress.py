"""Progress bars on a terminal, nothing when piped or with --quiet (a real pseudo-terminal, not CliRunner)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit import progress

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def run_on_terminal(*args: str, cwd: Path) -> tuple[int, str, str]:
    """``graphkit ARGS`` with stderr on a pseudo-terminal: (exit code, stdout, what the terminal showed)."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    stdout = (cwd / "stdout.txt").open("w+b")  # a file, not a pipe: a full pipe would stall the child
    process = subprocess.Popen(
        [sys.executable, "-m", "graphkit", *args], stdout=stdout, stderr=secondary, cwd=cwd, env=env
    )
    os.close(secondary)
    shown = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=120)
    os.close(primary)
    stdout.seek(0)
    out = stdout.read().decode()
    stdout.close()
    return process.returncode, out, shown.decode(errors="replace")


def run_piped(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphkit", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


@pytest.mark.parametrize("command", [
    ["build", str(SEEDS), "--store", "s"],
    ["extract", str(SEEDS / "002_195db768c23b6a54.txt")],
    ["parse", str(SEEDS)],
], ids=lambda c: c[0])
def test_long_steps_show_progress_on_a_terminal_only(tmp_path, command):
    code, _, shown = run_on_terminal(*command, cwd=tmp_path)
    assert code == 0, shown
    word = {"build": "building", "extract": "extracting", "parse": "parsing"}[command[0]]
    assert word in shown or "parsing" in shown or "writing" in shown, shown
    assert "papers" in shown
    quiet_code, _, quiet = run_on_terminal(*command, "--quiet", cwd=tmp_path)
    assert quiet_code == 0
    assert word not in quiet and "\x1b[?25l" not in quiet  # no bar, no cursor hiding
    piped = run_piped(*command, cwd=tmp_path)
    assert piped.returncode == 0
    assert "\x1b" not in piped.stderr and word not in piped.stderr


def test_reading_the_store_and_export_show_progress_then_one_summary_line(tmp_path):
    assert run_piped("build", str(SEEDS), "--store", "s", "--no-extract", cwd=tmp_path).returncode == 0
    code, _, shown = run_on_terminal("export", "--format", "gexf", "-o", "g.gexf", "--store", "s", cwd=tmp_path)
    assert code == 0, shown
    assert "reading the store" in shown and "writing gexf" in shown
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown).replace("\r", "\n")
    lines = [line for line in plain.splitlines() if line.startswith("Wrote ")]
    assert len(lines) == 1 and "g.gexf" in lines[0]
    _, _, quiet = run_on_terminal("export", "--format", "gexf", "-o", "g.gexf", "--store", "s", "-q", cwd=tmp_path)
    assert "Wrote" not in quiet and "reading the store" not in quiet


def test_the_library_is_silent_unless_enabled(capsys):
    assert not progress.enabled()
    with progress.step("x", total=2) as advance:
        advance(2)
    assert capsys.readouterr() == ("", "")
