"""The stored query catalog as a Neo4j Browser guide: one slide per query, opened with ``:play``.

The first slide applies graphkit's style (``cypher/graphkit.grass``) with one click; every other
slide shows a query's description, one ``:param`` line per parameter with an example value from
the seed pages (already turned into the key the query compares against) and the Cypher, each
runnable with a click. ``:param NAME => VALUE`` is evaluated as Cypher, so an integer stays an
integer (``:params {...}`` would send JavaScript numbers, floats that ``LIMIT`` refuses).
``scripts/neo4j-local`` serves the committed ``cypher/browser-guide.html`` at ``/graphkit/guide``;
``graphkit browser --write-guide FILE`` writes it anywhere else.

>>> "coauthors" in guide_html()
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

from graphkit.query.catalog import StoredQuery, catalog_dir, load_queries

__all__ = ["GUIDE_FILE", "EXAMPLES", "example_parameters", "guide_html", "write_guide"]

GUIDE_FILE = "browser-guide.html"
STYLE_FILE = "graphkit.grass"

#: example values on the seed pages, by parameter type; a parameter name listed here wins
EXAMPLES: dict[str, str] = {
    "author": "Sijie Mai",
    "b": "Haifeng Hu",
    "method": "large language models",
    "dataset": "NTU RGB+D",
    "task": "multimodal sentiment analysis",
    "venue": "ACM MM",
    "paper": "End-to-end Semantic-centric Video-based Multimodal Affective Computing",
}


def example_parameters(query: StoredQuery) -> dict[str, object]:
    """The query's parameters bound to the seed examples (defaults for the rest), as the query
    receives them: names already turned into keys."""
    given = {
        p.name: EXAMPLES.get(p.name, EXAMPLES.get(p.type))
        for p in query.parameters
        if p.required
    }
    return query.bind(given)


def _slide(title: str, text: str, *runnables: str) -> str:
    code = "".join(
        f'      <figure><pre class="pre-scrollable code runnable">{html.escape(r)}</pre></figure>\n'
        for r in runnables
    )
    return (
        '  <slide class="row-fluid">\n'
        '    <div class="col-sm-3">\n'
        f"      <h3>{html.escape(title)}</h3>\n"
        f"      <p>{text}</p>\n"
        "    </div>\n"
        '    <div class="col-sm-9">\n'
        f"{code}"
        "    </div>\n"
        "  </slide>\n"
    )


def guide_html(queries: Mapping[str, StoredQuery] | None = None, style: str | None = None) -> str:
    """The guide's HTML for ``queries`` (default: the shipped catalog) and a grass ``style``."""
    queries = load_queries() if queries is None else queries
    if style is None:
        style = (catalog_dir() / STYLE_FILE).read_text(encoding="utf-8")
    slides = [
        _slide(
            "graphkit",
            "The stored queries of graphkit, one per slide. Click a box to put it in the editor, "
            "then run it: first the <code>:style</code> below (graphkit's colours and captions), "
            "then on each slide the <code>:param</code> lines and the query. "
            f"{len(queries)} queries follow; edit the parameter values to ask about others.",
            ":style " + style.strip(),
        )
    ]
    for query in queries.values():
        params = [
            f":param {name} => {json.dumps(value, ensure_ascii=False)}"
            for name, value in example_parameters(query).items()
        ]
        accepted = html.escape(query.usage())
        slides.append(
            _slide(
                query.name,
                f"{html.escape(query.description)}<br><br>Parameters: {accepted}. "
                f"Same as <code>graphkit query {html.escape(query.name)}</code>.",
                *params,
                query.cypher.strip(),
            )
        )
    return (
        '<article class="guide">\n'
        '<carousel class="deck container-fluid">\n'
        + "".join(slides)
        + "</carousel>\n"
        "</article>\n"
    )


def write_guide(path: str | Path | None = None) -> Path:
    """Write the guide (default: ``cypher/browser-guide.html`` beside the catalog); the path."""
    target = Path(path) if path is not None else catalog_dir() / GUIDE_FILE
    target.write_text(guide_html(), encoding="utf-8")
    return target
