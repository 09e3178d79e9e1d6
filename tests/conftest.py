"""Shared fixtures: one Prefect test harness per session, with PREFECT_HOME in a temp dir."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="sitrep-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def prefect_harness():
    """A real Prefect API on a temporary SQLite database, started once for the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture
def warehouse_path(tmp_path) -> Path:
    return tmp_path / "sitrep.duckdb"


def table_contents(db, tables: list[str] | None = None, skip=("run_id",)) -> dict[str, list[tuple]]:
    """Each table's rows (columns in `skip` left out), in a stable order, to compare runs.
    `tables` are schema.table names; None means every table of the marts schema."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        if tables is None:
            tables = [f"marts.{r[0]}" for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]
        out = {}
        for t in tables:
            schema, name = t.split(".")
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, name]).fetchall() if r[0] not in skip]
            out[t] = con.execute(f"select {', '.join(cols)} from {t} order by all").fetchall()
        return out
    finally:
        con.close()
