"""Every example a user is shown runs as written on seeds/: the ``Example:`` lines of every
``--help`` and the commands and Python sessions of the README and of the user documents under
``docs/`` (all but ``benchmarks.md``, whose commands take a corpus and minutes).

Each example line runs through bash (quotes, ``$VARS`` and ``>`` as a user's shell would take
them) in a fresh folder holding a link to the repository's ``seeds/`` and ``tests/data/``, with
this virtualenv's ``graphkit`` first on PATH and ``BROWSER=true`` (``viz --open`` hands the page
to ``$BROWSER``). The examples of one source share that folder and its store, in the order they
are written, as a user typing them one after the other would.

Code blocks (README first, then ``docs/*.md`` in name order, one shared folder, as a user reading
on from the README would) are read by their info string:

- ``bash`` and ``console`` (``$ graphkit ...`` lines) blocks: every ``graphkit`` line runs;
- ``bash neo4j`` blocks: the same, against the test session's Neo4j server (``NEO4J_URI``,
  ``NEO4J_PASSWORD`` set as the block's ``export`` lines would set them);
- ``bash setup`` blocks are not run: they install things or start servers (``make demo``,
  ``scripts/setup``, ``docker compose``, ``scripts/neo4j-local``), which the test session's own
  set-up and fixtures do;
- ``python`` blocks are doctests (``>>>`` lines with the output the README shows).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from graphkit.cli import cli, load_all_commands

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
#: the documents whose examples run: the README, then the user documents under docs/
DOCUMENTS = [README, *sorted(p for p in (REPO / "docs").glob("*.md") if p.name != "benchmarks.md")]
BIN = Path(sys.executable).parent


def _commands(group: click.Group, prefix=()):
    for name in group.list_commands(None):  # click's listing: loads every command's module
        command = group.get_command(None, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def help_examples() -> list[str]:
    """The ``graphkit ...`` lines of the Example block of every command's help, top-level first."""
    found = []
    for _, command in [((), cli), *_commands(cli)]:
        text = command.help or ""
        if "Example" not in text:
            continue
        block = text.split("Example", 1)[1]
        found += [line.strip() for line in block.splitlines() if line.strip().startswith("graphkit ")]
    return found


_FENCE = re.compile(r"^```(\w*)(?: (\w+))?\n(.*?)^```", re.M | re.S)


def readme_blocks(documents: list[Path] = DOCUMENTS) -> list[tuple[str, str, str, str]]:
    """(document, language, tag, text) of every fenced block of the documents, in order."""
    return [
        (doc.relative_to(REPO).as_posix(), m.group(1), m.group(2) or "", m.group(3))
        for doc in documents
        for m in _FENCE.finditer(doc.read_text(encoding="utf-8"))
    ]


def _shell_lines(text: str, prompt: bool) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if prompt:
            if not line.startswith("$ "):
                continue
            line = line[2:]
        if line.startswith(("graphkit ", "export ")):
            lines.append(line)
    return lines


def readme_examples(tag: str, documents: list[Path] = DOCUMENTS) -> list[tuple[str, str]]:
    """(document, line) of every example line of the blocks tagged ``tag``."""
    found = []
    for doc, language, block_tag, text in readme_blocks(documents):
        if language in ("bash", "console") and block_tag == tag:
            found += [(doc, line) for line in _shell_lines(text, prompt=language == "console")]
    return found


def _workdir(tmp_path: Path) -> Path:
    (tmp_path / "seeds").symlink_to(REPO / "seeds")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "data").symlink_to(REPO / "tests" / "data")
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHKIT_STORE"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", BROWSER="true", COLUMNS="120", **extra)
    return env


def run_example(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _check(line: str, done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0, f"$ {line}\nexit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, f"$ {line}\n{done.stderr[-2000:]}"


# ----------------------------------------------------------------------------- --help examples

HELP = help_examples()

#: help examples that need data seeds/ does not hold: an author written two ways
NEEDS_OTHER_DATA = {
    'graphkit authors merge "Wei-Shi Zheng" "W. Zheng"': "seeds/ spell no author two ways (no W. Zheng)",
    'graphkit authors split "W. Zheng"': "follows the merge above",
    'graphkit authors split "Wei-Shi Zheng"': "follows the merge above",
    "graphkit authors undo": "undoes the merge above",
}


@pytest.fixture(scope="module")
def help_dir(tmp_path_factory):
    """A folder whose store holds the seeds, as after the first example (`graphkit build seeds/`)."""
    cwd = _workdir(tmp_path_factory.mktemp("help-examples"))
    _check("graphkit build seeds/", run_example("graphkit build seeds/", cwd, _env()))
    return cwd


def test_every_command_shows_examples():
    assert len(HELP) >= 40
    assert {shlex.split(line)[1] for line in HELP} >= {
        name for name, command in load_all_commands().items() if not isinstance(command, click.Group)
    }


@pytest.mark.slow
@pytest.mark.parametrize("line", HELP)
def test_help_example_runs_on_the_seeds(line, help_dir):
    if line in NEEDS_OTHER_DATA:
        pytest.skip(NEEDS_OTHER_DATA[line])
    _check(line, run_example(line, help_dir, _env()))


# ----------------------------------------------------------------------------- README examples

README_LINES = readme_examples("")
NEO4J_LINES = readme_examples("neo4j")


def test_readme_shows_examples():
    assert len(readme_examples("", [README])) >= 20 and readme_examples("neo4j", [README])
    assert {doc for doc, _, _, _ in readme_blocks()} >= {"README.md", "docs/neo4j.md", "docs/extraction.md"}
    not_run = [text for _, language, tag, text in readme_blocks() if tag == "setup"]
    assert all(re.search(r"make |scripts/|docker |pip |source |export PATH", text) for text in not_run), (
        "a `bash setup` block (not run by this test) holds something other than set-up commands"
    )


@pytest.fixture(scope="module")
def readme_dir(tmp_path_factory):
    return _workdir(tmp_path_factory.mktemp("readme-examples"))


@pytest.mark.slow
@pytest.mark.parametrize(("doc", "line"), README_LINES, ids=[f"{doc}: {line}" for doc, line in README_LINES])
def test_readme_example_runs_on_the_seeds(doc, line, readme_dir):
    if line.startswith("export "):
        pytest.skip("an environment line: the next graphkit lines run with it set")
    _check(line, run_example(line, readme_dir, _env()))


@pytest.mark.slow
@pytest.mark.neo4j
def test_readme_neo4j_examples_run_on_the_test_server(neo4j_server, tmp_path):
    """The Neo4j section's lines in order, with the session server's URI and password in the
    environment (where the README's ``export`` lines put a user's)."""
    cwd = _workdir(tmp_path)
    env = _env(NEO4J_URI=neo4j_server.uri, NEO4J_PASSWORD=neo4j_server.password)
    for _, line in NEO4J_LINES:
        if line.startswith("export "):
            continue
        _check(line, run_example(line, cwd, env))


@pytest.mark.slow
def test_readme_python_examples(readme_dir):
    """The README's ``>>>`` sessions, run in a folder where the seeds were built (the README's
    Python section says to build them first)."""
    _check("graphkit build seeds/", run_example("graphkit build seeds/", readme_dir, _env()))
    sessions = [(doc, text) for doc, language, _, text in readme_blocks() if language == "python" and ">>>" in text]
    assert sessions
    script = (
        "import doctest, sys\n"
        "parser = doctest.DocTestParser()\n"
        "runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)\n"
        "for i, (doc, text) in enumerate(zip(sys.argv[1::2], sys.argv[2::2])):\n"
        "    runner.run(parser.get_doctest(text, {}, f'{doc}[{i}]', doc, 0))\n"
        "sys.exit(1 if runner.failures else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *(part for session in sessions for part in session)],
        cwd=readme_dir, env=_env(), capture_output=True, text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    # what the sessions write lands in the folder they ran in, as files networkx's readers take back
    import networkx as nx

    assert nx.read_gexf(readme_dir / "graph.gexf").number_of_nodes() > 100
    assert nx.read_graphml(readme_dir / "coauthors.graphml").number_of_edges() > 100


def test_no_example_output_is_committed():
    """Files the examples write (graph.gexf, coauthors.graphml, pages) never sit in the repository."""
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    written = [p for p in tracked.splitlines() if "/" not in p and p.endswith((".gexf", ".graphml", ".cyjs", ".html"))]
    assert written == []
