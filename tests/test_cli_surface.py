"""One command-line surface: store options anywhere, clear messages for a missing or empty store and
for input without papers, ``--format`` everywhere, piped tables that never break a word."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli, load_all_commands

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = REPO / "tests" / "data"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("surface") / "store"
    result = run("--store", folder, "build", SEEDS, "--quiet")
    assert result.exit_code == 0, result.output
    return folder


# every command that reads the store, with arguments that work on the seeds
READ_COMMANDS = [
    ["stats"],
    ["query", "coauthors", "-p", "name", "Sijie Mai"],
    ["cypher", "MATCH (a:Author {id: $id}) RETURN a.name AS name", "-p", "id", "sijie mai"],
    ["analyze", "centrality", "--top", "3"],
    ["analyze", "path", "Suofei Zhang", "Sijie Mai"],
    ["export", "--format", "gexf", "-o", "{tmp}/g.gexf"],
    ["viz", "author", "Sijie Mai", "-o", "{tmp}/s.html"],
    ["authors", "review", "--limit", "1"],
    ["entities", "review", "--limit", "1"],
]


def _args(command, tmp_path):
    return [a.replace("{tmp}", str(tmp_path)) for a in command]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_store_option_after_any_subcommand(store, tmp_path, command):
    before = run("--store", store, *_args(command, tmp_path))
    after = run(*_args(command, tmp_path), "--store", store)
    assert before.exit_code == 0, before.output
    assert after.exit_code == 0, after.output
    if command[0] not in ("export", "viz"):
        assert after.output == before.output


@pytest.mark.parametrize("command", [c for c in READ_COMMANDS if c != ["stats"]] + [["queries"]],
                         ids=lambda c: " ".join(c[:2]))
def test_neo4j_option_after_any_subcommand(tmp_path, command):
    # nothing listens on port 1: the option is taken (no "No such option") and the store is tried
    result = run(*_args(command, tmp_path), "--neo4j", "bolt://127.0.0.1:1")
    assert "No such option" not in result.output
    if command != ["queries"]:  # queries reads the catalog, not the store
        assert result.exit_code == 1 and "cannot be reached" in result.output


def test_store_options_have_one_definition():
    from graphkit.cli import _shared_options

    group = {p.name: p.help for p in cli.params if p.name in ("store_dir", "neo4j_uri", "quiet")}
    for name, command in load_all_commands().items():
        commands = command.commands.values() if hasattr(command, "commands") else [command]
        for sub in commands:
            helps = {p.name: p.help for p in sub.params if p.name in group}
            assert helps == group, f"{name} {sub.name}"
    assert {o.name for o in _shared_options(on_group=True)} == set(group)


@pytest.mark.parametrize("command", [c for c in READ_COMMANDS if c != ["stats"]] + [["stats"]],
                         ids=lambda c: " ".join(c[:2]))
def test_read_on_missing_or_empty_store_names_build(tmp_path, command):
    missing = tmp_path / "no" / "such" / "dir"
    result = run(*_args(command, tmp_path), "--store", missing)
    assert result.exit_code == 1
    assert "does not exist or is empty" in result.output and "graphkit build" in result.output
    assert "Traceback" not in result.output and "check the spelling" not in result.output
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    again = run("--store", empty, *_args(command, tmp_path))
    assert again.exit_code == 1 and "graphkit build" in again.output


def _junk(tmp_path: Path) -> Path:
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (junk / "notes.txt").write_text("hello, nothing to see here\n", encoding="utf-8")
    return junk


@pytest.mark.parametrize("case", ["junk", "empty folder", "bibtex"])
def test_build_without_papers_fails_and_creates_no_store(tmp_path, case):
    if case == "junk":
        args, files = [_junk(tmp_path)], ["figure.png", "notes.txt"]
    elif case == "empty folder":
        (tmp_path / "nothing").mkdir()
        args, files = [tmp_path / "nothing"], []
    else:
        args, files = [SEEDS, "--format", "bibtex"], [p.name for p in SEEDS.iterdir()]
    target = tmp_path / "store"
    result = run("build", *args, "--store", target)
    assert result.exit_code == 1, result.output
    assert "Built 0 papers" not in result.output
    assert "no paper could be read" in result.output and "store was not changed" in result.output
    warned = [line for line in result.output.splitlines() if line.startswith(("warning:", "error:"))]
    for name in files:
        assert any(name in line for line in warned), name
    if not files:
        assert "warning: no files found" in result.output
    assert not target.exists()


def test_build_without_papers_leaves_an_existing_store_as_it_was(store, tmp_path):
    graph_file = next(store.glob("graph.*"))
    before = graph_file.read_bytes()
    result = run("build", _junk(tmp_path), "--store", store)
    assert result.exit_code == 1
    assert graph_file.read_bytes() == before


def test_eval_takes_format_json_and_keeps_json_as_hidden_alias():
    gold = DATA / "acl_dev.gold.jsonl"
    as_format = run("eval", gold, DATA, "--format", "json")
    as_alias = run("eval", gold, DATA, "--json")
    assert as_format.exit_code == 0, as_format.output
    assert json.loads(as_format.output) == json.loads(as_alias.output)
    assert "--json" not in run("eval", "--help").output
    assert "--format" in run("eval", "--help").output


def test_every_command_printing_rows_takes_format():
    printing = {"queries", "query", "cypher", "stats", "eval", "export"}
    printing |= {f"analyze {name}" for name in load_all_commands()["analyze"].commands}
    printing |= {"authors review", "entities review", "authors homonyms"}
    for name in printing:
        command = cli
        for part in name.split():
            command = command.commands[part]
        assert any("--format" in p.opts for p in command.params), name


def test_piped_tables_never_break_words(store):
    # a real pipe (not CliRunner): the table is written for a program, at no terminal width
    done = subprocess.run(
        [sys.executable, "-m", "graphkit", "--store", str(store), "query", "top-methods", "--limit", "20"],
        capture_output=True, text=True, timeout=120, env={"COLUMNS": "40", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 20  # one line per row: no cell wrapped onto a second line
    assert any("Multimodal Large Language Models" in line for line in rows)


def test_each_command_is_found_in_the_module_its_name_maps_to():
    """COMMAND_MODULES is the one list of where commands live: importing a command's module alone
    (in a fresh interpreter) registers it, and every command there is."""
    import subprocess
    import sys

    from graphkit.cli import COMMAND_MODULES

    for module in set(COMMAND_MODULES.values()):
        code = (
            "import click, importlib; from graphkit.cli import cli; "
            f"importlib.import_module('graphkit.cli.{module}'); print(' '.join(sorted(cli.commands)))"
        )
        registered = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert set(registered.stdout.split()) == {n for n, m in COMMAND_MODULES.items() if m == module}, module
    assert set(load_all_commands()) == set(COMMAND_MODULES)


def test_a_command_loads_only_its_own_module():
    import subprocess
    import sys

    code = (
        "import sys; from graphkit.cli import cli; "
        "cli(['query', '--help'], prog_name='graphkit', standalone_mode=False); "
        "print('loaded:', *(m for m in ('graphkit.analyze', 'graphkit.viz.page', 'graphkit.extract', 'pyvis', "
        "'graphkit.cli.viz') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.splitlines()[-1] == "loaded:"
