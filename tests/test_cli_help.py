"""Every command explains itself: a help text with an Example block, and `--help` works."""

import click
import pytest
from click.testing import CliRunner

from graphkit.cli import cli


def _all_commands(group: click.Group, prefix=()):
    for name in group.list_commands(None):  # click's listing: loads every command's module
        command = group.get_command(None, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, prefix + (name,))


COMMANDS = list(_all_commands(cli))


def test_cli_has_commands():
    assert COMMANDS, "no command is registered on the graphkit group"


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_command_has_help_with_example(path, command):
    assert command.help, f"graphkit {' '.join(path)} has no help text"
    if not isinstance(command, click.Group):
        assert "Example" in command.help, f"graphkit {' '.join(path)} help has no Example block"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
