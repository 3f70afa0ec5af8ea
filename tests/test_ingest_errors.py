"""Bad input gives one-line FILE:LINE messages, counts what was skipped, and never raises."""

from __future__ import annotations

import pytest

from graphkit.ingest import ParseReport, parse_paths

LISTING = "CVNov 20, 2022\nA Study of GraphsAda Lovelace, Alan Turing\nWe study graphs.\n"
PROFILE = "Ada Lovelace\n\nh-index3\n\n1 Papers\n\nLGMay 18\nA Title\n\nAda Lovelace\n\nText.\n"


def run(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    report = ParseReport()
    papers = list(parse_paths([path], report=report))
    return path, papers, report


def messages(report):
    return [str(w) for w in report.warnings]


def test_empty_file(tmp_path):
    path, papers, report = run(tmp_path, "empty.txt", b"  \n")
    assert papers == [] and messages(report) == [f"{path}:1: expected paper records, got an empty file"]


def test_binary_file(tmp_path):
    path, papers, report = run(tmp_path, "x.bin", b"\x7fELF\x02\x01\x00\x00garbage")
    assert papers == [] and messages(report) == [f"{path}:1: expected text, got a binary file (NUL byte)"]


def test_page_in_no_known_format(tmp_path):
    path, papers, report = run(tmp_path, "note.txt", b"Shopping list\nmilk\n")
    assert papers == []
    assert messages(report) == [
        f"{path}:1: expected a profile page, a listing page, 'Abstract:' lines, JSON Lines (papers, arXiv or OpenAlex),"
        " BibTeX, RIS, a Scopus CSV or a Web of Science export,"
        " got 'Shopping list'"
    ]


def test_truncated_listing_record_is_skipped_and_the_rest_read(tmp_path):
    data = (LISTING + "LGMar 31\n" + LISTING).encode()
    path, papers, report = run(tmp_path, "listing.txt", data)
    assert len(papers) == 2 and report.skipped == 1
    assert messages(report) == [
        f"{path}:4: expected a date line, a title+authors line and an abstract line, "
        "got 0 text line(s) after the date line"
    ]


def test_listing_title_without_authors(tmp_path):
    data = b"CVNov 20, 2022\njust a lowercase title\nWe study graphs.\n" + LISTING.encode()
    path, papers, report = run(tmp_path, "listing.txt", data)
    assert len(papers) == 1 and report.skipped == 1
    assert messages(report) == [
        f"{path}:2: expected a title glued to an author list (…TitleFirst Author, …), got 'just a lowercase title'"
    ]


def test_truncated_profile_record(tmp_path):
    data = (PROFILE + "\nCVJan 14\nOnly A Title\n").encode()
    path, papers, report = run(tmp_path, "profile.txt", data)
    assert [p.title for p in papers] == ["A Title"] and papers[0].profile_owner == "Ada Lovelace"
    assert messages(report) == [
        f"{path}:14: expected a date line, then title, author and abstract lines, "
        "got 1 text line(s) after the date line"
    ]


def test_bad_utf8_skips_only_the_record_it_is_in(tmp_path):
    data = b"Abstract: fine\nAbstract: caf\xe9 au lait\nAbstract: also fine\n"
    path, papers, report = run(tmp_path, "abstracts.txt", data)
    assert [p.abstract for p in papers] == ["fine", "also fine"]
    assert report.skipped == 1
    assert messages(report) == [
        f"{path}:2: expected UTF-8 text, got byte 0xe9 at column 14",
        f"{path}:2: skipped this abstract: it holds text that is not UTF-8",
    ]


def test_bad_utf8_in_a_listing_record(tmp_path):
    data = LISTING.encode() + b"CVNov 20, 2022\nA TitleAda \xffLovelace\nText.\n"
    path, papers, report = run(tmp_path, "listing.txt", data)
    assert len(papers) == 1 and report.skipped == 1
    assert messages(report)[-1] == f"{path}:4: skipped this record: it holds text that is not UTF-8"


def test_damaged_gzip(tmp_path):
    path, papers, report = run(tmp_path, "x.jsonl.gz", b"\x1f\x8b\x08\x00garbage")
    assert papers == [] and messages(report)[0].startswith(f"{path}: expected a gzip stream, got a damaged one")


def test_missing_path_is_reported(tmp_path):
    report = ParseReport()
    assert list(parse_paths([tmp_path / "nope.txt"], report=report)) == []
    assert messages(report) == [f"{tmp_path / 'nope.txt'}: expected a file or folder, got a path that does not exist"]


@pytest.mark.parametrize("name", ["empty.txt", "x.bin"])
def test_one_bad_file_does_not_stop_the_others(tmp_path, name):
    (tmp_path / name).write_bytes(b"" if name == "empty.txt" else b"\x00\x01")
    (tmp_path / "good.txt").write_text(LISTING)
    report = ParseReport()
    papers = list(parse_paths([tmp_path], report=report))
    assert len(papers) == 1 and len(report.errors) == 1
    assert "1 papers from 1 of 2 files" in report.summary()


def test_listing_cut_before_its_first_date_line(tmp_path):
    data = ("Half A TitleAda Lovelace\nIts abstract.\n" + LISTING).encode()
    path, papers, report = run(tmp_path, "listing.txt", data)
    assert len(papers) == 1 and report.skipped == 1
    assert messages(report) == [
        f"{path}:1: expected a date line such as 'CVNov 20, 2022', got 'Half A TitleAda Lovelace'"
    ]
