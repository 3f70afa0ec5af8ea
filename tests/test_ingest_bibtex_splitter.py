"""The plain-file BibTeX splitter (graphkit.ingest.bibtex._plain_entries) against bibtexparser's own.

Every input -- generated entries with macros, ``#`` concatenation, nested braces, quotes inside
braces, comments between entries, duplicate keys, missing commas, unterminated entries, and the same
pages damaged at random -- must give the same papers, warnings (with their line numbers) and counts
whichever splitter reads it; the plain one may only decline a file (then bibtexparser reads it).
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagefuzz import Fuzzer, render_bibtex

from graphkit.errors import ParseError
from graphkit.ingest import DEFAULT_LIMITS
from graphkit.ingest._source import FileReport, decode_source
from graphkit.ingest.bibtex import _middlewares, _plain_entries, read_bibtex

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _read(data: bytes, plain: bool):
    report = FileReport(source="t.bib", path="t.bib", limits=DEFAULT_LIMITS)
    try:
        src = decode_source(data, "t.bib", report)
        papers = list(read_bibtex(src, report, plain_splitter=plain))
    except ParseError as err:
        return str(err)
    return papers, [str(w) for w in report.warnings], report.skipped, report.read, report.warnings_dropped


def _same(text: str | bytes) -> bool:
    """Assert both splitters agree on ``text``; True if the plain splitter read it (did not decline)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    assert _read(data, plain=True) == _read(data, plain=False)
    decoded = data.decode("utf-8", "replace")
    return _plain_entries(decoded, _middlewares()) is not None


# ---------------------------------------------------------------- generated files

WORDS = ["Graph", "neural", "BERT", "and", "AND", "others", "de la", "5%", "--", "~", "a,b", "x=y", "é", "ünïcode",
         " ", "  ", "\n", "\t", "2020", "''", "``", "$x$", "LeQua @ {CLEF}", "#", "(", ")", "@", "foo@bar.org"]
LATEX = ["{BERT}", "{\\\"U}ber", "\\&", "\\%", "{{nested} braces}", "{a {b {c}}}", "\\emph{x}", "\\\\", "\\{", "\\}",
         "{\"}", '{"quoted"}', "\\\"", "{", "}", "\\", "\n@misc{", "\n  @article{x,"]
text_pieces = st.lists(st.sampled_from(WORDS + LATEX), max_size=10).map("".join)
plain_pieces = st.lists(st.sampled_from(WORDS[:-6] + LATEX[:7]), max_size=10).map("".join)
names = st.lists(st.sampled_from(["Lovelace, Ada", "Alan Turing", "de la Fuente, Jr, Ana", "{Barnes and Noble}",
                                  "others", "O'Brien, K.", "Østby", "\\\"Ozg\\\"ur", "J. R. R. Tolkien"]),
                 min_size=0, max_size=4).map(" and ".join)


def _value(draw, content: str) -> str:
    shape = draw(st.sampled_from(["braced", "braced", "quoted", "quoted", "bare", "macro", "concat", "broken"]))
    if shape == "braced":
        return "{" + content + "}"
    if shape == "quoted":
        return '"' + content + '"'
    if shape == "bare":
        return draw(st.sampled_from(["2020", "1999", "jan", "20x", "acl"]))
    if shape == "macro":
        return draw(st.sampled_from(["acl", "ACL", "jan"]))
    if shape == "concat":
        return '"' + content + '" # acl'
    return draw(st.sampled_from(["{" + content, '"' + content, content]))


@st.composite
def entries(draw, plain: bool = False, index: int = 0) -> str:
    if not plain and draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from([
            '@string{acl = "Proceedings of ACL"}', "@STRING{jan = {January}}", "@comment{a {comment} @ here}",
            "@preamble{\"\\newcommand{\\x}{y}\"}", "@comment{unterminated", "@Comment{x}", "@commentary{x}",
            "% a comment line\n", "text between entries, with {braces} and \"quotes\"\n",
        ]))
    kind = draw(st.sampled_from(["article", "inproceedings", "misc", "Article"] + ([] if plain else ["", "book "])))
    key = (draw(st.sampled_from(["key", "lovelace2020", "2008.amta-", "a:b/c"])) + str(index)
           if plain else draw( st.sampled_from(["key1", "dup", "dup", "", "a b", "k{1", "k\"", "x@y", "k=1"])))
    fields = draw(st.lists(
        st.sampled_from(["title", "author", "abstract", "abstract", "year", "booktitle", "journal", "url", "date",
                         "editor", "Title", "AUTHOR", "Abstract", "x-y", "month"]),
        min_size=0, max_size=7, unique=not plain,
    ) if not plain else st.lists(
        st.sampled_from(["title", "author", "abstract", "year", "booktitle", "url", "editor", "Journal", "month"]),
        min_size=1, max_size=7, unique=True,
    ))
    parts = []
    for name in fields:
        if name in ("author", "AUTHOR", "editor"):
            content = draw(names)
        else:
            content = draw(plain_pieces if plain else text_pieces)
        if plain:
            value = draw(st.sampled_from(["{" + content + "}", '"' + content.replace('"', "") + '"']))
            if name in ("year", "month"):
                value = draw(st.sampled_from(["2020", "jan", "{2021}", '"1999"', "{20x}"]))
        else:
            value = _value(draw, content)
        space = draw(st.sampled_from([" ", "", "\n    ", "  "] if plain else [" ", "", "\n", "\t"]))
        parts.append(f"{space}{name}{space}={space}{value}")
    separator = ",\n" if plain else draw(st.sampled_from([",\n", ",", "\n", ", ", ",,"]))
    body = separator.join(parts)
    close = draw(st.sampled_from(["\n}", ",\n}", "}"] if plain else ["\n}", ",\n}", "}", "", ")", "\n}}"]))
    opener = "{" if plain else draw(st.sampled_from(["{", "{", "{", "(", " {", "\t{"]))
    return f"@{kind}{opener}{key},\n{body}{close}"


def _pages(plain: bool):
    gaps = st.sampled_from(["\n\n", "\n"] + ([] if plain else ["", "\n% comment\n", " junk @ text \n", "\n\n\n\n"]))
    return st.integers(1, 5).flatmap(
        lambda n: st.tuples(*[st.tuples(entries(plain, i), gaps) for i in range(n)])
    ).map(lambda items: "".join(entry + gap for entry, gap in items))


@st.composite
def damaged(draw, page: st.SearchStrategy[str]) -> str:
    text = draw(page)
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "cut"]))
        if op == "insert":
            extra = draw(st.sampled_from(list('{}",=@#\\\n()') + ["@misc{", "\\\n", "\udcff", "\x00"]))
            text = text[:at] + extra + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
        elif op == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text[:at]
    return text


@SETTINGS
@given(_pages(plain=True))
def test_plain_files_are_read_by_the_plain_splitter_as_bibtexparser_reads_them(text):
    assert _same(text), text


@SETTINGS
@given(_pages(plain=False))
def test_any_file_is_read_the_same_by_both_splitters(text):
    _same(text)


@SETTINGS
@given(damaged(_pages(plain=True)))
def test_damaged_plain_files_are_read_the_same_by_both_splitters(text):
    _same(text)


@SETTINGS
@given(damaged(_pages(plain=False)))
def test_damaged_files_are_read_the_same_by_both_splitters(text):
    _same(text)


def test_mutated_fuzz_pages_are_read_the_same_by_both_splitters():
    fuzzer = Fuzzer(seed=21)
    plain = 0
    for _ in range(800):
        page = [fuzzer.record() for _ in range(fuzzer.rng.randint(1, 5))]
        text = render_bibtex(page)
        plain += _same(text)
        _same(fuzzer.mutate(text))
    assert plain == 800  # the rendered pages are all plain


def test_acl_anthology_style_file_is_plain_and_read_the_same():
    rng = random.Random(5)
    records = []
    for i in range(300):
        title = rng.choice(["Can {MT} really help?", "{FBK} @ {IWSLT}-2008.", "On {BERT} and {GPT}-4", "Plain"])
        authors = "  and ".join(rng.sample(["Bemish, Nicholas", "DeCamp, Jennifer", "van der Berg, Jan",
                                           "M{\\\"u}ller, Anna", "Federico, Marcello"], rng.randint(1, 4)))
        abstract = rng.choice(["We show 14\\% gains.", "Costs US$500; this is ~97%.", "A plain abstract, with, commas.",
                               "Uses $\\gamma_f$ and \\emph{x}.", ""])
        records.append(f'@inproceedings{{2008.amta-{i},\n    title = "{title}",\n    author = "{authors}",\n'
                       f'    booktitle = "AMTA 2008",\n    year = "{2000 + i % 20}",\n'
                       f'    abstract = "{abstract}",\n}}\n')
    text = "\n".join(records)
    assert _same(text)
    papers, warnings, skipped, read, _ = _read(text.encode(), plain=True)
    assert read == len(papers) > 200 and skipped == len(warnings) == 300 - read
    assert all(w.startswith("t.bib:") for w in warnings)


def test_what_the_plain_splitter_declines():
    ok = "@article{a,\n  title = {T},\n  abstract = {Text.}\n}\n"
    assert _plain_entries(ok, _middlewares()) is not None
    for text in [
        '@string{x = "y"}\n' + ok,  # macros
        ok + ok,  # a duplicate key
        "@article{a,\n  title = {T} # {U},\n  abstract = {Text.}\n}\n",  # concatenation
        "@article(a,\n  abstract = {Text.}\n)\n",  # parentheses
        "@article{a\n  abstract = {Text.}\n}\n",  # no comma after the key
        "@article{a,\n  abstract = {Text.\n",  # unterminated
        "@article{a,\n  abstract = {Text.\n  @misc{b,\n}\n",  # a block start at a line start inside a value
        "@article{a,\n  abstract = {Text.} \\\n}\n",  # a backslash before a newline
        "@article{a,\n  abstract = {Text.},\n  abstract = {Again.}\n}\n",  # a duplicate field
        '@article{a,\n  abstract = "x {"}\n}\n',  # {"} in quotes
    ]:
        assert _plain_entries(text, _middlewares()) is None, text
        _same(text)


def test_latex_tokens_are_those_of_pylatexenc():
    # _LatexWhereNeeded keeps the text before the first LaTeX token as it is, so the specials it knows
    # must be all those pylatexenc's tokenizer knows
    from pylatexenc.latexwalker import LatexWalker

    from graphkit.ingest.bibtex import _LATEX_SPECIALS

    context = LatexWalker("").default_parsing_state.latex_context
    specials = {s for category in context.category_list for s in context.d[category]["specials"]}
    assert specials == set(_LATEX_SPECIALS)


field_texts = st.lists(st.sampled_from(WORDS + LATEX + ['"', "}", "{", ",", " = ", "=", "\\\"", "\\}", "}}", ",\n}"]),
                       max_size=12).map("".join)


@SETTINGS
@given(st.sampled_from(["", " ", "\n  "]), st.sampled_from(["title", "Abstract", "x-y"]),
       st.sampled_from(['"', "{", ""]), field_texts)
def test_a_simple_field_match_is_the_full_field_match(space, name, opener, rest):
    # _plain_entries takes _SIMPLE_FIELD's match when its value holds no backslash (nor, in braces, a brace)
    from graphkit.ingest.bibtex import _FIELD, _SIMPLE_FIELD

    text = f"{space}{name} = {opener}{rest}"
    simple, full = _SIMPLE_FIELD.match(text), _FIELD.match(text)
    if simple is not None:
        _, quoted, braced, _, _ = simple.groups()
        if "\\" not in (quoted or braced or "") and "{" not in (braced or ""):
            assert full is not None and (simple.groups(), simple.end()) == (full.groups(), full.end())
