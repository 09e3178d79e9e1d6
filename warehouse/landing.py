"""Landing each stage's output in the raw and core layers (idempotent: a rerun adds no duplicate)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from warehouse.db import connect
from warehouse.load import insert, insert_new, replace_keys
from warehouse.state import mark_extracted

RAW_SCHEMA = {
    "document_id": pl.Utf8, "source_uri": pl.Utf8, "source_name": pl.Utf8, "url": pl.Utf8,
    "content_type": pl.Utf8, "charset": pl.Utf8, "http_status": pl.Int32, "status": pl.Utf8,
    "reason": pl.Utf8, "body": pl.Binary, "n_bytes": pl.Int64,
}
REJECTION_SCHEMA = {"document_id": pl.Utf8, "source_uri": pl.Utf8, "stage": pl.Utf8, "reason": pl.Utf8}


def raw_frame(docs: list[dict]) -> pl.DataFrame:
    rows = [{**{k: d.get(k) for k in RAW_SCHEMA}, "n_bytes": len(d.get("body") or b"")} for d in docs]
    return pl.DataFrame(rows, schema=RAW_SCHEMA, orient="row") if rows else pl.DataFrame(schema=RAW_SCHEMA)


def land_raw(db: str | Path, run_id: str, raw: pl.DataFrame) -> int:
    """Bytes first, before any parsing; a document already landed (same URI, same bytes) is kept as is."""
    now = datetime.now(timezone.utc)
    df = raw.with_columns(pl.lit(run_id).alias("first_run_id"), pl.lit(now).alias("landed_at"))
    con = connect(db)
    try:
        return insert_new(con, "raw.documents", df)
    finally:
        con.close()


def land_rejections(db: str | Path, run_id: str, rejections: list[dict]) -> int:
    if not rejections:
        return 0
    now = datetime.now(timezone.utc)
    df = pl.DataFrame(rejections, schema=REJECTION_SCHEMA, orient="row").with_columns(
        pl.lit(run_id).alias("run_id"), pl.lit(now).alias("rejected_at")
    )
    con = connect(db)
    try:
        con.execute("begin")
        con.register("_rej", df.to_arrow())
        con.execute("delete from raw.rejections where run_id = ? and document_id in (select document_id from _rej)", [run_id])
        con.unregister("_rej")
        insert(con, "raw.rejections", df)
        con.execute("commit")
    finally:
        con.close()
    return df.height


def land_articles(db: str | Path, run_id: str, articles: pl.DataFrame) -> int:
    now = datetime.now(timezone.utc)
    df = articles.with_columns(pl.lit(run_id).alias("run_id"), pl.lit(now).alias("cleaned_at"))
    con = connect(db)
    try:
        con.execute("begin")
        replace_keys(con, "core.articles", "article_id", df, df["article_id"].to_list())
        con.execute("commit")
    finally:
        con.close()
    return df.height


def land_mentions(db: str | Path, run_id: str, article_ids: list[str], mentions: pl.DataFrame,
                  extracted: list[str] = (), version: str | None = None) -> int:
    """An article's mentions are replaced whole, so re-extraction never piles up old ones; the
    articles just extracted are marked with the extractor version."""
    df = mentions.with_columns(pl.lit(run_id).alias("run_id"))
    con = connect(db)
    try:
        con.execute("begin")
        replace_keys(con, "core.mentions", "article_id", df, article_ids)
        if extracted and version:
            mark_extracted(con, list(extracted), version)
        con.execute("commit")
    finally:
        con.close()
    return df.height
