"""Names: a spelling's given names as comparable units, and how two spellings of one last name relate.

:func:`graphkit.keys.author_key` already folds case, accents, hyphens, spacing and "Last, First" order.
What the key cannot decide is judged here: initials against full names ("W. Zheng" / "Wei-Shi Zheng"),
a middle name present or not ("Noah A. Smith" / "Noah Smith"), transliterated umlauts ("Jörg" /
"Joerg") and one-letter spelling differences of a full first name ("Yuhong" / "Yuhang").

Two *full* first names are the same name only when they are equal after folding, or after umlaut
transliteration (ä=ae, ö=oe, ü=ue, ß=ss); an initial is compatible with every full name it starts.
"""

from __future__ import annotations

import functools
import re

from nameparser import HumanName
from rapidfuzz.distance import Levenshtein

from graphkit.keys import author_key, fold

_PIECE_SPLIT = re.compile(r"[\s\-.‐]+")
#: spellings people write without the letter: umlauts written out, and Latin letters Unicode does not
#: decompose into a base letter and an accent ("Søgaard" / "Sogaard", "Çakıcı" / "Cakici"). Node keys
#: keep these letters (keys stay as every earlier store has them); candidates meet through them.
_TRANSLITERATIONS = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
    "ø": "o", "Ø": "O", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h", "Ħ": "H",
})

#: one given name as its folded pieces: "Wei-Shi" -> ("wei", "shi"), "W." -> ("w",), "T.-H." -> ("t", "h")
Unit = tuple[str, ...]


@functools.lru_cache(maxsize=200_000)
def _given_units(name: str) -> tuple[Unit, ...]:
    human = HumanName(name.strip())
    units = []
    for part in [human.first, *human.middle.split()]:
        pieces = tuple(p for p in _PIECE_SPLIT.split(fold(part)) if p)
        if pieces:
            units.append(pieces)
    return tuple(units)


def given_units(name: str) -> list[Unit]:
    """The given names (first, then each middle name) of a spelling, each split into its pieces.

    A hyphenated or glued first name stays one unit ("Wei-Shi", "Tianhua"): only names written apart
    are separate units, so "Tian Zhou" and "Tianhua Zhou" have different first names.

    >>> given_units("Wei-Shi Zheng")
    [('wei', 'shi')]
    >>> given_units("Zheng, W. S.")
    [('w',), ('s',)]
    >>> given_units("Patrick G.T. Healey")
    [('patrick',), ('g', 't')]
    """
    return list(_given_units(name))


def _is_initials(unit: Unit) -> bool:
    return all(len(p) == 1 for p in unit)


def _unit_relation(a: Unit, b: Unit) -> str | None:
    """``same``, ``initials`` (an initial against a name it starts) or None (different names)."""
    if "".join(a) == "".join(b):
        return "same"
    if _is_initials(a) and _is_initials(b):
        shorter, longer = sorted(("".join(a), "".join(b)), key=len)
        return "initials" if longer.startswith(shorter) else None
    if _is_initials(a) or _is_initials(b):
        initials, full = (a, b) if _is_initials(a) else (b, a)
        spelled = "".join(p[0] for p in full)
        if spelled.startswith("".join(initials)) or (len(full) == 1 and _glued_initials(initials, full[0])):
            return "initials"
    return None  # two different full names


def _glued_initials(initials: Unit, name: str) -> bool:
    """Initials against a glued name ("R.X." / "Runxin"): the first is its first letter, the others
    appear later in order ("Y.K." fits "Yukun", not "Yifei").

    >>> _glued_initials(("r", "x"), "runxin"), _glued_initials(("y", "k"), "yifei")
    (True, False)
    """
    if initials[0] != name[0]:
        return False
    rest = iter(name[1:])
    return all(letter in rest for letter in initials[1:])


def name_relation(a: list[Unit], b: list[Unit]) -> str | None:
    """How two spellings' given names relate (same last name assumed), or None when they cannot be
    one person: ``initials``, ``middle`` (one has a middle name the other lacks) or ``same``.

    >>> name_relation(given_units("W. Zheng"), given_units("Wei-Shi Zheng"))
    'initials'
    >>> name_relation(given_units("Noah Smith"), given_units("Noah A. Smith"))
    'middle'
    >>> name_relation(given_units("Yuhong Li"), given_units("Yuhang Li")) is None
    True
    >>> name_relation(given_units("Tian Zhou"), given_units("Tianhua Zhou")) is None
    True
    """
    if not a or not b:
        return None
    relations = [_unit_relation(x, y) for x, y in zip(a, b)]
    if None in relations:
        return None
    if "initials" in relations:
        return "initials"
    return "middle" if len(a) != len(b) else "same"


def spelling_pair(a: list[Unit], b: list[Unit]) -> bool:
    """Full first names one letter apart (>= 5 letters), other given names compatible: a possible typo.

    >>> spelling_pair(given_units("Yuhong Li"), given_units("Yuhang Li"))
    True
    >>> spelling_pair(given_units("Wei Li"), given_units("Wen Li"))
    False
    """
    if not a or not b or _is_initials(a[0]) or _is_initials(b[0]):
        return False
    first_a, first_b = "".join(a[0]), "".join(b[0])
    if min(len(first_a), len(first_b)) < 5 or Levenshtein.distance(first_a, first_b, score_cutoff=1) > 1:
        return False
    return all(_unit_relation(x, y) for x, y in zip(a[1:], b[1:]))


def transliterated_key(name: str) -> str:
    """:func:`author_key` with umlauts and undecomposed letters written out, so "Jörg" and "Joerg",
    "Søgaard" and "Sogaard" meet.

    >>> transliterated_key("Jörg Müller") == transliterated_key("Joerg Mueller")
    True
    >>> transliterated_key("Łukasz Kaiser") == transliterated_key("Lukasz Kaiser")
    True
    """
    return author_key(name.translate(_TRANSLITERATIONS))

