"""Parquet export of the marts, partitioned by year and month (hive layout: year=2022/month=1/),
readable by DuckDB, Polars, Spark or Trino."""
from __future__ import annotations

import shutil
from pathlib import Path

from warehouse.db import connect

# table -> the date column that partitions it (None: small dimension, one file)
EXPORTS = {
    "marts.dim_articles": "published_date",
    "marts.fact_casualties": "event_date",
    "marts.fact_deployments": "event_date",
    "marts.fact_troop_counts": "event_date",
    "marts.casualty_events": "first_date",
    "marts.deployment_events": "first_date",
    "marts.troop_presence": "date",
    "marts.dim_countries": None,
    "marts.dim_organisations": None,
    "marts.dim_dates": None,
}


def export_parquet(db: str | Path, out: str | Path) -> dict[str, int]:
    """Write every mart under out/<table>/; an existing export of a table is replaced whole."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = connect(db, read_only=True)
    try:
        for table, date_col in EXPORTS.items():
            name = table.split(".", 1)[1]
            target = out / name
            if target.exists():
                shutil.rmtree(target)
            counts[name] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
            if date_col is None:
                target.mkdir()
                con.execute(f"copy {table} to '{target / 'data.parquet'}' (format parquet)")
                continue
            con.execute(
                f"""copy (select *, year({date_col}) as year, month({date_col}) as month from {table})
                    to '{target}' (format parquet, partition_by (year, month), write_partition_columns false)"""
            )
    finally:
        con.close()
    return counts
