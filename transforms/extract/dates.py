"""Event date and place of one sentence (CODING.md section 3), from data/dates_<lang>.toml.

Dates: explicit day dates first ("le 7 janvier", "January 4, 2022", "5 января"), then month dates
("in January" -> month precision), then weekdays and relative words ("jeudi", "yesterday", "на
прошлой неделе") resolved against a publication date known to the day, then "in 2021" (year
precision); otherwise the publication date at its own precision. A week is given by its Monday,
a month by its first day, a year by 1 January.
Places: the most specific named place after a facility noun ("aéroport d'Almaty", "Almaty airport"),
else after a locality preposition ("à Almaty", "в Алматы"), else after a region word ("en Ituri").
"""
from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from transforms.extract.actors import find_actors

DATA = Path(__file__).with_name("data")
LANGS = ("en", "fr", "es", "ru")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
# Numeric dates: 07/01/2022, 07.01.2022, 2022-01-07 (four-digit years only: "3/4" is no date).
_NUMERIC = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d{2})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
# An explicit date without year may lie this far after publication before it is put a year back.
_FUTURE_SLACK = timedelta(days=7)
# One word of a place name: letters, inner hyphens and apostrophes (N'Djamena, Nur-Sultan).
_NAME_WORD = re.compile(r"[^\W\d_][\w\-\u2010\u2011]*(?:['\u2019][^\W\d_][\w\-]*)*")
_SPACE = re.compile(r"[ \u00a0]")
# Word tokens for the cheap gates and the place finder (apostrophes split: d'Almaty -> d, Almaty).
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TIGHT = re.compile(r"[ \u00a0'\u2019]{1,2}")
_PLAIN = re.compile(r"[^\W\d_]+")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_NUMERIC_GATE = re.compile(r"\d[./-]\d")
_MAX_NAME_WORDS = 3
# "in 2021" is taken as the event's year only up to this many years before publication.
_YEAR_WINDOW = 2


def _phrases_rx(phrases) -> str:
    """Alternation of plain phrases, longest first; "'" matches ' and ’, a space any spacing."""
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        out.append(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['\u2019]"))
    return "(?:" + "|".join(out) + r")(?!\w)" if out else r"(?!x)x"


def _key(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[int, str]]
    numeric_order: str
    day_month: tuple[re.Pattern, ...]
    month: tuple[re.Pattern, ...]
    weekday: tuple[re.Pattern, ...]
    year: tuple[re.Pattern, ...]
    relative_rx: re.Pattern
    month_gate: frozenset[str]  # a word each month form contains
    relative_gate: frozenset[str]  # a word each weekday or relative phrase contains
    place_words: dict[tuple[str, ...], int]  # phrase -> rank: 0 facility, 1 locality, 2 region
    facility_after: frozenset[tuple[str, ...]]
    stop: frozenset[str]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(phrase))


def _gate(phrases) -> frozenset[str]:
    """The longest word of each phrase: a sentence lacking it cannot contain the phrase."""
    return frozenset(max(_PLAIN.findall(p.lower()), key=len) for p in phrases if _PLAIN.search(p))


@cache
def _grammar(lang: str) -> _Grammar:
    raw = tomllib.loads((DATA / f"dates_{lang}.toml").read_text("utf-8"))
    months = {_key(w): int(n) for n, ws in raw["months"].items() for w in ws}
    weekdays = {_key(w): int(n) for n, ws in raw["weekdays"].items() for w in ws}
    subst = {"{DAY}": _DAY, "{YEAR}": _YEAR, "{ORD}": raw.get("ordinal", ""),
             "{MONTH}": _phrases_rx(w for ws in raw["months"].values() for w in ws),
             "{WEEKDAY}": _phrases_rx(w for ws in raw["weekdays"].values() for w in ws)}
    flags = 0 if raw.get("case_sensitive") else re.IGNORECASE

    def compile_all(templates):
        out = []
        for t in templates:
            for k, v in subst.items():
                t = t.replace(k, v)
            out.append(re.compile(t, flags))
        return tuple(out)

    g, place = raw["grammar"], raw["place"]
    month_forms = [w for ws in raw["months"].values() for w in ws]
    weekday_forms = [w for ws in raw["weekdays"].values() for w in ws]
    stop = set(place.get("stop", [])) | {w.capitalize() for f in month_forms + weekday_forms for w in _PLAIN.findall(f)}
    return _Grammar(
        months=months, weekdays=weekdays,
        relative={_key(k): (int(v[0]), v[1]) for k, v in raw["relative"].items()},
        numeric_order=raw.get("numeric_order", "dmy"),
        day_month=compile_all(g["day_month"]), month=compile_all(g["month"]),
        weekday=compile_all(g["weekday"]), year=compile_all(g.get("year", [])),
        relative_rx=re.compile(r"(?<!\w)" + _phrases_rx(raw["relative"]), re.IGNORECASE),
        month_gate=_gate(month_forms), relative_gate=_gate(weekday_forms + list(raw["relative"])),
        place_words={_words(p): rank for rank, kind in reversed(list(enumerate(("facility", "locality", "region"))))
                     for p in place.get(kind, [])},
        facility_after=frozenset(_words(p) for p in place.get("facility_after", [])),
        stop=frozenset(stop))


def _period_end(published: date, precision: str | None) -> date:
    if precision == "month":
        return published.replace(day=calendar.monthrange(published.year, published.month)[1])
    if precision == "year":
        return published.replace(month=12, day=31)
    return published


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, published: date | None, precision: str | None) -> date | None:
    """A yearless date in the publication's year, or the year before if that is well after it."""
    if published is None:
        return None
    d = _make(published.year, month, day)
    if d is None or d > _period_end(published, precision) + _FUTURE_SLACK:
        d = _make(published.year - 1, month, day) or d
    return d


def _explicit_day(s: str, g: _Grammar, published, precision, has_month: bool) -> tuple[int, date] | None:
    hits: list[tuple[int, date]] = []
    for rx in g.day_month if has_month else ():
        for m in rx.finditer(s):
            month = g.months.get(_key(m.group("month")))
            day = int(re.match(r"\d+", m.group("day")).group())
            year = m.group("year")
            d = _make(int(year), month, day) if year else _with_year(month, day, published, precision)
            if d:
                hits.append((m.start(), d))
                break
    for m in _NUMERIC.finditer(s):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        month, day = (a, b) if g.numeric_order == "mdy" else (b, a)
        d = _make(y, month, day) or _make(y, day, month)
        if d:
            hits.append((m.start(), d))
            break
    for m in _ISO.finditer(s):
        hits.append((m.start(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        break
    return min(hits, key=lambda h: h[0]) if hits else None


def _explicit_month(s: str, g: _Grammar, published, precision) -> date | None:
    hits = []
    for rx in g.month:
        m = rx.search(s)
        if m:
            month = g.months[_key(m.group("month"))]
            year = m.group("year")
            d = date(int(year), month, 1) if year else _with_year(month, 1, published, precision)
            if d:
                hits.append((m.start(), d))
    return min(hits, key=lambda h: h[0])[1] if hits else None


def _weekday_date(published: date, wd: int, mode: str | None) -> date:
    """Most recent such day on or before publication; "last" strictly before; "next" after."""
    if mode == "next":
        return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    back = (published.weekday() - wd) % 7
    if mode == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _shift(published: date, amount: int, unit: str) -> tuple[date, str]:
    if unit == "day":
        return published + timedelta(days=amount), "day"
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=amount), "week"
    if unit == "month":
        idx = published.year * 12 + published.month - 1 + amount
        return date(idx // 12, idx % 12 + 1, 1), "month"
    return date(published.year + amount, 1, 1), "year"


def _relative(s: str, g: _Grammar) -> tuple[int, str, object] | None:
    """Earliest weekday or relative phrase: (position, kind, value)."""
    hits = []
    for rx in g.weekday:
        m = rx.search(s)
        if m:
            named = {k for k, v in m.groupdict().items() if v}
            mode = "last" if any(k.startswith("last") for k in named) else (
                "next" if any(k.startswith("next") for k in named) else None)
            hits.append((m.start(), "weekday", (g.weekdays[_key(m.group("wd"))], mode)))
    m = g.relative_rx.search(s)
    if m:
        hits.append((m.start(), "relative", g.relative[_key(m.group())]))
    return min(hits, key=lambda h: h[0]) if hits else None


def find_date(sentence: str, lang: str, published: date | None,
              precision: str | None) -> tuple[date | None, str | None]:
    """Event date and precision of one sentence (see the module docstring for the order)."""
    g = _grammar(lang if lang in LANGS else "en")
    fallback = (published, precision) if published else (None, None)
    words = set(_PLAIN.findall(sentence.lower()))
    has_month = not words.isdisjoint(g.month_gate)
    if has_month or _NUMERIC_GATE.search(sentence):
        hit = _explicit_day(sentence, g, published, precision, has_month)
        if hit:
            return hit[1], "day"
    if has_month:
        d = _explicit_month(sentence, g, published, precision)
        if d:
            return d, "month"
    rel = _relative(sentence, g) if not words.isdisjoint(g.relative_gate) else None
    if rel:
        _, kind, value = rel
        if published is None:
            return fallback
        if kind == "weekday":
            return (_weekday_date(published, *value), "day") if precision == "day" else fallback
        amount, unit = value
        needs = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
                 "year": ("day", "month", "year")}[unit]
        return _shift(published, amount, unit) if precision in needs else fallback
    if _YEARLIKE.search(sentence):
        for rx in g.year:
            m = rx.search(sentence)
            if m and _plausible_year(int(m.group("year")), published):
                return date(int(m.group("year")), 1, 1), "year"
    return fallback


def _plausible_year(year: int, published: date | None) -> bool:
    """A bare "in 2021" dates the event only near publication (else it is background history)."""
    return published is None or published.year - _YEAR_WINDOW <= year <= published.year + 1


def _name_words(s: str, pos: int, g: _Grammar) -> list[re.Match]:
    """Capitalised words from pos on, separated by single spaces (at most _MAX_NAME_WORDS)."""
    words: list[re.Match] = []
    while len(words) < _MAX_NAME_WORDS:
        m = _NAME_WORD.match(s, pos)
        if not m or not m.group()[0].isupper() or m.group() in g.stop:
            break
        w = m.group()
        if len(w) >= 2 and w.isupper():  # acronyms: ministries, agencies, organisations
            break
        words.append(m)
        pos = m.end()
        if not _SPACE.match(s, pos):
            break
        pos += 1
    return words


def _clean_name(s: str, words: list[re.Match], lang: str) -> tuple[int, int] | None:
    """Span of the name, cut before the first country or organisation it contains."""
    if not words:
        return None
    start, end = words[0].start(), words[-1].end()
    actors = find_actors(s[start:end], lang)
    if actors:
        if actors[0].start == 0:
            return None
        end = start + actors[0].start
        end = start + len(s[start:end].rstrip())
    return start, end


@cache
def _edge_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(last words of the place phrases, first words of the facility_after phrases): a token
    that is none of them cannot end or start one, so most tokens are passed over at once."""
    g = _grammar(lang)
    return (frozenset(k[-1] for k in g.place_words if k), frozenset(k[0] for k in g.facility_after if k))


def _facility_after(sentence: str, toks: list[re.Match], low: list[str], g: _Grammar, lang: str) -> str | None:
    """English order: capitalised name + facility noun ("Almaty airport", "Bagram Air Base")."""
    firsts = _edge_words(lang)[1]
    for k in range(1, len(toks)):
        if low[k] not in firsts:
            continue
        for size in (2, 1):
            phrase = tuple(low[k: k + size])
            if len(phrase) < size or phrase not in g.facility_after:
                continue
            words: list[re.Match] = []
            j = k - 1
            while j >= 0 and len(words) < _MAX_NAME_WORDS and toks[j].group()[0].isupper() \
                    and toks[j].group() not in g.stop and _SPACE.fullmatch(sentence[toks[j].end(): toks[j + 1].start()]):
                words.insert(0, toks[j])
                j -= 1
            span = _clean_name(sentence, words, lang)
            if span and span[1] == words[-1].end():
                return sentence[span[0]: toks[k + size - 1].end()]
    return None


def find_place(sentence: str, lang: str) -> str | None:
    """The most specific named place of the sentence (facility > locality > region), else None."""
    lang = lang if lang in LANGS else "en"
    g = _grammar(lang)
    toks = list(_WORD.finditer(sentence))
    words = [t.group() for t in toks]
    low = [w.lower() for w in words]
    lasts = _edge_words(lang)[0]
    best: tuple[int, int, int] | None = None  # rank, start, end
    for i in range(1, len(toks)):
        if not words[i][0].isupper() or low[i - 1] not in lasts:
            continue  # no capitalised name here, or no place word right before it
        for size in (3, 2, 1):
            if i < size or tuple(low[i - size: i]) not in g.place_words:
                continue
            if not all(_TIGHT.fullmatch(sentence[toks[j].end(): toks[j + 1].start()]) for j in range(i - size, i)):
                continue
            rank = g.place_words[tuple(low[i - size: i])]
            if best and best[0] <= rank:
                break
            span = _clean_name(sentence, _name_words(sentence, toks[i].start(), g), lang)
            if span:
                best = (rank, toks[i - size].start() if rank == 0 else span[0], span[1])
                if rank == 0:
                    return sentence[best[1]: best[2]]
            break
    if g.facility_after:
        found = _facility_after(sentence, toks, low, g, lang)
        if found:
            return found
    return sentence[best[1]: best[2]] if best else None
