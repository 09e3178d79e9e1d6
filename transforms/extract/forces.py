"""Troops and deployments of one sentence: force sizes, their owners, senders and receivers.

A troop noun with a count is a troop_count; its owner comes from the noun group ("1,500 French
troops"), a distribution ("respectively", "each"), the clause's subject, or the force named
before; the receiver is where the clause says they are or go, else the article's main country.
"""
from __future__ import annotations

import re

from transforms.extract.actors import is_org
from transforms.extract.cues import (
    ACTOR_SEP,
    Actor,
    Analysis,
    CONJ,
    CONTINGENT,
    Cue,
    GLUE_AFTER,
    NP_STOP,
    Num,
    PAIR_SEP,
    PLACE_FORMS,
    POSSESSIVE,
    STRONG_STOP,
    SentenceFacts,
    _dash_gap,
)

# -- actors -----------------------------------------------------------------------------

def usable_actors(an: Analysis, actors: list, main: str | None) -> list[Actor]:
    """Actor spans minus those that only qualify something else ("Russia-led", "led by France")."""
    out = []
    for a in actors:
        if GLUE_AFTER.match(an.text[a.end:a.end + 12]):
            continue
        if any(c.end <= a.start and an.words_between(c.end, a.start) <= 1 and not NP_STOP.search(an.text[c.end:a.start])
               and not any(c.end <= x < a.start for x in an.num_starts)  # "said 900 U.S. troops"
               for c in an.c_ignore_before) and not _verb_follows(an, a):
            continue
        out.append(Actor(a.start, a.end, a.code, a.form, a.text))
    return out


def _council_of(an: Analysis, a) -> bool:
    """'el Consejo de Seguridad de la ONU', 'the UN Security Council': the organisation only
    owns the council that authorises a mission; it is no sender of it, even with a verb after it."""
    return any(c.end <= a.start and COUNCIL_GAP.match(an.text[c.end:a.start]) for c in an.c_council_before) or \
        any(c.start >= a.end and COUNCIL_GAP.match(an.text[a.end:c.start]) for c in an.c_council_after)


COUNCIL_GAP = re.compile(r"^\s*(?:(?:the|la|le|l['’]|el|los|las|les|de|del|des|of)\s*)*$", re.IGNORECASE)


def _verb_follows(an: Analysis, a) -> bool:
    """'said Russia has massed 100,000 troops': a deployment verb right after the name makes it
    the subject of a reported clause, not a speaker or a title."""
    return a.form in ("name", "org") and any(
        c.start >= a.end and an.words_between(a.end, c.start) <= 2 and not NP_STOP.search(an.text[a.end:c.start])
        for c in an.c_deploy)


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


def locative_country(an: Analysis, lo: int, hi: int, exclude: set, pos: int | None = None) -> str | None:
    """A country named after 'in/to/au/en/в' inside [lo, hi) (where it happens or goes); with
    pos, the one nearest to it."""
    if pos is not None:
        found = []
        for a in an.actors:
            if lo <= a.start < hi:
                code = locative_country(an, a.start, a.end, exclude)
                if code:
                    found.append((abs(a.start - pos) if a.start < pos else abs(a.start - pos) + 1, code))
        return min(found)[1] if found else None
    for a in an.actors:
        if not (lo <= a.start < hi) or a.form not in PLACE_FORMS or a.code in exclude or len(a.code) != 3 \
                or not a.code.isupper():
            continue
        if an.relative_spans() and an.in_relative(a.start) is not None and not (lo >= a.start - 1 and hi <= a.end + 1):
            continue  # "Россия, которая имеет базу в Таджикистане, направила в Казахстан": not where they go
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


def receiver_for(an: Analysis, lo: int, hi: int, exclude: set, status: str | None, main: str | None,
                 pos: int | None = None) -> str | None:
    """Where forces are, go, or (for a withdrawal) leave from; else the article's main country."""
    r = host_country(an, 0, len(an.text), exclude) or own_soil_country(an, lo, hi, exclude) \
        or locative_country(an, lo, hi, exclude, pos=pos)
    if r:
        return r
    if status == "withdrawing":
        # forces leave a country; a place they go to elsewhere in the sentence is home
        return origin_country(an, lo, hi, exclude) or origin_country(an, 0, len(an.text), exclude) or main
    return locative_country(an, 0, len(an.text), exclude) or main


def own_soil_country(an: Analysis, lo: int, hi: int, exclude: set, casualty: bool = False) -> str | None:
    """'Le Sénégal a demandé le départ des militaires présents sur son sol': the subject's
    own territory; 'Djibouti, où sont stationnés 1 500 militaires': the place before 'où'."""
    for c in an.c_own_soil:
        if lo <= c.start < hi:
            near = [a for a in an.actors if lo <= a.start < c.start and a.form in PLACE_FORMS and len(a.code) == 3]
            if near:  # the nearest country owns it, the sender too ("Perú … en su frontera": no deployment)
                return near[-1].code
    for c in an.c_where:
        if lo <= c.start < hi and not casualty:
            before = [a for a in an.actors if a.end <= c.start and an.words_between(a.end, c.start) == 0
                      and a.form in PLACE_FORMS and a.code not in exclude]
            if before:
                return before[-1].code
    return None


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


def _status_near(an: Analysis, pos: int, lo: int, hi: int, others: tuple = ()) -> str | None:
    """Stage of the deployment cue nearest to pos in the clause; a withdrawal the clause reports
    as happening wins (latest stage); presence alone means deployed. others: starts of figures of
    other lists, a cue after one of them governs it ("1,000 troops in Somalia and plans to send
    another 500")."""
    best = None
    for c in an.c_deploy:
        if c.start > pos and any(c.end <= x and an.words_between(c.end, x) <= 2 for x in others):
            continue
        if lo <= c.start < hi and not (c.value == "withdrawing" and _modal_before(an, c)) and not _negated(an, c):
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
        # presence is a state: a withdrawal the sentence reports as happening is the later stage
        # ("NATO completed its withdrawal; the US had 2,500 troops there")
        if any(c.value == "withdrawing" and not _modal_before(an, c) and not _negated(an, c) for c in an.c_deploy):
            return "withdrawing"
        return "deployed"
    return None


def _modal_before(an: Analysis, c: Cue) -> bool:
    """'would be withdrawn', 'pourrait se retirer', 'must leave by June', 'un mois pour quitter': a
    possibility, a demand, an obligation or a purpose, not a reported stage; 'will not send',
    'n'enverra pas', 'не намерена вводить': no move."""
    return any(m.end <= c.start and an.words_between(m.end, c.start) <= 2 for m in an.c_modal) or \
        any(m.end <= c.start and an.words_between(m.end, c.start) <= 2 and not NP_STOP.search(an.text[m.end:c.start])
            for m in an.c_negation)


def _negated(an: Analysis, c: Cue) -> bool:
    return any(m.end <= c.start and an.words_between(m.end, c.start) <= 2 and not NP_STOP.search(an.text[m.end:c.start])
               for m in an.c_negation)


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
                            and not _is_object(an, a) and a.form not in ("capital", "seat"):
                        best = a
            for a in an.actors:
                # "le contingent russe de 400", "la force de l'OTSC, forte de"
                if c.end <= a.end <= n.q_start and not _is_locative_actor(an, a) and a.form not in ("capital", "seat"):
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


def _hosts(an: Analysis, a: Actor, hi: int) -> bool:
    """'Le Tadjikistan abrite une base où servent 7 000 militaires': the host of the troops is
    not their owner."""
    return any(a.end <= h.start < hi and an.words_between(a.end, h.start) <= 2 for h in an.c_host)


def _deployed_participle(an: Analysis, n: Num) -> bool:
    """A bare figure whose next words say it is deployed ('2,200 already deployed', 'los 2.200 ya
    desplegados'): the troop noun of the figure before is left out."""
    return any(c.start >= n.end and an.words_between(n.end, c.start) <= 2 and not an.barrier(n.end, c.start, soft=True)
               and c.value in ("deployed", "withdrawing") for c in an.c_deploy)


def _called_up_at_home(an: Analysis, code: str | None, after: int, hi: int) -> str | None:
    """'Israel has called up 300,000 reservists', 'Россия мобилизовала 300 тысяч': a country's own
    forces called up are at home unless the clause names where they go (after the figure)."""
    lo, _ = an.clause_bounds(after)
    if not code or len(code) != 3 or is_org(code) or not any(lo <= c.start < hi for c in an.c_mobilise):
        return None
    if any(after <= c.start < hi for c in an.c_locative):
        return None  # "mobilisés dans l'archipel", "sent them to Ukraine": the place is named
    return code


def _demonym_head(an: Analysis, n: Num) -> Actor | None:
    """A part of a force counted in people of one nation ('dont 1 300 Sud-Africains',
    'including 1,300 South Africans'): that nation owns the part."""
    for a in an.actors:
        if a.start >= n.end and an.words_between(n.end, a.start) == 0 and (
                a.form == "demonym" or (a.form == "adjective" and NOUN_ENDS.match(an.text, a.end))):
            return a  # "unos 1.300 sudafricanos": an adjective that ends its noun group is the noun
    return None


NOUN_ENDS = re.compile(r"\s*(?:[,;.:)]|$|(?:y|e|et|and|и)\b)")


def _base_owner(an: Analysis, n: Num) -> Actor | None:
    """'a Russian military base where about 7,000 troops serve', 'На российской базе в
    Таджикистане служат 7 тысяч': the owner named with the base owns the troops serving there."""
    lo, _ = an.clause_bounds(n.q_start)
    for b in an.c_base:
        if b.end > n.q_start:
            continue
        where = next((w for w in an.c_where if b.end <= w.start and an.words_between(b.end, w.start) <= 2
                      and w.end <= n.q_start and an.words_between(w.end, n.q_start) <= 3), None)
        if where is None and (b.start < lo or an.words_between(b.end, n.q_start) > 4
                              or NP_STOP.search(an.text[b.end:n.q_start])):
            continue  # without "where", the base must open the figure's own clause
        limit = where.start if where is not None else n.q_start
        for a in an.actors:
            near = an.words_between(a.end, b.start) == 0 if a.end <= b.start else \
                b.end <= a.start and a.end <= limit and an.words_between(b.end, a.start) <= 1
            if near and a.form in ("adjective", "demonym", "name", "org") and not _is_locative_actor(an, a):
                return a
    return None


def _estimated_force(an: Analysis, n: Num) -> bool:
    """'оценивает численность контингента в 11 тысяч', 'cifra el contingente en 11.000': the size
    given is that of the force named before; the one who estimates it is no owner."""
    return any(c.end <= n.q_start and an.words_between(c.end, n.q_start) == 0 and CONTINGENT.search(an.text[c.start:c.end])
               for c in an.c_size)


def _anaphora_sender(an: Analysis, n: Num, lo: int, ctx) -> str | None:
    """'the force would number 2,500', 'Le contingent comptait 1 960': the force named before."""
    if ctx is None:
        return None
    for c in an.c_anaphora + an.c_unit:
        if lo <= c.start < n.q_start and an.words_between(c.end, n.q_start) <= 6:
            word = an.text[c.start:c.end].lower()
            if CONTINGENT.search(word):
                return ctx.last_sender or ctx.last_org_sender
            return ctx.last_org_sender
    return None


NON_STATE = ("militants", "rioters", "protesters", "civilians")


def _non_state_owner(an: Analysis, n: Num, lo: int) -> bool:
    """A bare or 'people' figure whose clause names an armed group, rioters or civilians before it:
    their numbers are not troops."""
    return any(lo <= g.start and g.end <= n.q_start and g.value in NON_STATE for g in an.c_group) and \
        not any(lo <= t.start and t.end <= n.q_start for t in an.c_troop)


def _place_right_after(an: Analysis, n: Num) -> str | None:
    """'…, 1,000 in Chad': a bare figure whose next words are 'in/en/в' + a country."""
    for c in an.c_locative:
        if c.start >= n.end and an.words_between(n.end, c.start) == 0 and not NP_STOP.search(an.text[n.end:c.start]):
            for a in an.actors:
                if a.start >= c.end and an.words_between(c.end, a.start) <= 1 and a.form in PLACE_FORMS \
                        and len(a.code) == 3 and not NP_STOP.search(an.text[c.end:a.start]):
                    return a.code
            return None
    return None


def _unit_of(an: Analysis, n: Num) -> bool:
    """'une force de 2 500 hommes', 'a contingent of 900 personnel': a unit noun, then of, then the figure."""
    for c in an.c_unit:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) == 1 and not NP_STOP.search(an.text[c.end:n.q_start]):
            if any(c.end <= o.start and o.end <= n.q_start for o in an.c_origin):
                return True
    return False


def _force_of(an: Analysis, n: Num) -> bool:
    """'a force of 5,000', 'un contingent de 400': a unit that is an armed force by itself,
    'of/de', then the figure (no noun after it)."""
    for c in an.c_force_unit:
        if c.end <= n.q_start and an.words_between(c.end, n.q_start) == 1 and not NP_STOP.search(an.text[c.end:n.q_start]) \
                and any(c.end <= o.start and o.end <= n.q_start for o in an.c_origin):
            return True
    return False


def _harmed(an: Analysis, n: Num, hi: int) -> bool:
    """A harm participle (kidnapped, evacuated ...) follows the figure's noun group in its clause."""
    end = max(n.head_end, n.end)
    return any(end <= c.start < hi and an.eff_between(end, c.start) <= 3 for c in an.c_harm)


def _captive(an: Analysis, n: Num, lo: int) -> bool:
    """A capturing, killing or losing verb governs the figure ("holding 1,200 soldiers who
    surrendered" aside, "уничтожив более 60 военнослужащих", "perdió 30 soldados")."""
    return any(lo <= c.start and c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 3
               and not NP_STOP.search(an.text[c.end:n.q_start]) for c in an.c_captor)


def _institution_country(an: Analysis, inst: list[Cue]) -> str | None:
    """'Минобороны России', 'the Russian defence ministry', 'le ministère russe de la Défense':
    the country named with the institution (even where it is not a subject)."""
    for c in inst:
        for a in an.raw_actors:
            if a.form not in ("name", "adjective") or len(a.code) != 3:
                continue
            if a.end <= c.start and an.words_between(a.end, c.start) == 0 and not NP_STOP.search(an.text[a.end:c.start]):
                return a.code
            if a.start >= c.start and an.words_between(c.start, a.start) <= 2 and not NP_STOP.search(an.text[c.start:a.start]):
                return a.code
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
    where_of: dict[int, str] = {}
    prev_troop: Num | None = None
    for n in nums:
        if n.drop or n.outcome:
            continue
        lo, hi = an.clause_bounds(n.q_start)
        governed = _governed_by_deploy(an, n)
        each = any(lo <= c.start < hi for c in an.c_each) or _each_before(an, n)
        pair = _pair_actor(an, n)
        sized = any(c.end <= n.q_start and an.words_between(c.end, n.q_start) <= 1 for c in an.c_size) or \
            _unit_of(an, n)
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
        elif n.head is None and prev_troop is not None and _dash_gap(an, n):
            inherit[id(n)] = prev_troop  # "…7 тысяч военнослужащих, на авиабазе в Киргизии — около 500"
        elif n.head is None and prev_troop is not None and (place := _place_right_after(an, n)) is not None:
            inherit[id(n)] = prev_troop  # "1,500 troops in Niger, 1,000 in Chad and 900 in Djibouti"
            where_of[id(n)] = place
        elif n.head is None and prev_troop is not None and _deployed_participle(an, n):
            inherit[id(n)] = prev_troop  # "600 soldiers, who join the roughly 2,200 already deployed"
        elif n.head is None and sized and any(lo <= t.start and t.end <= n.q_start for t in an.c_troop):
            pass  # "Les casques bleus, au nombre de 1 200, patrouillent"
        elif n.head is None and _force_of(an, n):
            pass  # "the force of 5,000 will be deployed", "una fuerza de 2.200"
        else:
            continue
        if (n.span.best or 0) < 2:
            continue  # "один военнослужащий охраняет вход": one person is no force size
        if any(k.end <= n.q_start and an.words_between(k.end, n.q_start) == 0 for k in an.c_kin):
            continue  # "the families of 40 soldiers": relatives, not a force
        if n.head_group in ("militants", "rioters", "protesters", "civilians"):
            continue
        if n.head != "troop" and _non_state_owner(an, n, lo):
            continue  # "Группировка боевиков насчитывает 2000 человек": an armed group's strength
        if _harmed(an, n, hi) or _captive(an, n, lo):
            continue  # "40 militares fueron secuestrados", "took 37 soldiers prisoner": victims, not a force
        n.troop = True
        troop_nums.append((n, pair))
        prev_troop = n
    if not troop_nums:
        return used
    # distribution over actors: "respectively" zips, "each" copies, "A, 200; B, 150" pairs
    assigned: dict[int, list[Actor]] = {}
    joint: list[Actor] = []
    done_chains: set = set()
    exclude = {main} if main else set()
    for n, pair in troop_nums:
        if id(n) in assigned:
            continue
        lo, hi = an.clause_bounds(n.q_start)
        members = [m for m, _ in troop_nums if m.chain == n.chain]
        if id(n) in inherit:
            dem = _demonym_head(an, n)  # "2 900 hommes, dont quelque 1 300 Sud-Africains"
            assigned[id(n)] = [dem] if dem else assigned.get(id(inherit[id(n)]), [])
            continue
        if n.np_actors:
            codes = {a.code for a in n.np_actors}
            if len(codes) > 1:
                # "600 Estonian and Latvian soldiers": a joint figure, each sender without a count
                assigned[id(n)] = []
                joint.extend(n.np_actors)
            else:
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
        each = any(lo <= c.start < hi for c in an.c_each) or _each_before(an, n)
        if each:
            grp = subject_actors(an, n.q_start, lo, exclude)
            if grp:
                assigned[id(n)] = grp
                continue
        if _estimated_force(an, n):  # "puts the size of the contingent at 11,000": the force named before
            sender = (ctx.last_sender or ctx.last_org_sender) if ctx is not None else None
            assigned[id(n)] = [Actor(n.start, n.end, sender, "anaphora", "")] if sender else []
            continue
        ua = _unit_actor(an, n, lo) or _base_owner(an, n)
        if ua is not None:
            assigned[id(n)] = [ua]
            continue
        grp = [a for a in subject_actors(an, n.q_start, lo, set()) if not _hosts(an, a, hi)]
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
        inst = [c for c in an.c_institution if lo <= c.start < hi]
        if inst:
            code = _institution_country(an, inst) or main
            if code:
                assigned[id(n)] = [Actor(n.start, n.end, code, "institution", "")]
                continue
        if main and n.head_end > 0 and any(n.end <= c.start < n.head_end + 1 for c in an.c_police):
            assigned[id(n)] = [Actor(n.start, n.end, main, "police", "")]  # police serve their own country
            continue
        if ctx is not None and ctx.last_sender and _status_near(an, n.start, lo, hi) == "withdrawing":
            assigned[id(n)] = [Actor(n.start, n.end, ctx.last_sender, "anaphora", "")]  # "le départ d'un millier de soldats"
            continue
        assigned[id(n)] = []
    for n, _pair in troop_nums:
        lo, hi = an.clause_bounds(n.q_start)
        actors = assigned.get(id(n), [])
        codes = [a.code for a in actors] or [None]
        for code in codes:
            excl = {code} if code else set()
            others = tuple(m.q_start for m, _p in troop_nums if m.chain != n.chain)
            status = _status_near(an, n.start, lo, hi, others) or _status_near(an, n.start, 0, len(an.text), others)
            home = _called_up_at_home(an, code, n.end, hi)
            if home:
                used.add(home)  # its own forces at home: no deployment from this clause
            where = where_of.get(id(n)) or home or receiver_for(an, lo, hi, excl, status, main, pos=n.start)
            out.troops.append({"num": n, "actor": code, "country": where, "status": status})
            if code and not _is_self(code, where):
                out.deployments.append({"num": n, "sender": code, "receiver": where,
                                        "status": status or "deployed", "start": n.start, "end": n.end,
                                        "explicit": any(lo <= c.start < hi for c in an.c_deploy)})
                used.add(code)
    for a in joint:
        lo, hi = an.clause_bounds(a.start)
        status = _status_near(an, a.start, lo, hi) or "deployed"
        where = receiver_for(an, lo, hi, {a.code}, status, main, pos=a.start)
        if a.code not in used and not _is_self(a.code, where):
            out.deployments.append({"num": None, "sender": a.code, "receiver": where, "status": status,
                                    "start": a.start, "end": a.end,
                                    "explicit": any(lo <= c.start < hi for c in an.c_deploy)})
            used.add(a.code)
    return used


def _is_object(an: Analysis, a: Actor) -> bool:
    """A country right after a deployment verb is where forces go or leave ("abandonaron Kazajistán")."""
    if a.form not in PLACE_FORMS:
        return False
    for c in an.c_deploy:
        if c.end <= a.start and an.words_between(c.end, a.start) <= 3 and not NP_STOP.search(an.text[c.end:a.start]) \
                and not any(c.end <= l.start < a.start for l in an.c_locative + an.c_origin) \
                and not any(c.end <= x < a.start for x in an.num_starts) \
                and not any(c.end <= t.start < a.start for t in an.c_troop + an.c_unit):
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
    if a.code in exclude or _is_object(an, a):
        return False
    if _is_locative_actor(an, a) and not _state_of(an, a):
        return False
    if a.form in ("capital", "seat") and not _acts(an, a):
        return False
    if a.form == "adjective" and not _attached_to_troops(an, a) and not _attached_to_state(an, a):
        return False
    return True


def _acts(an: Analysis, a: Actor) -> bool:
    """A capital standing for its government: a deployment verb right after it ("Paris a dépêché")."""
    return any(c.start >= a.end and an.words_between(a.end, c.start) - an.rel_words(a.end, c.start) <= 4
               and not NP_STOP.search(_outside_relative(an, a.end, c.start)) for c in an.c_deploy)


def _outside_relative(an: Analysis, a: int, b: int) -> str:
    """text[a:b] with its relative clauses (and the commas around them) cut out."""
    out, pos = [], a
    for s, e in an.relative_spans():
        if s >= a and e <= b:
            out.append(an.text[pos:s].rstrip(" ,"))
            pos = e + 1
    out.append(an.text[pos:b])
    return " ".join(out)


def _state_of(an: Analysis, a: Actor) -> bool:
    """'El Parlamento de Kirguistán', 'the government of Kenya': the state acting, not a place."""
    if a.form not in ("name", "capital"):
        return False
    for t in an.c_state:
        if t.end <= a.start and an.words_between(t.end, a.start) <= 2 and not NP_STOP.search(an.text[t.end:a.start]):
            between = an.words_between(t.end, a.start)
            light = sum(1 for c in an.c_origin + an.c_function if t.end <= c.start and c.end <= a.start)
            if between - light <= 0:
                return True
    return False


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
    if cands and an.relative_spans():
        # names inside a relative clause ("la OTSC, integrada por Rusia, Armenia ..., desplegó") do not act
        here = an.in_relative(pos)
        cands = [a for a in cands if an.in_relative(a.start) in (None, here)]
    if not cands:
        return []
    cands.sort(key=lambda a: a.start)
    said = [c for c in an.c_speech if cands[0].end <= c.start and c.end <= pos]
    if said:
        # "Ukraine said Russia has massed ...": who speaks is not who acts
        after = [a for a in cands if a.start >= said[-1].end]
        if after:
            cands = after
            lo = said[-1].end
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
    """'Tayikistán, 200': a bare number right after an actor name and a comma or dash, or after
    'with' ("followed by the United States with 600"): the figure is that actor's."""
    if n.head not in (None,):
        return None
    for a in an.actors:
        if a.end <= n.q_start and (PAIR_SEP.match(an.text[a.end:n.q_start]) or _with_between(an, a.end, n.q_start)) \
                and a.form in ("name", "org") and not _is_pure_locative(an, a):
            return a
    return None


def _each_before(an: Analysis, n: Num) -> bool:
    """'направили по 400 военнослужащих': a distributive word right before the figure."""
    if not an.lx.each_before:
        return False
    m = re.search(r"(\w+)\s+$", an.text[max(0, n.q_start - 12):n.q_start])
    return m is not None and m.group(1).lower() in an.lx.each_before


def _with_between(an: Analysis, a: int, b: int) -> bool:
    """Only a 'with' word ('avec', 'con') between an actor and a figure."""
    return an.text[a:b].strip().lower() in an.lx.pair_with


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
        if has_origin and _place_left(an, t, a):
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


def _place_left(an: Analysis, t: Cue, a: Actor) -> bool:
    """'retirera ses soldats de Somalie', 'withdraw 1,000 troops from Niger': with a possessive
    or another sender before them, troops 'from X' in a withdrawal leave X, X does not own them."""
    if any(p.end <= t.start and an.words_between(p.end, t.start) <= 3 for p in an.c_possessive):
        return True
    if not any(c.value == "withdrawing" for c in an.c_deploy):
        return False
    lo, _hi = an.clause_bounds(t.start)
    return any(lo <= b.start and b.end <= t.start and b.code != a.code and b.form in ("name", "org", "capital", "seat")
               for b in an.actors)


def _enemy_of_verb(an: Analysis, t: Cue) -> bool:
    """'to push back Ukrainian units', 'para expulsar a las unidades ucranianas': a force that is
    the object of a hostile verb is fought, not sent, in this clause."""
    return any(h.end <= t.start and an.words_between(h.end, t.start) <= 3 and not NP_STOP.search(an.text[h.end:t.start])
               for h in an.c_hostile)


def _sends_envoys(an: Analysis, c: Cue, hi: int) -> bool:
    """The verb's object is a delegation or envoys ("sent a delegation of military officers"):
    people sent, but no armed force, so troop nouns further on do not make it a deployment."""
    troops = [t.start for t in an.c_troop + an.c_unit if c.end <= t.start < hi]
    first_troop = min(troops) if troops else hi
    return any(c.end <= e.start < first_troop and an.words_between(c.end, e.start) <= 4 for e in an.c_envoy)


def _status_for_actor(an: Analysis, a: Actor, lo: int, hi: int) -> str | None:
    """Stage of a sender without a count: the nearest cue before it in the clause (it is the
    object: "arrived ... as part of the EAC force"), else the nearest after it (it is the
    subject: "Burundi has pledged troops"); a withdrawal reported in the clause wins."""
    cues = [c for c in an.c_deploy if not (c.value == "withdrawing" and _modal_before(an, c)) and not _negated(an, c)]
    before = [c for c in cues if lo <= c.start and c.end <= a.start]
    after = [c for c in cues if a.end <= c.start < hi]
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
    if not (an.c_deploy or an.c_presence) or not an.actors:
        return  # no deployment or presence word, or nobody to send: nothing to read
    main = ctx.main_country if ctx else None
    victims = [(n.start, max(n.head_end, n.end)) for n in nums if n.outcome]
    seen = set(used)
    outcome_cues = an.c_after + an.c_before
    troops_spans = [t for t in an.c_troop + an.c_unit
                    if not any(vs <= t.start <= ve for vs, ve in victims)  # victims are not deployments
                    and not any(c.end <= t.start and an.words_between(c.end, t.start) <= 2
                                and not NP_STOP.search(an.text[c.end:t.start]) for c in outcome_cues)
                    and not _enemy_of_verb(an, t)]
    owners = _names_after_troops(an, troops_spans)
    for a in an.actors:
        if a.code in seen or not a.code or a.form == "place" or (a.form in ("capital", "seat") and not _acts(an, a)):
            continue
        lo, hi = an.clause_bounds(a.start)
        if _is_pure_locative(an, a):
            continue
        if _council_of(an, a) and not any(lo <= g.start < hi and g.value == "peacekeepers" for g in an.c_group):
            continue  # "el Consejo de Seguridad de la ONU autorizó la misión": it authorises, sends nothing
        if any(h.start > a.end and an.words_between(a.end, h.start) <= 4 for h in an.c_host if lo <= h.start < hi):
            continue  # the host receives
        attached = a.start in owners or any(a.start <= t.start and t.end <= a.end for t in an.c_troop + an.c_unit)
        # (a force named as such: "коллективные миротворческие силы", "Collective Peacekeeping Forces")
        for t in troops_spans:
            if attached:
                break
            if not (lo <= t.start < hi):
                continue
            if a.form in ("adjective", "demonym"):
                # "Russian units", "soldats arméniens et kirghizes", "paracaidistas rusos"
                if t.end <= a.start and an.words_between(t.end, a.start) <= 4 and \
                        not NP_STOP.search(an.text[t.end:a.start].replace(",", "")) and \
                        not any(t.end <= h.start < a.start for h in an.c_hostile):
                    attached = True
                elif a.end <= t.start and an.words_between(a.end, t.start) <= 2 and not NP_STOP.search(an.text[a.end:t.start]):
                    attached = True
            elif a.end <= t.start and not NP_STOP.search(an.text[a.end:t.start]):
                # "Kenya's contingent", "an East African Community regional force", "NATO troops"
                if POSSESSIVE.match(an.text[a.end:a.end + 3]) and an.words_between(a.end, t.start) <= 3:
                    attached = True
                elif an.words_between(a.end, t.start) <= 2 and not any(a.end <= x < t.start for x in an.num_starts):
                    attached = True
                elif an.words_between(a.end, t.start) <= 4 and any(
                        p.end <= t.start and an.words_between(p.end, t.start) == 0 for p in an.c_possessive) \
                        and any(a.end <= c.start < t.start for c in an.c_presence + an.c_deploy):
                    attached = True  # "Djibouti will retain its contingent": the subject owns its force
        if not attached and a.form in ("name", "org", "capital", "seat"):
            # subject of a deployment verb: "La Biélorussie a déployé", "Burundi and South Sudan have pledged troops"
            for c in an.c_deploy:
                if not (lo <= c.start < hi) or c.start < a.end:
                    continue
                if _modal_before(an, c):
                    continue  # "l'ONU a appelé au retrait des troupes": a demand, not its own move
                if _sends_envoys(an, c, hi):
                    continue  # "enviará a Quito una delegación encabezada por el jefe del Comando Sur"
                grp = subject_actors(an, c.start, lo, set())
                if a not in grp or an.words_between(grp[-1].end, c.start) - an.rel_words(grp[-1].end, c.start) > 4:
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
                                "start": a.start, "end": a.end,
                                "explicit": any(lo <= c.start < hi for c in an.c_deploy)})
        seen.add(a.code)


# -- the rest of a force: senders without counts ---------------------------------------------------

REST_SEP = re.compile(
    r"^[\s,]*(?:(?:and|et|y|e|и|as well as|ainsi que|así como|а также)\b)?[\s,]*"
    r"(?:(?:the|du|des|de la|de l'|de|d'|del|de los|de las|la|le|les|l'|los|las|el|из|from)\s*)?$",
    re.IGNORECASE,
)
SENDER_FORMS = ("name", "org", "adjective", "demonym")


def _actor_list_after(an: Analysis, pos: int) -> list[Actor]:
    """'the rest come from Kenya and Ethiopia', 'le reste provient du Tchad et du Niger': the
    list of actors opening right after pos (prepositions and articles between them)."""
    cands = sorted((a for a in an.actors if a.start >= pos), key=lambda a: a.start)
    out: list[Actor] = []
    for a in cands:
        last = out[-1].end if out else pos
        gap = an.text[last:a.start]
        if not out and (NP_STOP.search(gap) or an.words_between(pos, a.start) > 2):
            break
        if out and not REST_SEP.match(gap):
            break
        if a.form not in SENDER_FORMS:
            break
        if not out and an.words_between(pos, a.start) > 0 and not any(
                pos <= o.start < a.start for o in an.c_origin + an.c_function):
            break  # only a preposition or an article may stand between
        out.append(a)
    return out


def analyse_rest(an: Analysis, ctx, used: set, out: SentenceFacts) -> None:
    """Senders of the rest of a force counted just before ("The rest come from Kenya and
    Ethiopia", "Kenya, Ethiopia and Djibouti account for the rest"): deployments without a count
    to where that force is. Only in a troop passage, and never for armed groups (fighters)."""
    if not (an.c_rest_from or an.c_rest_by):
        return
    troop_here = bool(an.c_troop or an.c_unit) or (ctx is not None and ctx.troop_context)
    if not troop_here or any(g.value in NON_STATE for g in an.c_group):
        return
    main = ctx.main_country if ctx else None
    seen = set(used) | {d["sender"] for d in out.deployments}
    for c in an.c_rest_from + an.c_rest_by:
        lo, hi = an.clause_bounds(c.start)
        if c in an.c_rest_from:
            senders = _actor_list_after(an, c.end)
        else:
            senders = [a for a in subject_actors(an, c.start, lo, set()) if a.form in SENDER_FORMS]
        if not senders:
            continue
        excl = {a.code for a in senders}
        status = _status_near(an, c.start, 0, len(an.text)) or "deployed"
        receiver = receiver_for(an, lo, hi, excl, status, main)
        for a in senders:
            if a.code in seen or _is_self(a.code, receiver):
                continue
            out.deployments.append({"num": None, "sender": a.code, "receiver": receiver, "status": status,
                                    "start": a.start, "end": a.end, "explicit": False,
                                    "anchored": True})  # part of the force counted before
            seen.add(a.code)



def mark_anchored(an: Analysis, actors: list, out: SentenceFacts, ctx_main: str | None = None) -> None:
    """Evidence for each deployment of the sentence: the receiver is named in it, a deployment
    verb of the sentence moves forces ("Paris a dépêché un millier de policiers"; "Belarus sent
    500; Tajikistan, 200"), they are peacekeepers or an organisation's mission is named with a
    country's force (a mission is abroad by definition)."""
    named = {a.code for a in actors}
    if an.c_there and ctx_main is not None:
        named.add(ctx_main)  # "présentes dans le pays", "in the country": the article's country
    moved = any(not _negated(an, c) for c in an.c_deploy) or any(g.value == "peacekeepers" for g in an.c_group)
    orgs = {a.code for a in actors if is_org(a.code)}
    for d in out.deployments:
        # a country's force counted within an organisation's mission ("400 troops in KFOR") is abroad
        in_mission = bool(orgs - {d["sender"]}) and not is_org(d["sender"])
        # a foreign force of a stated size ("Estados Unidos tenía 2.500 soldados; Alemania,
        # 1.100") is counted where the article is, unlike forces merely "present in the region"
        sized = d.get("num") is not None
        d["anchored"] = d.get("anchored") or moved or in_mission or sized or d["receiver"] in named


def drop_unanchored(mentions: list[dict]) -> None:
    """A deployment that fell back on the article's main country for its receiver and has no
    evidence of a move (mark_anchored) stands only for an organisation (its force is always
    abroad). A country's force merely present, owned or remembered somewhere unnamed is no
    deployment to the country the article is about. A mention of a deployment the article
    reports with evidence elsewhere ("the contingent numbered 1,960") still adds its count."""
    proven = {(m["sender"], m["receiver"]) for m in mentions if m["kind"] == "deployment" and m.get("_anchored", True)}
    keep = []
    for m in mentions:
        if m["kind"] == "deployment" and not m.pop("_anchored", True):
            if not (is_org(m["sender"]) or (m["sender"], m["receiver"]) in proven):
                continue
        keep.append(m)
    mentions[:] = keep
