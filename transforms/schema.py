"""Column sets shared by the extractor, the Polars fact builders, the warehouse and the checks.

One place names every column so that a stage cannot silently drift from the next one.
"""
import polars as pl

OUTCOMES = ("killed", "injured", "detained", "missing")
VICTIM_GROUPS = ("state_forces", "peacekeepers", "militants", "rioters", "protesters", "civilians", "unspecified")
STATUSES = ("planned", "deployed", "withdrawing")
QUALIFIERS = ("exact", "at_least", "at_most", "approx", "range", "vague")
PRECISIONS = ("day", "week", "month", "year")
KINDS = ("casualty", "deployment", "troop_count")
SECTIONS = ("headline", "body", "caption")

ARTICLE_SCHEMA = {
    "article_id": pl.Utf8,
    "document_id": pl.Utf8,
    "source_uri": pl.Utf8,
    "url": pl.Utf8,
    "title": pl.Utf8,
    "source": pl.Utf8,
    "published_date": pl.Date,
    "published_precision": pl.Utf8,
    "language": pl.Utf8,
    "text": pl.Utf8,
    "headline_end": pl.Int64,
    "n_chars": pl.Int64,
    "content_hash": pl.Utf8,
}

# One row per mention of a number (or of a deployment without a number) in an article.
MENTION_SCHEMA = {
    "article_id": pl.Utf8,
    "mention_id": pl.Utf8,
    "kind": pl.Utf8,
    "outcome": pl.Utf8,
    "victim_group": pl.Utf8,
    "is_subset": pl.Boolean,
    "sender": pl.Utf8,
    "receiver": pl.Utf8,
    "status": pl.Utf8,
    "actor": pl.Utf8,
    "count_low": pl.Int64,
    "count_best": pl.Int64,
    "count_high": pl.Int64,
    "qualifier": pl.Utf8,
    "country_iso3": pl.Utf8,
    "place": pl.Utf8,
    "event_date": pl.Date,
    "date_precision": pl.Utf8,
    "quote": pl.Utf8,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "section": pl.Utf8,
    "extractor_version": pl.Utf8,
}

_COMMON_TAIL = {
    "place": pl.Utf8,
    "event_date": pl.Date,
    "date_precision": pl.Utf8,
    "quote": pl.Utf8,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "mentions": pl.Utf8,  # JSON list of [char_start, char_end] of every mention merged into the fact
    "n_mentions": pl.Int64,
    "extractor_version": pl.Utf8,
}

CASUALTY_SCHEMA = {
    "fact_id": pl.Utf8,
    "article_id": pl.Utf8,
    "outcome": pl.Utf8,
    "victim_group": pl.Utf8,
    "count_low": pl.Int64,
    "count_best": pl.Int64,
    "count_high": pl.Int64,
    "qualifier": pl.Utf8,
    "is_subset": pl.Boolean,
    "country_iso3": pl.Utf8,
    **_COMMON_TAIL,
}

DEPLOYMENT_SCHEMA = {
    "fact_id": pl.Utf8,
    "article_id": pl.Utf8,
    "sender": pl.Utf8,
    "receiver": pl.Utf8,
    "status": pl.Utf8,
    "troops_low": pl.Int64,
    "troops_best": pl.Int64,
    "troops_high": pl.Int64,
    "qualifier": pl.Utf8,
    **_COMMON_TAIL,
}

TROOP_COUNT_SCHEMA = {
    "fact_id": pl.Utf8,
    "article_id": pl.Utf8,
    "actor": pl.Utf8,
    "country_iso3": pl.Utf8,
    "count_low": pl.Int64,
    "count_best": pl.Int64,
    "count_high": pl.Int64,
    "qualifier": pl.Utf8,
    **_COMMON_TAIL,
}

FACT_SCHEMAS = {
    "casualty": CASUALTY_SCHEMA,
    "deployment": DEPLOYMENT_SCHEMA,
    "troop_count": TROOP_COUNT_SCHEMA,
}

# Inside one article a fact is identified by its kind and these columns (CODING.md section 1).
FACT_KEYS = {
    "casualty": ("outcome", "count_best"),
    "deployment": ("sender", "receiver"),
    "troop_count": ("actor", "count_best"),
}


def empty_frame(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    """Rows as a frame with exactly the schema's columns, missing keys as nulls."""
    if not rows:
        return empty_frame(schema)
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema, orient="row")
