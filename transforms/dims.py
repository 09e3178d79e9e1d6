"""Dimensions: countries (ISO codes, names in the four languages), organisations, dates."""
from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pycountry

from transforms.extract import actors

LANGS = ("en", "fr", "es", "ru")


def dim_countries() -> pl.DataFrame:
    """Every ISO 3166-1 country (plus codes in common use, such as XKX), names per language."""
    rows = {c.alpha_3: {"iso3": c.alpha_3, "iso2": c.alpha_2, "numeric": c.numeric, "name": c.name} for c in pycountry.countries}
    for row in actors._countries():
        rows.setdefault(row["iso3"], {"iso3": row["iso3"], "iso2": None, "numeric": None, "name": actors.country_name(row["iso3"], "en")})
    out = []
    for code, base in sorted(rows.items()):
        names = {f"name_{lang}": actors.country_name(code, lang) or (base["name"] if lang == "en" else None) for lang in LANGS}
        out.append({**base, **names})
    return pl.DataFrame(out, schema={"iso3": pl.Utf8, "iso2": pl.Utf8, "numeric": pl.Utf8, "name": pl.Utf8,
                                     **{f"name_{lang}": pl.Utf8 for lang in LANGS}}, orient="row")


def dim_organisations() -> pl.DataFrame:
    """Organisation codes with their usual name per language (first variant of the lexicon)."""
    out = []
    for row in actors._organisations():
        names = {}
        for lang in LANGS:
            raw = [v.strip() for v in (row.get(f"names_{lang}") or "").split(";") if v.strip()]
            # the full name (longest variant) in its first, nominative form
            names[f"name_{lang}"] = actors.expand(max(raw, key=len))[0] if raw else None
        out.append({"code": row["code"], **names})
    return pl.DataFrame(out, schema={"code": pl.Utf8, **{f"name_{lang}": pl.Utf8 for lang in LANGS}}, orient="row")


def dim_dates(dates: list[date | None]) -> pl.DataFrame:
    """A day per row from the first to the last date seen, with year, month, ISO week and weekday."""
    seen = [d for d in dates if d is not None]
    schema = {"date": pl.Date, "year": pl.Int32, "month": pl.Int8, "iso_week": pl.Int8, "weekday": pl.Int8, "month_start": pl.Date, "week_start": pl.Date}
    if not seen:
        return pl.DataFrame(schema=schema)
    start, end = min(seen), max(seen)
    days = pl.date_range(start, end, "1d", eager=True).alias("date")
    return pl.DataFrame(days).with_columns(
        pl.col("date").dt.year().cast(pl.Int32).alias("year"),
        pl.col("date").dt.month().cast(pl.Int8).alias("month"),
        pl.col("date").dt.week().cast(pl.Int8).alias("iso_week"),
        pl.col("date").dt.weekday().cast(pl.Int8).alias("weekday"),
        pl.col("date").dt.month_start().alias("month_start"),
        (pl.col("date") - pl.duration(days=pl.col("date").dt.weekday() - 1)).alias("week_start"),
    ).select(list(schema))
