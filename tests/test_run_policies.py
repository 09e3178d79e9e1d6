"""Run operations: content cache keys and batches, the warehouse writer lock (a second run waits),
a failed run retried to the end, a full refresh reading cached cleaning and extraction."""
from __future__ import annotations

import logging
import shutil
import threading
import time
from datetime import datetime, timezone

import duckdb
import pytest

from flows import policies
from flows.writer import WriterTimeout, lock_path, warehouse_writer
from tests.conftest import FIXTURES, table_contents

MARTS = ["marts.dim_articles", "marts.fact_casualties", "marts.fact_deployments", "marts.fact_troop_counts"]


def snapshot(db) -> dict[str, list[tuple]]:
    return table_contents(db, MARTS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("policies") / "corpus"
    shutil.copytree(FIXTURES / "corpus", folder)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, prefect_harness):
    """One ordinary run over the corpus: the warehouse the other runs must reproduce."""
    from flows.pipeline import pipeline

    db = corpus.parent / "reference.duckdb"
    assert pipeline(sources=[str(corpus)], db=str(db))["status"] == "completed"
    return db


# ---- cache keys and batches (no Prefect run) ----------------------------------------------------

def _doc(i, **extra):
    return {"document_id": f"doc{i}", "source_uri": f"file:///x/{i}.txt", "body": f"bytes {i}".encode(), "lang_hint": None, **extra}


def test_a_new_document_changes_only_its_own_batch():
    docs = [_doc(i) for i in range(300)]
    before = policies.content_batches(docs, 10, "document_id")
    assert sum(len(b) for b in before) == 300 and all(len(b) <= 20 for b in before)
    after = policies.content_batches(docs[:137] + [_doc("new")] + docs[137:], 10, "document_id")
    changed = [b for b in after if b not in before]
    assert len(changed) <= 2  # the new document's batch (and, at worst, the one a size cap pushed)
    assert any(d["document_id"] == "docnew" for d in changed[0])


def test_clean_key_follows_content_not_identity():
    docs = [_doc(1), _doc(2)]
    key = policies.clean_cache_key(None, {"docs": docs})
    assert key == policies.clean_cache_key(None, {"docs": [dict(d) for d in docs]})
    # a changed hint changes what cleaning produces, so it changes the key
    assert key != policies.clean_cache_key(None, {"docs": [_doc(1, lang_hint="fr"), _doc(2)]})
    # new bytes mean a new document id (URI + bytes)
    assert key != policies.clean_cache_key(None, {"docs": [_doc(1, document_id="other"), _doc(2)]})


def test_extract_key_includes_the_extractor_version(monkeypatch):
    arts = [{"article_id": "a1", "text": "...", "language": "fr"}]
    key = policies.extract_cache_key(None, {"articles": arts})
    assert key.startswith("sitrep-extract-")
    import transforms.extract as extract_pkg

    monkeypatch.setattr(extract_pkg, "EXTRACTOR_VERSION", "999.0.0")
    assert policies.extract_cache_key(None, {"articles": arts}) != key
    monkeypatch.undo()
    assert policies.extract_cache_key(None, {"articles": arts}) == key


# ---- the writer lock -----------------------------------------------------------------------------

def test_second_holder_waits_and_names_the_first(tmp_path, caplog):
    db = tmp_path / "w.duckdb"
    held, release = threading.Event(), threading.Event()

    def first():
        with warehouse_writer(db, "run-one", "first run", logging.getLogger("test")):
            held.set()
            release.wait(10)

    t = threading.Thread(target=first)
    t.start()
    assert held.wait(5)
    with pytest.raises(WriterTimeout, match="run-one"):
        with warehouse_writer(db, "run-two", logger=logging.getLogger("test"), timeout=1.5):
            pass
    assert "is being written by run run-one (first run" in caplog.text
    threading.Timer(1.0, release.set).start()
    t0 = time.monotonic()
    with warehouse_writer(db, "run-two", logger=logging.getLogger("test")):
        waited = time.monotonic() - t0
    t.join()
    assert waited >= 0.5
    assert lock_path(db).read_text() == ""  # released: nobody named as the holder


@pytest.mark.usefixtures("prefect_harness")
def test_a_run_waits_for_the_writer_before_writing(corpus, warehouse_path, caplog):
    from flows.pipeline import pipeline

    released_at: list[datetime] = []
    held, seen_waiting = threading.Event(), threading.Event()

    class Watch(logging.Handler):
        def emit(self, record):
            if "is being written by" in record.getMessage():
                seen_waiting.set()

    def other_run():
        with warehouse_writer(warehouse_path, "scheduled-run", "another run", logging.getLogger("test")):
            held.set()
            seen_waiting.wait(120)  # keep writing until the new run has said that it waits
            time.sleep(1)
            released_at.append(datetime.now(timezone.utc))

    t = threading.Thread(target=other_run)
    t.start()
    assert held.wait(5)
    prefect_logger = logging.getLogger("prefect.flow_runs")  # Prefect's loggers do not propagate
    watch = Watch()
    prefect_logger.addHandler(caplog.handler)
    prefect_logger.addHandler(watch)
    try:
        summary = pipeline(sources=[str(corpus)], db=str(warehouse_path))
    finally:
        prefect_logger.removeHandler(caplog.handler)
        prefect_logger.removeHandler(watch)
        seen_waiting.set()
    t.join()
    assert summary["status"] == "completed"
    con = duckdb.connect(str(warehouse_path), read_only=True)
    started = con.execute("select started_at from ops.runs where run_id = ?", [summary["run_id"]]).fetchone()[0]
    con.close()
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    assert started >= released_at[0]  # nothing written before the other run let go
    assert "is being written by run scheduled-run" in caplog.text


# ---- retries and caching, for real ---------------------------------------------------------------

@pytest.mark.usefixtures("prefect_harness")
def test_a_failed_run_retried_finishes_the_job(corpus, reference, tmp_path, monkeypatch):
    from prefect.settings import PREFECT_TASKS_REFRESH_CACHE, temporary_settings

    import flows.pipeline as fp

    real = fp.extract_batch
    calls = {"n": 0}

    def flaky(articles):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionError("worker lost")
        return real(articles)

    monkeypatch.setattr(fp, "extract_batch", flaky)
    db = tmp_path / "retried.duckdb"
    with temporary_settings(updates={PREFECT_TASKS_REFRESH_CACHE: True}):  # extract for real, not from the cache
        summary = fp.pipeline.with_options(retries=1, retry_delay_seconds=0)(sources=[str(corpus)], db=str(db))
    assert calls["n"] >= 2 and summary["status"] == "completed"
    assert snapshot(db) == snapshot(reference)


@pytest.mark.usefixtures("prefect_harness")
def test_full_refresh_reads_cleaning_and_extraction_from_the_cache(reference, warehouse_path):
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.pipeline import pipeline

    shutil.copy(reference, warehouse_path)  # cleaned and extracted once already, by the reference run
    before = snapshot(warehouse_path)
    summary = pipeline(sources=[], db=str(warehouse_path), full_refresh=True)
    assert snapshot(warehouse_path) == before
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[summary["run_id"]])))
    states = {(r.name.rsplit("-", 1)[0], r.state.name) for r in runs if r.name.startswith(("clean-batch", "extract-batch"))}
    assert states == {("clean-batch", "Cached"), ("extract-batch", "Cached")}, states
