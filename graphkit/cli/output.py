r"""The one way commands print rows: a rich table for people, JSON or CSV for programs.

Every command that prints records calls :func:`emit`; the table rules (numbers right-aligned,
floats to four significant digits, lists joined with commas, data never read as rich markup) and
the CSV rules (lists and objects as JSON) are therefore the same everywhere. Every value is
printed safely in every format: rich markup in data (``[link=...]``, ``[/x]``) stays text, and
control characters (escape sequences, carriage returns, C1 codes) are shown as ``\xNN``, never
sent to the terminal (see :mod:`graphkit._text`); JSON escapes them as ``\u00NN``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graphkit._text import formula_safe, printable, without_surrogates

__all__ = ["FORMATS", "emit", "dumps", "safe_text"]

#: the ``--format`` choices of a command that prints rows
FORMATS = click.Choice(["table", "json", "csv"])

#: width of a table written to a pipe or file (a terminal's own width is used on a terminal): wide
#: enough that no cell is ever wrapped, so no word is broken and every line is one row's line
PIPED_WIDTH = 1_000_000


# JSON escapes C0 controls itself; DEL and the C1 controls (0x9b is a terminal's CSI) it leaves raw
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")


def dumps(value: Any, **options: Any) -> str:
    r"""``json.dumps(value, ensure_ascii=False)`` that is safe on a terminal: lone surrogates
    replaced, DEL and C1 controls escaped as ``\u00NN`` (still the same JSON strings).

    >>> dumps({"name": "a\x9b2J\x1b\ud800"})
    '{"name": "a\\u009b2J\\u001b\ufffd"}'
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    text = without_surrogates(text)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_text(text: Any) -> Text:
    """A rich ``Text`` of ``text`` for a terminal: never read as markup, control characters shown."""
    return Text(printable(str(text)))


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
        return formula_safe(printable(dumps(value)))
    if isinstance(value, str):
        return formula_safe(printable(value))
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
        click.echo(dumps(list(rows), indent=2, default=str))
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
    table = Table(title=safe_text(title) if title is not None else None, title_justify="left")
    for column in shown:
        numeric = all(_numeric(row.get(column)) for row in rows)
        table.add_column(safe_text(column), justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*(safe_text(_cell(row.get(c))) for c in shown))  # no markup, no control codes from the data
    # piped output has no terminal width to follow: never wrap (a wrapped cell breaks words)
    console = Console(file=out, width=None if out.isatty() else PIPED_WIDTH)
    console.print(table, soft_wrap=False)
