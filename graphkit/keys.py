"""Normalised keys: the ``id`` of every node, shared by parse, build, stores and queries.

A user-typed name goes through the same function as the stored one, so
``graphkit query coauthors -p name "sijie mai"`` finds "Sijie Mai".
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = ["fold", "author_key", "entity_key", "title_key", "abstract_key", "paper_id"]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_ENTITY_SEPARATORS = re.compile(r"[^\w+]+", re.UNICODE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# what ``_NON_WORD`` matches in ASCII text, as a translation to spaces (str.translate runs in C)
_ASCII_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})


def _unaccented_run(match: re.Match) -> str:
    text = unicodedata.normalize("NFKD", match.group())
    return "".join(c for c in text if not unicodedata.combining(c))


def _unaccented(text: str) -> str:
    """``text`` with accents stripped. Only its runs of non-ASCII characters are decomposed: ASCII
    letters are never decomposed and block the reordering of marks, so this equals decomposing the
    whole text, and an abstract with one curly quote costs one call, not one per character."""
    return text if text.isascii() else _NON_ASCII.sub(_unaccented_run, text)


def fold(text: str) -> str:
    """Casefold, strip accents and collapse white space.

    >>> fold("  Jörg   TIEDEMANN ")
    'jorg tiedemann'
    """
    return _SPACES.sub(" ", _unaccented(text).casefold()).strip()


def _squash(part: str) -> str:
    """Drop hyphens, dots, apostrophes and spaces inside one name part."""
    return _NON_WORD.sub("", fold(part))


_PLAIN_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")


@functools.lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Words that make nameparser do more than split first/middle/last (titles, prefixes, ...)."""
    from nameparser.config import CONSTANTS

    groups = (CONSTANTS.titles, CONSTANTS.prefixes, CONSTANTS.suffix_acronyms, CONSTANTS.suffix_not_acronyms,
              CONSTANTS.conjunctions)
    return frozenset(word.lower() for group in groups for word in group)


def _plain_parts(name: str) -> tuple[str, str] | None:
    """(given names, last name) for a plain "First [Middle...] Last" name, or None.

    nameparser costs ~0.5 ms a name; for names of 2-4 plain words none of which is a title,
    prefix, suffix or conjunction it just splits off the last word, so do that here. A test
    holds this equal to nameparser on generated names.
    """
    words = name.split()
    # uncased scripts (CJK) take nameparser's own ordering rules
    if not 2 <= len(words) <= 4 or not all(_PLAIN_WORD.fullmatch(w) and w.lower() != w.upper() for w in words):
        return None
    special = _name_words()
    if any(w.lower() in special for w in words):
        return None
    return " ".join(words[:-1]), words[-1]


@functools.lru_cache(maxsize=200_000)  # names repeat a lot across pages
def author_key(name: str) -> str:
    """One key per spelling of a person's name: given names squashed, then the last name.

    Case, accents, hyphens, spacing and "Last, First" order do not matter.

    >>> author_key("Wei-Shi Zheng") == author_key("Weishi Zheng") == author_key("Zheng, Wei-Shi")
    True
    >>> author_key("Sijie Mai")
    'sijie mai'
    >>> author_key("Jörg Tiedemann")
    'jorg tiedemann'
    """
    plain = _plain_parts(name)
    if plain is not None:
        given, last = _squash(plain[0]), _squash(plain[1])
    else:
        given, last = _nameparser_parts(name)
    if not last and not given:
        return fold(name)
    if not last:
        return given
    if not given:
        return last
    return f"{given} {last}"


def _nameparser_parts(name: str) -> tuple[str, str]:
    from nameparser import HumanName  # imported on first use: extracting entities needs no name parser

    human = HumanName(name.strip())
    return _squash(" ".join(p for p in (human.first, human.middle) if p)), _squash(human.last or "")


def entity_key(name: str) -> str:
    """Key for a method, dataset, task or venue name: folded, punctuation and a plural 's' dropped.

    Only a lower-case plural 's' goes ("GNNs", "Networks"), not one that belongs to the word
    ("analysis", "corpus", "class") or to an all-caps name ("VITS" stays apart from "ViTs");
    "+" is kept so "PointNet++" stays apart from "PointNet".

    >>> entity_key("Graph Neural Networks") == entity_key("graph-neural network")
    True
    >>> entity_key("multimodal sentiment analysis")
    'multimodal sentiment analysis'
    >>> entity_key("GNNs"), entity_key("VITS") != entity_key("ViTs"), entity_key("PointNet++")
    ('gnn', True, 'pointnet++')
    """
    words = _ENTITY_SEPARATORS.sub(" ", name).split()
    if words:
        last = words[-1]
        if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "is", "us")):
            words[-1] = last[:-1]
    return fold(" ".join(words))


def title_key(title: str) -> str:
    """Title folded to letters and digits, so case and punctuation do not split a paper.

    >>> title_key("POST: Prior-Observation Learning") == title_key("Post prior observation learning")
    True
    """
    text = _unaccented(title).casefold()
    words = text.translate(_ASCII_NON_WORD).split() if text.isascii() else _NON_WORD.sub(" ", text).split()
    return " ".join(words)


def abstract_key(abstract: str) -> str:
    """Abstract folded like a title; used to match untitled records."""
    return title_key(abstract)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def paper_id(title: str | None, abstract: str) -> str:
    """Stable paper id: from the normalised title, or from the abstract for untitled records.

    >>> paper_id("A Title", "x") == paper_id("a title!", "y")
    True
    >>> paper_id(None, "Some abstract.").startswith("a")
    True
    """
    key = title_key(title) if title else ""
    return "t" + _digest(key) if key else "a" + _digest(abstract_key(abstract))
