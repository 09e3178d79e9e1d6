"""Per-language cue lexicons (data/{lang}.toml) compiled once into regular expressions.

The words live in data files so that a language is extended without touching code; this
module only turns each list into one case-insensitive whole-word regex.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from transforms.schema import OUTCOMES, STATUSES, VICTIM_GROUPS

DATA = Path(__file__).parent / "data"
LANGS = ("fr", "en", "es", "ru")
DEFAULT_LANG = "en"

# Characters normalised before matching (same length, so offsets stay valid).
_NORMALISE = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "ё": "е", "Ё": "Е"})


def normalise(text: str) -> str:
    """Apostrophes, no-break spaces and ё unified; the length never changes."""
    return text.translate(_NORMALISE)


def compile_words(words: list[str]) -> re.Pattern | None:
    """A list of regex fragments -> one whole-word, case-insensitive regex (longest first)."""
    alts = []
    for w in sorted({w for w in words if w}, key=len, reverse=True):
        w = normalise(w)
        w = w.replace("'", "['’]").replace(" ", r"\s+")
        alts.append(w)
    if not alts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


def _tail(words: list[str]) -> re.Pattern | None:
    """Regex for a text that ends with one of the words (and an article): "... au ", "in the "."""
    rx = compile_words(words)
    if rx is None:
        return None
    return re.compile(rx.pattern + r"\s*(?:(?:the|le|la|les|l'|el|los|las)\s+|l')?$", re.IGNORECASE)


def _lists(section: dict, *keys: str) -> list[str]:
    out: list[str] = []
    for k in keys:
        out.extend(section.get(k, []) or [])
    return out


@dataclass(slots=True)
class Lexicon:
    """Compiled cue regexes of one language."""

    lang: str
    outcome_after: dict[str, re.Pattern] = field(default_factory=dict)
    outcome_before: dict[str, re.Pattern] = field(default_factory=dict)
    toll: re.Pattern | None = None
    toll_verbs: re.Pattern | None = None
    groups: dict[str, re.Pattern] = field(default_factory=dict)
    others: re.Pattern | None = None
    troop_nouns: re.Pattern | None = None
    troop_people: re.Pattern | None = None
    troop_units: re.Pattern | None = None
    troop_size: re.Pattern | None = None
    deploy: dict[str, re.Pattern] = field(default_factory=dict)
    presence: re.Pattern | None = None
    strong: re.Pattern | None = None
    host: re.Pattern | None = None
    each: re.Pattern | None = None
    respectively: re.Pattern | None = None
    subset_before: re.Pattern | None = None
    subset_after: re.Pattern | None = None
    partitive: re.Pattern | None = None
    total: re.Pattern | None = None
    distract_after: re.Pattern | None = None
    distract_before: re.Pattern | None = None
    months: re.Pattern | None = None
    crowd: re.Pattern | None = None
    aux: re.Pattern | None = None
    function: re.Pattern | None = None
    clause: re.Pattern | None = None
    locative: re.Pattern | None = None
    origin: re.Pattern | None = None
    institution: re.Pattern | None = None
    anaphora: re.Pattern | None = None
    actor_ignore_before: re.Pattern | None = None
    actor_ignore_after: re.Pattern | None = None
    trigger: re.Pattern | None = None
    locative_tail: re.Pattern | None = None


def _build(lang: str, data: dict) -> Lexicon:
    lx = Lexicon(lang)
    trig: list[str] = []
    out = data.get("outcome", {})
    tolls: list[str] = []
    for o in OUTCOMES:
        sec = out.get(o, {})
        after = _lists(sec, "after", "both")
        before = _lists(sec, "before", "both")
        if after:
            lx.outcome_after[o] = compile_words(after)
        if before:
            lx.outcome_before[o] = compile_words(before)
        tolls.extend(sec.get("toll", []) or [])
        trig += after + before
    lx.toll = compile_words(tolls)
    trig += tolls
    lx.toll_verbs = compile_words(data.get("toll", {}).get("verbs", []))
    g = data.get("groups", {})
    for grp in VICTIM_GROUPS:
        if g.get(grp):
            lx.groups[grp] = compile_words(g[grp])
    lx.others = compile_words(g.get("others", []))
    t = data.get("troops", {})
    lx.troop_nouns = compile_words(t.get("nouns", []))
    lx.troop_people = compile_words(t.get("people", []))
    lx.troop_units = compile_words(t.get("units", []))
    lx.troop_size = compile_words(t.get("size", []))
    trig += t.get("nouns", []) + t.get("units", [])
    d = data.get("deploy", {})
    for st in STATUSES:
        if d.get(st):
            lx.deploy[st] = compile_words(d[st])
            trig += d[st]
    lx.presence = compile_words(d.get("presence", []))
    lx.strong = compile_words(d.get("strong", []))
    lx.host = compile_words(d.get("host", []))
    dist = data.get("distribution", {})
    lx.each = compile_words(dist.get("each", []))
    lx.respectively = compile_words(dist.get("respectively", []))
    s = data.get("subset", {})
    lx.subset_before = compile_words(s.get("before", []))
    lx.subset_after = compile_words(s.get("after", []))
    lx.partitive = compile_words(s.get("partitive", []))
    lx.total = compile_words(s.get("total", []))
    trig += s.get("after", [])
    dx = data.get("distractors", {})
    lx.distract_after = compile_words(dx.get("after", []))
    lx.distract_before = compile_words(dx.get("before", []))
    lx.months = compile_words(dx.get("months", []))
    lx.crowd = compile_words(dx.get("crowd", []))
    sy = data.get("syntax", {})
    lx.aux = compile_words(sy.get("aux", []))
    lx.function = compile_words(sy.get("function", []))
    lx.clause = compile_words(sy.get("clause", []))
    lx.locative = compile_words(sy.get("locative", []))
    lx.locative_tail = _tail(sy.get("locative", []))
    lx.origin = compile_words(sy.get("origin", []))
    lx.institution = compile_words(sy.get("institution", []))
    lx.anaphora = compile_words(sy.get("anaphora", []))
    lx.actor_ignore_before = compile_words(sy.get("actor_ignore_before", []))
    lx.actor_ignore_after = compile_words(sy.get("actor_ignore_after", []))
    lx.trigger = compile_words(trig)
    return lx


@lru_cache(maxsize=None)
def get_lexicon(lang: str | None) -> Lexicon:
    """The compiled lexicon of a language (English when the language is unknown)."""
    lang = (lang or DEFAULT_LANG).lower()[:2]
    if lang not in LANGS:
        lang = DEFAULT_LANG
    with (DATA / f"{lang}.toml").open("rb") as fh:
        return _build(lang, tomllib.load(fh))
