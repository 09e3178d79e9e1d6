"""Article -> mention records (MENTION_SCHEMA): sentences, a cheap filter, then link.py.

The article's main country (most named, headline weighted) stands in for the place of events
and the receiver of forces when a sentence names none; a small running context carries the
last casualty and the last sender across sentences ("two of them", "the force").
"""
from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from transforms.extract.actors import find_actors, is_org
from transforms.extract.dates import find_date, find_place
from transforms.extract.cues import Analysis, Cue, _drop_contained
from transforms.extract.lexicon import STANDALONE, TRIGGERS, WORD, find_places, get_lexicon, normalise
from transforms.extract.forces import drop_unanchored
from transforms.extract.link import analyse_sentence
from transforms.extract.numbers import find_numbers
from transforms.extract.sentences import split_sentences

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "1.3.1"
STAGE_ORDER = {"planned": 0, "deployed": 1, "withdrawing": 2}
HEADLINE_WEIGHT = 3
LOCATIVE_WEIGHT = 3.0
TOPIC_WEIGHT = 6.0
TOPIC_COLON = re.compile(r"\s?[:|—–-]\s")


@dataclass
class Context:
    main_country: str | None = None
    last_casualty: dict | None = None
    last_sender: str | None = None
    last_org: str | None = None
    last_org_sender: str | None = None
    troop_context: bool = False
    peacekeeping: bool = False
    totals: dict = field(default_factory=dict)  # outcome -> largest whole toll reported so far


class ArticleCues:
    """The cues and words of a whole article, scanned once, cut into sentences by offsets."""

    __slots__ = ("cues", "starts", "trigger_starts", "wstarts", "wends", "_by_start", "empty", "flat",
                 "flat_starts")

    def __init__(self, cues: dict[str, list[tuple[int, int, str]]], text: str, lang: str,
                 words: tuple[list[int], list[int]] | None = None):
        self.cues = cues
        self.starts: dict[str, list[int]] = {}  # category -> starts of its cues, filled on demand
        self.trigger_starts = sorted(c[0] for cat in TRIGGERS for c in cues.get(cat, ()))
        self.wstarts, self.wends = words if words is not None else _word_spans(text)
        self.empty, names = _attr_names(lang)
        # every cue in one list by position, (start, end, label, attribute name): a sentence's
        # cues are then one slice, whatever their category
        flat = [(s, e, lab, names.get(cat) or f"c_{cat}") for cat, found in cues.items() for s, e, lab in found]
        flat.sort()
        self.flat = flat
        self.flat_starts = [c[0] for c in flat]

    def slice(self, start: int, end: int) -> "SentenceCues":
        return SentenceCues(self, start, end)

    def by_start(self) -> dict[int, list[tuple[str, int, int, str]]]:
        """Position -> cues starting there (the categories Analysis.by_start holds), built once."""
        try:
            return self._by_start
        except AttributeError:
            pass
        out: dict[int, list[tuple[str, int, int, str]]] = {}
        for attr in Analysis._BY_START:
            cat = attr[2:]
            found = self.cues.get(cat)
            if not found:
                continue
            if cat in Analysis._LABELLED and len(found) > 1:
                found = [(c.start, c.end, c.value) for c in _drop_contained([Cue(*f) for f in found])]
            for s0, e0, lab in found:
                out.setdefault(s0, []).append((attr, s0, e0, lab))
        self._by_start = out
        return out


def _word_spans(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the words of a text, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for m in WORD.finditer(text):
        s, e = m.span()
        starts.append(s)
        ends.append(e)
    return starts, ends


_LABELLED_ATTRS = frozenset(f"c_{cat}" for cat in Analysis._LABELLED)


@lru_cache(maxsize=None)
def _attr_names(lang: str) -> tuple[dict[str, tuple], dict[str, str]]:
    """({'c_<category>': ()} for every category of the language, {category: 'c_<category>'}):
    a sentence's Analysis starts from the empty table, so asking a category costs a lookup."""
    cats = get_lexicon(lang).cats
    return {f"c_{cat}": () for cat in cats}, {cat: f"c_{cat}" for cat in cats}


class _ByStart:
    """Analysis.by_start of one sentence: the article's, shifted into sentence coordinates.
    The linker asks the same positions again and again: each answer is worked out once (the
    lists are only read)."""

    __slots__ = ("table", "start", "end", "memo")

    def __init__(self, table: dict, start: int, end: int):
        self.table, self.start, self.end = table, start, end
        self.memo: dict[int, list | None] = {}

    def get(self, pos: int, default=None):
        memo = self.memo
        if pos in memo:
            return memo[pos] or default
        found = self.table.get(pos + self.start)
        lst = None
        if found:
            start, end = self.start, self.end
            lst = [(attr, Cue(s0 - start, e0 - start, lab)) for attr, s0, e0, lab in found if e0 <= end]
        memo[pos] = lst
        return lst or default



class SentenceCues:
    """The cues of one sentence, in sentence coordinates, cut out of the article's per category:
    .get(category) -> [(start, end, label)], .cue_objs(category) -> [Cue], .attrs() -> every
    category at once as Analysis attributes."""

    __slots__ = ("art", "start", "end")

    def __init__(self, art: ArticleCues, start: int, end: int):
        self.art, self.start, self.end = art, start, end

    def _range(self, cat: str) -> tuple[list, int, int]:
        found = self.art.cues.get(cat)
        if not found:
            return [], 0, 0
        st = self.art.starts.get(cat)
        if st is None:
            st = self.art.starts[cat] = [c[0] for c in found]
        return found, bisect_left(st, self.start), bisect_left(st, self.end)

    def get(self, cat: str, default=None):
        found, i, j = self._range(cat)
        start, end = self.start, self.end
        lst = [(s - start, e - start, lab) for s, e, lab in found[i:j] if e <= end]
        return lst or default

    def cue_objs(self, cat: str) -> list[Cue]:
        found, i, j = self._range(cat)
        start, end = self.start, self.end
        return [Cue(s - start, e - start, lab) for s, e, lab in found[i:j] if e <= end]

    def attrs(self) -> dict[str, tuple]:
        """'c_<category>' -> tuple of Cue for every category (empty ones too), as Analysis reads
        them: one slice of the article's cues instead of one lookup per category asked. Within
        a category, cues keep the article's order (start, end, label)."""
        art = self.art
        start, end = self.start, self.end
        fs = art.flat_starts
        groups: dict[str, list[Cue]] = {}
        for s, e, lab, attr in art.flat[bisect_left(fs, start):bisect_left(fs, end)]:
            if e <= end:
                lst = groups.get(attr)
                if lst is None:
                    lst = groups[attr] = []
                lst.append(Cue(s - start, e - start, lab))
        out = dict(art.empty)
        for attr, lst in groups.items():
            if len(lst) > 1 and attr in _LABELLED_ATTRS:
                lst = _drop_contained(lst)
            out[attr] = tuple(lst)
        return out

    def by_start(self) -> _ByStart:
        return _ByStart(self.art.by_start(), self.start, self.end)

    def words(self) -> tuple[list[int], list[int]]:
        a = self.art
        i, j = bisect_left(a.wstarts, self.start), bisect_left(a.wstarts, self.end)
        start = self.start
        return [s - start for s in a.wstarts[i:j]], [e - start for e in a.wends[i:j]]


def with_places(actors: list, norm: str) -> list:
    """Actors plus capitals and cities (forms 'capital' / 'place') that no actor span covers."""
    places = find_places(norm)
    if not places:
        return actors
    taken = [(a.start, a.end) for a in actors]
    extra = [p for p in places if not any(s < p.end and p.start < e for s, e in taken)]
    return sorted(list(actors) + extra, key=lambda a: a.start)


def values(span) -> tuple[int | None, int | None, int | None, str | None]:
    """low/best/high as CODING.md section 2 writes them for each qualifier."""
    q = span.qualifier or "exact"
    best = span.best
    high = span.high
    low = span.low
    if q == "exact":
        return best, best, best, q
    if q == "at_least":
        return best, best, None, q
    if q == "at_most":
        return None, best, best, q
    if q == "approx":
        return None, best, None, q
    if q == "range":
        lo = low if low is not None else best
        return lo, lo, high, q
    if q == "vague":
        return best, best, None, q
    return low, best, high, q


def floor_values(n) -> tuple[int | None, int | None, int | None, str | None]:
    """values(), with an exact figure after 'passed'/'a dépassé' read as at least that figure."""
    low, best, high, q = values(n.span)
    if n.exceeded and q == "exact":
        return best, best, None, "at_least"
    return low, best, high, q


def main_country(actors: list, headline_end: int, text: str, lx) -> str | None:
    """Most named country of the article: names after 'in/au/en/в' count most, adjectives
    least, the headline more than the body."""
    counts: dict[str, float] = {}
    for a in actors:
        if a.form in ("org", "seat") or not a.code or len(a.code) != 3 or not a.code.isupper():
            continue
        named = a.form in ("name", "capital", "place")
        w = 1.0 if named else 0.5
        if named and lx.locative_tail and lx.locative_tail.search(text[max(0, a.start - 25):a.start]):
            w = LOCATIVE_WEIGHT
        if named and a.start < headline_end and not text[:a.start].strip() and TOPIC_COLON.match(text, a.end):
            w = TOPIC_WEIGHT  # "Niger : 29 soldats tués ...": the headline's topic label
        counts[a.code] = counts.get(a.code, 0.0) + w * (HEADLINE_WEIGHT if a.start < headline_end else 1)
    if not counts:
        return None
    return max(counts, key=counts.get)


def mention_id(article_id: str, kind: str, start: int, end: int, key: str) -> str:
    h = hashlib.sha1(f"{article_id}|{kind}|{start}|{end}|{key}".encode("utf-8")).hexdigest()[:12]
    return f"{article_id}-{h}"


class _Shifted:
    """An actor span moved into sentence coordinates."""

    __slots__ = ("start", "end", "code", "form", "text")

    def __init__(self, a, shift: int):
        self.start, self.end = a.start - shift, a.end - shift
        self.code, self.form, self.text = a.code, a.form, a.text


def extract_article(article: dict) -> list[dict]:
    """Mentions found in one article dict (keys of ARTICLE_SCHEMA)."""
    text = article.get("text") or ""
    if not text:
        return []
    lang = (article.get("language") or "en")[:2].lower()
    lx = get_lexicon(lang)
    lang = lx.lang
    headline_end = article.get("headline_end") or 0
    article_id = article.get("article_id") or ""
    published = article.get("published_date")
    precision = article.get("published_precision")
    norm = normalise(text)
    all_actors = with_places(find_actors(text, lang), norm)
    ctx = Context(main_country=main_country(all_actors, headline_end, norm, lx))
    ctx.peacekeeping = bool(lx.peace_rx and lx.peace_rx.search(norm))
    found, wstarts, wends = lx.scan_words(norm)
    cues_all = ArticleCues(found, norm, lang, (wstarts, wends))
    hit_pos = cues_all.trigger_starts
    orgs = [(a.start, a.code) for a in all_actors if a.form == "org"]
    org_starts = [o[0] for o in orgs]
    mentions: list[dict] = []
    starts = [a.start for a in all_actors]
    for sent in split_sentences(text, headline_end):
        if bisect_left(hit_pos, sent.start) == bisect_left(hit_pos, sent.end):
            ctx.troop_context = False
            continue
        cues = cues_all.slice(sent.start, sent.end)
        numbers = find_numbers(sent.text, lang)
        if not numbers and not any(cues.get(c) for c in STANDALONE):
            # no count and no word that stands alone (deployment, presence, "un policier"): nothing to add
            ctx.troop_context = bool(cues.get("troop"))
            continue
        i0, i1 = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        j = bisect_left(org_starts, sent.start)
        ctx.last_org = orgs[j - 1][1] if j else None
        actors = [_Shifted(a, sent.start) for a in all_actors[i0:i1] if a.end <= sent.end]
        stext = norm[sent.start:sent.end]
        facts = analyse_sentence(stext, lang, numbers, actors, ctx, cues, normalised=True)
        ctx.troop_context = bool(cues.get("troop"))
        if not (facts.casualties or facts.troops or facts.deployments):
            continue
        date, date_prec = find_date(sent.text, lang, published, precision)
        place = find_place(sent.text, lang)
        base = {
            "article_id": article_id,
            "quote": sent.text,
            "place": place,
            "event_date": date,
            "date_precision": date_prec,
            "section": sent.section,
            "extractor_version": EXTRACTOR_VERSION,
        }
        for c in facts.casualties:
            n = c["num"]
            low, best, high, q = floor_values(n)
            s, e = sent.start + n.start, sent.start + n.end
            mentions.append({**base, "kind": "casualty", "outcome": c["outcome"], "victim_group": c["group"],
                             "is_subset": bool(c["subset"]), "sender": None, "receiver": None, "status": None,
                             "actor": None, "count_low": low, "count_best": best, "count_high": high,
                             "qualifier": q, "country_iso3": c["country"], "char_start": s, "char_end": e,
                             "mention_id": mention_id(article_id, "casualty", s, e, c["outcome"])})
            ctx.last_casualty = {"outcome": c["outcome"], "group": c["group"]}
            if not c["subset"] and best:
                ctx.totals[c["outcome"]] = max(ctx.totals.get(c["outcome"], 0), best)
        for t in facts.troops:
            n = t["num"]
            low, best, high, q = values(n.span)
            s, e = sent.start + n.start, sent.start + n.end
            mentions.append({**base, "kind": "troop_count", "outcome": None, "victim_group": None,
                             "is_subset": None, "sender": None, "receiver": None, "status": None,
                             "actor": t["actor"], "count_low": low, "count_best": best, "count_high": high,
                             "qualifier": q, "country_iso3": t["country"], "char_start": s, "char_end": e,
                             "mention_id": mention_id(article_id, "troop_count", s, e, t["actor"] or "")})
        for d in facts.deployments:
            n = d["num"]
            if n is not None:
                low, best, high, q = values(n.span)
            else:
                low = best = high = q = None
            s, e = sent.start + d["start"], sent.start + d["end"]
            mentions.append({**base, "kind": "deployment", "outcome": None, "victim_group": None,
                             "is_subset": None, "sender": d["sender"], "receiver": d["receiver"],
                             "status": d["status"], "actor": d["sender"], "count_low": low, "count_best": best,
                             "count_high": high, "qualifier": q, "country_iso3": d["receiver"],
                             "char_start": s, "char_end": e,
                             "mention_id": mention_id(article_id, "deployment", s, e, f"{d['sender']}>{d['receiver']}"),
                             "_explicit": d.get("explicit", True), "_anchored": d.get("anchored", True)})
            ctx.last_sender = d["sender"]
            if is_org(d["sender"]):
                ctx.last_org_sender = d["sender"]
    drop_unanchored(mentions)
    _latest_stage(mentions)
    return mentions


def _latest_stage(mentions: list[dict]) -> None:
    """When an article reports several stages of one deployment, the latest one wins; a stage
    read from a deployment verb beats one only presumed from presence."""
    best: dict[tuple, tuple[bool, int, str]] = {}
    for m in mentions:
        if m["kind"] != "deployment":
            continue
        k = (m["sender"], m["receiver"])
        rank = (bool(m.get("_explicit", True)), STAGE_ORDER[m["status"]], m["status"])
        if k not in best or rank > best[k]:
            best[k] = rank
    for m in mentions:
        if m["kind"] == "deployment":
            m["status"] = best[(m["sender"], m["receiver"])][2]
        m.pop("_explicit", None)


def extract_batch(articles: list[dict]) -> list[dict]:
    """Mentions of many articles; an article the extractor fails on is logged and skipped."""
    out: list[dict] = []
    for a in articles:
        try:
            out.extend(extract_article(a))
        except Exception:  # one odd article must not stop a run
            log.exception("extraction failed for article %s", a.get("article_id"))
    return out
