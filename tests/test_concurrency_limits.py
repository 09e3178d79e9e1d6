"""`sitrep run` with a config of [fetch] max_per_host = 1 and [cache] max_age_days = 1, for real:
the Prefect global concurrency limits exist with the configured values, the host saw one request
at a time although four task-runner threads fetched, and old cache entries went at the end."""
from __future__ import annotations

import os
import threading
import time

import duckdb
import pytest
from werkzeug import Response

from sitrep import cli
from sitrep import config as cfg
from tests.web_helpers import FAST, STORIES, _server, article_html, base_url, rss, server  # noqa: F401

pytestmark = pytest.mark.usefixtures("prefect_harness")

DAY = 86400


class InFlight:
    """Counts the requests the server is answering at the same moment, and the most it saw."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()

    def page(self, body: bytes):
        def handler(request):
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(0.2)  # long enough for parallel batches to overlap if nothing held them back
                return Response(body, content_type="text/html; charset=utf-8")
            finally:
                with self._lock:
                    self.now -= 1
        return handler


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / "sitrep.toml"
    fetch = "\n".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in {**FAST, "max_per_host": 1}.items())
    path.write_text(f"[fetch]\n{fetch}\n\n[cache]\nmax_age_days = 1\n", "utf-8")
    yield path
    cfg.load(None)  # back to the project's config for the other tests


def test_run_creates_the_limits_holds_one_request_per_host_and_prunes_the_cache(server, config_file, tmp_path):
    from prefect import get_client

    from flows.cache import cache_dir

    flight = InFlight()
    b = base_url(server)
    paths = [f"/news/{key}-{i}.html" for key in STORIES for i in (1, 2)]
    for n, path in enumerate(paths):
        key = path.split("/")[-1].split("-")[0]
        server.expect_request(path).respond_with_handler(flight.page(article_html(f"{key} {n}", STORIES[key][n % 2:] + [f"Report {n}."])))
    server.expect_request("/feed.xml").respond_with_data(rss([b + p for p in paths]), content_type="application/rss+xml")

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old, recent, foreign = folder / "sitrep-clean-test-old", folder / "sitrep-extract-test-recent", folder / "not-sitrep-test-old"
    for f in (old, recent, foreign):
        f.write_bytes(b"x" * 10)
    for f in (old, foreign):
        os.utime(f, (time.time() - 3 * DAY, time.time() - 3 * DAY))

    db = tmp_path / "w.duckdb"
    argv = ["run", "--source", f"{b}/feed.xml", "--db", str(db), "--config", str(config_file), "--batch-size", "1", "--workers", "4"]
    assert cli.main(argv) == 0

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from raw.documents where status = 'ok'").fetchone()[0] == len(paths)
    finally:
        con.close()
    # eight one-page batches on four threads, yet the host never had two requests at once
    assert flight.most == 1

    with get_client(sync_client=True) as client:
        limits = {gcl.name: gcl.limit for gcl in client.read_global_concurrency_limits(limit=200)}
    assert limits["sitrep-warehouse-writer"] == 1
    assert limits["host:127.0.0.1"] == 1  # [fetch] max_per_host of the config

    assert not old.exists() and recent.exists() and foreign.exists()
    assert list(folder.glob("sitrep-clean-*")) and list(folder.glob("sitrep-extract-*"))  # this run's entries stay
    recent.unlink()
    foreign.unlink()
