"""The regular stored queries, each one declarative definition that renders its ``cypher/NAME.cypher``.

Most questions of the catalog have one of two shapes, and each shape is a dataclass here:

- :class:`PapersPer`: find a node by its key, walk through its papers to the nodes of one label,
  count the distinct papers per node, most first (``author-datasets``, ``method-authors``, ...);
- :class:`Top`: the nodes of one label with the most papers, by the ``papers`` count the stores
  keep on them (``top-authors``, ...).

A definition gives its Cypher text (:meth:`PapersPer.cypher`: what Neo4j runs, the file users
open in the Browser) and its fields are all :mod:`graphkit.query.embedded` reads to answer it on a
``networkx`` graph: the two sides are one definition, so they cannot drift apart. The committed
``cypher/*.cypher`` files of these queries are the rendered text (a test compares them);
``python -m graphkit.query.template`` writes them again after a definition changes.

The irregular queries (paths, per-paper listings, trends) stay hand-written ``.cypher`` files with
a hand-written networkx side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graphkit.build.derive import PAPERS
from graphkit.query.catalog import Parameter

__all__ = ["Step", "Ranking", "PapersPer", "Top", "DEFINITIONS", "render_all"]

PAPER = "p"  # the Paper variable of every walk


def _variable(label: str) -> str:
    """The Cypher variable of a node of ``label``: its first letter (``Author`` -> ``a``)."""
    return label[0].lower()


@dataclass(frozen=True)
class Step:
    """One relationship of a walk, of any of ``types``; ``forward`` when its arrow points along the
    walk, away from the node the query starts at."""

    types: tuple[str, ...]
    forward: bool = True

    def pattern(self, variable: str = "") -> str:
        """The step as Cypher: ``-[:A|B]->`` forward, ``<-[:A|B]-`` backward.

        >>> Step(("PROPOSES", "USES"), forward=False).pattern()
        '<-[:PROPOSES|USES]-'
        """
        inner = f"[{variable}:{'|'.join(self.types)}]"
        return f"-{inner}->" if self.forward else f"<-{inner}-"


@dataclass(frozen=True, kw_only=True)
class Ranking:
    """What every regular query returns: nodes of ``target`` as rows ``{column: name, id, papers}``
    ordered by papers (most first), then name, then id, at most ``limit`` of them."""

    name: str
    description: str
    target: str
    limit: int

    #: the column with the number of papers, the first sort key
    COUNT = "papers"

    @property
    def variable(self) -> str:
        return _variable(self.target)

    @property
    def column(self) -> str:
        """The column with the target's name: its kind (``Dataset`` -> ``dataset``)."""
        return self.target.lower()

    @property
    def node_columns(self) -> tuple[tuple[str, str], ...]:
        """(column, property of the target node) of the returned node columns, in order."""
        return ((self.column, "name"), ("id", "id"))

    @property
    def order(self) -> tuple[str, ...]:
        """The ORDER BY keys, as :func:`graphkit.query.embedded.order_by` takes them."""
        return (f"{self.COUNT} DESC", self.column, "id")

    @property
    def parameters(self) -> list[Parameter]:
        return [Parameter("limit", "int", self.limit, self.limit_help)]

    @property
    def limit_help(self) -> str:
        return "at most this many rows"

    def header(self) -> list[str]:
        lines = [f"// name: {self.name}", f"// description: {self.description}"]
        for p in self.parameters:
            default = "" if p.required else f" = {p.default}"
            lines.append(f"// param: {p.name} ({p.type}){default} — {p.description}")
        return lines

    def returns(self, counts: str) -> str:
        nodes = ", ".join(f"{self.variable}.{prop} AS {column}" for column, prop in self.node_columns)
        return f"RETURN {nodes}, {counts}"

    def ending(self) -> list[str]:
        return [f"ORDER BY {', '.join(self.order)}", "LIMIT $limit"]


@dataclass(frozen=True, kw_only=True)
class PapersPer(Ranking):
    """``(start {id: $param}) -to_paper- (p:Paper) -from_paper- (target)``: distinct papers per target.

    With ``split`` (column, relationship type), a second count: the papers whose ``from_paper``
    relationship is of that type (``author-methods``: of the papers using a method, those proposing it).
    """

    start: str
    param: str
    to_paper: Step
    from_paper: Step
    limit: int = 50
    param_help: str = ""
    split: tuple[str, str] | None = None

    #: the variable of the ``from_paper`` relationship when ``split`` reads its type
    MENTION = "mention"

    def __post_init__(self) -> None:
        names = {_variable(self.start), self.variable, PAPER}
        if len(names) != 3:
            raise ValueError(f"{self.name}: start, target and Paper need distinct variables, got {names}")

    @property
    def parameters(self) -> list[Parameter]:
        kind = self.start.lower()  # the parameter type: a name of that kind, resolved to its node
        return [Parameter(self.param, kind, None, self.param_help or f"the {kind}"), *super().parameters]

    @property
    def counts(self) -> tuple[str, ...]:
        """The count columns, in order: ``papers``, then the split's."""
        return (self.COUNT,) if self.split is None else (self.COUNT, self.split[0])

    def cypher(self) -> str:
        """The text of ``cypher/NAME.cypher``.

        >>> print(DEFINITIONS["task-authors"].cypher())  # doctest: +NORMALIZE_WHITESPACE
        // name: task-authors
        // description: Authors whose papers address a task, with the number of papers.
        // param: task (task) — the task ("multimodal sentiment analysis")
        // param: limit (int) = 50 — at most this many rows
        MATCH (t:Task {id: $task})<-[:ADDRESSES]-(p:Paper)<-[:AUTHORED]-(a:Author)
        WITH a, count(DISTINCT p) AS papers
        RETURN a.name AS author, a.id AS id, papers
        ORDER BY papers DESC, author, id
        LIMIT $limit
        """
        t = self.variable
        mention = self.MENTION if self.split else ""
        match = (
            f"MATCH ({_variable(self.start)}:{self.start} {{id: ${self.param}}}){self.to_paper.pattern()}"
            f"({PAPER}:Paper){self.from_paper.pattern(mention)}({t}:{self.target})"
        )
        if self.split is None:
            counting = [f"WITH {t}, count(DISTINCT {PAPER}) AS {self.COUNT}"]
        else:
            column, type_ = self.split
            counting = [
                f"WITH {t},",
                f"     count(DISTINCT {PAPER}) AS {self.COUNT},",
                f"     count(DISTINCT CASE WHEN type({mention}) = '{type_}' THEN {PAPER} END) AS {column}",
            ]
        returns = self.returns(", ".join(self.counts))
        return "\n".join([*self.header(), match, *counting, returns, *self.ending()]) + "\n"


@dataclass(frozen=True, kw_only=True)
class Top(Ranking):
    """Every ``target`` node with papers, by the ``papers`` count the stores keep on it."""

    limit: int = 10

    @property
    def limit_help(self) -> str:
        return f"how many {self.column}s"

    def cypher(self) -> str:
        """The text of ``cypher/NAME.cypher``."""
        v = self.variable
        note = [
            f"// Reads the `{PAPERS}` count the stores keep on every {self.target} "
            '(README "Graph schema"): the range',
            "// index on it gives the nodes in count order, so this reads only the top of the index.",
        ]
        match = [f"MATCH ({v}:{self.target})", f"WHERE {v}.{PAPERS} > 0"]
        counts = self.returns(f"{v}.{PAPERS} AS {self.COUNT}")
        return "\n".join([*self.header(), *note, *match, counts, *self.ending()]) + "\n"


AUTHORED = Step(("AUTHORED",))
BY_AUTHORS = Step(("AUTHORED",), forward=False)
METHODS = Step(("PROPOSES", "USES"))
OF_METHOD = Step(("PROPOSES", "USES"), forward=False)
DATASETS = Step(("EVALUATED_ON",))
OF_DATASET = Step(("EVALUATED_ON",), forward=False)
TASKS = Step(("ADDRESSES",))
OF_TASK = Step(("ADDRESSES",), forward=False)
VENUES = Step(("PUBLISHED_IN", "MENTIONS"))
OF_VENUE = Step(("PUBLISHED_IN", "MENTIONS"), forward=False)


#: every regular stored query, by name
DEFINITIONS: dict[str, PapersPer | Top] = {d.name: d for d in [
    PapersPer(name="author-datasets", start="Author", param="name", to_paper=AUTHORED, from_paper=DATASETS,
              target="Dataset", description="Datasets an author's papers evaluate on, with the number of papers."),
    PapersPer(name="author-methods", start="Author", param="name", to_paper=AUTHORED, from_paper=METHODS,
              target="Method", split=("proposed", "PROPOSES"),
              description="Methods an author's papers propose or use, with the number of papers "
                          "(and of papers proposing it)."),
    PapersPer(name="author-tasks", start="Author", param="name", to_paper=AUTHORED, from_paper=TASKS,
              target="Task",
              description="Tasks (research problems) an author's papers address, with the number of papers."),
    PapersPer(name="author-venues", start="Author", param="name", to_paper=AUTHORED, from_paper=VENUES,
              target="Venue",
              description="Venues an author's papers are published in or name, with the number of papers."),
    PapersPer(name="dataset-methods", start="Dataset", param="dataset", to_paper=OF_DATASET, from_paper=METHODS,
              target="Method", param_help='the dataset ("CMU-MOSI", "cmu mosi")',
              description="Methods proposed or used by papers that evaluate on a dataset, with the number of papers."),
    PapersPer(name="method-authors", start="Method", param="method", to_paper=OF_METHOD, from_paper=BY_AUTHORS,
              target="Author", param_help='the method by its name ("multimodal information bottleneck")',
              description="Authors whose papers propose or use a method, with the number of papers."),
    PapersPer(name="method-datasets", start="Method", param="method", to_paper=OF_METHOD, from_paper=DATASETS,
              target="Dataset",
              description="Datasets that papers proposing or using a method evaluate on, with the number of papers."),
    PapersPer(name="task-authors", start="Task", param="task", to_paper=OF_TASK, from_paper=BY_AUTHORS,
              target="Author", param_help='the task ("multimodal sentiment analysis")',
              description="Authors whose papers address a task, with the number of papers."),
    PapersPer(name="task-methods", start="Task", param="task", to_paper=OF_TASK, from_paper=METHODS,
              target="Method",
              description="Methods proposed or used by papers that address a task, with the number of papers."),
    PapersPer(name="venue-authors", start="Venue", param="venue", to_paper=OF_VENUE, from_paper=BY_AUTHORS,
              target="Author",
              description="Authors with papers published in or naming a venue, with the number of such papers."),
    Top(name="top-authors", target="Author", description="Authors with the most papers in the graph."),
    Top(name="top-datasets", target="Dataset", description="Datasets the most papers evaluate on."),
    Top(name="top-methods", target="Method", description="Methods proposed or used by the most papers."),
    Top(name="top-tasks", target="Task", description="Tasks the most papers address."),
]}  # fmt: skip


def render_all(folder: str | Path) -> list[Path]:
    """Write ``NAME.cypher`` of every definition into ``folder``; the paths whose text changed."""
    changed = []
    for name, definition in DEFINITIONS.items():
        path = Path(folder) / f"{name}.cypher"
        text = definition.cypher()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m graphkit.query.template: write the files of cypher/ again
    from graphkit.query.catalog import catalog_dir

    for path in render_all(catalog_dir()):
        print(f"wrote {path.name}")
