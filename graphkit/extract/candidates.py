"""What the extraction components hand each other inside a doc: span keys, candidates, mentions.

The components (:mod:`graphkit.extract.components`) keep their scratch state in ``doc.user_data``
under the keys defined here, and the last one writes the classified mentions; :mod:`graphkit.extract.resolve`
reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

SPANS_KEY = "graphkit"
#: ``doc.spans`` key the span rulers write to
LEXICON_KEY = "graphkit_lexicon"
#: span labels of the classified mentions, in :data:`graphkit.schema.ENTITY_KINDS` order
KINDS = ("METHOD", "DATASET", "TASK", "VENUE")

for _name in ("graphkit_abbreviations", "graphkit_candidates", "graphkit_sentence_starts", "graphkit_words"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(slots=True)
class Candidate:
    """A token span that may be an entity: where it came from and what is known of it."""

    start: int
    end: int
    rule: str
    kind: str | None = None  # decided by a lexicon or a context pattern; None = classifier decides
    ident: str = ""  # lexicon id
    priority: int = 0  # higher wins an overlap of equal length


def abbreviation_pairs(doc: Doc) -> list:
    """``doc._.graphkit_abbreviations``, read from ``doc.user_data`` (every ``doc._`` access builds an object)."""
    pairs = doc.user_data.get(_PAIRS_KEY)
    return pairs if pairs is not None else (doc._.graphkit_abbreviations or [])


#: where spaCy keeps the value of ``doc._.graphkit_abbreviations``
_PAIRS_KEY = ("._.", "graphkit_abbreviations", None, None)


class Mention(NamedTuple):
    """A classified mention, read like a ``Span`` of ``doc.spans["graphkit"]`` (start, end, label_, kb_id_, id_)."""

    start: int
    end: int
    label_: str
    kb_id_: str
    id_: str


#: ``doc.user_data`` key of the lexicon matches as :class:`Mention` tuples
LEXICON_MATCHES_KEY = "graphkit_lexicon_matches"
#: ``doc.user_data`` key of the classifier's mentions as :class:`Mention` tuples
MENTIONS_KEY = "graphkit_mentions"
#: ``doc.user_data`` key of ``{(start, end): core start}``: a task mention around a known task ends with it
TASK_CORES_KEY = "graphkit_task_cores"


def _candidates(doc: Doc) -> list[Candidate]:
    # scratch state lives in ``doc.user_data``: every ``doc._`` access builds an Underscore object
    cands = doc.user_data.get("graphkit_candidates")
    if cands is None:
        cands = doc.user_data["graphkit_candidates"] = []
    return cands
