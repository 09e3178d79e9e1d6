"""Cleaning: the text formats of CONTRACT.md and trafilatura on HTML pages."""
from datetime import date

import pytest

from tests.conftest import FIXTURES
from transforms.clean import CleaningError, clean_document, parse_date
from transforms.sources import read_file, read_local


def one(path):
    [doc] = list(read_file(path))
    return doc


def test_txt_header_gives_metadata_and_title_leads_the_text():
    art = clean_document(one(FIXTURES / "corpus" / "fr_kazakhstan_otsc.txt"))
    assert art["language"] == "fr"
    assert art["published_date"] == date(2022, 1, 8) and art["published_precision"] == "day"
    assert art["url"] == "https://exemple-presse.test/2022/01/08/kazakhstan-otsc-bilan"
    assert art["text"].startswith(art["title"] + "\n\n")
    assert art["headline_end"] == len(art["title"])
    assert "url:" not in art["text"]


def test_dump_first_line_gives_month_precision(tmp_path):
    p = tmp_path / "dump.txt"
    p.write_text("date 2022-01 Des troupes arrivent à Almaty\n\nLe corps du texte, assez long pour un article.\n", "utf-8")
    art = clean_document(one(p))
    assert art["published_date"] == date(2022, 1, 1) and art["published_precision"] == "month"
    assert art["title"] == "Des troupes arrivent à Almaty"
    assert art["text"].startswith("Des troupes arrivent à Almaty\n\nLe corps")


def test_html_page_keeps_article_and_drops_chrome():
    art = clean_document(one(FIXTURES / "corpus" / "en_mali_peacekeepers.html"))
    assert art["title"].startswith("Three peacekeepers killed")
    assert art["url"] == "https://sahel-monitor.test/2023/03/15/mali-peacekeepers-killed"
    assert art["published_date"] == date(2023, 3, 15)
    assert art["language"] == "en"
    assert "Aguelhok" in art["text"]
    assert "Subscribe" not in art["text"]


def test_article_id_is_stable_across_reads():
    path = FIXTURES / "corpus" / "fr_kazakhstan_otsc.txt"
    assert clean_document(one(path))["article_id"] == clean_document(one(path))["article_id"]


@pytest.mark.parametrize("name, words", [("empty.txt", "empty"), ("binary.html", "binary")])
def test_bad_documents_raise_a_clear_reason(name, words):
    doc = one(FIXTURES / "bad" / name)
    with pytest.raises(CleaningError, match=words):
        clean_document(doc)


def test_latin1_text_is_decoded(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("title: Émeutes\n\nLes forces de l'ordre ont interpellé des émeutiers à Nouméa, a précisé le préfet.".encode("latin-1"))
    art = clean_document(one(p))
    assert "interpellé" in art["text"] and art["title"] == "Émeutes"


def test_unsupported_and_missing_sources_are_rejected_not_lost(tmp_path):
    docs = read_local(FIXTURES / "bad")
    by_name = {d["source_uri"].rsplit("/", 1)[-1]: d for d in docs}
    assert by_name["notes.pdf"]["status"] == "rejected" and "unsupported" in by_name["notes.pdf"]["reason"]
    [missing] = read_local(tmp_path / "nope")
    assert missing["status"] == "rejected" and "no such file" in missing["reason"]


def test_parse_date_precisions():
    assert parse_date("2022-01-07") == (date(2022, 1, 7), "day")
    assert parse_date("2022-01") == (date(2022, 1, 1), "month")
    assert parse_date("2022") == (date(2022, 1, 1), "year")
    assert parse_date(None) == (None, None)
