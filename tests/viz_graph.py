"""A hand-built graph in graphkit's in-memory form (README "Graph schema") for the viz tests:
Sijie Mai's neighbourhood as the seed page 002 lists it, plus one hostile record."""

from __future__ import annotations

import itertools

import networkx as nx

from graphkit.keys import author_key, entity_key, paper_id

HOSTILE_TITLE = "</script><script>window.__pwned=1;alert(1)</script> & \"quoted\" 'title'"
HOSTILE_AUTHOR = "<img src=x onerror=\"window.__pwned=1;alert(1)\"> O'Brien"
HOSTILE_METHOD = "\"'><svg onload=alert(1)>"

# (title, year, category, authors, methods, datasets, tasks)
PAPERS = [
    ("Multimodal Information Bottleneck: Learning Minimal Sufficient Unimodal and Multimodal Representations",
     2022, "LG", ["Sijie Mai", "Ying Zeng", "Haifeng Hu"], ["multimodal information bottleneck"],
     ["CMU-MOSI", "CMU-MOSEI"], ["multimodal sentiment analysis", "multimodal emotion recognition"]),
    ("Meta-Learn Unimodal Signals with Weak Supervision for Multimodal Sentiment Analysis",
     2024, "LG", ["Sijie Mai", "Yu Zhao", "Ying Zeng"], ["meta-learning"], ["CMU-MOSI"],
     ["multimodal sentiment analysis"]),
    ("End-to-end Semantic-centric Video-based Multimodal Affective Computing",
     2024, "CV", ["Ronghao Lin", "Ying Zeng", "Sijie Mai"], [], [], ["affective computing"]),
    ("Curriculum Learning Meets Weakly Supervised Modality Correlation Learning",
     2022, "LG", ["Sijie Mai", "Ya Sun", "Haifeng Hu"], ["curriculum learning"], ["CMU-MOSEI"],
     ["multimodal sentiment analysis"]),
    ("Relation-dependent Contrastive Learning with Cluster Sampling for Inductive Relation Prediction",
     2022, "LG", ["Jianfeng Wu", "Sijie Mai", "Haifeng Hu"], ["contrastive learning"], [],
     ["relation prediction"]),
    ("Modality to Modality Translation: An Adversarial Representation Learning and Graph Fusion Network "
     "for Multimodal Fusion", 2019, "CV", ["Sijie Mai", "Haifeng Hu", "Songlong Xing"],
     ["graph fusion network"], ["CMU-MOSI"], ["multimodal fusion"]),
    ("Hybrid Contrastive Learning of Tri-Modal Representation for Multimodal Sentiment Analysis",
     2021, "AI", ["Sijie Mai", "Ying Zeng", "Shuangjia Zheng"], ["contrastive learning"], ["CMU-MOSEI"],
     ["multimodal sentiment analysis"]),
    ("POST: Prior-Observation Adversarial Learning of Spatio-Temporal Associations for Multivariate "
     "Time Series Anomaly Detection", 2025, "AI", ["Suofei Zhang", "Yaxuan Zheng", "Haifeng Hu"],
     ["graph neural network"], [], ["anomaly detection"]),
    (HOSTILE_TITLE, 2023, "CL", [HOSTILE_AUTHOR, "Sijie Mai"], [HOSTILE_METHOD], [], []),
]


def _add_entity(G: nx.MultiDiGraph, label: str, name: str) -> str:
    key = f"{label}:{entity_key(name)}"
    G.add_node(key, label=label, id=entity_key(name), name=name, aliases=[name])
    return key


def sijie_graph() -> nx.MultiDiGraph:
    """The fixture graph (20-odd nodes around Sijie Mai)."""
    G = nx.MultiDiGraph()
    joint: dict[tuple[str, str], int] = {}
    for title, year, category, authors, methods, datasets, tasks in PAPERS:
        abstract = f"We study {title}. Our {methods[0] if methods else 'model'} works well."
        pid = paper_id(title, abstract)
        paper = f"Paper:{pid}"
        G.add_node(paper, label="Paper", id=pid, title=title, abstract=abstract, year=year,
                   category=category, source="seeds/002_195db768c23b6a54.txt")
        G.add_node(f"Category:{category}", label="Category", id=category, name=category)
        G.add_edge(paper, f"Category:{category}", key="IN_CATEGORY", type="IN_CATEGORY")
        keys = []
        for position, name in enumerate(authors, start=1):
            author = f"Author:{author_key(name)}"
            keys.append(author)
            G.add_node(author, label="Author", id=author_key(name), name=name, aliases=[name])
            G.add_edge(author, paper, key="AUTHORED", type="AUTHORED", position=position)
        for a, b in itertools.combinations(sorted(keys), 2):
            joint[a, b] = joint.get((a, b), 0) + 1
        for kind, label, names in (("USES", "Method", methods), ("EVALUATED_ON", "Dataset", datasets),
                                   ("ADDRESSES", "Task", tasks)):
            for name in names:
                node = _add_entity(G, label, name)
                sentence = f"Our {methods[0] if methods else 'model'} works well."
                start = abstract.index(sentence)
                G.add_edge(paper, node, key=kind, type=kind, sentence=sentence,
                           start=start + 4, end=start + 4 + len(methods[0]) if methods else start + 9,
                           rule="fixture")
    for (a, b), papers in joint.items():
        G.add_edge(a, b, key="COAUTHOR", type="COAUTHOR", papers=papers)
    hu = f"Author:{author_key('Haifeng Hu')}"
    G.nodes[hu].update(h_index=21, citations=1942, paper_count=35)
    return G
