"""Country and organisation mentions (names, adjectives, demonyms, acronyms) in fr/en/es/ru text.

The lexicon lives in data/countries.csv, data/organisations.csv and data/actors_block.toml.
Matching is a token dictionary lookup (no regex alternation over thousands of forms): the text is
cut into word tokens once, and each token that can start a known form is extended greedily to the
longest known form (leftmost-longest, non-overlapping). Keys ignore case and accents (ё = е in
Russian); the case a form is written with in the data decides which case the text must show.
"""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
LANGS = ("en", "fr", "es", "ru")
FORMS = ("name", "adjective", "demonym", "org")

# A word token: letters/digits, hyphen-joined compounds kept whole ("Nur-Sultan", "Guinée-Bissau").
_TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")
# What may separate the tokens of one multi-word form: spaces and apostrophes (elision: Côte d'Ivoire).
_GAP = re.compile(r"[ \t\u00a0\u202f'\u2019\u02bc]{1,3}")
# Initialisms written with dots: U.S., U.N., EE. UU.
_INITIAL_GAP = re.compile(r"\. ?")
_BRACE = re.compile(r"\{([^{}]*)\}")
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
# Determiners that turn an adjective form into a people noun ("los rusos", "the French").
_DETERMINERS = frozenset({"the", "les", "des", "aux", "los", "las"})
# Hyphen prefixes whose second part is not an actor mention ("pro-russes", "anti-OTAN").
_NEGATING_PREFIXES = frozenset({"pro", "anti"})
_CASE_ANY, _CASE_INITIAL, _CASE_UPPER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class ActorSpan:
    start: int
    end: int
    code: str  # ISO 3166-1 alpha-3 or organisation code
    form: str  # 'name' | 'adjective' | 'demonym' | 'org'
    text: str


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str | None  # None: a blocked phrase, consumed without a mention
    form: str
    case: int
    capital: bool


def expand(variant: str) -> list[str]:
    """All spellings of one data variant: "stem{a|b|}" -> stema, stemb, stem."""
    m = _BRACE.search(variant)
    if not m:
        return [variant]
    head, tail = variant[: m.start()], variant[m.end():]
    return [x for alt in m.group(1).split("|") for x in expand(head + alt + tail)]


def _variants(cell: str) -> list[str]:
    """Spellings of one CSV cell (";"-separated variants, braces expanded)."""
    return [s.strip() for v in cell.split(";") if v.strip() for s in expand(v.strip())]


@lru_cache(maxsize=1 << 16)
def _fold(word: str, lang: str) -> str:
    """Lookup key of one token: lower case, no accents (ё -> е in Russian)."""
    w = word.lower().translate(_HYPHENS)
    if lang == "ru":
        return w.replace("ё", "е").replace("\u0301", "")
    if w.isascii():
        return w
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


def _case_of(form: str) -> int:
    letters = [c for c in form if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return _CASE_UPPER
    return _CASE_INITIAL if form[:1].isupper() else _CASE_ANY


def _case_ok(case: int, span: str) -> bool:
    if case == _CASE_UPPER:
        return span.isupper()
    return case == _CASE_ANY or span[:1].isupper()


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


class _Lexicon:
    """Per-language table: tuple of folded tokens -> entries, plus longest form per first token."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table: dict[tuple[str, ...], list[_Entry]] = {}
        self.longest: dict[str, int] = {}

    def add(self, form_text: str, entry_code: str | None, form: str) -> None:
        toks = _TOKEN.findall(form_text)
        if not toks:
            return
        key = tuple(_fold(t, self.lang) for t in toks)
        entry = _Entry(entry_code, form, _case_of(form_text), form_text[:1].isupper())
        entries = self.table.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        if len(key) > self.longest.get(key[0], 0):
            self.longest[key[0]] = len(key)


@cache
def _countries() -> list[dict[str, str]]:
    return _read_csv("countries.csv")


@cache
def _organisations() -> list[dict[str, str]]:
    return _read_csv("organisations.csv")


@cache
def _lexicon(lang: str) -> _Lexicon:
    lex = _Lexicon(lang)
    for phrase in _blocks().get(lang, []):
        for text in expand(phrase):
            lex.add(text, None, "block")
    for row in _countries():
        for form, col in (("name", "name"), ("adjective", "adj"), ("demonym", "dem")):
            for text in _variants(row[f"{col}_{lang}"]):
                lex.add(text, row["iso3"], form)
    keep_caps = set(_blocks().get("title_case_exclude", []))
    for row in _organisations():
        for text in _variants(row[f"names_{lang}"]) + _variants(row["names_any"]):
            lex.add(text, row["code"], "org")
            if _is_acronym_word(text) and text not in keep_caps:
                # mission acronyms are written as names too: "la Minusma", "la Monusco", "Finul"
                lex.add(text.capitalize(), row["code"], "org")
    return lex


def _is_acronym_word(text: str) -> bool:
    """A one-word acronym long enough to be pronounced as a word (MINUSMA, KFOR, ОДКБ is not:
    it is spelt out and never written in title case)."""
    return len(text) >= 4 and text.isalpha() and text.isupper()


@cache
def _blocks() -> dict:
    return tomllib.loads((DATA / "actors_block.toml").read_text("utf-8"))


def _joinable(text: str, left: re.Match, right: re.Match) -> bool:
    gap = text[left.end(): right.start()]
    if _GAP.fullmatch(gap):
        return True
    word = left.group()
    return bool(_INITIAL_GAP.fullmatch(gap)) and len(word) <= 3 and word.isupper()


def _choose(entries: list[_Entry], span: str, prev_word: str, next_char: str, lang: str) -> _Entry | None:
    """Entry whose case fits the text; a capital in the text prefers a capitalised form."""
    fits = [e for e in entries if _case_ok(e.case, span)]
    if not fits:
        return None
    capital = span[:1].isupper()
    best = [e for e in fits if e.capital == capital] or fits
    forms = {e.form for e in best}
    if {"adjective", "demonym"} <= forms:
        nominal = prev_word in _DETERMINERS and (lang != "en" or not next_char.isalpha())
        want = "demonym" if nominal else "adjective"
        best = [e for e in best if e.form == want]
    return best[0]


def _lookup_parts(text: str, tok: re.Match, lex: _Lexicon, lang: str) -> list[ActorSpan]:
    """Actors inside a hyphen compound that is no form as a whole ("Russia-led", "US-Kazakh")."""
    out: list[ActorSpan] = []
    prev = ""
    for part in _PART.finditer(tok.group()):
        word = part.group()
        key = _fold(word, lang)
        entries = None if prev in _NEGATING_PREFIXES else lex.table.get((key,))
        if entries:
            e = _choose(entries, word, "", "", lang)
            if e and e.code:
                s = tok.start() + part.start()
                out.append(ActorSpan(s, s + len(word), e.code, e.form, word))
        prev = key
    return out


def _keys(words: list[str], lang: str) -> list[str]:
    """Lookup keys of the tokens (see _fold), from a per-language table of words already seen."""
    seen = _FOLDED.setdefault(lang, {})
    out = []
    for w in words:
        k = seen.get(w)
        if k is None:
            k = seen[w] = _fold(w, lang)
        out.append(k)
    return out


_FOLDED: dict[str, dict[str, str]] = {}  # lang -> token -> _fold(token, lang): the vocabulary is small


def find_actors(text: str, lang: str) -> list[ActorSpan]:
    """All actor mentions in order, non-overlapping, the longest form winning."""
    lang = lang if lang in LANGS else "en"
    lex = _lexicon(lang)
    toks = list(_TOKEN.finditer(text))
    keys = _keys([t.group() for t in toks], lang)
    longest_of = lex.longest
    out: list[ActorSpan] = []
    n = len(toks)
    nxt = 0  # first token not yet consumed by a form
    # only tokens that can start a form or hold a hyphen need a look; the others are skipped
    for i in [i for i, k in enumerate(keys) if k in longest_of or "-" in k]:
        if i < nxt:
            continue
        longest = longest_of.get(keys[i], 0)
        hit: tuple[int, _Entry] | None = None
        if longest:
            j = i
            while j + 1 < n and j + 1 - i < longest and _joinable(text, toks[j], toks[j + 1]):
                j += 1
            for last in range(j, i - 1, -1):
                entries = lex.table.get(tuple(keys[i: last + 1]))
                if not entries:
                    continue
                span = text[toks[i].start(): toks[last].end()]
                prev_word = keys[i - 1] if i else ""
                next_char = text[toks[last].end(): toks[last].end() + 2].strip()[:1]
                entry = _choose(entries, span, prev_word, next_char, lang)
                if entry:
                    hit = (last + 1 - i, entry)
                    break
        if hit:
            size, entry = hit
            if entry.code:
                s, e = toks[i].start(), toks[i + size - 1].end()
                if size > 1 and text[e:e + 1] == "." and "." in text[s:e]:
                    e += 1  # a dotted initialism keeps its last dot: "U.S." "EE. UU."
                out.append(ActorSpan(s, e, entry.code, entry.form, text[s:e]))
            nxt = i + size
            continue
        if "-" in keys[i]:
            out.extend(_lookup_parts(text, toks[i], lex, lang))
        nxt = i + 1
    return out


@cache
def _names() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for row in _countries():
        for lang in LANGS:
            variants = _variants(row[f"name_{lang}"])
            if variants:
                out[(row["iso3"], lang)] = variants[0]
    return out


def country_name(code: str, lang: str = "en") -> str | None:
    """The usual name of a country in one language (first variant of its row), else None."""
    return _names().get((code, lang))


@cache
def _codes() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(r["iso3"] for r in _countries()), frozenset(r["code"] for r in _organisations()))


def is_org(code: str) -> bool:
    """True for an organisation code (CSTO, UN, NATO ...)."""
    return code in _codes()[1]


def is_known_actor(code: str) -> bool:
    """True for an ISO3 code of the country table or an organisation code."""
    countries, orgs = _codes()
    return code in countries or code in orgs
