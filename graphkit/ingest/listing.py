"""Compact listing pages (seeds/004_*): per paper a date line, the title glued to the author
list with no separator, then the abstract; no blank lines.

::

    CVNov 20, 2022
    Synthesizing Coherent Story with Auto-Regressive Latent Diffusion ModelsXichen Pan, Pengda Qin et al.
    Conditioned diffusion models have demonstrated ...

The split point is found by :func:`split_title_authors`.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphkit.ingest._names import camel_parts, is_given_name, is_name, split_author_list
from graphkit.ingest._pages import dated_records, paper_from_record
from graphkit.ingest._source import FileReport, SourceText, shorten
from graphkit.model import Paper

__all__ = ["split_title_authors", "read_listing"]

_NOT_IN_NAMES = set(':;?!()[]{}"“”<>/\\|=+*&%$#@^~`_0123456789')


def _candidates(line: str) -> Iterator[int]:
    """Positions where a capital is glued to the character before it (no space between)."""
    for i in range(1, len(line)):
        if line[i].isupper() and not line[i - 1].isspace():
            yield i


def _title_end_ok(title: str) -> bool:
    """A title may end in a CamelCase given name's first syllable only if what is left is a whole word."""
    last = title.rsplit(" ", 1)[-1]
    if not last[-1].islower():
        return True
    return len(camel_parts(last)[-1]) >= 3


def _strict(names: list[str]) -> bool:
    return is_name(names[0]) and all(is_name(n, strict_given=False) for n in names[1:])


def _loose(names: list[str]) -> bool:
    return is_name(names[0]) and all(
        n and len(n) <= 80 and not (_NOT_IN_NAMES & set(n)) for n in names[1:]
    )


def split_title_authors(line: str) -> tuple[str, list[str], bool]:
    """Split ``TitleFirst Author, Second Author et al.`` into title, authors, truncated.

    The split is the earliest glued capital after which the rest reads as an author
    list whose first given name is name-shaped (no capital inside, unless it is a
    CamelCase syllable name such as EunJeong). Raises ValueError when no split fits.

    >>> split_title_authors("Prompt Switch: Efficient CLIP Adaptation for Text-Video RetrievalChaorui Deng, Qi Chen")
    ('Prompt Switch: Efficient CLIP Adaptation for Text-Video Retrieval', ['Chaorui Deng', 'Qi Chen'], False)
    >>> split_title_authors("Answering Questions with VQAJ. R. Smith, Jan van der Berg et al.")
    ('Answering Questions with VQA', ['J. R. Smith', 'Jan van der Berg'], True)
    >>> split_title_authors("Scaling FlowNetGe-Peng Ji")
    ('Scaling FlowNet', ['Ge-Peng Ji'], False)
    """
    line = line.strip()
    fallback = None
    for i in _candidates(line):
        title = line[:i].strip()
        names, truncated = split_author_list(line[i:])
        if not title or not names:
            continue
        first_given = names[0].split(" ", 1)[0]
        if not is_given_name(first_given):
            continue
        plain = len(camel_parts(first_given)) == 1 or "-" in first_given or "." in first_given
        if not plain and not _title_end_ok(title):
            continue
        if _strict(names):
            return title, names, truncated
        if fallback is None and _loose(names):
            fallback = (title, names, truncated)
    if fallback is not None:
        return fallback
    raise ValueError(f"expected a title glued to an author list (…TitleFirst Author, …), got {shorten(line)}")


def read_listing(src: SourceText, report: FileReport) -> Iterator[Paper]:
    """Yield the papers of a compact listing page."""
    for record in dated_records(src, report, header_allowed=True):
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
