"""The one way commands print rows: a rich table for people, JSON or CSV for programs.

Every command that prints records calls :func:`emit`; the table rules (numbers right-aligned,
floats to four significant digits, lists joined with commas, data never read as rich markup) and
the CSV rules (lists and objects as JSON) are therefore the same everywhere.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["FORMATS", "emit"]

#: the ``--format`` choices of a command that prints rows
FORMATS = click.Choice(["table", "json", "csv"])

#: width of a table written to a pipe or file (a terminal's own width is used on a terminal)
PIPED_WIDTH = 160


def _cell(value: Any) -> str:
    """A value as table text.

    >>> _cell(0.123456), _cell(["a", 2]), _cell({"2021": 3}), _cell(None)
    ('0.1235', 'a, 2', '2021:3', '')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return " ".join(f"{k}:{v}" for k, v in value.items())
    return str(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _numeric(value: Any) -> bool:
    return value is None or isinstance(value, (int, float))


def emit(
    rows: Sequence[Mapping[str, Any]],
    fmt: str = "table",
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    empty: str | None = "No rows.",
) -> None:
    """Print ``rows`` (dicts) as ``fmt``: ``table``, ``json`` (a list of objects) or ``csv``.

    JSON and CSV hold every field of every row; the table shows ``columns`` (default: the first
    row's fields). With no rows a table prints ``empty`` to stderr instead (nothing when None).
    """
    out = sys.stdout
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(rows[0]) if rows else list(columns or []))
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row.values()])
        return
    if not rows:
        if empty:
            click.echo(empty, err=True)
        return
    shown = list(columns) if columns is not None else list(rows[0])
    table = Table(title=title, title_justify="left")
    for column in shown:
        numeric = all(_numeric(row.get(column)) for row in rows)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(c))) for c in shown))  # Text: no rich markup from the data
    # piped output has no terminal width to follow: allow wide tables rather than folding
    Console(file=out, width=None if out.isatty() else PIPED_WIDTH).print(table)
