"""The local Neo4j server as users meet it: the Browser in Chromium, the guide, the hardening,
and `graphkit cypher`'s gate and time limit on the real server."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import neo4j
import pytest

from graphkit.query.catalog import catalog_dir, load_queries
from graphkit.query.guide import GUIDE_FILE, example_parameters, guide_html

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ARTIFACTS = REPO / "tests" / "artifacts"
_AUTHOR_STYLE = re.search(r"node\.Author \{([^}]*)\}", (REPO / "cypher" / "graphkit.grass").read_text()).group(1)
AUTHOR_COLOUR = re.search(r"\bcolor: (#[0-9A-Fa-f]{6})", _AUTHOR_STYLE).group(1)
AUTHOR_DIAMETER = float(re.search(r"diameter: ([0-9.]+)px", _AUTHOR_STYLE).group(1))  # the Browser's default: 50


def graphkit(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphkit", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=REPO)


@pytest.fixture(scope="module")
def seeded(neo4j_server):
    """The session's server holding the seed pages, and the environment that reaches it."""
    import os

    env = {**os.environ, "NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    done = graphkit("build", str(SEEDS), "--reset", env=env)
    assert done.returncode == 0, done.stderr
    return neo4j_server, env


# -- the guide --------------------------------------------------------------------------------


class _Slides(HTMLParser):
    """Titles and runnable code of each slide of a guide."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[dict] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if tag == "slide":
            self.slides.append({"title": "", "runnable": []})
        elif tag == "h3":
            self._in = "title"
        elif tag == "pre" and "runnable" in classes.split():
            self._in = "runnable"
            self.slides[-1]["runnable"].append("")

    def handle_endtag(self, tag):
        if tag in ("h3", "pre"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.slides[-1]["title"] += data
        elif self._in == "runnable":
            self.slides[-1]["runnable"][-1] += data


def test_the_committed_guide_is_the_one_the_catalog_gives():
    committed = (catalog_dir() / GUIDE_FILE).read_text(encoding="utf-8")
    assert committed == guide_html(), (
        "cypher/browser-guide.html is stale: run `graphkit browser --write-guide cypher/browser-guide.html`"
    )


def test_the_guide_has_the_style_and_one_runnable_slide_per_stored_query():
    parser = _Slides()
    parser.feed(guide_html())
    first, *rest = parser.slides
    assert first["runnable"][0].startswith(":style node {")
    queries = load_queries()
    assert [s["title"] for s in rest] == list(queries)
    for slide, query in zip(rest, queries.values()):
        *param_lines, cypher = slide["runnable"]
        assert cypher == query.cypher.strip()
        assert [line.split()[1] for line in param_lines] == [p.name for p in query.parameters]
        assert all(re.fullmatch(r':param \w+ => ("[^"]*"|\d+)', line) for line in param_lines), param_lines


def test_every_guide_example_finds_something_on_the_seeds(seeded):
    """The example values are real: each query, run with them on the seed graph, returns rows."""
    server, _ = seeded
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        for query in load_queries().values():
            rows, _, _ = driver.execute_query(query.cypher, example_parameters(query))
            assert rows, f"{query.name} with {example_parameters(query)} returns nothing on the seeds"


# -- hardening ----------------------------------------------------------------------------------


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}


def test_the_server_listens_on_loopback_only(seeded):
    server, _ = seeded
    for port in (server.port, server.http_port):
        addresses = _listening(port)
        assert addresses, f"nothing listens on {port}"
        assert set(addresses) <= LOOPBACK, f"port {port} listens on {addresses}"


def test_the_server_itself_confines_load_csv_to_the_import_folder(seeded):
    """Straight through the driver, past graphkit's own gate: the server's setting is the second wall."""
    server, _ = seeded
    (server.home / "import" / "names.csv").write_text("name\nSijie Mai\n")
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        rows, _, _ = driver.execute_query("LOAD CSV WITH HEADERS FROM 'file:///names.csv' AS row RETURN row.name AS n")
        assert [r["n"] for r in rows] == ["Sijie Mai"]
        for outside in ("file:///etc/passwd", "file:///../../../../etc/passwd", "file:///proc/self/environ"):
            with pytest.raises(neo4j.exceptions.ClientError, match="ExternalResourceFailed|Couldn't load"):
                driver.execute_query(f"LOAD CSV FROM '{outside}' AS line RETURN line LIMIT 1")


def test_the_browser_and_the_guide_are_served_and_the_api_needs_the_password(seeded):
    import urllib.error
    import urllib.request

    server, _ = seeded
    base = f"http://127.0.0.1:{server.http_port}"
    with urllib.request.urlopen(f"{base}/browser/") as page:
        assert b"Neo4j Browser" in page.read()
    with urllib.request.urlopen(f"{base}/graphkit/guide") as page:
        assert page.read().decode() == (catalog_dir() / GUIDE_FILE).read_text(encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(
            f"{base}/db/neo4j/tx/commit", data=b'{"statements":[{"statement":"RETURN 1"}]}',
            headers={"Content-Type": "application/json"}))
    assert refused.value.code == 401


# -- graphkit cypher on Neo4j: the plan gate and the time limit -----------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "LOAD CSV"),
        ("load csv from 'http://127.0.0.1:1/' as l return l", "LOAD CSV"),
        ("CALL { LOAD CSV FROM 'file:///x' AS l RETURN l } RETURN l", "LOAD CSV"),
        ("CALL db.clearQueryCaches()", "schema or the server"),
        ("CALL db.stats.collect('QUERIES')", "procedure db.stats.collect"),
        ("CALL dbms.components()", "schema or the server"),
        ("SHOW TRANSACTIONS", "other clients' queries"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "other clients' work"),
        ("SHOW SETTINGS", "configuration"),
        ("MATCH (a:Author) SET a.name = 'x'", "writes"),
        ("MATCH (a:Author) WITH a LIMIT 1 DETACH DELETE a", "writes"),
        ("UNWIND [1] AS x MERGE (:Author {id: 'x'})", "writes"),
    ],
)
def test_graphkit_cypher_refuses_what_is_not_a_pure_read_before_it_runs(seeded, text, why):
    server, env = seeded
    before = _counts(server)
    done = graphkit("cypher", text, env=env)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert why in done.stderr
    assert _counts(server) == before


def _counts(server) -> tuple[int, int]:
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.username, server.password)) as driver:
        rows, _, _ = driver.execute_query(
            "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r"
        )
        return rows[0]["n"], rows[0]["r"]


def test_graphkit_cypher_runs_reads_schema_procedures_and_aggregates(seeded):
    _, env = seeded
    labels = graphkit("cypher", "CALL db.labels() YIELD label RETURN label ORDER BY label", "--format", "csv", env=env)
    assert labels.returncode == 0, labels.stderr
    assert "Author" in labels.stdout.split()
    count = graphkit("cypher", "MATCH (a:Author {id: $id})-[:AUTHORED]->(p:Paper) RETURN count(p) AS n",
                     "-p", "id", "sijie mai", "--format", "csv", env=env)
    assert count.returncode == 0, count.stderr
    assert int(count.stdout.split()[-1]) > 0


def test_a_runaway_cartesian_product_stops_at_the_timeout_with_one_line(seeded):
    _, env = seeded
    started = time.monotonic()
    done = graphkit("cypher", "MATCH (a), (b), (c) WHERE a.id + b.id + c.id = 'x' RETURN count(*)",
                    "--timeout", "2", env=env)
    elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert "ran longer than 2 s" in done.stderr and "Traceback" not in done.stderr
    assert elapsed < 60, elapsed


def test_a_huge_result_is_cut_at_the_row_limit_without_fetching_the_rest(seeded):
    _, env = seeded
    # about 80 million rows on the seeds: fetched whole it would run into the timeout
    started = time.monotonic()
    done = graphkit("cypher", "MATCH (a), (b), (c) RETURN a.id, b.id, c.id", "--limit", "50", "--format", "csv",
                    "--timeout", "20", env=env)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 51  # the header and 50 rows
    assert "the first 50 rows; the query gives more" in done.stderr
    assert time.monotonic() - started < 20
    exact = graphkit("cypher", "MATCH (v:Venue) RETURN v.id", "--limit", "1000", "--format", "csv", env=env)
    assert exact.returncode == 0 and exact.stderr == ""  # fewer rows than the limit: no line


def test_the_embedded_store_cuts_at_the_row_limit_too(tmp_path):
    store = tmp_path / "store"
    assert graphkit("--store", str(store), "build", str(SEEDS)).returncode == 0
    done = graphkit("--store", str(store), "cypher", "MATCH (a:Author) RETURN a.name", "--limit", "5",
                    "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 6 and "the first 5 rows" in done.stderr
    whole = graphkit("--store", str(store), "cypher", "MATCH (a:Author) RETURN a.name", "--format", "csv")
    assert len(whole.stdout.splitlines()) == 80 and whole.stderr == ""  # 79 authors, under the default 10,000


def test_the_embedded_store_stops_a_long_query_at_the_timeout_too(tmp_path):
    store = tmp_path / "store"
    assert graphkit("--store", str(store), "build", str(SEEDS)).returncode == 0
    done = graphkit("--store", str(store), "cypher",
                    "MATCH (a)-[r1]->(p)<-[r2]-(b)-[r3]->(q)<-[r4]-(c) RETURN a.name, c.name", "--timeout", "1")
    assert done.returncode == 1
    assert "ran longer than 1 s" in done.stderr and "Traceback" not in done.stderr


# -- the Browser in Chromium -------------------------------------------------------------------


@pytest.mark.browser
def test_the_browser_runs_coauthors_from_the_guide_in_graphkit_colours(seeded, browser):
    server, _ = seeded
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server.browser_url}?dbms=bolt://127.0.0.1:{server.port}&preselectAuthMethod=NATIVE")
        page.get_by_test_id("username").fill(server.username, timeout=60_000)
        page.get_by_test_id("password").fill(server.password)
        page.get_by_test_id("connect").click()
        guide = page.get_by_test_id("carousel")  # opened by the server's post-connect :play
        guide.wait_for(timeout=60_000)

        def run(box_text: str) -> None:
            guide.locator("pre.runnable:visible").filter(has_text=box_text).first.click()
            page.get_by_test_id("editor-Run").first.click()
            page.wait_for_timeout(500)

        run(":style")
        for _ in range(len(load_queries()) + 1):
            if guide.locator("h3:visible").first.inner_text() == "coauthors":
                break
            guide.get_by_test_id("nextSlide").click()
        assert guide.locator("h3:visible").first.inner_text() == "coauthors"
        for box in guide.locator("pre.runnable:visible").all():
            box.click()
            page.get_by_test_id("editor-Run").first.click()
            page.wait_for_timeout(500)

        result = page.get_by_test_id("frame").first
        result.get_by_text("Haifeng Hu").first.wait_for(timeout=30_000)
        assert "Ying Zeng" in result.inner_text()

        # the style is applied: an Author drawn in the graph view has graphkit's colour and size
        page.get_by_test_id("activeEditor").click()
        page.keyboard.type("MATCH (a:Author {id: 'sijie mai'}) RETURN a")
        page.get_by_test_id("editor-Run").first.click()
        circle = page.locator("svg circle.b-outline").first
        circle.wait_for(timeout=30_000)
        assert circle.get_attribute("fill").upper() == AUTHOR_COLOUR.upper()
        assert float(circle.get_attribute("r")) == AUTHOR_DIAMETER / 2
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "neo4j-browser-coauthors.png"), full_page=True)
    finally:
        page.close()
