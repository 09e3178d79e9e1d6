"""Duplicates: identical text is one article, near-identical wire copy links to the first copy."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.web_helpers import STORIES
from transforms.dedup import Entry, assign, band_keys, from_blob, signature, similarity, to_blob

T0 = datetime(2022, 1, 7, tzinfo=timezone.utc)
WIRE = " ".join(STORIES["harbour"])


def entry(aid, text, minutes=0, stored=False, duplicate_of=None, content_hash=None):
    return Entry(aid, content_hash or f"h-{text}", signature(text), T0 + timedelta(minutes=minutes), minutes, f"https://x/{aid}",
                 duplicate_of, stored)


def test_signatures_are_stable_and_roundtrip():
    a, b = signature(WIRE), signature(WIRE)
    assert (a == b).all() and similarity(a, b) == 1.0
    assert (from_blob(to_blob(a)) == a).all()
    assert len(band_keys(a)) == 32 and band_keys(a) == band_keys(b)
    assert signature("too short to compare") is None


def test_wire_copy_with_edits_is_linked_unrelated_story_is_not():
    edited = WIRE.replace("on Monday", "early on Monday") + " Reporting by our correspondent; editing by the desk."
    other = " ".join(STORIES["bridge"])
    assert similarity(signature(WIRE), signature(edited)) >= 0.6
    assert similarity(signature(WIRE), signature(other)) < 0.2
    decisions = assign([entry("a", WIRE, 0), entry("b", edited, 1), entry("c", other, 2)])
    assert decisions["a"].duplicate_of is None
    assert decisions["b"].duplicate_of == "a"
    assert decisions["c"].duplicate_of is None


def test_identical_text_is_dropped_in_favour_of_the_first_copy():
    decisions = assign([entry("first", WIRE, 0, content_hash="same"), entry("second", WIRE, 1, content_hash="same")])
    assert decisions["first"].same_as is None
    assert decisions["second"].same_as == "first" and decisions["second"].same_as_url == "https://x/first"


def test_copies_link_to_the_story_root_and_stored_articles_count_first():
    edited = WIRE + " Updated with a comment from the port authority."
    decisions = assign([
        entry("old", WIRE, 0, stored=True),
        entry("copy1", WIRE.replace("Monday", "Monday morning"), 5, stored=True, duplicate_of="old"),
        entry("new", edited, 10),
    ])
    assert list(decisions) == ["new"] and decisions["new"].duplicate_of == "old"


def test_a_rerun_of_the_original_stays_the_original():
    decisions = assign([entry("orig", WIRE, 0), entry("later", WIRE + " More.", 5, stored=True, duplicate_of="orig")])
    assert decisions["orig"].duplicate_of is None
