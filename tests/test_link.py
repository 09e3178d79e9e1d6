"""Sentence -> mentions, per phenomenon and per language, on sentences written for the tests."""
from __future__ import annotations

from datetime import date

import pytest

from transforms.extract import extract_article
from transforms.extract.numbers import find_numbers
from transforms.extract.sentences import split_sentences


def article(text: str, lang: str, headline: str = "", published=date(2024, 3, 15)) -> dict:
    full = f"{headline}\n\n{text}" if headline else text
    return {
        "article_id": "t1",
        "text": full,
        "headline_end": len(headline),
        "language": lang,
        "published_date": published,
        "published_precision": "day",
    }


def run(text: str, lang: str, **kw) -> list[dict]:
    return extract_article(article(text, lang, **kw))


def casualties(ms):
    return {(m["outcome"], m["count_best"]): m for m in ms if m["kind"] == "casualty"}


def deployments(ms):
    """One mention per (sender, receiver): the one with a count when there is one (as facts.py)."""
    out: dict = {}
    for m in ms:
        if m["kind"] != "deployment":
            continue
        k = (m["sender"], m["receiver"])
        if k not in out or (out[k]["count_best"] is None and m["count_best"] is not None):
            out[k] = m
    return out


def troops(ms):
    return {(m["actor"], m["count_best"]): m for m in ms if m["kind"] == "troop_count"}


# -- outcomes: active, passive, nominal -----------------------------------------------------

OUTCOME_CASES = [
    ("en", "Gunmen killed 12 villagers in an attack on the market in Mali.", [("killed", 12, "civilians", "exact")]),
    ("en", "At least 7 police officers were killed and 15 wounded in the blast in Kabul, Afghanistan.",
     [("killed", 7, "state_forces", "at_least"), ("injured", 15, "state_forces", "exact")]),
    ("en", "In Somalia the death toll rose to 41 on Sunday, officials said.", [("killed", 41, "unspecified", "exact")]),
    ("en", "The clashes in Sudan left five dead and dozens injured.",
     [("killed", 5, "unspecified", "exact"), ("injured", 12, "unspecified", "vague")]),
    ("en", "Police in Kenya arrested 230 protesters on Tuesday.", [("detained", 230, "protesters", "exact")]),
    ("en", "About 40 people are missing after the attack in Nigeria.", [("missing", 40, "unspecified", "approx")]),
    ("fr", "Des hommes armés ont tué 9 civils dans un village du Burkina Faso.", [("killed", 9, "civilians", "exact")]),
    ("fr", "Au moins 4 soldats ont été tués et 11 blessés lors de l'embuscade au Niger.",
     [("killed", 4, "state_forces", "at_least"), ("injured", 11, "state_forces", "exact")]),
    ("fr", "Au Tchad, le bilan s'est alourdi à 27 morts.", [("killed", 27, "unspecified", "exact")]),
    ("fr", "La police a interpellé 150 manifestants samedi en Belgique.", [("detained", 150, "protesters", "exact")]),
    ("fr", "Une quarantaine de personnes ont été placées en garde à vue au Sénégal.",
     [("detained", 40, "unspecified", "approx")]),
    ("fr", "Les affrontements au Soudan ont fait 31 morts et 82 blessés.",
     [("killed", 31, "unspecified", "exact"), ("injured", 82, "unspecified", "exact")]),
    ("es", "Los atacantes mataron a 6 campesinos en Colombia.", [("killed", 6, "civilians", "exact")]),
    ("es", "Al menos 3 policías murieron y otros 8 resultaron heridos en Ecuador.",
     [("killed", 3, "state_forces", "at_least"), ("injured", 8, "state_forces", "exact")]),
    ("es", "Fueron detenidas 320 personas durante las protestas en Chile.", [("detained", 320, "unspecified", "exact")]),
    ("es", "Más de 50 personas siguen desaparecidas en México.", [("missing", 50, "unspecified", "at_least")]),
    ("ru", "Боевики убили 14 мирных жителей в Мали.", [("killed", 14, "civilians", "exact")]),
    ("ru", "В результате взрыва в Сирии погибли 5 человек, ещё 12 получили ранения.",
     [("killed", 5, "unspecified", "exact"), ("injured", 12, "unspecified", "exact")]),
    ("ru", "Полиция Грузии задержала 48 протестующих.", [("detained", 48, "protesters", "exact")]),
    ("ru", "Не менее 3 человек пропали без вести после удара по Украине.", [("missing", 3, "unspecified", "at_least")]),
]


@pytest.mark.parametrize("lang,text,expected", OUTCOME_CASES)
def test_outcomes(lang, text, expected):
    got = casualties(run(text, lang))
    for outcome, best, group, qual in expected:
        assert (outcome, best) in got, (text, sorted(got))
        m = got[(outcome, best)]
        assert m["victim_group"] == group, (text, m)
        assert m["qualifier"] == qual, (text, m)
        assert m["is_subset"] is False
    assert len(got) == len(expected), (text, sorted(got))


# -- subsets ---------------------------------------------------------------------------------

SUBSET_CASES = [
    ("en", "Twenty people died in Haiti, including four children.", ("killed", 20), ("killed", 4, "civilians")),
    ("fr", "Huit personnes ont été tuées au Mali, dont trois policiers.", ("killed", 8), ("killed", 3, "state_forces")),
    ("es", "Murieron 15 personas en Perú, entre ellas dos menores.", ("killed", 15), ("killed", 2, "civilians")),
    ("ru", "В Казахстане погибли 10 человек, в том числе трое детей.", ("killed", 10), ("killed", 3, "civilians")),
    ("fr", "Au Liban, 57 personnes ont été blessées, dont 12 à Tyr.", ("injured", 57), ("injured", 12, "unspecified")),
]


@pytest.mark.parametrize("lang,text,total,part", SUBSET_CASES)
def test_subsets(lang, text, total, part):
    got = casualties(run(text, lang))
    assert got[total]["is_subset"] is False
    m = got[part[:2]]
    assert m["is_subset"] is True
    assert m["victim_group"] == part[2]


def test_subset_of_whom_inherits_outcome():
    got = casualties(run("Thirty people were arrested in Georgia, five of whom were minors.", "en"))
    assert got[("detained", 30)]["is_subset"] is False
    assert got[("detained", 5)]["is_subset"] is True


def test_subset_in_next_sentence_inherits_outcome_and_group():
    text = "Cinq casques bleus ont été blessés au Liban. Deux d'entre eux sont dans un état grave."
    got = casualties(run(text, "fr"))
    assert got[("injured", 5)]["victim_group"] == "peacekeepers"
    assert got[("injured", 2)]["is_subset"] is True
    assert got[("injured", 2)]["victim_group"] == "peacekeepers"


def test_revised_toll_is_not_a_subset():
    text = "The toll in Myanmar, first put at 25, rose to 38 on Friday."
    got = casualties(run(text, "en"))
    assert got[("killed", 38)]["is_subset"] is False
    assert got[("killed", 25)]["is_subset"] is False


# -- deployments and troop counts ---------------------------------------------------------------

def test_respectively_en():
    ms = run("Chad and Niger sent 500 and 300 troops respectively to Mali.", "en")
    d = deployments(ms)
    assert d[("TCD", "MLI")]["count_best"] == 500 and d[("NER", "MLI")]["count_best"] == 300
    assert d[("TCD", "MLI")]["status"] == "deployed"
    t = troops(ms)
    assert t[("TCD", 500)]["country_iso3"] == "MLI" and ("NER", 300) in t


def test_each_fr_planned():
    ms = run("Le Sénégal et le Ghana enverront 250 soldats chacun au Mali.", "fr")
    d = deployments(ms)
    for s in ("SEN", "GHA"):
        assert d[(s, "MLI")]["count_best"] == 250
        assert d[(s, "MLI")]["status"] == "planned"
    assert ("SEN", 250) in troops(ms) and ("GHA", 250) in troops(ms)


def test_respectively_es():
    ms = run("Uruguay y Argentina desplegaron 400 y 350 efectivos, respectivamente, en Haití.", "es")
    d = deployments(ms)
    assert d[("URY", "HTI")]["count_best"] == 400
    assert d[("ARG", "HTI")]["count_best"] == 350


def test_respectively_ru():
    ms = run("Казахстан и Узбекистан направят в Таджикистан 120 и 80 военнослужащих соответственно.", "ru")
    d = deployments(ms)
    assert d[("KAZ", "TJK")]["count_best"] == 120 and d[("UZB", "TJK")]["count_best"] == 80
    assert d[("KAZ", "TJK")]["status"] == "planned"


def test_each_en_range():
    ms = run("Kenya and Rwanda will each deploy between 800 and 1,000 police officers to Haiti.", "en")
    d = deployments(ms)
    for s in ("KEN", "RWA"):
        m = d[(s, "HTI")]
        assert (m["count_low"], m["count_best"], m["count_high"], m["qualifier"]) == (800, 800, 1000, "range")


def test_adjective_sender_without_count():
    d = deployments(run("French troops arrived in Chad on Monday to reinforce the border.", "en"))
    assert d[("FRA", "TCD")]["status"] == "deployed"
    assert d[("FRA", "TCD")]["count_best"] is None


def test_demonym_and_name_senders():
    d = deployments(run("Les soldats rwandais sont arrivés au Mozambique jeudi.", "fr"))
    assert ("RWA", "MOZ") in d
    d = deployments(run("Los efectivos de Bolivia llegaron a Haití el martes.", "es"))
    assert ("BOL", "HTI") in d
    d = deployments(run("Белорусские военные прибыли в Казахстан в пятницу.", "ru"))
    assert ("BLR", "KAZ") in d


def test_adjective_count_inside_noun_group():
    ms = run("About 1,500 French soldiers remain stationed in Niger.", "en")
    assert troops(ms)[("FRA", 1500)]["qualifier"] == "approx"
    assert deployments(ms)[("FRA", "NER")]["count_best"] == 1500


def test_statuses():
    d = deployments(run("Japan will send 200 troops to South Sudan next month.", "en"))
    assert d[("JPN", "SSD")]["status"] == "planned"
    d = deployments(run("Germany began withdrawing its 1,100 soldiers from Mali on Tuesday.", "en"))
    assert d[("DEU", "MLI")]["status"] == "withdrawing" and d[("DEU", "MLI")]["count_best"] == 1100
    d = deployments(run("La France a annoncé le retrait de ses 2 400 militaires du Mali.", "fr"))
    assert d[("FRA", "MLI")]["status"] == "withdrawing"
    d = deployments(run("Rusia retiró a sus 300 soldados de Siria.", "es"))
    assert d[("RUS", "SYR")]["status"] == "withdrawing"
    d = deployments(run("Армения направит в Казахстан около 100 военных.", "ru"))
    assert d[("ARM", "KAZ")]["status"] == "planned" and d[("ARM", "KAZ")]["qualifier"] == "approx"


def test_latest_stage_wins_across_the_article():
    text = "Belgium will send 300 soldiers to Mali. On Monday the Belgian soldiers began leaving Mali."
    d = deployments(run(text, "en"))
    assert d[("BEL", "MLI")]["status"] == "withdrawing"


def test_organisation_force_and_members():
    text = "The African Union deployed 5,000 troops in Somalia, and Uganda contributed 1,200 of them."
    ms = run(text, "en")
    d = deployments(ms)
    assert d[("AU", "SOM")]["count_best"] == 5000
    assert ("UGA", "SOM") in d


def test_own_territory_is_not_a_deployment():
    ms = run("Peru deployed 800 soldiers to the southern region of Puno after the protests in Peru.", "en")
    assert not deployments(ms)
    assert troops(ms)[("PER", 800)]["country_iso3"] == "PER"


def test_troop_count_without_actor():
    ms = run("About 3,000 soldiers patrolled the streets of the capital of Kazakhstan.", "en")
    t = troops(ms)
    assert (None, 3000) in t and t[(None, 3000)]["country_iso3"] == "KAZ"
    assert not deployments(ms)


def test_casualty_troops_are_not_deployments():
    ms = run("Seventeen Nigerien soldiers were killed in an ambush in Niger.", "en")
    assert ("killed", 17) in casualties(ms)
    assert not troops(ms) and not deployments(ms)


# -- distractors ------------------------------------------------------------------------------

DISTRACTORS = [
    ("en", "The army of Mali deployed 40 tanks and 12 helicopters near the border."),
    ("en", "The UN appealed for 300 million dollars to help 2 million people in Sudan."),
    ("en", "Almaty, a city of 2 million people, was calm on Sunday."),
    ("en", "Tens of thousands of protesters marched through the capital of Georgia."),
    ("en", "The base in Chad lies 40 km from the border, and 12 trucks were seen."),
    ("en", "Prosecutors in Kazakhstan opened 120 criminal cases after the riots."),
    ("en", "Fifteen countries have pledged troops to the mission in Haiti."),
    ("fr", "Des milliers de manifestants ont défilé à Paris samedi."),
    ("fr", "Le pays compte 18 millions d'habitants et 4 000 kilomètres de frontières."),
    ("fr", "Les émeutiers ont incendié 60 véhicules et pillé 200 commerces."),
    ("es", "Miles de manifestantes marcharon por las calles de Lima."),
    ("es", "La misión contará con 250 unidades de equipo militar y 30 aviones."),
    ("ru", "Возбуждено 30 уголовных дел, сообщили в МВД Казахстана."),
    ("ru", "В акции протеста в Ереване приняли участие около 10 тысяч человек."),
]


@pytest.mark.parametrize("lang,text", DISTRACTORS)
def test_distractors(lang, text):
    ms = run(text, lang)
    assert not casualties(ms) and not troops(ms), (text, ms)


def test_ages_and_dates_are_not_counts():
    ms = run("On 12 January, a 25-year-old man and 3 soldiers were wounded in Mali.", "en")
    got = casualties(ms)
    assert set(got) == {("injured", 3)}
    ms = run("Le président, 68 ans, a indiqué que 14 gendarmes avaient été blessés le 3 mai en France.", "fr")
    assert set(casualties(ms)) == {("injured", 14)}


def test_victims_without_outcome_are_not_facts():
    assert not casualties(run("Les violences ont fait plus de 2 500 victimes en Haïti.", "fr"))
    assert not casualties(run("Около тысячи человек пострадали в ходе беспорядков в Казахстане.", "ru"))


def test_name_with_number_is_not_a_count():
    got = casualties(run("Selon la chaîne France 24, 12 personnes ont été tuées au Mali.", "fr"))
    assert set(got) == {("killed", 12)}


# -- provenance --------------------------------------------------------------------------------

PROVENANCE_TEXTS = [
    ("fr", "Au moins 13 agents ont été tués et 353 blessés au Kazakhstan ; la police a détenu 3 811 personnes. "
           "L'Arménie et le Tadjikistan ont envoyé entre 100 et 200 militaires chacun au Kazakhstan."),
    ("en", "Armenia and Tajikistan have dispatched 100 and 200 troops respectively to Kazakhstan, "
           "where 164 people, including three children, had been killed."),
    ("es", "Bielorrusia ha enviado 500 soldados a Kazajistán; Tayikistán, 200, y Armenia, un centenar."),
    ("ru", "Задержаны 2 298 человек в Казахстане, ранены 95 сотрудников полиции."),
]


@pytest.mark.parametrize("lang,text", PROVENANCE_TEXTS)
def test_offsets_point_at_the_number(lang, text):
    art = article(text, lang, headline="Headline")
    ms = extract_article(art)
    assert ms
    full = art["text"]
    for m in ms:
        piece = full[m["char_start"]:m["char_end"]]
        assert piece and piece in m["quote"]
        if m["count_best"] is not None:
            spans = [n for n in find_numbers(full, lang) if n.start == m["char_start"] and n.end == m["char_end"]]
            assert spans, (piece, m)
        assert m["section"] == "body"
        assert m["extractor_version"]
        assert m["mention_id"].startswith("t1-")


def test_elliptical_list_es():
    ms = run("Bielorrusia ha enviado 500 soldados a Kazajistán; Tayikistán, 200, y Armenia, un centenar.", "es")
    t = troops(ms)
    assert ("BLR", 500) in t and ("TJK", 200) in t and ("ARM", 100) in t
    assert t[("ARM", 100)]["qualifier"] == "approx"


def test_headline_section_and_dedup_keys():
    ms = run("Au moins 12 civils ont été tués dimanche au Mali, selon l'ONU.", "fr",
             headline="Mali : 12 civils tués dans une attaque")
    sections = sorted(m["section"] for m in ms if m["kind"] == "casualty")
    assert sections == ["body", "headline"]
    assert len({m["mention_id"] for m in ms}) == len(ms)


def test_caption_section():
    text = "Des soldats français au Mali. © AFP\n\nTrois soldats français ont été blessés au Mali."
    ms = run(text, "fr")
    secs = {m["section"] for m in ms if m["kind"] == "casualty"}
    assert secs == {"body"}
    sents = split_sentences(text)
    assert sents[0].section == "caption"


def test_dates_and_places_are_filled():
    ms = run("Deux soldats ont été tués jeudi à Gao, au Mali.", "fr")
    m = casualties(ms)[("killed", 2)]
    assert m["country_iso3"] == "MLI"
    assert m["event_date"] is not None and m["date_precision"] == "day"


# -- more phrasings ---------------------------------------------------------------------------

MORE_CASES = [
    ("en", "A suicide bomber killed at least 25 people and wounded 40 others at a mosque in Peshawar, Pakistan.",
     {("killed", 25), ("injured", 40)}),
    ("en", "Two soldiers and three civilians were killed in Mali when their vehicle hit a landmine.",
     {("killed", 2), ("killed", 3)}),
    ("en", "Security forces in Kenya shot dead 11 suspected militants in a raid.", {("killed", 11)}),
    ("en", "Burkina Faso's army said it had neutralised 40 terrorists.", {("killed", 40)}),
    ("en", "Police in France said 3 officers were injured and 12 rioters detained.", {("injured", 3), ("detained", 12)}),
    ("en", "The fighting in Sudan has killed more than 500 people and displaced 200,000.", {("killed", 500)}),
    ("fr", "L'explosion a fait au moins 12 morts et une cinquantaine de blessés à Beyrouth.",
     {("killed", 12), ("injured", 50)}),
    ("fr", "Trois casques bleus ont été tués et cinq autres blessés dans le nord du Mali.",
     {("killed", 3), ("injured", 5)}),
    ("fr", "Les forces de l'ordre ont procédé à 90 interpellations en France.", {("detained", 90)}),
    ("es", "El ataque dejó al menos 18 muertos y 30 heridos en Nigeria.", {("killed", 18), ("injured", 30)}),
    ("es", "Las fuerzas de seguridad abatieron a 9 presuntos terroristas en Mali.", {("killed", 9)}),
    ("ru", "В результате атаки в Сирии погибли не менее 20 человек, более 50 получили ранения.",
     {("killed", 20), ("injured", 50)}),
    ("ru", "Число погибших в результате удара по Днепру возросло до 45 человек.", {("killed", 45)}),
    ("ru", "Силовики ликвидировали 5 боевиков в Дагестане.", {("killed", 5)}),
]


@pytest.mark.parametrize("lang,text,expected", MORE_CASES)
def test_more_phrasings(lang, text, expected):
    assert set(casualties(run(text, lang))) == expected


def test_groups_in_more_phrasings():
    got = casualties(run("Trois casques bleus ont été tués et cinq autres blessés dans le nord du Mali.", "fr"))
    assert got[("injured", 5)]["victim_group"] == "peacekeepers"  # "autres": the group of the previous count
    got = casualties(run("Les forces de l'ordre ont procédé à 90 interpellations en France.", "fr"))
    assert got[("detained", 90)]["victim_group"] == "unspecified"  # the police detain, they are not detained


MORE_NEGATIVES = [
    ("en", "He was sentenced to 15 years in prison in Russia."),
    ("en", "About 60 percent of the soldiers in Mali were conscripts."),
    ("en", "The rebels in Congo have about 10,000 fighters."),
    ("en", "The Wagner Group has about 1,000 mercenaries in Mali."),
    ("fr", "Selon l'OMS, 1 200 cas de choléra ont été recensés au Soudan."),
    ("fr", "Plus de 2 000 personnes ont fui les combats au Mali."),
    ("fr", "Deux des cinq otages ont été libérés au Mali."),
    ("es", "La guerrilla cuenta con unos 5.000 combatientes en Colombia."),
    ("ru", "В результате обстрела в Донецке повреждены 20 домов."),
    ("ru", "Более 100 человек эвакуированы из Белгорода."),
]


@pytest.mark.parametrize("lang,text", MORE_NEGATIVES)
def test_more_negatives(lang, text):
    ms = run(text, lang)
    assert not casualties(ms) and not troops(ms), (text, ms)


def test_places_locate_events_and_capitals_act():
    got = casualties(run("Deux soldats ont été tués jeudi à Gao.", "fr"))
    assert got[("killed", 2)]["country_iso3"] == "MLI"
    d = deployments(run("Paris a dépêché 1 000 gendarmes en Nouvelle-Calédonie.", "fr"))
    assert d[("FRA", "NCL")]["count_best"] == 1000
    # a city where troops are is not a sender
    assert not deployments(run("Des soldats ont été déployés à Kharkiv, en Ukraine.", "fr"))


def test_withdrawal_receiver_is_the_country_left():
    d = deployments(run("Les soldats tadjiks sont rentrés à Douchanbé après avoir quitté le Kazakhstan.", "fr"))
    assert ("TJK", "KAZ") in d and d[("TJK", "KAZ")]["status"] == "withdrawing"
