"""Opening the DuckDB warehouse: schema on first use, read-only for readers, waiting on locks."""
from __future__ import annotations

import time
from importlib.resources import files
from pathlib import Path

import duckdb

DEFAULT_DB = Path("warehouse/sitrep.duckdb")


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse file for writing."""


def schema_sql() -> str:
    """Every DDL file of warehouse/sql, in name order (10_schema.sql first, then additions)."""
    folder = files("warehouse").joinpath("sql")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql") and p.name[0].isdigit())
    return "\n".join(folder.joinpath(n).read_text("utf-8") for n in names)


def connect(db: str | Path, read_only: bool = False, wait_seconds: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A connection; a locked file is retried with backoff, then reported with the holder's words."""
    db = Path(db)
    if read_only and not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}: run `sitrep run` first")
    if not read_only:
        db.parent.mkdir(parents=True, exist_ok=True)
    delay, deadline = 0.1, time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                if "lock" in str(exc).lower():
                    raise WarehouseLocked(f"warehouse {db} is locked by another process: {exc}") from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def init(db: str | Path) -> None:
    """Create schemas and tables if missing (idempotent)."""
    con = connect(db)
    try:
        con.execute(schema_sql())
    finally:
        con.close()
