"""Number <-> meaning: one sentence's numbers linked to outcomes, victims, troops and actors.

Rules are positional and lexical (data/{lang}.toml): a number takes the outcome word that
follows its noun group ("13 tués", "were killed") or the verb/noun that governs it ("killed
12", "toll of 40"); its victim group is the head noun after it; troops, their actor (adjective,
demonym, name, organisation) and the receiving country come from the same clause.
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
    unknown_head: bool = False
    np_actors: list = field(default_factory=list)
    chain: int = -1
    subset: bool = False
    outcome: str | None = None
    outcome_kind: str | None = None  # own | after | before | inherit
    group: str | None = None
    troop: bool = False
    is_total: bool = False
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
    """Matches of several labels: one inside a longer one is dropped."""
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for c in cues:
        if any(k.start <= c.start and c.end <= k.end and (k.end - k.start) > (c.end - c.start) for k in kept):
            continue
        kept.append(c)
    return kept


class Analysis:
    """All cues of one sentence, with helpers to measure distances in words."""

    # cue categories, read as attributes c_<category> (empty unless the sentence has some)
    c_after: tuple = ()
    c_before: tuple = ()
    c_toll: tuple = ()
    c_toll_verb: tuple = ()
    c_group: tuple = ()
    c_others: tuple = ()
    c_troop: tuple = ()
    c_people: tuple = ()
    c_unit: tuple = ()
    c_size: tuple = ()
    c_deploy: tuple = ()
    c_presence: tuple = ()
    c_strong: tuple = ()
    c_host: tuple = ()
    c_each: tuple = ()
    c_resp: tuple = ()
    c_sub_before: tuple = ()
    c_sub_after: tuple = ()
    c_partitive: tuple = ()
    c_total: tuple = ()
    c_dist_after: tuple = ()
    c_dist_before: tuple = ()
    c_months: tuple = ()
    c_crowd: tuple = ()
    c_aux: tuple = ()
    c_function: tuple = ()
    c_clause: tuple = ()
    c_locative: tuple = ()
    c_origin: tuple = ()
    c_institution: tuple = ()
    c_anaphora: tuple = ()
    c_ignore_before: tuple = ()
    c_state: tuple = ()
    c_modal: tuple = ()
    c_possessive: tuple = ()
    c_toll_ref: tuple = ()
    c_police: tuple = ()
    _LABELLED = frozenset(("after", "before", "group", "deploy"))
    _BY_START = ("c_after", "c_group", "c_others", "c_troop", "c_people", "c_unit", "c_sub_after",
                 "c_partitive", "c_dist_after", "c_months", "c_aux", "c_function", "c_clause",
                 "c_crowd", "c_before", "c_deploy", "c_origin")

    def __init__(self, text: str, lang: str, numbers: list, actors: list, cues: dict | None = None,
                 normalised: bool = False):
        self.text = text if normalised else normalise(text)
        self.lang = lang
        self.lx: Lexicon = get_lexicon(lang)
        self.wstarts = []
        self.wends = []
        for m in WORD.finditer(self.text):
            self.wstarts.append(m.start())
            self.wends.append(m.end())
        self.numbers = numbers
        self.actors = actors
        self.num_starts: list[int] = []
        self.heavy_prefix: list[int] | None = None
        if cues is None:
            cues = self.lx.scan(self.text)
        for cat, found in cues.items():
            lst = [Cue(s, e, lab) for s, e, lab in found]
            if cat in self._LABELLED:
                lst = _drop_contained(lst)
            setattr(self, "c_" + cat, tuple(lst))

    def __getattr__(self, name: str):
        if name == "by_start":
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
        cuts = [0, len(self.text)]
        for m in STRONG_STOP.finditer(self.text):
            cuts.append(m.end())
        for c in self.c_clause:
            cuts.append(c.start)
        cuts.sort()
        i = bisect_left(cuts, pos + 1) - 1
        lo = cuts[max(i, 0)]
        hi = cuts[i + 1] if i + 1 < len(cuts) else len(self.text)
        return lo, hi

    def in_any(self, cues: list[Cue], a: int, b: int) -> list[Cue]:
        return [c for c in cues if a <= c.start and c.end <= b]

    def next_word(self, pos: int) -> tuple[int, int] | None:
        i = bisect_left(self.wstarts, pos)
        if i < len(self.wstarts):
            return self.wstarts[i], self.wends[i]
        return None

    def number_at(self, a: int, b: int, nums: list[Num], exclude=()) -> bool:
        return any(a <= n.start < b and n not in exclude and not n.drop for n in nums)


# -- number noun groups -------------------------------------------------------------------

def _first_content(an: Analysis, n: Num) -> tuple[int, int] | None:
    """The first word after a number, past function words."""
    pos = n.end
    for _ in range(3):
        w = an.next_word(pos)
        if w is None:
            return None
        if NP_STOP.search(an.text[pos:w[0]]):
            return None
        if any(k == "c_function" and c.start == w[0] for k, c in an.by_start.get(w[0], [])):
            pos = w[1]
            continue
        return w
    return None


def scan_head(an: Analysis, n: Num, nums: list[Num]) -> None:
    """Head noun of the number's noun group: victim group, troop noun, outcome noun or unit."""
    pos = n.end
    unknown = 0
    first = True
    actor_at = {a.start: a for a in an.actors}
    num_starts = {m.q_start for m in nums if m is not n} | {m.start for m in nums if m is not n}
    if GLUED_FORCE.match(an.text[n.end:n.end + 10]):
        n.head, n.head_troop, n.head_end = "troop", True, n.end + an.text[n.end:n.end + 10].index("-") + 1
        return  # "a 2,500-strong force", "a 300-member contingent"
    for _ in range(MAX_HEAD_WORDS):
        w = an.next_word(pos)
        if w is None:
            break
        ws, we = w
        gap = an.text[pos:ws]
        if NP_STOP.search(gap):
            break
        if ws in num_starts:
            break
        cues = an.by_start.get(ws, [])
        kinds = {k: c for k, c in sorted(cues, key=lambda kc: kc[1].end - kc[1].start)}
        if first and "c_months" in kinds:
            n.head, n.drop = "date", True
            return
        if first and "c_dist_after" in kinds and not ("c_troop" in kinds or "c_group" in kinds
                                                       or "c_after" in kinds or "c_people" in kinds):
            n.head, n.drop = "distractor", True
            return
        if "c_sub_after" in kinds:
            n.subset = True
            n.partitive = True
            pos = kinds["c_sub_after"].end
            first = False
            continue
        if "c_after" in kinds:
            c = kinds["c_after"]
            # an outcome noun right after the number ("13 tués", "22 morts", "40 dead")
            n.head = n.head or "outcome"
            n.head_outcome = c.value
            n.head_end = c.end
            return
        if "c_group" in kinds or "c_troop" in kinds or "c_people" in kinds:
            g = kinds.get("c_group")
            t = kinds.get("c_troop")
            p = kinds.get("c_people")
            ends = [c.end for c in (g, t, p) if c]
            n.head_end = max(ends)
            if g:
                n.head_group = g.value
            if t:
                n.head_troop = True
            n.unknown_head = False
            if t:
                n.head = "troop"
            elif p or (g and g.value == "unspecified"):
                n.head = "people"
                n.head_group = n.head_group or "unspecified"
            else:
                n.head = "group"
            nxt = an.next_word(n.head_end)
            if nxt is not None and not NP_STOP.search(an.text[n.head_end:nxt[0]]) and \
                    any(k == "c_dist_after" for k, _c in an.by_start.get(nxt[0], [])):
                n.head, n.drop = "distractor", True
                return
            # an outcome participle right after the head ("people killed", "personnes tuées")
            for c in an.c_after:
                if c.start >= n.head_end and an.words_between(n.head_end, c.start) == 0 \
                        and not NP_STOP.search(an.text[n.head_end:c.start]):
                    n.head_outcome_next = c.value
                    break
            _trailing_actor(an, n)
            return
        if "c_others" in kinds:
            n.others = True
            pos = kinds["c_others"].end
            first = False
            continue
        if "c_partitive" in kinds and first:
            n.partitive = True
            pos = kinds["c_partitive"].end
            first = False
            continue
        if ws in actor_at:
            a = actor_at[ws]
            n.np_actors.append(a)
            pos = a.end
            first = False
            continue
        if "c_function" in kinds:
            pos = kinds["c_function"].end
            first = False
            continue
        if "c_aux" in kinds or "c_clause" in kinds or "c_before" in kinds or "c_deploy" in kinds:
            break
        unknown += 1
        if first:
            # an unknown noun heading the number: "2 560 incendies ont été allumés"
            nxt = an.next_word(we)
            if nxt is not None and not NP_STOP.search(an.text[we:nxt[0]]) and any(
                    k in ("c_aux", "c_after", "c_before", "c_deploy") for k, _c in an.by_start.get(nxt[0], [])):
                n.unknown_head = True
        if unknown > MAX_HEAD_UNKNOWN:
            break
        pos = we
        first = False


def _trailing_actor(an: Analysis, n: Num) -> None:
    """Actors right after the head ("policiers kényans", "soldiers from Kenya", "de Kirguistán")."""
    pos = n.head_end
    for a in an.actors:
        if a.start < pos or a.form in ("place", "capital"):
            continue
        gap = an.text[pos:a.start]
        if NP_STOP.search(gap.replace(",", "")) or an.words_between(pos, a.start) > 3:
            break
        between = [c for c in an.c_origin + an.c_function if pos <= c.start and c.end <= a.start]
        nwords = an.words_between(pos, a.start)
        covered = sum(an.words_between(c.start, c.end) for c in between)
        if a.form in ("adjective", "demonym") and nwords - covered <= 1 and "," not in gap:
            n.np_actors.append(a)
            pos = a.end
            continue
        if any(c in an.c_origin for c in between) and nwords - covered == 0:
            n.np_actors.append(a)
            pos = a.end
            continue
        break


# -- chains and subsets -----------------------------------------------------------------

def build_chains(an: Analysis, nums: list[Num]) -> None:
    """Numbers in a list ("100 and 200 troops", "102 men, 17 women and 12 children")."""
    cid = 0
    live = [n for n in nums if not n.drop]
    for i, n in enumerate(live):
        if n.chain < 0:
            n.chain = cid
            cid += 1
        if i + 1 < len(live):
            m = live[i + 1]
            end = n.head_end if n.head_end > n.end else n.end
            if n.head == "outcome":
                continue
            if m.head == "people" and n.head is not None:
                continue
            if LIST_SEP.match(an.text[end:m.q_start]) and m.head != "outcome":
                m.chain = n.chain
    # heads spread from the member that has one to those that have none ("100 and 200 troops")
    by_chain: dict[int, list[Num]] = {}
    for n in live:
        by_chain.setdefault(n.chain, []).append(n)
    for members in by_chain.values():
        if len(members) < 2:
            continue
        last = None
        for m in reversed(members):
            if m.head in ("troop", "group", "people"):
                last = m
            elif m.head is None and last is not None:
                m.head, m.head_group, m.head_troop = last.head, last.head_group, last.head_troop
                m.np_actors = m.np_actors or list(last.np_actors)


def chain_members(nums: list[Num], n: Num) -> list[Num]:
    return [m for m in nums if m.chain == n.chain and not m.drop]


def mark_subsets(an: Analysis, nums: list[Num]) -> None:
    """'dont 103', 'including 19', 'among the dead were 3': parts of a total given nearby."""
    for n in nums:
        if n.drop:
            continue
        members = chain_members(nums, n)
        first = members[0]
        for c in an.c_sub_before:
            gap = an.text[c.end:first.q_start]
            if c.end <= first.q_start and an.words_between(c.end, first.q_start) <= SUBSET_REACH \
                    and not an.number_at(c.end, first.q_start, nums) and not STRONG_STOP.search(gap) \
                    and "," not in gap.lstrip(" ,:—–-"):
                n.subset = True
        if n.partitive and (n.head == "outcome" or (n.head == "people" and n.head_outcome_next)):
            n.subset = True


# -- outcomes ---------------------------------------------------------------------------

def _claimed(an: Analysis, cue: Cue, nums: list[Num], me: list[Num]) -> bool:
    """An outcome verb right before another number governs that number ("wounded 30")."""
    for m in nums:
        if m in me or m.drop:
            continue
        if m.q_start >= cue.end and an.words_between(cue.end, m.q_start) == 0 and not NP_STOP.search(an.text[cue.end:m.q_start]):
            return any(b.start <= cue.start < b.end or cue.start <= b.start < cue.end for b in an.c_before)
    return False


def _skippable(n: Num) -> bool:
    return n.subset or n.drop


def find_after(an: Analysis, n: Num, nums: list[Num]) -> tuple[str, int] | None:
    members = chain_members(nums, n)
    last = members[-1]
    start = max(last.head_end, last.end)
    for c in an.c_after:
        if c.start < start:
            continue
        # another number (not in my list, not a subset aside) stands between
        if any(start <= m.start < c.start and m not in members and not _skippable(m) for m in nums):
            return None
        if an.barrier(start, c.start):
            return None
        d = an.eff_between(start, c.start)
        if d > A_REACH:
            return None
        if _claimed(an, c, nums, members):
            continue
        return c.value, d
    return None


def find_before(an: Analysis, n: Num, nums: list[Num]) -> tuple[str, int] | None:
    members = chain_members(nums, n)
    first = members[0]
    best = None
    toll_verb_near = any(c.end <= first.q_start and an.words_between(c.end, first.q_start) <= 1 for c in an.c_toll_verb)
    cands = [(c, c.value, B_REACH) for c in an.c_before]
    cands += [(c, "killed", TOLL_REACH if toll_verb_near else B_REACH) for c in an.c_toll]
    for c, outcome, reach in cands:
        if c.end > first.q_start:
            continue
        d = an.eff_between(c.end, first.q_start)
        if d > reach:
            continue
        long_toll = reach == TOLL_REACH
        if not long_toll and any(c.end <= m.start < first.q_start and m not in members and not m.drop for m in nums):
            continue
        if an.barrier(c.end, first.q_start):
            continue
        if best is None or d < best[1]:
            best = (outcome, d)
    return best


def _toll_reference(an: Analysis, n: Num) -> bool:
    """'raised the figure to 30', 'puts it at 200', 'lo elevó a 116', 'and then to 14'."""
    return any(c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0 and not NP_STOP.search(an.text[c.end:n.q_start])
               for c in an.c_toll_ref)


def _dash_gap(an: Analysis, n: Num) -> bool:
    """'о 46 погибших, а в первый день — о 24': a dash stands for the words of the list before."""
    return bool(DASH_GAP.search(an.text[max(0, n.q_start - 12):n.q_start]))


def assign_outcomes(an: Analysis, nums: list[Num], ctx) -> None:
    """Each number's outcome: its own outcome noun, the word after its group, or the governor."""
    for n in nums:
        if n.drop:
            continue
        if n.head_outcome:
            n.outcome, n.outcome_kind = n.head_outcome, "own"
            continue
        if n.head is None and (_toll_reference(an, n) or _dash_gap(an, n)):
            prev = _previous_casualty(nums, n)
            ref = prev.outcome if prev is not None else (
                ctx.last_casualty["outcome"] if ctx and ctx.last_casualty and _toll_reference(an, n) else None)
            if ref:
                n.outcome, n.outcome_kind = ref, "toll"
                continue
        a = find_after(an, n, nums)
        b = find_before(an, n, nums)
        if b and n.unknown_head and b[1] > 0:
            b = None  # "bilan provisoire, 2 560 incendies": a thing counted, not people
        choice = None
        if a and b:
            if b[1] == 0 and a[1] > 0:
                choice = (b[0], "before")
            elif a[1] <= 3 or a[1] <= b[1]:
                choice = (a[0], "after")
            else:
                choice = (b[0], "before")
        elif a:
            choice = (a[0], "after")
        elif b:
            choice = (b[0], "before")
        if n.subset and (choice is None or (choice[1] == "before" and b and b[1] > 2)):
            total = _previous_casualty(nums, n)
            if total is not None and total.outcome:
                choice = (total.outcome, "inherit")
        if choice is None and n.subset and n.head not in ("troop",) and ctx is not None and ctx.last_casualty:
            # "two of them", "deux d'entre eux": the outcome of the passage before
            if any(c.start >= n.end and an.words_between(n.end, c.start) <= 1 for c in an.c_sub_after):
                choice = (ctx.last_casualty["outcome"], "inherit")
        if choice:
            n.outcome, n.outcome_kind = choice


def _previous_casualty(nums: list[Num], n: Num) -> Num | None:
    prev = None
    for m in nums:
        if m is n:
            break
        if not m.drop and m.outcome and m.chain != n.chain:
            prev = m
    return prev


def _troop_owner(an: Analysis, n: Num) -> Actor | None:
    """Whose soldiers were hit: an actor in their noun group, or the subject their possessive
    points to ("25 of its troops" after "KFOR", "nine deaths among its soldiers")."""
    if n.np_actors:
        return n.np_actors[0]
    end = max(n.head_end, n.end)
    if any(n.end <= p.start < end + 30 and an.words_between(p.end, end) <= 3 for p in an.c_possessive):
        before = [a for a in an.actors if a.end <= n.q_start and a.form in ("name", "org", "capital")]
        if before:
            return before[-1]
    return None


def _victim_group_after(an: Analysis, n: Num) -> Cue | None:
    """'nine deaths among its soldiers': the group named right after the outcome noun."""
    end = n.head_end
    for c in an.c_group:
        if c.start >= end and an.words_between(end, c.start) <= 3 and not NP_STOP.search(an.text[end:c.start]):
            return c
    return None


def assign_groups(an: Analysis, nums: list[Num], ctx) -> None:
    """Victim group: head noun, else the list/previous count, else a group noun of the clause;
    soldiers of an organisation, or foreign soldiers where a peace mission is reported, are
    peacekeepers."""
    prev = None
    main = ctx.main_country if ctx else None
    for n in nums:
        if n.drop or not n.outcome:
            continue
        group = None
        troopish = n.head_troop
        if n.outcome_kind == "toll" or (n.partitive and n.subset):
            total = _previous_casualty(nums, n)
            if total is not None:
                group = total.group
            elif ctx is not None and ctx.last_casualty:
                group = ctx.last_casualty["group"]
        if group is None and n.head == "outcome":
            after = _victim_group_after(an, n)
            if after is not None:
                group = after.value
                troopish = any(t.start == after.start for t in an.c_troop)
        if group is None and n.head_group and n.head_group != "unspecified":
            group = n.head_group
        if group is None and n.head_troop:
            group = "state_forces"
        if group is None and n.head == "people":
            group = "unspecified"
        if group is None and (n.head is None or n.head == "outcome" or n.others):
            if prev is not None and not an.barrier(prev.end, n.q_start) and not n.subset:
                group = prev.group
            elif n.subset and prev is not None and n.head is None:
                group = prev.group
            elif n.others and ctx is not None and ctx.last_casualty:
                group = ctx.last_casualty["group"]
        if group is None and n.outcome_kind in ("after", "own", "inherit") and n.head in (None, "outcome") \
                and n.outcome != "detained":  # the police that detain are agents, not victims
            lo, _hi = an.clause_bounds(n.q_start)
            for c in reversed(an.c_group):
                if lo <= c.start and c.end <= n.q_start and c.value != "unspecified":
                    group = c.value
                    break
        if group == "state_forces" and troopish:
            owner = _troop_owner(an, n)
            where = locative_country(an, 0, len(an.text), set()) or main
            if owner is not None and (owner.form == "org" or
                                      (ctx is not None and ctx.peacekeeping and owner.code != where)):
                group = "peacekeepers"
        n.group = group or "unspecified"
        prev = n


def mark_totals(an: Analysis, nums: list[Num]) -> None:
    """'bringing to 400 the number held': other counts of that outcome become parts of it."""
    for n in nums:
        if n.drop or not n.outcome:
            continue
        if any(c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 1 for c in an.c_total):
            n.is_total = True
    for t in nums:
        if not t.is_total:
            continue
        for n in nums:
            if n is not t and not n.drop and n.outcome == t.outcome and (n.span.best or 0) < (t.span.best or 0):
                n.subset = True


def drop_crowds(an: Analysis, nums: list[Num]) -> None:
    """'tens of thousands of demonstrators rallied': crowd sizes are not facts."""
    for n in nums:
        if n.drop or n.head_outcome:
            continue
        lo, hi = an.clause_bounds(n.q_start)
        if n.head_group == "protesters" or n.head in ("people", None):
            for c in an.c_crowd:
                if lo <= c.start < hi and abs(an.words_between(min(n.end, c.start), max(n.end, c.start))) <= 6:
                    if n.outcome_kind not in ("own",) and not (n.outcome and _cue_adjacent(an, n)):
                        n.drop = True
                    break


def _cue_adjacent(an: Analysis, n: Num) -> bool:
    end = max(n.head_end, n.end)
    return any(c.start >= end and an.words_between(end, c.start) <= 2 for c in an.c_after)


def drop_distractors(an: Analysis, nums: list[Num]) -> None:
    """Ages, populations, years, percentages, dates: not counts of people."""
    for n in nums:
        sp = n.span
        if getattr(sp, "is_year_like", False):
            n.drop = True
            continue
        if (sp.best is None) or sp.best <= 0:
            n.drop = True
            continue
        for c in an.c_dist_before:
            if c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0 and not NP_STOP.search(an.text[c.end:n.q_start]):
                n.drop = True
        # "25-year-old", "a 30-year history"
        tail = an.text[n.end:n.end + 12]
        if re.match(r"-(?:year|an|año|лет|летн)", tail, re.IGNORECASE):
            n.drop = True
        if re.match(r"\s?(?:%|pour\s?cent|per\s?cent|percent|por\s?ciento|процент)", tail, re.IGNORECASE):
            n.drop = True
        if NAME_BEFORE.search(an.text[max(0, n.q_start - 30):n.q_start]) and not getattr(sp, "is_word", False):
            i = bisect_left(an.wstarts, n.q_start)
            named = any(a.end == n.q_start - 1 for a in an.actors)
            # "chaîne Khabar 24, 164 personnes", "France 24, 12 personnes"; not "в Таджикистан 120 и 80"
            if i >= 2 and (not named or an.text[n.end:n.end + 1] == ","):
                n.drop = True
        w = _first_content(an, n)
        if w is not None:
            kinds = {k for k, c in an.by_start.get(w[0], [])}
            if "c_months" in kinds and an.words_between(n.end, w[0]) == 0:
                n.drop = True


# -- actors -----------------------------------------------------------------------------

def usable_actors(an: Analysis, actors: list, main: str | None) -> list[Actor]:
    """Actor spans minus those that only qualify something else ("Russia-led", "led by France")."""
    out = []
    for a in actors:
        if GLUE_AFTER.match(an.text[a.end:a.end + 12]):
            continue
        if any(c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start])
               for c in an.c_ignore_before):
            continue
        out.append(Actor(a.start, a.end, a.code, a.form, a.text))
    return out


def actor_group_before(an: Analysis, pos: int, lo: int, exclude: set) -> list[Actor]:
    """The list of actors ending nearest before pos inside the clause ("A, B et C")."""
    cands = [a for a in an.actors if a.end <= pos and a.start >= lo and a.code not in exclude
             and not _is_pure_locative(an, a)]
    if not cands:
        return []
    cands.sort(key=lambda a: a.start)
    group = [cands[-1]]
    for a in reversed(cands[:-1]):
        gap = an.text[a.end:group[0].start]
        if ACTOR_SEP.match(gap):
            group.insert(0, a)
        else:
            break
    return group


def locative_country(an: Analysis, lo: int, hi: int, exclude: set) -> str | None:
    """A country named after 'in/to/au/en/в' inside [lo, hi) (where it happens or goes)."""
    for a in an.actors:
        if not (lo <= a.start < hi) or a.form not in PLACE_FORMS or a.code in exclude or len(a.code) != 3 \
                or not a.code.isupper():
            continue
        for c in an.c_locative:
            if c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start]):
                if not any(o.end <= a.start and o.end > c.end for o in an.c_origin):
                    return a.code
    return None


def origin_country(an: Analysis, lo: int, hi: int, exclude: set) -> str | None:
    """A country forces leave: 'from Mali', 'du Mali', 'de Siria', 'из Сирии', 'abandonaron Kazajistán'."""
    for a in an.actors:
        if not (lo <= a.start < hi) or a.form not in PLACE_FORMS or a.code in exclude or len(a.code) != 3:
            continue
        for c in an.c_origin:
            if c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start]):
                if not _owner_after_troop_noun(an, c):
                    return a.code
        if _is_object(an, a):
            return a.code
    return None


def _owner_after_troop_noun(an: Analysis, c: Cue) -> bool:
    """'los contingentes de Armenia': after a troop noun the preposition names the owner, unless
    a possessive already did ('retiró a sus 300 soldados de Siria', 'its soldiers from Mali')."""
    for t in an.c_troop + an.c_unit:
        if t.end <= c.start and an.words_between(t.end, c.start) == 0:
            return not any(p.end <= t.start and an.words_between(p.end, t.start) <= 3 for p in an.c_possessive)
    return False


def receiver_for(an: Analysis, lo: int, hi: int, exclude: set, status: str | None, main: str | None) -> str | None:
    """Where forces are, go, or (for a withdrawal) leave from; else the article's main country."""
    r = host_country(an, 0, len(an.text), exclude) or locative_country(an, lo, hi, exclude)
    if r:
        return r
    if status == "withdrawing":
        # forces leave a country; a place they go to elsewhere in the sentence is home
        return origin_country(an, lo, hi, exclude) or origin_country(an, 0, len(an.text), exclude) or main
    return locative_country(an, 0, len(an.text), exclude) or main


def host_country(an: Analysis, lo: int, hi: int, exclude: set) -> str | None:
    """'Niger hosts 1,500 French troops': the subject of a hosting verb receives."""
    for h in an.c_host:
        if not (lo <= h.start < hi):
            continue
        grp = actor_group_before(an, h.start, lo, exclude)
        if grp and grp[-1].form == "name":
            return grp[-1].code
    return None


# -- troops and deployments ---------------------------------------------------------------

STAGES = {"planned": 0, "deployed": 1, "withdrawing": 2}


def _status_near(an: Analysis, pos: int, lo: int, hi: int) -> str | None:
    """Stage of the deployment cue nearest to pos in the clause; a withdrawal the clause reports
    as happening wins (latest stage); presence alone means deployed."""
    best = None
    for c in an.c_deploy:
        if lo <= c.start < hi:
            d = an.eff_between(min(c.end, pos), max(c.start, pos))
            if best is None or d < best[0]:
                best = (d, c.value)
    if best:
        if best[1] != "withdrawing":
            for c in an.c_deploy:
                if lo <= c.start < hi and c.value == "withdrawing" and not _modal_before(an, c):
                    return "withdrawing"
        return best[1]
    if any(lo <= c.start < hi for c in an.c_presence):
        return "deployed"
    return None


def _modal_before(an: Analysis, c: Cue) -> bool:
    """'would be withdrawn', 'pourrait se retirer': a possibility, not a reported stage."""
    return any(m.end <= c.start and an.words_between(m.end, c.start) <= 2 for m in an.c_modal)


def _has_deploy_cue(an: Analysis, lo: int, hi: int) -> bool:
    return any(lo <= c.start < hi for c in an.c_deploy) or any(lo <= c.start < hi for c in an.c_presence)


def _governed_by_deploy(an: Analysis, n: Num) -> bool:
    """'ont envoyé entre 100 et 200 personnes', 'has promised two hundred'."""
    for c in an.c_deploy:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 2 and not NP_STOP.search(an.text[c.end:n.q_start]):
            if not any(c.end <= l.start < n.q_start for l in an.c_locative):
                return True
    return False


def _unit_actor(an: Analysis, n: Num, lo: int) -> Actor | None:
    """'Kenya's contingent of 900', 'a German brigade of 4,800', 'l'OTSC, forte de 2 030'."""
    for c in an.c_unit + an.c_size:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 2 and c.start >= lo:
            best = None
            for a in an.actors:
                if a.end <= c.start and a.start >= lo and an.words_between(a.end, c.start) <= 3:
                    if not STRONG_STOP.search(an.text[a.end:c.start]) and not _is_locative_actor(an, a) \
                            and not _is_object(an, a) and a.form != "capital":
                        best = a
            for a in an.actors:
                # "le contingent russe de 400", "la force de l'OTSC, forte de"
                if c.end <= a.end <= n.q_start and not _is_locative_actor(an, a) and a.form != "capital":
                    best = a
            if best is None and an.words_between(lo, c.start) == 0 and n.head_end > 0:
                # "Forte de 14 000 Casques bleus, la Monusco ...": the owner follows the noun group
                for a in an.actors:
                    if a.start >= n.head_end and an.words_between(n.head_end, a.start) <= 2 and a.form in ("name", "org"):
                        best = a
                        break
            if best is not None:
                return best
    return None


def _anaphora_sender(an: Analysis, n: Num, lo: int, ctx) -> str | None:
    """'the force would number 2,500', 'Le contingent comptait 1 960': the force named before."""
    if ctx is None:
        return None
    for c in an.c_anaphora + an.c_unit:
        if lo <= c.start < n.q_start and an.words_between(c.end, n.q_start) <= 6:
            word = an.text[c.start:c.end].lower()
            if CONTINGENT.search(word):
                return ctx.last_sender or ctx.last_org
            return ctx.last_org or ctx.last_sender
    return None


def _is_self(code: str | None, country: str | None) -> bool:
    return code is None or country is None or code == country


def analyse_troops(an: Analysis, nums: list[Num], ctx, out: SentenceFacts) -> set:
    """Troop counts (+ deployments with a count) of the sentence. Returns the actors used."""
    used: set = set()
    main = ctx.main_country if ctx else None
    sentence_has_troop = any(n.head == "troop" for n in nums if not n.drop and not n.outcome)
    troop_context = sentence_has_troop or (ctx is not None and ctx.troop_context)
    troop_nums: list[tuple[Num, Actor | None]] = []
    inherit: dict[int, Num] = {}
    prev_troop: Num | None = None
    for n in nums:
        if n.drop or n.outcome:
            continue
        lo, hi = an.clause_bounds(n.q_start)
        governed = _governed_by_deploy(an, n)
        each = any(lo <= c.start < hi for c in an.c_each)
        pair = _pair_actor(an, n)
        sized = any(c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 1 for c in an.c_size)
        if n.head == "troop":
            pass
        elif n.head == "people" and (governed or each or sized):
            pass
        elif n.head is None and pair is not None and sentence_has_troop:
            pass
        elif n.head is None and governed and troop_context:
            pass
        elif n.head is None and sized and troop_context:
            pass
        elif n.head is None and n.subset and prev_troop is not None:
            inherit[id(n)] = prev_troop  # "12 000 policiers, dont 5 000 dans la capitale"
        else:
            continue
        if n.head_group in ("militants", "rioters", "protesters", "civilians"):
            continue
        n.troop = True
        troop_nums.append((n, pair))
        prev_troop = n
    if not troop_nums:
        return used
    # distribution over actors: "respectively" zips, "each" copies, "A, 200; B, 150" pairs
    assigned: dict[int, list[Actor]] = {}
    done_chains: set = set()
    exclude = {main} if main else set()
    for n, pair in troop_nums:
        if id(n) in assigned:
            continue
        lo, hi = an.clause_bounds(n.q_start)
        members = [m for m, _ in troop_nums if m.chain == n.chain]
        if id(n) in inherit:
            assigned[id(n)] = assigned.get(id(inherit[id(n)]), [])
            continue
        if n.np_actors:
            assigned[id(n)] = [n.np_actors[0]]
            continue
        if pair is not None:
            assigned[id(n)] = [pair]
            continue
        resp = any(lo <= c.start < hi for c in an.c_resp) or \
            any(c.start >= n.end and an.words_between(n.end, c.start) <= 4 for c in an.c_resp)
        if resp and len(members) > 1 and n.chain not in done_chains:
            grp = actor_group_before(an, members[0].q_start, lo, exclude)
            if len(grp) != len(members):
                grp2 = actor_group_before(an, members[0].q_start, 0, exclude)
                if len(grp2) == len(members):
                    grp = grp2
            if len(grp) == len(members):
                for m, a in zip(members, grp):
                    assigned[id(m)] = [a]
                done_chains.add(n.chain)
                continue
        each = any(lo <= c.start < hi for c in an.c_each)
        if each:
            grp = subject_actors(an, n.q_start, lo, exclude)
            if grp:
                assigned[id(n)] = grp
                continue
        ua = _unit_actor(an, n, lo)
        if ua is not None:
            assigned[id(n)] = [ua]
            continue
        grp = subject_actors(an, n.q_start, lo, set())
        if len(grp) == 1:
            assigned[id(n)] = grp
            continue
        if len(grp) > 1:
            assigned[id(n)] = []  # a joint figure of several senders: nobody's own
            continue
        sender = _anaphora_sender(an, n, lo, ctx)
        if sender:
            assigned[id(n)] = [Actor(n.start, n.end, sender, "anaphora", "")]
            continue
        if main and any(lo <= c.start < hi for c in an.c_institution):
            assigned[id(n)] = [Actor(n.start, n.end, main, "institution", "")]
            continue
        assigned[id(n)] = []
    for n, _pair in troop_nums:
        lo, hi = an.clause_bounds(n.q_start)
        actors = assigned.get(id(n), [])
        codes = [a.code for a in actors] or [None]
        for code in codes:
            excl = {code} if code else set()
            status = _status_near(an, n.start, lo, hi) or _status_near(an, n.start, 0, len(an.text))
            where = receiver_for(an, lo, hi, excl, status, main)
            out.troops.append({"num": n, "actor": code, "country": where, "status": status})
            if code and not _is_self(code, where):
                out.deployments.append({"num": n, "sender": code, "receiver": where,
                                        "status": status or "deployed", "start": n.start, "end": n.end})
                used.add(code)
    return used


def _is_object(an: Analysis, a: Actor) -> bool:
    """A country right after a deployment verb is where forces go or leave ("abandonaron Kazajistán")."""
    if a.form not in PLACE_FORMS:
        return False
    for c in an.c_deploy:
        if c.end <= a.start and an.words_between(c.end, a.start) <= 3 and not NP_STOP.search(an.text[c.end:a.start]) \
                and not any(c.end <= l.start < a.start for l in an.c_locative + an.c_origin):
            return True
    return False


def _attached_to_troops(an: Analysis, a: Actor) -> bool:
    """An adjective that qualifies a troop or unit noun ("Russian units", "le contingent russe")."""
    for t in an.c_troop + an.c_unit:
        if t.end <= a.start and an.words_between(t.end, a.start) <= 2 and not NP_STOP.search(an.text[t.end:a.start]):
            return True
        if a.end <= t.start and an.words_between(a.end, t.start) <= 2 and not NP_STOP.search(an.text[a.end:t.start]):
            return True
    return False


def _subject_ok(an: Analysis, a: Actor, exclude: set) -> bool:
    if a.code in exclude or _is_locative_actor(an, a) or _is_object(an, a):
        return False
    if a.form == "capital" and not _acts(an, a):
        return False
    if a.form == "adjective" and not _attached_to_troops(an, a) and not _attached_to_state(an, a):
        return False
    return True


def _acts(an: Analysis, a: Actor) -> bool:
    """A capital standing for its government: a deployment verb right after it ("Paris a dépêché")."""
    return any(c.start >= a.end and an.words_between(a.end, c.start) <= 2 and not NP_STOP.search(an.text[a.end:c.start])
               for c in an.c_deploy)


def _attached_to_state(an: Analysis, a: Actor) -> bool:
    """'le Parlement kirghize', 'the Russian government': the state acts through them."""
    for t in an.c_state:
        if t.end <= a.start and an.words_between(t.end, a.start) == 0 and not NP_STOP.search(an.text[t.end:a.start]):
            return True
        if a.end <= t.start and an.words_between(a.end, t.start) == 0 and not NP_STOP.search(an.text[a.end:t.start]):
            return True
    return False


def subject_actors(an: Analysis, pos: int, lo: int, exclude: set) -> list[Actor]:
    """Who sends or owns the forces counted at pos: the clause's leading actor (and the actors
    listed with it), else the nearest actor before pos; locatives and objects are skipped."""
    cands = [a for a in an.actors if lo <= a.start and a.end <= pos and _subject_ok(an, a, exclude)]
    if not cands:
        return []
    cands.sort(key=lambda a: a.start)
    first = cands[0]
    if an.words_between(lo, first.start) <= 2 and not any(first.end <= s < pos for s in an.num_starts):
        group = [first]
        for a in cands[1:]:
            if ACTOR_SEP.match(an.text[group[-1].end:a.start]):
                group.append(a)
            else:
                break
        return _real_list(an, group)
    group = [cands[-1]]
    for a in reversed(cands[:-1]):
        if ACTOR_SEP.match(an.text[a.end:group[0].start]):
            group.insert(0, a)
        else:
            break
    return _real_list(an, group)


def _real_list(an: Analysis, group: list[Actor]) -> list[Actor]:
    """'A, B et C' is a list; 'A, B' without a conjunction is two clauses: keep the last."""
    if len(group) < 2:
        return group
    if any(CONJ.search(an.text[a.end:b.start]) for a, b in zip(group, group[1:])):
        return group
    return group[-1:]


def _is_pure_locative(an: Analysis, a: Actor) -> bool:
    """A name after 'in/to/au/en/в': where things happen, not who acts."""
    if a.form == "place":
        return True
    if a.form not in PLACE_FORMS:
        return False
    for c in an.c_locative:
        if c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start]):
            return True
    return False


def _is_locative_actor(an: Analysis, a: Actor) -> bool:
    if a.form == "place":
        return True
    if a.form not in PLACE_FORMS:
        return False
    for c in an.c_locative + an.c_origin:
        if c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start]):
            return True
    return False


def _pair_actor(an: Analysis, n: Num) -> Actor | None:
    """'Tayikistán, 200': a bare number right after an actor name and a comma or dash."""
    if n.head not in (None,):
        return None
    for a in an.actors:
        if a.end <= n.q_start and PAIR_SEP.match(an.text[a.end:n.q_start]) and a.form in ("name", "org"):
            return a
    return None


def _names_after_troops(an: Analysis, troops_spans: list[Cue]) -> set[int]:
    """Starts of actors named as the owners of troops: "troops of the CSTO", "los contingentes
    de Armenia, Bielorrusia y Kirguistán", "контингента ОДКБ" (a list counts whole)."""
    attached: set[int] = set()
    actors = sorted(an.actors, key=lambda a: a.start)
    for t in troops_spans:
        nxt = next((i for i, a in enumerate(actors) if a.start >= t.end), None)
        if nxt is None or actors[nxt].form not in ("name", "org"):
            continue
        a = actors[nxt]
        if NP_STOP.search(an.text[t.end:a.start]):
            continue
        nw = an.words_between(t.end, a.start)
        # "troops of (the) X": the preposition right after the noun, at most an article after it
        has_origin = any(t.end <= o.start and o.end <= a.start and an.words_between(t.end, o.start) == 0
                         and an.words_between(o.end, a.start) <= 1 for o in an.c_origin)
        if not (has_origin or nw == 0):
            continue
        attached.add(a.start)
        prev = a
        for b in actors[nxt + 1:]:
            if ACTOR_SEP.match(an.text[prev.end:b.start]):
                attached.add(b.start)
                prev = b
            else:
                break
    return attached


def _status_for_actor(an: Analysis, a: Actor, lo: int, hi: int) -> str | None:
    """Stage of a sender without a count: the nearest cue before it in the clause (it is the
    object: "arrived ... as part of the EAC force"), else the nearest after it (it is the
    subject: "Burundi has pledged troops"); a withdrawal reported in the clause wins."""
    before = [c for c in an.c_deploy if lo <= c.start and c.end <= a.start]
    after = [c for c in an.c_deploy if a.end <= c.start < hi]
    pick = None
    if before:
        pick = max(before, key=lambda c: c.end)
    elif after:
        pick = min(after, key=lambda c: c.start)
    if pick is not None:
        if pick.value != "withdrawing" and any(lo <= c.start < hi and c.value == "withdrawing" and not _modal_before(an, c)
                                               for c in an.c_deploy):
            return "withdrawing"
        return pick.value
    if any(lo <= c.start < hi for c in an.c_presence):
        return "deployed"
    return None


def analyse_deployments(an: Analysis, nums: list[Num], ctx, used: set, out: SentenceFacts) -> None:
    """Deployments without a count: a sender attached to troops or to a deployment verb."""
    main = ctx.main_country if ctx else None
    victims = [(n.start, max(n.head_end, n.end)) for n in nums if n.outcome]
    seen = set(used)
    troops_spans = [t for t in an.c_troop + an.c_unit
                    if not any(vs <= t.start <= ve for vs, ve in victims)]  # victims are not deployments
    owners = _names_after_troops(an, troops_spans)
    for a in an.actors:
        if a.code in seen or not a.code or a.form == "place" or (a.form == "capital" and not _acts(an, a)):
            continue
        lo, hi = an.clause_bounds(a.start)
        if not _has_deploy_cue(an, 0, len(an.text)):
            continue
        if _is_pure_locative(an, a):
            continue
        if any(h.start > a.end and an.words_between(a.end, h.start) <= 4 for h in an.c_host if lo <= h.start < hi):
            continue  # the host receives
        attached = a.start in owners
        for t in troops_spans:
            if attached:
                break
            if not (lo <= t.start < hi):
                continue
            if a.form in ("adjective", "demonym"):
                # "Russian units", "soldats arméniens et kirghizes", "paracaidistas rusos"
                if t.end <= a.start and an.words_between(t.end, a.start) <= 4 and \
                        not NP_STOP.search(an.text[t.end:a.start].replace(",", "")):
                    attached = True
                elif a.end <= t.start and an.words_between(a.end, t.start) <= 2 and not NP_STOP.search(an.text[a.end:t.start]):
                    attached = True
            elif a.end <= t.start and not NP_STOP.search(an.text[a.end:t.start]):
                # "Kenya's contingent", "an East African Community regional force", "NATO troops"
                if POSSESSIVE.match(an.text[a.end:a.end + 3]) and an.words_between(a.end, t.start) <= 3:
                    attached = True
                elif an.words_between(a.end, t.start) <= 2 and not any(a.end <= x < t.start for x in an.num_starts):
                    attached = True
        if not attached and a.form in ("name", "org", "capital"):
            # subject of a deployment verb: "La Biélorussie a déployé", "Burundi and South Sudan have pledged troops"
            for c in an.c_deploy:
                if not (lo <= c.start < hi) or c.start < a.end:
                    continue
                grp = subject_actors(an, c.start, lo, set())
                if a not in grp or an.words_between(grp[-1].end, c.start) > 4:
                    continue
                strong = any(s.start <= c.start < s.end or c.start <= s.start < c.end for s in an.c_strong)
                has_troops = any(lo <= t.start < hi for t in troops_spans)
                if strong or has_troops:
                    attached = True
                    break
        if not attached:
            continue
        excl = {a.code}
        status = _status_for_actor(an, a, lo, hi) or _status_near(an, a.start, 0, len(an.text)) or "deployed"
        receiver = receiver_for(an, lo, hi, excl, status, main)
        if _is_self(a.code, receiver):
            continue
        out.deployments.append({"num": None, "sender": a.code, "receiver": receiver, "status": status,
                                "start": a.start, "end": a.end})
        seen.add(a.code)


# -- the sentence -------------------------------------------------------------------------

def analyse_sentence(text: str, lang: str, numbers: list, actors: list, ctx=None, cues: dict | None = None,
                     normalised: bool = False) -> SentenceFacts:
    """Facts of one sentence: casualties, troop counts and deployments (offsets in `text`)."""
    an = Analysis(text, lang, numbers, [], cues, normalised)
    an.actors = usable_actors(an, actors, ctx.main_country if ctx else None)
    an.num_starts = [sp.start for sp in numbers if not getattr(sp, "is_year_like", False)]
    nums = [Num(sp, sp.start, sp.end, sp.q_start if sp.q_start is not None else sp.start) for sp in numbers]
    nums.sort(key=lambda n: n.start)
    drop_distractors(an, nums)
    for n in nums:
        if not n.drop:
            scan_head(an, n, nums)
    build_chains(an, nums)
    mark_subsets(an, nums)
    assign_outcomes(an, nums, ctx)
    drop_crowds(an, nums)
    mark_totals(an, nums)
    assign_groups(an, nums, ctx)
    out = SentenceFacts()
    main = ctx.main_country if ctx else None
    for n in nums:
        if n.drop or not n.outcome:
            continue
        if n.head in ("distractor", "date"):
            continue
        country = locative_country(an, 0, len(an.text), set()) or main
        out.casualties.append({"num": n, "outcome": n.outcome, "group": n.group, "subset": n.subset,
                               "country": country})
    used = analyse_troops(an, nums, ctx, out)
    analyse_deployments(an, nums, ctx, used, out)
    return out
