"""Number <-> meaning: one sentence's numbers linked to outcomes, victims, troops and actors.

Rules are positional and lexical (data/{lang}.toml): a number takes the outcome word that
follows its noun group ("13 tués", "were killed") or the verb/noun that governs it ("killed
12", "toll of 40"); its victim group is the head noun after it; troops and deployments are read
by forces.py from the same cues.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from transforms.extract.cues import (
    A_REACH,
    CONJ,
    Actor,
    Analysis,
    B_REACH,
    Cue,
    GLUED_FORCE,
    LIST_SEP,
    MAX_HEAD_UNKNOWN,
    MAX_HEAD_WORDS,
    NAME_BEFORE,
    NP_STOP,
    Num,
    STRONG_STOP,
    SUBSET_REACH,
    SentenceFacts,
    TOLL_REACH,
    _dash_gap,
)
from transforms.extract.forces import (
    analyse_deployments,
    analyse_rest,
    analyse_troops,
    mark_anchored,
    locative_country,
    own_soil_country,
    usable_actors,
)

# "25-year-old", "a 30-year history"; "80 %", "60 percent".
YEAR_GLUE = re.compile(r"-(?:year|an|año|лет|летн)", re.IGNORECASE)
PERCENT_AFTER = re.compile(r"\s?(?:%|pour\s?cent|per\s?cent|percent|por\s?ciento|процент)", re.IGNORECASE)


# -- a single victim: the indefinite article -------------------------------------------------

@dataclass(frozen=True, slots=True)
class OneSpan:
    """'un policier', 'a soldier', 'una niña': an indefinite article read as an exact count of one."""
    start: int
    end: int
    q_start: int
    text: str
    low: int = 1
    best: int = 1
    high: int = 1
    qualifier: str = "exact"
    is_word: bool = True
    is_year_like: bool = False
    single: bool = True


VICTIM_NOUNS = ("c_group", "c_troop", "c_people")
AGE_COMPOUND = re.compile(r"\s*\d+-(?:years?|an|ans|años?|лет\w*)(?:-old)?\b", re.IGNORECASE)
ONE_MORE = ("c_others",)  # "une autre a été blessée", "another was wounded"


def single_victims(an: Analysis, numbers: list) -> list[OneSpan]:
    """Indefinite articles right before a victim noun (one adjective may stand between): each is
    a candidate count of one, kept only if the clause reports a casualty (see keep_singles)."""
    out = []
    for c in an.c_single:
        if any(sp.q_start <= c.start < sp.end for sp in numbers):
            continue  # "un millier", "a dozen": part of a number
        if an.text[max(0, c.start - 2):c.start].lower() in ("l'", "l’"):
            continue  # "l'un des", "l'une d'elles": one of a group already counted
        pos = c.end
        for _ in range(2):
            age = AGE_COMPOUND.match(an.text, pos)
            if age:
                pos = age.end()  # "a 20-year-old soldier"
            w = an.next_word(pos)
            if w is None or NP_STOP.search(an.text[pos:w[0]]):
                break
            if any(k in VICTIM_NOUNS + ONE_MORE for k, _c in an.by_start.get(w[0], [])) \
                    or (pos == c.end and _verb_next(an, c)):
                out.append(OneSpan(c.start, c.end, c.start, an.text[c.start:c.end]))
                break
            pos = w[1]
    return out


def _verb_next(an: Analysis, c: Cue) -> bool:
    """'another was wounded', 'otro resultó herido': a pronoun of one right before a verb."""
    w = an.next_word(c.end)
    return w is not None and not NP_STOP.search(an.text[c.end:w[0]]) \
        and any(k in ("c_aux", "c_after") for k, _c in an.by_start.get(w[0], []))


def _transitive(an: Analysis, cue: Cue) -> bool:
    """'killed a police officer', 'a tué 3 civils': an outcome verb with an object after it is
    what its subject did, not what happened to it."""
    w = an.next_word(cue.end)
    if w is None or NP_STOP.search(an.text[cue.end:w[0]]):
        return False
    if any(s.start <= w[0] < s.end for s in an.numbers):
        return True
    kinds = {k for k, _c in an.by_start.get(w[0], [])}
    return bool(kinds & set(VICTIM_NOUNS)) or any(c.start == w[0] for c in an.c_single)


def keep_singles(an: Analysis, nums: list[Num]) -> None:
    """A count of one stands only in a casualty clause: its own outcome word follows its noun
    (no punctuation, speech verb, other noun or object between) or an outcome verb governs it
    at once."""
    for n in nums:
        if not getattr(n.span, "single", False) or n.drop:
            continue
        ok = False
        if n.outcome_kind == "after":
            start = max(n.head_end, n.end)
            cue = next((c for c in an.c_after if c.start >= start), None)
            ok = cue is not None and an.eff_between(start, cue.start) <= 3 \
                and not NP_STOP.search(an.text[start:cue.start]) \
                and not any(start <= s.start < cue.start for s in an.c_speech) \
                and not any(start <= x.start < cue.start for k in VICTIM_NOUNS for x in getattr(an, k)) \
                and not _transitive(an, cue)
        elif n.outcome_kind == "before":
            ok = any(c.end <= n.q_start and an.eff_between(c.end, n.q_start) == 0
                     and not NP_STOP.search(an.text[c.end:n.q_start]) for c in an.c_before + an.c_toll)
        if not ok:
            n.drop = True
            n.outcome = None


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
    if getattr(n.span, "single", False) and (age := AGE_COMPOUND.match(an.text, pos)):
        pos = age.end()  # "a 20-year-old soldier": the age is not the head
    unknown = 0
    first = True
    actor_at = {a.start: a for a in an.actors}
    num_starts = {m.q_start for m in nums if m is not n} | {m.start for m in nums if m is not n}
    if GLUED_FORCE.match(an.text[n.end:n.end + 10]):
        end = n.end + an.text[n.end:n.end + 10].index("-") + 1
        if _force_noun_near(an, end):
            n.head, n.head_troop, n.head_end = "troop", True, end
        else:
            n.head, n.drop = "distractor", True  # "the 12-member committee": not a force
        return  # "a 2,500-strong force", "a 300-member contingent"
    for _ in range(MAX_HEAD_WORDS):
        w = an.next_word(pos)
        if w is None:
            break
        ws, we = w
        gap = an.text[pos:ws]
        if NP_STOP.search(gap):
            if not (first and _elided_copula(an, n, gap, ws)):
                break
            n.copula = True
        elif first and gap.strip() in DASHES and _victim_noun_at(an, ws):
            n.copula = True  # "Из них 13 — сотрудники полиции": the dash stands for the copula
        if ws in num_starts:
            break
        if first and (cop := _copula_to_noun(an, ws)):
            pos = cop  # "of those, 9 were children": the noun after the copula heads the figure
            n.copula = True
            first = False
            continue
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
            if not t and p and not g and (t_end := _troops_of(an, p.end)):
                t = p  # "700 membres de la Garde nationale", "5,000 members of the National Guard"
                n.head_group = "state_forces"
                n.head_troop = True
                ends.append(t_end)
                n.head_end = max(ends)
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
        if first and CONJ.fullmatch(an.text[ws:we]):
            break  # "killed 15 and wounded 20": the conjunction opens the next clause
        if "c_function" in kinds:
            if unknown and any(o.start == ws for o in an.c_origin):
                break  # "12 estaciones de policía": the noun before 'de' heads the group
            pos = kinds["c_function"].end
            first = False
            continue
        if "c_aux" in kinds or "c_clause" in kinds or "c_before" in kinds or "c_deploy" in kinds:
            break
        if CONJ.fullmatch(an.text[ws:we]):
            break  # "37 y los heridos": a conjunction opens another noun group
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


def _copula_to_noun(an: Analysis, ws: int) -> int | None:
    """End of a copula right after a figure when a victim noun follows it ("11 were children",
    "17 eran menores", "14 étaient des soldats"): the noun names the figure itself."""
    w = an.next_word(ws)
    if w is None or an.text[w[0]:w[1]].lower() not in an.lx.copula:
        return None
    pos = cop_end = w[1]
    for _ in range(2):
        w = an.next_word(pos)
        if w is None or NP_STOP.search(an.text[pos:w[0]]):
            return None
        kinds = {k for k, _c in an.by_start.get(w[0], [])}
        if kinds & {"c_group", "c_troop"}:
            return cop_end
        if "c_function" not in kinds:
            return None
        pos = w[1]
    return None


def _elided_copula(an: Analysis, n: Num, gap: str, ws: int) -> bool:
    """'17 eran menores y 9, agentes': after a conjunction a comma stands for the copula left out,
    when a victim noun follows."""
    return gap.strip() == "," and bool(CONJ_BEFORE.search(an.text[max(0, n.q_start - 6):n.q_start])) and \
        _victim_noun_at(an, ws)


def _victim_noun_at(an: Analysis, ws: int) -> bool:
    """A victim group or troop noun starts at ws: what a copula or its stand-in must introduce."""
    return any(k in ("c_group", "c_troop") for k, _c in an.by_start.get(ws, []))


CONJ_BEFORE = re.compile(r"\b(?:and|et|y|e|и)\s+$", re.IGNORECASE)
DASHES = ("—", "–", "-")


def _force_noun_near(an: Analysis, pos: int) -> bool:
    """A troop or unit noun within the next three words ("300-member contingent", "2,500-strong
    force of Kenyan police"), or none at all ("a force 2,500-strong")."""
    w = an.next_word(pos)
    w = an.next_word(w[1]) if w is not None else None  # past "strong"/"member"
    if w is None or NP_STOP.search(an.text[pos:w[0]]):
        return True
    return any(an.words_between(w[0], c.start) <= 2 and c.start >= w[0] for c in an.c_troop + an.c_unit)


def _troops_of(an: Analysis, pos: int) -> int:
    """A troop noun or a state force named right after 'of/de/des' (a people noun's complement):
    the end of that noun, else 0."""
    w = an.next_word(pos)
    if w is None or NP_STOP.search(an.text[pos:w[0]]):
        return 0
    if not any(o.start == w[0] for o in an.c_origin + an.c_function):
        return 0
    for c in an.c_troop + tuple(g for g in an.c_group if g.value == "state_forces"):
        if c.start >= w[0] and an.words_between(pos, c.start) <= 3 and not NP_STOP.search(an.text[pos:c.start]):
            return c.end
    return 0


def _leaving(an: Analysis, n: Num) -> bool:
    """'withdrawing its 1,100 soldiers from Mali': with a withdrawal or an owner already named by
    a possessive, troops 'from X' leave X; X does not own them."""
    if any(c.value == "withdrawing" for c in an.c_deploy):
        return True
    return any(p.end <= n.q_start and an.words_between(p.end, n.q_start) <= 1 for p in an.c_possessive)


def _trailing_actor(an: Analysis, n: Num) -> None:
    """Actors right after the head ("policiers kényans", "soldiers from Kenya", "de Kirguistán")."""
    pos = n.head_end
    for a in an.actors:
        if a.start < pos or a.form in ("place", "capital", "seat"):
            continue
        gap = an.text[pos:a.start]
        if NP_STOP.search(gap.replace(",", "")) or an.words_between(pos, a.start) > 3:
            break
        if any(pos <= x < a.start for x in an.num_starts):
            break  # "2,500 Russian paratroopers and 500 Belarusian soldiers": that name is the next figure's
        between = [c for c in an.c_origin + an.c_function if pos <= c.start and c.end <= a.start]
        nwords = an.words_between(pos, a.start)
        covered = len({w for c in between for w in range(bisect_left(an.wstarts, c.start), bisect_left(an.wstarts, c.end))})
        if a.form in ("adjective", "demonym") and nwords - covered <= 1 and "," not in gap:
            n.np_actors.append(a)
            pos = a.end
            continue
        if any(c in an.c_origin for c in between) and nwords - covered == 0 and not _leaving(an, n):
            n.np_actors.append(a)
            pos = a.end
            continue
        if an.lx.genitive_owner and nwords == 0 and a.form in ("name", "org") and not gap.strip(" "):
            n.np_actors.append(a)  # "военнослужащих США": a name in the genitive owns them
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
            gap = an.text[end:m.q_start]
            for a in n.np_actors:
                if end <= a.start and a.end <= m.q_start:
                    gap = gap.replace(a.text, " ")
            if LIST_SEP.match(gap) and (m.head != "outcome" or (n.head is None and m.head_outcome)):
                m.chain = n.chain  # "dos y tres fallecidos": a bare figure shares the outcome noun after
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
            elif m.head == "outcome" and m is members[-1]:
                last = m
            elif m.head is None and last is not None and last.head == "outcome":
                m.head, m.head_outcome = "outcome", last.head_outcome
            elif m.head is None and last is not None:
                m.head, m.head_group, m.head_troop = last.head, last.head_group, last.head_troop
                m.np_actors = m.np_actors or list(last.np_actors)
        first = None
        for m in members:
            if m.head == "troop":
                first = m
            elif m.head is None and m.np_actors and first is not None:
                # "1.000 agentes kenianos y 200 jamaicanos": a nationality stands for the noun before
                m.head, m.head_group, m.head_troop = first.head, first.head_group, first.head_troop


def chain_members(nums: list[Num], n: Num) -> list[Num]:
    return [m for m in nums if m.chain == n.chain and not m.drop]


def mark_exceeded(an: Analysis, nums: list[Num]) -> None:
    """'the death toll passed 150', 'la cifra superó los 150', 'число погибших превысило 150':
    the figure is a floor (CODING: more than N is at_least N)."""
    for c in an.c_exceed:
        for n in nums:
            if not n.drop and n.q_start >= c.end and EXCEED_GAP.match(an.text[c.end:n.q_start]):
                n.exceeded = True


EXCEED_GAP = re.compile(r"^\s*(?:(?:ya|already|déjà|désormais|now|уже)\s+)?(?:(?:the|los|las|la|les|le|the mark of|la barre des)\s*)?$",
                        re.IGNORECASE)


def mark_subsets(an: Analysis, nums: list[Num]) -> None:
    """'dont 103', 'including 19', 'among the dead were 3': parts of a total given nearby."""
    for n in nums:
        if n.drop:
            continue
        members = chain_members(nums, n)
        first = members[0]
        for c in an.c_sub_before:
            if any(o.start >= c.start and o.end > c.end and an.words_between(c.end, o.start) == 0 for o in an.c_after):
                continue  # "las víctimas mortales ascienden a 37": a subject, not a part
            gap = an.text[c.end:first.q_start]
            if c.end <= first.q_start and an.words_between(c.end, first.q_start) <= SUBSET_REACH \
                    and not an.number_at(c.end, first.q_start, nums) and not STRONG_STOP.search(gap) \
                    and "," not in gap.lstrip(" ,:—–-"):
                n.subset = True
        if n.partitive and n.head in ("outcome", "people"):
            n.subset = True
        if _among_predicate(an, members[-1]):
            n.subset = True  # "64 children and 57 women were among the dead"


def _among_predicate(an: Analysis, last: Num) -> bool:
    """'… were among the dead', 'figuran entre los fallecidos': the noun group's own predicate
    places it inside a total."""
    end = max(last.head_end, last.end)
    return any(c.start >= end and an.words_between(end, c.start) <= 2 and not an.barrier(end, c.start, soft=True)
               for c in an.c_sub_pred)


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
    """Figures that do not cut a number from its outcome word: asides, dropped figures, and
    candidate counts of one ("12 people, a police officer said, were killed")."""
    return n.subset or n.drop or getattr(n.span, "single", False)


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
        # "15 человек пострадали, трое из них погибли", "40 were hurt, two of them died", "20
        # victimes, dont 12 morts": the outcome word after a part (partitive, or the part's own
        # outcome noun) is that part's own, not the total's
        if any(start <= m.start < c.start and m not in members and (m.partitive or m.head_outcome)
               and m.subset and not m.drop for m in nums):
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
        if not long_toll and any(c.end <= m.start < first.q_start and m not in members and not m.drop
                                 and not getattr(m.span, "single", False) for m in nums):
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


def _count_subject(an: Analysis, n: Num, nums: list[Num]) -> tuple[str, str | None] | None:
    """'The number of civilians killed in the attack ... has risen to 18', 'le nombre de civils
    tués s'élève à 31', 'la cifra de muertos ascendió a 413', 'число погибших возросло до 45':
    a count subject (number-of + outcome word, maybe a victim noun) whose verb gives the figure.
    Returns (outcome, victim group or None)."""
    verb = None
    for c in an.c_count_verb + an.c_toll_verb:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0 and not NP_STOP.search(an.text[c.end:n.q_start]):
            verb = c if verb is None or c.start < verb.start else verb
    if verb is None:
        return None
    for o in an.c_after:
        # "las víctimas mortales ascienden a 37", "y los heridos a más de 100": the outcome noun is the subject
        if o.end <= verb.start and an.words_between(o.end, verb.start) == 0 and not NP_STOP.search(an.text[o.end:verb.start]) \
                and any(f.end <= o.start and an.words_between(f.end, o.start) == 0 for f in an.c_function):
            return o.value, None
    if not any(v.start == verb.start for v in an.c_count_verb):
        return None
    for c in reversed(an.c_count_of):
        if c.end > verb.start or STRONG_STOP.search(an.text[c.end:verb.start]):
            continue
        if any(c.end <= m.start < n.q_start and m is not n and not m.drop for m in nums):
            return None  # another figure stands between the subject and this one
        outcome = group = None
        stop = verb.start  # the subject runs from "the number of" to its verb (commas allowed)
        for o in an.c_after:
            if c.end <= o.start < stop and an.words_between(c.end, o.start) <= 4:
                outcome = o.value
                break
        if outcome is None:
            return None
        for g in an.c_group:
            if c.end <= g.start < stop and an.words_between(c.end, g.start) <= 5 and g.value != "unspecified":
                group = _compound_head(an, g).value
                break
        return outcome, group
    return None


def _compound_head(an: Analysis, g: Cue) -> Cue:
    """'élèves gendarmes', 'student officers': in two group nouns side by side the second says
    what they are."""
    nxt = next((h for h in an.c_group if h.start > g.start and h.start >= g.end
                and an.words_between(g.end, h.start) == 0 and not NP_STOP.search(an.text[g.end:h.start])), None)
    return nxt if nxt is not None and nxt.value != "unspecified" else g


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
        if n.head in (None, "people"):
            co = _count_subject(an, n, nums)
            if co is not None:
                n.outcome, n.outcome_kind = co[0], "count_of"
                if co[1]:
                    n.head_group = co[1]
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
        if choice is None and n.subset:
            choice = _among_outcome(an, n)  # "parmi les personnes tuées figurent deux policiers"
        if choice is None and n.subset and ctx is not None and ctx.last_casualty:
            # "two of them", "deux d'entre eux": the outcome of the passage before
            if (n.head != "troop" and any(c.start >= n.end and an.words_between(n.end, c.start) <= 1
                                          for c in an.c_sub_after)) \
                    or (_anaphoric_partitive_before(an, chain_members(nums, n)[0])
                        and any(m.copula for m in chain_members(nums, n))) \
                    or _opening_among(an, chain_members(nums, n)[0]):
                choice = (ctx.last_casualty["outcome"], "inherit")
        if choice is None and n.head is None and _changed_to(an, n):
            prev = _previous_casualty(nums, n)
            ref = prev.outcome if prev is not None else (ctx.last_casualty["outcome"] if ctx and ctx.last_casualty else None)
            if ref:
                choice = (ref, "toll")
        if choice is None and not n.subset and n.head not in ("outcome", "distractor", "date"):
            prev = _previous_casualty(nums, n)
            if prev is not None and _gapped(an, prev, n):
                choice = (prev.outcome, "gap")
                if prev.subset and _list_ends(an, n):
                    n.subset = True  # one more item of the breakdown "among the dead: A and B"
        if choice and choice[1] in ("before", "gap") and _deployed_after(an, n):
            choice = None  # "six civilians were killed and 300 soldiers were deployed"
        if choice:
            n.outcome, n.outcome_kind = choice


def _anaphoric_partitive_before(an: Analysis, first: Num) -> bool:
    """'Of those, 9 were …', 'De ellos, 17 …', 'Из них 13 — …': a partitive pronoun opening the
    breakdown points back to the toll of the passage before."""
    return any(c.end <= first.q_start and an.words_between(c.end, first.q_start) == 0
               and not STRONG_STOP.search(an.text[c.end:first.q_start]) for c in an.c_sub_after)


def _opening_among(an: Analysis, first: Num) -> bool:
    """'Among them were 11 children', 'Parmi elles figurent 11 enfants', 'Среди них 11 детей': an
    'among' phrase opening the sentence, without an outcome of its own, points back to the toll
    of the sentence before."""
    return any(an.words_between(0, c.start) == 0 and c.end <= first.q_start
               and an.words_between(c.end, first.q_start) <= SUBSET_REACH
               and not STRONG_STOP.search(an.text[c.end:first.q_start]) for c in an.c_sub_before)


def _among_outcome(an: Analysis, n: Num) -> tuple[str, str] | None:
    """'Parmi les personnes tuées figurent deux policiers', 'entre las personas fallecidas hay
    dos policías': the outcome named inside the 'among the …' phrase governs the part after it."""
    for c in an.c_sub_before:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) <= SUBSET_REACH \
                and not STRONG_STOP.search(an.text[c.end:n.q_start]):
            for o in an.c_after + an.c_before:
                if c.start <= o.start and o.end <= c.end:
                    return o.value, "among"
    return None


OWN_PRED_STOP = re.compile(r"\b(?:and|et|y|e|и|а|or|ou|o|или)\b", re.IGNORECASE)  # "killed 500 and displaced"


def _deployed_after(an: Analysis, n: Num) -> bool:
    """A figure with a predicate of its own that is no casualty ('300 soldats ont été déployés',
    'unas 800.000 fueron desplazadas') is not more of the toll named before it."""
    end = max(n.head_end, n.end)
    preds = an.c_harm + an.c_deploy if n.head == "troop" else an.c_harm
    return any(c.start >= end and an.words_between(end, c.start) <= 2 and not an.barrier(end, c.start, soft=True)
               and not OWN_PRED_STOP.search(an.text[end:c.start]) for c in preds)


def mark_respective_parts(an: Analysis, nums: list[Num], ctx) -> None:
    """'Ziguinchor et Kolda en comptaient respectivement six et trois', 'в Баткенской и Ошской
    областях погибли соответственно 52 и 7': figures spread over places after a toll are parts of
    it (bare ones take its outcome)."""
    if not an.c_resp:
        return
    chains: dict[int, list[Num]] = {}
    for n in nums:
        if not n.drop and n.head in (None, "outcome", "people"):
            chains.setdefault(n.chain, []).append(n)
    for members in chains.values():
        if len(members) < 2:
            continue
        before = _previous_casualty(nums, members[0])
        last = {"outcome": before.outcome} if before is not None else (
            ctx.last_casualty if ctx and not (an.c_troop or an.c_unit or an.c_deploy) else None)  # not "sent 200 and 150"
        if all(m.outcome is None and m.head is None for m in members) and last:
            for m in members:
                m.outcome, m.outcome_kind = last["outcome"], "inherit"
        outcome = members[0].outcome
        totals = [ctx.totals.get(outcome, 0) if ctx else 0]
        totals += [m.span.best or 0 for m in nums if m.outcome == outcome and not m.subset and not m.drop
                   and m.chain != members[0].chain and m.start < members[0].start]
        if outcome and all(m.outcome == outcome for m in members) and \
                0 < sum(m.span.best or 0 for m in members) <= max(totals):
            for m in members:
                m.subset = True


def _changed_to(an: Analysis, n: Num) -> bool:
    """'douze morts ; il est passé à seize', 'it has since risen to 18': a bare figure right after
    a verb of change revises the toll reported just before (CODING: the new total, exact)."""
    return any(c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0 and not NP_STOP.search(an.text[c.end:n.q_start])
               for c in an.c_toll_change)


GAP_JOIN = re.compile(r"(?:,|\b(?:and|et|y|e|и|а|ainsi que|as well as|así como|а также))\s*$", re.IGNORECASE)


def _gapped(an: Analysis, prev: Num, n: Num) -> bool:
    """'45 morts parmi les soldats et 12 parmi les civils', '12 killed in Kharkiv and 3 in Sumy':
    a figure joined to a casualty count and followed only by where or among whom repeats its
    outcome (the words left out are those of the figure before)."""
    end = max(prev.head_end, prev.end)
    if an.barrier(end, n.q_start) or an.words_between(end, n.q_start) > 8:
        return False
    if not GAP_JOIN.search(an.text[end:n.q_start]):
        return False
    w = an.next_word(n.end)
    if w is None or NP_STOP.search(an.text[n.end:w[0]]):
        return False
    if n.head in ("troop", "group") and _list_ends(an, n):
        return True  # "six policías y dos militares, según…": one more item of the list
    if n.head == "troop" and not any(c.start == w[0] for c in an.c_among):
        return False  # "et 5 soldats ont été déployés": a new noun group, not a gap
    if any(c.start == w[0] for c in an.c_locative):
        nxt = an.next_word(w[1])  # "and 3 in Sumy": a place follows
        return nxt is not None and an.text[nxt[0]].isupper()
    return any(c.start == w[0] for c in an.c_among) and any(
        g.start > w[0] and an.words_between(w[1], g.start) <= 1 for g in an.c_group)  # "et 12 parmi les civils"


LIST_END = re.compile(r"^\s*(?:[,;.:)(\u2014\u2013-]|$)")


def _list_ends(an: Analysis, n: Num) -> bool:
    """'figuran seis policías y dos militares, según…', 'among the dead were six police officers
    and two soldiers.': a noun group joined to a casualty figure that ends the clause (no verb of
    its own) is one more item of the same list."""
    end = max(n.head_end, n.end)
    if any(n.end <= h.start < end for h in an.c_harm):
        return False  # "3.100 muertos … y unos 800.000 desplazados": another fate, not the toll
    return n.head_end > n.end and bool(LIST_END.match(an.text[end:end + 3]))


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
        if an.last_org and not any(c.end <= n.q_start for c in an.c_group):
            return Actor(n.start, n.end, an.last_org, "org", "")  # "170 de ses membres" after "la Minusma"
    return None


def _victim_group_after(an: Analysis, n: Num) -> Cue | None:
    """'nine deaths among its soldiers': the group named right after the outcome noun."""
    end = n.head_end
    nxt = an.next_word(end)
    if nxt is None:
        return None
    if not any(a.start == nxt[0] for a in an.c_among):
        # "о 745 погибших мирных жителях", "30 wounded soldiers": the outcome word is an attribute
        return next((c for c in an.c_group if c.start >= end and an.words_between(end, c.start) <= 1
                     and not NP_STOP.search(an.text[end:c.start]) and c.value != "unspecified"), None)
    for c in an.c_group:
        if c.start >= end and an.words_between(end, c.start) <= 3 and not NP_STOP.search(an.text[end:c.start]) \
                and not any(end <= x < c.start for x in an.num_starts) and not an.barrier(end, c.start):
            return c
    return None


MEMBER_PREPS = frozenset(("of", "de", "del", "du", "des"))  # "members of", "integrantes del", "membres du"


def _member_group(an: Analysis, n: Num) -> str | None:
    """'41 presuntos integrantes del cártel', 'membres présumés du cartel', 'члена картеля': the
    members take the group of what they belong to."""
    end = max(n.head_end, n.end)
    for c in an.c_group:
        if c.start >= end and an.words_between(end, c.start) <= 2 and c.value != "unspecified" \
                and not NP_STOP.search(an.text[end:c.start]) and not any(ch.isdigit() for ch in an.text[end:c.start]):
            words = an.text[end:c.start].lower().split()
            if not words or any(w in MEMBER_PREPS or w.startswith(("d'", "d’")) for w in words):
                return c.value
            return None
    return None


def assign_groups(an: Analysis, nums: list[Num], ctx) -> None:
    """Victim group: head noun, else the list/previous count, else a group noun of the clause;
    soldiers of an organisation, or foreign soldiers where a peace mission is reported, are
    peacekeepers."""
    prev = None
    prev_total = None
    main = ctx.main_country if ctx else None
    for n in nums:
        if n.drop or not n.outcome:
            continue
        group = None
        troopish = n.head_troop
        if n.outcome_kind == "gap":
            total = _previous_casualty(nums, n)
            group = n.head_group if n.head_group and n.head_group != "unspecified" else (total.group if total else None)
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
            group = _member_group(an, n) or "unspecified"
        if group is None and (n.head is None or n.head == "outcome" or n.others):
            if prev_total is not None and not an.barrier(prev_total.end, n.q_start) and not n.subset:
                group = prev_total.group
            elif n.subset and prev is not None and n.head is None:
                group = prev.group
            elif n.others and ctx is not None and ctx.last_casualty:
                group = ctx.last_casualty["group"]
        if group is None and n.outcome_kind in ("after", "own", "inherit") and n.head in (None, "outcome") \
                and n.outcome != "detained":  # the police that detain are agents, not victims
            lo, _hi = an.clause_bounds(n.q_start)
            for c in reversed(an.c_group):
                if lo <= c.start and c.end <= n.q_start and c.value != "unspecified":
                    if _of_a_source(an, c):
                        continue  # "une source militaire faisait état de six morts"
                    if not _agent(an, c, n):
                        group = c.value
                    break
        if (group == "state_forces" and troopish) or (group in (None, "unspecified") and n.head in ("people", "troop")):
            owner = _troop_owner(an, n)
            where = locative_country(an, 0, len(an.text), set()) or main
            if owner is not None and owner.form == "org":
                group = "peacekeepers"  # "25 of its troops" (KFOR), "170 de ses membres" (Minusma)
            elif owner is not None and troopish and ctx is not None and ctx.peacekeeping and owner.code != where:
                group = "peacekeepers"  # foreign soldiers where a peace mission is reported
        n.group = group or "unspecified"
        prev = n
        if not n.subset:
            prev_total = n


def _of_a_source(an: Analysis, g: Cue) -> bool:
    """'une source militaire', 'una fuente militar', 'security sources': the group word describes
    who reports the toll."""
    return any(an.words_between(s.end, g.start) == 0 and s.end <= g.start or
               an.words_between(g.end, s.start) == 0 and g.end <= s.start for s in an.c_source_noun)


def _agent(an: Analysis, g: Cue, n: Num) -> bool:
    """'Gunmen stormed the village, leaving 15 dead', 'Police said 12 were killed', 'los atacantes
    dejaron 15 muertos': a group noun followed by an act, a report or an outcome verb of its own
    is the doer or the source, not the victim."""
    for c in an.c_agent + an.c_speech + an.c_before:
        if g.end <= c.start < n.q_start and an.words_between(g.end, c.start) <= 3 \
                and not NP_STOP.search(an.text[g.end:c.start]):
            return True
    return False


def mark_breakdowns(nums: list[Num]) -> None:
    """'raised the figure to 30, saying 11 Italian and 19 Hungarian soldiers had been hurt':
    counts of a list that add up to a total given before them are parts of it."""
    chains: dict[int, list[Num]] = {}
    for n in nums:
        if not n.drop and n.outcome:
            chains.setdefault(n.chain, []).append(n)
    for members in chains.values():
        if len(members) < 2:
            continue
        total = sum(m.span.best or 0 for m in members)
        first = members[0]
        for t in nums:
            if t.start >= first.start:
                break
            if t.outcome == first.outcome and t.span.best == total and t.chain != first.chain:
                for m in members:
                    m.subset = True


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


def _year_is_count(an: Analysis, n: Num) -> bool:
    """'численностью 2030 военнослужащих', 'a force of 1960 troops': a year-like figure is a count
    when a troop, victim or outcome noun follows it at once and no 'in/en/в' stands before it."""
    w = an.next_word(n.end)
    if w is None or an.text[n.end:w[0]].strip():
        return False
    if not any(k in ("c_troop", "c_group", "c_people", "c_after") for k, _c in an.by_start.get(w[0], [])):
        return False
    return not any(c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0
                   and not an.text[c.end:n.q_start].strip() for c in an.c_year_before)


def _noun_follows(an: Analysis, n: Num) -> bool:
    """'к Покровску 2000 военнослужащих': a troop, victim or outcome noun right after the figure
    makes it a count even after a capitalised name (unlike 'France 24')."""
    w = an.next_word(n.end)
    if w is None or an.text[n.end:w[0]].strip():
        return False
    return any(k in ("c_troop", "c_group", "c_people", "c_after") for k, _c in an.by_start.get(w[0], []))


def drop_distractors(an: Analysis, nums: list[Num]) -> None:
    """Ages, populations, years, percentages, dates: not counts of people."""
    for n in nums:
        sp = n.span
        if getattr(sp, "is_year_like", False) and not _year_is_count(an, n):
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
        if YEAR_GLUE.match(tail):
            n.drop = True
        if PERCENT_AFTER.match(tail):
            n.drop = True
        if NAME_BEFORE.search(an.text[max(0, n.q_start - 30):n.q_start]) and not getattr(sp, "is_word", False):
            i = bisect_left(an.wstarts, n.q_start)
            named = any(a.end == n.q_start - 1 for a in an.actors)
            # "chaîne Khabar 24, 164 personnes", "France 24, 12 personnes"; not "в Таджикистан 120 и 80"
            if i >= 2 and (not named or an.text[n.end:n.end + 1] == ",") and not _noun_follows(an, n):
                n.drop = True
        if _age_in_apposition(an, n):
            n.drop = True
            continue
        w = _first_content(an, n)
        if w is not None:
            kinds = {k for k, c in an.by_start.get(w[0], [])}
            if "c_months" in kinds and an.words_between(n.end, w[0]) == 0:
                n.drop = True


AGE_NAME_BEFORE = re.compile(r"\b[A-ZÀ-ÝА-ЯЁ][\w'’-]*[a-zà-ÿа-яё], $")
AGE_AFTER = re.compile(r"^(?:\s*[,;)]|\s*$|\s+(?:and|et|y|e|и)\b)", re.IGNORECASE)


def _age_in_apposition(an: Analysis, n: Num) -> bool:
    """'Shlomi Ziv, 41, had been held', 'Juan Pérez, 41, y Luis Gómez, 35': a small figure set off by
    commas right after a person's name is an age. Country names keep their figures ('Tayikistán, 200')."""
    if getattr(n.span, "is_word", False) or (n.span.best or 0) >= 110:
        return False
    before = an.text[max(0, n.q_start - 40):n.q_start]
    if not AGE_NAME_BEFORE.search(before) or not AGE_AFTER.match(an.text[n.end:n.end + 8]):
        return False
    return not any(a.end == n.q_start - 2 for a in list(an.actors) + list(getattr(an, "raw_actors", []) or []))


# -- the sentence -------------------------------------------------------------------------

def analyse_sentence(text: str, lang: str, numbers: list, actors: list, ctx=None, cues: dict | None = None,
                     normalised: bool = False) -> SentenceFacts:
    """Facts of one sentence: casualties, troop counts and deployments (offsets in `text`)."""
    an = Analysis(text, lang, numbers, [], cues, normalised)
    an.num_starts = [sp.start for sp in numbers if not getattr(sp, "is_year_like", False)]
    an.raw_actors = actors
    an.actors = usable_actors(an, actors, ctx.main_country if ctx else None)
    an.last_org = ctx.last_org if ctx else None
    if an.c_single:
        an.numbers = numbers = sorted(list(numbers) + single_victims(an, numbers), key=lambda sp: sp.start)
    nums = [Num(sp, sp.start, sp.end, sp.q_start if sp.q_start is not None else sp.start) for sp in numbers]
    nums.sort(key=lambda n: n.start)
    drop_distractors(an, nums)
    an.num_starts = sorted(set(an.num_starts) | {n.start for n in nums if not n.drop})
    for n in nums:
        if not n.drop:
            scan_head(an, n, nums)
    build_chains(an, nums)
    mark_exceeded(an, nums)
    mark_subsets(an, nums)
    assign_outcomes(an, nums, ctx)
    mark_respective_parts(an, nums, ctx)
    keep_singles(an, nums)
    drop_crowds(an, nums)
    mark_totals(an, nums)
    mark_breakdowns(nums)
    assign_groups(an, nums, ctx)
    out = SentenceFacts()
    main = ctx.main_country if ctx else None
    for n in nums:
        if n.drop or not n.outcome:
            continue
        if n.head in ("distractor", "date"):
            continue
        country = own_soil_country(an, 0, len(an.text), set(), casualty=True) or \
            locative_country(an, 0, len(an.text), set(), pos=n.start) or main
        out.casualties.append({"num": n, "outcome": n.outcome, "group": n.group, "subset": n.subset,
                               "country": country})
    used = analyse_troops(an, nums, ctx, out)
    analyse_deployments(an, nums, ctx, used, out)
    analyse_rest(an, ctx, used, out)
    mark_anchored(an, actors, out, ctx.main_country if ctx else None)
    return out
