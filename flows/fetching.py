"""The fetch stage: the planned pages go to the flow's task runner in batches of one host each
(threads, processes or Dask workers do the HTTP work), and come back as plain data (raw documents
with bytes, headers, status or reason, and fetch-log rows naming the worker) that the flow's own
process alone lands in the warehouse.

Each batch holds one slot of its host's Prefect limit `host:<name>` (set to [fetch] max_per_host)
and fetches its pages one after the other, so no more than max_per_host requests are in flight
to a host whatever the number of workers; the batch keeps host_delay and robots.txt Crawl-delay
between its own requests.
"""
from __future__ import annotations

import logging
import time

from prefect import task
from prefect.futures import as_completed

from flows import limits, policies
from flows.ingest import Plan, in_order, tally
from transforms import progress
from transforms.crawl import PageJob, fetch_pages, host_batches, page_not_fetched
from transforms.fetch import FetchLog, FetchSettings
from warehouse import ingest


@task(name="fetch-batch", **policies.FETCH)
def fetch_batch(host: str, jobs: list[PageJob], settings: dict, named_hosts: list[str], robots: dict) -> dict:
    """One host's pages -> {"docs", "log"}; runs on whichever worker the runner picks."""
    fetch_settings = FetchSettings.from_dict(settings)
    with limits.occupy(limits.host_limit(host)):
        deadline = time.monotonic() + policies.fetch_budget(fetch_settings, len(jobs))
        return fetch_pages(fetch_settings, named_hosts, jobs, robots, deadline)


def _lost(jobs: list[PageJob], exc: BaseException) -> dict:
    """A batch whose task failed for good: each page recorded as a failure the next run retries."""
    reason = f"fetch task failed after its retries: {type(exc).__name__}: {exc}"
    log = FetchLog()
    docs = [page_not_fetched(log, job, reason) for job in jobs]
    return {"docs": docs, "log": log.rows}


def fetch_stage(plan: Plan, db: str | None, run_id: str | None, batch_size: int,
                logger: logging.Logger | logging.LoggerAdapter | None = None) -> tuple[list[dict], dict]:
    """Fetch the plan's pages on the task runner, landing each batch as it comes back.
    Returns (every document of the read, planning's included, in discovery order; fetch stats)."""
    stats = dict(plan.stats)
    docs = list(plan.docs)
    batches = host_batches(plan.jobs, batch_size)
    if batches:
        # the writer's limit was set when this run took it (flows/writer.flow_writer)
        limits.ensure({b[0].host for b in batches}, plan.settings.get("max_per_host"), logger, writer=False)
    submitted = [(fetch_batch.submit(b[0].host, b, plan.settings, plan.named_hosts, plan.robots), b) for b in batches]
    by_run = {fut.task_run_id: b for fut, b in submitted}
    with progress.Reporter("fetched", total=len(plan.jobs), logger=logger) as bar:
        for fut in as_completed([f for f, _ in submitted]):
            jobs = by_run[fut.task_run_id]
            try:
                out = fut.result()
            except Exception as exc:  # the run goes on: the pages are recorded with the reason
                (logger or logging.getLogger("sitrep.fetch")).error("fetch batch of %s pages on %s failed: %s",
                                                                   len(jobs), jobs[0].host, exc)
                out = _lost(jobs, exc)
            if db:
                stats["new_raw"] = stats.get("new_raw", 0) + ingest.land_documents(db, run_id, out["docs"])
                ingest.land_fetch_log(db, run_id, out["log"])
            tally(stats, out["log"])
            n_ok = sum(d["status"] == "ok" for d in out["docs"])
            bar.done(True, n_ok + len(jobs) - len(out["docs"]))  # not returned: unchanged (304)
            bar.done(False, len(out["docs"]) - n_ok)
            docs += out["docs"]
    return in_order(docs), stats
