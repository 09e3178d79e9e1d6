"""Incremental and idempotent loads: new work only, identical tables on rerun, full refresh."""
from __future__ import annotations

import shutil

import duckdb
import pytest

import flows.pipeline as pipeline_module
from flows.pipeline import pipeline
from tests.conftest import FIXTURES, SAMPLES, table_contents

pytestmark = pytest.mark.usefixtures("prefect_harness")

TABLES = ["marts.dim_articles", "marts.fact_casualties", "marts.fact_deployments", "marts.fact_troop_counts",
          "marts.casualty_events", "marts.deployment_events", "marts.troop_presence", "marts.dim_countries",
          "marts.dim_dates", "core.articles", "core.mentions"]
VOLATILE = {"run_id", "cleaned_at"}


def contents(db) -> dict[str, list[tuple]]:
    return table_contents(db, TABLES, skip=VOLATILE)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLES / "articles", folder)
    return folder


def test_second_run_does_no_new_work_and_changes_no_table(corpus, warehouse_path):
    first = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert first["extracted"] == first["articles"] > 0
    before = contents(warehouse_path)
    assert before["marts.casualty_events"] and before["marts.fact_casualties"]
    second = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert second["new_raw"] == 0 and second["extracted"] == 0
    assert contents(warehouse_path) == before


def test_a_new_article_costs_only_its_own_work(corpus, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    shutil.copy(FIXTURES / "corpus" / "fr_kazakhstan_otsc.txt", corpus / "new.txt")
    run = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert run["new_raw"] == 1 and run["extracted"] == 1


def test_new_extractor_version_re_extracts_everything_once(corpus, warehouse_path, monkeypatch):
    first = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    monkeypatch.setattr(pipeline_module, "EXTRACTOR_VERSION", "999.0.0")
    again = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    assert again["extracted"] == first["articles"]
    con = duckdb.connect(str(warehouse_path), read_only=True)
    assert con.execute("select distinct extractor_version from core.articles").fetchall() == [("999.0.0",)]
    con.close()
    assert pipeline(sources=[str(corpus)], db=str(warehouse_path))["extracted"] == 0


def test_full_refresh_rebuilds_from_raw_without_sources(corpus, warehouse_path):
    pipeline(sources=[str(corpus)], db=str(warehouse_path))
    before = contents(warehouse_path)
    shutil.rmtree(corpus)  # nothing to read: the raw layer must be enough
    run = pipeline(db=str(warehouse_path), full_refresh=True)
    assert run["status"] == "completed" and run["extracted"] == run["articles"] > 0
    assert contents(warehouse_path) == before
