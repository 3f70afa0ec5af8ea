"""The stored query catalog: one ``cypher/*.cypher`` file per question, read into :class:`StoredQuery`.

Each file starts with a header of ``//`` comment lines::

    // name: coauthors
    // description: Co-authors of an author, with the number of joint papers.
    // param: name (author) — the author
    // param: limit (int) = 50 — at most this many rows

The ``$names`` the Cypher text uses are parsed from the text itself (comments and strings stripped
first, as datasette does) and must match the header's ``param`` lines. A parameter's type says how a
value given by a person becomes what the query compares against: ``author`` goes through
:func:`graphkit.keys.author_key`, ``method``/``dataset``/``task``/``venue`` through
:func:`graphkit.keys.entity_key`, ``paper`` (a title) through :func:`graphkit.keys.paper_id`, so
``"sijie mai"``, ``"Mai, Sijie"`` and ``"Sijie Mai"`` find the same author.

:func:`graphkit.query.run.run_stored` runs a query on either store: the Cypher text on Neo4j, its
embedded side from :mod:`graphkit.query.embedded` on the embedded store; both give the same rows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError, QueryParameterError, UnknownQuery
from graphkit.keys import author_key, entity_key, paper_id

__all__ = [
    "CatalogError",
    "Parameter",
    "StoredQuery",
    "PARAMETER_TYPES",
    "catalog_dir",
    "load_queries",
    "get_query",
    "named_parameters",
    "cypher_code",
    "parse_query",
]


class CatalogError(GraphkitError):
    """A ``.cypher`` file of the catalog is malformed (bad header, undeclared parameter)."""


_PAPER_ID = re.compile(r"^[ta][0-9a-f]{16}$")


def _paper_key(value: str) -> str:
    """A paper id given as is, otherwise the id of the title."""
    value = value.strip()
    return value if _PAPER_ID.match(value) else paper_id(value, "")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(value.strip())
    raise ValueError(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _key_of(to_key: Callable[[str], str]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        key = to_key(_text(value))
        if not key:
            raise ValueError(value)
        return key

    return convert


#: parameter types that name a node: resolved by :func:`graphkit.names.resolve` when a query runs
NAME_TYPES = ("author", "method", "dataset", "task", "venue", "paper")

#: parameter type -> function turning a user's value into what the query compares against
PARAMETER_TYPES: dict[str, Callable[[Any], Any]] = {
    "author": _key_of(author_key),
    "method": _key_of(entity_key),
    "dataset": _key_of(entity_key),
    "task": _key_of(entity_key),
    "venue": _key_of(entity_key),
    "paper": _key_of(_paper_key),
    "string": _text,
    "int": _int,
}

_TYPE_HELP = {
    "author": "an author name",
    "method": "a method name",
    "dataset": "a dataset name",
    "task": "a task name",
    "venue": "a venue name",
    "paper": "a paper title or id",
    "string": "a string",
    "int": "an integer",
}


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a stored query; ``default`` None means required."""

    name: str
    type: str
    default: Any = None
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is None

    def __str__(self) -> str:
        text = f"{self.name} ({self.type})"
        return text if self.required else f"{text} = {self.default}"

    def convert(self, value: Any, query: str) -> Any:
        """The value the query runs with, or QueryParameterError saying what was expected."""
        try:
            converted = PARAMETER_TYPES[self.type](value)
        except (ValueError, TypeError):
            raise QueryParameterError(
                f"{query}: parameter {self.name!r} must be {_TYPE_HELP[self.type]}, got {value!r}"
            ) from None
        if self.type == "int" and converted < 0:
            raise QueryParameterError(f"{query}: parameter {self.name!r} must be >= 0, got {value!r}")
        return converted


@dataclass(frozen=True)
class StoredQuery:
    """One question of the catalog: its Cypher text and the networkx twin that answers it offline."""

    name: str
    description: str
    parameters: list[Parameter]
    cypher: str
    path: Path | None = None
    twin: Callable[..., list[dict[str, Any]]] | None = field(default=None, compare=False, repr=False)

    @property
    def ordered(self) -> bool:
        """True when the query sorts its rows (ORDER BY), so row order is part of the answer."""
        return "ORDER BY" in " ".join(cypher_code(self.cypher).upper().split())

    def usage(self) -> str:
        """The accepted parameters, for messages and listings.

        >>> parse_query("// name: q\\n// description: d\\n// param: n (int) = 3 — count\\nRETURN $n").usage()
        'n (int) = 3'
        """
        return ", ".join(str(p) for p in self.parameters) or "(none)"

    def bind(self, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Check ``params`` against the declared parameters and convert them (names to keys, ints).

        Raises QueryParameterError for an unknown or missing parameter or a value of the wrong type;
        the message lists what the query accepts.

        >>> q = parse_query("// name: q\\n// description: d\\n// param: name (author) — who\\n"
        ...                 "MATCH (a:Author {id: $name}) RETURN a.name AS name")
        >>> q.bind({"name": "Mai, Sijie"})
        {'name': 'sijie mai'}
        """
        params = dict(params or {})
        declared = {p.name: p for p in self.parameters}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QueryParameterError(
                f"{self.name}: unknown parameter {', '.join(map(repr, unknown))}; accepted: {self.usage()}"
            )
        bound = {}
        for param in self.parameters:
            if param.name in params:
                bound[param.name] = param.convert(params[param.name], self.name)
            elif param.required:
                raise QueryParameterError(
                    f"{self.name}: missing parameter {param.name!r} ({_TYPE_HELP[param.type]}); "
                    f"accepted: {self.usage()}. Example: -p {param.name} VALUE"
                )
            else:
                bound[param.name] = param.convert(param.default, self.name)
        return bound


# Comments, string literals and backticked names, so a "$x" inside them is not taken for a parameter.
_NOT_CODE = re.compile(r"""//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`""", re.S)
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def cypher_code(text: str) -> str:
    """The Cypher text without comments, string literals and backticked names (each left as a space).

    >>> cypher_code("RETURN 'a // b' AS x // note")
    'RETURN   AS x  '
    """
    return _NOT_CODE.sub(" ", text)


def named_parameters(text: str) -> list[str]:
    """The ``$parameters`` a Cypher text uses, in order of first use.

    >>> named_parameters("MATCH (a {id: $name}) // not $this\\nRETURN '$nor_this', a LIMIT $limit")
    ['name', 'limit']
    """
    return list(dict.fromkeys(_PARAMETER.findall(cypher_code(text))))


_HEADER = re.compile(r"^//\s*(name|description|param)\s*:\s*(.*?)\s*$")
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)\)\s*(?:=\s*(?P<default>[^—]*?))?\s*(?:—\s*(?P<description>.*))?$"
)


def parse_query(text: str, path: Path | None = None) -> StoredQuery:
    """Read one catalog file's text: header fields, parameters, and the Cypher.

    Raises CatalogError when the header is incomplete or does not match the ``$parameters`` used.
    """
    where = f"{path}: " if path else ""
    fields: dict[str, str] = {}
    declared: list[tuple[str, str, str | None, str]] = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key != "param":
            fields[key] = value
            continue
        param = _PARAM_LINE.match(value)
        if not param or param["type"] not in PARAMETER_TYPES:
            raise CatalogError(
                f"{where}bad param line {line!r}; expected '// param: NAME (TYPE) [= DEFAULT] — description' "
                f"with TYPE one of {', '.join(PARAMETER_TYPES)}"
            )
        declared.append((param["name"], param["type"], param["default"] or None, (param["description"] or "").strip()))
    for key in ("name", "description"):
        if not fields.get(key):
            raise CatalogError(f"{where}header has no '// {key}:' line")
    name = fields["name"]
    if path is not None and name != path.stem:
        raise CatalogError(f"{where}header name {name!r} differs from the file name {path.stem!r}")
    used = named_parameters(text)
    if set(used) != {d[0] for d in declared}:
        raise CatalogError(
            f"{where}the Cypher uses {sorted(used)} but the header declares {sorted(d[0] for d in declared)}"
        )
    parameters = []
    for pname, ptype, default, description in declared:
        if default is not None:  # a default must itself be a valid value
            default = Parameter(pname, ptype).convert(default, name)
        parameters.append(Parameter(pname, ptype, default, description))
    return StoredQuery(name, fields["description"], parameters, text, path)


def catalog_dir() -> Path:
    """Where the shipped ``.cypher`` files are: ``graphkit/_cypher`` in an installed wheel,
    the repository's ``cypher/`` in a source checkout or editable install."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_cypher", package.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise CatalogError(f"no query catalog found next to {package} (looked for _cypher/ and ../cypher/)")


def load_queries(dir: str | Path | None = None) -> dict[str, StoredQuery]:
    """Every ``*.cypher`` file of ``dir`` (default: the shipped catalog) by name, sorted by name,
    each with its networkx twin from :mod:`graphkit.query.embedded` when one is registered.

    >>> queries = load_queries()
    >>> queries["coauthors"].usage()
    'name (author), limit (int) = 50'
    """
    from graphkit.query.embedded import TWINS

    folder = Path(dir) if dir is not None else catalog_dir()
    queries = {}
    for path in sorted(folder.glob("*.cypher")):
        query = parse_query(path.read_text(encoding="utf-8"), path)
        queries[query.name] = StoredQuery(
            query.name, query.description, query.parameters, query.cypher, path, TWINS.get(query.name)
        )
    return queries


def get_query(name: str, queries: Mapping[str, StoredQuery] | None = None) -> StoredQuery:
    """The stored query called ``name``, or UnknownQuery naming the closest ones.

    >>> get_query("coauthor")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.UnknownQuery: no stored query 'coauthor'; close names: coauthors, top-authors, method-authors (...)
    """
    queries = load_queries() if queries is None else queries
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"close names: {', '.join(close)}" if close else f"known: {', '.join(queries)}"
    raise UnknownQuery(f"no stored query {name!r}; {hint} (graphkit queries lists all)")
