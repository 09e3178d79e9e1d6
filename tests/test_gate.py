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


# ---- suites as the issue lists them ---------------------------------------------------------------

import json  # noqa: E402

import pytest  # noqa: E402

from expectations import dimensions, mentions, raw_documents  # noqa: E402
from expectations.checks import GATE, QUARANTINE, WARN, Suite, in_set  # noqa: E402
from expectations.derive import country_codes, organisation_codes  # noqa: E402
from expectations.gate import gx_suite  # noqa: E402
from transforms.schema import DEPLOYMENT_SCHEMA, TROOP_COUNT_SCHEMA  # noqa: E402


def casualty(fid, **kw):
    row = {"fact_id": fid, "article_id": "a1", "outcome": "killed", "victim_group": "civilians", "count_low": 10,
           "count_best": 10, "count_high": 10, "qualifier": "exact", "is_subset": False, "country_iso3": "KAZ",
           "quote": "10 morts", "char_start": 0, "char_end": 2, "event_date": date(2022, 1, 9), "date_precision": "day"}
    row.update(kw)
    return row


def check_facts(rows, kind="casualty", schema=CASUALTY_SCHEMA):
    arts = frame([article(1)], ARTICLE_SCHEMA)
    return validate(facts.BY_KIND[kind], with_fact_checks(frame(rows, schema), arts, kind), "r1", None)


def failed(res) -> dict:
    return {r["expectation"]: r for r in res.results.filter(~pl.col("success")).iter_rows(named=True)}


def test_every_check_has_a_known_severity_and_suites_read_as_gx_suites():
    suites = [articles.SUITE, raw_documents.SUITE, mentions.SUITE, *facts.BY_KIND.values(), dimensions.ARTICLES,
              dimensions.COUNTRIES, dimensions.ORGANISATIONS]
    for s in suites:
        gx = gx_suite(s)
        assert len(gx.expectations) == len(s.checks)
        for exp, check in zip(gx.expectations, s.checks):
            assert exp.meta["severity"] == check.severity in (GATE, QUARANTINE, WARN)
            assert str(getattr(exp.severity, "value", exp.severity)) == {"gate": "critical", "quarantine": "warning", "warn": "info"}[check.severity]
            assert check.name in exp.description and check.reason in exp.description
    with pytest.raises(ValueError):
        Suite("s", "x", [in_set("a", [1]), in_set("a", [2])])


def test_plausible_bounds_depend_on_the_outcome():
    res = check_facts([
        casualty("ok-killed", count_low=300_000, count_best=300_000, count_high=300_000),
        casualty("too-many-detained", outcome="detained", count_low=300_000, count_best=300_000, count_high=300_000),
        casualty("zero", outcome="injured", count_low=0, count_best=0, count_high=0),
    ])
    assert sorted(res.passed["fact_id"]) == ["ok-killed"]
    f = failed(res)
    assert f["count_best_plausible_detained"]["unexpected_count"] == 1
    assert f["count_best_plausible_injured"]["unexpected_count"] == 1
    assert "count_best_plausible_killed" not in f
    example = json.loads(f["count_best_plausible_detained"]["unexpected_examples"])[0]
    assert example == {"fact_id": "too-many-detained", "count_best": 300_000, "outcome": "detained", "quote": "10 morts"}


def test_qualifier_must_match_low_and_high():
    res = check_facts([
        casualty("at-least-with-high", qualifier="at_least", count_high=10),
        casualty("approx-ok", qualifier="approx", count_low=None, count_high=None),
        casualty("range-flat", qualifier="range", count_low=10, count_best=10, count_high=10),
    ])
    assert sorted(res.passed["fact_id"]) == ["approx-ok"]
    assert failed(res)["qualifier_consistent"]["unexpected_count"] == 2


def test_date_after_publication_is_warned_with_both_dates_as_evidence():
    res = check_facts([casualty("future", event_date=date(2022, 3, 1))])
    assert res.passed.height == 1
    ex = json.loads(failed(res)["event_date_not_after_publication"]["unexpected_examples"])[0]
    assert ex["event_date"] == "2022-03-01" and ex["published_date"] == "2022-01-10"
    assert failed(res)["event_date_not_after_publication"]["severity"] == "warn"


def test_offsets_outside_the_text_and_empty_quotes_are_quarantined():
    res = check_facts([casualty("far", char_start=390, char_end=420), casualty("blank", quote="  ")])
    assert res.passed.height == 0
    assert {"offsets_inside_text", "quote_present"} <= set(failed(res))


def test_fact_of_an_unknown_article_is_quarantined():
    res = check_facts([casualty("orphan", article_id="nowhere")])
    assert res.passed.height == 0 and "article_exists" in failed(res)


def test_actor_codes_countries_organisations_and_kosovo():
    assert {"KAZ", "XKX", "FRA"} <= country_codes() and "CSTO" not in country_codes()
    assert {"CSTO", "UN", "NATO", "EU", "AU", "ECOWAS", "OSCE", "SADC", "EAC"} <= organisation_codes()
    dep = lambda fid, s, r: {"fact_id": fid, "article_id": "a1", "sender": s, "receiver": r, "status": "deployed",  # noqa: E731
                             "quote": "q", "char_start": 0, "char_end": 1, "event_date": date(2022, 1, 9), "date_precision": "day"}
    res = check_facts([dep("ok", "CSTO", "KAZ"), dep("kosovo", "TUR", "XKX"), dep("org-receiver", "RUS", "CSTO"),
                       dep("self", "KAZ", "KAZ"), dep("bad-sender", "RUX", "KAZ")], "deployment", DEPLOYMENT_SCHEMA)
    assert sorted(res.passed["fact_id"]) == ["kosovo", "ok"]
    f = failed(res)
    assert f["receiver_known"]["unexpected_count"] == 1 and f["sender_known"]["unexpected_count"] == 1
    assert f["sender_is_not_receiver"]["unexpected_count"] == 1
    troops = [{"fact_id": "t1", "article_id": "a1", "actor": None, "country_iso3": "MLI", "count_low": 13_000, "count_best": 13_000,
               "count_high": 13_000, "qualifier": "exact", "quote": "q", "char_start": 0, "char_end": 1}]
    assert check_facts(troops, "troop_count", TROOP_COUNT_SCHEMA).passed.height == 1  # an unsaid actor is allowed


def test_raw_documents_rejection_needs_a_reason_and_empty_files_are_flagged():
    def doc(i, **kw):
        return {"document_id": f"d{i}", "source_uri": f"file:///x/{i}.txt", "status": "ok", "reason": None,
                "content_type": "text/plain", "n_bytes": 100, **kw}
    ok = pl.DataFrame([doc(1), doc(2, n_bytes=0), doc(3, status="rejected", reason="unsupported file type")])
    res = validate(raw_documents.SUITE, ok, "r1", n_input=3)
    assert not res.gate_failed
    f = failed(res)
    assert f["document_not_empty"]["severity"] == "warn" and "2.txt" in f["document_not_empty"]["unexpected_examples"]
    assert f["document_readable"]["unexpected_count"] == 1
    res = validate(raw_documents.SUITE, pl.DataFrame([doc(1, status="rejected")]), "r1", n_input=1)
    assert res.gate_failed and "rejection_has_reason" in res.gate_failures[0]


def test_dimension_code_tables_without_a_hole_pass_and_a_hole_stops_the_run():
    dim = frame([article(1, source_uri="file:///x/1.txt", url="file:///x/1.txt", source="s")], ARTICLE_SCHEMA).select(
        ["article_id", "source_uri", "url", "title", "source", "published_date", "published_precision", "language", "n_chars"])
    results = {s.name: validate(s, df, "r1", None) for s, df in dimensions.frames(dim)}
    assert not any(r.gate_failed for r in results.values()), {k: r.gate_failures for k, r in results.items()}
    assert all(r.passed.height == r.run["n_rows"][0] for r in results.values())  # nothing moves at this stage
    countries = dict((s.name, df) for s, df in dimensions.frames(dim))["dim_countries"]
    holed = validate(dimensions.COUNTRIES, countries.filter(pl.col("iso3") != "KAZ"), "r1", None)
    assert holed.gate_failed
    assert "KAZ" in failed(holed)["every_accepted_code_present"]["observed_value"]


def test_results_carry_reason_and_observed_value():
    res = check_facts([casualty("f1"), casualty("f2", country_iso3="XXX")])
    row = failed(res)["country_iso3_known"]
    assert row["reason"] == "country code is not ISO 3166-1 alpha-3"
    assert row["observed_value"] == "1 of 2 rows unexpected"
    assert row["column_name"] == "country_iso3"
    assert json.loads(row["unexpected_examples"]) == [{"fact_id": "f2", "country_iso3": "XXX", "quote": "10 morts"}]


def test_date_checks_read_a_month_or_year_as_the_whole_period():
    arts = frame([article(1, published_date=date(2025, 2, 4)), article(2, published_date=date(2022, 1, 1), published_precision="month")],
                 ARTICLE_SCHEMA)
    rows = [casualty("last-year", event_date=date(2024, 1, 1), date_precision="year"),       # 2024 ends within a year of 2025-02-04
            casualty("old-month", event_date=date(2023, 12, 1), date_precision="month"),     # December 2023 ends 14 months before
            casualty("in-pub-month", article_id="a2", event_date=date(2022, 1, 20)),         # inside a month-precision publication
            casualty("after", article_id="a2", event_date=date(2022, 2, 5))]
    res = validate(facts.CASUALTIES, with_fact_checks(frame(rows, CASUALTY_SCHEMA), arts, "casualty"), "r1", None)
    f = failed(res)
    assert [e["fact_id"] for e in json.loads(f["event_date_within_year_of_publication"]["unexpected_examples"])] == ["old-month"]
    assert [e["fact_id"] for e in json.loads(f["event_date_not_after_publication"]["unexpected_examples"])] == ["after"]
