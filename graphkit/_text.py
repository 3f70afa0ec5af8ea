r"""Text that is safe to write anywhere: to a terminal (control characters shown, never acted on)
and as UTF-8 (no lone surrogates).

A name holding ``"\x1b]8;;https://evil.example\x1b\\"`` or ``"\x9b2J"`` would make a terminal
draw a link or clear the screen; a lone surrogate (``"\ud800"``, from a JSON escape) cannot be
encoded as UTF-8 at all. Both come from input files, so every value graphkit prints passes here.
"""

from __future__ import annotations

import re

__all__ = ["visible", "without_surrogates", "printable", "formula_safe"]

# C0 controls but tab, DEL, C1 controls: shown as escapes
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def visible(text: str) -> str:
    r"""``text`` with control characters shown as ``\xNN`` instead of acting on a terminal.

    >>> visible("Ada\x1b[31m Lovelace\r\n\x9b2J\tend")
    'Ada\\x1b[31m Lovelace\\x0d\\x0a\\x9b2J\tend'
    """
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def without_surrogates(text: str) -> str:
    r"""``text`` with lone surrogates replaced by U+FFFD, so it can be written as UTF-8.

    >>> without_surrogates("a\ud800b")
    'a\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    r"""What a terminal line may hold: :func:`visible` and :func:`without_surrogates`.

    >>> printable("x\ud800\x1b")
    'x\ufffd\\x1b'
    """
    return visible(without_surrogates(text))


#: what a spreadsheet runs as a formula at the start of a cell (OWASP, CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """A CSV text cell that no spreadsheet runs as a formula: a leading ``'`` before ``= + - @``,
    a tab or a carriage return (OWASP's advice against CSV injection).

    >>> formula_safe("=HYPERLINK(1)"), formula_safe("-based"), formula_safe("BERT")
    ("'=HYPERLINK(1)", "'-based", 'BERT')
    """
    return "'" + text if text.startswith(_FORMULA_START) else text
