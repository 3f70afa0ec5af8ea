"""Compact listing pages (seeds/004_*): per paper a date line, the title glued to the author
list with no separator, then the abstract; no blank lines.

::

    CVNov 20, 2022
    Synthesizing Coherent Story with Auto-Regressive Latent Diffusion ModelsXichen Pan, Pengda Qin et al.
    Conditioned diffusion models have demonstrated ...

The split point is found by :func:`split_title_authors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graphkit.ingest._names import (
    camel_parts,
    is_coauthor,
    is_given_name,
    is_name,
    is_weak_given_name,
    split_author_list,
)
from graphkit.ingest._pages import dated_records, paper_from_record, split_dated
from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["split_title_authors", "read_listing"]

_NOT_IN_NAMES = set(':;?!()[]{}"“”<>/\\|=+*&%$#@^~`_0123456789')


_OPENERS = set("([{‘“\"'«")


def _uncased(char: str) -> bool:
    return char.isalpha() and not (char.isupper() or char.islower())


def _candidates(line: str) -> Iterator[int]:
    """Positions where a capital (or a letter of an uncased script after other text) is glued to
    the character before it: no space, no opening quote between."""
    for i in range(1, len(line)):
        before, char = line[i - 1], line[i]
        if before.isspace() or before in _OPENERS:
            continue
        if char.isupper() or (_uncased(char) and not _uncased(before)):
            yield i


def _title_end_ok(title: str) -> bool:
    """A title may end in a CamelCase given name's first syllable only if what is left is a whole word."""
    last = title.rsplit(" ", 1)[-1]
    if last.endswith("-"):
        return False  # Fine-TuningHan Zhou: the capital continues a hyphenated word
    if not last[-1].islower():
        return last.isupper() or not last[-1].isupper()  # VQA, GPT-4: whole; RoBER(Ta): not
    parts = camel_parts(last)
    # a word without inner capitals is whole ("of", "Deep"); after RoBERTa the "Ta" may start a name
    return len(parts) == 1 or len(parts[-1]) >= 3


_ODD_TITLE_END = re.compile(r"[a-z]{2}[A-Z]$")


def _strict(names: list[str]) -> bool:
    return is_name(names[0]) and all(is_coauthor(n) for n in names[1:])


def _loose(names: list[str]) -> bool:
    return is_name(names[0]) and all(
        n and len(n) <= 80 and not (_NOT_IN_NAMES & set(n)) for n in names[1:]
    )


@dataclass(frozen=True)
class _Split:
    position: int
    title: str
    names: list[str]
    truncated: bool
    loose: bool  # some later name is only loosely name-shaped
    in_hyphenated_word: bool  # the title would end in "-": the capital continues a word (Cross-Lingual)
    single: bool  # the first author is one word (Mausam): rarer than a title word glued on
    odd_title: bool  # the title would end like "DocumentsS"
    weak: bool  # the given name is bare capitals (SM, MD.): could be an acronym's tail

    def rank(self) -> tuple:
        # earliest split wins, except among bare-capital given names, where the shortest does
        return (
            self.loose,
            self.in_hyphenated_word,
            self.single,
            self.odd_title,
            self.weak,
            -self.position if self.weak else self.position,
        )


#: a title+authors line longer than this is not a listing line (and would make the search slow)
MAX_LINE = 5000
_MAX_GIVEN = 40  # characters of a given name
_MAX_CHECKED = 64  # candidates whose whole author list is checked


def _given_at(line: str, i: int) -> str:
    end = i
    while end < len(line) and end - i <= _MAX_GIVEN and line[end] not in " ,":
        end += 1
    return line[i:end]


def _splits(line: str) -> Iterator[_Split]:
    checked = 0
    for i in _candidates(line):
        first_given = _given_at(line, i)
        if len(first_given) > _MAX_GIVEN or not is_given_name(first_given):
            continue
        checked += 1
        if checked > _MAX_CHECKED:
            return
        title = line[:i].strip()
        names, truncated = split_author_list(line[i:])
        if not title or not names or names[0].split(" ", 1)[0] != first_given:
            continue
        plain = len(camel_parts(first_given)) == 1 or "-" in first_given or "." in first_given
        if not plain and not _title_end_ok(title):
            continue
        strict = _strict(names)
        if not strict and not _loose(names):
            continue
        yield _Split(
            position=i,
            title=title,
            names=names,
            truncated=truncated,
            loose=not strict,
            in_hyphenated_word=title.endswith("-"),
            single=" " not in names[0] and not _uncased(names[0][0]),  # 王小明 is written as one word
            odd_title=bool(_ODD_TITLE_END.search(title)),
            weak=is_weak_given_name(first_given),
        )


def split_title_authors(line: str) -> tuple[str, list[str], bool]:
    """Split ``TitleFirst Author, Second Author et al.`` into title, authors, truncated.

    Candidate splits are capitals glued to the character before them. A candidate holds if
    the rest reads as an author list whose first given name is name-shaped (no capital
    inside, unless a CamelCase syllable name such as EunJeong). Of those the earliest wins,
    as later ones lie inside the first author's name; a candidate ranks lower when it would
    continue a hyphenated title word (``Cross-|Lingual``), leave a one-word first author
    (``Mausam``), leave the title ending like ``ModelsM``, or start with a bare-capitals given
    name (``SM``, ``MD.``; among those the latest wins). Raises ValueError when none holds.

    >>> split_title_authors("Prompt Switch: Efficient CLIP Adaptation for Text-Video RetrievalChaorui Deng, Qi Chen")
    ('Prompt Switch: Efficient CLIP Adaptation for Text-Video Retrieval', ['Chaorui Deng', 'Qi Chen'], False)
    >>> split_title_authors("Answering Questions with VQAJ. R. Smith, Jan van der Berg et al.")
    ('Answering Questions with VQA', ['J. R. Smith', 'Jan van der Berg'], True)
    >>> split_title_authors("Scaling FlowNetGe-Peng Ji")
    ('Scaling FlowNet', ['Ge-Peng Ji'], False)
    >>> split_title_authors("The Use ofEunJeong Aa")
    ('The Use of', ['EunJeong Aa'], False)
    """
    line = line.strip()
    if len(line) > MAX_LINE:
        raise ValueError(f"expected a title+authors line of at most {MAX_LINE} characters, got {len(line)}")
    best = min(_splits(line), key=_Split.rank, default=None)
    if best is None:
        raise ValueError(f"expected a title glued to an author list (…TitleFirst Author, …), got {shorten(line)}")
    return best.title, best.names, best.truncated


def read_listing(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield the papers of a compact listing page."""
    header, _ = split_dated(src)
    if header:  # a page cut before its first date line: the record there is incomplete
        report.warn(header[0][0], f"expected a date line such as 'CVNov 20, 2022', got {shorten(header[0][1])}")
    for record in dated_records(src, report):
        if len(record.body) != 2:
            report.warn(
                record.line,
                "expected a date line, a title+authors line and an abstract line, "
                f"got {len(record.body)} text line(s) after the date line",
            )
            continue
        (title_line_no, title_line), (_, abstract) = record.body
        try:
            title, authors, truncated = split_title_authors(title_line)
        except ValueError as err:
            report.warn(title_line_no, str(err))
            continue
        yield paper_from_record(src, report, record, title, authors, truncated, abstract)
