"""What the bibliographic export readers (RIS, Scopus, Web of Science, OpenAlex) share."""

from __future__ import annotations

import re

__all__ = ["display_name", "first_year", "split_list", "clean"]

_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def clean(value: object) -> str | None:
    """Text with its runs of white space collapsed, or None for nothing / not text."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def display_name(name: str) -> str:
    """A name written ``Last, First`` (as bibliographic exports write them) as ``First Last``.

    >>> display_name("Lovelace, Ada"), display_name("Turing, A. M."), display_name("Grace Hopper")
    ('Ada Lovelace', 'A. M. Turing', 'Grace Hopper')
    >>> display_name("King, Martin Luther, Jr."), display_name("Lovelace,")
    ('Martin Luther King Jr.', 'Lovelace')
    """
    parts = [p.strip() for p in " ".join(name.split()).split(",")]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return parts[0] if parts else ""
    suffix = [parts.pop()] if len(parts) > 2 and parts[-1].lower() in _SUFFIXES else []
    last, given = parts[0], " ".join(parts[1:])
    return " ".join([given, last, *suffix])


def first_year(value: object) -> int | None:
    """The first four-digit year in a date field (``2020///``, ``2020/05/01``, ``2020-05``).

    >>> first_year("2020///"), first_year("May 2019"), first_year(2021), first_year("n.d.")
    (2020, 2019, 2021, None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= 9999 else None
    if not isinstance(value, str):
        return None
    match = _YEAR.search(value)
    return int(match[1]) if match else None


def split_list(value: str | None, sep: str = ";") -> list[str]:
    """The items of a ``;``-separated field, stripped, empty ones dropped.

    >>> split_list("graphs; parsing;;  trees ")
    ['graphs', 'parsing', 'trees']
    """
    if not value:
        return []
    return [item for item in (" ".join(p.split()) for p in value.split(sep)) if item]
