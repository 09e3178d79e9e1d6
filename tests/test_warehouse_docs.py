"""The warehouse as analysts use it: the documented queries run, the schema describes itself,
the Parquet export reads back elsewhere."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.pipeline import pipeline
from sitrep.cli import main
from tests.conftest import FIXTURES, ROOT, SAMPLES

DOC = ROOT / "docs" / "warehouse.md"


@pytest.fixture(scope="module")
def warehouse(prefect_harness, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLES / "articles", folder / "samples")
    shutil.copytree(FIXTURES / "corpus", folder / "fixtures")
    db = tmp_path_factory.mktemp("wh") / "sitrep.duckdb"
    pipeline(sources=[str(folder)], db=str(db))
    return db


def documented_queries() -> list[tuple[str, str]]:
    text = DOC.read_text("utf-8")
    out = []
    for title, body in re.findall(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M):
        for sql in re.findall(r"```sql\n(.*?)```", body, flags=re.S):
            if "read_parquet" not in sql:
                out.append((title, sql))
    return out


def test_docs_hold_ten_questions_or_more():
    assert len(documented_queries()) >= 10


@pytest.mark.parametrize("title, sql", documented_queries(), ids=[t for t, _ in documented_queries()])
def test_documented_query_runs(warehouse, title, sql):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute(sql).fetchall()
    finally:
        con.close()


def test_kazakhstan_question_names_the_senders(warehouse):
    sql = dict(documented_queries())["2. Which countries sent troops to Kazakhstan in January 2022, and how many"]
    con = duckdb.connect(str(warehouse), read_only=True)
    senders = {r[0] for r in con.execute(sql).fetchall()}
    con.close()
    assert {"RUS", "ARM", "KGZ", "TJK"} <= senders


def test_every_table_and_column_is_described(warehouse, capsys):
    assert main(["schema", "--db", str(warehouse), "--format", "json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert {"marts.fact_casualties", "marts.casualty_events", "dq.quarantine"} <= {f"{r['schema']}.{r['table']}" for r in rows}
    undocumented = [f"{r['schema']}.{r['table']}.{r['column']}" for r in rows if not r["comment"] or not r["table_comment"]]
    assert undocumented == []


def test_parquet_export_reads_back_with_polars_and_duckdb(warehouse, tmp_path, capsys):
    out = tmp_path / "export"
    assert main(["export", "--format", "parquet", str(out), "--db", str(warehouse)]) == 0
    con = duckdb.connect(str(warehouse), read_only=True)
    n_facts = con.execute("select count(*) from marts.fact_casualties").fetchall()[0][0]
    n_events = con.execute("select count(*) from marts.casualty_events").fetchall()[0][0]
    con.close()
    facts = pl.read_parquet(out / "fact_casualties" / "**" / "*.parquet", hive_partitioning=True)
    assert facts.height == n_facts > 0
    assert {"year", "month"} <= set(facts.columns)
    assert any(p.name.startswith("year=") for p in (out / "fact_casualties").iterdir())
    assert duckdb.sql(f"select count(*) from read_parquet('{out}/casualty_events/**/*.parquet', hive_partitioning = true)").fetchall()[0][0] == n_events


def test_sql_command_is_read_only(warehouse, capsys):
    assert main(["sql", "select count(*) as n from marts.dim_articles", "--db", str(warehouse), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("n\n")
    assert main(["sql", "delete from marts.dim_articles", "--db", str(warehouse)]) == 1
    assert "read-only" in capsys.readouterr().err.lower()
