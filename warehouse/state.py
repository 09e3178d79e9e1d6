"""What the warehouse already holds, so that a run does only new work (and a full refresh
can start again from the raw layer without fetching)."""
from __future__ import annotations

from pathlib import Path

import polars as pl

from transforms.schema import ARTICLE_SCHEMA, MENTION_SCHEMA
from warehouse.db import connect
from warehouse.load import read

RAW_COLUMNS = ["document_id", "source_uri", "source_name", "url", "content_type", "charset", "http_status", "body"]
RAW_OPTIONAL = ["lang_hint", "date_hint"]


def _ids_frame(con, ids: list[str]) -> None:
    con.register("_ids", pl.DataFrame({"id": ids}, schema={"id": pl.Utf8}).to_arrow())


def cleaned_articles(db: str | Path, document_ids: list[str]) -> pl.DataFrame:
    """core.articles rows already cleaned from these raw documents (with their extractor version)."""
    con = connect(db, read_only=True)
    try:
        _ids_frame(con, document_ids)
        cols = ", ".join(ARTICLE_SCHEMA)
        return read(con, f"select {cols}, extractor_version from core.articles where document_id in (select id from _ids)")
    finally:
        con.close()


def extracted_mentions(db: str | Path, article_ids: list[str]) -> pl.DataFrame:
    con = connect(db, read_only=True)
    try:
        _ids_frame(con, article_ids)
        cols = ", ".join(MENTION_SCHEMA)
        return read(con, f"select {cols} from core.mentions where article_id in (select id from _ids)").cast(MENTION_SCHEMA)
    finally:
        con.close()


def raw_documents(db: str | Path) -> list[dict]:
    """Every landed document that was read fine, bytes included, as the read stage gives them."""
    con = connect(db, read_only=True)
    try:
        have = {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = 'documents'").fetchall()}
        cols = RAW_COLUMNS + [c for c in RAW_OPTIONAL if c in have]
        rows = read(con, f"select {', '.join(cols)} from raw.documents where status = 'ok' order by source_uri").to_dicts()
    finally:
        con.close()
    for r in rows:
        r.update(status="ok", reason=None)
    return rows


def mark_extracted(con, article_ids: list[str], version: str) -> None:
    _ids_frame(con, article_ids)
    con.execute("update core.articles set extractor_version = ? where article_id in (select id from _ids)", [version])
