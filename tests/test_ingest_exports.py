"""Readers of bibliographic exports: RIS, Scopus CSV, Web of Science (plain text, tab-delimited),
OpenAlex works. Sample files in tests/data/exports/ follow each published format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkit.ingest import ParseReport, parse_file, parse_paths

DATA = Path(__file__).parent / "data" / "exports"


def read(name: str):
    papers, report = parse_file(DATA / name)
    return papers, report, [str(w) for w in report.warnings]


def test_ris_records_authors_venue_doi_and_the_record_without_abstract():
    papers, report, warnings = read("sample.ris")
    assert report.files[0].format == "ris"
    bert, word2vec = papers
    assert bert.title.startswith("BERT: Pre-training")
    assert bert.authors == ("Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova")
    assert (bert.year, bert.external_id, bert.url, bert.line) == (
        2019, "10.18653/v1/N19-1423", "https://aclanthology.org/N19-1423", 1)
    assert bert.venue.startswith("Proceedings of the 2019 Conference of the North American")
    assert bert.keywords == ("language models", "pre-training")
    assert word2vec.abstract.startswith("We propose two novel") and word2vec.year == 2013  # N2, "2013///"
    assert word2vec.venue == "arXiv preprint"
    assert warnings == [f"{DATA / 'sample.ris'}:29: expected an abstract (an AB or N2 line) in this RIS record, "
                        "got none; record skipped"]


def test_ris_unclosed_record_and_stray_lines_name_their_lines(tmp_path):
    path = tmp_path / "broken.ris"
    path.write_text("TY  - JOUR\nTI  - One\nAB  - Text one.\nER  - \nnot a tag line\n"
                    "TY  - JOUR\nTI  - Two\nAB  - Text two.\n")
    papers, report = parse_file(path)
    assert [p.title for p in papers] == ["One"] and report.skipped == 1
    assert [str(w) for w in report.warnings] == [
        f"{path}:5: expected a RIS record opening with 'TY - ', got 'not a tag line'",
        f"{path}:6: expected 'ER -' closing this RIS record, got the end of the file; record skipped",
    ]


def test_scopus_csv_full_names_ids_keywords_and_copyright_line():
    papers, report, warnings = read("scopus.csv")
    assert report.files[0].format == "scopus"
    attention, glove = papers
    assert attention.authors == ("Ashish Vaswani", "Noam Shazeer", "Niki Parmar")
    assert attention.author_ids == ("scopus:57195936588", "scopus:6507184627", "scopus:57195937254")
    assert attention.abstract.endswith("superior in quality.")  # "© 2017 …" dropped
    assert (attention.year, attention.external_id) == (2017, "2-s2.0-85043466620")
    assert attention.keywords == ("Machine translation", "Attention", "Neural networks", "Recurrent neural networks")
    assert glove.line == 3 and glove.authors[-1] == "Christopher D. Manning"
    assert "\n" not in glove.abstract and glove.abstract.endswith("context window methods.")
    # the multi-line abstract above moves the next row's first line to 5
    assert warnings == [f"{DATA / 'scopus.csv'}:5: expected an 'Abstract' in this row, got none; row skipped"]


def test_scopus_csv_row_with_missing_columns(tmp_path):
    path = tmp_path / "scopus.csv"
    path.write_text('"Authors","Title","Year","Source title","Abstract","EID"\n'
                    '"Lovelace A.","T","2020","J","Text.","2-s2.0-1"\n"Turing A.","only two"\n')
    papers, report = parse_file(path)
    assert [p.authors for p in papers] == [("A. Lovelace",)]
    assert [str(w) for w in report.warnings] == [
        f"{path}:3: expected 6 columns as in the header, got 2; row skipped"]


def test_wos_plain_text_continuation_lines():
    papers, report, warnings = read("wos.txt")
    assert report.files[0].format == "wos"
    [lstm] = papers
    assert lstm.authors == ("Sepp Hochreiter", "Juergen Schmidhuber")
    assert lstm.abstract.startswith("Learning to store information over extended time intervals by recurrent "
                                    "backpropagation takes")
    assert (lstm.title, lstm.venue, lstm.year, lstm.external_id, lstm.line) == (
        "Long short-term memory", "NEURAL COMPUTATION", 1997, "WOS:A1997YA04500007", 3)
    assert lstm.url == "https://doi.org/10.1162/neco.1997.9.8.1735"
    assert warnings == [f"{DATA / 'wos.txt'}:28: expected an abstract ('AB') in this Web of Science record, "
                        "got none; record skipped"]


def test_wos_plain_text_unclosed_record(tmp_path):
    path = tmp_path / "savedrecs.txt"
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Lovelace, A\nAB Text.\n")
    papers, report = parse_file(path)
    assert papers == [] and report.skipped == 1
    assert [str(w) for w in report.warnings] == [
        f"{path}:3: expected 'ER' closing this Web of Science record, got the end of the file; record skipped"]


def test_wos_tab_delimited():
    papers, report, warnings = read("wos_tab.txt")
    assert report.files[0].format == "wos-tab"
    [seq2seq] = papers
    assert seq2seq.authors == ("Ilya Sutskever", "Oriol Vinyals", "Quoc V. Le")
    assert (seq2seq.year, seq2seq.external_id, seq2seq.line) == (2014, "WOS:000452647100012", 2)
    assert seq2seq.keywords == ("sequence learning", "LSTM")
    assert len(warnings) == 1 and warnings[0].startswith(f"{DATA / 'wos_tab.txt'}:3: expected an abstract")


def test_openalex_works_ids_venue_terms_and_rebuilt_abstract():
    papers, report, warnings = read("openalex.jsonl")
    assert report.files[0].format == "openalex"
    bert, glove = papers
    assert bert.authors == ("Jacob Devlin", "Ming-Wei Chang", "Kristina Toutanova")
    assert bert.author_ids[0] == "https://openalex.org/A5011950453" and len(bert.author_ids) == 3
    assert bert.venue == "North American Chapter of the Association for Computational Linguistics"
    assert bert.abstract.startswith("We introduce a new language representation model called BERT, which stands")
    assert bert.abstract.endswith("on eleven natural language processing tasks.")
    assert "Computer science" not in bert.keywords  # level-0 concepts are disciplines, not tasks
    assert "Question Answering" in bert.keywords and "Natural language processing" in bert.keywords
    assert (bert.year, bert.date, bert.external_id, bert.url) == (
        2019, "2019-01-01", "https://openalex.org/W2963403868", "https://doi.org/10.18653/v1/n19-1423")
    assert glove.venue == "Empirical Methods in Natural Language Processing"
    assert warnings == [f"{DATA / 'openalex.jsonl'}:3: expected an 'abstract_inverted_index' (the abstract), got none"]


def test_openalex_malformed_lines_are_warnings(tmp_path):
    path = tmp_path / "works.jsonl"
    good = {"id": "https://openalex.org/W1", "authorships": [], "abstract_inverted_index": {"Hi.": [0]}}
    lines = [good, {**good, "abstract_inverted_index": {"x": "zero"}}, {**good, "authorships": "Ada"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{not json\n")
    papers, report = parse_file(path)
    assert [p.abstract for p in papers] == ["Hi."] and report.skipped == 3
    assert [str(w) for w in report.warnings] == [
        f"{path}:2: expected 'abstract_inverted_index' to map each word to a list of positions, got 'x': zero",
        f"{path}:3: expected 'authorships' as a list, got a JSON str",
        f"{path}:4: expected a JSON object, got invalid JSON (Expecting property name enclosed in double quotes): "
        "'{not json'",
    ]


@pytest.mark.parametrize("fmt", ["ris", "scopus", "wos", "wos-tab", "openalex"])
def test_forcing_a_format_on_the_wrong_file_warns_and_reads_nothing(fmt, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\nmilk\n")
    report = ParseReport()
    assert list(parse_paths([path], fmt=fmt, report=report)) == []
    assert report.warnings and all(str(w).startswith(f"{path}:") for w in report.warnings)


def test_parse_output_keeps_author_ids_and_keywords(tmp_path):
    from graphkit.ingest import output_record

    papers, _ = parse_file(DATA / "openalex.jsonl")
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(json.dumps(output_record(p)) for p in papers) + "\n")
    again, _ = parse_file(path)
    assert [(p.author_ids, p.keywords) for p in again] == [(p.author_ids, p.keywords) for p in papers]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_damaged_export_files_parse_or_fail_cleanly(name):
    import random

    from graphkit.errors import ParseError
    from graphkit.ingest import parse_bytes

    data = (DATA / name).read_bytes()
    rng = random.Random(21)
    fmt = parse_file(DATA / name)[1].files[0].format
    for _ in range(400):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            action, at = rng.random(), rng.randrange(len(damaged))
            if action < 0.4:
                damaged[at] = rng.choice(b'\t\r\n"{}[],;:\\ \x0cAZ09\xff\xc3')
            elif action < 0.7:
                del damaged[at : at + rng.randint(1, 80)]
            else:
                damaged[at:at] = damaged[rng.randrange(len(damaged)) :][: rng.randint(1, 80)]
        for forced in (None, fmt):
            try:
                papers, report = parse_bytes(bytes(damaged), fmt=forced, source="damaged")
            except ParseError as err:
                assert str(err).startswith("damaged:") and "\n" not in str(err)
                continue
            assert all(p.abstract for p in papers)
            assert all(str(w).startswith("damaged:") for w in report.warnings)


def test_openalex_author_ids_are_identity_evidence_and_topics_the_abstract_states_are_tasks(tmp_path):
    from graphkit.build.graph import to_graph
    from graphkit.extract import extract_papers
    from graphkit.identity.candidates import author_candidates

    def work(n, name, topic):
        words = f"We study {topic.lower()} with graphs. Results are good.".split()
        index = {}
        for position, word in enumerate(words):
            index.setdefault(word, []).append(position)
        return {"id": f"https://openalex.org/W{n}", "title": f"Paper {n}", "publication_year": 2020,
                "authorships": [{"author": {"id": "https://openalex.org/A5012023211", "display_name": name}},
                                {"author": {"id": f"https://openalex.org/A9{n}", "display_name": f"Other Person{n}"}}],
                "topics": [{"display_name": topic}, {"display_name": "Not In The Abstract"}],
                "abstract_inverted_index": index}

    path = tmp_path / "works.jsonl"
    path.write_text(json.dumps(work(1, "Christopher D. Manning", "Graph Sparsification")) + "\n"
                    + json.dumps(work(2, "C. Manning", "Machine Translation")) + "\n")
    papers, _ = parse_file(path)
    extracted = list(extract_papers(papers))
    terms = [(e.kind, e.name, e.evidence[0].rule) for x in extracted for e in x.entities
             if e.evidence and e.evidence[0].rule == "source_term"]
    assert ("task", "graph sparsification", "source_term") in terms  # extraction alone finds nothing
    tasks = [e.name for e in extracted[1].entities if e.kind == "task"]
    assert tasks.count("machine translation") == 1  # found by extraction already: not repeated
    assert not any(name.lower() == "not in the abstract" for _, name, _ in terms)
    graph = to_graph(extracted)
    authors = {n.id: n.properties for n in graph.nodes if n.label == "Author"}
    assert authors["christopherd manning"]["external_ids"] == ["https://openalex.org/A5012023211"]
    [candidate] = [c for c in author_candidates(graph) if {c.keep, c.drop} >= {"christopherd manning", "c manning"}]
    assert any(r.kind == "external_id" for r in candidate.reasons)


@pytest.mark.parametrize("fmt", ["ris", "wos"])
def test_a_record_larger_than_the_limits_allow_is_skipped_and_the_next_read(fmt, tmp_path):
    from graphkit.ingest import Limits

    limits = Limits(abstract_chars=100, title_chars=10, field_chars=10, authors=2)  # records of 398 characters
    long = "word " * 400
    if fmt == "ris":
        text = (f"TY  - JOUR\nTI  - Big\nAB  - {long}\nAU  - A, B\nER  - \n"
                "TY  - JOUR\nTI  - Small\nAB  - Fine.\nER  - \n")
    else:
        text = (f"FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Big\nAB {long}\n   more\nER\n"
                "PT J\nTI Small\nAB Fine.\nER\nEF\n")
    path = tmp_path / "big.txt"
    path.write_text(text)
    report = ParseReport()
    papers = list(parse_paths([path], fmt=fmt, report=report, limits=limits))
    assert [p.title for p in papers] == ["Small"] and report.skipped == 1
    assert [str(w) for w in report.warnings] == [
        f"{path}:{1 if fmt == 'ris' else 3}: expected a {'RIS' if fmt == 'ris' else 'Web of Science'} record of at "
        "most 398 characters, got more; record skipped"]
