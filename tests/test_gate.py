"""Gate logic on real GX validations: quarantine moves rows, gate stops, warn records."""
from datetime import date

import polars as pl

from expectations import articles, facts
from expectations.derive import with_article_checks, with_fact_checks
from expectations.gate import validate
from transforms.schema import ARTICLE_SCHEMA, CASUALTY_SCHEMA, frame


def article(i, **kw):
    row = {"article_id": f"a{i}", "text": "x" * 400, "n_chars": 400, "language": "fr",
           "published_date": date(2022, 1, 10), "published_precision": "day", "title": "t"}
    row.update(kw)
    return row


def test_quarantine_moves_only_the_failing_rows():
    df = frame([article(1), article(2, language="de"), article(3, text="court", n_chars=5)], ARTICLE_SCHEMA)
    res = validate(articles.SUITE, with_article_checks(df), "r1", n_input=3)
    assert res.passed["article_id"].to_list() == ["a1"]
    got = dict(zip(res.quarantined["expectation"], res.quarantined["reason"]))
    assert "language_in_set" in got and "n_chars_between" in got
    assert not res.gate_failed
    assert not any(c.startswith("_") for c in res.passed.columns)


def test_duplicate_ids_fail_the_gate():
    df = frame([article(1), article(1)], ARTICLE_SCHEMA)
    res = validate(articles.SUITE, with_article_checks(df), "r1", n_input=2)
    assert res.gate_failed and "article_id_unique" in res.gate_failures[0]


def test_stage_with_input_and_no_output_fails_its_gate():
    res = validate(articles.SUITE, with_article_checks(frame([], ARTICLE_SCHEMA)), "r1", n_input=4)
    assert res.gate_failed and "output_when_input" in res.gate_failures[0]


def test_inverted_range_and_unknown_country_are_quarantined_and_old_date_only_warned():
    arts = frame([article(1)], ARTICLE_SCHEMA)
    rows = [
        {"fact_id": "f1", "article_id": "a1", "outcome": "killed", "victim_group": "civilians", "count_low": 10, "count_best": 10,
         "count_high": 10, "qualifier": "exact", "is_subset": False, "country_iso3": "KAZ", "quote": "10 morts",
         "char_start": 0, "char_end": 2, "event_date": date(2022, 1, 9), "date_precision": "day"},
        {"fact_id": "f2", "article_id": "a1", "outcome": "killed", "victim_group": "civilians", "count_low": 200, "count_best": 200,
         "count_high": 100, "qualifier": "range", "is_subset": False, "country_iso3": "KAZ", "quote": "200 à 100",
         "char_start": 5, "char_end": 8, "event_date": date(2022, 1, 9), "date_precision": "day"},
        {"fact_id": "f3", "article_id": "a1", "outcome": "injured", "victim_group": "civilians", "count_low": 5, "count_best": 5,
         "count_high": 5, "qualifier": "exact", "is_subset": False, "country_iso3": "XXX", "quote": "5 blessés",
         "char_start": 10, "char_end": 11, "event_date": date(2022, 1, 9), "date_precision": "day"},
        {"fact_id": "f4", "article_id": "a1", "outcome": "detained", "victim_group": "rioters", "count_low": 7, "count_best": 7,
         "count_high": 7, "qualifier": "exact", "is_subset": False, "country_iso3": "KAZ", "quote": "7 interpellés",
         "char_start": 20, "char_end": 21, "event_date": date(2019, 1, 7), "date_precision": "day"},
    ]
    df = frame(rows, CASUALTY_SCHEMA)
    res = validate(facts.CASUALTIES, with_fact_checks(df, arts, "casualty"), "r1", None)
    assert sorted(res.passed["fact_id"]) == ["f1", "f4"]
    why = dict(zip(res.quarantined["record"].str.extract(r'"fact_id": "(f\d)"'), res.quarantined["expectation"]))
    assert "count_best_le_count_high" in why["f2"]
    assert "country_iso3_known" in why["f3"]
    warned = res.results.filter((pl.col("severity") == "warn") & ~pl.col("success"))["expectation"].to_list()
    assert "event_date_within_year_of_publication" in warned
