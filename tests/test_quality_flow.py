"""The real flow over a corpus with planted problems (an empty file, an article whose body is
missing, a too-short article, an event dated ten years before publication): each problem shows in
dq.expectation_results or raw.rejections and in the report, rows move or stay as the severity
says, the clean facts are published, and the run leaves Data Docs and Prefect artifacts."""
from __future__ import annotations

import json
import shutil
import uuid

import duckdb
import pytest

from flows.pipeline import pipeline
from sitrep.report import report_run_id
from tests.conftest import FIXTURES
from warehouse.report_data import data_docs_index, default_report_path

pytestmark = pytest.mark.usefixtures("prefect_harness")


def q(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory, prefect_harness):
    folder = tmp_path_factory.mktemp("planted-corpus")
    shutil.copytree(FIXTURES / "planted", folder / "planted")
    db = tmp_path_factory.mktemp("planted-wh") / "sitrep.duckdb"
    summary = pipeline(sources=[str(folder / "planted")], db=str(db))
    return db, summary


def failed(db, run_id) -> dict:
    return {(s, e): (sev, n, ex) for s, e, sev, n, ex in q(db, """
        select suite, expectation, severity, unexpected_count, unexpected_examples from dq.expectation_results
        where run_id = ? and not success""", [run_id])}


def test_run_completes_and_publishes_the_clean_facts(planted_run):
    db, summary = planted_run
    assert summary["status"] == "completed"
    assert summary["documents"] == 6
    titles = {t for (t,) in q(db, "select title from marts.dim_articles")}
    assert len(titles) == 3 and not any("Brief" in t or "missing" in t for t in titles)
    # a plain sentence each; the extractor is not on trial here beyond these
    assert ("NGA", 9) in set(q(db, "select country_iso3, count_best from marts.fact_casualties where outcome = 'killed'"))
    assert ("KEN", "HTI") in set(q(db, "select sender, receiver from marts.fact_deployments"))


def test_empty_file_and_missing_body_are_flagged_and_rejected_with_reasons(planted_run):
    db, summary = planted_run
    f = failed(db, summary["run_id"])
    sev, n, examples = f[("raw_documents", "document_not_empty")]
    assert (sev, n) == ("warn", 1) and "empty.txt" in json.loads(examples)[0]["source_uri"]
    reasons = dict(q(db, "select regexp_extract(source_uri, '[^/]+$'), reason from raw.rejections where run_id = ?", [summary["run_id"]]))
    assert "empty" in reasons["empty.txt"]
    assert "no article text" in reasons["blank_body.txt"]


def test_short_article_is_quarantined(planted_run):
    db, summary = planted_run
    rows = q(db, "select expectation, record from dq.quarantine where run_id = ? and stage = 'clean'", [summary["run_id"]])
    assert any("n_chars_between" in e and "Brief" in r for e, r in rows), rows


def test_date_years_before_publication_is_warned_and_the_fact_still_published(planted_run):
    db, summary = planted_run
    sev, n, examples = failed(db, summary["run_id"])[("fact_casualties", "event_date_within_year_of_publication")]
    assert sev == "warn" and n >= 1
    ex = json.loads(examples)[0]
    assert ex["event_date"] == "2014-03-12" and ex["published_date"] == "2024-03-14" and "Mangu" in ex["quote"]
    assert q(db, "select count(*) from marts.fact_casualties where event_date = date '2014-03-12'")[0][0] >= 1
    assert not q(db, "select * from dq.quarantine where run_id = ? and expectation like '%event_date%'", [summary["run_id"]])


def test_every_stage_and_dimension_was_validated(planted_run):
    db, summary = planted_run
    suites = {s for (s,) in q(db, "select suite from dq.validation_runs where run_id = ?", [summary["run_id"]])}
    assert suites == {"raw_documents", "clean_articles", "mentions", "fact_casualties", "fact_deployments",
                      "fact_troop_counts", "dim_articles", "dim_countries", "dim_organisations"}
    assert q(db, "select count(*) from dq.last_run_failures where run_id = ?", [summary["run_id"]])[0][0] >= 3


def test_report_of_the_run_shows_the_problems(planted_run):
    db, summary = planted_run
    path = default_report_path(db)
    assert report_run_id(path) == summary["run_id"]  # written by the flow, at its end
    html = path.read_text("utf-8").replace("<wbr>", "")  # identifiers may break after underscores
    for needle in ["document_not_empty", "empty.txt", "blank_body.txt", "n_chars_between", "Brief",
                   "event_date_within_year_of_publication", "2014-03-12", '<svg class="chart"']:
        assert needle in html, needle


def test_data_docs_are_built_for_the_run(planted_run):
    db, summary = planted_run
    index = data_docs_index(db)
    assert index.exists()
    pages = list((index.parent / "validations" / "fact_casualties" / summary["run_id"]).rglob("*.html"))
    assert pages and "event_date_within_year_of_publication" in pages[0].read_text("utf-8")
    assert summary["run_id"] in index.read_text("utf-8")


def test_prefect_artifacts_are_on_the_flow_run(planted_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    _, summary = planted_run
    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[uuid.UUID(summary["run_id"])])))
    by_key = {a.key: a for a in arts}
    assert {"sitrep-run-summary", "sitrep-checks", "sitrep-report", "sitrep-data-docs"} <= set(by_key)
    assert by_key["sitrep-run-summary"].type == "markdown" and "event_date_within_year_of_publication" in by_key["sitrep-run-summary"].data
    assert by_key["sitrep-checks"].type == "table"
    assert "report.html" in by_key["sitrep-report"].data and "index.html" in by_key["sitrep-data-docs"].data  # links


def test_sitrep_run_prints_where_the_report_is(tmp_path, capsys):
    from sitrep.cli import main

    folder = tmp_path / "c"
    shutil.copytree(FIXTURES / "planted", folder)
    db = tmp_path / "w" / "sitrep.duckdb"
    assert main(["run", "--source", str(folder), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"report             {default_report_path(db)}" in out
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r.html")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "r.html")
