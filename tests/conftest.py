"""Shared pytest fixtures. Keep one section per area.

Neo4j: ``neo4j_server`` starts the local Neo4j 5.26 (``scripts/neo4j-local``) once per test run on a
free port with a throw-away data folder; ``neo4j_store`` gives each test an empty store on it.
The server gives up waiting for a lock after ``LocalNeo4j.lock_timeout`` (a
``Neo.TransientError.Transaction.LockAcquisitionTimeout``, which the store retries): Community
Neo4j cannot change that setting at run time, and it lets a test provoke a real transient error
(and keeps a leaked lock from hanging the run).
When the server cannot start, Neo4j tests are skipped with the reason, or fail when
``GRAPHKIT_REQUIRE_SERVICES=1`` (CI).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def services_required() -> bool:
    """True when a missing service must fail the run instead of skipping (CI)."""
    return os.environ.get("GRAPHKIT_REQUIRE_SERVICES") == "1"


def service_missing(reason: str):
    """Skip, or fail under GRAPHKIT_REQUIRE_SERVICES=1."""
    if services_required():
        pytest.fail(f"{reason} (GRAPHKIT_REQUIRE_SERVICES=1, so this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under GRAPHKIT_REQUIRE_SERVICES=1 a Neo4j or browser test never passes by skipping, whatever
    skipped it (a fixture, a marker, an import): the skip is reported as a failure."""
    report = yield
    needs_a_service = any(item.get_closest_marker(name) for name in ("neo4j", "browser"))
    if report.skipped and needs_a_service and services_required():
        report.outcome = "failed"
        report.longrepr = f"skipped under GRAPHKIT_REQUIRE_SERVICES=1: {report.longrepr}"
    return report


# ---------------------------------------------------------------------------------------------
# Neo4j


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalNeo4j:
    """A local Neo4j started by ``scripts/neo4j-local`` for this test run."""

    home: Path
    port: int
    password: str
    http_port: int = 0
    username: str = "neo4j"
    lock_timeout: str = "1s"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    def _script(self, command: str, timeout: float = 300) -> subprocess.CompletedProcess:
        env = {**os.environ, "NEO4J_PASSWORD": self.password, "NEO4J_LOCK_TIMEOUT": self.lock_timeout}
        return subprocess.run(
            [str(REPO / "scripts" / "neo4j-local"), command, "--home", str(self.home), "--port", str(self.port),
             "--http-port", str(self.http_port)],
            env=env, capture_output=True, text=True, timeout=timeout,
        )

    def start(self) -> None:
        done = self._script("start")
        if done.returncode != 0:
            raise RuntimeError(f"scripts/neo4j-local start failed: {done.stderr.strip()[-2000:]}")

    def stop(self) -> None:
        self._script("stop")

    def kill(self) -> None:
        """Stop the server the hard way (SIGKILL): no clean shutdown, recovery on the next start."""
        pid = int((self.home / "neo4j.pid").read_text())
        os.kill(pid, 9)
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            try:  # reap it if it is our child; otherwise poll until it is gone
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.05)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory) -> LocalNeo4j:
    """The local Neo4j, started once per test run (skipped or failed if it cannot start)."""
    server = LocalNeo4j(
        home=tmp_path_factory.mktemp("neo4j"), port=free_port(), password=secrets.token_urlsafe(18),
        http_port=free_port(),
    )
    try:
        fetch = subprocess.run(
            [str(REPO / "scripts" / "neo4j-local"), "fetch"], capture_output=True, text=True, timeout=900
        )
        if fetch.returncode != 0:
            raise RuntimeError(f"scripts/neo4j-local fetch failed: {fetch.stderr.strip()[-2000:]}")
        server.start()
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as err:
        server.stop()
        service_missing(f"local Neo4j could not start: {err}")
    yield server
    server.stop()


@pytest.fixture
def neo4j_store(neo4j_server):
    """An empty :class:`~graphkit.store.neo4j.Neo4jStore` on the session's server."""
    from graphkit.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password)
    store.reset()
    yield store
    store.close()


# ---------------------------------------------------------------------------------------------
# Chromium (Debian's, driven by Playwright: browser downloads are not needed)

CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the module (skipped or failed when it is missing)."""
    if not Path(CHROMIUM).exists():
        service_missing(f"{CHROMIUM} is missing: run scripts/setup --test (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# CI runs hypothesis derandomized (its documented CI practice): the same examples every run, so a
# submission's result doesn't depend on which random pages that run happened to draw.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
