"""The whole flow, for real: Prefect test harness, a DuckDB file, GX validations."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from expectations.gate import GateFailed
from flows.pipeline import pipeline
from tests.conftest import FIXTURES, table_contents

pytestmark = pytest.mark.usefixtures("prefect_harness")

MART_TABLES = ["marts.dim_articles", "marts.fact_casualties", "marts.fact_deployments", "marts.fact_troop_counts"]


def snapshot(db) -> dict[str, list[tuple]]:
    """Every mart's content, run id aside, in a stable order."""
    return table_contents(db, MART_TABLES)


def query(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def corpus(tmp_path):
    """Two good articles and the bad inputs, as a user's folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", folder)
    shutil.copytree(FIXTURES / "bad", folder / "bad")
    return folder


def test_flow_lands_articles_and_publishes_facts(corpus, warehouse_path):
    summary = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert summary["status"] == "completed"
    assert summary["documents"] == 6
    # the two good articles are published; the short one is cleaned but quarantined
    titles = {r[0] for r in query(warehouse_path, "select title from marts.dim_articles")}
    assert len(titles) == 2
    assert any("Kazakhstan" in t for t in titles)
    outcomes = set(query(warehouse_path, "select outcome, count_best, qualifier from marts.fact_casualties"))
    assert ("detained", 3811, "exact") in outcomes
    assert ("killed", 13, "at_least") in outcomes
    assert ("injured", 353, "exact") in outcomes
    troops = set(query(warehouse_path, "select actor, count_low, count_best, count_high, qualifier from marts.fact_troop_counts"))
    assert ("CSTO", None, 2600, None, "approx") in troops
    assert ("TJK", 100, 100, 200, "range") in troops
    senders = {r[0] for r in query(warehouse_path, "select sender from marts.fact_deployments where receiver = 'KAZ'")}
    assert {"RUS", "ARM", "KGZ", "TJK"} <= senders
    # every fact points at its number in the clean text
    rows = query(warehouse_path, """select a.text, f.char_start, f.char_end, f.count_best from marts.fact_casualties f
                                    join core.articles a using (article_id)""")
    assert rows
    for text, start, end, best in rows:
        assert text[start:end].strip(), (start, end)


def test_bad_documents_are_recorded_with_their_reason(corpus, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    reasons = dict(query(warehouse_path, "select regexp_extract(source_uri, '[^/]+$'), reason from raw.rejections"))
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.html"]
    assert "unsupported" in reasons["notes.pdf"]
    # raw layer keeps every document, bytes included, even the rejected ones
    assert query(warehouse_path, "select count(*) from raw.documents")[0][0] == 6


def test_short_article_is_quarantined_with_the_expectation_name(corpus, warehouse_path):
    summary = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    rows = query(warehouse_path, "select stage, expectation, record, reason from dq.quarantine where run_id = ?", [summary["run_id"]])
    short = [r for r in rows if '"title": "Brief"' in r[2]]
    assert short, rows
    stage, expectation, _, reason = short[0]
    assert stage == "clean" and expectation == "n_chars_between" and "shorter than" in reason
    assert not query(warehouse_path, "select * from marts.dim_articles where title = 'Brief'")
    failed = query(warehouse_path, "select expectation, severity, unexpected_count from dq.expectation_results where run_id = ? and not success",
                   [summary["run_id"]])
    assert ("n_chars_between", "quarantine", 1) in failed


def test_rerun_gives_identical_marts_without_duplicates(corpus, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    first = snapshot(warehouse_path)
    second_summary = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert second_summary["new_raw"] == 0
    assert snapshot(warehouse_path) == first
    dupes = query(warehouse_path, "select count(*) - count(distinct fact_id) from marts.fact_casualties")[0][0]
    assert dupes == 0


def test_gate_failure_leaves_marts_as_they_were(corpus, tmp_path, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    before = snapshot(warehouse_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.html").write_bytes(b"\x00\x00\x00 not a page")
    (broken / "b.txt").write_bytes(b"")
    with pytest.raises(GateFailed) as exc:
        pipeline(sources=[str(broken)], db=str(warehouse_path))
    assert "output_when_input" in str(exc.value)
    assert snapshot(warehouse_path) == before
    run_id = exc.value.summary["run_id"]
    assert query(warehouse_path, "select status from ops.runs where run_id = ?", [run_id]) == [("failed",)]
    assert query(warehouse_path, "select gate_failed from dq.validation_runs where run_id = ? and stage = 'clean'", [run_id]) == [(True,)]


def test_every_warehouse_table_has_a_comment(corpus, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    rows = query(warehouse_path, "select schema_name, table_name, comment from duckdb_tables()")
    names = {f"{s}.{t}" for s, t, _ in rows}
    assert set(MART_TABLES) | {"raw.documents", "core.articles", "core.mentions", "dq.quarantine", "dq.expectation_results"} <= names
    assert all(c for _, _, c in rows)
