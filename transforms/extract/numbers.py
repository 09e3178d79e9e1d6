"""Number reader: every count expression in a text, written as CODING.md section 2 wants.

A count is digits ("3 811", "2,030", "1,5 million", "10 тысяч"), number words ("deux mille six
cents", "двести"), a collective noun ("une centaine", "a dozen") or a vague plural ("des dizaines",
"десятки тысяч"), with the qualifier standing before it ("au moins", "up to", "около") or a range
("entre 100 et 200", "от 100 до 150"). Money, percentages, dates, times, ordinals and figures glued
to letters ("Il-76", "COVID-19") are skipped. Every word list lives in data/numbers_<lang>.toml;
one alternation regex per language is built from it on first use.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

DATA = Path(__file__).parent / "data"
LANGS = ("fr", "en", "es", "ru")
HS = r"[^\S\n]"                 # one horizontal space, no-break spaces included, never a line break
SP, OSP = HS + "+", HS + "*"
WINDOW = 60                      # characters looked at before a qualifier or range for a verb of change
_CHAR = {" ": SP, "'": "['’]", "-": "[-‐‑]", "е": "[её]", ".": r"\."}
_QUALS = ("at_least", "at_most", "approx")


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int            # first char of the figure itself (digits / number word / collective), not the qualifier
    end: int              # just after the figure (for a range: after its second figure)
    low: int | None
    best: int | None
    high: int | None
    qualifier: str        # exact / at_least / at_most / approx / range / vague
    q_start: int          # start of the whole expression, qualifier words included
    text: str             # the whole expression
    is_word: bool         # written in words (treize, a dozen, десятки)
    is_year_like: bool    # 4 digits 1900-2100 without separator: the caller judges


@dataclass(slots=True)
class _Fig:
    """A figure being read: its value, extent and make-up."""
    start: int
    end: int
    value: float
    kind: str             # num | coll | vague
    is_word: bool
    unit: int = 0         # scale or collective it ends with, for "et demi" and "2 to 3 million"
    year_like: bool = False
    noun: str = ""        # key of a lone vague noun, for ru "около тысячи"


def _key(s: str, fold: bool = True) -> str:
    """Canonical lexicon key: one space, plain apostrophe and hyphen, е for ё, lower case."""
    s = s.replace("’", "'").replace("‑", "-").replace("‐", "-")
    s = " ".join(s.split())
    return s.lower().replace("ё", "е") if fold else s


def _alt(phrases, fold: bool = True) -> str:
    """Prefix-factored alternation (a trie) of phrases, longest first, so big patterns stay fast."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in _key(p, fold):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        subs = [(_CHAR.get(ch) or re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not subs:
            return ""
        body = subs[0] if len(subs) == 1 else "(?:" + "|".join(subs) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + _first_test(trie) + emit(trie) + ")" if trie else "(?!)"


def _first_test(trie: dict) -> str:
    """Lookahead on the first characters of a trie's phrases. The engine enters a trie's branches one by
    one (with IGNORECASE it cannot skip a branch by its first letter), so this one-step test makes the
    usual case, a position no phrase starts at, cheap. Empty when it could not reject anything."""
    firsts = [_CHAR.get(ch) or re.escape(ch) for ch in sorted(trie) if ch]
    return "" if len(firsts) < 2 or "" in trie else "(?=" + "|".join(firsts) + ")"


def _by_value(table: dict) -> dict[str, float]:
    """{"12": ["douze"]} -> {"douze": 12}."""
    return {_key(f): float(v) for v, forms in table.items() if v.isdigit() for f in forms}


def _guard(words) -> str:
    """Cheap check on a word's first letter before trying a long alternation at each position."""
    return rf"(?<!\w)(?=[{re.escape(''.join({_key(w)[0] for w in words} | {'ё'}))}])"


def _tail_re(words) -> str:
    """Words ending a search window, i.e. standing right before a figure."""
    return rf"{_guard(words)}{_alt(words)}{OSP}\Z"


@lru_cache(maxsize=None)
def _lang(lang: str) -> SimpleNamespace:
    """Compiled patterns and lookup tables of one language, built once from its TOML files."""
    if lang not in LANGS:
        raise ValueError(f"no number lexicon for language {lang!r}")
    shared = tomllib.loads((DATA / "numbers.toml").read_text("utf-8"))
    d = tomllib.loads((DATA / f"numbers_{lang}.toml").read_text("utf-8"))
    art, coll, vag, rng, flt = d["articles"], d["collectives"], d["vague"], d["ranges"], d["filters"]
    L = SimpleNamespace(decimal=d["decimal_mark"], teen=set(d["teen_after"]))
    lex: dict[str, tuple[str, float]] = {}      # word -> (kind, value); later kinds win
    for f in art["connectors"]:
        lex[_key(f)] = ("conn", 0)
    for f in art["lead"] + art["inner"]:
        lex[_key(f)] = ("art", 1)
    for kind, table in (("frac", art["fractions"]), ("scale", _by_value(d["scales"])),
                        ("mult", _by_value(d["multipliers"])), ("num", _by_value(d["words"]))):
        lex.update({_key(f): (kind, float(v)) for f, v in table.items()})
    L.lex = lex
    words = [f for f, (k, _) in lex.items() if k in ("num", "mult", "scale", "frac")]
    bigs = [f for f, (k, _) in lex.items() if k in ("mult", "scale")]
    L.scales = {**_by_value(d["scales"]), **_by_value(d["scale_abbrev"])}
    L.coll = _by_value(coll)
    L.coll_alone = {_key(k): v for k, v in coll["no_article"].items()}
    L.vague = {_key(k): v for k, v in {**vag["nouns"], **vag["after_determiner"]}.items()}
    L.qsing = {_key(k): v for k, v in vag["qualified_singular"].items()}

    # the big scanning pattern: skipped dates, times and phrases, vague plurals, collectives, digits, word runs
    w, cart, conn = _alt(words), _alt(art["inner"]), _alt(art["connectors"])
    lead = rf"{_alt(art['lead'])}{SP}{_alt(bigs)}(?!\w)"        # "un million", "a hundred"
    join = rf"(?:{SP}{conn}(?:{SP}|[-‑])|[-‑]{conn}[-‑]|[-‑]|{SP})"
    run = rf"(?<!\w)(?:{lead}|{w}(?!\w))(?:{join}(?:{w}|{cart})(?!\w))*"
    glued = _alt(shared["glued_count_suffixes"])
    L.glued = re.compile(rf"[-‑](?!{glued}(?!\w))[^\W\d_]", re.I)      # "five-year-old", "two-thirds"
    dig = (r"(?<![\w.,/])(?<![^\W\d_][-‑])"                             # not "Il-76", "COVID-19", "M23"
           r"(?:\d{1,3}(?:(?P<sep>[ \u00a0\u202f,.'’])\d{3})(?:(?P=sep)\d{3})*(?!\d)|\d+)(?:[.,]\d+)?"
           rf"(?![^\W_]|[.,]\d|/|[-‑](?!{glued}(?!\w))[^\W\d_])")             # not "1st", "3-й", "25-year-old"
    mon = _alt(flt["months"], fold=not flt["months_case_sensitive"])
    mon = f"(?-i:{mon})" if flt["months_case_sensitive"] else mon
    dlink, year = _alt(flt["date_links"]), r"(?:19|20)\d{2}(?!\d)"
    skips = [rf"(?<![\w.,])\d{{1,2}}(?:er|st|nd|rd|th|º|°)?{SP}(?:{dlink}{SP})?{mon}(?!\w)"
             rf"(?:,?{SP}(?:{dlink}{SP})?{year})?",
             rf"(?<!\w){mon}(?:{SP}{dlink})?{SP}{year}",
             r"(?<![\w.,])\d{1,4}(?P<dsep>[./-])\d{1,2}(?P=dsep)\d{1,4}(?![\w.])",
             r"(?<![\w.,])\d{1,2}(?::\d{2}){1,2}(?!\d)",
             rf"(?<![\w.,])\d{{1,2}}{OSP}[hH](?:{OSP}\d{{2}})?(?!\w)",
             rf"(?:n°|nº|№|no\.){OSP}\d+",
             rf"(?<!\w){_alt(flt['skip'])}(?!\w)"]
    if flt["month_day"]:
        skips.insert(0, rf"(?<!\w){mon}{SP}\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,?{SP}{year})?")
    det, noun = _alt(vag["determiners"]), _alt(vag["nouns"])
    sg, link = _alt(vag["after_determiner"]), _alt(vag["links"])
    vague = (rf"(?<!\w)(?:{det}{SP}(?:{noun}|{sg})|{noun})(?!\w)"
             rf"(?:{SP}(?:{link}{SP})?(?:{noun}|{sg})(?!\w))?")
    cnoun = _alt(L.coll)
    with_article = rf"{_alt(coll['article'])}{SP}{cnoun}" if coll["article"] else cnoun    # ru: no article
    collective = rf"(?<!\w)(?:{_alt(L.coll_alone)}|{with_article})(?!\w)"
    starts = words + art["lead"] + art["inner"] + vag["determiners"] + list(vag["nouns"]) + list(L.coll) \
        + list(L.coll_alone) + coll["article"] + flt["months"] + flt["skip"] + ["n°", "nº", "no.", "№"]
    # every branch starts with a digit or a whole phrase of starts: testing whole phrases (not first letters)
    # rejects most word starts before the branches are tried one by one
    guard = _alt({_key(p) for p in starts})
    L.atom = re.compile(rf"(?<!\w)(?=\d|{guard})(?:(?P<skip>{'|'.join(skips)})|(?P<vague>{vague})"
                        rf"|(?P<coll>{collective})|(?P<dig>{dig})|(?P<run>{run}))", re.I)
    L.token = re.compile(rf"(?<!\w)(?:{w}|{cart}|{conn}|{_alt(art['lead'])})(?!\w)", re.I)
    L.noun = re.compile(rf"(?<!\w)(?:{noun}|{sg})(?!\w)", re.I)
    L.cnoun = re.compile(rf"(?<!\w){cnoun}(?!\w)", re.I)

    # what may follow a figure
    L.scale_after = re.compile(rf"{OSP}({_alt(L.scales)})(?!\w)", re.I)
    L.coll_after = re.compile(rf"{SP}({cnoun})(?!\w)", re.I)
    L.half_after = re.compile(rf"{SP}{_alt(art['half'])}(?!\w)", re.I)
    pq = d["post_qualifiers"]
    block = _alt(pq["post_block"])
    L.post = re.compile(rf"(?:{OSP}|[-‑])(?:" + "|".join(f"(?P<{q}>{_alt(pq[q])})" for q in _QUALS)
                        + rf")(?!\w)(?!{OSP}(?:\d|{block}(?!\w)))|(?P<plus>\+)(?!\d)", re.I)
    L.range_conn = re.compile(rf"(?P<dash>[-‑]|{OSP}–{OSP})|{SP}(?:(?P<and>{_alt(rng['and'])})|"
                              rf"(?P<to>{_alt(rng['to'])})|(?P<or>{_alt(rng['or'])})){SP}", re.I)
    L.bare_to = rng["bare_to"]
    cur = shared["currency_symbols"]
    money = _alt(flt["money"] + shared["currency_codes"])
    L.no_count_after = re.compile(rf"{OSP}(?:%|{_alt(cur)}|{_alt(flt['percent'])}(?!\w)"     # "40 %", "5 $"
                                  rf"|(?:{_alt(flt['money_links'])}{OSP})?{money}(?!\w))", re.I)

    # what may stand before a figure (searched in a window ending at the figure)
    quals = sum(d["qualifiers"].values(), [])
    L.qual = re.compile(_guard(quals) + "(?:" + "|".join(f"(?P<{q}>{_alt(d['qualifiers'][q])})" for q in _QUALS)
                        + rf"){OSP}\Z", re.I)
    L.qual_window = max(map(len, quals)) + 4                    # short windows keep these searches fast
    L.cue_window = max(map(len, rng["between"] + rng["from"] + rng["change_from"])) + 4
    L.between = re.compile(_tail_re(rng["between"]), re.I)
    L.from_ = re.compile(_tail_re(rng["from"]), re.I)
    L.change = re.compile(_tail_re(rng["change_from"]), re.I)
    verbs = rng["rise_verbs"]                                   # then up to three words, same clause
    L.rise = re.compile(rf"{_guard(verbs)}(?:{'|'.join(verbs)})[\w'’-]*(?:{SP}[^\s.;!?]+){{0,3}}{OSP}\Z", re.I)
    L.money_before = re.compile(rf"(?:{_alt(cur)}|(?<!\w){money}){OSP}\Z", re.I)
    return L


def find_numbers(text: str, lang: str) -> list[NumberSpan]:
    """Every count expression of text, in order, non-overlapping."""
    L = _lang(lang)
    out: list[NumberSpan] = []
    pos, exact_at = 0, -1
    while m := L.atom.search(text, pos):
        pos = m.end()
        if m.group("skip") is not None or (a := _read(text, m, L)) is None:
            continue
        span, pos, exact_at = _expression(text, a, L, exact_at)
        if span:
            out.append(span)
    return out


def _read(text: str, m: re.Match, L) -> _Fig | None:
    """The figure an atom match starts, with its scale, collective and "et demi" tails."""
    s, t = m.start(), m.group()
    if m.group("vague") is not None:
        nouns = [_key(x.group()) for x in L.noun.finditer(t)]
        vals = [L.vague[n] for n in nouns]
        value = vals[0][0] if len(vals) == 1 else vals[0][1] * vals[1][1]
        return _Fig(s, m.end(), value, "vague", True, noun=_key(t))
    if m.group("coll") is not None:
        value = L.coll_alone.get(_key(t)) or L.coll[_key(L.cnoun.search(t).group())]
        return _tail(text, _Fig(s, m.end(), value, "coll", True, unit=int(value)), L)
    if m.group("dig") is not None:
        sep, sc = m.group("sep"), L.scale_after.match(text, m.end())
        if sep and sep == L.decimal and t.count(sep) == 1 and sc:
            value = float(t.replace(sep, "."))                       # "1,5 millions", "4,5 тысячи"
        else:
            plain = t.replace(sep, "") if sep else t
            value = float(plain.replace(",", ".")) if "." in plain or "," in plain else int(plain)
        if isinstance(value, float) and not sc:
            return None                                              # "1.5 km", "20.00 horas": no count
        f = _Fig(s, m.end(), value, "num", False,
                 year_like=not sep and len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100)
        if sc:
            f.unit = int(L.scales[_key(sc.group(1))])
            f.value, f.end, f.year_like = f.value * f.unit, sc.end(), False
        return _tail(text, f, L)
    toks = [(L.lex[_key(x.group())], x.end()) for x in L.token.finditer(text, s, m.end())]
    parsed = _parse(toks, L)
    if parsed is None or (L.glued.match(text, parsed[1]) and not L.token.match(text, parsed[1] + 1)):
        return None                                           # "five-year-old", but "двух-трёх" is a range
    return _tail(text, _Fig(s, parsed[1], parsed[0], "num", True, unit=parsed[2]), L)


def _parse(toks, L) -> tuple[float, int, int] | None:
    """(value, end, unit) of the longest well-formed number at the head of a word run."""
    total = cur = last = big = unit = 0
    best = None
    for (kind, v), end in toks:
        if kind == "conn":
            if not (cur or total):
                break
            continue
        if kind in ("num", "art"):
            if cur and not ((last >= 100 and v < 100) or (20 <= last < 100 and v < 10)
                            or (last in L.teen and 10 <= v < 20)):
                break                                  # "three four", "vingt cent": two numbers
            cur, last, unit = cur + v, v, 0
        elif kind == "mult":                           # "deux cents", "two hundred"
            if cur >= 10 or cur != int(cur):
                break
            cur = (cur or 1) * v
            last = unit = v
        elif kind == "scale":
            if big and v >= big:                        # "mil millones"
                if cur:
                    break
                total *= v
            else:
                total += (cur or 1) * v
            cur, big, last, unit = 0, v, v, v
        else:                                          # fraction: "полторы тысячи", "half a million"
            if cur or total:
                break
            cur = last = v
        best = (total + cur, end, int(unit))
    return best


def _tail(text: str, f: _Fig, L) -> _Fig | None:
    """Extend a figure with a collective ("deux centaines") or a half ("un millier et demi")."""
    if not f.unit and (c := L.coll_after.match(text, f.end)):
        f.unit = int(L.coll[_key(c.group(1))])
        f.value, f.end, f.kind, f.year_like = f.value * f.unit, c.end(), "coll", False
    if f.unit and (h := L.half_after.match(text, f.end)):
        f.value, f.end = f.value + f.unit / 2, h.end()
    elif (h := L.half_after.match(text, f.end)) and (sc := L.scale_after.match(text, h.end())):
        f.unit = int(L.scales[_key(sc.group(1))])             # "two and a half million", "два с половиной млн"
        f.value, f.end, f.year_like = (f.value + 0.5) * f.unit, sc.end(), False
    return f if f.value == int(f.value) else None       # "полтора" alone, "1,25 millier"


def _expression(text: str, a: _Fig, L, exact_at: int) -> tuple[NumberSpan | None, int, int]:
    """The span of a figure with its qualifier or range partner; (span, next position, exact_at)."""
    lo = max(0, a.start - L.qual_window)
    q_start, end, expr_end, qual, b = a.start, a.end, a.end, None, None
    if a.kind == "vague":
        q = L.qual.search(text, lo, a.start) if a.noun in L.qsing else None
        if q is None:
            return _span(text, a, a.start, a.end, a.value, a.value, None, "vague", L), a.end, exact_at
        a.kind, a.value = "coll", L.qsing[a.noun]                 # ru "около тысячи": one thousand
    if a.kind == "num":
        b, cue, change = _range(text, a, L)
        if change:
            exact_at = b.start                                    # "с 12 до 16", "rose from 30 to 40"
            b = None
        elif b:
            q_start, end = cue, b.end
            return (_span(text, a, q_start, end, a.value, a.value, b.value, "range", L, b), end, exact_at)
    if a.start != exact_at and (q := L.qual.search(text, lo, a.start)):
        qual, q_start = q.lastgroup, q.start()
        if qual == "at_most" and L.rise.search(text, max(0, q_start - WINDOW), q_start):
            qual, q_start = None, a.start                         # "возросло до 16": a new total
    if qual is None and a.kind == "num" and (p := L.post.match(text, a.end)):
        qual, expr_end = ("at_least" if p.lastgroup == "plus" else p.lastgroup), p.end()
    qual = qual or ("exact" if a.kind == "num" else "approx")
    low, high = {"exact": (a.value, a.value), "at_least": (a.value, None),
                 "at_most": (None, a.value), "approx": (None, None)}[qual]
    return _span(text, a, q_start, expr_end, low, a.value, high, qual, L), expr_end, exact_at


def _range(text: str, a: _Fig, L) -> tuple[_Fig | None, int, bool]:
    """(second figure, expression start, is_change) of "A-B", "between A and B", "from A to B", "A or B"."""
    c = L.range_conn.match(text, a.end)
    m = L.atom.match(text, c.end()) if c else None
    if not m or m.group("skip") is not None or (b := _read(text, m, L)) is None or b.kind != "num":
        return None, 0, False
    how, cue, lo = c.lastgroup, None, max(0, a.start - L.cue_window)
    if how == "dash":                                          # "100-200", "двух-трёх", not "deux – trois"
        ok = not (a.is_word or b.is_word) or c.group() in "-‑"
    elif how == "and":
        ok = bool(cue := L.between.search(text, lo, a.start))
    elif how == "to":
        if L.change.search(text, lo, a.start):
            return b, 0, True
        cue = L.from_.search(text, lo, a.start)
        if cue and L.rise.search(text, max(0, cue.start() - WINDOW), cue.start()):
            return b, 0, True
        ok = bool(cue) or L.bare_to
    else:
        ok = True
    av = a.value
    if b.unit >= 1000 and not a.unit and av < b.unit and av * b.unit <= b.value:
        av *= b.unit                                               # "between 2 and 3 million"
    elif not (a.is_word or a.unit or text[b.start:b.end].isdigit()) and av < 1000 and av * 1000 <= b.value:
        av *= 1000                                                 # "de 3 à 4 000": thousands elided
    if not ok or b.value <= av:
        return None, 0, False
    a.value = av
    return b, cue.start() if cue else a.start, False


def _span(text, a: _Fig, q_start, end, low, best, high, qual, L, b: _Fig | None = None) -> NumberSpan | None:
    """The NumberSpan, or None when the figure is money or a percentage."""
    last = b or a
    if (L.no_count_after.match(text, last.end)
            or L.money_before.search(text, max(0, a.start - 8), a.start)):
        return None
    as_int = (lambda v: None if v is None else int(v))
    return NumberSpan(a.start, last.end, as_int(low), as_int(best), as_int(high), qual, q_start,
                      text[q_start:end], a.is_word or last.is_word, a.year_like or last.year_like)
