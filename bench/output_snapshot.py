"""Dump what graphkit's commands print and write, so two versions of the code can be compared byte for byte.

Runs ``python -m graphkit`` (the repository's ``.venv``, or ``--source`` for another checkout) on
two inputs, ``seeds/`` and the first N papers of the corpus, and writes every output under
``OUT/<input>/``: ``parse``, ``extract``, ``build`` (its summary line with the time blanked out)
and ``stats``, ``export`` in every format of every graph, every ``analyze`` command, every stored
query (``graphkit queries`` lists them) with parameters taken from the store itself (the top rows
of the top-* queries) and from the README's examples, the identity candidates, and ``viz`` pages.

    python bench/output_snapshot.py OUT                  # seeds and the first 5,000 corpus papers
    python bench/output_snapshot.py OUT --papers 0       # seeds only
    python bench/output_snapshot.py BEFORE --source /tmp/before   # the same on another commit
    diff -r --exclude=_work BEFORE AFTER && echo identical

The corpus is ``$GRAPHKIT_CORPUS``, else ``../shared/data/acl_anthology.jsonl.gz`` beside the
repository. Run it under ``nice``: extracting 5,000 papers takes a minute or two.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: values a person would type, per parameter type (the README's examples on the seed pages)
EXAMPLES = {
    "author": ["Sijie Mai", "Suofei Zhang", "Haifeng Hu"],
    "method": ["MIB", "multimodal information bottleneck", "contrastive learning"],
    "dataset": ["CMU-MOSI", "MOSEI"],
    "task": ["multimodal sentiment analysis", "sentiment analysis"],
    "venue": ["ACL", "EMNLP"],
    "paper": ["Multimodal Information Bottleneck: Learning Minimal Sufficient Unimodal and Multimodal Representations"],
}

#: parameter type -> (stored query giving the most frequent ones, its column with the name)
TOP_QUERIES = {
    "author": ("top-authors", None),
    "method": ("top-methods", None),
    "dataset": ("top-datasets", None),
    "task": ("top-tasks", None),
}


def corpus_path() -> Path:
    env = os.environ.get("GRAPHKIT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "data" / "acl_anthology.jsonl.gz"


class Runner:
    def __init__(self, python: Path, source: Path | None, work: Path, store: str, out: Path):
        self.command = [str(python), "-m", "graphkit"]
        self.cypher_dir = (source or REPO) / "cypher"
        self.work = work  # the commands run here, on relative paths, so no output names the folder
        self.out = out
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
        self.env["GRAPHKIT_STORE"] = store
        if source is not None:  # another checkout's code, run with this virtualenv
            self.env["PYTHONPATH"] = str(source.resolve())
        self.env["COLUMNS"] = "160"
        self.env["PYTHONHASHSEED"] = "0"
        self.runs: list[tuple[str, float]] = []

    def run(self, name: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        """Run ``graphkit ARGS``; stdout to OUT/name.out, stderr and exit status to OUT/name.err."""
        start = time.perf_counter()
        done = subprocess.run(
            [*self.command, *args], capture_output=True, env=self.env, cwd=self.work, input=stdin, text=False
        )
        self.runs.append((name, time.perf_counter() - start))
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        out = done.stdout
        if args and args[0] == "build":  # the summary line says how long the build took
            out = _blank_times(out.decode("utf-8", "replace")).encode("utf-8")
        target.with_name(target.name + ".out").write_bytes(out)
        err = _blank_times(done.stderr.decode("utf-8", "replace"))
        target.with_name(target.name + ".err").write_text(f"exit {done.returncode}\n{err}", encoding="utf-8")
        return done

    def rel(self, path: Path) -> str:
        return os.path.relpath(path, self.work)

    def json(self, name: str, *args: str):
        done = self.run(name, *args)
        return json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else []


def _blank_times(text: str) -> str:
    """Timings and temporary paths change from run to run; nothing else may."""
    text = re.sub(r"in \d+(\.\d+)?s\b", "in <T>s", text)
    return text


def _names(rows, n: int) -> list[str]:
    found = []
    for row in rows[:n]:
        value = next((v for k, v in row.items() if k in ("name", "author", "method", "dataset", "task")), None)
        if isinstance(value, str):
            found.append(value)
    return found


def snapshot(runner: Runner, inputs: list[str], label: str) -> None:
    print(f"[{label}] parse, extract", file=sys.stderr)
    runner.run("parse", "parse", *inputs)
    runner.run("extract", "extract", *inputs)
    print(f"[{label}] build", file=sys.stderr)
    runner.run("build", "build", *inputs, "--reset")
    runner.run("build-again", "build", *inputs)  # incremental: must change nothing
    runner.run("stats", "stats", "--format", "json")
    runner.run("stats-table", "stats")

    print(f"[{label}] export", file=sys.stderr)
    exports = runner.out / "export"
    exports.mkdir(parents=True, exist_ok=True)
    for which, kind in [("full", None), ("coauthor", None), ("cooccurrence", "method"),
                        ("cooccurrence", "dataset"), ("cooccurrence", "task")]:
        tag = which if kind is None else f"{which}-{kind}"
        for fmt in ("graphml", "gexf", "vosviewer", "csv"):
            target = exports / f"{tag}.{fmt}"
            args = ["export", "--format", fmt, "-o", runner.rel(target), "--graph", which]
            if kind:
                args += ["--kind", kind]
            runner.run(f"export-log/{tag}.{fmt}", *args)
    for path in exports.rglob("*"):  # the timestamp gexf writes is the only thing that may differ
        if path.suffix == ".gexf":
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="<D>"', text), encoding="utf-8")

    print(f"[{label}] analyze", file=sys.stderr)
    runner.run("analyze/centrality", "analyze", "centrality", "--format", "json")
    runner.run(
        "analyze/centrality-pagerank", "analyze", "centrality", "--sort", "pagerank", "--top", "10", "--format", "csv"
    )
    runner.run("analyze/centrality-table", "analyze", "centrality", "--top", "10")
    runner.run("analyze/communities", "analyze", "communities", "--format", "json")
    runner.run("analyze/communities-table", "analyze", "communities", "--top", "5")
    runner.run("analyze/trends", "analyze", "trends", "--format", "json")
    runner.run("analyze/trends-table", "analyze", "trends", "--kind", "task", "--top", "5")

    print(f"[{label}] queries", file=sys.stderr)
    catalog = runner.json("queries", "queries", "--format", "json")
    runner.run("queries-table", "queries")
    values = {kind: list(examples) for kind, examples in EXAMPLES.items()}
    for kind, (query, _) in TOP_QUERIES.items():
        top = runner.json(f"params/{query}", "query", query, "--format", "json", "--limit", "3")
        values[kind] = _names(top, 3) + values[kind]
    venues = runner.json("params/venues", "cypher", "MATCH (v:Venue) RETURN v.name AS name ORDER BY v.id LIMIT 2",
                         "--format", "json")
    values["venue"] = _names(venues, 2) + values["venue"]
    papers = runner.json("params/papers", "cypher",
                         "MATCH (p:Paper)-[:USES]->(m:Method) RETURN p.title AS name ORDER BY p.id LIMIT 2",
                         "--format", "json")
    values["paper"] = _names(papers, 2) + values["paper"]
    (runner.out / "params.json").write_text(json.dumps(values, indent=1, ensure_ascii=False), encoding="utf-8")

    for entry in catalog:
        name = entry["name"]
        declared = _declared(runner, name)
        required = [(p, t) for p, t, default in declared if default is None]
        if not required:
            runner.run(f"query/{name}", "query", name, "--format", "json")
            runner.run(f"query/{name}.table", "query", name, "--limit", "5")
            continue
        if len(required) == 2:  # collaboration-path: each ordered pair of two authors
            (pa, ta), (pb, tb) = required
            for i, a in enumerate(values[ta][:3]):
                for j, b in enumerate(values[tb][:3]):
                    runner.run(f"query/{name}.{i}{j}", "query", name, "-p", pa, a, "-p", pb, b, "--format", "json")
            continue
        (param, type_), = required
        for i, value in enumerate(values[type_]):
            runner.run(f"query/{name}.{i}", "query", name, "-p", param, value, "--format", "json")
        runner.run(f"query/{name}.csv", "query", name, "-p", param, values[type_][0], "--format", "csv", "--limit", "3")
        runner.run(f"query/{name}.table", "query", name, "-p", param, values[type_][0], "--limit", "5")
        runner.run(f"query/{name}.cypher", "query", name, "-p", param, values[type_][0], "--show-cypher")

    authors = values["author"]
    runner.run("analyze/path", "analyze", "path", authors[0], authors[1], "--format", "json")
    runner.run("analyze/path-readme", "analyze", "path", "Suofei Zhang", "Sijie Mai", "--format", "json")
    runner.run("analyze/recommend", "analyze", "recommend", authors[0], "--format", "json")
    runner.run("analyze/recommend-readme", "analyze", "recommend", "Sijie Mai", "--top", "5")

    print(f"[{label}] identity, viz", file=sys.stderr)
    runner.run("authors-review", "authors", "review", "--format", "json")
    runner.run("entities-review", "entities", "review", "--format", "json")
    runner.run(
        "cypher",
        "cypher",
        "MATCH (a:Author)-[:AUTHORED]->(p:Paper) RETURN a.name, p.title ORDER BY p.id, a.id LIMIT 5",
        "--format",
        "json",
    )
    viz = runner.out / "viz"
    runner.run("viz-log/author", "viz", "author", authors[0], "-o", runner.rel(viz / "author.html"))
    runner.run("viz-log/method", "viz", "method", values["method"][0], "--depth", "1", "--types", "author,method",
               "-o", runner.rel(viz / "method.html"))
    runner.run("viz-log/graph", "viz", "graph", "--top", "100", "-o", runner.rel(viz / "graph.html"))


def _declared(runner: Runner, name: str) -> list[tuple[str, str, object]]:
    """(parameter, type, default) of a stored query, from its ``.cypher`` header."""
    path = runner.cypher_dir / f"{name}.cypher"
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"//\s*param:\s*(\w+)\s*\((\w+)\)\s*(=\s*(\S+))?", line)
        if m:
            found.append((m.group(1), m.group(2), m.group(4)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="Folder to write the outputs to (emptied first).")
    parser.add_argument("--papers", type=int, default=5000, help="Corpus papers to take (0: seeds only).")
    parser.add_argument("--python", type=Path, default=REPO / ".venv" / "bin" / "python",
                        help="Python with graphkit's dependencies (default: the repository's .venv).")
    parser.add_argument("--source", type=Path, help="Run the graphkit package of this checkout instead "
                        "(e.g. `git worktree add /tmp/before COMMIT`).")
    parser.add_argument("--only", choices=["seeds", "corpus"], help="Only this input.")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    work = (args.out / "_work").resolve()
    work.mkdir()

    jobs = []
    if args.only != "corpus":
        shutil.copytree(REPO / "seeds", work / "seeds")
        jobs.append(("seeds", ["seeds"]))
    if args.papers and args.only != "seeds":
        corpus = corpus_path()
        if not corpus.exists():
            sys.exit(f"no corpus at {corpus}: set GRAPHKIT_CORPUS")
        sample = work / f"corpus-{args.papers}.jsonl"  # given as a relative path: outputs name no folder
        with gzip.open(corpus, "rt", encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
            dst.writelines(islice(src, args.papers))
        jobs.append(("corpus", [sample.name]))

    for label, inputs in jobs:
        runner = Runner(args.python, args.source, work, f"store-{label}", args.out / label)
        snapshot(runner, inputs, label)
        timing = "\n".join(f"{seconds:8.2f}  {name}" for name, seconds in runner.runs)
        (work / f"times-{label}.txt").write_text(timing + "\n", encoding="utf-8")
    print(f"wrote {args.out}; compare with: diff -r --exclude=_work BEFORE AFTER", file=sys.stderr)


if __name__ == "__main__":
    main()
