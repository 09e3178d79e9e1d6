"""The pipeline flow: plan -> fetch -> land raw -> clean -> land articles -> extract -> facts -> publish.

Orchestration only: each task calls a pure function of `transforms/`, a writer of `warehouse/`
or a suite of `expectations/`. Work is batched (one task per batch of documents), and after each
stage its suite decides: quarantine rows, or stop the flow before anything is published.
"""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task

from expectations import articles as articles_suite
from expectations import dimensions as dimensions_suite
from expectations import facts as facts_suites
from expectations import mentions as mentions_suite
from expectations import raw_documents as raw_suite
from expectations.derive import with_article_checks, with_fact_checks, with_mention_checks
from expectations.gate import GateFailed, StageResult, validate
from transforms.clean import CleaningError, clean_document
from transforms.extract import EXTRACTOR_VERSION, extract_batch
from transforms.facts import build_facts
from transforms.schema import ARTICLE_SCHEMA, MENTION_SCHEMA, frame
from flows.fetching import fetch_stage
from flows.ingest import ARTICLE_EXTRA, Plan, dedup_stage, plan_stage
from flows import artifacts, cache, policies
from flows.writer import exclusive
from transforms import progress
from warehouse import db as wh
from warehouse import landing, publish, state

DEFAULT_BATCH = 25


@dataclass
class RunSummary:
    run_id: str
    status: str = "running"
    documents: int = 0
    rejected: int = 0
    new_raw: int = 0
    articles: int = 0
    extracted: int = 0
    quarantined: int = 0
    facts: dict = field(default_factory=dict)
    checks_passed: int = 0
    checks_failed: int = 0
    message: str | None = None
    db: str = ""
    fetch: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


@task(name="plan-fetch", **policies.PLAN)
def plan_sources(sources: list[str | dict], db: str | None = None, run_id: str | None = None,
                 fetch: dict | None = None) -> Plan:
    """Every source -> local documents, feeds and sitemaps read, and the pages to fetch, in the
    flow's process (it lands what it reads). A source is a location or a dict of sitrep.toml
    source options; `fetch` overrides [fetch]."""
    return plan_stage(sources, db, run_id, fetch, get_run_logger())


@task(name="dedup-articles")
def dedup_task(db: str, new: pl.DataFrame, known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """Identical copies dropped, near-duplicates linked to their first copy (`duplicate_of`)."""
    return dedup_stage(db, new, known)


@task(name="land-raw")
def land_raw(db: str, run_id: str, docs: list[dict]) -> tuple[int, StageResult]:
    raw = landing.raw_frame(docs)
    result = validate(raw_suite.SUITE, raw.drop("body"), run_id, n_input=len(docs))
    if result.gate_failed:
        return 0, result
    new = landing.land_raw(db, run_id, raw)
    rejected = [{"document_id": d["document_id"], "source_uri": d["source_uri"], "stage": "read", "reason": d["reason"]}
                for d in docs if d["status"] != "ok"]
    landing.land_rejections(db, run_id, rejected)
    return new, result


@task(name="clean-batch", **policies.CLEAN)
def clean_batch(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """A batch of raw documents -> (articles, rejections)."""
    articles, rejections = [], []
    for d in docs:
        try:
            articles.append(clean_document(d))
        except CleaningError as exc:
            rejections.append({"document_id": d["document_id"], "source_uri": d["source_uri"], "stage": "clean", "reason": str(exc)})
        except Exception as exc:  # a parser crash on one page must not stop the others
            rejections.append({"document_id": d["document_id"], "source_uri": d["source_uri"], "stage": "clean",
                               "reason": f"cleaning failed: {type(exc).__name__}: {exc}"})
    return articles, rejections


@task(name="extract-batch", **policies.EXTRACT)
def extract_task(articles: list[dict]) -> list[dict]:
    """A batch of clean articles -> mentions."""
    return extract_batch(articles)


@task(name="validate")
def validate_task(suite, df: pl.DataFrame, run_id: str, n_input: int | None) -> StageResult:
    return validate(suite, df, run_id, n_input)


@task(name="land-articles")
def land_articles(db: str, run_id: str, articles: pl.DataFrame) -> int:
    return landing.land_articles(db, run_id, articles)


@task(name="land-mentions")
def land_mentions(db: str, run_id: str, article_ids: list[str], mentions: pl.DataFrame, extracted: list[str]) -> int:
    return landing.land_mentions(db, run_id, article_ids, mentions, extracted, EXTRACTOR_VERSION)


@task(name="build-facts")
def build_facts_task(mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
    return build_facts(mentions)


@task(name="publish-marts")
def publish_task(db: str, run_id: str, article_ids: list[str], articles: pl.DataFrame, facts: dict,
                 replace_all: bool = False) -> dict[str, int]:
    return publish.publish_marts(db, run_id, article_ids, articles, facts, replace_all)


class _Quality:
    """Collects every stage's validation output so it is written even when a gate stops the run."""

    def __init__(self) -> None:
        self.results: list[StageResult] = []

    def add(self, result: StageResult) -> StageResult:
        self.results.append(result)
        return result

    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        return (pl.concat([r.run for r in self.results]), pl.concat([r.results for r in self.results]),
                pl.concat([r.quarantined for r in self.results]))

    def check(self, result: StageResult) -> StageResult:
        self.add(result)
        if result.gate_failed:
            raise GateFailed("; ".join(result.gate_failures))
        return result


def _run_id() -> str:
    try:
        from prefect.runtime import flow_run

        if flow_run.id:
            return str(flow_run.id)
    except Exception:
        pass
    return str(uuid.uuid4())


@task(name="read-raw-layer")
def read_raw_layer(db: str) -> list[dict]:
    """Full refresh: every document already landed, without fetching anything."""
    return state.raw_documents(db)


@task(name="known-articles")
def known_articles(db: str, document_ids: list[str]) -> pl.DataFrame:
    return state.cleaned_articles(db, document_ids)


@task(name="known-mentions")
def known_mentions(db: str, article_ids: list[str]) -> pl.DataFrame:
    return state.extracted_mentions(db, article_ids)


@flow(name="sitrep-pipeline", log_prints=True)
@exclusive  # one writer per warehouse: a second run waits for the first (flows/writer.py)
def pipeline(sources: list[str | dict] | None = None, db: str = str(wh.DEFAULT_DB), batch_size: int = DEFAULT_BATCH,
             full_refresh: bool = False, fetch: dict | None = None) -> dict:
    """Run every stage over the sources into the warehouse at `db`; returns the run summary.

    Incremental: a document already cleaned is not cleaned again, an article already read by
    this extractor version is not extracted again. `full_refresh` rebuilds every layer from the
    raw documents already landed, without fetching, and replaces the marts whole.
    """
    log = get_run_logger()
    run_id = _run_id()
    sources = sources or []
    summary = RunSummary(run_id=run_id, db=str(db))
    quality = _Quality()
    wh.init(db)
    publish.start_run(db, run_id, ["(full refresh from raw.documents)"] if full_refresh else
                      [s["location"] if isinstance(s, dict) else s for s in sources])
    try:
        if full_refresh:
            docs = read_raw_layer(db)
            quality.check(validate_task(raw_suite.SUITE, landing.raw_frame(docs).drop("body"), run_id, None))
        else:
            # plan here, fetch on the task runner's workers, land here: one process writes the warehouse
            docs, summary.fetch = fetch_stage(plan_sources(sources, db, run_id, fetch), db, run_id, batch_size, log)
            new_raw, raw_result = land_raw(db, run_id, docs)
            quality.check(raw_result)
            summary.new_raw = new_raw + summary.fetch.get("new_raw", 0)
        summary.documents = len(docs)
        ok_docs = [d for d in docs if d["status"] == "ok"]
        rejections = [{"document_id": d["document_id"], "source_uri": d["source_uri"], "stage": "read", "reason": d["reason"]}
                      for d in docs if d["status"] != "ok"]

        # clean: only documents not cleaned before (all of them on a full refresh)
        known = frame([], {**ARTICLE_SCHEMA, "extractor_version": pl.Utf8}) if full_refresh else \
            known_articles(db, [d["document_id"] for d in ok_docs])
        known_docs = set(known["document_id"].to_list())
        to_clean = [d for d in ok_docs if d["document_id"] not in known_docs]
        cleaned = []
        with progress.Reporter("cleaned", total=len(to_clean), logger=log) as bar:
            for fut in [clean_batch.submit(b) for b in policies.content_batches(to_clean, batch_size, "document_id")]:
                cleaned.append(fut.result())
                bar.done(True, len(cleaned[-1][0]))
                bar.done(False, len(cleaned[-1][1]))
        new_articles = frame([a for arts, _ in cleaned for a in arts], {**ARTICLE_SCHEMA, **ARTICLE_EXTRA})
        new_articles, known, dup_rejections = dedup_task(db, new_articles, known)
        clean_rejections = [r for _, rej in cleaned for r in rej] + dup_rejections
        landing.land_rejections(db, run_id, clean_rejections)
        rejections += clean_rejections
        summary.rejected = len(rejections)
        articles_df = pl.concat([new_articles, known.select([*ARTICLE_SCHEMA, "duplicate_of"])], how="diagonal_relaxed").unique(
            "article_id", keep="first", maintain_order=True)
        art_result = quality.check(validate_task(articles_suite.SUITE, with_article_checks(articles_df), run_id,
                                                 len(ok_docs) - len(dup_rejections)))
        articles_ok = art_result.passed
        seen_ids = articles_df["article_id"].to_list()
        land_articles(db, run_id, new_articles.unique("article_id", keep="first", maintain_order=True))

        # extract: only articles this extractor version has not read yet
        current = set(known.filter(pl.col("extractor_version") == EXTRACTOR_VERSION)["article_id"].to_list())
        records = [r for r in articles_ok.to_dicts() if r["article_id"] not in current]
        reused = known_mentions(db, [i for i in articles_ok["article_id"].to_list() if i in current])
        found = [f.result() for f in [extract_task.submit(b) for b in policies.content_batches(records, batch_size, "article_id")]]
        mentions_df = pl.concat([frame([m for part in found for m in part], MENTION_SCHEMA), reused])
        summary.extracted = len(records)
        men_result = quality.check(validate_task(mentions_suite.SUITE, with_mention_checks(mentions_df, articles_ok), run_id, len(records)))
        land_mentions(db, run_id, seen_ids, men_result.passed, [r["article_id"] for r in records])

        facts = build_facts_task(men_result.passed)
        checked = {}
        for kind, df in facts.items():
            res = quality.check(validate_task(facts_suites.BY_KIND[kind], with_fact_checks(df, articles_ok, kind), run_id, None))
            checked[kind] = res.passed
        dim = articles_ok.select(["article_id", "source_uri", "url", "title", "source", "published_date",
                                  "published_precision", "language", "n_chars", "duplicate_of"])
        for suite, df in dimensions_suite.frames(dim):  # gate and warn only: dim passes unchanged
            quality.check(validate_task(suite, df, run_id, None))
        counts = publish_task(db, run_id, seen_ids, dim, checked, full_refresh)
        summary.articles = counts["articles"]
        summary.facts = {k: counts[k] for k in ("casualty", "deployment", "troop_count")}
        summary.status = "completed"
    except GateFailed as exc:
        summary.status = "failed"
        summary.message = f"stage gate failed, nothing published: {exc}"
        log.error(summary.message)
    finally:
        if quality.results:
            runs, results, quarantined = quality.frames()
            publish.record_quality(db, runs, results, quarantined)
            summary.checks_passed = int(results["success"].sum())
            summary.checks_failed = int((~results["success"]).sum())
            summary.quarantined = quarantined.height
        publish.finish_run(db, run_id, summary.status if summary.status != "running" else "crashed",
                           {"documents": summary.documents, "articles": summary.articles, **summary.facts}, summary.message)
        artifacts.after_run(db, summary, quality.results)  # Data Docs, HTML report, Prefect artifacts
    if summary.status == "completed":
        cache.prune_after_run(log)
    log.info("run %s %s: %s documents, %s articles, facts %s (extractor %s)", run_id, summary.status,
             summary.documents, summary.articles, summary.facts, EXTRACTOR_VERSION)
    if summary.status == "failed":
        raise GateFailed(summary.message, summary.as_dict())
    return summary.as_dict()
