"""Identity: one node per person (and per method, dataset, task, venue), decisions explained and reversible.

- :mod:`~graphkit.identity.names`: how two spellings of one last name relate (initials, middle names,
  transliterations);
- :mod:`~graphkit.identity.candidates`: merge candidates with their evidence;
- :mod:`~graphkit.identity.homonyms`: one name, several people: a name's papers clustered into persons;
- :mod:`~graphkit.identity.log`: the decisions (JSON Lines, append-only) and the state they define;
- :mod:`~graphkit.identity.apply`: the decisions applied to a graph and to a store, and the session API
  the ``graphkit authors`` / ``graphkit entities`` commands call.
"""

from __future__ import annotations

from graphkit.identity.apply import (
    RAW_NAME,
    BuildIdentities,
    IdentitySession,
    RawSnapshot,
    apply_identities,
    current_graph,
    graph_from_networkx,
    identity_folder_for,
    log_for,
    merge_graphs,
    pair_candidate,
    person_id,
    resolve_key,
    rewrite_store,
)
from graphkit.identity.candidates import (
    WEIGHTS,
    Candidate,
    Reason,
    author_candidates,
    auto_merges,
    entity_candidates,
    noisy_or,
)
from graphkit.identity.log import (
    AUTO_THRESHOLD,
    ENTITY_KIND_NAMES,
    KIND_LABELS,
    LOG_NAME,
    IdentityError,
    IdentityState,
    MergeLog,
    StoreMergeLog,
    identity_folder,
)
from graphkit.identity.names import (
    given_units,
    name_relation,
    spelling_pair,
    transliterated_key,
)

__all__ = [
    "KIND_LABELS",
    "ENTITY_KIND_NAMES",
    "AUTO_THRESHOLD",
    "LOG_NAME",
    "RAW_NAME",
    "WEIGHTS",
    "Reason",
    "Candidate",
    "IdentityState",
    "MergeLog",
    "StoreMergeLog",
    "log_for",
    "RawSnapshot",
    "IdentityError",
    "identity_folder",
    "apply_identities",
    "author_candidates",
    "entity_candidates",
    "auto_merges",
    "noisy_or",
    "resolve_key",
    "pair_candidate",
    "current_graph",
    "graph_from_networkx",
    "merge_graphs",
    "BuildIdentities",
    "IdentitySession",
    "person_id",
    "identity_folder_for",
    "rewrite_store",
    "given_units",
    "name_relation",
    "spelling_pair",
    "transliterated_key",
]
