"""``graphkit browser``: what to open to use graphkit's stored queries in the Neo4j Browser."""

from __future__ import annotations

import http.server
import os
from urllib.parse import urlsplit

import click

from graphkit.cli import cli
from graphkit.query.guide import guide_html, write_guide


class _GuideHandler(http.server.BaseHTTPRequestHandler):
    """Serves the guide at every path, readable by a Browser on another origin (CORS)."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        body = guide_html().encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass  # one line per request would bury the :play line


@cli.command("browser")
@click.option("--http-port", type=click.IntRange(1, 65535), envvar="NEO4J_LOCAL_HTTP_PORT", default=7474,
              show_default=True, help="The Neo4j server's HTTP port (or $NEO4J_LOCAL_HTTP_PORT).")
@click.option("--write-guide", "guide_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the guide (every stored query, runnable) to this HTML file.")
@click.option("--serve", "serve_port", type=click.IntRange(1, 65535), default=None, metavar="PORT",
              help="Serve the guide on 127.0.0.1:PORT until Ctrl-C (for a server that does not serve it "
                   "itself, such as the Docker one).")
@click.pass_obj
def browser_command(obj, http_port: int, guide_file: str | None, serve_port: int | None) -> None:
    """Print the Neo4j Browser address and the :play line of graphkit's guide.

    The guide has one slide per stored query (description, :param lines with an example from
    the seed pages, the Cypher), each runnable with a click, and a first slide that applies
    graphkit's style. The server of `scripts/neo4j-local start` serves it at /graphkit/guide and
    opens it after you connect; with Docker, serve it with --serve.

    \b
    Example:
        graphkit browser
        graphkit browser --write-guide guide.html
    """
    host = urlsplit(obj.neo4j_uri or os.environ.get("NEO4J_URI") or "bolt://127.0.0.1").hostname or "127.0.0.1"
    base = f"http://{host}:{http_port}"
    click.echo(f"Neo4j Browser:  {base}/browser/  (connect as neo4j with your NEO4J_PASSWORD)")
    if guide_file:
        click.echo(f"guide written:  {write_guide(guide_file)}")
    if serve_port is None:
        click.echo(f"graphkit guide: :play {base}/graphkit/guide")
        return
    server = http.server.ThreadingHTTPServer(("127.0.0.1", serve_port), _GuideHandler)
    click.echo(f"graphkit guide: :play http://127.0.0.1:{serve_port}/  (serving; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
