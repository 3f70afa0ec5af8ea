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

__all__ = ["cli", "main", "Context", "store_options", "key_value_params", "load_all_commands", "COMMAND_MODULES"]


class Context:
    """Options shared by every command; the store is opened on first use."""

    def __init__(self, store_dir: str | None, neo4j_uri: str | None, quiet: bool = False):
        self.store_dir = store_dir
        self.neo4j_uri = neo4j_uri
        self.quiet = quiet
        self._store = None

    @property
    def progress(self) -> bool:
        """Show progress bars: on a terminal, unless ``--quiet``."""
        return not self.quiet and sys.stderr.isatty()

    def store(self, *, write: bool = False):
        """The chosen store. Unless ``write``, a store that does not exist or is empty is an
        :class:`~graphkit.errors.EmptyStore` error naming ``graphkit build``."""
        if self._store is None:
            from graphkit.store import open_store

            self._store = open_store(neo4j_uri=self.neo4j_uri, store_dir=self.store_dir)
        if not write:
            from graphkit import progress
            from graphkit.store import require_graph

            with progress.step("reading the store"):
                require_graph(self._store)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _use_option(ctx: click.Context, param: click.Parameter, value):
    """A shared option given after a command name: set it on the :class:`Context`."""
    if value is not None and value is not False:
        context = ctx.ensure_object(Context)
        setattr(context, param.name, value)
        if param.name == "quiet":
            from graphkit import progress

            progress.enable(context.progress)
    return value


def _shared_options(on_group: bool) -> list[click.Option]:
    """The options every command takes, before or after its name: the one definition of each."""
    extra = {} if on_group else {"expose_value": False, "callback": _use_option}
    return [
        click.Option(
            ["--store", "store_dir"],
            envvar="GRAPHKIT_STORE" if on_group else None,
            type=click.Path(file_okay=False),
            help="Embedded store folder (default .graphkit/ here, or $GRAPHKIT_STORE).",
            **extra,
        ),
        click.Option(
            ["--neo4j", "neo4j_uri"],
            envvar="NEO4J_URI" if on_group else None,
            help="Use Neo4j at this bolt URI instead of the embedded store (or $NEO4J_URI; "
            "credentials from $NEO4J_USERNAME/$NEO4J_PASSWORD, database from $NEO4J_DATABASE).",
            **extra,
        ),
        click.Option(
            ["-q", "--quiet"], is_flag=True, default=False,
            help="No progress bars or summaries on stderr (they are off anyway when stderr is not a terminal).",
            **extra,
        ),
    ]


class GraphkitGroup(click.Group):
    """Maps library errors to ``click.ClickException`` so the user sees one line, not a traceback.

    Every command added to it (and to its sub-groups, which are GraphkitGroups too) takes the
    shared options (``--store``, ``--neo4j``, ``--quiet``) after its name as well.
    """

    group_class = type  # sub-groups made with @group.group() are GraphkitGroups

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        have = {opt for p in cmd.params for opt in getattr(p, "opts", ())}
        cmd.params.extend(p for p in _shared_options(on_group=False) if not have & set(p.opts))
        super().add_command(cmd, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GraphkitError as err:
            from graphkit._text import printable

            raise click.ClickException(printable(str(err))) from None
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except OSError as err:
            message = _os_error_line(err)
            if message is None:
                raise
            raise click.ClickException(message) from None


def _os_error_line(err: OSError) -> str | None:
    """One line for a file system error a user can act on (disk full, read-only, no permission); None
    for anything else (a bug, shown as such)."""
    import errno

    from graphkit._text import printable

    where = f"{printable(str(err.filename))}: " if err.filename else ""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"{where}out of disk space ({err.strerror or 'no space left on device'}); nothing was half-written: "
                "the store keeps its last saved state. Free some space, then run the same command again.")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{where}cannot write here ({err.strerror}); choose another --store folder or fix its permissions."
    return None


#: command name -> the module of graphkit.cli that defines it and registers it on :data:`cli` when
#: imported. A command imports only its own module, so ``graphkit query`` does not load the analyses,
#: the extractor or the page renderer; listing the commands (``--help``) imports them all.
COMMAND_MODULES = {
    "analyze": "analyze",
    "authors": "authors",
    "entities": "authors",
    "browser": "browser",
    "build": "build",
    "cypher": "cypher",
    "eval": "eval",
    "export": "export",
    "extract": "extract",
    "parse": "parse",
    "queries": "query",
    "query": "query",
    "stats": "stats",
    "train": "train",
    "viz": "viz",
}


class _RootGroup(GraphkitGroup):
    """The ``graphkit`` group, loading each command's module when the command is asked for
    (click's documented pattern for lazily loaded subcommands)."""

    group_class = GraphkitGroup  # its sub-groups (analyze, authors...) are not lazy

    def get_command(self, ctx: click.Context | None, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            importlib.import_module(f"graphkit.cli.{COMMAND_MODULES[cmd_name]}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        load_all_commands()
        return super().list_commands(ctx)


def load_all_commands() -> dict[str, click.Command]:
    """Every command of :data:`cli` by name, each command module imported."""
    import importlib

    for module in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"graphkit.cli.{module}")
    return cli.commands


@click.group(cls=_RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphkit")
@click.pass_context
def cli(ctx: click.Context, store_dir: str | None, neo4j_uri: str | None, quiet: bool) -> None:
    """graphkit: paper listings -> co-authorship and topic knowledge graph.

    \b
    Example:
        graphkit build seeds/
        graphkit query coauthors -p name "Sijie Mai"
        graphkit viz author "Sijie Mai" -o sijie.html
    """
    _quiet_logging()
    from graphkit import progress

    context = Context(store_dir, neo4j_uri, quiet)
    progress.enable(context.progress)
    ctx.obj = context
    ctx.call_on_close(context.close)


cli.params[:0] = _shared_options(on_group=True)


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
    """Kept for commands defined outside :data:`cli`: every command added to ``cli`` already takes
    the shared options after its name (see :class:`GraphkitGroup`)."""
    return command


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
