"""BibTeX files, read with bibtexparser v2 (LaTeX decoded to Unicode where a value holds any, names
as "First Last").

An entry without an abstract cannot become a Paper (extraction works on the abstract): it is
reported as a warning naming its line and counted as skipped, like a block bibtexparser could
not parse. ``and others`` at the end of an author list marks it truncated.

Why a hand-written splitter sits beside the library: bibtexparser's block splitter steps through
every brace, quote, comma and newline in Python, and on 5,000 ACL Anthology records it alone takes
about 2.5 times as long as reading the same records from JSON Lines, whole. So a file whose blocks
all have the plain shape -- ``@type{key,`` then ``name = {...}``, ``"..."`` or bare-word fields,
``@comment{...}`` and ``@preamble{...}`` with balanced braces, text between blocks -- is split here
with a few regular expressions (:func:`_plain_entries`) that follow the splitter's own rules (a block
starts wherever its ``@type{`` pattern matches; a character after a backslash is not a delimiter;
quotes inside braces and braces inside quotes delimit nothing). Its values then go through the very
middlewares the library would run (:func:`_middlewares`), and both paths end in one loop
(:func:`_papers`). Anything else anywhere in the file -- ``@string`` macros, ``#`` concatenation,
``(``-delimited blocks, a missing comma, an unterminated or duplicate entry, a block start inside a
block, a value bibtexparser's middlewares would reject -- and the whole file goes to bibtexparser as
it is, so records and warnings (lines included) are the library's in every case; a property test
holds the two paths equal on generated and damaged files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from pylatexenc.latexwalker import LatexWalker

from graphkit.ingest._source import FileReport, SourceText
from graphkit.model import Paper

__all__ = ["read_bibtex"]

# bibtexparser logs each failed block; we report them ourselves, one line each.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_VENUE_FIELDS = ("journal", "booktitle", "venue", "publisher")
_YEAR = re.compile(r"[0-9]{1,4}")


def _has_latex_marks(value: str) -> bool:
    """Whether ``value`` holds a character LaTeX markup needs (a backslash, a brace, ``~``, ``$``):
    a value without any is plain text and is left as it is (five scans of the string in C are
    several times quicker than one regular-expression search for any of them)."""
    return "\\" in value or "{" in value or "}" in value or "~" in value or "$" in value


#: a value with LaTeX marks but braces and ties only (``{BERT}: Pre-training``) needs no LaTeX parser
_LATEX_COMMANDS = re.compile(r"[\\$%]|--|``|''")
#: the specials of pylatexenc's default context (its tokenizer's; a test holds this to it)
_LATEX_SPECIALS = ("&", "~", "--", "---", "''", "``", "!`", "?`")
#: where a pylatexenc token other than a plain character can start: a macro, comment, group, math
#: or one of the specials (white space and paragraph breaks are plain characters to it)
_LATEX_TOKEN = re.compile(r"[\\%{}$]|" + "|".join(map(re.escape, _LATEX_SPECIALS)))


class _LatexWhereNeeded(middlewares.LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, run only on the values that hold LaTeX markup, and there only
    on the LaTeX tokens.

    Decoding is most of the cost of reading BibTeX (pylatexenc parses every value character by
    character), and most values (abstracts above all) hold none: decoding those would give the same
    text back. In a value that does, pylatexenc gives every run of plain characters back as it is
    and its tokens only look ahead, so only the top-level constructs (a macro with its arguments, a
    group, math, a comment, a special) are parsed, one at a time, each where it starts in the whole
    value: the same text as decoding the whole value, at a small fraction of the cost.
    """

    def __init__(self) -> None:
        super().__init__()
        spaces = self._decoder.strict_latex_spaces
        # what makes the text of a value the texts of its top-level nodes laid end to end
        self._by_node = bool(
            spaces["between-macro-and-chars"] and spaces["between-latex-constructs"] and not self._decoder.fill_text
        )

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not _has_latex_marks(python_string):
            return python_string, ""
        if not _LATEX_COMMANDS.search(python_string):  # only braces and ties: what decoding does to them
            return python_string.replace("{", "").replace("}", "").replace("~", "\u00a0"), ""
        if not self._by_node:
            return super()._transform_python_value_string(python_string)
        try:
            return self._decode_by_node(python_string), ""
        except Exception as err:  # noqa: BLE001 - as bibtexparser's middleware: the value is kept, the error said
            return python_string, str(err)

    def _decode_by_node(self, text: str) -> str:
        decoder = self._decoder
        walker = LatexWalker(text)  # as decoder.latex_to_text makes it
        out = []
        pos = 0
        while True:
            token = _LATEX_TOKEN.search(text, pos)
            if token is None:
                out.append(text[pos:])
                return "".join(out)
            # plain characters up to the token, less the white space before it (the token's own)
            plain = pos + len(text[pos : token.start()].rstrip())
            out.append(text[pos:plain])
            nodes, at, length = walker.get_latex_nodes(pos=plain, read_max_nodes=1)
            if at + length <= plain:  # the stream ended without a node (a lone final backslash)
                out.append(decoder.latex_to_text(text[plain:]))
                return "".join(out)
            out.append(decoder.nodelist_to_text(nodes))
            pos = at + length


#: the decoding that gives a value without LaTeX marks back as it is (``bench/parse_formats.py
#: --decode-all`` puts bibtexparser's own decoding in the place of :class:`_LatexWhereNeeded`)
_KEEPS_PLAIN_TEXT = _LatexWhereNeeded


def first_last(name: str) -> str:
    """A BibTeX name as "First von Last Jr" (bibtexparser's ``merge_first_name_first``).

    The common shapes are rearranged directly -- ``First Last``, ``von Last, First``,
    ``von Last, Jr, First`` -- which is what bibtexparser's name parser gives them; any other
    shape (braces, ties, more commas) goes through that parser.

    >>> first_last("Lovelace, Ada"), first_last("de la Fuente, Jr, Ana M."), first_last("Alan  Turing")
    ('Ada Lovelace', 'Ana M. de la Fuente Jr', 'Alan Turing')
    """
    if "{" in name or "}" in name or "\\" in name or "~" in name:
        return parse_single_name_into_parts(name).merge_first_name_first
    parts = name.split(",")
    count = len(parts)
    if count == 2:  # by far the most common shape
        last, first = " ".join(parts[0].split()), " ".join(parts[1].split())
        if last and first:
            return f"{first} {last}"
    elif count == 1:
        if whole := " ".join(name.split()):
            return whole
    elif count == 3:
        last, jr, first = (" ".join(p.split()) for p in parts)
        if last and jr and first:
            return f"{first} {last} {jr}"
    return parse_single_name_into_parts(name).merge_first_name_first


#: the word ``and`` between names, as bibtexparser's splitter finds it outside braces
_AND = re.compile(r"[ \r\n\t]+[aA][nN][dD][ \r\n\t]+")


def split_names(names: str) -> list[str]:
    """The names of a BibTeX name list (bibtexparser's ``split_multiple_persons_names``).

    A list without braces or backslashes is split at each ``and`` between white space directly,
    which is what bibtexparser's character-by-character splitter gives it; any other goes through
    that splitter.

    >>> split_names("Lovelace, Ada  and Alan Turing AND others"), split_names("{Barnes and Noble} and X")
    (['Lovelace, Ada', 'Alan Turing', 'others'], ['{Barnes and Noble}', 'X'])
    """
    if "{" in names or "}" in names or "\\" in names:
        return split_multiple_persons_names(names)
    names = names.strip(" \r\n\t")
    return _AND.split(names) if names else []


class _SplitNames(middlewares.SeparateCoAuthors):
    """bibtexparser's SeparateCoAuthors (see :func:`split_names`)."""

    def _transform_field_value(self, name: str) -> list[str]:
        return split_names(name)


class _FirstLastNames(middlewares.SplitNameParts):
    """bibtexparser's SplitNameParts + MergeNameParts(style="first") in one step (see :func:`first_last`)."""

    def _transform_field_value(self, name: list[str]) -> list[str]:
        if not isinstance(name, list):
            raise ValueError(f"expected a list of names, got {name!r}")
        return [first_last(n) for n in name]


def _middlewares() -> list:
    return [
        _LatexWhereNeeded(),
        _SplitNames(),
        _FirstLastNames(),
    ]


# ---------------------------------------------------------------- the plain-file splitter

#: where bibtexparser's splitter starts a block (``@`` anywhere, a word, blanks, then ``{`` or ``(``)
_BLOCK_START = re.compile(r"@[\w]*( |\t)*(?=[{(])")


def _block_start(text: str, pos: int = 0) -> re.Match | None:
    """``_BLOCK_START.search(text, pos)``, its ``@`` found by ``str.find`` (which skips text many
    times quicker than the regular-expression search does)."""
    at = text.find("@", pos)
    while at >= 0:
        block = _BLOCK_START.match(text, at)
        if block is not None:
            return block
        at = text.find("@", at + 1)
    return None
#: a run of backslashes, then the character it escapes: the splitter's delimiters are only those
#: not directly after a backslash (never a newline here: the splitter would not count that line)
_ESCAPED = r"\\++[^\n\\]"
_QUOTED = rf'(?:[^"\\]++|{_ESCAPED})*+'


def _braced(depth: int) -> str:
    """The inside of a ``{...}`` value with at most ``depth`` levels of nested braces."""
    inside = rf"(?:[^{{}}\\]++|{_ESCAPED})*+"
    for _ in range(depth):
        inside = rf"(?:[^{{}}\\]++|{_ESCAPED}|\{{{inside}\}})*+"
    return inside


_BRACED = _braced(6)
#: ``{key,`` right after ``@type``
_ENTRY_KEY = re.compile(r'\{\s*+([^\s,{}"=@\\]++)\s*+,')
_NAME = r"\s*+([A-Za-z][A-Za-z0-9_:.+-]*+)\s*+=\s*+"
#: what follows a field: ``,`` (more fields may come), or ``}`` or ``, }`` (the entry ends; matched
#: here, as no field can start with ``}``, to spare a failed match per entry)
_AFTER = r"\s*+(,(?:\s*+\})?+|\})"
#: one field and what follows it
_FIELD = re.compile(rf'{_NAME}(?:"({_QUOTED})"|\{{({_BRACED})\}}|([A-Za-z0-9_]++)){_AFTER}')
#: the same, its value up to the first closing quote or brace: what :data:`_FIELD` matches when that
#: value holds no backslash (nor, in braces, a brace), many times quicker (a value of one excluded
#: character is scanned in a tight loop, one of a character set character by character)
_SIMPLE_FIELD = re.compile(rf'{_NAME}(?:"([^"]*+)"|\{{([^}}]*+)\}}|([A-Za-z0-9_]++)){_AFTER}')
_ENTRY_END = re.compile(r"\s*+\}")
#: the body of ``@comment{...}`` and ``@preamble{...}``
_BODY = re.compile(rf"\{{{_BRACED}\}}")

_Entry = tuple[str, int, int, dict[str, Any]]  # key, first line, last line (1-based), fields by lower-case name


class _NotPlain(Exception):
    """The file holds something :func:`_plain_entries` leaves to bibtexparser."""


def _plain_entries(text: str, steps: list) -> list[_Entry] | None:
    """The entries of ``text`` as bibtexparser (with ``steps``, :func:`_middlewares`) gives them, if
    every block has the plain shape; else None (see the module docstring)."""
    if "\\\n" in text:  # bibtexparser does not count such a line: its line numbers would differ from ours
        return None
    latex, coauthors, names = steps
    decode, split, arrange, name_fields = (
        latex._transform_python_value_string, coauthors._transform_field_value, names._transform_field_value,
        names.name_fields,
    )
    keeps_plain = type(latex) is _KEEPS_PLAIN_TEXT  # a value without LaTeX marks comes back as it is
    entries: list[_Entry] = []
    keys: set[str] = set()
    line = 0  # newlines before ``pos``
    pos = 0
    block = _block_start(text)
    try:
        while block is not None:
            start = block.start()
            line += text.count("\n", pos, start)
            kind = block.group().lower()[1:].strip()
            at = block.end()
            if kind.startswith(("comment", "preamble")):
                body = _BODY.match(text, at)
                if body is None:
                    return None
                end = body.end()
                key = None
            elif kind.startswith("string"):
                return None
            else:
                head = _ENTRY_KEY.match(text, at)
                if head is None:
                    return None
                key = head.group(1)
                if key in keys:
                    return None
                keys.add(key)
                fields: dict[str, Any] = {}
                end = head.end()
                while True:
                    field = _SIMPLE_FIELD.match(text, end)
                    if field is not None:
                        name, quoted, braced, bare, after = field.groups()
                        if "\\" in (quoted or braced or "") or "{" in (braced or ""):  # may end elsewhere
                            field = None
                    if field is None:
                        field = _FIELD.match(text, end)
                        if field is None:
                            close = _ENTRY_END.match(text, end)
                            if close is None:
                                return None
                            end = close.end()
                            break
                        name, quoted, braced, bare, after = field.groups()
                    end = field.end()
                    lower = name.lower()
                    if lower in fields:  # twice: a failed block to bibtexparser (or, in two cases, the last wins)
                        return None
                    if quoted is not None:
                        if quoted.endswith("{"):  # ``{"}`` is a quote inside quotes to bibtexparser
                            return None
                        value = quoted
                    else:
                        value = braced if braced is not None else bare
                    if not keeps_plain or _has_latex_marks(value):
                        value, error = decode(value)
                        if error:
                            return None
                    if name in name_fields:
                        value = arrange(split(value))
                    fields[lower] = value
                    if after != ",":
                        break
            following = _block_start(text, at)
            while following is not None and following.start() < end:  # ``@type{`` inside a value
                inside = following.start()
                if not text[text.rfind("\n", 0, inside) + 1 : inside].strip():  # at a line start: an abort
                    return None
                following = _block_start(text, following.end())
            newlines = text.count("\n", start, end)
            if key is not None:
                entries.append((key, line + 1, line + 1 + newlines, fields))
            line += newlines
            pos = end
            block = following
    except Exception:  # noqa: BLE001 - whatever a middleware raises, bibtexparser's own run reports it
        return None
    return entries


def _library_entries(text: str, steps: list, report: FileReport) -> list[_Entry] | None:
    """The entries bibtexparser gives, its failed blocks reported; None if it gave up on the file."""
    try:
        library = bibtexparser.parse_string(text, append_middleware=steps)
    except Exception as err:  # noqa: BLE001 - the library raises assorted errors on hostile input
        report.warn(1, f"expected BibTeX, bibtexparser gave up: {type(err).__name__}: {err}"[:200])
        return None
    for block in library.failed_blocks:
        first_line = (block.raw or "").strip().splitlines()[0][:40] if (block.raw or "").strip() else ""
        report.warn(
            (block.start_line or 0) + 1,
            f"expected a complete BibTeX entry, got a block that does not parse: {first_line!r}",
        )
    entries = []
    for entry in library.entries:
        line = entry.start_line + 1
        last = line + entry.raw.count("\n") if entry.raw else line
        fields = {key.lower(): field.value for key, field in entry.fields_dict.items()}
        entries.append((entry.key, line, last, fields))
    return entries


def _one_line(text: str) -> str:
    r"""``" ".join(text.split())``, without splitting a text that is one line already (most are).

    The only white space a printable text holds is the ASCII space (every other white-space
    character is a separator or a control character; a test holds this over all code points).

    >>> _one_line("A  plain\n text "), _one_line("Already one line.")
    ('A plain text', 'Already one line.')
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if not isinstance(value, str):
        return None
    return _one_line(value) or None


def _venue(fields: dict[str, Any]) -> str | None:
    for name in _VENUE_FIELDS:
        if name in fields and (venue := _field(fields, name)):
            return venue
    return None


def _papers(entries: Iterable[_Entry], src: SourceText, report: FileReport) -> Iterator[Paper]:
    for key, line, last, fields in entries:
        problem = src.problems and src.problem(line, last)
        if problem:
            report.warn(line, f"skipped entry {key!r}: it holds {problem}")
            continue
        abstract = _field(fields, "abstract")
        if not abstract:
            report.warn(line, f"expected an 'abstract' field in entry {key!r}, got none; entry skipped")
            continue
        title = _field(fields, "title")
        names = fields.get("author", [])
        if isinstance(names, str):
            names = [names]
        authors = [_one_line(str(n)) for n in names]
        if "" in authors:
            authors = [a for a in authors if a]
        truncated = bool(authors) and authors[-1].lower() == "others"
        if truncated:
            authors.pop()
        year_text = _field(fields, "year")
        year_ok = bool(year_text and _YEAR.fullmatch(year_text))
        if year_text and not year_ok:
            report.warn(
                line,
                f"expected a year such as 2021 in entry {key!r}, got {year_text!r}; year left empty",
                skipped=0,
            )
        paper = report.paper(
            title=title,
            abstract=abstract,
            authors=tuple(authors),
            authors_truncated=truncated,
            year=int(year_text) if year_ok else None,
            date=_field(fields, "date"),
            venue=_venue(fields),
            url=_field(fields, "url"),
            external_id=key,
            line=line,
        )
        report.read += 1
        yield paper


def read_bibtex(src: SourceText, report: FileReport, *, plain_splitter: bool = True) -> Iterator[Paper]:
    """Yield one paper per BibTeX entry that has an abstract (``plain_splitter=False``: bibtexparser's
    splitter even for a plain file; the two give the same papers and warnings)."""
    text = src.text
    entries = _plain_entries(text, _middlewares()) if plain_splitter else None
    if entries is None:
        entries = _library_entries(text, _middlewares(), report)
        if entries is None:
            return
    yield from _papers(entries, src, report)
