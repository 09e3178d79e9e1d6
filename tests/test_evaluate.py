"""The scorer on a small gold folder with known errors: the expected P/R/F1 are worked out by hand."""
from __future__ import annotations

import json

import pytest

from transforms.evaluate import evaluate_folder, format_report, match_article, prf

A1 = """title: Attack in Mali
date: 2024-03-11
lang: en

Gunmen killed 12 villagers in Mali on Monday. Police arrested 30 people in Mali on Tuesday.
"""

A2 = """title: Attaque au Niger
date: 2024-03-12
lang: fr

Au moins 4 soldats ont été tués au Niger. Le Tchad a envoyé 500 soldats au Niger.
"""


def cas(outcome, best, group, qual="exact", low=None, high=None, subset=False, country="MLI", **kw):
    if qual == "exact":
        low, high = best, best
    if qual == "at_least":
        low = best
    return {"kind": "casualty", "outcome": outcome, "victim_group": group, "count_low": low, "count_best": best,
            "count_high": high, "qualifier": qual, "is_subset": subset, "country_iso3": country, **kw}


GOLD = [
    {"article": "a1.txt", "lang": "en", "published": "2024-03-11", "facts": [
        cas("killed", 12, "civilians"),                       # found, all right
        cas("detained", 30, "protesters"),                    # found, wrong victim group
        cas("missing", 5, "unspecified"),                     # not found: FN
        cas("killed", 99, "unspecified", optional=True),      # optional, not found: no FN
    ]},
    {"article": "a2.txt", "lang": "fr", "published": "2024-03-12", "facts": [
        cas("killed", 4, "state_forces", country="NER"),      # found, but qualifier at_least: value error
        {"kind": "deployment", "sender": "TCD", "receiver": "NER", "status": "deployed", "troops_low": 500,
         "troops_best": 500, "troops_high": 500, "qualifier": "exact", "optional": True},  # optional, found
        {"kind": "deployment", "sender": "NGA", "receiver": "NER", "status": "planned", "troops_low": None,
         "troops_best": None, "troops_high": None, "qualifier": None, "optional": True},   # optional, not found
        # no troop_count in the gold: the produced TCD 500 troop count is a false positive
    ]},
]


@pytest.fixture
def gold_dir(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.txt").write_text(A1, encoding="utf-8")
    (tmp_path / "articles" / "a2.txt").write_text(A2, encoding="utf-8")
    with (tmp_path / "gold.jsonl").open("w", encoding="utf-8") as fh:
        for g in GOLD:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    return tmp_path


def test_known_scores(gold_dir):
    r = evaluate_folder(gold_dir)
    c = r["kinds"]["casualty"]
    assert (c["tp"], c["fp"], c["fn"]) == (3, 0, 1)
    assert c["precision"] == 1.0 and c["recall"] == 0.75 and c["f1"] == pytest.approx(0.8571, abs=1e-4)
    d = r["kinds"]["deployment"]
    assert (d["tp"], d["fp"], d["fn"]) == (0, 0, 0)  # optional facts neither count nor hurt
    t = r["kinds"]["troop_count"]
    assert (t["tp"], t["fp"], t["fn"]) == (0, 1, 0)
    assert t["precision"] == 0.0 and t["f1"] == 0.0
    # per language
    assert (r["languages"]["en"]["casualty"]["tp"], r["languages"]["en"]["casualty"]["fn"]) == (2, 1)
    assert (r["languages"]["fr"]["casualty"]["tp"], r["languages"]["fr"]["casualty"]["fn"]) == (1, 0)
    # value accuracy: the at_least 4 is written exact in the gold
    assert r["value_accuracy"]["casualty"] == pytest.approx(2 / 3, abs=1e-4)
    # attribute accuracy: the 30 detained are 'protesters' in the gold
    assert r["attribute_accuracy"]["casualty"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["attribute_columns"]["casualty.victim_group"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["attribute_columns"]["casualty.is_subset"] == 1.0
    # debugging lists
    a1 = next(a for a in r["per_article"] if a["article"] == "a1.txt")
    assert [f["count_best"] for f in a1["fn"]] == [5]
    a2 = next(a for a in r["per_article"] if a["article"] == "a2.txt")
    assert [f["kind"] for f in a2["fp"]] == ["troop_count"]
    json.dumps(r)  # --json prints it whole
    text = format_report(r)
    assert "casualty" in text and "value accuracy" in text


def test_missing_article_counts_as_not_found(gold_dir):
    with (gold_dir / "gold.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"article": "gone.txt", "lang": "en", "published": None,
                             "facts": [cas("killed", 3, "unspecified")]}) + "\n")
    r = evaluate_folder(gold_dir)
    assert r["errors"] and r["errors"][0]["article"] == "gone.txt"
    assert r["kinds"]["casualty"]["fn"] == 2


def test_each_gold_fact_matches_once():
    produced = {"casualty": [cas("killed", 5, "unspecified")]}
    gold = [cas("killed", 5, "unspecified"), cas("killed", 5, "civilians")]
    res = match_article(produced, gold)["casualty"]
    assert (res["tp"], res["fp"], res["fn"]) == (1, 0, 1)
    # a produced fact is credited to a required gold fact before an optional one
    gold = [cas("killed", 5, "unspecified", optional=True), cas("killed", 5, "civilians")]
    res = match_article(produced, gold)["casualty"]
    assert (res["tp"], res["fp"], res["fn"]) == (1, 0, 0)


def test_prf_edge_cases():
    assert prf(0, 0, 0)["f1"] == 1.0
    assert prf(0, 2, 0)["precision"] == 0.0
    assert prf(3, 1, 2) == {"precision": 0.75, "recall": 0.6, "f1": pytest.approx(0.6667, abs=1e-4),
                            "tp": 3, "fp": 1, "fn": 2}
