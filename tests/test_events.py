"""Consolidated events from hand-made reports: revised tolls, conflicting outlets, subsets, duplicates."""
from datetime import date

import polars as pl

from transforms.events import casualty_events, deployment_events, troop_presence
from transforms.schema import ARTICLE_SCHEMA, CASUALTY_SCHEMA, DEPLOYMENT_SCHEMA, TROOP_COUNT_SCHEMA, frame


def art(aid, day, source, duplicate_of=None):
    return {"article_id": aid, "published_date": date(2022, 1, day), "source": source, "url": f"https://{source}/{aid}",
            "duplicate_of": duplicate_of}


def articles(*rows):
    return frame(list(rows), ARTICLE_SCHEMA).with_columns(
        pl.Series("duplicate_of", [r.get("duplicate_of") for r in rows], dtype=pl.Utf8))


def toll(fid, aid, best, day, outcome="killed", group="unspecified", low=None, high=None, q="exact", subset=False, country="KAZ"):
    return {"fact_id": fid, "article_id": aid, "outcome": outcome, "victim_group": group,
            "count_low": best if low is None and q == "exact" else low, "count_best": best,
            "count_high": best if high is None and q == "exact" else high, "qualifier": q, "is_subset": subset,
            "country_iso3": country, "event_date": date(2022, 1, day)}


KAZ_ARTICLES = articles(
    art("a1", 7, "wire.test"),           # first toll: 26
    art("a2", 8, "daily.test"),          # revised: 44, with a subset of 18
    art("a3", 10, "daily.test"),         # revised again: at least 164 (and repeats the first 44)
    art("a4", 10, "gazette.test"),       # conflicting outlet the same day: 160
    art("a5", 10, "mirror.test", "a4"),  # the same wire story as a4 on another site
)
KAZ_FACTS = frame([
    toll("f1", "a1", 26, 6),
    toll("f2", "a2", 44, 7),
    toll("f3", "a2", 18, 7, subset=True),
    toll("f4", "a3", 44, 7),
    toll("f5", "a3", 164, 9, q="at_least", low=164),
    toll("f6", "a4", 160, 9),
    toll("f7", "a5", 160, 9),
    toll("f8", "a3", 3811, 9, outcome="detained"),
], CASUALTY_SCHEMA)


def test_revised_and_conflicting_tolls_make_one_event_with_conservative_best():
    ev = casualty_events(KAZ_FACTS, KAZ_ARTICLES)
    killed = ev.filter(pl.col("outcome") == "killed")
    assert killed.height == 1
    row = killed.row(0, named=True)
    # latest reports (Jan 10): a3 says 164, a4 and its copy a5 say 160 -> the lowest, never a sum
    assert row["best"] == 160
    assert row["low"] == 26 and row["high"] == 164
    assert row["n_sources"] == 3          # wire, daily, gazette: mirror only copied gazette's story
    assert row["n_articles"] == 4         # a5 is a copy of a4: one story
    assert "f3" not in row["fact_ids"]    # the subset never enters the event
    assert row["first_reported"] == date(2022, 1, 7) and row["last_reported"] == date(2022, 1, 10)


def test_outcomes_and_distant_dates_are_separate_events():
    later = frame([toll("g1", "b1", 5, 28)], CASUALTY_SCHEMA)
    facts = pl.concat([KAZ_FACTS, later])
    arts = pl.concat([KAZ_ARTICLES, articles(art("b1", 28, "wire.test"))])
    ev = casualty_events(facts, arts)
    assert ev.filter(pl.col("outcome") == "killed").height == 2
    assert ev.filter(pl.col("outcome") == "detained")["best"].to_list() == [3811]
    assert ev["event_id"].n_unique() == ev.height


def test_events_are_identical_on_rerun():
    assert casualty_events(KAZ_FACTS, KAZ_ARTICLES).equals(casualty_events(KAZ_FACTS, KAZ_ARTICLES))


def dep(fid, aid, sender, status, troops=None, day=7):
    return {"fact_id": fid, "article_id": aid, "sender": sender, "receiver": "KAZ", "status": status,
            "troops_low": None, "troops_best": troops, "troops_high": None, "qualifier": "approx" if troops else None,
            "event_date": date(2022, 1, day)}


def test_deployment_statuses_over_time_and_sizes():
    facts = frame([
        dep("d1", "a1", "RUS", "planned", day=6),
        dep("d2", "a2", "RUS", "deployed", 3000, day=7),
        dep("d3", "a3", "RUS", "deployed", 2000, day=10),
        dep("d4", "a4", "RUS", "withdrawing", day=10),
        dep("d5", "a2", "ARM", "deployed", 100, day=7),
    ], DEPLOYMENT_SCHEMA)
    ev = deployment_events(facts, KAZ_ARTICLES)
    rus = ev.filter(pl.col("sender") == "RUS").row(0, named=True)
    assert rus["statuses"] == ["planned", "deployed", "withdrawing"]
    assert rus["latest_status"] == "withdrawing"
    assert rus["max_troops"] == 3000 and rus["latest_troops"] == 2000
    assert rus["first_date"] == date(2022, 1, 6) and rus["last_date"] == date(2022, 1, 10)
    assert ev.height == 2


def test_troop_presence_figures_over_time():
    facts = frame([
        {"fact_id": "t1", "article_id": "a1", "actor": "CSTO", "country_iso3": "KAZ", "count_low": None, "count_best": 2500,
         "count_high": None, "qualifier": "approx", "event_date": date(2022, 1, 7)},
        {"fact_id": "t2", "article_id": "a2", "actor": "CSTO", "country_iso3": "KAZ", "count_low": None, "count_best": 2600,
         "count_high": None, "qualifier": "approx", "event_date": date(2022, 1, 7)},
        {"fact_id": "t3", "article_id": "a3", "actor": "CSTO", "country_iso3": "KAZ", "count_low": 2030, "count_best": 2030,
         "count_high": 2030, "qualifier": "exact", "event_date": date(2022, 1, 10)},
    ], TROOP_COUNT_SCHEMA)
    pres = troop_presence(facts, KAZ_ARTICLES)
    assert pres.select("date", "best", "high", "n_sources").rows() == [
        (date(2022, 1, 7), 2500, 2600, 2),
        (date(2022, 1, 10), 2030, 2030, 1),
    ]
