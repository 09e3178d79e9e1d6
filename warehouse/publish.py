"""Publishing a run: marts and data-quality results, each in one transaction, so a reader never
sees half a run and a failed run leaves the marts as they were."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from warehouse.db import connect
from warehouse.load import insert, read, replace_keys

FACT_TABLES = {
    "casualty": "marts.fact_casualties",
    "deployment": "marts.fact_deployments",
    "troop_count": "marts.fact_troop_counts",
}


def publish_marts(db: str | Path, run_id: str, article_ids: list[str], articles: pl.DataFrame,
                  facts: dict[str, pl.DataFrame], replace_all: bool = False) -> dict[str, int]:
    """Replace every mart row of the run's articles by this run's rows (every row at all on a
    full refresh), all or nothing."""
    con = connect(db)
    counts: dict[str, int] = {}
    try:
        con.execute("begin")
        if replace_all:
            for table in ["marts.dim_articles", *FACT_TABLES.values()]:
                con.execute(f"delete from {table}")
        dim = articles.with_columns(pl.lit(run_id).alias("run_id"))
        counts["articles"] = replace_keys(con, "marts.dim_articles", "article_id", dim, article_ids)
        for kind, table in FACT_TABLES.items():
            df = facts[kind].with_columns(pl.lit(run_id).alias("run_id"))
            counts[kind] = replace_keys(con, table, "article_id", df, article_ids)
        rebuild_consolidated(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.close()
    return counts


def rebuild_consolidated(con) -> None:
    """Events and dimensions from every published fact (cheap in Polars; same input, same rows)."""
    from transforms import dims, events

    arts = read(con, "select * from marts.dim_articles")
    cas = read(con, "select * from marts.fact_casualties")
    dep = read(con, "select * from marts.fact_deployments")
    tro = read(con, "select * from marts.fact_troop_counts")
    tables = {
        "marts.casualty_events": events.casualty_events(cas, arts),
        "marts.deployment_events": events.deployment_events(dep, arts),
        "marts.troop_presence": events.troop_presence(tro, arts),
        "marts.dim_countries": dims.dim_countries(),
        "marts.dim_organisations": dims.dim_organisations(),
        "marts.dim_dates": dims.dim_dates(
            arts["published_date"].to_list() + [d for f in (cas, dep, tro) for d in f["event_date"].to_list()]),
    }
    for table, df in tables.items():
        con.execute(f"delete from {table}")
        insert(con, table, df)


def record_quality(db: str | Path, runs: pl.DataFrame, results: pl.DataFrame, quarantine: pl.DataFrame) -> None:
    """Validation runs, expectation results and quarantined rows of one run, in one transaction."""
    con = connect(db)
    try:
        con.execute("begin")
        insert(con, "dq.validation_runs", runs)
        insert(con, "dq.expectation_results", results)
        insert(con, "dq.quarantine", quarantine)
        con.execute("commit")
    finally:
        con.close()


def start_run(db: str | Path, run_id: str, sources: list[str]) -> None:
    con = connect(db)
    try:
        con.execute(
            "insert into ops.runs (run_id, started_at, status, sources) values (?, ?, 'running', ?) on conflict do nothing",
            [run_id, datetime.now(timezone.utc), "\n".join(sources)],
        )
    finally:
        con.close()


def finish_run(db: str | Path, run_id: str, status: str, summary: dict, message: str | None = None) -> None:
    con = connect(db)
    try:
        con.execute(
            """update ops.runs set finished_at = ?, status = ?, n_documents = ?, n_articles = ?,
               n_casualties = ?, n_deployments = ?, n_troop_counts = ?, message = ? where run_id = ?""",
            [datetime.now(timezone.utc), status, summary.get("documents"), summary.get("articles"),
             summary.get("casualty"), summary.get("deployment"), summary.get("troop_count"), message, run_id],
        )
    finally:
        con.close()
