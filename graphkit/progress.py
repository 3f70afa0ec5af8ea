"""Progress on long steps (rich): one place that decides whether bars are shown, and draws them.

The library reports its long steps here (parsing, extraction, writing a store, reading it, exports,
analyses over a size threshold); nothing is shown unless :func:`enable` was called, which the
command line does when stderr is a terminal and ``--quiet`` was not given. An embedding program
calls ``graphkit.progress.enable()`` to get the same bars.

>>> with step("counting", total=3) as advance:
...     advance(3)  # disabled: nothing drawn, nothing printed
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator

__all__ = ["enable", "enabled", "step", "summary", "THRESHOLD"]

#: analyses over fewer items than this finish in a blink: no bar
THRESHOLD = 2_000

_state = {"enabled": False, "bar": None}


def enable(on: bool = True) -> None:
    """Show progress bars (and end-of-command summaries) on stderr from now on, or stop."""
    _state["enabled"] = bool(on)


def enabled() -> bool:
    """Whether bars are shown."""
    return bool(_state["enabled"])


@contextlib.contextmanager
def step(description: str, total: int | None = None, *, unit: str = "") -> Iterator[Callable[..., None]]:
    """A bar for one long step: yields ``advance(n=1, description=None)``.

    ``total`` None shows a spinner with a count; a step inside another step's bar is shown as a
    second line of the same display. Disabled: ``advance`` does nothing.
    """
    if not enabled():
        yield lambda n=1, description=None: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    outer = _state["bar"]
    if outer is not None:  # nested: a task on the display already shown
        task = outer.add_task(description, total=total)
        try:
            yield lambda n=1, description=None: outer.update(task, advance=n, description=description)
        finally:
            outer.remove_task(task)
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    columns += [BarColumn(), MofNCompleteColumn()] if total is not None else [TextColumn("{task.completed:,.0f}")]
    if unit:
        columns.append(TextColumn(unit))
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as bar:
        _state["bar"] = bar
        task = bar.add_task(description, total=total)
        try:
            yield lambda n=1, description=None: bar.update(task, advance=n, description=description)
        finally:
            _state["bar"] = None


def summary(message: str) -> None:
    """One line on stderr at the end of a command (shown only when bars are)."""
    if enabled():
        print(message, file=sys.stderr, flush=True)


class Timer:
    """Seconds since it was made: ``f"done in {timer}"``."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.start:.1f}s"
