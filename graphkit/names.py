"""The one name resolver: what a person types -> the node they mean, on any store or graph.

Every command and API function that takes a name (an author, method, dataset, task, venue, or a
paper's title) resolves it here, in this order, and stops at the first tier that matches:

1. the node key or id itself (``"Author:sijie mai"``, ``"sijie mai"``, a paper id ``t0123...``);
2. the normalised key of the text (:func:`graphkit.keys.author_key`, ``entity_key``, ``paper_id``),
   so ``"Mai, Sijie"`` and ``"SIJIE MAI"`` are Sijie Mai;
3. the display name or any alias, after folding case, accents and white space;
4. for entities, the acronym of a name (``"GNN"`` for "Graph Neural Networks"); for papers, the
   title's key, then a title that contains the text (when only one does);
5. otherwise :class:`~graphkit.errors.NotFound` with the closest names (rapidfuzz): "did you mean".

Within a tier the node with the most papers wins (then the smallest id), so the answer does not
depend on store order. The names come from ``GraphStore.names(label)`` on a store, or from the
node attributes of a networkx graph in graphkit's form (the schema graph, or a projection such as
the co-author graph), or from the nodes of a :class:`graphkit.model.Graph` (what the identity
commands work on), so both stores, the identity commands and the Python API resolve alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.errors import GraphkitError, NotFound
from graphkit.keys import author_key, entity_key, fold, paper_id, title_key
from graphkit.model import Graph, node_key
from graphkit.schema import KIND_LABELS, NODE_LABELS

__all__ = ["Resolved", "NodeName", "resolve", "resolve_among", "resolve_key", "names_of", "label_of", "SUGGESTIONS"]

#: how many close names a NotFound message lists
SUGGESTIONS = 5

_PAPER_ID = re.compile(r"^[ta][0-9a-f]{16}$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class NodeName:
    """One node as the resolver sees it: its id, display name (``title`` for papers), aliases and
    number of papers (None when unknown)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    papers: int | None = None


@dataclass(frozen=True)
class Resolved:
    """The node a name resolved to."""

    label: str
    id: str
    name: str

    @property
    def key(self) -> str:
        """The node key in graphkit's networkx form, ``"Label:id"``."""
        return node_key(self.label, self.id)


def label_of(kind: str) -> str:
    """The node label of a kind name or label (``"author"``, ``"Author"``, ``"methods"``).

    >>> label_of("author"), label_of("Method"), label_of("datasets")
    ('Author', 'Method', 'Dataset')
    """
    text = kind.strip()
    if text in NODE_LABELS:
        return text
    lowered = text.lower()
    for candidate in (lowered, lowered.removesuffix("s")):
        if candidate in KIND_LABELS:
            return KIND_LABELS[candidate]
    raise GraphkitError(f"unknown kind {kind!r}: expected one of {', '.join(KIND_LABELS)}")


def names_of(source: Any, label: str) -> list[NodeName]:
    """Every ``label`` node of ``source``: a networkx graph in graphkit's form, a
    :class:`graphkit.model.Graph`, or a store."""
    if isinstance(source, Graph):
        return [
            NodeName(
                node.id,
                str(node.properties.get("name") or node.properties.get("title") or node.id),
                tuple(a for a in node.properties.get("aliases") or () if isinstance(a, str)),
                node.properties.get("papers") if isinstance(node.properties.get("papers"), int) else None,
            )
            for node in source.nodes
            if node.label == label
        ]
    if isinstance(source, nx.Graph):
        return [
            NodeName(
                str(attrs.get("id", node)),
                str(attrs.get("name") or attrs.get("title") or attrs.get("id") or node),
                tuple(a for a in attrs.get("aliases") or () if isinstance(a, str)),
                attrs.get("papers") if isinstance(attrs.get("papers"), int) else None,
            )
            for node, attrs in source.nodes(data=True)
            if attrs.get("label") == label
        ]
    return list(source.names(label))


def _acronym(name: str) -> str:
    """The initials of a multi-word name, upper case (``"Graph Neural Networks"`` -> ``"GNN"``).

    >>> _acronym("Graph Neural Networks"), _acronym("long short-term memory"), _acronym("BERT")
    ('GNN', 'LSTM', '')
    """
    words = _WORD.findall(name)
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _best(matches: Iterable[NodeName]) -> NodeName | None:
    return min(matches, key=lambda n: (-(n.papers or 0), n.id), default=None)


def _direct(source: Any, label: str, ids: list[str]) -> NodeName | None:
    """A quick exact look-up on a networkx graph, before listing every name."""
    if not isinstance(source, nx.Graph):
        return None
    for id in ids:
        attrs = source.nodes.get(node_key(label, id)) if id else None
        if attrs is not None and attrs.get("label") == label:
            return NodeName(id, str(attrs.get("name") or attrs.get("title") or id))
    return None


def resolve(source: Any, kind: str, name: str) -> Resolved:
    """The node of ``kind`` (a kind name or a label) that ``name`` means, in ``source`` (a store or
    a networkx graph in graphkit's form). See the module docstring for the order of the tiers.

    Raises
    ------
    NotFound
        No node matches; the message lists up to five close names ("did you mean ...?").

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Author:sijie mai", label="Author", id="sijie mai", name="Sijie Mai")
    >>> G.add_node("Method:graph neural network", label="Method", id="graph neural network",
    ...            name="Graph Neural Networks", aliases=["GNNs"])
    >>> resolve(G, "author", "MAI, Sijie").key
    'Author:sijie mai'
    >>> resolve(G, "method", "gnns").name, resolve(G, "method", "GNN").name
    ('Graph Neural Networks', 'Graph Neural Networks')
    >>> resolve(G, "author", "Sijie May")
    Traceback (most recent call last):
    ...
    graphkit.errors.NotFound: no author named 'Sijie May'; did you mean: Sijie Mai?
    """
    label = label_of(kind)
    noun = label.lower()
    if not isinstance(name, str) or not name.strip():
        raise NotFound(f"no {noun} named {name!r}: give a name")
    text = name.strip()
    prefix = f"{label}:"
    given = text[len(prefix):] if text.startswith(prefix) else text
    if label == "Author":
        keyed = author_key(given)
    elif label == "Paper":
        keyed = given if _PAPER_ID.match(given) else paper_id(given, "")
    else:
        keyed = entity_key(given)
    hit = _direct(source, label, [given, keyed])
    if hit is not None:
        return Resolved(label, hit.id, hit.name)
    wanted = fold(given)
    lookup = getattr(source, "lookup_names", None)
    if lookup is not None:  # a store with name indexes: the first three tiers without listing every name
        found = _first_tiers(lookup(label, [given, keyed], wanted), given, keyed, wanted)
        if found is not None:
            return Resolved(label, found.id, found.name)

    nodes = names_of(source, label)
    if not nodes:
        raise NotFound(
            f"no {noun} named {name!r}: the graph has no {label} nodes (build it first: graphkit build PATH)"
        )
    tiers = _tiers(nodes, given, keyed, wanted)
    if label == "Paper":
        wanted_title = title_key(given)
        tiers.append([n for n in nodes if wanted_title and title_key(n.name) == wanted_title])
        if len(wanted) >= 8:  # a part of a title: only when one title holds it
            holding = [n for n in nodes if wanted in fold(n.name)]
            tiers.append(holding if len(holding) == 1 else [])
    elif label != "Author" and " " not in given:
        acronym = given.upper()
        tiers.append([n for n in nodes if _acronym(n.name) == acronym])
    for tier in tiers:
        found = _best(tier)
        if found is not None:
            return Resolved(label, found.id, found.name)
    raise NotFound(f"no {noun} named {name!r}{_suggest(nodes, given)}")


def _tiers(nodes: list[NodeName], given: str, keyed: str, wanted: str) -> list[list[NodeName]]:
    """The first three tiers: the id itself, the normalised key, the folded display name or an alias."""
    return [
        [n for n in nodes if n.id == given],
        [n for n in nodes if keyed and n.id == keyed],
        [n for n in nodes if fold(n.name) == wanted or any(fold(a) == wanted for a in n.aliases)],
    ]


def _first_tiers(nodes: list[NodeName], given: str, keyed: str, wanted: str) -> NodeName | None:
    for tier in _tiers(nodes, given, keyed, wanted):
        found = _best(tier)
        if found is not None:
            return found
    return None


def resolve_among(source: Any, kinds: Iterable[str], name: str, noun: str | None = None) -> Resolved:
    """The node ``name`` means among several kinds (e.g. every entity kind), each tried as
    :func:`resolve` does. A name that resolves in more than one kind is an error saying which
    kinds; none is :class:`~graphkit.errors.NotFound` with the closest names of all of them.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Method:graph neural network", label="Method", id="graph neural network",
    ...            name="Graph Neural Networks")
    >>> G.add_node("Task:question answering", label="Task", id="question answering", name="question answering")
    >>> resolve_among(G, ["method", "task"], "GNN").key
    'Method:graph neural network'
    >>> resolve_among(G, ["method", "task"], "question answring", noun="entity")
    Traceback (most recent call last):
    ...
    graphkit.errors.NotFound: no entity named 'question answring'; did you mean: question answering?
    """
    labels = list(dict.fromkeys(label_of(kind) for kind in kinds))
    if len(labels) == 1:
        return resolve(source, labels[0], name)
    found: list[Resolved] = []
    for label in labels:
        try:
            found.append(resolve(source, label, name))
        except NotFound:
            continue
    if len(found) == 1:
        return found[0]
    if found:
        raise GraphkitError(
            f"{name!r} is a {' and a '.join(r.label.lower() for r in found)}; say which with --kind"
        )
    nodes = [n for label in labels for n in names_of(source, label)]
    raise NotFound(f"no {noun or 'node'} named {name!r}{_suggest(nodes, str(name).strip())}")


def _suggest(nodes: list[NodeName], text: str) -> str:
    from rapidfuzz import fuzz, process

    choices = {i: n.name for i, n in enumerate(nodes)}
    close = process.extract(text, choices, scorer=fuzz.WRatio, processor=fold, limit=SUGGESTIONS, score_cutoff=60)
    names = list(dict.fromkeys(match[0] for match in close))
    return f"; did you mean: {', '.join(names)}?" if names else ""


def resolve_key(source: Any, kind: str, name: str) -> str:
    """The node key (``"Label:id"``) that ``name`` resolves to (see :func:`resolve`)."""
    return resolve(source, kind, name).key
