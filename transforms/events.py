"""Consolidation: from what each article says to what happened.

The same toll is reported by ten outlets and revised twice: it must be counted once.

Grouping rule for casualty events: facts with the same outcome, country and victim group belong
to one event while their dates (event date, else publication date) stay within WINDOW_DAYS of
the event's first date; a later fact opens a new event. Subset facts ("dont 103 à Almaty")
never enter an event. Each article contributes one figure per event (the largest it gives, since
a report that mentions "first 25, then 38" reports 38); near-duplicate articles (the same wire
story, `duplicate_of`) count as one source.

low  = the lowest credible figure reported (count_low, else count_best);
best = ACLED's conservative rule: the lowest of the figures given by the latest reports
       (those published on the last day the event was reported), never a sum across outlets;
high = the highest figure reported (count_high, else count_best).
"""
from __future__ import annotations

from datetime import timedelta

import polars as pl

WINDOW_DAYS = 14

ARTICLE_COLS = ["article_id", "published_date", "source", "url", "duplicate_of"]


def _with_articles(facts: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    arts = articles
    if "duplicate_of" not in arts.columns:
        arts = arts.with_columns(pl.lit(None, dtype=pl.Utf8).alias("duplicate_of"))
    arts = arts.select(
        "article_id", "published_date",
        pl.coalesce(pl.col("source"), pl.col("url").str.extract(r"^[a-z]+://([^/]+)"), pl.col("article_id")).alias("_outlet"),
        pl.coalesce(pl.col("duplicate_of"), pl.col("article_id")).alias("_story"),
    )
    # a copy of a wire story counts as its original's source, not as one more outlet
    origin = dict(zip(arts["article_id"].to_list(), arts["_outlet"].to_list()))
    arts = arts.with_columns(pl.col("_story").replace_strict(origin, default=pl.col("_outlet")).alias("_outlet"))
    return facts.join(arts, on="article_id", how="left").with_columns(
        pl.coalesce(pl.col("event_date"), pl.col("published_date")).alias("_date"),
        pl.coalesce(pl.col("published_date"), pl.col("event_date")).alias("_reported"),
    )


def assign_windows(df: pl.DataFrame, keys: list[str], date_col: str = "_date", window_days: int = WINDOW_DAYS) -> pl.DataFrame:
    """Number the events inside each key: a fact opens a new event when it is more than
    `window_days` after the first date of the current one."""
    df = df.sort([*keys, date_col], nulls_last=True)
    event_no: list[int] = []
    prev_key, start, n = None, None, 0
    for row in df.select([*keys, date_col]).iter_rows():
        key, d = row[:-1], row[-1]
        if key != prev_key:
            prev_key, start, n = key, d, 0
        elif d is not None and start is not None and d - start > timedelta(days=window_days):
            start, n = d, n + 1
        event_no.append(n)
    return df.with_columns(pl.Series("_event_no", event_no, dtype=pl.Int64))


def event_id(keys: list[str]) -> pl.Expr:
    parts = [pl.col(k).cast(pl.Utf8).fill_null("") for k in keys] + [pl.col("first_date").cast(pl.Utf8).fill_null("")]
    return pl.concat_str(parts, separator="|").hash(seed=11).cast(pl.Utf8).str.zfill(20).alias("event_id")


def casualty_events(facts: pl.DataFrame, articles: pl.DataFrame, window_days: int = WINDOW_DAYS) -> pl.DataFrame:
    keys = ["outcome", "country_iso3", "victim_group"]
    df = facts.filter(~pl.col("is_subset").fill_null(False) & pl.col("count_best").is_not_null())
    if df.is_empty():
        return pl.DataFrame(schema=CASUALTY_EVENT_SCHEMA)
    df = assign_windows(_with_articles(df, articles), keys, window_days=window_days)
    ev = [*keys, "_event_no"]
    # one figure per article (and per wire story) for each event: the largest it reports
    per_article = (
        df.sort("count_best", descending=True)
        .group_by([*ev, "_story"], maintain_order=True)
        .agg(
            pl.col("count_best").first().alias("figure"),
            pl.col("_reported").max().alias("reported"),
            pl.col("_outlet").first().alias("outlet"),
        )
    )
    latest = per_article.with_columns(pl.col("reported").max().over(ev).alias("_last")).filter(
        (pl.col("reported") == pl.col("_last")) | pl.col("_last").is_null()
    )
    best = latest.group_by(ev).agg(pl.col("figure").min().alias("best"))
    agg = df.group_by(ev).agg(
        pl.coalesce("count_low", "count_best").min().alias("low"),
        pl.coalesce("count_high", "count_best").max().alias("high"),
        pl.col("_date").min().alias("first_date"),
        pl.col("_date").max().alias("last_date"),
        pl.col("_reported").min().alias("first_reported"),
        pl.col("_reported").max().alias("last_reported"),
        pl.col("_outlet").n_unique().alias("n_sources"),
        pl.col("_story").n_unique().alias("n_articles"),
        pl.col("fact_id").unique().sort().alias("fact_ids"),
    )
    out = agg.join(best, on=ev).with_columns(event_id(keys)).drop("_event_no")
    return out.select(list(CASUALTY_EVENT_SCHEMA)).cast(CASUALTY_EVENT_SCHEMA).sort(["first_date", "outcome", "country_iso3"], nulls_last=True)


def deployment_events(facts: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Per sender and receiver: dates, statuses over time, largest and latest force sizes."""
    if facts.is_empty():
        return pl.DataFrame(schema=DEPLOYMENT_EVENT_SCHEMA)
    keys = ["sender", "receiver"]
    df = _with_articles(facts, articles).sort([*keys, "_date", "_reported"], nulls_last=True)
    sized = df.filter(pl.col("troops_best").is_not_null())
    latest_size = sized.group_by(keys, maintain_order=True).agg(pl.col("troops_best").last().alias("latest_troops"))
    agg = df.group_by(keys, maintain_order=True).agg(
        pl.col("_date").min().alias("first_date"),
        pl.col("_date").max().alias("last_date"),
        pl.col("status").unique(maintain_order=True).alias("statuses"),
        pl.col("status").last().alias("latest_status"),
        pl.col("troops_best").max().alias("max_troops"),
        pl.col("_outlet").n_unique().alias("n_sources"),
        pl.col("_story").n_unique().alias("n_articles"),
        pl.col("fact_id").unique().sort().alias("fact_ids"),
    )
    out = agg.join(latest_size, on=keys, how="left").with_columns(event_id(keys))
    return out.select(list(DEPLOYMENT_EVENT_SCHEMA)).cast(DEPLOYMENT_EVENT_SCHEMA).sort(keys)


def troop_presence(facts: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Per actor, country and date: the figures reported that day (lowest as best, ACLED-style)."""
    if facts.is_empty():
        return pl.DataFrame(schema=TROOP_PRESENCE_SCHEMA)
    keys = ["actor", "country_iso3", "_date"]
    df = _with_articles(facts, articles)
    out = df.group_by(keys).agg(
        pl.coalesce("count_low", "count_best").min().alias("low"),
        pl.col("count_best").min().alias("best"),
        pl.coalesce("count_high", "count_best").max().alias("high"),
        pl.col("_outlet").n_unique().alias("n_sources"),
        pl.col("_story").n_unique().alias("n_articles"),
        pl.col("fact_id").unique().sort().alias("fact_ids"),
    ).rename({"_date": "date"})
    return out.select(list(TROOP_PRESENCE_SCHEMA)).cast(TROOP_PRESENCE_SCHEMA).sort(["actor", "country_iso3", "date"], nulls_last=True)


CASUALTY_EVENT_SCHEMA = {
    "event_id": pl.Utf8, "outcome": pl.Utf8, "country_iso3": pl.Utf8, "victim_group": pl.Utf8,
    "first_date": pl.Date, "last_date": pl.Date, "low": pl.Int64, "best": pl.Int64, "high": pl.Int64,
    "n_sources": pl.Int64, "n_articles": pl.Int64, "first_reported": pl.Date, "last_reported": pl.Date,
    "fact_ids": pl.List(pl.Utf8),
}
DEPLOYMENT_EVENT_SCHEMA = {
    "event_id": pl.Utf8, "sender": pl.Utf8, "receiver": pl.Utf8, "first_date": pl.Date, "last_date": pl.Date,
    "statuses": pl.List(pl.Utf8), "latest_status": pl.Utf8, "max_troops": pl.Int64, "latest_troops": pl.Int64,
    "n_sources": pl.Int64, "n_articles": pl.Int64, "fact_ids": pl.List(pl.Utf8),
}
TROOP_PRESENCE_SCHEMA = {
    "actor": pl.Utf8, "country_iso3": pl.Utf8, "date": pl.Date, "low": pl.Int64, "best": pl.Int64, "high": pl.Int64,
    "n_sources": pl.Int64, "n_articles": pl.Int64, "fact_ids": pl.List(pl.Utf8),
}
