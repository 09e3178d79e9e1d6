"""Polars fact builders: mentions -> one row per fact per article (CODING.md section 1).

The same key mentioned twice in an article (headline and body, caption and text) is one fact,
which keeps the most informative mention and lists every mention's offsets.
"""
from __future__ import annotations

import polars as pl

from transforms.schema import FACT_KEYS, FACT_SCHEMAS, MENTION_SCHEMA, empty_frame

# Most informative first: a count beats none, the body beats headline and captions,
# a qualified figure beats a bare one, then the earliest mention.
_SECTION_RANK = {"body": 0, "headline": 1, "caption": 2}


def _rank(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        pl.col("count_best").is_null().cast(pl.Int8).alias("_no_count"),
        pl.col("section").replace_strict(_SECTION_RANK, default=3, return_dtype=pl.Int8).alias("_section"),
        (pl.col("qualifier") == "exact").fill_null(True).cast(pl.Int8).alias("_bare"),
    ).sort(["article_id", "_no_count", "_section", "_bare", "char_start"])


def fact_id_expr(kind: str) -> pl.Expr:
    """Stable id: the article and the fact's key, hashed (same input, same id, every run)."""
    parts = [pl.col("article_id"), pl.lit(kind)] + [pl.col(k).cast(pl.Utf8).fill_null("") for k in FACT_KEYS[kind]]
    return pl.concat_str(parts, separator="|").hash(seed=7).cast(pl.Utf8).str.zfill(20).alias("fact_id")


def build_kind(mentions: pl.DataFrame, kind: str) -> pl.DataFrame:
    """One kind's fact table from its mentions."""
    schema = FACT_SCHEMAS[kind]
    df = mentions.filter(pl.col("kind") == kind)
    if df.is_empty():
        return empty_frame(schema)
    keys = ["article_id", *FACT_KEYS[kind]]
    df = _rank(df)
    offsets = (
        df.sort("char_start")
        .group_by(keys, maintain_order=True)
        .agg(
            pl.format("[{},{}]", "char_start", "char_end").str.join(",").alias("_offs"),
            pl.len().alias("n_mentions"),
        )
        .with_columns(pl.format("[{}]", "_offs").alias("mentions"))
        .drop("_offs")
    )
    best = df.group_by(keys, maintain_order=True).first()
    out = best.join(offsets, on=keys, how="left", nulls_equal=True).with_columns(fact_id_expr(kind))
    if kind == "deployment":
        out = out.rename({"count_low": "troops_low", "count_best": "troops_best", "count_high": "troops_high"})
    return out.select([pl.col(c).cast(t) for c, t in schema.items()]).sort(["article_id", "char_start"])


def build_facts(mentions: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """All three fact tables, keyed by kind."""
    if mentions.is_empty():
        mentions = empty_frame(MENTION_SCHEMA)
    return {kind: build_kind(mentions, kind) for kind in FACT_KEYS}
