"""Planted problems at the frame level, through the real suites, gate, warehouse writers and report:
an inverted range, an unknown country code, a date years before publication, an empty article,
an implausible figure. Each must show in dq.expectation_results and the report, with its rows
quarantined or only flagged as its severity says, and the clean facts published."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest

from expectations import articles as articles_suite
from expectations import dimensions
from expectations import facts as facts_suites
from expectations.derive import with_article_checks, with_fact_checks
from expectations.gate import validate
from transforms.schema import ARTICLE_SCHEMA, CASUALTY_SCHEMA, DEPLOYMENT_SCHEMA, TROOP_COUNT_SCHEMA, frame
from warehouse import db as wh
from warehouse import publish

RUN = "planted-run-0001"

TEXTS = {
    "nga": ("en", date(2024, 3, 14), "NGA",
            "Nigeria: gunmen kill nine villagers\n\nGunmen killed 9 villagers in Mangu on 12 March 2014, police said on "
            "Thursday. Police said 6 people were wounded and 11 suspects were arrested, the police spokesman added. "
            "The governor promised that those responsible would be brought to justice and ordered a curfew in the "
            "district while soldiers patrolled the main roads."),
    "ecu": ("es", date(2021, 9, 30), "ECU",
            "Ecuador: al menos 116 muertos en una cárcel\n\nAl menos 116 presos murieron y 80 resultaron heridos en la "
            "cárcel de Guayaquil, según el gobierno. Entre 200 y 100 reclusos habrían participado, dijo un guardia. "
            "El presidente declaró el estado de excepción y envió a 3 600 policías y militares a las cárceles del país."),
    "ken": ("en", date(2023, 10, 3), "HTI",
            "Kenya to send police to Haiti\n\nKenya will send 1,000 police officers to Haiti, the interior minister said "
            "on Tuesday. A few officers from Xyzland will join them, and 5 of them were injured in training, he added. "
            "The mission was approved by the Security Council after a year of requests from the Haitian government."),
}


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle, text.index("\n"))  # in the body
    return i, i + len(needle)


def planted_articles() -> pl.DataFrame:
    rows = []
    for aid, (lang, pub, _, text) in TEXTS.items():
        rows.append({"article_id": aid, "document_id": f"d-{aid}", "source_uri": f"file:///corpus/{aid}.txt",
                     "url": f"https://example-news.test/{aid}", "title": text.split("\n")[0], "source": "Example News",
                     "published_date": pub, "published_precision": "day", "language": lang, "text": text,
                     "headline_end": text.index("\n"), "n_chars": len(text), "content_hash": aid})
    rows.append({"article_id": "empty", "document_id": "d-empty", "source_uri": "file:///corpus/empty.txt", "url": None,
                 "title": "Empty page", "source": "Example News", "published_date": date(2024, 1, 1),
                 "published_precision": "day", "language": "en", "text": "", "headline_end": 0, "n_chars": 0, "content_hash": "e"})
    return frame(rows, ARTICLE_SCHEMA)


def _fact(aid: str, needle: str, **kw) -> dict:
    text = TEXTS[aid][3]
    start, end = _span(text, needle)
    sentence = next(s for s in text.split("\n\n", 1)[1].split(". ") if needle in s)
    base = {"fact_id": f"{aid}-{needle}-{kw.get('outcome') or kw.get('sender') or kw.get('actor')}", "article_id": aid,
            "quote": sentence, "char_start": start, "char_end": end, "event_date": TEXTS[aid][1], "date_precision": "day",
            "place": None, "mentions": f"[[{start},{end}]]", "n_mentions": 1, "extractor_version": "test"}
    base.update(kw)
    return base


def planted_facts() -> dict[str, pl.DataFrame]:
    cas = [
        # clean
        _fact("nga", "6", outcome="injured", victim_group="civilians", count_low=6, count_best=6, count_high=6,
              qualifier="exact", is_subset=False, country_iso3="NGA", event_date=date(2024, 3, 12)),
        _fact("nga", "11", outcome="detained", victim_group="unspecified", count_low=11, count_best=11, count_high=11,
              qualifier="exact", is_subset=False, country_iso3="NGA", event_date=date(2024, 3, 12)),
        _fact("ecu", "116", outcome="killed", victim_group="unspecified", count_low=116, count_best=116, count_high=None,
              qualifier="at_least", is_subset=False, country_iso3="ECU", event_date=date(2021, 9, 28)),
        _fact("ecu", "80", outcome="injured", victim_group="unspecified", count_low=80, count_best=80, count_high=80,
              qualifier="exact", is_subset=False, country_iso3="ECU", event_date=date(2021, 9, 28)),
        # planted: a date years before publication (warn: published, flagged)
        _fact("nga", "9", outcome="killed", victim_group="civilians", count_low=9, count_best=9, count_high=9,
              qualifier="exact", is_subset=False, country_iso3="NGA", event_date=date(2014, 3, 12)),
        # planted: an inverted range (quarantine)
        _fact("ecu", "200", outcome="detained", victim_group="unspecified", count_low=200, count_best=200, count_high=100,
              qualifier="range", is_subset=False, country_iso3="ECU"),
        # planted: an unknown country code (quarantine)
        _fact("ken", "5", outcome="injured", victim_group="state_forces", count_low=5, count_best=5, count_high=5,
              qualifier="exact", is_subset=False, country_iso3="XYZ"),
        # planted: an implausible figure for the outcome (quarantine)
        _fact("ecu", "3 600", outcome="missing", victim_group="unspecified", count_low=3_600_000, count_best=3_600_000,
              count_high=3_600_000, qualifier="exact", is_subset=False, country_iso3="ECU", fact_id="ecu-implausible"),
    ]
    dep = [
        _fact("ken", "1,000", sender="KEN", receiver="HTI", status="planned", troops_low=1000, troops_best=1000,
              troops_high=1000, qualifier="exact"),
        # planted: an unknown sender (quarantine)
        _fact("ken", "Xyzland", sender="XYL", receiver="HTI", status="planned", troops_low=None, troops_best=None,
              troops_high=None, qualifier=None),
    ]
    tro = [
        _fact("ken", "1,000", actor="KEN", country_iso3="HTI", count_low=1000, count_best=1000, count_high=1000, qualifier="exact"),
        _fact("ecu", "3 600", actor="ECU", country_iso3="ECU", count_low=3600, count_best=3600, count_high=3600, qualifier="exact"),
    ]
    return {"casualty": frame(cas, CASUALTY_SCHEMA), "deployment": frame(dep, DEPLOYMENT_SCHEMA),
            "troop_count": frame(tro, TROOP_COUNT_SCHEMA)}


def build_planted_warehouse(db: Path, run_id: str = RUN) -> dict:
    """The flow's steps on planted frames: validate each stage, publish what passed, record the checks."""
    wh.init(db)
    publish.start_run(db, run_id, ["file:///corpus"])
    arts = planted_articles()
    results = [validate(articles_suite.SUITE, with_article_checks(arts), run_id, arts.height)]
    ok = results[-1].passed
    passed = {}
    for kind, df in planted_facts().items():
        results.append(validate(facts_suites.BY_KIND[kind], with_fact_checks(df, ok, kind), run_id, None))
        passed[kind] = results[-1].passed
    dim = ok.select(["article_id", "source_uri", "url", "title", "source", "published_date", "published_precision", "language", "n_chars"])
    for suite, df in dimensions.frames(dim):
        results.append(validate(suite, df, run_id, None))
    assert not any(r.gate_failed for r in results), [r.gate_failures for r in results]
    counts = publish.publish_marts(db, run_id, arts["article_id"].to_list(), dim, passed)
    publish.record_quality(db, pl.concat([r.run for r in results]), pl.concat([r.results for r in results]),
                           pl.concat([r.quarantined for r in results]))
    publish.finish_run(db, run_id, "completed", {"documents": arts.height, **counts})
    return {"results": results, "counts": counts}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    db = tmp_path_factory.mktemp("planted") / "sitrep.duckdb"
    out = build_planted_warehouse(db)
    return db, out


def q(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_each_planted_problem_is_an_expectation_result_with_its_severity(planted):
    db, _ = planted
    failed = {(s, e): (sev, n, ex) for s, e, sev, n, ex in q(db, """
        select suite, expectation, severity, unexpected_count, unexpected_examples from dq.expectation_results
        where run_id = ? and not success""", [RUN])}
    assert failed[("fact_casualties", "count_best_le_count_high")][:2] == ("quarantine", 1)
    assert failed[("fact_casualties", "country_iso3_known")][:2] == ("quarantine", 1)
    assert failed[("fact_casualties", "event_date_within_year_of_publication")][:2] == ("warn", 1)
    assert failed[("fact_casualties", "count_best_plausible_missing")][:2] == ("quarantine", 1)
    assert failed[("clean_articles", "text_present")][:2] == ("quarantine", 1)
    assert failed[("fact_deployments", "sender_known")][:2] == ("quarantine", 1)
    # examples name the row and the values that explain the failure
    old = json.loads(failed[("fact_casualties", "event_date_within_year_of_publication")][2])[0]
    assert old["event_date"] == "2014-03-12" and old["published_date"] == "2024-03-14" and "Mangu" in old["quote"]
    inverted = json.loads(failed[("fact_casualties", "count_best_le_count_high")][2])[0]
    assert (inverted["count_best"], inverted["count_high"], inverted["qualifier"]) == (200, 100, "range")
    assert json.loads(failed[("fact_casualties", "country_iso3_known")][2])[0]["country_iso3"] == "XYZ"
    # nothing else failed by accident
    assert ("fact_casualties", "offsets_inside_text") not in failed and ("fact_troop_counts", "actor_known") not in failed


def test_quarantined_rows_carry_the_expectation_and_reason_and_clean_facts_are_published(planted):
    db, _ = planted
    quarantined = {json.loads(r)["fact_id"] if "fact_id" in json.loads(r) else json.loads(r)["article_id"]: (e, why)
                   for e, r, why in q(db, "select expectation, record, reason from dq.quarantine where run_id = ?", [RUN])}
    assert "count_best_le_count_high" in quarantined["ecu-200-detained"][0]
    assert "qualifier_consistent" in quarantined["ecu-200-detained"][0]
    assert "country_iso3_known" in quarantined["ken-5-injured"][0] and "ISO" in quarantined["ken-5-injured"][1]
    assert "count_best_plausible_missing" in quarantined["ecu-implausible"][0]
    assert "text_present" in quarantined["empty"][0] and "n_chars_between" in quarantined["empty"][0]
    published = {r[0] for r in q(db, "select fact_id from marts.fact_casualties")}
    assert published == {"nga-6-injured", "nga-11-detained", "ecu-116-killed", "ecu-80-injured", "nga-9-killed"}
    assert q(db, "select sender from marts.fact_deployments") == [("KEN",)]
    assert q(db, "select count(*) from marts.dim_articles")[0][0] == 3  # the empty article stays out


def test_validation_runs_and_last_run_failures_answer_what_failed(planted):
    db, _ = planted
    runs = {s: (ok, n, quar) for s, ok, n, quar in q(db, "select suite, success, n_rows, n_quarantined from dq.validation_runs where run_id = ?", [RUN])}
    assert runs["fact_casualties"] == (False, 8, 3)
    assert runs["dim_countries"][0] is True and runs["dim_organisations"][0] is True
    view = q(db, "select expectation, severity, reason from dq.last_run_failures")
    assert view[0][1] in ("quarantine", "gate")  # worst first
    assert ("event_date_within_year_of_publication", "warn", "event date more than a year before publication") in view


def test_report_shows_the_planted_problems_and_the_facts(planted, tmp_path):
    from sitrep.report import build, report_run_id

    db, _ = planted
    out = build(db, tmp_path / "report.html")
    html = out.read_text("utf-8").replace("<wbr>", "")  # identifiers may break after underscores
    assert report_run_id(out) == RUN
    for needle in ["count_best_le_count_high", "country_iso3_known", "event_date_within_year_of_publication",
                   "text_present", "count_best_plausible_missing", "XYZ", "2014-03-12", "Empty page"]:
        assert needle in html, needle
    assert html.count('<svg class="chart"') >= 4  # checks, totals, two timelines
    assert "<script" not in html and "<link" not in html  # self-contained
    # the largest figures come with their quotes and sources
    assert "Al menos 116 presos murieron" in html and "https://example-news.test/ecu" in html
