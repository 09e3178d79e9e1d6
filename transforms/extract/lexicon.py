"""Per-language cue lexicons (data/{lang}.toml), indexed for fast scanning of sentences.

The words live in data files so that a language is extended without touching code. Entries are
small regular-expression fragments; instead of one huge alternation per list (slow: every
position of the text tries every entry), each entry is filed under the first letters it can
start with, and a sentence is scanned word by word, trying only the entries filed under the
word's first letters.
"""
from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from transforms.extract.actors import expand
from transforms.schema import OUTCOMES, STATUSES, VICTIM_GROUPS

DATA = Path(__file__).parent / "data"
LANGS = ("fr", "en", "es", "ru")
DEFAULT_LANG = "en"
KEY_LEN = 3
WORD = re.compile(r"\w+")
PLAIN_WORD = re.compile(r"[^\W\d_]+")
# A fragment that can only match inside one word (letters, classes, optional marks, \\w runs):
# its answer depends on the word alone, so it is tried once per distinct word.
ONE_WORD = re.compile(r"(?:[^\W_]|\\w|\[[^\]\\ '.-]*\]|[?*+])+")

# Characters normalised before matching (same length, so offsets stay valid).
_NORMALISE = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "ё": "е", "Ё": "Е"})

# Categories whose entries carry a label (the outcome, the group, the status).
LABELLED = ("after", "before", "group", "deploy")
# Categories that make a sentence worth a closer look.
TRIGGERS = ("after", "before", "toll", "troop", "unit", "deploy", "sub_after", "rest_from", "rest_by")
# Categories that make a sentence worth reading even when it has no figure.
STANDALONE = ("deploy", "presence", "single", "rest_from", "rest_by")


_NORMALISE_PAIRS = tuple((chr(k), v) for k, v in _NORMALISE.items())


def normalise(text: str) -> str:
    """Apostrophes, no-break spaces and ё unified; the length never changes. One str.replace
    per character present (each maps to a character no other maps from), much faster than
    str.translate, which looks every character of the text up."""
    for src, dst in _NORMALISE_PAIRS:
        if src in text:
            text = text.replace(src, dst)
    return text


def lower_same_length(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else text


def _fragment_rx(words: list[str], anchored_start: bool) -> re.Pattern:
    alts = []
    for w in sorted(set(words), key=len, reverse=True):
        elided = w.endswith("'")  # "tandis qu'": the next word is glued to it
        w = normalise(w).replace("'", "['’]").replace(" ", r"[^\S\n]+")
        alts.append(w if elided else w + r"(?![\w])")
    head = r"(?<![\w])" if anchored_start else ""
    return re.compile(head + r"(?:" + "|".join(alts) + r")", re.IGNORECASE)


def compile_words(words: list[str]) -> re.Pattern | None:
    """A list of regex fragments -> one whole-word, case-insensitive regex (longest first)."""
    words = [w for w in words if w]
    return _fragment_rx(words, True) if words else None


def prefixes(fragment: str, n: int = KEY_LEN) -> set[str] | None:
    """The lower-case first letters (up to n) a fragment can start with; None when a wildcard
    or a group comes too early to tell (such fragments are searched the slow way)."""
    frag = normalise(fragment)
    results = {""}
    i = 0
    while i < len(frag) and any(len(r) < n for r in results):
        c = frag[i]
        if c == "\\":
            nxt = frag[i + 1] if i + 1 < len(frag) else ""
            if nxt in "wWdDbB" or not nxt:
                return None
            atom = {" "} if nxt == "s" else {nxt}
            i += 2
        elif c == "[":
            j = frag.find("]", i)
            body = frag[i + 1:j]
            if j < 0 or body.startswith("^") or "-" in body.strip("-") or "\\" in body:
                return None
            atom = set(body)
            i = j + 1
        elif c in "(.^$|)":
            return None
        else:
            atom = {c}
            i += 1
        optional = False
        if i < len(frag) and frag[i] in "?*":
            optional = True
            i += 1
        elif i < len(frag) and frag[i] == "+":
            i += 1
        elif i < len(frag) and frag[i] == "{":
            return None
        new = set()
        for r in results:
            if len(r) >= n:
                new.add(r)
                continue
            for a in atom:
                new.add(r + a.lower())
            if optional:
                new.add(r)
        results = new
    out = {r[:n] for r in results if r}
    if not out or any(not r[0].isalnum() for r in out):
        return None
    return out


@dataclass(slots=True)
class Entry:
    cat: str
    label: str
    rx: re.Pattern


@dataclass(slots=True)
class Combo:
    """Several entries tried at one position by a single regex: each entry is an optional
    lookahead group, so one match call tells which of them match there and how far.
    nexts: first letters the word after the first one may start with (None: any), a cheap
    test before the regex for entries filed under a frequent word ("de", "the")."""
    rx: re.Pattern
    labels: tuple
    nexts: frozenset | None = None

    def next_ok(self, low: str, end: int) -> bool:
        if self.nexts is None:
            return True
        n = len(low)
        while end < n and low[end] in " \t":
            end += 1
        return end < n and low[end] in self.nexts


def combine(entries: list[Entry]) -> Combo | None:
    if not entries:
        return None
    parts = []
    for e in entries:
        body = e.rx.pattern
        parts.append("(?:(?=(" + body + "))|)")
    return Combo(re.compile("".join(parts), re.IGNORECASE), tuple((e.cat, e.label) for e in entries))


_SHORT = object()  # a word of fewer than 3 letters: its regex entries depend on what follows
_INERT = ((), None, None)  # what most words can start: nothing (one shared tuple, tested by identity)


def _combo_hits(combo: Combo, text: str, pos: int, found: dict) -> None:
    """Add the entries of a combo that match at pos (each one's own extent, as (pos, -end))."""
    mm = combo.rx.match(text, pos)
    if mm.lastindex:  # some entry matched here
        regs = mm.regs
        for i, cl in enumerate(combo.labels, 1):
            end = regs[i][1]
            if end > pos:
                found[cl].append((pos, -end))


def _special_hits(e: Entry, first: re.Pattern | None, text: str, out: list) -> None:
    """Spans (start, -end) of e.rx.finditer(text); with a first-character regex, only the positions holding
    such a character are tried (a match starts with one), left to right without overlap."""
    if first is None:
        for mm in e.rx.finditer(text):
            out.append((mm.start(), -mm.end()))
        return
    last = 0
    match = e.rx.match
    for c in first.finditer(text):
        pos = c.start()
        if pos < last:
            continue
        mm = match(text, pos)
        if mm is not None:
            out.append((pos, -mm.end()))
            last = mm.end()


@dataclass(slots=True)
class Lexicon:
    """The cue lists of one language and their index."""

    lang: str
    cats: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # cat -> label -> fragments
    index: dict[str, list[Entry]] = field(default_factory=dict)
    special: list[Entry] = field(default_factory=list)
    special_first: list[re.Pattern | None] = field(default_factory=list)  # see _first_chars_rx
    locative_tail: re.Pattern | None = None
    peace_rx: re.Pattern | None = None
    literal: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    genitive_owner: bool = False
    # plain word sets, checked at one known position only (not scanned: they are frequent words)
    copula: frozenset = frozenset()
    pair_with: frozenset = frozenset()
    each_before: frozenset = frozenset()
    by_word: dict[str, Combo] = field(default_factory=dict)
    single_index: dict[str, list[Entry]] = field(default_factory=dict)
    multi_index: dict[str, list[Entry]] = field(default_factory=dict)
    _cache: dict[str, Combo | None] = field(default_factory=dict)
    _word_cache: dict[str, tuple] = field(default_factory=dict)

    def _word_info(self, word: str) -> tuple:
        """What a word can start: (one-word hits, combo of entries filed under the word, combo of
        regex entries filed under its first letters, or None when the word is too short to tell
        them without the characters after it). Cached: each distinct word is worked out once."""
        found = list(self.literal.get(word, ()))
        k3 = word[:3]
        for k in {k3, k3[:2], k3[:1]}:
            for e in self.single_index.get(k, ()):
                if (e.cat, e.label) not in found and e.rx.fullmatch(word):
                    found.append((e.cat, e.label))
        multi = self._multi(k3) if len(word) >= 3 else _SHORT
        info = (tuple(found), self.by_word.get(word), multi)
        if info == _INERT:
            info = _INERT
        self._word_cache[word] = info
        return info

    def _multi(self, k3: str) -> Combo | None:
        if k3 in self._cache:
            return self._cache[k3]
        entries: list[Entry] = []
        for k in {k3, k3[:2], k3[:1]}:
            entries.extend(self.multi_index.get(k, ()))
        combo = self._cache[k3] = combine(entries)
        return combo

    def scan(self, text: str, trigger_only: bool = False) -> dict[str, list[tuple[int, int, str]]]:
        """Every cue of the (normalised) text: category -> [(start, end, label)], in order;
        inside one category and label, matches do not overlap (leftmost, longest first).
        trigger_only: only the categories that make a sentence worth analysing."""
        return self.scan_words(text, trigger_only)[0]

    def scan_words(self, text: str, trigger_only: bool = False) -> tuple[dict, list[int], list[int]]:
        """scan(), plus the starts and ends of the text's words (\\w+, as WORD finds them in
        the text itself: lower-casing that keeps the length keeps every word character one),
        which the scan walks through anyway."""
        low = lower_same_length(text)
        # (category, label) -> [(start, -end)]: sorting these tuples puts longer matches first
        found: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        word_info = self._word_cache
        multi_cache = self._cache
        wstarts: list[int] = []
        wends: list[int] = []
        for m in WORD.finditer(low):
            pos, end = m.span()
            wstarts.append(pos)
            wends.append(end)
            word = m.group()
            info = word_info.get(word)
            if info is None:
                info = self._word_info(word)
            if info is _INERT:
                continue  # most words: no cue can start here
            hits, combo, multi = info
            if hits:
                span = (pos, -end)
                for cl in hits:
                    found[cl].append(span)
            if combo is not None and combo.next_ok(low, end):
                _combo_hits(combo, text, pos, found)
            if multi is _SHORT:
                k3 = low[pos:pos + 3]
                multi = multi_cache[k3] if k3 in multi_cache else self._multi(k3)
            if multi is not None:
                _combo_hits(multi, text, pos, found)
        for e, first in zip(self.special, self.special_first):
            _special_hits(e, first, text, found[(e.cat, e.label)])
        out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for (cat, label), spans in found.items():
            if trigger_only and cat not in TRIGGERS:
                continue
            if len(spans) > 1:
                spans.sort()  # (start, -end): leftmost first, then longest first
            last_end = -1
            for s, neg_end in spans:
                e = -neg_end
                if s < last_end:
                    continue
                out[cat].append((s, e, label))
                last_end = e
        for cat in out:
            out[cat].sort()
        if out.get("verb_marker"):
            _drop_after_verb_marker(out, text)
        return out, wstarts, wends

    def trigger_hits(self, text: str) -> list[tuple[int, str]]:
        """(position, category) of every trigger cue of a whole (normalised) text."""
        return sorted((s, cat) for cat, found in self.scan(text, trigger_only=True).items() for s, _e, _l in found)

    def triggered(self, cues: dict) -> bool:
        return any(cues.get(c) for c in TRIGGERS)


NOUN_CATS = ("group", "troop", "people", "unit", "police")


def _drop_after_verb_marker(out: dict, text: str) -> None:
    """A word right after a verb marker ("s'élève", "se eleva") is a verb: no noun cue there."""
    ends = {e for _s, e, _l in out["verb_marker"]}
    for cat in NOUN_CATS:
        if cat in out:
            out[cat] = [c for c in out[cat] if c[0] not in ends and not (c[0] - 1 in ends and text[c[0] - 1] == " ")]
            if not out[cat]:
                del out[cat]


def _tail(words: list[str]) -> re.Pattern | None:
    """Regex for a text that ends with one of the words (and an article): "... au ", "in the "."""
    rx = compile_words(words)
    if rx is None:
        return None
    return re.compile(rx.pattern + r"\s*(?:(?:the|le|la|les|l'|el|los|las)\s+|l')?$", re.IGNORECASE)


def _categories(data: dict) -> dict[str, dict[str, list[str]]]:
    """The TOML sections -> category -> label -> fragments."""
    c: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    out = data.get("outcome", {})
    for o in OUTCOMES:
        sec = out.get(o, {})
        c["after"][o] += (sec.get("after") or []) + (sec.get("both") or [])
        c["before"][o] += (sec.get("before") or []) + (sec.get("both") or [])
        c["toll"]["killed" if o == "killed" else o] += sec.get("toll") or []
    c["toll_verb"][""] += data.get("toll", {}).get("verbs", [])
    c["toll_ref"][""] += data.get("toll", {}).get("references", [])
    c["toll_change"][""] += data.get("toll", {}).get("changes", [])
    c["count_of"][""] += data.get("toll", {}).get("count_of", [])
    c["count_verb"][""] += data.get("toll", {}).get("count_verbs", [])
    c["exceed"][""] += data.get("toll", {}).get("exceed", [])
    g = data.get("groups", {})
    for grp in VICTIM_GROUPS:
        c["group"][grp] += g.get(grp, [])
    c["others"][""] += g.get("others", [])
    t = data.get("troops", {})
    for cat, key in (("troop", "nouns"), ("people", "people"), ("unit", "units"), ("size", "size"),
                     ("police", "police"), ("force_unit", "force_units"), ("kin", "kin"),
                     ("base", "bases")):
        c[cat][""] += t.get(key, [])
    d = data.get("deploy", {})
    for st in STATUSES:
        c["deploy"][st] += d.get(st, [])
    for cat in ("presence", "strong", "host", "rest_from", "rest_by", "envoy", "hostile", "mobilise"):
        c[cat][""] += d.get(cat, [])
    dist = data.get("distribution", {})
    c["each"][""] += dist.get("each", [])
    c["resp"][""] += dist.get("respectively", [])
    s = data.get("subset", {})
    for cat, key in (("sub_before", "before"), ("sub_after", "after"), ("partitive", "partitive"), ("total", "total"),
                     ("sub_pred", "pred")):
        c[cat][""] += s.get(key, [])
    dx = data.get("distractors", {})
    for cat, key in (("dist_after", "after"), ("dist_before", "before"), ("months", "months"), ("crowd", "crowd"),
                     ("harm", "harm"), ("captor", "captor")):
        c[cat][""] += dx.get(key, [])
    sy = data.get("syntax", {})
    for cat in ("aux", "function", "clause", "locative", "origin", "institution", "anaphora", "state", "modal",
                "possessive", "own_soil", "where", "among", "verb_marker", "year_before", "speech", "negation", "relative",
                "single", "agent", "there", "council_before", "council_after", "source_noun"):
        c[cat][""] += sy.get(cat, [])
    c["ignore_before"][""] += sy.get("actor_ignore_before", [])
    return {k: {lab: [w for w in ws if w] for lab, ws in v.items() if ws} for k, v in c.items()}


def _build(lang: str, data: dict) -> Lexicon:
    lx = Lexicon(lang)
    lx.cats = _categories(data)
    by_key: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    special: dict[tuple[str, str], list[str]] = defaultdict(list)
    literal: dict[str, list[tuple[str, str]]] = defaultdict(list)
    word_keyed: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for cat, labels in lx.cats.items():
        for label, words in labels.items():
            for w in words:
                if PLAIN_WORD.fullmatch(w):
                    # one plain word: a dictionary hit, no regex needed
                    key = lower_same_length(normalise(w))
                    if (cat, label) not in literal[key]:
                        literal[key].append((cat, label))
                    continue
                first = w.split(" ")[0]
                if " " in w and PLAIN_WORD.fullmatch(first):
                    # several words, the first one plain: filed under that word
                    word_keyed[(lower_same_length(normalise(first)), cat, label)].append(w)
                    continue
                keys = prefixes(w)
                if keys is None:
                    special[(cat, label)].append(w)
                    continue
                for k in keys:
                    by_key[(k, cat, label)].append(w)
    index: dict[str, list[Entry]] = defaultdict(list)
    single: dict[str, list[Entry]] = defaultdict(list)
    multi: dict[str, list[Entry]] = defaultdict(list)
    for (k, cat, label), words in by_key.items():
        index[k].append(Entry(cat, label, _fragment_rx(words, False)))
        one = [w for w in words if ONE_WORD.fullmatch(w)]
        more = [w for w in words if not ONE_WORD.fullmatch(w)]
        if one:
            single[k].append(Entry(cat, label, re.compile("(?:" + "|".join(normalise(w) for w in one) + ")",
                                                          re.IGNORECASE)))
        if more:
            multi[k].append(Entry(cat, label, _fragment_rx(more, False)))
    lx.index = dict(index)
    lx.single_index = dict(single)
    lx.multi_index = dict(multi)
    lx.special = [Entry(cat, label, _fragment_rx(words, True)) for (cat, label), words in special.items()]
    lx.special_first = [_first_chars_rx(words) for words in special.values()]
    lx.literal = dict(literal)
    by_word: dict[str, list[Entry]] = defaultdict(list)
    for (k, cat, label), words in word_keyed.items():
        by_word[k].append(Entry(cat, label, _fragment_rx(words, False)))
    lx.by_word = {k: combine(v) for k, v in by_word.items()}
    nexts: dict[str, set | None] = {}
    for (k, _cat, _label), words in word_keyed.items():
        firsts = _next_letters(words)
        nexts[k] = None if firsts is None or (k in nexts and nexts[k] is None) else (nexts.get(k) or set()) | firsts
    for k, combo in lx.by_word.items():
        combo.nexts = frozenset(nexts[k]) if nexts.get(k) is not None else None
    lx.genitive_owner = bool(data.get("syntax", {}).get("genitive_owner", False))
    lx.copula = frozenset(w.lower() for w in data.get("syntax", {}).get("copula", []))
    lx.pair_with = frozenset(w.lower() for w in data.get("distribution", {}).get("pair_with", []))
    lx.each_before = frozenset(w.lower() for w in data.get("distribution", {}).get("each_before", []))
    lx.locative_tail = _tail(data.get("syntax", {}).get("locative", []))
    lx.peace_rx = compile_words(data.get("groups", {}).get("peacekeepers", []))
    return lx


def _first_char(fragment: str) -> set[str] | None:
    """The characters a regex fragment (as _fragment_rx writes it) must start with; None when
    that cannot be told simply (a class, a wildcard, a group, an optional first character)."""
    frag = normalise(fragment)
    if not frag or "|" in frag:
        return None
    c = frag[0]
    if c == "\\":
        nxt = frag[1:2]
        if not nxt or nxt.isalnum() or nxt == "_":
            return None  # \w, \d, \s ...: a class
        c, rest = nxt, frag[2:]
    elif c == "'":
        return {"'", "’"}  # _fragment_rx lets an apostrophe match both
    elif c in " [](){}.^$|?*+":
        return None
    else:
        rest = frag[1:]
    if rest[:1] in ("?", "*", "{"):
        return None
    return {c}


def _first_chars_rx(words: list[str]) -> re.Pattern | None:
    """A one-class regex of the characters every match of a special entry starts with: only
    the positions it finds are tried, instead of the whole entry at every position (its
    lookbehind keeps the regex engine from skipping ahead). Case-insensitive like the entry."""
    chars: set[str] = set()
    for w in words:
        first = _first_char(w)
        if first is None:
            return None
        chars |= first
    if not chars:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)


def _next_letters(words: list[str]) -> frozenset | None:
    """Lower-case first letters of the second word of multi-word entries; None when one of
    them cannot be told (a class, a wildcard, a group)."""
    out: set[str] = set()
    for w in words:
        rest = normalise(w).split(" ", 1)[1].lstrip(" ")
        keys = prefixes(rest, 1)
        if keys is None:
            return None
        out |= {lower_same_length(k) for k in keys}
    return frozenset(out)


@lru_cache(maxsize=None)
def get_lexicon(lang: str | None) -> Lexicon:
    """The indexed lexicon of a language (English when the language is unknown)."""
    lang = (lang or DEFAULT_LANG).lower()[:2]
    if lang not in LANGS:
        lang = DEFAULT_LANG
    with (DATA / f"{lang}.toml").open("rb") as fh:
        return _build(lang, tomllib.load(fh))


# -- places: capitals and cities that stand for their country ---------------------------------

PLACE_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*")
# A capitalised token; after an elided article too ("d'Almaty", "l'Ituri").
CAP_TOKEN = re.compile(r"(?<![\w-])[^\W\d_a-zà-ÿа-я]\w*(?:[-'’]\w+)*")
MAX_PLACE_TOKENS = 5


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    start: int
    end: int
    code: str   # ISO3 of the country the place is in
    form: str   # 'capital' | 'place'
    text: str


@lru_cache(maxsize=1)
def _places() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First token -> [(tokens, iso3, kind)], longest first."""
    import csv

    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
    with (DATA / "places.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            for v in row["names"].split(";"):
                for name in expand(v.strip()):
                    toks = tuple(PLACE_TOKEN.findall(normalise(name)))
                    if toks:
                        table[toks[0]].append((toks, row["iso3"], row["kind"]))
    for k in table:
        table[k].sort(key=lambda x: -len(x[0]))
    return dict(table)


def find_places(text: str) -> list[PlaceSpan]:
    """Capitals and cities of data/places.csv named in a (normalised) text, with a capital initial.
    Only capitalised words can start a name, so only they are looked up."""
    table = _places()
    out: list[PlaceSpan] = []
    pos = 0
    while m := CAP_TOKEN.search(text, pos):
        pos = m.end()
        cands = table.get(m.group())
        if not cands:
            continue
        for names, code, kind in cands:
            end, ok = m.end(), True
            for name in names[1:]:
                if text[end:end + 1] != " ":
                    ok = False
                    break
                nxt = PLACE_TOKEN.match(text, end + 1)
                if nxt is None or nxt.group() != name:
                    ok = False
                    break
                end = nxt.end()
            if ok:
                out.append(PlaceSpan(m.start(), end, code, kind, text[m.start():end]))
                pos = end
                break
    return out
