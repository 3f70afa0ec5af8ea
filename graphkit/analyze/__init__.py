"""Bibliometric analyses of the co-authorship and topic graph: a graph in, plain results out.

One module per analysis: :mod:`~graphkit.analyze.graphs` (name lookups and the weighted
projections), :mod:`~graphkit.analyze.ranking` (centrality), :mod:`~graphkit.analyze.community`
(Louvain communities), :mod:`~graphkit.analyze.paths` (collaboration paths),
:mod:`~graphkit.analyze.suggest` (collaborator suggestions), :mod:`~graphkit.analyze.trend` (trends).

Every function takes the graph of the README "Graph schema" in its in-memory form (what
:func:`graphkit.load_graph` and ``GraphStore.read_graph()`` return): a ``networkx.MultiDiGraph``
whose node keys are ``"Label:id"`` with attributes ``label``, ``id`` and the properties, and whose
edge keys are the relationship type. Projections (:func:`coauthor_graph`,
:func:`cooccurrence_graph`) are plain weighted ``networkx.Graph`` objects, so every networkx
algorithm applies to them directly.

Examples
--------
A two-paper graph in schema form:

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> for who in ("Ann Lee", "Bo Chen", "Cy Park"):
...     G.add_node(f"Author:{who.lower()}", label="Author", id=who.lower(), name=who)
>>> for pid, year in (("p1", 2020), ("p2", 2021)):
...     G.add_node(f"Paper:{pid}", label="Paper", id=pid, title=f"Paper {pid}", year=year)
>>> G.add_node("Task:parsing", label="Task", id="parsing", name="parsing")
>>> for author, paper in (("ann lee", "p1"), ("bo chen", "p1"), ("bo chen", "p2"), ("cy park", "p2")):
...     _ = G.add_edge(f"Author:{author}", f"Paper:{paper}", key="AUTHORED", type="AUTHORED", position=1)
>>> for paper in ("p1", "p2"):
...     _ = G.add_edge(f"Paper:{paper}", "Task:parsing", key="ADDRESSES", type="ADDRESSES")
>>> C = coauthor_graph(G)
>>> sorted(C.edges(data="weight"))
[('Author:ann lee', 'Author:bo chen', 1), ('Author:bo chen', 'Author:cy park', 1)]
>>> [hop.source for hop in collaboration_path(G, "Ann Lee", "Cy Park")]
['Ann Lee', 'Bo Chen']
"""

from graphkit.analyze.community import Community, Term, communities, detect_communities
from graphkit.analyze.graphs import ENTITY_RELATIONSHIPS, coauthor_graph, cooccurrence_graph, display_name, find_node
from graphkit.analyze.paths import Hop, collaboration_path
from graphkit.analyze.ranking import Centrality, centrality
from graphkit.analyze.suggest import Suggestion, recommend
from graphkit.analyze.trend import Trend, trends

__all__ = [
    "ENTITY_RELATIONSHIPS",
    "coauthor_graph",
    "cooccurrence_graph",
    "find_node",
    "display_name",
    "centrality",
    "communities",
    "detect_communities",
    "collaboration_path",
    "recommend",
    "trends",
    "Centrality",
    "Term",
    "Community",
    "Hop",
    "Suggestion",
    "Trend",
]
