"""The ``graphkit`` command line: a thin click layer over the library.

Each command parses its options, calls the library, and turns a ``GraphkitError`` into a
one-line message with a non-zero exit (no traceback for a user mistake). Each command (or
command group) lives in the module named after it and registers itself on :data:`cli`; they all
print rows through :mod:`graphkit.cli.output`.
"""

from __future__ import annotations

import logging
import sys

import click

from graphkit.errors import GraphkitError, QueryParameterError

__all__ = ["cli", "main", "Context", "store_options", "key_value_params"]


class Context:
    """Options shared by every command; the store is opened on first use."""

    def __init__(self, store_dir: str | None, neo4j_uri: str | None):
        self.store_dir = store_dir
        self.neo4j_uri = neo4j_uri
        self._store = None

    def store(self):
        if self._store is None:
            from graphkit.store import open_store

            self._store = open_store(neo4j_uri=self.neo4j_uri, store_dir=self.store_dir)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class GraphkitGroup(click.Group):
    """Maps library errors to ``click.ClickException`` so the user sees one line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GraphkitError as err:
            from graphkit._text import printable

            raise click.ClickException(printable(str(err))) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)


@click.group(cls=GraphkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphkit")
@click.option(
    "--store",
    "store_dir",
    envvar="GRAPHKIT_STORE",
    type=click.Path(file_okay=False),
    help="Embedded store folder (default .graphkit/ here, or $GRAPHKIT_STORE).",
)
@click.option(
    "--neo4j",
    "neo4j_uri",
    envvar="NEO4J_URI",
    help="Use Neo4j at this bolt URI instead of the embedded store (or $NEO4J_URI; "
    "credentials from $NEO4J_USERNAME/$NEO4J_PASSWORD, database from $NEO4J_DATABASE).",
)
@click.pass_context
def cli(ctx: click.Context, store_dir: str | None, neo4j_uri: str | None) -> None:
    """graphkit: paper listings -> co-authorship and topic knowledge graph.

    \b
    Example:
        graphkit build seeds/
        graphkit query coauthors -p name "Sijie Mai"
        graphkit viz author "Sijie Mai" -o sijie.html
    """
    _quiet_logging()
    context = Context(store_dir, neo4j_uri)
    ctx.obj = context
    ctx.call_on_close(context.close)


class _PrintableFormatter(logging.Formatter):
    """Log lines with control characters shown, never acted on (messages may quote input data)."""

    def format(self, record: logging.LogRecord) -> str:
        from graphkit._text import printable

        return printable(super().format(record))


def _quiet_logging() -> None:
    """graphkit's own warnings as one ``graphkit: ...`` line each; the Neo4j driver's retry and
    connection records (multi-line, repeated per attempt) stay out of the terminal: the error
    that ends a failed command already says what to check."""
    if logging.getLogger().handlers:
        return  # the embedding application (or pytest) set logging up
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("graphkit: %(message)s"))
    graphkit_log = logging.getLogger("graphkit")
    if not graphkit_log.handlers:
        graphkit_log.addHandler(handler)
        graphkit_log.propagate = False
    driver_log = logging.getLogger("neo4j")
    if not driver_log.handlers:
        driver_log.addHandler(logging.NullHandler())
        driver_log.propagate = False


def store_options(command):
    """``--store`` / ``--neo4j`` after the command name too (``graphkit build seeds/ --store DIR``)."""

    def use(ctx: click.Context, param: click.Parameter, value):
        if value is not None:
            setattr(ctx.ensure_object(Context), param.name, value)
        return value

    command = click.option(
        "--neo4j", "neo4j_uri", expose_value=False, callback=use, help="Same as `graphkit --neo4j URI`."
    )(command)
    return click.option(
        "--store", "store_dir", expose_value=False, callback=use, type=click.Path(file_okay=False),
        help="Same as `graphkit --store DIR`.",
    )(command)


def key_value_params(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """``-p KEY VALUE`` pairs as a dict; a key given twice is a mistake."""
    params: dict[str, str] = {}
    for key, value in pairs:
        if key in params:
            raise QueryParameterError(f"parameter {key!r} given twice (-p {key} ...)")
        params[key] = value
    return params


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="graphkit")


# Command modules register themselves on `cli` when imported (one module per command or group).
from graphkit.cli import (  # noqa: E402,F401
    analyze,
    authors,
    build,
    cypher,
    eval,
    export,
    extract,
    parse,
    query,
    stats,
    train,
    viz,
)
