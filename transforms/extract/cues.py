"""Cue plumbing of the linker: one sentence's cues, numbers and actors, and distances in words.

Shared by link.py (casualties) and forces.py (troops and deployments).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from transforms.extract.lexicon import Lexicon, get_lexicon, normalise

WORD = re.compile(r"\w+")
# Punctuation that ends the noun group of a number (quotes, hyphens and apostrophes do not).
NP_STOP = re.compile(r"[,;:()\[\].!?]")
STRONG_STOP = re.compile(r"[;]")
PAREN = re.compile(r"\([^()]{0,80}\)")
# What may separate members of a list of numbers: "100 and 200", "150, 200 et 50".
LIST_SEP = re.compile(r"^[\s,]*(?:(?:and|or|et|ou|y|e|o|и|или|а также)\b)?[\s,]*$", re.IGNORECASE)
# What may separate members of a list of actors: "Armenia, Kyrgyzstan and Tajikistan".
ACTOR_SEP = re.compile(
    r"^[\s,]*(?:(?:and|et|y|e|и|as well as|ainsi que|así como|а также)\b)?[\s,]*"
    r"(?:(?:the|le|la|les|l'|el|los|las)\s*)?$",
    re.IGNORECASE,
)
# "Tajikistan, 200": an actor, a separator, then a bare number.
PLACE_FORMS = ("name", "capital", "place")
# Russian gapping: "…, а в первый день — о 24", "в Киргизии — около 500".
DASH_GAP = re.compile(r"[—–]\s*(?:\w{1,2}\s+)?$")
GLUED_FORCE = re.compile(r"-(?:strong|member|man)\b", re.IGNORECASE)
PAIR_SEP = re.compile(r"^\s*[,:—–-]\s*$")
POSSESSIVE = re.compile(r"^['’]s\b")
# "Khabar 24", "France 24": a capitalised name glued to a figure by one space.
NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-ÝА-ЯЁ][\w-]*[a-zà-ÿа-яё0-9] $")
CONJ = re.compile(r"\b(?:and|et|y|e|и|as well as|ainsi que|así como|а также)\b", re.IGNORECASE)
CONTINGENT = re.compile(r"conting|контингент|renfort|reinforc|refuerz", re.IGNORECASE)
GLUE_AFTER = re.compile(r"^-(?:led|backed|based|brokered|born|allied|aligned|controlled)\b", re.IGNORECASE)

# After a comma of a list of names: spaces, a conjunction, an article, then the next name.
LIST_NEXT = re.compile(r"\s*(?:(?:and|et|y|e|и|or|ou|o)\s+)?(?:(?:the|le|la|les|l'|el|los|las)\s*)?", re.IGNORECASE)

MAX_HEAD_UNKNOWN = 2
MAX_HEAD_WORDS = 6
A_REACH = 6          # words between a number's noun group and an outcome word after it
B_REACH = 5          # words between a governing word and the number after it
TOLL_REACH = 18      # a toll noun reaches a number introduced by a toll verb
SUBSET_REACH = 4     # words between "dont"/"including" and the number


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    value: str = ""


@dataclass(slots=True)
class Num:
    """One number of the sentence and what was learnt about it."""

    span: object
    start: int
    end: int
    q_start: int
    head: str | None = None        # group | troop | people | outcome | distractor | None
    head_group: str | None = None
    head_troop: bool = False
    head_end: int = -1
    head_outcome: str | None = None
    head_outcome_next: str | None = None
    others: bool = False
    partitive: bool = False
    copula: bool = False  # its noun follows a copula ("9 were children")
    unknown_head: bool = False
    np_actors: list = field(default_factory=list)
    chain: int = -1
    subset: bool = False
    outcome: str | None = None
    outcome_kind: str | None = None  # own | after | before | inherit
    group: str | None = None
    troop: bool = False
    is_total: bool = False
    exceeded: bool = False  # after 'passed', 'a dépassé', 'superó', 'превысило': at least
    drop: bool = False


@dataclass(slots=True)
class Actor:
    start: int
    end: int
    code: str
    form: str
    text: str


@dataclass
class SentenceFacts:
    casualties: list = field(default_factory=list)   # dicts
    troops: list = field(default_factory=list)       # dicts
    deployments: list = field(default_factory=list)  # dicts


def _drop_contained(cues: list[Cue]) -> list[Cue]:
    """Matches of several labels: one inside a longer one is dropped.

    In (start, longest first) order every kept cue starts at or before the current one, so it
    lies inside a longer kept cue exactly when a kept cue ends after it, or ends with it but
    starts before it: the furthest kept end (and the first start reaching it) tell, in one pass."""
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    far_end, far_start = -1, -1  # furthest end of a kept cue, earliest start of one ending there
    for c in cues:
        if c.end < far_end or (c.end == far_end and far_start < c.start):
            continue
        kept.append(c)
        if c.end > far_end:
            far_end, far_start = c.end, c.start
    return kept


class Analysis:
    """All cues of one sentence, with helpers to measure distances in words."""

    # cue categories are read as attributes c_<category> (a tuple of Cue, empty when none),
    # built on first use: most sentences never ask for most categories
    _LABELLED = frozenset(("after", "before", "group", "deploy"))
    _BY_START = ("c_after", "c_group", "c_others", "c_troop", "c_people", "c_unit", "c_sub_after",
                 "c_partitive", "c_dist_after", "c_months", "c_aux", "c_function", "c_clause",
                 "c_crowd", "c_before", "c_deploy", "c_origin")

    def __init__(self, text: str, lang: str, numbers: list, actors: list, cues=None,
                 normalised: bool = False):
        self.text = text if normalised else normalise(text)
        self.lang = lang
        self.lx: Lexicon = get_lexicon(lang)
        words = getattr(cues, "words", None)
        if words is not None:
            self.wstarts, self.wends = words()  # cut out of the article's word list
        else:
            self.wstarts = []
            self.wends = []
            for m in WORD.finditer(self.text):
                self.wstarts.append(m.start())
                self.wends.append(m.end())
        self.numbers = numbers
        self.actors = actors
        self.num_starts: list[int] = []
        self.heavy_prefix: list[int] | None = None
        self.last_org: str | None = None
        if cues is None:
            cues = self.lx.scan(self.text)
        self._src = cues
        self._cue_objs = getattr(cues, "cue_objs", None)
        attrs = getattr(cues, "attrs", None)
        if attrs is not None:
            # every c_<category> set at once: reading one is then a plain attribute lookup
            self.__dict__.update(attrs())

    def __getattr__(self, name: str):
        if name.startswith("c_"):
            cat = name[2:]
            cue_objs = self._cue_objs
            if cue_objs is not None:
                lst = cue_objs(cat)
            else:
                lst = [Cue(s, e, lab) for s, e, lab in self._src.get(cat) or ()]
            if len(lst) > 1 and cat in self._LABELLED:
                lst = _drop_contained(lst)
            val = tuple(lst)
            setattr(self, name, val)
            return val
        if name == "by_start":
            view = getattr(self._src, "by_start", None)
            if view is not None:
                self.by_start = view()
                return self.by_start
            by_start: dict[int, list[tuple[str, Cue]]] = {}
            for attr in self._BY_START:
                for c in getattr(self, attr):
                    by_start.setdefault(c.start, []).append((attr, c))
            self.by_start = by_start
            return by_start
        raise AttributeError(name)

    def prepare_light(self) -> None:
        """Mark words that do not count in distances: inside actor names, brackets, function words."""
        light = [False] * len(self.wstarts)
        spans = [(a.start, a.end) for a in self.actors]
        spans += [(c.start, c.end) for c in self.c_function + self.c_aux]
        spans += [(m.start(), m.end()) for m in PAREN.finditer(self.text)]
        for s0, e0 in spans:
            i = bisect_left(self.wstarts, s0)
            while i < len(self.wstarts) and self.wstarts[i] < e0:
                light[i] = True
                i += 1
        self.heavy_prefix = [0]
        for flag in light:
            self.heavy_prefix.append(self.heavy_prefix[-1] + (0 if flag else 1))

    def relative_spans(self) -> list[tuple[int, int]]:
        """', qui regroupe la Russie, ... ,', ', которая имеет базу в Таджикистане,': a relative clause
        or apposition opened by a comma and a relative word and closed by a comma."""
        spans = self.__dict__.get("_rel")
        if spans is None:
            spans = []
            for c in self.c_relative:
                before = self.text[max(0, c.start - 3):c.start]
                if "," not in before:
                    continue
                close = self._clause_comma(c.end)
                semi = self.text.find(";", c.end)
                if close < 0 or (0 <= semi < close):
                    continue
                spans.append((c.start, close))
            self._rel = spans
        return spans

    def _clause_comma(self, pos: int) -> int:
        """The comma that closes a clause opened at pos: commas of a list of names are skipped."""
        starts = {a.start for a in self.actors}
        while True:
            close = self.text.find(",", pos)
            if close < 0:
                return -1
            rest = self.text[close + 1:]
            m = LIST_NEXT.match(rest)
            if m and close + 1 + m.end() in starts:
                pos = close + 1
                continue
            return close

    def rel_words(self, a: int, b: int) -> int:
        """Words of text[a:b] that lie inside a relative clause."""
        return sum(self.words_between(max(a, s), min(b, e)) for s, e in self.relative_spans() if s < b and e > a)

    def in_relative(self, pos: int) -> tuple[int, int] | None:
        for s, e in self.relative_spans():
            if s <= pos < e:
                return s, e
        return None

    def eff_between(self, a: int, b: int) -> int:
        """Content words that start in text[a:b] (names, brackets and function words skipped)."""
        if b <= a:
            return 0
        if self.heavy_prefix is None:
            self.prepare_light()
        return self.heavy_prefix[bisect_left(self.wstarts, b)] - self.heavy_prefix[bisect_left(self.wstarts, a)]

    def words_between(self, a: int, b: int) -> int:
        """Number of words that start in text[a:b]."""
        if b <= a:
            return 0
        return bisect_left(self.wstarts, b) - bisect_left(self.wstarts, a)

    def barrier(self, a: int, b: int, soft: bool = False) -> bool:
        """A clause boundary between a and b (';' or a clause word; ',' too when soft)."""
        if a > b:
            a, b = b, a
        seg = self.text[a:b]
        if STRONG_STOP.search(seg):
            return True
        if soft and "," in seg:
            return True
        return any(a <= c.start < b for c in self.c_clause)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the clause around pos (';' and clause words cut)."""
        cuts = self.__dict__.get("_cuts")
        if cuts is None:  # the cuts of the sentence, worked out on the first call
            cuts = [0, len(self.text)]
            for m in STRONG_STOP.finditer(self.text):
                cuts.append(m.end())
            for c in self.c_clause:
                cuts.append(c.start)
            cuts.sort()
            self._cuts = cuts
        i = bisect_left(cuts, pos + 1) - 1
        lo = cuts[max(i, 0)]
        hi = cuts[i + 1] if i + 1 < len(cuts) else len(self.text)
        return lo, hi


    def next_word(self, pos: int) -> tuple[int, int] | None:
        i = bisect_left(self.wstarts, pos)
        if i < len(self.wstarts):
            return self.wstarts[i], self.wends[i]
        return None

    def number_at(self, a: int, b: int, nums: list[Num], exclude=()) -> bool:
        return any(a <= n.start < b and n not in exclude and not n.drop for n in nums)

def _dash_gap(an: Analysis, n: Num) -> bool:
    """'о 46 погибших, а в первый день — о 24': a dash stands for the words of the list before."""
    return bool(DASH_GAP.search(an.text[max(0, n.q_start - 12):n.q_start]))
