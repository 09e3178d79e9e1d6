"""Prefect global concurrency limits (GCL): one per fetched host and one for the warehouse writer.

They hold across processes and machines under the same Prefect API (Dask workers, several flow
workers), which the per-process host throttle and the writer's file lock cannot. They are created
(or set to the configured value) before use: a missing limit would be skipped by Prefect, not
enforced. Without a reachable API the work goes on, with a warning, under the file lock and the
fetcher's own per-host limits only.
"""
from __future__ import annotations

from contextlib import ExitStack, contextmanager
from typing import Iterable

from flows.writer import run_logger as _log

WRITER = "sitrep-warehouse-writer"
WRITER_LIMIT = 1
HOST_PREFIX = "host:"
FIRST_WAIT = 2.0  # seconds before a waiting writer says whom it waits for


def host_limit(host: str) -> str:
    """`host:example.org`: the limit on requests in flight to one host, across every worker."""
    return f"{HOST_PREFIX}{host.lower()}"


def ensure(hosts: Iterable[str] = (), per_host: int | None = None, logger=None, writer: bool = True) -> bool:
    """Create or update the writer limit (1, unless `writer` is False: a run has set it already)
    and each host's limit (`per_host`); False, with a warning, when no Prefect API answers. The
    configured value wins over a manual change."""
    try:
        from prefect import get_client

        with get_client(sync_client=True) as client:
            if writer:
                client.upsert_global_concurrency_limit_by_name(WRITER, WRITER_LIMIT)
            for host in sorted({h for h in hosts if h}):
                client.upsert_global_concurrency_limit_by_name(host_limit(host), max(1, int(per_host or 1)))
        return True
    except Exception as exc:  # no API: the run still works, without cross-process limits
        _log(logger).warning("Prefect global concurrency limits not set (%s: %s): only the writer's file lock and "
                             "each worker's own per-host limit apply", type(exc).__name__, exc)
        return False


@contextmanager
def occupy(name: str, logger=None, waiting: str | None = None):
    """Hold one slot of the limit `name` for the block; `waiting` is logged if the slot is busy.
    An unreachable API is logged and the block runs anyway."""
    from prefect.concurrency._asyncio import ConcurrencySlotAcquisitionError
    from prefect.concurrency.sync import concurrency

    log = _log(logger)
    with ExitStack() as held:
        try:
            try:
                held.enter_context(concurrency(name, occupy=1, timeout_seconds=FIRST_WAIT if waiting else None))
            except TimeoutError:
                log.warning("%s (global concurrency limit %s is full)", waiting, name)
                held.enter_context(concurrency(name, occupy=1))
        except (ConcurrencySlotAcquisitionError, OSError) as exc:
            log.warning("global concurrency limit %s not applied (%s: %s): going on without it", name, type(exc).__name__, exc)
        yield
