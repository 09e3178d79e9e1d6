"""Opening the DuckDB warehouse: schema on first use, read-only for readers, waiting on locks.

DuckDB lets one process write a file at a time. The pipeline opens a connection per stage and
closes it, so readers (`sitrep sql`, an analyst's read-only client) get in between stages, and a
writer that finds the file locked waits with backoff up to SITREP_LOCK_WAIT seconds (default 120),
then fails with a message naming the process that holds the lock.
"""
from __future__ import annotations

import os
import re
import time
from importlib.resources import files
from pathlib import Path

import duckdb

DEFAULT_DB = Path("warehouse/sitrep.duckdb")
DEFAULT_LOCK_WAIT = 120.0
_HOLDER = re.compile(r"held in (?P<exe>\S+) \(PID (?P<pid>\d+)\)")


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse file."""


def schema_sql() -> str:
    """Every DDL file of warehouse/sql, in name order (10_schema.sql first, then additions)."""
    folder = files("warehouse").joinpath("sql")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql") and p.name[0].isdigit())
    return "\n".join(folder.joinpath(n).read_text("utf-8") for n in names)


def lock_wait_seconds() -> float:
    return float(os.environ.get("SITREP_LOCK_WAIT", DEFAULT_LOCK_WAIT))


def lock_holder(message: str) -> str:
    """'PID 1234 (sitrep run --source ...)' from DuckDB's lock error, as precise as /proc allows."""
    m = _HOLDER.search(message)
    if not m:
        return "another process"
    pid = m.group("pid")
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\x00", b" ").decode(errors="replace").strip()
    except OSError:
        cmd = m.group("exe")
    return f"PID {pid} ({cmd})"


def connect(db: str | Path, read_only: bool = False, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection; a locked file is retried with backoff, then reported with its holder."""
    db = Path(db)
    if read_only and not db.exists():
        raise FileNotFoundError(f"no warehouse at {db}: run `sitrep run` first")
    if not read_only:
        db.parent.mkdir(parents=True, exist_ok=True)
    wait = lock_wait_seconds() if wait_seconds is None else wait_seconds
    delay, deadline = 0.05, time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(db), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {db} is locked by {lock_holder(str(exc))}; waited {wait:.0f} s "
                    f"(set SITREP_LOCK_WAIT to wait longer)"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def init(db: str | Path) -> None:
    """Create schemas and tables if missing (idempotent)."""
    con = connect(db)
    try:
        con.execute(schema_sql())
    finally:
        con.close()
