"""A small hand-built graph in the README schema, for the catalog tests.

Modelled on the seed pages (Haifeng Hu's profile, Sijie Mai's papers, the AR-LDM listing), plus
papers and names meant to break careless query code: quotes, backslashes, braces, Cypher keywords,
``}) DETACH DELETE n //``, non-ASCII names, an untitled paper and papers without a year.

``catalog_graph()`` returns a :class:`graphkit.model.Graph` (what ``build`` hands a store), so the same
graph can be written to Neo4j; ``as_multidigraph`` turns it into graphkit's in-memory networkx form.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from graphkit.keys import author_key, entity_key, paper_id
from graphkit.model import Graph, Node, Relationship, node_key

HOSTILE_AUTHOR = '}) DETACH DELETE n //'
QUOTED_AUTHOR = "Seán O'Brien \"Bob\" \\ {x}"
UNICODE_AUTHOR = "Zoë Ærøskøbing-李"
HOSTILE_TITLE = "Robert'); MATCH (n) DETACH DELETE n;-- \"quoted\" \\backslash {braces} `ticks`"
HOSTILE_METHOD = "}) DETACH DELETE n //"
KEYWORD_DATASET = "MATCH (n) RETURN n"
UNICODE_TASK = "多模态 情感分析"

# (title, year, authors, {relation: [(label, entity name, sentence)]}) -- sentences are made up but plausible
PAPERS = [
    (
        "Multimodal Information Bottleneck: Learning Minimal Sufficient Unimodal and Multimodal Representations",
        2022,
        ["Sijie Mai", "Ying Zeng", "Haifeng Hu"],
        {
            "PROPOSES": [
                (
                    "Method",
                    "multimodal information bottleneck",
                    "we introduce the multimodal information bottleneck (MIB)",
                )
            ],
            "USES": [("Method", "information bottleneck", "inheriting from the general information bottleneck (IB)")],
            "ADDRESSES": [
                ("Task", "multimodal sentiment analysis", "on the tasks of multimodal sentiment analysis"),
                ("Task", "multimodal emotion recognition", "and multimodal emotion recognition"),
            ],
            "EVALUATED_ON": [
                ("Dataset", "CMU-MOSI", "on CMU-MOSI and CMU-MOSEI"),
                ("Dataset", "CMU-MOSEI", "on CMU-MOSI and CMU-MOSEI"),
            ],
            "MENTIONS": [("Venue", "ACL", "accepted at ACL")],
        },
    ),
    (
        "POST: Prior-Observation Adversarial Learning of Spatio-Temporal Associations for Multivariate Time Series "
        "Anomaly Detection",
        None,
        ["Suofei Zhang", "Yaxuan Zheng", "Haifeng Hu"],
        {
            "USES": [("Method", "graph neural network", "integrating Graph Neural Networks (GNNs)")],
            "ADDRESSES": [
                (
                    "Task",
                    "multivariate time series anomaly detection",
                    "Multivariate Time Series Anomaly Detection (MTSAD)",
                )
            ],
        },
    ),
    (
        "Multimodal Contrastive Learning via Uni-Modal Coding and Cross-Modal Prediction for Multimodal Sentiment "
        "Analysis",
        2022,
        ["Ronghao Lin", "Haifeng Hu"],
        {
            "PROPOSES": [("Method", "multimodal contrastive learning", "named MultiModal Contrastive Learning (MMCL)")],
            "USES": [("Method", "contrastive learning", "contrastive learning has been successfully applied")],
            "ADDRESSES": [("Task", "multimodal sentiment analysis", "for Multimodal Sentiment Analysis")],
            "EVALUATED_ON": [("Dataset", "CMU-MOSI", "two public datasets CMU-MOSI and CMU-MOSEI")],
            "PUBLISHED_IN": [("Venue", "ACL", None)],
        },
    ),
    (
        "Meta-Learn Unimodal Signals with Weak Supervision for Multimodal Sentiment Analysis",
        2024,
        ["Sijie Mai", "Yu Zhao", "Ying Zeng"],
        {
            "PROPOSES": [("Method", "meta uni-label generation", "a novel meta uni-label generation (MUG) framework")],
            "USES": [
                ("Method", "contrastive learning", "a contrastive-based projection module"),
                ("Method", "meta uni-label generation", "MUG outperforms competitive baselines"),
            ],
            "ADDRESSES": [("Task", "multimodal sentiment analysis", "Multimodal sentiment analysis aims to")],
            "EVALUATED_ON": [("Dataset", "CMU-MOSEI", "experiments on CMU-MOSEI")],
            "PUBLISHED_IN": [("Venue", "ACL", None)],
            "MENTIONS": [("Venue", "ACL", "as in ACL 2023")],
        },
    ),
    (
        "End-to-end Semantic-centric Video-based Multimodal Affective Computing",
        2024,
        ["Ronghao Lin", "Ying Zeng", "Sijie Mai"],
        {
            "USES": [("Method", "transformer", "employ pre-trained Transformer model")],
            "ADDRESSES": [("Task", "multimodal affective computing", "Multimodal Affective Computing (MAC)")],
        },
    ),
    (
        "Curriculum Learning Meets Weakly Supervised Modality Correlation Learning",
        2022,
        ["Sijie Mai", "Ya Sun", "Haifeng Hu"],
        {
            "USES": [("Method", "curriculum learning", "we inject curriculum learning")],
            "ADDRESSES": [
                ("Task", "multimodal sentiment analysis", "In the field of multimodal sentiment analysis (MSA)")
            ],
        },
    ),
    (
        "Relation-dependent Contrastive Learning with Cluster Sampling for Inductive Relation Prediction",
        2022,
        ["Jianfeng Wu", "Sijie Mai", "Haifeng Hu"],
        {
            "PROPOSES": [
                (
                    "Method",
                    "relation-dependent contrastive learning",
                    "we introduce Relation-dependent Contrastive Learning (ReCoLe)",
                )
            ],
            "USES": [
                ("Method", "contrastive learning", "adapts contrastive learning"),
                ("Method", "graph neural network", "a pre-trained GNN-based encoder"),
            ],
            "ADDRESSES": [("Task", "inductive relation prediction", "for inductive relation prediction")],
        },
    ),
    (
        "Addressing Missing and Noisy Modalities in One Solution: Unified Modality-Quality Framework for "
        "Low-quality Multimodal Data",
        None,
        ["Sijie Mai", "Shiqin Han", "Haifeng Hu"],
        {
            "PROPOSES": [("Method", "unified modality-quality", "propose a unified modality-quality (UMQ) framework")],
            "USES": [("Method", "mixture of experts", "a quality-aware mixture-of-experts module")],
            "ADDRESSES": [("Task", "multimodal affective computing", "for multimodal affective computing")],
        },
    ),
    (
        "Synthesizing Coherent Story with Auto-Regressive Latent Diffusion Models",
        2022,
        ["Xichen Pan", "Pengda Qin", "Yuhong Li"],
        {
            "PROPOSES": [("Method", "AR-LDM", "propose AR-LDM, a latent diffusion model")],
            "USES": [
                ("Method", "latent diffusion model", "a latent diffusion model auto-regressively conditioned"),
                ("Method", "transformer", "a Transformer text encoder"),
            ],
            "ADDRESSES": [("Task", "story visualization", "story visualization and continuation tasks")],
            "EVALUATED_ON": [
                ("Dataset", "PororoSV", "on PororoSV, FlintstonesSV"),
                ("Dataset", "FlintstonesSV", "on PororoSV, FlintstonesSV"),
            ],
            "PUBLISHED_IN": [("Venue", "WACV", None)],
            "MENTIONS": [("Venue", "CVPR", "unlike prior CVPR work")],
        },
    ),
    (
        "Graph Learning for Multimodal Time Series",
        2021,
        ["Suofei Zhang", "Ying Zeng"],
        {"USES": [("Method", "graph neural network", "a graph neural network over sensors")]},
    ),
    (
        HOSTILE_TITLE,
        2023,
        [HOSTILE_AUTHOR, QUOTED_AUTHOR, UNICODE_AUTHOR, "Xichen Pan"],
        {
            "PROPOSES": [("Method", HOSTILE_METHOD, "we propose }) DETACH DELETE n // here")],
            "USES": [("Method", "transformer", "with a Transformer")],
            "EVALUATED_ON": [("Dataset", KEYWORD_DATASET, "on MATCH (n) RETURN n")],
            "ADDRESSES": [("Task", UNICODE_TASK, "for 多模态 情感分析")],
            "PUBLISHED_IN": [("Venue", "ACL", None)],
        },
    ),
    ("A Solitary Note on Nothing in Particular", 2020, ["Ada Lone"], {}),
    (
        None,  # an untitled record: id from the abstract, no title property
        2023,
        ["Yu Zhao", "Pengda Qin"],
        {"USES": [("Method", "transformer", "a transformer encoder")]},
    ),
]


def catalog_graph() -> Graph:
    """The test graph as build hands it to a store (COAUTHOR counted from the author lists)."""
    nodes: dict[tuple[str, str], Node] = {}
    relationships: list[Relationship] = []

    def add(label: str, id: str, **properties) -> tuple[str, str]:
        nodes.setdefault((label, id), Node(label, id, {k: v for k, v in properties.items() if v is not None}))
        return (label, id)

    joint: Counter = Counter()
    for index, (title, year, authors, mentions) in enumerate(PAPERS):
        abstract = f"Abstract number {index}: " + " ".join(s for rels in mentions.values() for _, _, s in rels if s)
        paper = add("Paper", paper_id(title, abstract), title=title, abstract=abstract, year=year,
                    category="CL" if index % 2 else "LG", has_code=index % 3 == 0, source="tests")
        keys = []
        for position, name in enumerate(authors, 1):
            author = add("Author", author_key(name), name=name, aliases=[name])
            keys.append(author[1])
            relationships.append(Relationship("AUTHORED", author, paper, {"position": position}))
        for first, second in combinations(sorted(keys), 2):
            joint[first, second] += 1
        for relation, targets in mentions.items():
            for label, name, sentence in targets:
                entity = add(label, entity_key(name), name=name, aliases=[name])
                properties = {}
                if sentence is not None:
                    start = abstract.index(sentence)
                    properties = {
                        "sentence": sentence,
                        "start": start,
                        "end": start + len(sentence),
                        "rule": f"test:{label.lower()}",
                    }
                relationships.append(Relationship(relation, paper, entity, properties))
    for (first, second), papers in sorted(joint.items()):
        relationships.append(Relationship("COAUTHOR", ("Author", first), ("Author", second), {"papers": papers}))
    haifeng = nodes["Author", "haifeng hu"]
    haifeng.properties.update(h_index=21, citations=1942, paper_count=35)
    return Graph(nodes=list(nodes.values()), relationships=relationships)


def as_multidigraph(graph: Graph) -> nx.MultiDiGraph:
    """graphkit's in-memory form (README "Graph schema"): node key "Label:id", edge key = type."""
    result = nx.MultiDiGraph()
    for node in graph.nodes:
        result.add_node(node.key, label=node.label, id=node.id, **node.properties)
    for rel in graph.relationships:
        result.add_edge(node_key(*rel.start), node_key(*rel.end), key=rel.type, type=rel.type, **rel.properties)
    return result
