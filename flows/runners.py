"""Where the pipeline's batch tasks (fetching, cleaning, extraction) run: a thread pool (default),
a process pool (CPU-bound extraction on one machine) or a Dask cluster (a temporary local one, or
an existing one by its scheduler address). The warehouse writes stay in the flow's own process
whatever the runner: only `fetch_batch`, `clean_batch` and `extract_task` are submitted to it."""
from __future__ import annotations

import os

RUNNERS = ("thread", "process", "dask")


def task_runner(kind: str | None = None, dask_address: str | None = None, workers: int | None = None):
    """The Prefect task runner for `kind`; `workers` sizes the pool (default: one per core)."""
    kind = (kind or ("dask" if dask_address else "thread")).lower()
    if kind not in RUNNERS:
        raise ValueError(f"unknown runner {kind!r}: one of {', '.join(RUNNERS)}")
    if dask_address and kind != "dask":
        raise ValueError("a Dask address (--dask-address) needs the dask runner")
    if kind == "thread":
        from prefect.task_runners import ThreadPoolTaskRunner

        return ThreadPoolTaskRunner(max_workers=workers) if workers else ThreadPoolTaskRunner()
    if kind == "process":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers or os.cpu_count() or 1)
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise RuntimeError("the dask runner needs prefect-dask: pip install prefect-dask 'dask[distributed]'") from exc
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # a temporary cluster for this run: worker processes (extraction holds the GIL), one thread each
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count() or 1, "threads_per_worker": 1,
                                          "processes": True, "host": "127.0.0.1",
                                          "dashboard_address": "127.0.0.1:8787"})


def pipeline_with_runner(kind: str | None = None, dask_address: str | None = None, workers: int | None = None):
    """The pipeline flow with the chosen task runner (the decorator's own stays the default)."""
    from flows.pipeline import pipeline

    runner = task_runner(kind, dask_address, workers)  # validates the choice
    if (kind or "thread") == "thread" and not dask_address and not workers:
        return pipeline
    return pipeline.with_options(task_runner=runner)
