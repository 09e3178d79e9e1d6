"""Derived check columns: row-level facts that GX cannot compute itself (offsets, code tables,
dates against publication), added as booleans so each check stays a plain expectation."""
from __future__ import annotations

from datetime import timedelta

import polars as pl

QUALIFIER_SHAPE = {
    # qualifier -> (low must be set, high must be set); see CODING.md section 2
    "exact": (True, True),
    "at_least": (True, False),
    "at_most": (False, True),
    "approx": (False, False),
    "range": (True, True),
    "vague": (True, False),
}


def known_actor_expr(col: str) -> pl.Expr:
    from transforms.extract.actors import is_known_actor

    return pl.col(col).map_elements(is_known_actor, return_dtype=pl.Boolean, skip_nulls=True)


def qualifier_consistent(low: str, high: str, best: str) -> pl.Expr:
    """low/high present exactly as the qualifier says (null when there is no count)."""
    expr = pl.lit(None, dtype=pl.Boolean)
    for q, (has_low, has_high) in QUALIFIER_SHAPE.items():
        ok = (pl.col(low).is_not_null() == has_low) & (pl.col(high).is_not_null() == has_high)
        if q == "range":
            ok = ok & (pl.col(high) > pl.col(low))
        expr = pl.when(pl.col("qualifier") == q).then(ok).otherwise(expr)
    return pl.when(pl.col(best).is_null()).then(pl.col("qualifier").is_null()).otherwise(expr)


def offsets_inside(articles: pl.DataFrame) -> callable:
    """Join-free check that [char_start, char_end) is a non-empty span inside the article text."""
    lengths = dict(zip(articles["article_id"].to_list(), articles["n_chars"].to_list())) if not articles.is_empty() else {}

    def expr() -> pl.Expr:
        n = pl.col("article_id").replace_strict(lengths, default=None, return_dtype=pl.Int64)
        return (pl.col("char_start") >= 0) & (pl.col("char_end") > pl.col("char_start")) & (pl.col("char_end") <= n)

    return expr


def with_fact_checks(facts: pl.DataFrame, articles: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Fact frame + the derived boolean columns its suite reads."""
    low, best, high = ("troops_low", "troops_best", "troops_high") if kind == "deployment" else ("count_low", "count_best", "count_high")
    published = dict(zip(articles["article_id"].to_list(), articles["published_date"].to_list())) if not articles.is_empty() else {}
    pub = pl.col("article_id").replace_strict(published, default=None, return_dtype=pl.Date)
    cols = [
        qualifier_consistent(low, high, best).alias("_qualifier_consistent"),
        offsets_inside(articles)().alias("_offsets_inside_text"),
        pl.col("article_id").is_in(list(published)).alias("_article_exists"),
        (pl.col("quote").str.strip_chars().str.len_chars() > 0).alias("_quote_present"),
        (pl.col("event_date") <= pub + timedelta(days=1)).alias("_date_not_after_publication"),
        (pl.col("event_date") >= pub - timedelta(days=366)).alias("_date_within_year"),
    ]
    actor_cols = {"casualty": ["country_iso3"], "deployment": ["sender", "receiver"], "troop_count": ["actor", "country_iso3"]}[kind]
    cols += [known_actor_expr(c).alias(f"_{c}_known") for c in actor_cols]
    return facts.with_columns(cols)


def with_mention_checks(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    return mentions.with_columns(
        offsets_inside(articles)().alias("_offsets_inside_text"),
        (pl.col("quote").str.strip_chars().str.len_chars() > 0).alias("_quote_present"),
    )


def with_article_checks(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.with_columns((pl.col("text").str.strip_chars().str.len_chars() > 0).alias("_has_text"))
