"""What the HTML report shows, read from the warehouse as Polars frames (read-only, through Arrow):
the last runs and their checks, quarantined and rejected rows, and the published facts."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from warehouse.db import connect
from warehouse.load import read, table_columns

REPORT_NAME = "report.html"


def reports_dir(db: str | Path) -> Path:
    """Where a warehouse's reports go: a `reports` folder beside the DuckDB file."""
    return Path(db).resolve().parent / "reports"


def default_report_path(db: str | Path) -> Path:
    return reports_dir(db) / REPORT_NAME


def data_docs_index(db: str | Path) -> Path:
    """Great Expectations' Data Docs site of the warehouse (expectations/docs.py builds it)."""
    return reports_dir(db) / "gx_docs" / "index.html"


@dataclass
class ReportData:
    db: str
    generated_at: datetime
    runs: pl.DataFrame
    validations: pl.DataFrame
    failures: pl.DataFrame
    quarantine: pl.DataFrame
    rejections: pl.DataFrame
    totals: pl.DataFrame
    casualties: pl.DataFrame
    deployments: pl.DataFrame
    largest: pl.DataFrame
    counts: dict = field(default_factory=dict)
    quarantine_total: int = 0
    data_docs: Path | None = None
    data_docs_href: str = ""      # data_docs relative to the report, set by the renderer

    @property
    def latest_run(self) -> dict | None:
        return self.runs.row(0, named=True) if self.runs.height else None


def _has(con, table: str) -> bool:
    return bool(table_columns(con, table))


def _ids_frame(con, run_ids: list[str]) -> None:
    con.register("_report_runs", pl.DataFrame({"run_id": run_ids}, schema={"run_id": pl.Utf8}).to_arrow())


def last_runs(con, n: int) -> pl.DataFrame:
    return read(con, """
        select run_id, started_at, finished_at, status, n_documents, n_articles, n_casualties, n_deployments,
               n_troop_counts, message
        from ops.runs order by started_at desc nulls last limit ?""", [n])


def validations(con) -> pl.DataFrame:
    return read(con, """
        select v.run_id, v.stage, v.suite, v.success, v.n_rows, v.n_expectations, v.n_failed, v.n_quarantined,
               v.gate_failed, v.checked_at
        from dq.validation_runs v join _report_runs using (run_id)
        order by v.checked_at desc, v.stage""")


def failures(con) -> pl.DataFrame:
    reason = "r.reason" if "reason" in table_columns(con, "dq.expectation_results") else "null::varchar as reason"
    return read(con, f"""
        select r.run_id, r.stage, r.suite, r.expectation, r.column_name, r.severity, r.unexpected_count,
               r.observed_value, {reason}, r.unexpected_examples, r.checked_at
        from dq.expectation_results r join _report_runs using (run_id)
        where not r.success
        order by r.checked_at desc, case r.severity when 'gate' then 0 when 'quarantine' then 1 else 2 end,
                 r.suite, r.expectation""")


def quarantined(con, limit: int) -> tuple[pl.DataFrame, int]:
    total = con.execute("select count(*) from dq.quarantine join _report_runs using (run_id)").fetchall()[0][0]
    rows = read(con, """
        select q.run_id, q.stage, q.expectation, q.reason, q.record, q.quarantined_at
        from dq.quarantine q join _report_runs using (run_id)
        order by q.quarantined_at desc, q.stage, q.expectation limit ?""", [limit])
    return rows, int(total)


def rejections(con) -> pl.DataFrame:
    return read(con, """
        select r.run_id, r.stage, r.source_uri, r.reason from raw.rejections r join _report_runs using (run_id)
        order by r.rejected_at desc, r.source_uri""")


def totals(con) -> pl.DataFrame:
    """Per country and outcome: reports, articles, the largest figure, and the sum over articles of
    each article's largest figure (subsets skipped, so a breakdown is never added to its total)."""
    return read(con, """
        with per_article as (
            select coalesce(country_iso3, '?') as country, outcome, article_id, max(count_best) as best
            from marts.fact_casualties where not coalesce(is_subset, false) and count_best is not null
            group by all)
        select country, outcome, count(*) as n_articles, max(best) as largest, sum(best)::BIGINT as sum_of_articles
        from per_article group by all order by country, outcome""")


def casualty_points(con) -> pl.DataFrame:
    return read(con, """
        select f.fact_id, coalesce(f.country_iso3, '?') as country, f.outcome, f.victim_group, f.count_best,
               f.qualifier, coalesce(f.event_date, a.published_date) as date, f.quote, a.title, f.is_subset
        from marts.fact_casualties f left join marts.dim_articles a using (article_id)
        where f.count_best is not null""")


def deployment_points(con) -> pl.DataFrame:
    return read(con, """
        select f.fact_id, coalesce(f.receiver, '?') as country, f.sender, f.status, f.troops_best,
               f.qualifier, coalesce(f.event_date, a.published_date) as date, f.quote, a.title
        from marts.fact_deployments f left join marts.dim_articles a using (article_id)""")


def largest_figures(con, n: int) -> pl.DataFrame:
    """The `n` largest figures of each fact table, with their quotes and sources."""
    return read(con, """
        with figures as (
            select 'casualty' as kind, outcome || ' (' || coalesce(victim_group, '?') || ')' as what,
                   country_iso3 as country, count_best as best, count_low as low, count_high as high, qualifier,
                   event_date, quote, article_id, fact_id
            from marts.fact_casualties
            union all
            select 'deployment', coalesce(sender, '?') || ' → ' || coalesce(receiver, '?') || ' (' || coalesce(status, '?') || ')',
                   receiver, troops_best, troops_low, troops_high, qualifier, event_date, quote, article_id, fact_id
            from marts.fact_deployments
            union all
            select 'troop_count', 'troops of ' || coalesce(actor, '?'), country_iso3, count_best, count_low, count_high,
                   qualifier, event_date, quote, article_id, fact_id
            from marts.fact_troop_counts)
        select f.*, a.title, a.url, a.source, a.published_date
        from figures f left join marts.dim_articles a using (article_id)
        where f.best is not null
        qualify row_number() over (partition by f.kind order by f.best desc, f.fact_id) <= ?
        order by f.kind, f.best desc, f.fact_id""", [n])


def fact_counts(con) -> dict:
    out = {}
    for name, table in {"articles": "marts.dim_articles", "casualty": "marts.fact_casualties",
                        "deployment": "marts.fact_deployments", "troop_count": "marts.fact_troop_counts"}.items():
        out[name] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    return out


def load(db: str | Path, n_runs: int = 5, n_largest: int = 10, max_quarantine: int = 200) -> ReportData:
    """Everything the report shows, in one read-only connection."""
    con = connect(db, read_only=True)
    try:
        runs = last_runs(con, n_runs) if _has(con, "ops.runs") else pl.DataFrame()
        _ids_frame(con, runs["run_id"].to_list() if runs.height else [])
        q, q_total = quarantined(con, max_quarantine)
        docs = data_docs_index(db)
        return ReportData(
            db=str(db), generated_at=datetime.now(timezone.utc), runs=runs, validations=validations(con),
            failures=failures(con), quarantine=q, quarantine_total=q_total, rejections=rejections(con),
            totals=totals(con), casualties=casualty_points(con), deployments=deployment_points(con),
            largest=largest_figures(con, n_largest), counts=fact_counts(con),
            data_docs=docs if docs.exists() else None,
        )
    except duckdb.CatalogException as exc:
        raise RuntimeError(f"{db} is not a sitrep warehouse (or predates this version): {exc}") from exc
    finally:
        con.close()
