"""The identity log: every decision (merge, split, homonym split, undo), one JSON object per line.

The log is append-only: undo appends, so the log is the full history. :class:`IdentityState` is what the
active decisions define; :func:`graphkit.identity.apply.apply_identities` applies it to a graph.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit import schema
from graphkit.errors import GraphkitError
from graphkit.schema import ENTITY_KINDS

if TYPE_CHECKING:
    from graphkit.identity.candidates import Candidate

#: identity kind -> node label
KIND_LABELS = {kind: schema.KIND_LABELS[kind] for kind in ("author", *ENTITY_KINDS)}
#: the entity kinds (everything but authors)
ENTITY_KIND_NAMES = ENTITY_KINDS
#: score from which ``merge --auto`` records a candidate (when it is not ambiguous nor a spelling pair)
AUTO_THRESHOLD = 0.8
#: file name of the merge log inside the store folder
LOG_NAME = "identity-log.jsonl"


class IdentityError(GraphkitError):
    """An identity decision cannot be carried out (unknown name, nothing to undo, bad log)."""


# --------------------------------------------------------------------------------------------------
# the decision log


@dataclass
class IdentityState:
    """The identities a log's active decisions define.

    ``root[kind][key]`` is the canonical key of a merged-away key; ``members[kind][root]`` the keys
    merged into ``root``; ``names[kind][root]`` its display name; ``apart[kind]`` pairs kept separate.
    """

    root: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    members: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    names: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    apart: dict[str, set[frozenset[str]]] = field(default_factory=lambda: defaultdict(set))
    #: author key -> the persons of a homonym split: ``[{"id", "papers", "coauthors", "terms"}]``
    homonyms: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def from_decisions(cls, decisions: Iterable[dict[str, Any]]) -> IdentityState:
        state = cls()
        for decision in decisions:
            if decision["action"] == "merge":
                for pair in decision["pairs"]:
                    state._merge(decision["kind"], pair["keep"], pair["drop"], pair.get("keep_name"))
            elif decision["action"] == "split":
                state._split(decision["kind"], decision["key"])
            elif decision["action"] == HOMONYM_SPLIT:
                state.homonyms[decision["key"]] = decision["groups"]
        return state

    def canonical(self, kind: str, key: str) -> str:
        return self.root[kind].get(key, key)

    def is_empty(self) -> bool:
        return not any(self.root.values()) and not self.homonyms

    def _merge(self, kind: str, keep: str, drop: str, keep_name: str | None) -> None:
        target, source = self.canonical(kind, keep), self.canonical(kind, drop)
        self.apart[kind].discard(frozenset((keep, drop)))
        if target == source:
            return
        moved = self.members[kind].pop(source, set()) | {source}
        for key in moved:
            self.root[kind][key] = target
        self.members[kind].setdefault(target, set()).update(moved)
        if keep_name and target == keep:
            self.names[kind][target] = keep_name
        self.names[kind].pop(source, None)

    def _split(self, kind: str, key: str) -> None:
        top = self.canonical(kind, key)
        if key == top:  # the canonical node: every merged spelling becomes its own node again
            separated = self.members[kind].pop(top, set())
            self.names[kind].pop(top, None)
        else:  # one merged spelling leaves its cluster
            separated = {key}
            self.members[kind][top].discard(key)
            if not self.members[kind][top]:
                del self.members[kind][top]
        for member in separated:
            self.root[kind].pop(member, None)
            self.apart[kind].add(frozenset((top, member)))


def identity_folder(store_dir: str | os.PathLike | None = None) -> Path:
    """Where the merge log and raw snapshots live: the embedded store folder (``--store``,
    ``$GRAPHKIT_STORE`` or ``.graphkit``), also when the graph itself is in Neo4j."""
    return Path(store_dir or os.environ.get("GRAPHKIT_STORE") or ".graphkit")


#: the action of a homonym split record
HOMONYM_SPLIT = "split-homonym"
_WAY_OUT = ("fix or delete that line (every later decision still applies), restore the log from a backup, "
            "or move it aside (its decisions then no longer apply), then run `graphkit build` again")


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _invalid(record: Any, index: int, earlier: list[dict[str, Any]]) -> str | None:
    """What is wrong with one log record (None when it can be applied)."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    action = record.get("action")
    if action not in ("merge", "split", "undo", HOMONYM_SPLIT):
        return f"unknown action {action!r} (expected merge, split, {HOMONYM_SPLIT} or undo)"
    kind = record.get("kind")
    if action != "undo" and kind not in KIND_LABELS:
        return f"{action}: 'kind' must be one of {', '.join(KIND_LABELS)}, got {kind!r}"
    if action == "merge":
        pairs = record.get("pairs")
        if not isinstance(pairs, list) or not pairs:
            return "merge: 'pairs' must be a non-empty list"
        for pair in pairs:
            if not isinstance(pair, dict) or not all(
                isinstance(pair.get(f), str) and pair.get(f) for f in ("keep", "drop")
            ):
                return "merge: every pair needs text 'keep' and 'drop'"
            if not isinstance(pair.get("keep_name", ""), str | None):
                return "merge: 'keep_name' must be text"
    elif action == "split":
        if not isinstance(record.get("key"), str) or not record["key"]:
            return "split: 'key' must be text"
    elif action == HOMONYM_SPLIT:
        if kind != "author" or not isinstance(record.get("key"), str) or not record["key"]:
            return f"{HOMONYM_SPLIT}: needs kind 'author' and a text 'key'"
        groups = record.get("groups")
        if not isinstance(groups, list) or len(groups) < 2:
            return f"{HOMONYM_SPLIT}: 'groups' must list two or more persons"
        for group in groups:
            if (
                not isinstance(group, dict)
                or not isinstance(group.get("id"), str)
                or not _is_text_list(group.get("papers"))
            ):
                return f"{HOMONYM_SPLIT}: every group needs a text 'id' and a list of paper ids"
            if not _is_text_list(group.get("coauthors", [])) or not _is_text_list(group.get("terms", [])):
                return f"{HOMONYM_SPLIT}: a group's 'coauthors' and 'terms' must be lists of text"
    else:
        target = record.get("target")
        if isinstance(target, bool) or not isinstance(target, int) or not 0 <= target < index:
            return f"undo: 'target' must be the number of an earlier record (0..{index - 1}), got {target!r}"
        if earlier[target].get("action") == "undo":
            return f"undo: record {target} is itself an undo"
    return None


def _parse(lines: Iterable[tuple[str, bytes]], way_out: str = _WAY_OUT) -> list[dict[str, Any]]:
    """Validated records from ``(where, raw line)`` pairs; the first bad one is an IdentityError."""
    records: list[dict[str, Any]] = []
    for where, raw in lines:
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise IdentityError(f"{where}: not UTF-8 text; {way_out}") from None
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
            raise IdentityError(f"{where}: not a JSON object ({reason}); {way_out}") from None
        problem = _invalid(record, len(records), records)
        if problem:
            raise IdentityError(f"{where}: {problem}; {way_out}")
        records.append(record)
    return records


def _scope(kind: str) -> str:
    return "author" if kind == "author" else "entity"


class MergeLog:
    """Every identity decision, one JSON object per line in ``<folder>/identity-log.jsonl``.

    Records: ``{"action": "merge", "kind", "pairs": [{"keep", "drop", "keep_name", "drop_name",
    "score", "reasons"}], "by": "user"|"auto"}``, ``{"action": "split", "kind", "key"}`` and
    ``{"action": "undo", "target": N}`` (N = the 0-based line of the decision it reverses). Nothing is
    ever rewritten: undo appends, so the log is the full history.
    """

    def __init__(self, folder: str | os.PathLike):
        self.path = Path(folder) / LOG_NAME

    def records(self) -> list[dict[str, Any]]:
        """Every record, validated: a damaged log is an :class:`IdentityError` naming the file and line
        and the way out, never a traceback or a half-read state."""
        return _parse(self._file_lines())

    def _file_lines(self) -> list[tuple[str, bytes]]:
        if not self.path.exists() and not self.path.is_symlink():
            return []
        if self.path.is_dir():
            raise IdentityError(f"{self.path}: is a folder, not an identity log; move it away (decisions are "
                                "lost with it) or restore the file from a backup")
        try:
            data = self.path.read_bytes()
        except OSError as err:
            raise IdentityError(f"{self.path}: cannot read the identity log ({err.strerror or err}); move it "
                                "aside or restore it from a backup") from None
        return [(f"{self.path}:{number}", raw) for number, raw in enumerate(data.splitlines(), 1)]

    def active(self) -> list[tuple[int, dict[str, Any]]]:
        """``(line index, decision)`` of every merge/split not reversed by an undo, in order."""
        records = self.records()
        undone = {r["target"] for r in records if r["action"] == "undo"}
        return [(i, r) for i, r in enumerate(records) if r["action"] != "undo" and i not in undone]

    def state(self) -> IdentityState:
        return IdentityState.from_decisions(r for _, r in self.active())

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = {**record, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8", "surrogatepass")
        with self.path.open("ab") as out:
            size = out.tell()
            try:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())
            except OSError:  # disk full part-way: no half line is left for the next read to trip on
                out.truncate(size)
                raise
        return record

    def drop_last(self) -> None:
        """Remove the last line (used only when the store could not be rewritten for it)."""
        data = self.path.read_bytes()
        lines = data.splitlines(keepends=True)
        os.truncate(self.path, len(data) - len(lines[-1]) if lines else 0)  # needs no free space

    def merge(self, candidates: list[Candidate], by: str = "user") -> dict[str, Any]:
        if not candidates:
            raise IdentityError("nothing to merge")
        kinds = {c.kind for c in candidates}
        if len(kinds) != 1:
            raise IdentityError(f"one decision merges one kind, got {sorted(kinds)}")
        pairs = [
            {"keep": c.keep, "drop": c.drop, "keep_name": c.keep_name, "drop_name": c.drop_name,
             "relation": c.relation, "score": round(c.score, 3), "reasons": [asdict(r) for r in c.reasons]}
            for c in candidates
        ]
        return self.append({"action": "merge", "kind": kinds.pop(), "pairs": pairs, "by": by})

    def split_homonym(self, key: str, name: str, groups: list[dict[str, Any]], by: str = "user") -> dict[str, Any]:
        """Record that author ``key`` is several people: ``groups`` as ``{"id", "papers", "coauthors",
        "terms"}`` (ids ``key#1``, ``key#2``... largest first)."""
        if key in self.state().homonyms:
            raise IdentityError(f"{name!r} is already split into persons; undo that first")
        return self.append({"action": HOMONYM_SPLIT, "kind": "author", "key": key, "name": name,
                            "groups": groups, "by": by})

    def split(self, kind: str, key: str) -> dict[str, Any]:
        state = self.state()
        if key not in state.root[kind] and key not in state.members[kind]:
            raise IdentityError(f"{kind} {key!r} is not merged with anything; nothing to split")
        return self.append({"action": "split", "kind": kind, "key": key})

    def undo(self, scope: str) -> dict[str, Any]:
        """Reverse the last active decision of ``scope`` ("author" or "entity"); returns that decision."""
        for index, record in reversed(self.active()):
            if _scope(record["kind"]) == scope:
                self.append({"action": "undo", "target": index, "kind": record["kind"]})
                return record
        raise IdentityError(f"no {scope} decision to undo")



class StoreMergeLog(MergeLog):
    """The identity log kept in the store itself (a Neo4j database: one ``GraphkitIdentityDecision``
    node per record), so it goes wherever the database goes, whatever folder a command runs in.

    A new decision is pending until the store is rewritten for it: :func:`graphkit.identity.apply.rewrite_store`
    writes it in the same transaction as the graph change, so the log and the graph never disagree (a
    command killed part-way leaves both as they were). An older log file in the folder derived from the
    database (``folder``) is read while the database holds no decision, and moved into it with the next one.
    """

    def __init__(self, store, folder: str | os.PathLike):
        super().__init__(folder)
        self.store = store
        self.pending: list[dict[str, Any]] = []
        self._imported: list[dict[str, Any]] = []

    def records(self) -> list[dict[str, Any]]:
        stored = self.store.identity_records()
        if stored:
            where = f"the identity log in {self.store.describe()}, decision"
            way_out = ("run `graphkit authors undo` after fixing or deleting that GraphkitIdentityDecision node "
                       "(seq as given) in Neo4j Browser, then run `graphkit build` again")
            records = _parse(((f"{where} {seq}", text.encode("utf-8", "surrogatepass")) for seq, text in stored),
                             way_out)
            self._imported = []
        else:
            records = _parse(self._file_lines())
            self._imported = records
        return records + self.pending

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = {**record, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        self.pending.append(record)
        return record

    def drop_last(self) -> None:
        if self.pending:
            self.pending.pop()

    def to_store(self) -> list[str]:
        """The records the store does not hold yet (an older file log's, then the pending ones), as JSON."""
        self.records()  # is the older file still the log?
        return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in [*self._imported, *self.pending]]

    def stored(self) -> None:
        """The store committed :meth:`to_store`."""
        self.pending = []
        self._imported = []
