"""Polars fact builder: one row per fact per article, the most informative mention kept."""
from transforms.facts import build_facts
from transforms.schema import MENTION_SCHEMA, frame


def mention(**kw):
    base = {"article_id": "a1", "kind": "casualty", "outcome": "killed", "victim_group": "unspecified",
            "is_subset": False, "count_best": 40, "qualifier": "exact", "count_low": 40, "count_high": 40,
            "quote": "q", "char_start": 0, "char_end": 2, "section": "body"}
    base.update(kw)
    return base


def test_headline_and_body_mentions_of_one_toll_are_one_fact_keeping_the_body():
    m = frame([
        mention(section="headline", char_start=5, char_end=7, quote="40 dead"),
        mention(section="body", char_start=120, char_end=122, qualifier="at_least", count_high=None, quote="over 40 killed"),
    ], MENTION_SCHEMA)
    facts = build_facts(m)["casualty"]
    assert facts.height == 1
    row = facts.row(0, named=True)
    assert row["quote"] == "over 40 killed" and row["qualifier"] == "at_least"
    assert row["n_mentions"] == 2 and row["mentions"] == "[[5,7],[120,122]]"


def test_different_counts_or_articles_stay_apart_and_ids_are_stable():
    m = frame([mention(), mention(count_best=25, count_low=25, count_high=25), mention(article_id="a2")], MENTION_SCHEMA)
    a = build_facts(m)["casualty"]
    b = build_facts(m)["casualty"]
    assert a.height == 3
    assert a["fact_id"].n_unique() == 3
    assert a["fact_id"].to_list() == b["fact_id"].to_list()


def test_deployment_counts_become_troops_columns_and_a_count_beats_none():
    m = frame([
        mention(kind="deployment", sender="RUS", receiver="KAZ", status="deployed", count_best=None, count_low=None,
                count_high=None, qualifier=None, char_start=10, char_end=15),
        mention(kind="deployment", sender="RUS", receiver="KAZ", status="deployed", count_best=3000, count_low=None,
                count_high=None, qualifier="approx", char_start=300, char_end=305),
    ], MENTION_SCHEMA)
    dep = build_facts(m)["deployment"]
    assert dep.height == 1
    assert dep.row(0, named=True)["troops_best"] == 3000
    assert "count_best" not in dep.columns
