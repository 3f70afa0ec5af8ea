"""The seed pages parse exactly: counts, every title/author split, et al., owners, dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.ingest import ParseReport, parse_paths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TRUTH = json.loads((ROOT / "tests" / "data" / "seed_titles_authors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed():
    report = ParseReport()
    papers = list(parse_paths([SEEDS], report=report))
    return papers, report


def test_seed_folder_gives_83_papers_53_with_titles(parsed):
    papers, report = parsed
    assert len(papers) == 83
    assert sum(1 for p in papers if p.title) == 53
    assert report.skipped == 0 and report.warnings == []
    assert {f.source: f.format for f in report.files} == {
        "000_1fd7cdb3c6acac64.txt": "abstracts",
        "001_60629f37f386c8f7.txt": "abstracts",
        "002_195db768c23b6a54.txt": "profile",
        "003_23b146f6969ee4b3.txt": "abstracts",
        "004_50224a48955ca08a.txt": "listing",
    }


@pytest.mark.parametrize("source", sorted(TRUTH))
def test_every_title_and_author_list_matches_the_ground_truth(parsed, source):
    papers = [p for p in parsed[0] if p.source == source]
    got = [{"title": p.title, "authors": list(p.authors), "authors_truncated": p.authors_truncated} for p in papers]
    assert got == TRUTH[source]


def test_authors_truncated_exactly_where_the_page_says_et_al(parsed):
    for source in TRUTH:
        lines = [line for line in (SEEDS / source).read_text(encoding="utf-8").splitlines()]
        et_al_lines = sum(1 for line in lines if line.endswith(" et al."))
        papers = [p for p in parsed[0] if p.source == source]
        assert sum(p.authors_truncated for p in papers) == et_al_lines > 0


def test_profile_owner_on_the_35_profile_papers_only(parsed):
    papers, report = parsed
    owned = [p for p in papers if p.profile_owner is not None]
    assert len(owned) == 35
    assert {p.profile_owner for p in owned} == {"Haifeng Hu"}
    assert {p.source for p in owned} == {"002_195db768c23b6a54.txt"}
    [owner] = report.profiles
    assert (owner.name, owner.h_index, owner.paper_count, owner.citations) == ("Haifeng Hu", 21, 35, 1942)
    assert owner.metrics["Novelty"] == "54%" and owner.metrics["AI Score"] == "59"


def test_dates_without_year_give_null_year(parsed):
    by_title = {p.title: p for p in parsed[0] if p.title}
    post = by_title[TRUTH["002_195db768c23b6a54.txt"][1]["title"]]
    assert (post.date, post.year, post.category, post.has_code) == ("May 18", None, "AI", True)
    first = by_title[TRUTH["002_195db768c23b6a54.txt"][0]["title"]]
    assert (first.date, first.year, first.category, first.has_code) == ("Oct 31, 2022", 2022, "LG", True)
    no_year = [p for p in parsed[0] if p.date and "," not in p.date]
    assert len(no_year) == 5 and all(p.year is None for p in no_year)


def test_affiliation_line_goes_to_every_paper_of_its_page(parsed):
    papers = [p for p in parsed[0] if p.source.startswith("001_")]
    assert len(papers) == 10
    assert {p.affiliation for p in papers} == {
        "School of Electronic and Information Engineering Liaoning Technical University "
        "Xingcheng City, Liaoning Province, P. R. China"
    }
    assert all(p.affiliation is None for p in parsed[0] if p.source.startswith("003_"))


def test_ids_are_stable_and_lines_point_at_the_records(parsed):
    again = list(parse_paths([SEEDS]))
    assert [p.id for p in again] == [p.id for p in parsed[0]]
    assert len({p.id for p in again}) == 83
    first = next(p for p in parsed[0] if p.source.startswith("002_"))
    assert first.line == 12 and first.index == 0
