"""The viz page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from viz_graph import HOSTILE_AUTHOR, HOSTILE_METHOD, HOSTILE_TITLE

from graphkit import load_graph
from graphkit.cli import cli
from graphkit.viz import render
from graphkit.viz.subgraph import ego

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

pytestmark = pytest.mark.browser

class Visit:
    """One page load with everything the page did recorded."""

    def __init__(self, browser, path: Path):
        self.path = path
        self.console, self.errors, self.requests, self.dialogs = [], [], [], []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => window.graphkit && window.graphkit.ready", timeout=20_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_node(self, node_id: int) -> None:
        point = self.js(
            "id => network.canvasToDOM(network.getPositions([id])[id])", node_id
        )
        box = self.page.locator("#mynetwork").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        self.page.wait_for_timeout(200)


@pytest.fixture(scope="module")
def sijie(tmp_path_factory):
    """Sijie Mai's page from the store built from seeds/ plus one hostile JSON Lines record."""
    folder = tmp_path_factory.mktemp("viz")
    hostile = folder / "hostile.jsonl"
    record = {"title": HOSTILE_TITLE, "authors": [HOSTILE_AUTHOR, "Sijie Mai"], "year": 2023,
              "venue": HOSTILE_METHOD, "abstract": f"We show {HOSTILE_TITLE} </script> <b>bold</b>."}
    hostile.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = folder / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "build", str(SEEDS), str(hostile)])
    assert result.exit_code == 0, result.output
    H = ego(load_graph(store), "author", "Sijie Mai")
    return H, render(H, folder / "sijie-mai.html")


@pytest.fixture(scope="module")
def visit(browser, sijie):
    v = Visit(browser, sijie[1])
    yield v
    v.page.close()


def test_canvas_shows_every_node(visit, sijie):
    H, _ = sijie
    assert visit.js("network.body.data.nodes.length") == H.number_of_nodes()
    assert visit.js("network.body.data.edges.length") == len({frozenset(e) for e in H.edges()})
    assert visit.js("Object.keys(network.getPositions()).length") == H.number_of_nodes()
    assert visit.page.locator("#mynetwork canvas").count() == 1


def test_drawing_is_not_blank(visit, tmp_path):
    visit.page.screenshot(path=str(tmp_path / "sijie-mai.png"))
    stats = visit.js(
        """() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0, sum = 0, sq = 0;
            for (let i = 0; i < d.length; i += 16) {
                const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
                const v = d[i + 3] ? y : 255;  // transparent canvas shows the white page
                n++; sum += v; sq += v * v;
            }
            const mean = sum / n;
            return {mean: mean, variance: sq / n - mean * mean};
        }"""
    )
    assert stats["variance"] > 50, stats
    assert (tmp_path / "sijie-mai.png").stat().st_size > 20_000


def test_no_console_errors_and_no_requests(visit):
    assert visit.errors == []
    assert [m for m in visit.console if m[0] in ("error", "warning")] == []
    assert visit.requests == [visit.path.resolve().as_uri()]


def test_hostile_record_runs_no_script(visit):
    # every tooltip built and the hostile author's shown: still no script, element or request
    tips = visit.js(
        "network.body.data.nodes.get().map(n => graphkit.tooltip(graphkit.tips.nodes[n.id]).textContent).join('\\n')"
    )
    assert HOSTILE_TITLE in tips and HOSTILE_AUTHOR in tips
    hostile = visit.js("t => network.body.data.nodes.get().find(n => n.full === t).id", HOSTILE_AUTHOR)
    point = visit.js("id => network.canvasToDOM(network.getPositions([id])[id])", hostile)
    box = visit.page.locator("#mynetwork").bounding_box()
    visit.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = visit.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    assert HOSTILE_AUTHOR in tooltip.inner_text() and HOSTILE_TITLE in tooltip.inner_text()
    visit.page.wait_for_timeout(300)
    assert visit.dialogs == []
    assert visit.js("window.__pwned") is None
    assert visit.js("document.querySelectorAll('img, svg, iframe, object, embed, b').length") == 0
    assert visit.js("document.scripts.length") == 3
    assert visit.requests == [visit.path.resolve().as_uri()]
    options = visit.js("Array.from(document.querySelectorAll('#names option')).map(o => o.value)")
    assert HOSTILE_TITLE in options and HOSTILE_AUTHOR in options
    visit.page.mouse.move(1, 1)


def test_hover_shows_tooltip_with_papers(visit):
    hu = visit.js("network.body.data.nodes.get().find(n => n.full === 'Haifeng Hu').id")
    point = visit.js("id => network.canvasToDOM(network.getPositions([id])[id])", hu)
    box = visit.page.locator("#mynetwork").bounding_box()
    visit.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = visit.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=3000)
    text = tooltip.inner_text()
    assert "Haifeng Hu" in text and "h-index 21" in text and "Curriculum Learning" in text
    visit.page.mouse.move(1, 1)


def test_extracted_link_tooltip_quotes_the_evidence(visit):
    edge = visit.js("() => network.body.data.edges.get().find(e => /USES|PROPOSES|ADDRESSES/.test(e.kind)).id")
    tip = visit.js("id => { const t = graphkit.tooltip(graphkit.tips.edges[id]); "
                   "return {text: t.textContent, mark: (t.querySelector('mark') || {}).textContent}; }", edge)
    assert tip["mark"] and tip["mark"] in tip["text"]  # the mention, marked inside its sentence
    assert "found by rule" in tip["text"]


def test_click_highlights_the_neighbourhood(visit):
    center = visit.js("network.body.data.nodes.get().find(n => n.center).id")
    ytz = visit.js("network.body.data.nodes.get().find(n => n.full === 'Suofei Zhang')")
    assert ytz is None  # not a co-author: not on the page at all
    leaf = visit.js(  # a node not linked to the subject, e.g. a category
        "c => network.body.data.nodes.get().find(n => n.id !== c && !network.getConnectedNodes(n.id).includes(c)).id",
        center,
    )
    visit.click_node(leaf)
    neighbours = set(visit.js("id => network.getConnectedNodes(id)", leaf))
    faded = visit.js(
        "() => network.body.data.nodes.get().filter(n => typeof n.color === 'string').map(n => n.id)"
    )
    assert center in faded and not neighbours & set(faded) and leaf not in faded
    visit.page.click("#reset")
    assert visit.js("network.body.data.nodes.get().filter(n => typeof n.color === 'string').length") == 0


def test_type_filter_hides_and_shows_a_kind(visit):
    papers = visit.js("network.body.data.nodes.get().filter(n => n.kind === 'Paper').length")
    visit.page.locator("#legend input[data-kind='Paper']").uncheck()
    hidden = visit.js("network.body.data.nodes.get().filter(n => n.hidden).map(n => n.kind)")
    assert hidden == ["Paper"] * papers
    visit.page.locator("#legend input[data-kind='Paper']").check()
    assert visit.js("network.body.data.nodes.get().filter(n => n.hidden).length") == 0


def test_search_selects_and_highlights(visit):
    visit.page.fill("#search", "Ying Zeng")
    visit.page.press("#search", "Enter")
    visit.page.wait_for_timeout(500)
    selected = visit.js("network.getSelectedNodes()")
    assert visit.js("ids => network.body.data.nodes.get(ids).map(n => n.full)", selected) == ["Ying Zeng"]
    visit.page.click("#reset")


# -- a big neighbourhood, papers folded --------------------------------------------------------------


def _prolific_listing(path: Path) -> Path:
    """'Prolific Person' with 240 papers written with four separate groups of co-authors, each group
    with its own method: a neighbourhood of 700+ nodes, drawn folded by default."""
    lines = []
    for i in range(240):
        group = i % 4
        authors = ["Prolific Person", f"Group{group} Lead", f"Member{i} Group{group}"]
        lines.append(json.dumps({"title": f"Study {i} of topic {group}", "authors": authors, "year": 2010 + i % 12,
                                 "abstract": f"We study problem {i}."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def folded_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("folded")
    store = folder / "store"
    listing = _prolific_listing(folder / "prolific.jsonl")
    built = CliRunner().invoke(cli, ["--store", str(store), "build", "--no-extract", str(listing)])
    assert built.exit_code == 0, built.output
    page = folder / "prolific.html"
    drawn = CliRunner().invoke(cli, ["--store", str(store), "viz", "author", "prolific person", "-o", str(page)])
    assert drawn.exit_code == 0, drawn.output
    return page


def test_a_big_neighbourhood_is_drawn_folded_with_groups_coloured(browser, folded_page):
    from graphkit.viz.style import CLUSTER_COLORS, LABEL_COLORS

    visit = Visit(browser, folded_page)
    try:
        nodes = visit.js("network.body.data.nodes.get().map(n => ({kind: n.kind, full: n.full, label: n.label, "
                         "center: !!n.center, cluster: n.cluster, color: n.baseColor}))")
        assert not [n for n in nodes if n["kind"] == "Paper"]  # the 240 papers are folded into links
        subject = [n for n in nodes if n["center"]]
        assert [n["full"] for n in subject] == ["Prolific Person"] and subject[0]["label"]
        leads = {n["full"]: n for n in nodes if n["full"] and n["full"].endswith(" Lead")}
        assert len({leads[f"Group{g} Lead"]["cluster"] for g in range(4)}) == 4  # four groups, four colours
        assert {leads[f"Group{g} Lead"]["color"]["background"] for g in range(4)} <= set(CLUSTER_COLORS)
        assert LABEL_COLORS["Author"] not in {leads[f"Group{g} Lead"]["color"]["background"] for g in range(4)}
        # the subject's link to a group lead is as wide as the papers they wrote together
        widths = visit.js("() => { const c = network.body.data.nodes.get().find(n => n.center).id;"
                          " return network.body.data.edges.get().filter(e => e.from === c || e.to === c)"
                          ".map(e => e.value || 1); }")
        assert max(widths) == 60
        assert "papers folded" in visit.page.content()
        # names always shown: the subject's, then the biggest others (the group leads, 60 papers each)
        pinned = visit.js("network.body.data.nodes.get().filter(n => n.pin).map(n => n.full)")
        assert "Prolific Person" in pinned and {f"Group{g} Lead" for g in range(4)} <= set(pinned)
        assert visit.errors == []
        artifacts = Path(__file__).resolve().parent / "artifacts"
        artifacts.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(artifacts / "viz-folded-prolific.png"))
    finally:
        visit.page.close()


def test_papers_flag_draws_the_papers(tmp_path):
    store = tmp_path / "store"
    listing = _prolific_listing(tmp_path / "prolific.jsonl")
    assert CliRunner().invoke(cli, ["--store", str(store), "build", "--no-extract", str(listing)]).exit_code == 0
    page = tmp_path / "p.html"
    result = CliRunner().invoke(cli, ["--store", str(store), "viz", "author", "Prolific Person", "--papers",
                                      "--max-nodes", "400", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert '"kind": "Paper"' in page.read_text(encoding="utf-8")
    small = tmp_path / "small.html"
    result = CliRunner().invoke(cli, ["--store", str(store), "viz", "author", "Group1 Lead", "--fold-papers",
                                      "-o", str(small)])
    assert result.exit_code == 0, result.output
    assert '"kind": "Paper"' not in small.read_text(encoding="utf-8")
