"""JSON Lines (and .gz), BibTeX, arXiv snapshot, detection, forcing a format, folders."""

from __future__ import annotations

import gzip
import json

import pytest

from graphkit.errors import ParseError
from graphkit.ingest import ParseReport, detect_format, parse_file, parse_paths, parse_text
from graphkit.ingest._source import SourceText

ACL_ROW = {
    "id": "2020.acl-main.1",
    "title": "Learning to Parse",
    "authors": ["Ada Lovelace", "Alan Turing"],
    "abstract": "We parse things.",
    "year": 2020,
    "venue": "ACL 2020",
    "url": "https://aclanthology.org/2020.acl-main.1",
}
ARXIV_ROW = {
    "id": "2101.00001",
    "submitter": "Ada",
    "authors": "Ada Lovelace, Alan Turing and Grace Hopper",
    "title": "Graphs of\n  Papers",
    "comments": None,
    "journal-ref": "J. Graphs 1 (2021)",
    "doi": None,
    "categories": "cs.CL cs.LG",
    "abstract": "  We study graphs\nof papers.\n",
    "update_date": "2021-02-01",
}


def test_jsonl_fields_and_external_id(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps(ACL_ROW) + "\n" + json.dumps({"abstract": "Only an abstract."}) + "\n")
    papers, report = parse_file(path)
    assert report.files[0].format == "jsonl"
    first, second = papers
    assert (first.title, first.authors, first.year, first.venue) == (
        "Learning to Parse",
        ("Ada Lovelace", "Alan Turing"),
        2020,
        "ACL 2020",
    )
    assert first.external_id == "2020.acl-main.1" and first.id.startswith("t") and first.line == 1
    assert first.url == ACL_ROW["url"]
    assert second.title is None and second.id.startswith("a") and second.index == 1


def test_gzip_is_read_transparently(tmp_path):
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(ACL_ROW) + "\n").encode()))
    papers, report = parse_file(path)
    assert [p.title for p in papers] == ["Learning to Parse"] and report.files[0].format == "jsonl"


def test_jsonl_bad_lines_are_warned_and_counted(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps(ACL_ROW) + "\n{broken\n" + json.dumps({"title": "No abstract"}) + "\n[1, 2]\n"
                    + json.dumps({"abstract": "x", "year": "soon"}) + "\n")
    papers, report = parse_file(path)
    assert len(papers) == 1
    assert report.skipped == 4
    messages = [str(w) for w in report.warnings]
    assert messages[0].startswith(f"{path}:2: expected a JSON object, got invalid JSON")
    assert messages[1] == f"{path}:3: expected a non-empty 'abstract', got no abstract"
    assert messages[2] == f"{path}:4: expected a JSON object, got a JSON list"
    assert messages[3].startswith(f"{path}:5: expected a year such as 2021")


def test_arxiv_snapshot_is_detected_by_its_keys(tmp_path):
    path = tmp_path / "arxiv.json"
    path.write_text(json.dumps(ARXIV_ROW) + "\n")
    papers, report = parse_file(path)
    assert report.files[0].format == "arxiv"
    [paper] = papers
    assert paper.title == "Graphs of Papers" and paper.abstract == "We study graphs of papers."
    assert paper.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
    assert (paper.year, paper.category, paper.venue) == (2021, "cs.CL", "J. Graphs 1 (2021)")
    assert paper.external_id == "2101.00001" and paper.url == "https://arxiv.org/abs/2101.00001"


BIBTEX = r"""@string{acl = "Proceedings of ACL"}

@inproceedings{lovelace2020,
  title = {{BERT} for Graphs: {\"U}ber Parsing},
  author = {Lovelace, Ada and Alan Turing and others},
  booktitle = acl,
  year = {2020},
  abstract = {We show graphs \& more.}
}

@article{noabstract,
  title = {No Abstract Here},
  year = 2021
}
"""


def test_bibtex_entries_and_entries_without_abstract(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIBTEX)
    papers, report = parse_file(path)
    assert report.files[0].format == "bibtex"
    [paper] = papers
    assert paper.title == "BERT for Graphs: Über Parsing"
    assert paper.authors == ("Ada Lovelace", "Alan Turing") and paper.authors_truncated
    assert (paper.year, paper.venue, paper.external_id, paper.line) == (2020, "Proceedings of ACL", "lovelace2020", 3)
    assert paper.abstract == "We show graphs & more."
    assert report.skipped == 1
    assert [str(w) for w in report.warnings] == [
        f"{path}:11: expected an 'abstract' field in entry 'noabstract', got none; entry skipped"
    ]


def test_broken_bibtex_block_is_a_warning_not_a_crash(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIBTEX + "\n@article{broken, title={unterminated\n")
    papers, report = parse_file(path)
    assert len(papers) == 1 and report.skipped == 2
    assert any("expected a complete BibTeX entry" in str(w) for w in report.warnings)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["Abstract: x"], "abstracts"),
        (["Some University", "Abstract: x", "Abstract: y"], "abstracts"),
        (["CVNov 20, 2022", "A TitleAda Lovelace", "Text."], "listing"),
        (["Ada Lovelace", "", "h-index3", "", "CVNov 20, 2022", "A Title", "", "Ada Lovelace", "", "Text."], "profile"),
        (['{"abstract": "x"}'], "jsonl"),
        (["@article{k, title={x}}"], "bibtex"),
    ],
)
def test_detection_is_by_content(lines, expected):
    assert detect_format(SourceText("page.txt", lines)) == expected


def test_a_page_in_no_known_format_is_a_parse_error():
    with pytest.raises(ParseError, match=r"^page.txt:1: expected a profile page, a listing page, .* got 'Dear diary'"):
        detect_format(SourceText("page.txt", ["Dear diary", "today I parsed."]))


def test_format_can_be_forced():
    text = "Ada Lovelace\nAbstract: x"
    papers, _ = parse_text(text)
    assert papers[0].affiliation == "Ada Lovelace"
    with pytest.raises(ParseError):
        list(parse_paths(["seeds"], fmt="nonsense"))
    papers, report = parse_text('{"abstract": "x", "categories": "cs.CL", "update_date": "2020"}', fmt="jsonl")
    assert report.files[0].format == "jsonl" and papers[0].category is None


def test_folders_are_sorted_recursive_and_skip_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Abstract: z")
    (tmp_path / "a.txt").write_text("Abstract: a")
    (tmp_path / ".secret.txt").write_text("Abstract: secret")
    (tmp_path / ".hidden" / "x.txt").write_text("Abstract: hidden")
    report = ParseReport()
    papers = list(parse_paths([tmp_path], report=report))
    assert [(p.source, p.abstract) for p in papers] == [("a.txt", "a"), ("b/z.txt", "z")]


def test_parse_output_reads_back_as_the_same_papers(tmp_path):
    from graphkit.ingest import output_record

    papers = list(parse_paths(["seeds"]))
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(json.dumps(output_record(p)) for p in papers) + "\n")
    again, report = parse_file(path)
    keep = ("id", "title", "authors", "authors_truncated", "abstract", "year", "date", "category", "has_code",
            "profile_owner", "affiliation", "venue", "url", "external_id")
    assert [[getattr(p, k) for k in keep] for p in again] == [[getattr(p, k) for k in keep] for p in papers]


def test_bibtex_latex_is_decoded_only_where_a_value_holds_some():
    from bibtexparser import middlewares
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graphkit.ingest.bibtex import _LatexWhereNeeded

    full, ours = middlewares.LatexDecodingMiddleware(), _LatexWhereNeeded()
    pieces = st.sampled_from(["{", "}", "~", "BERT", " ", "Über", "a-b", "5%", "--", "\\\"u", "\\&", "$x$", "``", ".",
                              "two words", "\n", "\n\n", "\t", "\u00a0", "\\emph ", "\\emph{", "\\em", "% c\n",
                              "\\begin{x}", "\\end{x}", "`", "'", "-", "$", "\\", "\\(", "\\[", "x"])

    @settings(max_examples=1000, deadline=None)
    @given(st.lists(pieces, max_size=12).map("".join))
    def same(value):
        if any(mark in value for mark in "\\{}~$"):
            assert ours._transform_python_value_string(value) == full._transform_python_value_string(value)
        else:  # plain text is kept as written ("5%", "--", "``": LaTeX would cut a comment, make dashes)
            assert ours._transform_python_value_string(value) == (value, "")

    same()
    assert ours._transform_python_value_string("5% of {BERT}") == full._transform_python_value_string("5% of {BERT}")
    assert ours._transform_python_value_string("up to 5% better")[0] == "up to 5% better"


def test_bibtex_names_are_arranged_as_bibtexparser_arranges_them():
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graphkit.ingest.bibtex import first_last

    words = st.sampled_from(["Ada", "Lovelace", "de", "la", "van", "Jr", "Jr.", "III", "M.", "Jean-Paul", "Østby",
                             "{Barnes}", "O'Brien", "von"])
    name = st.lists(st.lists(words, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4).map(", ".join)

    @settings(max_examples=400, deadline=None)
    @given(name)
    def same(value):
        try:
            expected = parse_single_name_into_parts(value).merge_first_name_first
        except InvalidNameError:
            return
        assert first_last(value) == expected

    same()

    # any spacing, empty parts and more commas (the shapes first_last leaves to the parser); the names
    # are compared on one line, as the reader keeps them (bibtexparser splits words at ASCII white space only)
    spaced = st.lists(st.sampled_from(["Ada", "Lovelace", "de la", "Jr", ",", ", ", " ", "  ", "\t", "\n", "",
                                       "\u00a0"]), max_size=8).map("".join)

    @settings(max_examples=600, deadline=None)
    @given(spaced)
    def same_spaced(value):
        try:
            expected = parse_single_name_into_parts(value).merge_first_name_first
        except InvalidNameError:
            return
        assert " ".join(first_last(value).split()) == " ".join(expected.split())

    same_spaced()


def test_bibtex_fields_are_one_line_as_split_and_joined():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graphkit.ingest.bibtex import _one_line

    # a printable text holds no white space but the ASCII space, so _one_line keeps it as it is
    assert [c for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable()] == [0x20]

    @settings(max_examples=1000, deadline=None)
    @given(st.text(st.sampled_from(["a", "B", " ", "\t", "\n", "\r", "\x0b", "\x1f", "\x85", "\u00a0", "\u2028",
                                    "\u3000", "\u00ad", "\u200b", "é"]), max_size=12))
    def same(value):
        assert _one_line(value) == " ".join(value.split())

    same()
