"""``graphkit authors`` and ``graphkit entities``: review, merge, split and undo identity decisions.

Both groups share one merge log (``identity-log.jsonl`` in the store folder) and the same library
calls in :mod:`graphkit.identity`; ``undo`` reverses the last decision of its own group.
"""

from __future__ import annotations

import click

from graphkit import identity
from graphkit.cli import cli
from graphkit.cli.output import dumps, emit

KINDS = click.Choice(identity.ENTITY_KIND_NAMES)


def _session(ctx: click.Context) -> identity.IdentitySession:
    """The store and its decisions for one command, held under the store's writer lock (a build
    writing the same store finishes first; nothing it wrote is lost)."""
    store = ctx.obj.store()
    store.on_wait = lambda message: click.echo(message + " ...", err=True)
    return identity.IdentitySession(store, ctx.obj.store_dir)


def _show(candidates: list[identity.Candidate], fmt: str) -> None:
    if fmt == "json":
        click.echo(dumps([c.to_dict() for c in candidates], indent=2))
        return
    if not candidates:
        click.echo("No candidates.")
        return
    rows = []
    for cand in candidates:
        evidence = "; ".join(r.detail for r in cand.reasons[:4]) + (" …" if len(cand.reasons) > 4 else "")
        if cand.note:
            evidence = f"{evidence} [{cand.note}]" if evidence else f"[{cand.note}]"
        rows.append({"score": cand.score, "keep": cand.keep_name, "merge": cand.drop_name, "relation": cand.relation,
                     "auto": "yes" if cand.auto else "no", "evidence": evidence})
    emit(rows)


def _review(ctx, scope: str, kind: str | None, min_score: float, fmt: str, limit: int | None) -> None:
    with _session(ctx) as session:
        found = session.candidates(scope, kind, min_score)
    _show(found[:limit] if limit else found, fmt)


def _merge(ctx, scope: str, kind: str | None, names: tuple[str, ...], auto: bool, min_score: float) -> None:
    if auto and names:
        raise click.UsageError("give names or --auto, not both")
    if not auto and len(names) != 2:
        raise click.UsageError("give two names: the one to keep, then the one to merge into it (or --auto)")
    with _session(ctx) as session:
        if auto:
            try:
                chosen = session.merge_auto(scope, kind, min_score)
            except identity.IdentityError as err:
                if "--auto merges one kind" in str(err):
                    raise click.UsageError(str(err)) from None
                raise
        else:
            cand = session.merge_pair(scope, kind, names[0], names[1])
    if auto:
        if not chosen:
            click.echo(f"No candidate reaches {max(min_score, identity.AUTO_THRESHOLD):.2f}; nothing merged.")
            return
        for cand in chosen:
            click.echo(f"Merged {cand.drop_name!r} into {cand.keep_name!r} (score {cand.score:.2f}, {cand.relation})")
        click.echo(f"{len(chosen)} merges recorded as one decision (undo reverses them together).")
        return
    reasons = "; ".join(r.detail for r in cand.reasons) or "no shared evidence"
    click.echo(f"Merged {cand.drop_name!r} into {cand.keep_name!r} (score {cand.score:.2f}: {reasons})")


def _split(ctx, scope: str, kind: str | None, name: str) -> None:
    with _session(ctx) as session:
        top, separated = session.split(scope, kind, name)
    click.echo(f"Split {', '.join(repr(k) for k in separated)} from {top!r}: separate nodes again.")


def _undo(ctx, scope: str) -> None:
    with _session(ctx) as session:
        undone = session.undo(scope)
    if undone["action"] == "merge":
        pairs = ", ".join(f"{p['drop_name']!r} into {p['keep_name']!r}" for p in undone["pairs"][:5])
        more = f" and {len(undone['pairs']) - 5} more" if len(undone["pairs"]) > 5 else ""
        click.echo(f"Undid the merge of {pairs}{more}.")
    elif undone["action"] == "split-homonym":
        click.echo(f"Undid the split of {undone.get('name') or undone['key']!r} into persons: one node again.")
    else:
        click.echo(f"Undid the split of {undone['key']!r}: merged again.")


# ------------------------------------------------------------------------------------------ authors


@cli.group()
def authors() -> None:
    """Author identity: one node per person, merges explained and reversible.

    Decisions go to identity-log.jsonl in the store folder and are applied by every build,
    in the embedded store and in Neo4j alike.
    """


@authors.command("review")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only candidates with at least this score.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="Show at most this many (best first).")
@click.pass_context
def authors_review(ctx, min_score: float, fmt: str, limit: int | None) -> None:
    """Authors that may be one person, best first, with the evidence for each.

    \b
    Example:
        graphkit authors review --min-score 0.8
        graphkit authors review --format json --limit 20
    """
    _review(ctx, "author", None, min_score, fmt, limit)


@authors.command("merge")
@click.argument("names", nargs=-1)
@click.option("--auto", is_flag=True, help="Merge every candidate at or above the threshold that is not ambiguous.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=identity.AUTO_THRESHOLD, show_default=True,
              help="Threshold for --auto (never below the default).")
@click.pass_context
def authors_merge(ctx, names: tuple[str, ...], auto: bool, min_score: float) -> None:
    """Merge author B into author A (A's name is kept; B's becomes an alias).

    \b
    Example:
        graphkit authors merge "Wei-Shi Zheng" "W. Zheng"
        graphkit authors merge --auto
    """
    _merge(ctx, "author", None, names, auto, min_score)


@authors.command("split")
@click.argument("name")
@click.pass_context
def authors_split(ctx, name: str) -> None:
    """Undo merges for NAME: a merged-away spelling leaves its node; the kept name releases all.

    \b
    Example:
        graphkit authors split "W. Zheng"
        graphkit authors split "Wei-Shi Zheng"
    """
    _split(ctx, "author", None, name)


@authors.command("undo")
@click.pass_context
def authors_undo(ctx) -> None:
    """Reverse the last author decision (merge or split); the store is exactly as before it.

    \b
    Example:
        graphkit authors undo
    """
    _undo(ctx, "author")


# ----------------------------------------------------------------------------------------- entities


@cli.group()
def entities() -> None:
    """Method, dataset, task and venue identity: one node per thing, whatever its name.

    Uses the same merge log as `graphkit authors`.
    """


_kind_option = click.option("--kind", type=KINDS, help="Only this kind of entity.")


@entities.command("review")
@_kind_option
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only candidates with at least this score.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="Show at most this many (best first).")
@click.pass_context
def entities_review(ctx, kind: str | None, min_score: float, fmt: str, limit: int | None) -> None:
    """Entities that may be one thing under two names (acronym and long form...), with evidence.

    \b
    Example:
        graphkit entities review --kind method
    """
    _review(ctx, "entity", kind, min_score, fmt, limit)


@entities.command("merge")
@click.argument("names", nargs=-1)
@_kind_option
@click.option("--auto", is_flag=True, help="Merge every candidate at or above the threshold that is not ambiguous.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=identity.AUTO_THRESHOLD, show_default=True,
              help="Threshold for --auto (never below the default).")
@click.pass_context
def entities_merge(ctx, names: tuple[str, ...], kind: str | None, auto: bool, min_score: float) -> None:
    """Merge entity B into entity A of the same kind (A's name is kept; B's becomes an alias).

    \b
    Example:
        graphkit entities merge "graph neural network" GNN --kind method
        graphkit entities merge --auto --kind dataset
    """
    _merge(ctx, "entity", kind, names, auto, min_score)


@entities.command("split")
@click.argument("name")
@_kind_option
@click.pass_context
def entities_split(ctx, name: str, kind: str | None) -> None:
    """Undo merges for NAME: a merged-away name leaves its node; the kept name releases all.

    \b
    Example:
        graphkit entities split GNN --kind method
    """
    _split(ctx, "entity", kind, name)


@entities.command("undo")
@click.pass_context
def entities_undo(ctx) -> None:
    """Reverse the last entity decision (merge or split); the store is exactly as before it.

    \b
    Example:
        graphkit entities undo
    """
    _undo(ctx, "entity")


def _homonym_rows(proposals) -> list[dict]:
    rows = []
    for proposal in proposals:
        for number, group in enumerate(proposal.groups, 1):
            years = f"{group.years[0]}-{group.years[1]}" if group.years else ""
            rows.append({
                "name": proposal.name, "person": identity.person_id(proposal.key, number),
                "confidence": proposal.confidence, "papers": len(group.papers),
                "co-authors": ", ".join(f"{c} ({n})" for c, n in group.coauthors[:3]),
                "topics": ", ".join(group.terms[:4]), "venues": ", ".join(v for v, _ in group.venues[:2]),
                "years": years,
            })
    return rows


@authors.command("homonyms")
@click.argument("name", required=False)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Only proposals at least this sure.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="Show at most this many names (most confident first).")
@click.pass_context
def authors_homonyms(ctx, name: str | None, min_confidence: float, fmt: str, limit: int | None) -> None:
    """Author nodes that look like several people sharing a name: one row per proposed person,
    with what holds it together (co-authors, topics, venues, years). Nothing is changed.

    \b
    Example:
        graphkit authors homonyms --limit 5
        graphkit authors homonyms "Haifeng Hu"
    """
    with _session(ctx) as session:
        found = session.homonyms(name, min_confidence)
    emit(_homonym_rows(found[:limit] if limit else found), fmt, empty="No split proposals.")


@authors.command("split-homonym")
@click.argument("name", required=False)
@click.option("--auto", is_flag=True, help="Record every proposal at or above --min-confidence.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.9, show_default=True,
              help="Threshold for --auto.")
@click.pass_context
def authors_split_homonym(ctx, name: str | None, auto: bool, min_confidence: float) -> None:
    """Split author NAME into the persons `authors homonyms` proposes (ids NAME-KEY#1, #2...).

    The decision goes to the identity log and is applied at every build; papers added later go to
    the best-matching person (the reason is kept on the AUTHORED link as assigned_by). `authors undo`
    reverses it.

    \b
    Example:
        graphkit authors split-homonym --auto --min-confidence 0.95
    """
    if bool(name) == auto:
        raise click.UsageError("give a NAME or --auto")
    with _session(ctx) as session:
        done = session.split_homonym(name, min_confidence, by="auto" if auto else "user")
    for proposal in done:
        sizes = ", ".join(f"{identity.person_id(proposal.key, i)} ({len(g.papers)} papers)"
                          for i, g in enumerate(proposal.groups, 1))
        click.echo(f"Split {proposal.name!r} into {sizes}.")
    if not done:
        click.echo(f"No proposal reaches {min_confidence:.2f}; nothing split.")
