"""``nodes.csv`` and ``relationships.csv`` with neo4j-admin headers (``:ID``, ``:LABEL``,
``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties such as ``year:long``), also plain tables
for pandas and spreadsheets. Import with::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \\
        --array-delimiter="|" --multiline-fields=true neo4j

A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) is written with a leading ``'`` (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit._text import formula_safe
from graphkit.export._common import edge_type, output_folder

__all__ = ["write_csv", "ARRAY_DELIMITER", "neutralise"]

#: separator of list elements in ``write_csv`` cells (neo4j-admin ``--array-delimiter``)
ARRAY_DELIMITER = "|"

neutralise = formula_safe


def _column_type(values: list[Any]) -> str:
    """neo4j-admin header type for a column's values ("" = string)."""
    seen = {type(v) for v in values}
    if seen == {bool}:
        return ":boolean"
    if seen == {int}:
        return ":long"
    if seen <= {int, float}:
        return ":double"
    if seen <= {list, tuple, set, frozenset}:
        return ":string[]"
    return ""


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == ":boolean":
        return "true" if value else "false"
    if kind == ":string[]":
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return neutralise(ARRAY_DELIMITER.join(str(v) for v in items))
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        value = json.dumps(value if not isinstance(value, (set, frozenset)) else sorted(value), ensure_ascii=False)
    if isinstance(value, str) and kind == "":
        return neutralise(value)
    return value


def _write_table(path: Path, fixed: list[str], rows: list[tuple[list[Any], dict[str, Any]]]) -> None:
    names = sorted({k for _, props in rows for k in props}, key=lambda k: (k != "id", k))
    kinds = {k: _column_type([props[k] for _, props in rows if props.get(k) is not None]) for k in names}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(fixed + [k + kinds[k] for k in names])
        for cells, props in rows:
            writer.writerow([neutralise(c) for c in cells] + [_cell(props.get(k), kinds[k]) for k in names])


def write_csv(G: nx.Graph, directory: str | Path) -> tuple[Path, Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` into ``directory``.

    ``nodes.csv``: ``:ID`` (the node key, ``"Author:sijie mai"``, not stored by neo4j-admin),
    ``:LABEL``, then every property (``id`` first) with its neo4j-admin type (``year:long``,
    ``has_code:boolean``, ``aliases:string[]`` joined with ``|``). ``relationships.csv``:
    ``:START_ID``, ``:END_ID``, ``:TYPE`` and the properties. Unknown values are empty cells,
    which neo4j-admin leaves absent.

    Returns
    -------
    (Path, Path)
        The nodes and the relationships file.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:a", label="Author", id="a", name="Ann", aliases=["Ann", "A."])
    >>> G.add_node("Paper:p", label="Paper", id="p", title="T", year=2020)
    >>> _ = G.add_edge("Author:a", "Paper:p", key="AUTHORED", type="AUTHORED", position=1)
    >>> nodes, rels = write_csv(G, tempfile.mkdtemp())
    >>> print(nodes.read_text().replace("\\r", ""), rels.read_text().replace("\\r", ""), sep="", end="")
    :ID,:LABEL,id,aliases:string[],name,title,year:long
    Author:a,Author,a,Ann|A.,Ann,,
    Paper:p,Paper,p,,,T,2020
    :START_ID,:END_ID,:TYPE,position:long
    Author:a,Paper:p,AUTHORED,1
    """
    directory = output_folder(directory)
    nodes_path, rels_path = directory / "nodes.csv", directory / "relationships.csv"
    node_rows = [
        ([str(n), str(data.get("label") or "Node")], {k: v for k, v in data.items() if k != "label"})
        for n, data in G.nodes(data=True)
    ]
    _write_table(nodes_path, [":ID", ":LABEL"], node_rows)
    rel_rows = [
        ([str(u), str(v), edge_type(G, data)], {k: v for k, v in data.items() if k != "type"})
        for u, v, data in G.edges(data=True)
    ]
    _write_table(rels_path, [":START_ID", ":END_ID", ":TYPE"], rel_rows)
    return nodes_path, rels_path
