"""Unseen pages: real ACL records rendered into the three page formats parse back exactly.

Reads the corpus ($GRAPHKIT_CORPUS or the shared default). Without it the test skips, or
fails when GRAPHKIT_REQUIRE_SERVICES=1 (CI). Samples a few hundred records plus adversarial
titles (ending in acronyms, digits, CamelCase words, punctuation) and CamelCase given names.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import service_missing
from pagerender import (
    chunks,
    corpus_path,
    corpus_rows,
    expected,
    record_from_row,
    render_abstracts,
    render_listing,
    render_profile,
    representable,
)

from graphkit.ingest import parse_text

FIELDS = ("title", "authors", "authors_truncated", "abstract", "year", "date", "category", "has_code")
ADVERSARIAL = {
    "acronym": re.compile(r"\b[A-Z]{2,}s?$"),
    "digit": re.compile(r"\d$"),
    "camelcase": re.compile(r"[a-z][A-Z]\w*$"),
    "punctuation": re.compile(r"[?!.)\]”’]$"),
    "hyphenated": re.compile(r"\w-[A-Z]\w+$"),
}
PER_KIND = 40
SAMPLE = 300


@pytest.fixture(scope="module")
def corpus_records():
    if not corpus_path().exists():
        service_missing(f"corpus {corpus_path()} is missing")
    rng = random.Random(20261122)
    sample, chosen = [], {kind: [] for kind in ADVERSARIAL}
    camel_given = []
    for i, row in enumerate(corpus_rows()):
        if len(sample) < SAMPLE:
            sample.append(row)
        elif (j := rng.randrange(i + 1)) < SAMPLE:
            sample[j] = row
        title = row["title"].strip()
        for kind, pattern in ADVERSARIAL.items():
            if len(chosen[kind]) < PER_KIND and pattern.search(title) and rng.random() < 0.3:
                chosen[kind].append(row)
        given = row["authors"][0].split(" ")[0]
        if len(camel_given) < PER_KIND and re.fullmatch(r"[A-Z][a-z]+[A-Z][a-z]+", given):
            camel_given.append(row)
    rows = sample + [r for rows in chosen.values() for r in rows]
    records = [record_from_row(row, keep_year=k % 4 != 3) for k, row in enumerate(rows)]
    camel = [record_from_row(row) for row in camel_given]
    return records, camel


def _round_trip(records, render, page_format):
    wanted = [r for r in records if representable(r, page_format)]
    mismatches = []
    for page in chunks(wanted, 20):
        papers, report = parse_text(render(page), source=f"{page_format}.txt")
        assert report.skipped == 0, [str(w) for w in report.warnings]
        assert len(papers) == len(page)
        for record, paper in zip(page, papers):
            want = expected(record, titled=page_format != "abstracts")
            got = {f: getattr(paper, f) for f in want}
            got["authors"] = list(got["authors"])
            if got != want:
                mismatches.append((want, got))
    return len(wanted), mismatches


@pytest.mark.parametrize(
    "page_format, render",
    [("profile", render_profile), ("listing", render_listing), ("abstracts", render_abstracts)],
)
def test_corpus_records_round_trip_exactly(corpus_records, page_format, render):
    records, _ = corpus_records
    total, mismatches = _round_trip(records, render, page_format)
    assert total >= SAMPLE
    assert mismatches == []


def test_abstract_page_with_affiliation(corpus_records):
    records, _ = corpus_records
    papers, _ = parse_text(render_abstracts(records[:30], affiliation="Saarland University, Germany"))
    assert [p.abstract for p in papers] == [r.abstract for r in records[:30]]
    assert {p.affiliation for p in papers} == {"Saarland University, Germany"}


def test_adversarial_titles_were_found(corpus_records):
    records, camel = corpus_records
    assert len(records) == SAMPLE + PER_KIND * len(ADVERSARIAL)
    assert len(camel) == PER_KIND


def test_camelcase_first_names_on_listings(corpus_records):
    """First authors named like EunJeong or MinhQuang: the CamelCase given name stays whole."""
    _, camel = corpus_records
    total, mismatches = _round_trip(camel, render_listing, "listing")
    assert total == PER_KIND
    # a CamelCase given name is told from a CamelCase title word by name syllables; allow a few misses
    assert len(mismatches) <= PER_KIND // 10, mismatches
