"""A writer that finds the warehouse locked waits, then names the lock holder."""
import subprocess
import sys
import time

import pytest

from warehouse.db import WarehouseLocked, connect, init

HOLD = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(db, seconds):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_writer_gives_up_with_the_holder_named(tmp_path):
    db = tmp_path / "w.duckdb"
    init(db)
    proc = hold_lock(db, 30)
    try:
        t0 = time.monotonic()
        with pytest.raises(WarehouseLocked) as exc:
            connect(db, wait_seconds=1.0)
        assert time.monotonic() - t0 >= 1.0
        assert f"PID {proc.pid}" in str(exc.value) and "SITREP_LOCK_WAIT" in str(exc.value)
    finally:
        proc.kill()
        proc.wait()


def test_writer_waits_for_a_short_lock_then_proceeds(tmp_path):
    db = tmp_path / "w.duckdb"
    init(db)
    proc = hold_lock(db, 1.5)
    try:
        con = connect(db, wait_seconds=30)
        con.execute("create table ok(a int)")
        con.close()
    finally:
        proc.wait()
