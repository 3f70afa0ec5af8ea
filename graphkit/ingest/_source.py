"""Reading one input file into text lines, and the per-file bookkeeping every reader shares."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import ParseError
from graphkit.keys import paper_id
from graphkit.model import Paper

__all__ = ["SourceText", "FileReport", "read_source", "decode_source", "shorten"]

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_PROBE = 8192


def shorten(text: str, width: int = 40) -> str:
    """Quote a snippet of input for a message, cut to ``width`` characters.

    >>> shorten("a" * 50, 10)
    "'aaaaaaaaa…'"
    >>> shorten("")
    'an empty line'
    """
    if not text.strip():
        return "an empty line"
    text = text.strip()
    return repr(text if len(text) <= width else text[: width - 1] + "…")


@dataclass
class FileReport:
    """What happened to one file: its format, records read and records skipped."""

    source: str
    path: str
    format: str | None = None
    read: int = 0
    skipped: int = 0
    warnings: list[ParseError] = field(default_factory=list)
    profile: Any = None  # a graphkit.ingest.profile.ProfileOwner for profile pages

    def warn(self, line: int | None, message: str, *, skipped: int = 1) -> None:
        """Record a problem at ``line``; ``skipped`` records are counted as lost."""
        message = " ".join(message.split())  # one line, whatever a library put in it
        self.warnings.append(ParseError(message, path=self.path, line=line))
        self.skipped += skipped

    def paper(self, *, title: str | None, abstract: str, **fields: Any) -> Paper:
        """The next Paper of this file: its ``source``, ``index`` and stable ``id`` derived here, once."""
        return Paper(
            source=self.source,
            index=self.read,
            id=paper_id(title, abstract),
            title=title,
            abstract=abstract,
            **fields,
        )


@dataclass
class SourceText:
    """A decoded text file: its lines (without line ends) and the lines that were not UTF-8."""

    path: str
    lines: list[str]
    bad_lines: set[int] = field(default_factory=set)  # 1-based

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def any_bad(self, first: int, last: int) -> bool:
        """True if a line in ``first..last`` (1-based, inclusive) was not valid UTF-8."""
        return any(first <= n <= last for n in self.bad_lines)


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ParseError(f"cannot read the file: {err.strerror or err}", path=str(path)) from None
    if data[:2] == _GZIP_MAGIC:
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise ParseError(f"expected a gzip stream, got a damaged one ({err})", path=str(path)) from None
    return data


def read_source(path: Path, report: FileReport) -> SourceText:
    """Decode ``path`` (gzip transparently) into lines.

    Raises ParseError for an empty or binary file. A line that is not UTF-8 is reported
    as a warning and kept decoded with replacement characters, marked in ``bad_lines``
    so the reader can skip the record it belongs to.
    """
    return decode_source(_read_bytes(path), str(path), report)


def decode_source(data: bytes, where: str, report: FileReport) -> SourceText:
    """Decode the bytes of a file named ``where`` into lines (see :func:`read_source`)."""
    if not data.strip():
        raise ParseError("expected paper records, got an empty file", path=where, line=1)
    if b"\x00" in data[:_BINARY_PROBE]:
        line = data[:_BINARY_PROBE].count(b"\n", 0, data.index(b"\x00")) + 1
        raise ParseError("expected text, got a binary file (NUL byte)", path=where, line=line)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines: list[str] = []
    bad: set[int] = set()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.removesuffix(b"\r")
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            bad.add(number)
            lines.append(raw.decode("utf-8", errors="replace"))
            report.warnings.append(
                ParseError(
                    f"expected UTF-8 text, got byte 0x{raw[err.start]:02x} at column {err.start + 1}",
                    path=where,
                    line=number,
                )
            )
    if lines and lines[-1] == "":
        lines.pop()
    return SourceText(path=where, lines=lines, bad_lines=bad)
