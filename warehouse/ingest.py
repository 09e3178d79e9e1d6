"""The warehouse side of ingestion: landing fetched documents (headers, final URL, validators
included), feeds and sitemaps, the fetch log and article signatures; and reading back what is
already landed, so a run fetches only what is new."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from warehouse.db import connect
from transforms.schema import frame
from warehouse.load import insert, insert_new

UTC = pl.Datetime("us", "UTC")
DOCUMENT_SCHEMA = {
    "document_id": pl.Utf8, "source_uri": pl.Utf8, "source_name": pl.Utf8, "url": pl.Utf8,
    "content_type": pl.Utf8, "charset": pl.Utf8, "http_status": pl.Int32, "status": pl.Utf8,
    "reason": pl.Utf8, "body": pl.Binary, "n_bytes": pl.Int64, "final_url": pl.Utf8, "headers": pl.Utf8,
    "etag": pl.Utf8, "last_modified": pl.Utf8, "fetched_at": UTC, "discovered_from": pl.Utf8,
    "lang_hint": pl.Utf8, "date_hint": pl.Utf8,
}
HUB_SCHEMA = {
    "document_id": pl.Utf8, "url": pl.Utf8, "kind": pl.Utf8, "source_name": pl.Utf8, "final_url": pl.Utf8,
    "http_status": pl.Int32, "content_type": pl.Utf8, "headers": pl.Utf8, "etag": pl.Utf8,
    "last_modified": pl.Utf8, "body": pl.Binary, "n_bytes": pl.Int64, "n_links": pl.Int64, "note": pl.Utf8,
    "fetched_at": UTC,
}
LOG_SCHEMA = {
    "fetched_at": UTC, "source_name": pl.Utf8, "kind": pl.Utf8, "url": pl.Utf8, "attempt": pl.Int32,
    "hop": pl.Int32, "outcome": pl.Utf8, "http_status": pl.Int32, "reason": pl.Utf8, "retryable": pl.Boolean,
    "final_url": pl.Utf8, "content_type": pl.Utf8, "n_bytes": pl.Int64, "elapsed_ms": pl.Int64, "etag": pl.Utf8,
    "last_modified": pl.Utf8, "headers": pl.Utf8, "document_id": pl.Utf8, "n_links": pl.Int64, "fetched_by": pl.Utf8,
}
SIGNATURE_SCHEMA = {
    "article_id": pl.Utf8, "content_hash": pl.Utf8, "minhash": pl.Binary, "bands": pl.List(pl.Int64),
    "duplicate_of": pl.Utf8, "first_seen_at": UTC,
}


def land_documents(db: str | Path, run_id: str, docs: list[dict]) -> int:
    """Raw documents with everything the fetch returned, before any parsing; a document already
    landed (same URI, same bytes) is kept as it is. Returns the number of new rows."""
    if not docs:
        return 0
    rows = [{**d, "n_bytes": len(d.get("body") or b"")} for d in docs]
    df = frame(rows, DOCUMENT_SCHEMA).unique("document_id", keep="first", maintain_order=True).with_columns(
        pl.lit(run_id).alias("first_run_id"), pl.lit(datetime.now(timezone.utc)).alias("landed_at"))
    con = connect(db)
    try:
        return insert_new(con, "raw.documents", df)
    finally:
        con.close()


def land_hubs(db: str | Path, run_id: str, hubs: list[dict]) -> int:
    """Feeds, sitemaps and home pages as fetched (a 304 later re-reads this copy)."""
    if not hubs:
        return 0
    df = frame(hubs, HUB_SCHEMA).unique("document_id", keep="first", maintain_order=True).with_columns(
        pl.lit(run_id).alias("first_run_id"), pl.lit(datetime.now(timezone.utc)).alias("landed_at"))
    con = connect(db)
    try:
        return insert_new(con, "raw.discovery_documents", df)
    finally:
        con.close()


def land_fetch_log(db: str | Path, run_id: str, rows: list[dict]) -> int:
    if not rows:
        return 0
    df = frame(rows, LOG_SCHEMA).with_columns(pl.lit(run_id).alias("run_id"))
    con = connect(db)
    try:
        return insert(con, "raw.fetch_log", df)
    finally:
        con.close()


KNOWN_SQL = """
with q as (select distinct url from _q),
docs as (
    select u, arg_max(etag, landed_at) as etag, arg_max(last_modified, landed_at) as last_modified
    from (
        select source_uri as u, etag, last_modified, landed_at from raw.documents where status = 'ok'
        union all
        select final_url as u, etag, last_modified, landed_at from raw.documents where status = 'ok' and final_url is not null
        union all
        select url as u, etag, last_modified, landed_at from raw.documents where status = 'ok' and url is not null
    ) where u in (select url from q)
    group by u
),
last as (
    select url as u, arg_max(outcome, fetched_at) as outcome, arg_max(reason, fetched_at) as reason,
           arg_max(retryable, fetched_at) as retryable
    from raw.fetch_log
    where kind = 'page' and outcome in ('ok', 'not_modified', 'failed') and url in (select url from q)
    group by url
)
select q.url, docs.u is not null as landed, docs.etag, docs.last_modified,
       case when last.outcome = 'failed' and not coalesce(last.retryable, false) then last.reason end as failure
from q left join docs on docs.u = q.url left join last on last.u = q.url
"""


class LandedState:
    """What the warehouse holds already, asked in batches while the crawler selects links."""

    def __init__(self, db: str | Path) -> None:
        self.db = db

    def known(self, urls: list[str]) -> dict[str, dict]:
        """url -> {landed, etag, last_modified, failure} for the URLs the warehouse knows."""
        if not urls:
            return {}
        con = connect(self.db)
        try:
            con.register("_q", pl.DataFrame({"url": urls}, schema={"url": pl.Utf8}).to_arrow())
            rows = con.execute(KNOWN_SQL).fetchall()
            con.unregister("_q")
        finally:
            con.close()
        return {u: {"landed": landed, "etag": etag, "last_modified": lm, "failure": failure}
                for u, landed, etag, lm, failure in rows if landed or failure}

    def hub(self, url: str) -> dict | None:
        """The last copy of a feed, sitemap or home page, with its validators."""
        con = connect(self.db)
        try:
            row = con.execute(
                """select etag, last_modified, body, content_type from raw.discovery_documents
                   where url = ? order by fetched_at desc nulls last, landed_at desc limit 1""", [url]).fetchone()
        finally:
            con.close()
        if row is None:
            return None
        return {"etag": row[0], "last_modified": row[1], "body": row[2], "content_type": row[3]}


def signature_pool(db: str | Path, article_ids: list[str], hashes: list[str], bands: list[int]) -> pl.DataFrame:
    """Stored signatures that matter to this run: those of its own articles (for their first-seen
    time) and those of other articles sharing a content hash or an LSH band with them."""
    con = connect(db)
    try:
        con.register("_ids", pl.DataFrame({"v": article_ids}, schema={"v": pl.Utf8}).to_arrow())
        con.register("_hashes", pl.DataFrame({"v": hashes}, schema={"v": pl.Utf8}).to_arrow())
        con.register("_bands", pl.DataFrame({"v": bands}, schema={"v": pl.Int64}).to_arrow())
        df = con.sql("""
            with hits as (
                select article_id from core.article_signatures where article_id in (select v from _ids)
                union select article_id from core.article_signatures where content_hash in (select v from _hashes)
                union select article_id from (select article_id, unnest(bands) as b from core.article_signatures)
                      where b in (select v from _bands)
            )
            select s.article_id, s.content_hash, s.minhash, s.duplicate_of, s.first_seen_at, a.url
            from core.article_signatures s join core.articles a using (article_id)
            where s.article_id in (select article_id from hits)
        """).pl()
        for name in ("_ids", "_hashes", "_bands"):
            con.unregister(name)
    finally:
        con.close()
    return df


def save_signatures(db: str | Path, rows: list[dict]) -> int:
    """Upsert signatures: the first-seen time of an article never changes, its duplicate link may."""
    if not rows:
        return 0
    df = frame(rows, SIGNATURE_SCHEMA)
    con = connect(db)
    try:
        con.register("_sig", df.to_arrow())
        con.execute("""
            insert into core.article_signatures (article_id, content_hash, minhash, bands, duplicate_of, first_seen_at)
            select article_id, content_hash, minhash, bands, duplicate_of, first_seen_at from _sig
            on conflict (article_id) do update set duplicate_of = excluded.duplicate_of,
                minhash = excluded.minhash, bands = excluded.bands, content_hash = excluded.content_hash
        """)
        con.unregister("_sig")
    finally:
        con.close()
    return df.height


def duplicate_links(db: str | Path, article_ids: list[str]) -> dict[str, str | None]:
    """article_id -> stored duplicate_of, for articles cleaned in an earlier run."""
    if not article_ids:
        return {}
    con = connect(db)
    try:
        con.register("_ids", pl.DataFrame({"v": article_ids}, schema={"v": pl.Utf8}).to_arrow())
        rows = con.execute("select article_id, duplicate_of from core.article_signatures where article_id in (select v from _ids)").fetchall()
        con.unregister("_ids")
    finally:
        con.close()
    return dict(rows)
