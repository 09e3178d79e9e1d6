"""The same flow on other task runners: a Dask LocalCluster of two worker processes (and a local
process pool) gives exactly the marts of the default thread runner; with Dask, the workers fetch
the pages and the flow's process lands them."""
from __future__ import annotations

import os
import socket

import duckdb
import pytest

from flows.runners import RUNNERS, pipeline_with_runner, task_runner
from tests.conftest import SAMPLES, table_contents
from tests.web_helpers import FAST, FRENCH, RUSSIAN, STORIES, _server, article_html, base_url, requested, rss, server  # noqa: F401

pytestmark = pytest.mark.usefixtures("prefect_harness")


def marts(db) -> dict[str, list[tuple]]:
    """Every table of the marts schema, run ids aside, in a stable order."""
    return {t.split(".", 1)[1]: rows for t, rows in table_contents(db).items()}


def run(tmp_path, name: str, **runner) -> dict:
    """The pipeline over the bundled samples, cleaning and extraction computed (not read from the cache)."""
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    db = tmp_path / f"{name}.duckdb"
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        summary = pipeline_with_runner(**runner)(sources=[str(SAMPLES / "articles")], db=str(db), batch_size=2)
    assert summary["status"] == "completed"
    return marts(db)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = run(tmp_path_factory.mktemp("thread"), "thread")
    assert len(out["dim_articles"]) == 10 and out["fact_casualties"]
    return out


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as c:
        yield c


def test_dask_cluster_gives_identical_marts(reference, cluster, tmp_path):
    from distributed import Client

    with Client(cluster) as client:
        before = sum(client.run(lambda dask_worker: dask_worker.state.executed_count).values())
        got = run(tmp_path, "dask", kind="dask", dask_address=cluster.scheduler_address)
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert len(executed) == 2
    # 10 articles in batches of about 2: several cleaning and extraction tasks ran on the workers
    assert sum(executed.values()) - before >= 4, executed
    assert got == reference


PAGES = {f"/news/{key}.html": article_html(key.title(), STORIES[key]) for key in STORIES}
PAGES["/fr/peche.html"] = article_html("Manifestation des pêcheurs", FRENCH, lang="fr")
PAGES["/ru/bolnitsa.html"] = article_html("Митинг у больницы", RUSSIAN, lang="ru")


def outlet(server) -> str:
    """A feed of six articles on 127.0.0.1; returns the feed's URL."""
    b = base_url(server)
    for path, html in PAGES.items():
        server.expect_request(path).respond_with_data(html, content_type="text/html; charset=utf-8")
    server.expect_request("/feed.xml").respond_with_data(rss([b + p for p in PAGES]), content_type="application/rss+xml")
    return b + "/feed.xml"


def fetch_run(tmp_path, name: str, feed: str, **runner) -> tuple[dict, set[str]]:
    """The pipeline over the feed, one page per fetch batch: (marts, who fetched the pages)."""
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    db = tmp_path / f"{name}.duckdb"
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):
        summary = pipeline_with_runner(**runner)(sources=[feed], db=str(db), batch_size=1, fetch=FAST)
    assert summary["status"] == "completed" and summary["fetch"]["ok"] >= len(PAGES)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("select url, fetched_by from raw.fetch_log where kind = 'page' and outcome = 'ok'").fetchall()
    finally:
        con.close()
    assert sorted(u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] for u, _ in rows) == sorted(p[1:] for p in PAGES)
    return marts(db), {f for _, f in rows}


def test_dask_workers_fetch_the_pages_and_the_flow_lands_them(cluster, server, tmp_path):
    from distributed import Client

    feed = outlet(server)
    with Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
    here = f"{socket.gethostname()}:{os.getpid()}"

    by_threads, fetched_by_threads = fetch_run(tmp_path, "thread", feed)
    assert fetched_by_threads == {here}  # the default runner's threads live in this process

    by_dask, fetched_by_dask = fetch_run(tmp_path, "dask", feed, kind="dask", dask_address=cluster.scheduler_address)
    assert fetched_by_dask and here not in fetched_by_dask
    assert {int(f.rsplit(":", 1)[1]) for f in fetched_by_dask} <= worker_pids, (fetched_by_dask, worker_pids)
    assert all(requested(server, p) == 2 for p in PAGES)  # once per run: no page fetched twice
    assert len(by_dask["dim_articles"]) == len(PAGES)
    assert by_dask == by_threads


def test_process_pool_gives_identical_marts(reference, tmp_path):
    assert run(tmp_path, "process", kind="process", workers=2) == reference


def test_runner_choice():
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    assert RUNNERS == ("thread", "process", "dask")
    assert isinstance(task_runner(), ThreadPoolTaskRunner)
    assert isinstance(task_runner("process", workers=3), ProcessPoolTaskRunner)
    remote = task_runner("dask", dask_address="tcp://127.0.0.1:8786")
    assert isinstance(remote, DaskTaskRunner) and remote.address == "tcp://127.0.0.1:8786"
    assert isinstance(task_runner(dask_address="tcp://127.0.0.1:8786"), DaskTaskRunner)  # the address implies dask
    local = task_runner("dask", workers=2)
    assert local.cluster_kwargs["n_workers"] == 2 and local.cluster_kwargs["processes"]
    with pytest.raises(ValueError):
        task_runner("gpu")
    with pytest.raises(ValueError):
        task_runner("thread", dask_address="tcp://127.0.0.1:8786")
