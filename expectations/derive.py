"""Derived check columns: row-level facts that GX cannot compute itself (offsets, code tables,
dates against publication), added as `_`-prefixed columns so each check stays a plain
expectation; they never leave the validation (gate.py drops them)."""
from __future__ import annotations

import csv
from datetime import timedelta
from functools import lru_cache
from importlib.resources import files

import polars as pl
import pycountry

QUALIFIER_SHAPE = {
    # qualifier -> (low must be set, high must be set); see CODING.md section 2
    "exact": (True, True),
    "at_least": (True, False),
    "at_most": (False, True),
    "approx": (False, False),
    "range": (True, True),
    "vague": (True, False),
}
# CODING.md section 1: organisation codes an actor may carry instead of a country
CODING_ORGANISATIONS = ("CSTO", "UN", "NATO", "EU", "AU", "ECOWAS", "OSCE", "SADC", "EAC")
# codes in common use that ISO 3166-1 has not assigned (Kosovo)
USER_ASSIGNED = ("XKX",)
YEAR = timedelta(days=366)


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 (pycountry) plus the user-assigned codes in common use."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(USER_ASSIGNED)


@lru_cache(maxsize=1)
def organisation_codes() -> frozenset[str]:
    """CODING.md's organisations plus those of the extractor's organisation table, when present."""
    codes = set(CODING_ORGANISATIONS)
    try:
        text = files("transforms.extract").joinpath("data/organisations.csv").read_text("utf-8")
        rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
        codes |= {r[0].strip() for r in rows if r and r[0].strip() and r[0].strip() != "code"}
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        pass
    return frozenset(codes)


def is_country(col: str) -> pl.Expr:
    return pl.col(col).is_in(sorted(country_codes()))


def is_actor(col: str) -> pl.Expr:
    return pl.col(col).is_in(sorted(country_codes() | organisation_codes()))


def known_code(col: str, organisations: bool) -> pl.Expr:
    """True for a known code, null for a missing one (missing codes are another check's business)."""
    ok = is_actor(col) if organisations else is_country(col)
    return pl.when(pl.col(col).is_null()).then(None).otherwise(ok)


def qualifier_consistent(low: str, high: str, best: str) -> pl.Expr:
    """low/high present exactly as the qualifier says (null when there is no count)."""
    expr = pl.lit(None, dtype=pl.Boolean)
    for q, (has_low, has_high) in QUALIFIER_SHAPE.items():
        ok = (pl.col(low).is_not_null() == has_low) & (pl.col(high).is_not_null() == has_high)
        if q == "range":
            ok = ok & (pl.col(high) > pl.col(low))
        expr = pl.when(pl.col("qualifier") == q).then(ok).otherwise(expr)
    return pl.when(pl.col(best).is_null()).then(pl.col("qualifier").is_null()).otherwise(expr)


def _by_article(articles: pl.DataFrame, col: str, dtype) -> pl.Expr:
    """The article's `col` for each row, looked up without a join (row order is kept)."""
    mapping = dict(zip(articles["article_id"].to_list(), articles[col].to_list())) if not articles.is_empty() else {}
    return pl.col("article_id").replace_strict(mapping, default=None, return_dtype=dtype)


def period_end(date_col: str | pl.Expr, precision_col: str | pl.Expr) -> pl.Expr:
    """Last day of the period a date stands for: a month-precision date is the whole month, etc."""
    d = pl.col(date_col) if isinstance(date_col, str) else date_col
    p = pl.col(precision_col) if isinstance(precision_col, str) else precision_col
    return (pl.when(p == "year").then(pl.date(d.dt.year(), 12, 31))
            .when(p == "month").then(d.dt.month_end())
            .when(p == "week").then(d + timedelta(days=6))
            .otherwise(d))


def offsets_inside(articles: pl.DataFrame) -> pl.Expr:
    """[char_start, char_end) is a non-empty span inside the article text."""
    n = _by_article(articles, "n_chars", pl.Int64)
    return (pl.col("char_start") >= 0) & (pl.col("char_end") > pl.col("char_start")) & (pl.col("char_end") <= n)


def quote_present() -> pl.Expr:
    return pl.col("quote").fill_null("").str.strip_chars().str.len_chars() > 0


def with_fact_checks(facts: pl.DataFrame, articles: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Fact frame + the derived columns its suite reads."""
    low, best, high = ("troops_low", "troops_best", "troops_high") if kind == "deployment" else ("count_low", "count_best", "count_high")
    article_ids = articles["article_id"].to_list() if not articles.is_empty() else []
    published = _by_article(articles, "published_date", pl.Date)
    published_end = period_end(published, _by_article(articles, "published_precision", pl.Utf8))
    event_end = period_end("event_date", "date_precision")
    cols = [
        published.alias("_published_date"),
        qualifier_consistent(low, high, best).alias("_qualifier_consistent"),
        offsets_inside(articles).alias("_offsets_inside_text"),
        pl.col("article_id").is_in(article_ids).alias("_article_exists"),
        quote_present().alias("_quote_present"),
        # a day of slack for time zones; a period (month, year) counts from its first day / up to its last
        (pl.col("event_date") <= published_end + timedelta(days=1)).alias("_date_not_after_publication"),
        (event_end >= published - YEAR).alias("_date_within_year"),
    ]
    codes = {"casualty": {"country_iso3": False}, "deployment": {"sender": True, "receiver": False},
             "troop_count": {"actor": True, "country_iso3": False}}[kind]
    cols += [known_code(c, orgs).alias(f"_{c}_known") for c, orgs in codes.items()]
    if kind == "deployment":
        cols.append((pl.col("sender") != pl.col("receiver")).alias("_sender_not_receiver"))
    return facts.with_columns(cols)


def with_mention_checks(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    return mentions.with_columns(
        offsets_inside(articles).alias("_offsets_inside_text"),
        quote_present().alias("_quote_present"),
    )


def with_article_checks(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.with_columns(
        (pl.col("text").fill_null("").str.strip_chars().str.len_chars() > 0).alias("_has_text"),
        # a date goes with its precision: both set or both missing
        (pl.col("published_date").is_null() == pl.col("published_precision").is_null()).alias("_date_has_precision"),
    )


def with_dimension_checks(dim: pl.DataFrame) -> pl.DataFrame:
    return dim.with_columns(
        (pl.col("published_date").is_null() == pl.col("published_precision").is_null()).alias("_date_has_precision"),
    )
