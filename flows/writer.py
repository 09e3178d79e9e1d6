"""One writer at a time per warehouse: a run that finds another run writing the same DuckDB file
waits for it (and says so in its log) instead of failing on DuckDB's file lock. Flow runs also
hold the Prefect global concurrency limit `sitrep-warehouse-writer` (flows/limits.py) first.

The lock is an OS file lock (`flock`) on `<warehouse>.writer.lock`, held for the whole run: the
operating system releases it when the holder ends, even if it crashed, so a dead run never
blocks the next one. The file names the holder (run id, process, host, since) for the waiting
run's log line.
"""
from __future__ import annotations

import functools
import inspect
import json
import logging
import os
import socket
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt

POLL_SECONDS = 1.0
REMIND_SECONDS = 60.0


class WriterTimeout(TimeoutError):
    """The warehouse stayed locked by another run for longer than the caller would wait."""


def lock_path(db: str | Path) -> Path:
    db = Path(db)
    return db.parent / f"{db.name}.writer.lock"


def _try_lock(fh) -> bool:
    try:
        if fcntl:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _unlock(fh) -> None:
    if fcntl:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    else:  # pragma: no cover
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)


def _holder(path: Path) -> str:
    try:
        h = json.loads(path.read_text("utf-8") or "{}")
    except (OSError, ValueError):
        h = {}
    if not h:
        return "another process"
    return f"run {h.get('run_id')} ({h.get('what') or 'a run'}, pid {h.get('pid')} on {h.get('host')}, since {h.get('since')})"


def run_logger(logger=None):
    """The logger given, else the current Prefect run's, else a plain one (outside any run)."""
    if logger is not None:
        return logger
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:
        return logging.getLogger("sitrep.writer")


@contextmanager
def warehouse_writer(db: str | Path, run_id: str | None = None, what: str = "", logger=None,
                     timeout: float | None = None):
    """Hold the warehouse's writer lock for the block; wait (with a log line) while another run holds it."""
    log = run_logger(logger)
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+", encoding="utf-8")
    try:
        start = time.monotonic()
        if not _try_lock(fh):
            log.warning("warehouse %s is being written by %s: this run waits until it finishes", db, _holder(path))
            remind = start + REMIND_SECONDS
            while not _try_lock(fh):
                now = time.monotonic()
                if timeout is not None and now - start >= timeout:
                    raise WriterTimeout(f"warehouse {db} still written by {_holder(path)} after {timeout:.0f} s")
                if now >= remind:
                    log.warning("still waiting for the warehouse %s (%.0f s): written by %s", db, now - start, _holder(path))
                    remind = now + REMIND_SECONDS
                time.sleep(POLL_SECONDS)
            log.info("warehouse %s is free after %.1f s of waiting: this run writes now", db, time.monotonic() - start)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"run_id": run_id, "what": what, "pid": os.getpid(), "host": socket.gethostname(),
                             "since": datetime.now(timezone.utc).isoformat(timespec="seconds")}))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            _unlock(fh)
    finally:
        fh.close()


def current_run_id() -> str | None:
    try:
        from prefect.runtime import flow_run

        return str(flow_run.id) if flow_run.id else None
    except Exception:
        return None


def current_run_label(default: str) -> str:
    """`flow-name/run-name` of the current flow run, for the waiting run's log line."""
    try:
        from prefect.runtime import flow_run

        if flow_run.id:
            return f"{flow_run.flow_name}/{flow_run.name}"
    except Exception:
        pass
    return default


@contextmanager
def flow_writer(db: str | Path, what: str, logger=None):
    """Inside a flow run: the Prefect limit `sitrep-warehouse-writer` (one writer under the same
    Prefect API, on any machine), then the warehouse's file lock (any process on this machine)."""
    from flows import limits

    run_id, label = current_run_id(), current_run_label(what)
    if run_id is None:  # not under Prefect: the file lock alone
        with warehouse_writer(db, None, label, logger):
            yield
        return
    limits.ensure(logger=logger)
    with limits.occupy(limits.WRITER, logger, f"warehouse writer busy: {label} waits for another flow run to finish writing"):
        with warehouse_writer(db, run_id, label, logger):
            yield


def exclusive(fn):
    """Decorator for a flow function with a `db` parameter: the whole run holds the warehouse
    writer limit and that warehouse's writer lock (each retry of the run takes them anew)."""
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        db = bound.arguments["db"]
        with flow_writer(db, getattr(fn, "__name__", "")):
            return fn(*args, **kwargs)

    return wrapper
