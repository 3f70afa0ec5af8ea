"""graphkit.viz.subgraph and graphkit.viz.page without a browser: what a page holds and what it leaves out."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from viz_graph import HOSTILE_AUTHOR, HOSTILE_METHOD, HOSTILE_TITLE, sijie_graph

from graphkit.errors import GraphkitError, NotFound
from graphkit.keys import author_key
from graphkit.viz import default_filename, limit_nodes, render
from graphkit.viz.subgraph import ego, find_node, top_by_degree

SIJIE = f"Author:{author_key('Sijie Mai')}"


@pytest.fixture(scope="module")
def graph():
    return sijie_graph()


def labels(H):
    return sorted(a["label"] for _, a in H.nodes(data=True))


def names(H, label):
    return sorted(a.get("name") or a.get("title") for _, a in H.nodes(data=True) if a["label"] == label)


class _Page(HTMLParser):
    """Tags with src/href, and the text of each <script>, from a rendered page."""

    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.tags, self._in_script = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        self.links += [attrs[k] for k in ("src", "href") if attrs.get(k) is not None]
        if tag == "script":
            self._in_script = {"type": attrs.get("type"), "text": ""}

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append(self._in_script)
            self._in_script = None


def parse_page(html: str) -> _Page:
    page = _Page()
    page.convert_charrefs = False
    page.feed(html)
    return page


class TestEgo:
    def test_author_neighbourhood_holds_their_papers_coauthors_and_topics(self, graph):
        H = ego(graph, "author", "Sijie Mai")
        assert H.graph["center"] == SIJIE
        assert len(names(H, "Paper")) == 8  # the POST paper is Haifeng Hu's, not Sijie Mai's
        assert not any("POST" in t for t in names(H, "Paper"))
        assert "Suofei Zhang" not in names(H, "Author")
        assert {"Ying Zeng", "Haifeng Hu", "Ronghao Lin", "Songlong Xing"} <= set(names(H, "Author"))
        assert {"multimodal sentiment analysis", "multimodal fusion"} <= set(names(H, "Task"))
        assert names(H, "Dataset") == ["CMU-MOSEI", "CMU-MOSI"]
        # COAUTHOR edges between the authors shown come along with their joint-paper counts
        assert H.get_edge_data(f"Author:{author_key('Haifeng Hu')}", SIJIE)["COAUTHOR"]["papers"] == 4

    def test_any_spelling_of_the_name_finds_the_author(self, graph):
        assert find_node(graph, "author", "  MAI, Sijie ") == SIJIE
        assert find_node(graph, "Author", "sijie   mai") == SIJIE

    def test_paper_by_title_or_id(self, graph):
        node = find_node(graph, "paper", "curriculum learning meets weakly-supervised modality correlation learning")
        assert graph.nodes[node]["year"] == 2022
        assert find_node(graph, "paper", graph.nodes[node]["id"]) == node

    def test_depth_zero_is_the_subject_alone(self, graph):
        assert list(ego(graph, "author", "Sijie Mai", depth=0)) == [SIJIE]

    def test_depth_two_reaches_coauthors_other_papers_but_not_through_categories(self, graph):
        H = ego(graph, "author", "Sijie Mai", depth=2)
        assert any("POST" in t for t in names(H, "Paper"))  # Haifeng Hu's paper, via Haifeng Hu
        # POST shares only the category "AI" with Sijie Mai's papers otherwise: reached via its author
        only_via_category = ego(graph, "task", "relation prediction", depth=1)
        assert not any("POST" in t for t in names(only_via_category, "Paper"))

    def test_since_leaves_out_older_papers_and_who_came_only_with_them(self, graph):
        H = ego(graph, "author", "Sijie Mai", since=2023)
        years = sorted(a["year"] for _, a in H.nodes(data=True) if a["label"] == "Paper")
        assert years == [2023, 2024, 2024]
        assert "Songlong Xing" not in names(H, "Author")  # only a 2019 paper with Sijie Mai
        assert "Ronghao Lin" in names(H, "Author")

    def test_types_keeps_only_those_kinds_that_stay_linked(self, graph):
        H = ego(graph, "author", "Sijie Mai", types="author")
        assert set(labels(H)) == {"Author"}
        assert {d["type"] for _, _, d in H.edges(data=True)} == {"COAUTHOR"}
        # methods link to papers only, so without papers they would float alone: dropped
        assert labels(ego(graph, "author", "Sijie Mai", types=["author", "method"])) == labels(H)

    def test_method_neighbourhood(self, graph):
        H = ego(graph, "method", "Contrastive Learning")
        assert len(names(H, "Paper")) == 2
        assert "Jianfeng Wu" in names(H, "Author")

    def test_unknown_name_suggests_close_matches(self, graph):
        with pytest.raises(NotFound, match=r"no author named 'Sijie Mei'; did you mean: .*Sijie Mai"):
            ego(graph, "author", "Sijie Mei")
        with pytest.raises(NotFound, match="did you mean: CMU-MOSI"):
            ego(graph, "dataset", "CMU MOSY")

    def test_unknown_kind_and_type_are_user_errors(self, graph):
        with pytest.raises(GraphkitError, match="unknown kind 'person'"):
            ego(graph, "person", "Sijie Mai")
        with pytest.raises(GraphkitError, match="unknown node type 'people'"):
            ego(graph, "author", "Sijie Mai", types="people")

    def test_max_nodes_keeps_the_subject_and_counts_what_is_left_out(self, graph):
        full = ego(graph, "author", "Sijie Mai")
        H = ego(graph, "author", "Sijie Mai", max_nodes=10)
        assert SIJIE in H and H.number_of_nodes() <= 10
        assert H.graph["omitted"]["nodes"] == full.number_of_nodes() - H.number_of_nodes()
        assert H.graph["omitted"]["edges"] == full.number_of_edges() - H.number_of_edges()


class TestTopByDegree:
    def test_top_n_are_the_best_connected(self, graph):
        H = top_by_degree(graph, 5)
        degree = dict(graph.degree())
        threshold = sorted(degree.values(), reverse=True)[4]
        assert all(degree[n] >= threshold for n in H)
        assert SIJIE in H
        assert H.graph["omitted"]["nodes"] == graph.number_of_nodes() - H.number_of_nodes()

    def test_whole_graph_when_no_top(self, graph):
        H = top_by_degree(graph, None)
        assert H.number_of_nodes() == graph.number_of_nodes()
        assert H.graph["omitted"] == {"nodes": 0, "edges": 0}


@pytest.fixture(scope="module")
def page(graph, tmp_path_factory):
    H = ego(graph, "author", "Sijie Mai")
    path = render(H, tmp_path_factory.mktemp("viz") / "sijie-mai.html")
    return H, path.read_text(encoding="utf-8")


class TestRender:
    def test_data_block_holds_every_node_and_edge(self, page):
        H, html = page
        blocks = [s for s in parse_page(html).scripts if s["type"] == "application/json"]
        data = json.loads(blocks[0]["text"])
        assert len(data["nodes"]) == H.number_of_nodes()
        pairs = {frozenset((u, v)) for u, v in H.edges()}
        assert len(data["edges"]) == len(pairs)
        center = [n for n in data["nodes"] if n.get("center")]
        assert [n["full"] for n in center] == ["Sijie Mai"]
        coauthor = [e for e in data["edges"] if e["kind"] == "COAUTHOR"]
        assert max(e["value"] for e in coauthor) == 4  # width by joint papers

    def test_page_loads_nothing_from_outside(self, page):
        _, html = page
        parsed = parse_page(html)
        assert all(link.startswith("data:") for link in parsed.links), parsed.links
        assert "<link rel=\"stylesheet\"" not in html
        assert not re.search(r"""<(script|img|iframe|link)[^>]+(src|href)=["']?(https?:)?//""", html)

    def test_csp_allows_exactly_the_inline_scripts(self, page):
        _, html = page
        parsed = parse_page(html)
        csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        runnable = [s["text"] for s in parsed.scripts if s["type"] is None]
        assert len(runnable) == 2
        for text in runnable:
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp
        assert "connect-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]

    def test_hostile_text_is_escaped_everywhere(self, page):
        _, html = page
        for text in (HOSTILE_TITLE, HOSTILE_AUTHOR, HOSTILE_METHOD):
            assert text not in html
        assert "<img" not in html and "<svg" not in html
        parsed = parse_page(html)
        assert parsed.tags.count("script") == 3  # the JSON block, vis-network, graphkit's script
        data = json.loads(next(s["text"] for s in parsed.scripts if s["type"] == "application/json"))
        assert HOSTILE_TITLE in {n["full"] for n in data["nodes"]}  # still there, as data

    def test_title_and_summary(self, page):
        H, html = page
        assert "<title>Author: Sijie Mai</title>" in html
        assert f"{H.number_of_nodes()} nodes" in html and "8 papers (2019–2024)" in html

    def test_big_graph_is_cut_and_says_so(self, graph, tmp_path):
        H = top_by_degree(graph, None)
        path = render(H, tmp_path / "graph.html", max_nodes=12)
        html = path.read_text(encoding="utf-8")
        data = json.loads(next(s["text"] for s in parse_page(html).scripts if s["type"] == "application/json"))
        assert len(data["nodes"]) <= 12
        cut = limit_nodes(H, 12)
        assert f"{cut.graph['omitted']['nodes']} nodes and" in html and "left out" in html
        assert data["options"]["physics"]["enabled"] is True  # small: settle, then physics stops

    def test_not_html_suffix_is_refused(self, graph, tmp_path):
        with pytest.raises(GraphkitError, match=r"\.html"):
            render(ego(graph, "author", "Sijie Mai"), tmp_path / "page.htm")


@pytest.mark.parametrize(
    "subject,expected",
    [("Sijie Mai", "sijie-mai.html"), ("Jörg Tiedemann", "jörg-tiedemann.html"), ("../../etc", "etc.html")],
)
def test_default_filename(subject, expected):
    assert default_filename(subject) == expected
