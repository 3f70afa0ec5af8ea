"""Reading one input file into text lines, and the per-file bookkeeping every reader shares.

Every file is read in bounded memory, whatever it holds (:class:`Limits`): bytes come in chunks
(``.gz`` decompressed as a stream), a line longer than ``line_bytes`` is never held whole, and the
JSON Lines formats decode one line at a time. What a limit cuts or skips gets one warning line.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Any

from graphkit._text import has_surrogates, printable, without_surrogates
from graphkit.errors import ParseError
from graphkit.keys import paper_id
from graphkit.model import Paper

__all__ = ["Limits", "DEFAULT_LIMITS", "SourceText", "FileReport", "read_source", "decode_source", "shorten"]

_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_PROBE = 8192
_CHUNK = 1 << 20
#: lines decoded ahead to detect a streamed file's format
_HEAD_LINES = 200


def _size(n: int) -> str:
    """A byte count for a message.

    >>> _size(1 << 20), _size(256 << 20), _size(3 << 30), _size(1500)
    ('1 MiB', '256 MiB', '3 GiB', '1,500 bytes')
    """
    for unit, shift in (("GiB", 30), ("MiB", 20)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift} {unit}"
    if n >= 10 << 20:
        return f"{n / (1 << 20):,.0f} MiB"
    return f"{n:,} bytes"


@dataclass(frozen=True)
class Limits:
    """What one input file, record and field may hold. Past a limit the input is cut or skipped,
    with one warning line naming the file, the line and the limit; nothing else changes.

    The defaults are far above real paper listings (the longest abstract of the 62k-paper corpus
    has 4,700 characters, the most authors on one paper in the arXiv snapshot about 3,000) and keep
    a hostile file's cost bounded: see docs/limits.md.
    """

    #: a longer line is skipped (with the record it belongs to); it is never held in memory whole
    line_bytes: int = 1 << 20
    #: formats read whole (profile, listing, abstracts, BibTeX): a larger file is refused (each line
    #: counts 64 bytes more, for what holding it costs)
    whole_file_bytes: int = 64 << 20
    #: a ``.gz`` file is read up to this many decompressed bytes, the rest is left unread
    decompressed_bytes: int = 16 << 30
    #: ...and up to this many times its compressed size (text compresses 3-10 times, the 62k-paper
    #: corpus 3.1; a "compression bomb" hundreds of times), checked once past ``ratio_floor_bytes``
    compression_ratio: int = 100
    ratio_floor_bytes: int = 16 << 20
    #: characters kept of an abstract (the extraction reads this many), a title, any other field
    abstract_chars: int = 50_000
    title_chars: int = 2_000
    field_chars: int = 2_000
    #: an author name longer than this is not a name: it is dropped (the list is marked truncated)
    name_chars: int = 300
    #: authors kept per paper, in byline order (the list is then marked truncated)
    authors: int = 10_000
    #: subject terms (keywords, topics, concepts) kept per paper, each at most ``name_chars`` long
    keywords: int = 200
    #: warnings kept per file; the rest are counted (``FileReport.warnings_dropped``)
    warnings: int = 1_000


DEFAULT_LIMITS = Limits()

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
    limits: Limits = DEFAULT_LIMITS
    #: warnings past ``limits.warnings``: counted, not kept
    warnings_dropped: int = 0

    def warn(self, line: int | None, message: str, *, skipped: int = 1) -> None:
        """Record a problem at ``line``; ``skipped`` records are counted as lost."""
        self.skipped += skipped
        if len(self.warnings) >= self.limits.warnings:
            self.warnings_dropped += 1
            return
        message = printable(" ".join(message.split()))  # one line, whatever a library put in it
        self.warnings.append(ParseError(message, path=self.path, line=line))

    def paper(self, *, title: str | None, abstract: str, **fields: Any) -> Paper:
        """The next Paper of this file: its ``source``, ``index`` and stable ``id`` derived here, once.

        Every text field is bounded here (:class:`Limits`) and freed of lone surrogates, so no reader
        can hand on a field that costs unbounded time later or cannot be written out.
        """
        line = fields.get("line")
        limits = self.limits
        repaired: list[str] = []

        def bounded(name: str, value: str | None, limit: int) -> str | None:
            if value is None:
                return None
            if has_surrogates(value):
                value = without_surrogates(value)
                repaired.append(name)
            if len(value) > limit:
                self.warn(line, f"cut the {name} to {limit:,} characters (it has {len(value):,})", skipped=0)
                value = value[:limit]
            return value

        abstract = bounded("abstract", abstract, limits.abstract_chars) or ""
        title = bounded("title", title, limits.title_chars)
        for name in ("date", "category", "profile_owner", "affiliation", "venue", "url", "external_id"):
            if isinstance(fields.get(name), str):
                fields[name] = bounded(name, fields[name], limits.field_chars)
        authors = fields.get("authors", ())
        if authors:
            ids = tuple(fields.get("author_ids", ()))
            fields["authors"], kept, cut = self._bounded_authors(authors, line, repaired)
            if ids:  # stays parallel to the names kept
                fields["author_ids"] = tuple(
                    (bounded("author id", ids[i], limits.name_chars) or "") if i < len(ids) else "" for i in kept
                )
            if cut:
                fields["authors_truncated"] = True
        else:
            fields.pop("author_ids", None)
        keywords = fields.get("keywords", ())
        if keywords:
            words = [bounded("keywords", w.strip(), limits.name_chars) for w in keywords if w and w.strip()]
            fields["keywords"] = tuple(dict.fromkeys(w for w in words if w))[: limits.keywords]
        if repaired:
            self.warn(
                line,
                f"replaced lone surrogate code points with U+FFFD in the {', '.join(dict.fromkeys(repaired))}",
                skipped=0,
            )
        return Paper(
            source=self.source,
            index=self.read,
            id=paper_id(title, abstract),
            title=title,
            abstract=abstract,
            **fields,
        )

    def _bounded_authors(
        self, authors: Iterable[str], line: int | None, repaired: list[str]
    ) -> tuple[tuple[str, ...], list[int], bool]:
        limits = self.limits
        kept: list[str] = []
        positions: list[int] = []
        long_names = 0
        total = 0
        for position, name in enumerate(authors):
            total += 1
            if len(kept) >= limits.authors:
                continue
            if len(name) > limits.name_chars:
                long_names += 1
                continue
            if has_surrogates(name):
                name = without_surrogates(name)
                repaired.append("authors")
            kept.append(name)
            positions.append(position)
        if long_names:
            self.warn(
                line, f"dropped {long_names:,} author name(s) longer than {limits.name_chars} characters", skipped=0
            )
        if total - long_names > limits.authors:
            self.warn(line, f"kept the first {limits.authors:,} of {total - long_names:,} authors", skipped=0)
        return tuple(kept), positions, len(kept) < total


#: what a line number in ``SourceText.problems`` means
_NOT_UTF8 = "text that is not UTF-8"


class _Blank(int):
    """A run of this many blank lines (whole chunks of white space are counted, not split)."""


#: bookkeeping charged per line against ``Limits.whole_file_bytes`` (a line held in memory costs
#: about this much beside its text), so a file of empty lines is bounded too
_LINE_COST = 64


class SourceText:
    """A decoded text file: its lines, without line ends.

    :meth:`numbered` decodes the non-blank lines one at a time, once (the JSON Lines formats read
    a file this way, in bounded memory); :attr:`lines` holds them all (the formats read whole),
    and refuses a file over ``limits.whole_file_bytes``. A line that is not UTF-8 is kept decoded
    with replacement characters, a line over ``limits.line_bytes`` as an empty line; both are warned
    about, and the reader is told (:meth:`numbered`'s third item, :meth:`problem`) so it skips their records.

    >>> src = SourceText("x.txt", ["Abstract: one", "", "Abstract: two"])
    >>> src.head(1), list(src.numbered())
    (['Abstract: one'], [(1, 'Abstract: one', None), (3, 'Abstract: two', None)])
    """

    def __init__(
        self,
        path: str,
        lines: Iterable[str] | None = None,
        bad_lines: Iterable[int] = (),
        *,
        raw: Iterator[bytes | int] | None = None,
        report: FileReport | None = None,
    ):
        self.path = path
        #: 1-based line number -> why its record cannot be read (lines read whole, or ahead by head())
        self.problems: dict[int, str] = {n: _NOT_UTF8 for n in bad_lines}
        self._lines: list[str] | None = list(lines) if lines is not None else None
        self._raw = raw
        self._report = report if report is not None else FileReport(source=path, path=path)
        self._head: list[tuple[int, str]] = []  # lines decoded ahead, with their numbers
        self._number = 0  # lines of ``raw`` passed so far
        self._bytes = 0
        self._streamed = False

    @property
    def limits(self) -> Limits:
        return self._report.limits

    @property
    def bad_lines(self) -> set[int]:
        """Numbers of the lines whose record cannot be read (not UTF-8, too long)."""
        return set(self.problems)

    def _decode(self, number: int, raw: bytes | int) -> tuple[str, str | None]:
        if isinstance(raw, int):  # a line longer than the limit, never held whole
            self._bytes += raw
            limit = _size(self.limits.line_bytes)
            self._report.warn(number, f"expected a line of at most {limit}, got {_size(raw)}; line not read", skipped=0)
            return "", f"a line longer than {limit}"
        self._bytes += len(raw) + _LINE_COST
        raw = raw.removesuffix(b"\r")
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError as err:
            self._report.warn(
                number, f"expected UTF-8 text, got byte 0x{raw[err.start]:02x} at column {err.start + 1}", skipped=0
            )
            return raw.decode("utf-8", errors="replace"), _NOT_UTF8

    def _step(self, item: bytes | int) -> tuple[int, str, str | None] | None:
        """Account for one item of the raw stream: None for a run of blank lines."""
        if type(item) is _Blank:
            self._number += item
            self._bytes += item * _LINE_COST
            return None
        self._number += 1
        text, problem = self._decode(self._number, item)
        return self._number, text, problem

    def _decoded(self) -> Iterator[tuple[int, str, str | None]]:
        """(number, text, problem) of the lines not decoded yet, once; blank runs are skipped over."""
        raw, self._raw = self._raw, None
        for item in raw or ():
            if type(item) is bytes and self._number:  # what _step does with most lines (UTF-8, not the first)
                try:
                    text = item.removesuffix(b"\r").decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    self._number += 1
                    self._bytes += len(item) + _LINE_COST
                    yield self._number, text, None
                    continue
            line = self._step(item)
            if line is not None:
                yield line

    def head(self, content_lines: int) -> list[str]:
        """The first ``content_lines`` non-blank lines of the file (among its first few hundred),
        decoded ahead without being consumed: :meth:`numbered` and :attr:`lines` start with them."""
        if self._lines is not None:
            return [line for line in self._lines if line.strip()][:content_lines]
        found = sum(1 for _, text in self._head if text.strip())
        while self._raw is not None and found < content_lines and self._number < _HEAD_LINES:
            item = next(self._raw, None)
            if item is None:
                self._raw = None
                break
            line = self._step(item)
            if line is not None:
                number, text, problem = line
                self._head.append((number, text))
                if problem:
                    self.problems[number] = problem
                found += bool(text.strip())
        return [text for _, text in self._head if text.strip()][:content_lines]

    def numbered(self) -> Iterator[tuple[int, str, str | None]]:
        """``(line number, text, problem)`` of every non-blank line, decoded as it is reached, once;
        ``problem`` says why the line's record cannot be read (None when it can)."""
        if self._lines is not None:
            for number, text in enumerate(self._lines, start=1):
                if text.strip() or number in self.problems:
                    yield number, text, self.problems.get(number)
            return
        if self._streamed:
            raise RuntimeError(f"{self.path} was already read")
        self._streamed = True
        head, self._head = self._head, []
        for number, text in head:
            if text.strip() or number in self.problems:
                yield number, text, self.problems.get(number)
        for number, text, problem in self._decoded():
            if text.strip() or problem:
                yield number, text, problem

    @property
    def lines(self) -> list[str]:
        """Every line (the file is read whole, at most ``limits.whole_file_bytes``)."""
        if self._lines is None:
            if self._streamed:
                raise RuntimeError(f"{self.path} was already streamed")
            limit = self.limits.whole_file_bytes
            lines = [""] * (self._head[-1][0] if self._head else 0)
            for number, text in self._head:
                lines[number - 1] = text
            for number, text, problem in self._decoded():
                if self._bytes > limit:
                    break
                if problem:
                    self.problems[number] = problem
                if number > len(lines) + 1:  # after a run of blank lines
                    lines.extend([""] * (number - 1 - len(lines)))
                lines.append(text)
            if self._bytes > limit:
                raise ParseError(
                    f"expected a page or BibTeX file of at most {_size(limit)} (these formats are read whole), "
                    "got a larger one; split it, or give the records as JSON Lines, which is read as a stream",
                    path=self.path,
                )
            lines.extend([""] * (self._number - len(lines)))
            self._lines, self._head = lines, []
        return self._lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def problem(self, first: int, last: int) -> str | None:
        """Why a record on lines ``first..last`` (1-based, inclusive) cannot be read, or None."""
        if not self.problems:
            return None
        if last - first < len(self.problems):
            return next((self.problems[n] for n in range(first, last + 1) if n in self.problems), None)
        return next((why for n, why in sorted(self.problems.items()) if first <= n <= last), None)

    def any_bad(self, first: int, last: int) -> bool:
        """True if a line in ``first..last`` (1-based, inclusive) could not be read as it is."""
        return self.problem(first, last) is not None


def _split_lines(chunks: Iterable[bytes], max_line: int) -> Iterator[bytes | int]:
    r"""The lines of a byte stream, without their ``\n``; a line longer than ``max_line`` bytes is
    given as its length (an int) and never joined in memory; the blank lines of a chunk holding
    only white space as one :class:`_Blank` count. No item for an empty last line.

    >>> list(_split_lines([b"ab\nc", b"d\n\nxyz12345", b"6\nlast"], 5))
    [b'ab', b'cd', b'', 9, b'last']
    >>> list(_split_lines([b"a\n"], 5)), list(_split_lines([], 5))
    ([b'a'], [])
    >>> [(type(x).__name__, x) for x in _split_lines([b"x", b"\n" * 100, b"y\n"], 5)]
    [('bytes', b'x'), ('_Blank', 99), ('bytes', b'y')]
    """
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        if not chunk.strip() and chunk.count(b"\n") > 2:  # a run of blank lines: counted, not split
            first, last = chunk.index(b"\n"), chunk.rindex(b"\n")
            size += first
            if size > max_line:
                yield size
            else:
                parts.append(chunk[:first])
                yield b"".join(parts)
            yield _Blank(chunk.count(b"\n") - 1)
            parts, size = [chunk[last + 1 :]], len(chunk) - last - 1
            continue
        pieces = chunk.split(b"\n")
        if len(pieces) > 1:
            size += len(pieces[0])  # the end of the line begun in the chunks before
            if size > max_line:
                yield size
            else:
                parts.append(pieces[0])
                yield b"".join(parts)
            for piece in pieces[1:-1]:  # lines whole in this chunk, given as they are
                yield piece if len(piece) <= max_line else len(piece)
            parts, size = [], 0
        tail = pieces[-1]
        size += len(tail)
        if size <= max_line:
            parts.append(tail)
        else:
            parts = []
    if size > max_line:
        yield size
    elif size:
        yield b"".join(parts)


def _file_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _gunzip(handle: IO[bytes], path: str, report: FileReport) -> tuple[bytes, Iterator[bytes]]:
    """The first decompressed chunk of a gzip file and an iterator over the others, within the
    limits. A damaged start is a ParseError; a damaged stream or a limit reached later ends the
    file with one warning (the lines before it are kept)."""
    stream = gzip.GzipFile(fileobj=handle, mode="rb")
    limits = report.limits
    try:
        first = stream.read(_CHUNK)
    except (OSError, EOFError, zlib.error) as err:
        raise ParseError(f"expected a gzip stream, got a damaged one ({err})", path=path) from None
    if len(first) > limits.decompressed_bytes:
        first = first[: limits.decompressed_bytes]
        stream = None

    def rest() -> Iterator[bytes]:
        total = len(first)
        while stream is not None:
            try:
                chunk = stream.read(_CHUNK)
            except (OSError, EOFError, zlib.error) as err:
                report.warn(None, f"the gzip stream is damaged after {_size(total)} ({err}); "
                            "the rest of the file is not read", skipped=0)
                return
            if not chunk:
                return
            total += len(chunk)
            if total > limits.decompressed_bytes:
                break
            if total > limits.ratio_floor_bytes and total > limits.compression_ratio * max(handle.tell(), 1):
                report.warn(None, f"stopped reading after {_size(total)}: the file expands more than "
                            f"{limits.compression_ratio} times (a compression bomb?); the rest is not read", skipped=0)
                return
            yield chunk
        report.warn(None, f"stopped reading after {_size(limits.decompressed_bytes)} of decompressed text "
                    "(the limit for a .gz file); the rest of the file is not read", skipped=0)

    return first, rest()


def _start(chunks: Iterator[bytes], first: bytes, where: str, report: FileReport) -> SourceText:
    if not first.strip() and len(first) < _CHUNK:  # a whole chunk of white space: detect_format says so
        raise ParseError("expected paper records, got an empty file", path=where, line=1)
    probe = first[:_BINARY_PROBE]
    if b"\x00" in probe:
        line = probe.count(b"\n", 0, probe.index(b"\x00")) + 1
        raise ParseError("expected text, got a binary file (NUL byte)", path=where, line=line)
    raw = _split_lines(chain([first], chunks), report.limits.line_bytes)
    return SourceText(where, raw=raw, report=report)


def read_source(path: Path, report: FileReport) -> SourceText:
    """Open ``path`` (gzip transparently) as a stream of lines (see :class:`SourceText`).

    Raises ParseError for a file that cannot be opened, or is empty or binary.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - read lazily, closed when the stream ends
    except OSError as err:
        raise ParseError(f"cannot read the file: {err.strerror or err}", path=str(path)) from None
    try:
        magic = handle.read(2)
        handle.seek(0)
        if magic == _GZIP_MAGIC:
            first, chunks = _gunzip(handle, str(path), report)
        else:
            first = handle.read(_CHUNK)
            chunks: Iterator[bytes] = _file_chunks(handle)
    except OSError as err:
        handle.close()
        raise ParseError(f"cannot read the file: {err.strerror or err}", path=str(path)) from None
    except ParseError:
        handle.close()
        raise
    return _start(_closing(chunks, handle), first, str(path), report)


def _closing(chunks: Iterator[bytes], handle: IO[bytes]) -> Iterator[bytes]:
    try:
        yield from chunks
    except OSError as err:
        raise ParseError(f"cannot read the file: {err.strerror or err}", path=getattr(handle, "name", None)) from None
    finally:
        handle.close()


def decode_source(data: bytes, where: str, report: FileReport) -> SourceText:
    """The lines of the bytes of a file named ``where`` (see :func:`read_source`)."""
    chunks = (data[i : i + _CHUNK] for i in range(0, len(data), _CHUNK))
    first = next(chunks, b"")
    return _start(chunks, first, where, report)
