"""The planning and dedup stages of the pipeline flow (flows/pipeline.py wraps them in tasks):
read the sources against what the warehouse already holds (local files, feeds, sitemaps), landing
raw bytes as they arrive, and choose the pages to fetch (flows/fetching.py fetches them); then
link near-duplicate articles to their first copy and drop identical copies."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import polars as pl

from sitrep import config
from transforms import dedup, progress
from transforms.crawl import Crawler, PageJob, SourceSpec
from transforms.fetch import FetchSettings
from warehouse import ingest

LAND_EVERY = 50  # raw documents are landed in batches of this size while the crawl goes on

# Columns the ingestion adds to the article frame (beyond transforms.schema.ARTICLE_SCHEMA).
ARTICLE_EXTRA = {"author": pl.Utf8, "encoding": pl.Utf8, "encoding_errors": pl.Int64, "duplicate_of": pl.Utf8}


def settings_for(overrides: dict | None = None) -> FetchSettings:
    """[fetch] of the loaded sitrep.toml, then the flow's overrides."""
    return FetchSettings.from_dict({**config.current().fetch, **(overrides or {})})


def source_specs(sources: list[str | dict]) -> list[SourceSpec]:
    """Each source with the options sitrep.toml gives the same location (so `--source URL` of a
    configured source keeps its name, patterns and limits); explicit values win."""
    conf = config.current()
    specs = []
    for s in sources:
        given = {"location": s} if isinstance(s, str) else dict(s)
        known = conf.source_for(given["location"])
        base = known.as_dict() if known else {}
        specs.append(SourceSpec.of({**base, **{k: v for k, v in given.items() if v is not None}}))
    return specs


@dataclass
class Plan:
    """What the flow's process read and chose (plain data, handed to the fetch tasks)."""

    settings: dict                      # FetchSettings as a dict
    named_hosts: list[str]              # hosts named as sources (private addresses allowed there)
    robots: dict                        # robots.txt rules read while planning, by robots.txt URL
    jobs: list[PageJob]                 # article pages to fetch
    docs: list[dict]                    # documents read while planning (files, failed hubs, refusals), landed already
    stats: dict = field(default_factory=dict)


def plan_stage(sources: list[str | dict], db: str | None, run_id: str | None, fetch: dict | None = None,
               logger: logging.Logger | logging.LoggerAdapter | None = None) -> Plan:
    """Every source -> local documents, feeds and sitemaps read (discovery), links selected
    against what the warehouse holds, and the pages left to fetch. Everything read here is landed
    here (documents as they come, hubs, the fetch log)."""
    settings = settings_for(fetch)
    progress.configure(settings.progress)
    specs = source_specs(sources)
    state = ingest.LandedState(db) if db else None
    buffer: list[dict] = []
    stats = {"new_raw": 0}

    def flush() -> None:
        if db and buffer:
            stats["new_raw"] += ingest.land_documents(db, run_id, buffer)
        buffer.clear()

    def on_doc(doc: dict) -> None:
        buffer.append(doc)
        if len(buffer) >= LAND_EVERY:
            flush()

    crawler = Crawler(settings, specs, state, None, on_doc, defer=True)
    with progress.Reporter("read", logger=logger) as bar:
        crawler.progress = bar
        try:
            crawler.run()
        finally:
            flush()
            if db:
                ingest.land_hubs(db, run_id, crawler.result.hubs)
                ingest.land_fetch_log(db, run_id, crawler.log.rows)
    tally(stats, crawler.log.rows)
    return Plan(asdict(settings), crawler.named_hosts, crawler.fetcher.robots_rules(), crawler.result.planned,
                crawler.result.docs, stats)


OUTCOMES = ("ok", "not_modified", "failed", "refused", "skipped", "filtered", "retry")


def tally(stats: dict, rows: list[dict]) -> dict:
    """Add fetch-log rows to the run's fetch statistics (outcomes, links skipped)."""
    for r in rows:
        if r["outcome"] in OUTCOMES:
            stats[r["outcome"]] = stats.get(r["outcome"], 0) + 1
        if r["outcome"] == "skipped":
            stats["skipped_links"] = stats.get("skipped_links", 0) + (r.get("n_links") or 0)
    for k in (*OUTCOMES, "skipped_links"):
        stats.setdefault(k, 0)
    return stats


def in_order(docs: list[dict]) -> list[dict]:
    """Documents once each, in discovery order (`_seq`, dropped here), whatever the order of arrival."""
    out, seen = [], set()
    for d in sorted(docs, key=lambda d: d.get("_seq", 0)):
        d.pop("_seq", None)
        if d["document_id"] not in seen:
            seen.add(d["document_id"])
            out.append(d)
    return out


def _with_links(df: pl.DataFrame, links: dict[str, str | None]) -> pl.DataFrame:
    return df.with_columns(pl.col("article_id").replace_strict(links, default=None, return_dtype=pl.Utf8).alias("duplicate_of"))


def dedup_stage(db: str, new: pl.DataFrame, known: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """This run's new articles and the known ones (cleaned in an earlier run) -> (new articles with
    `duplicate_of` and without identical copies, known ones with their stored `duplicate_of`,
    rejections of the identical copies). Signatures of the new articles kept are stored; they only
    count once their article is in core.articles."""
    known = _with_links(known, ingest.duplicate_links(db, known["article_id"].to_list()) if not known.is_empty() else {})
    if new.is_empty():
        return _with_links(new, {}), known, []
    # within a run the earliest published copy comes first, then the order the sources gave
    rows = new.with_row_index("_pos").sort(["published_date", "_pos"], nulls_last=True).select(
        "article_id", "document_id", "source_uri", "url", "content_hash", "text", "headline_end").to_dicts()
    sigs = {r["article_id"]: dedup.signature(dedup.body_of(r)) for r in rows}
    bands = {r["article_id"]: dedup.band_keys(sigs[r["article_id"]]) for r in rows}
    ids = [r["article_id"] for r in rows]
    pool = ingest.signature_pool(db, ids, [r["content_hash"] for r in rows], sorted({b for v in bands.values() for b in v}))
    mine = set(ids)
    first_seen = {p["article_id"]: p["first_seen_at"] for p in pool.iter_rows(named=True) if p["article_id"] in mine}
    now = datetime.now(timezone.utc)
    entries = [dedup.Entry(r["article_id"], r["content_hash"], sigs[r["article_id"]], first_seen.get(r["article_id"], now), i, r["url"])
               for i, r in enumerate(rows)]
    entries += [dedup.Entry(p["article_id"], p["content_hash"], dedup.from_blob(p["minhash"]), p["first_seen_at"], -1, p["url"],
                            p["duplicate_of"], stored=True)
                for p in pool.iter_rows(named=True) if p["article_id"] not in mine]
    decisions = dedup.assign(entries)
    rejections, links, kept = [], {}, []
    for r in rows:
        d = decisions[r["article_id"]]
        if d.same_as:
            rejections.append({"document_id": r["document_id"], "source_uri": r["source_uri"], "stage": "dedup",
                               "reason": f"duplicate: same text as article {d.same_as} ({d.same_as_url}), kept once"})
            continue
        links[r["article_id"]] = d.duplicate_of
        kept.append({"article_id": r["article_id"], "content_hash": r["content_hash"],
                     "minhash": dedup.to_blob(sigs[r["article_id"]]), "bands": bands[r["article_id"]],
                     "duplicate_of": d.duplicate_of, "first_seen_at": first_seen.get(r["article_id"], now)})
    ingest.save_signatures(db, kept)
    return _with_links(new.filter(pl.col("article_id").is_in(list(links))), links), known, rejections
