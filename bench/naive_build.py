"""The floor graphkit's build is compared with: a plain networkx script, no normalisation, no store.

    python bench/naive_build.py CORPUS.jsonl.gz [OUT.pickle]

Reads JSON Lines (gzipped or not) and builds the paper-author graph (Paper and Author nodes,
AUTHORED edges with the byline position) and the co-author graph (an edge per pair of authors of a
paper, weighted by their joint papers), then pickles both (to ``OUT`` or to nowhere). Author names
are used as they are written: no name keys, aliases, venues, derived counts or identity.
"""

import gzip
import json
import pickle
import sys
from itertools import combinations

import networkx as nx

corpus = sys.argv[1]
opener = gzip.open if corpus.endswith(".gz") else open
papers = nx.DiGraph()
coauthors = nx.Graph()
with opener(corpus, "rt", encoding="utf-8") as lines:
    for line in lines:
        paper = json.loads(line)
        papers.add_node(paper["id"], label="Paper", title=paper.get("title"), year=paper.get("year"))
        authors = list(dict.fromkeys(paper.get("authors") or []))
        for position, name in enumerate(authors):
            papers.add_node(name, label="Author")
            papers.add_edge(name, paper["id"], position=position)
        for a, b in combinations(authors, 2):
            if coauthors.has_edge(a, b):
                coauthors[a][b]["papers"] += 1
            else:
                coauthors.add_edge(a, b, papers=1)
with open(sys.argv[2] if len(sys.argv) > 2 else "/dev/null", "wb") as out:
    pickle.dump((papers, coauthors), out, protocol=pickle.HIGHEST_PROTOCOL)
print(f"{papers.number_of_nodes()} nodes, {papers.number_of_edges()} AUTHORED, {coauthors.number_of_edges()} pairs")
