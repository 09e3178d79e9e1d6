"""Generality of the rule-based extractor: one block per phenomenon, each in the four languages.

Every sentence is written for these tests in wire-service style (none comes from a scored
article). Each test checks what an analyst would look at: the kind of fact, its outcome, its
count (low/best/high, qualifier), the victim group, the subset flag, and for forces the sender,
the receiver and the stage. Negative blocks check that distractors give no fact.
"""
from __future__ import annotations

import pytest

from tests.test_link import casualties, deployments, run, troops


def one(ms, outcome, best=1):
    got = casualties(ms)
    assert (outcome, best) in got, sorted(got)
    return got[(outcome, best)]


# -- 1. a single victim: the indefinite article is 1 only where a casualty is reported -------------

SINGLE = [
    ("fr", "Un policier a été tué mardi lors d'une attaque contre un commissariat à Niamey, au Niger.",
     "killed", "state_forces"),
    ("fr", "Un soldat tué et trois blessés dans une embuscade dans le centre du Mali.", "killed", "state_forces"),
    ("fr", "Une fillette a été grièvement blessée par une balle perdue à Port-au-Prince, en Haïti.",
     "injured", "civilians"),
    ("en", "A soldier was killed and two others were wounded in a roadside bomb blast in Somalia.",
     "killed", "state_forces"),
    ("en", "A journalist was detained by security forces in Bamako, Mali, on Tuesday.", "detained", "civilians"),
    ("es", "Murió un agente y otros dos resultaron heridos en el ataque a la estación en Cauca, Colombia.",
     "killed", "state_forces"),
    ("es", "Un militar murió en un enfrentamiento con disidentes en el sur de Colombia.", "killed", "state_forces"),
    ("ru", "В результате обстрела погиб один военнослужащий, еще двое получили ранения.", "killed", "state_forces"),
    ("ru", "Один полицейский погиб при нападении на пост в Дагестане.", "killed", "state_forces"),
]


@pytest.mark.parametrize("lang,text,outcome,group", SINGLE)
def test_single_victim_is_an_exact_one(lang, text, outcome, group):
    m = one(run(text, lang), outcome)
    assert (m["count_low"], m["count_best"], m["count_high"], m["qualifier"]) == (1, 1, 1, "exact")
    assert m["victim_group"] == group and m["is_subset"] is False


SINGLE_NOT_A_CASUALTY = [
    ("fr", "Un soldat patrouille dans les rues de Bamako, au Mali."),
    ("fr", "Un policier a affirmé que la situation était calme à Niamey, au Niger."),
    ("en", "A soldier stands guard outside the parliament in Nairobi, Kenya."),
    ("en", "A police spokesman said the situation in Nairobi, Kenya, was calm."),
    ("es", "Un agente vigila la entrada del edificio del Congreso en Bogotá, Colombia."),
    ("ru", "Один военнослужащий охраняет вход в здание в Бишкеке."),
]


@pytest.mark.parametrize("lang,text", SINGLE_NOT_A_CASUALTY)
def test_indefinite_article_outside_casualty_context_is_nothing(lang, text):
    ms = run(text, lang)
    assert not casualties(ms) and not troops(ms), ms


def test_single_attacker_is_not_a_victim():
    got = casualties(run("A gunman killed a police officer at a checkpoint in Nairobi, Kenya.", "en"))
    assert set(got) == {("killed", 1)}
    assert got[("killed", 1)]["victim_group"] == "state_forces"


# -- 2. gapping: a bare figure after a conjunction repeats the outcome of the figure before ---------

GAPPING = [
    ("fr", "On dénombre 45 morts parmi les soldats et 12 parmi les civils au Burkina Faso.",
     {("killed", 45): "state_forces", ("killed", 12): "civilians"}),
    ("en", "Officials said 12 people were killed in Kharkiv and 3 in Sumy, in Ukraine.",
     {("killed", 12): "unspecified", ("killed", 3): "unspecified"}),
    ("es", "Murieron 12 personas en Járkov y 3 en Sumy, en Ucrania.",
     {("killed", 12): "unspecified", ("killed", 3): "unspecified"}),
    ("es", "Hubo 30 detenidos en Quito y 14 en Guayaquil, en Ecuador.",
     {("detained", 30): "unspecified", ("detained", 14): "unspecified"}),
    ("ru", "В Харькове погибли 12 человек, в Сумах — трое.",
     {("killed", 12): "unspecified", ("killed", 3): "unspecified"}),
]


@pytest.mark.parametrize("lang,text,expected", GAPPING)
def test_gapped_figure_takes_the_outcome_before(lang, text, expected):
    got = casualties(run(text, lang))
    assert set(got) == set(expected), sorted(got)
    for k, group in expected.items():
        assert got[k]["victim_group"] == group and got[k]["is_subset"] is False


# -- 3. senders without counts after "the rest come from" ------------------------------------------

REST_FROM = [
    ("en", "The African Union force in Somalia has 18,000 troops. The rest come from Kenya and Ethiopia.",
     {"KEN", "ETH"}, "SOM"),
    ("fr", "La mission de l'ONU au Mali compte 13 000 casques bleus. Le reste provient du Tchad et du Niger.",
     {"TCD", "NER"}, "MLI"),
    ("es", "La fuerza de la SADC en Mozambique cuenta con 2.000 efectivos. El resto procede de Botsuana y Angola.",
     {"BWA", "AGO"}, "MOZ"),
]


@pytest.mark.parametrize("lang,text,senders,receiver", REST_FROM)
def test_rest_come_from_senders(lang, text, senders, receiver):
    deps = deployments(run(text, lang))
    for s in senders:
        assert (s, receiver) in deps, sorted(deps)
        assert deps[(s, receiver)]["count_best"] is None


def test_fighters_coming_from_abroad_are_not_a_deployment():
    deps = deployments(run("Most of the fighters come from Chad and Sudan, the army of the Central African "
                           "Republic said.", "en"))
    assert not deps


# -- 4. victim group from the head noun, in the four languages (lexicon data) ----------------------

GROUPS = [
    ("en", "Among the dead were nine staff members of an aid group working in Sudan.", ("killed", 9), "civilians"),
    ("en", "Five miners were killed when gunmen stormed the site in eastern Congo.", ("killed", 5), "civilians"),
    ("en", "At least 30 people were wounded, most of them women and children, in the shelling in Sudan.",
     ("injured", 30), "unspecified"),
    ("fr", "Cinq pêcheurs ont été tués par des hommes armés au Cameroun.", ("killed", 5), "civilians"),
    ("fr", "Trois médecins ont été blessés dans le bombardement de l'hôpital au Soudan.", ("injured", 3), "civilians"),
    ("fr", "Quatre agents ont été blessés lors des heurts à Dakar, au Sénégal.", ("injured", 4), "state_forces"),
    ("es", "Tres carabineros resultaron heridos en los disturbios en Santiago, Chile.", ("injured", 3), "state_forces"),
    ("es", "Murieron 14 combatientes en los choques en el norte de Colombia.", ("killed", 14), "militants"),
    ("es", "Seis mineros murieron en el ataque a la mina en Colombia.", ("killed", 6), "civilians"),
    ("ru", "Трое сотрудников полиции погибли в ходе перестрелки в Дагестане.", ("killed", 3), "state_forces"),
    ("ru", "В ходе операции были ликвидированы 20 боевиков в Сирии.", ("killed", 20), "militants"),
    ("ru", "Пятеро шахтеров погибли при обстреле в Донецке.", ("killed", 5), "civilians"),
]


@pytest.mark.parametrize("lang,text,key,group", GROUPS)
def test_victim_group_from_head_noun(lang, text, key, group):
    got = casualties(run(text, lang))
    assert key in got, sorted(got)
    assert got[key]["victim_group"] == group


AGENTS = [
    ("fr", "Les assaillants ont fait 12 morts dans le village, au Mali.", ("killed", 12)),
    ("fr", "La police a annoncé 12 morts après les heurts à Dakar, au Sénégal.", ("killed", 12)),
    ("en", "Police said 12 were killed in the clashes in Nairobi, Kenya.", ("killed", 12)),
    ("en", "Gunmen stormed the village, leaving 15 dead, in Nigeria.", ("killed", 15)),
    ("es", "Los atacantes dejaron 15 muertos en el pueblo, en Colombia.", ("killed", 15)),
    ("es", "La policía informó de 12 muertos en los disturbios en Quito, Ecuador.", ("killed", 12)),
    ("ru", "Полиция сообщила о 12 погибших в Алма-Ате.", ("killed", 12)),
    ("ru", "Боевики убили 15 человек в Нигерии.", ("killed", 15)),
]


@pytest.mark.parametrize("lang,text,key", AGENTS)
def test_doer_or_source_is_not_the_victim_group(lang, text, key):
    got = casualties(run(text, lang))
    assert key in got, sorted(got)
    assert got[key]["victim_group"] == "unspecified"


POSSESSOR = [
    ("fr", "Les forces de l'ordre, qui déplorent de leur côté seize morts, restent mobilisées en France.",
     ("killed", 16), "state_forces"),
    ("fr", "Du côté des manifestants, des dizaines de blessés ont été recensés à Paris.", ("injured", 12), "protesters"),
]


@pytest.mark.parametrize("lang,text,key,group", POSSESSOR)
def test_group_that_suffers_the_toll_is_the_victim_group(lang, text, key, group):
    got = casualties(run(text, lang))
    assert got[key]["victim_group"] == group


@pytest.mark.parametrize("lang,text", [
    ("en", "The militants killed 15 and wounded 20 in the attack in Somalia."),
    ("fr", "Les jihadistes ont tué 15 personnes et en ont blessé 20 au Niger."),
    ("es", "Los atacantes mataron a 15 e hirieron a 20 en Colombia."),
    ("ru", "Боевики убили 15 и ранили 20 в Нигерии."),
])
def test_each_verb_governs_its_own_figure(lang, text):
    got = casualties(run(text, lang))
    assert ("killed", 15) in got and ("injured", 20) in got, sorted(got)
    assert ("injured", 15) not in got


# -- 5. tolls in nominal and passive forms -----------------------------------------------------------

TOLLS = [
    ("fr", "Le bilan de l'attaque s'élève à 27 morts, selon les autorités du Niger.", ("killed", 27, "exact")),
    ("fr", "L'explosion a fait quatre-vingt-dix-sept morts dans la capitale du Mali.", ("killed", 97, "exact")),
    ("fr", "Huit personnes ont perdu la vie dans les violences au Tchad.", ("killed", 8, "exact")),
    ("fr", "L'attaque a coûté la vie à neuf militaires au Burkina Faso.", ("killed", 9, "exact")),
    ("fr", "Mille deux cents personnes ont été interpellées pendant les émeutes en France.",
     ("detained", 1200, "exact")),
    ("fr", "Cinq pêcheurs sont portés disparus après l'attaque au Cameroun.", ("missing", 5, "exact")),
    ("fr", "Le bilan est passé à seize morts mardi au Niger.", ("killed", 16, "exact")),
    ("es", "Siete soldados perdieron la vida en la emboscada en Colombia.", ("killed", 7, "exact")),
    ("es", "Veinte personas fueron aprehendidas tras los saqueos en Chile.", ("detained", 20, "exact")),
    ("es", "El saldo de la masacre ascendió a 18 muertos en México.", ("killed", 18, "exact")),
    ("es", "Falleció un soldado y otros cuatro resultaron heridos en Colombia.", ("injured", 4, "exact")),
    ("ru", "Число погибших возросло до 45 в Дагестане.", ("killed", 45, "exact")),
    ("ru", "Около 20 человек пропали без вести после атаки в Судане.", ("missing", 20, "approx")),
    ("ru", "Семь военнослужащих получили ранения при обстреле в Белгороде, Россия.", ("injured", 7, "exact")),
    ("en", "Thirty-two bodies were recovered after the massacre in Burkina Faso.", ("killed", 32, "exact")),
]


@pytest.mark.parametrize("lang,text,expected", TOLLS)
def test_toll_forms(lang, text, expected):
    outcome, best, q = expected
    got = casualties(run(text, lang))
    assert (outcome, best) in got, sorted(got)
    assert got[(outcome, best)]["qualifier"] == q


# -- 6. troop counts: a force of N; the count after the actor --------------------------------------

FORCE_OF = [
    ("en", "The force of 5,000 will be deployed to Haiti by the end of the year.", 5000),
    ("fr", "Une force de 3 000 hommes doit être déployée au Mali.", 3000),
    ("es", "La misión contará con una fuerza de 2.200 efectivos en Haití.", 2200),
    ("ru", "Контингент численностью около 7 тысяч военнослужащих будет направлен в Казахстан.", 7000),
]


@pytest.mark.parametrize("lang,text,best", FORCE_OF)
def test_force_of_n_is_a_troop_count(lang, text, best):
    got = {b for (_a, b) in troops(run(text, lang))}
    assert best in got


ACTOR_THEN_COUNT = [
    ("es", "La policía desplegó 600 agentes en el centro de Quito, en Ecuador.", ("ECU", 600)),
    ("fr", "La police a déployé 600 agents dans le centre de Dakar, au Sénégal.", ("SEN", 600)),
    ("en", "Police deployed 600 officers across Nairobi, Kenya, ahead of the protests.", ("KEN", 600)),
    ("ru", "Власти Киргизии направили 500 полицейских в Бишкек для охраны порядка.", ("KGZ", 500)),
]


@pytest.mark.parametrize("lang,text,key", ACTOR_THEN_COUNT)
def test_police_count_after_actor_is_a_troop_count_not_a_deployment(lang, text, key):
    ms = run(text, lang)
    assert key in troops(ms)
    assert not deployments(ms)  # a country's own police at home


def test_force_offered_for_a_country():
    ms = run("Kenya has offered a force of 1,000 police officers for Haiti.", "en")
    assert deployments(ms)[("KEN", "HTI")]["status"] == "planned"
    assert ("KEN", 1000) in troops(ms)


# -- 7. not troop counts: things near military words, armed groups, victims ------------------------

NOT_TROOPS = [
    ("en", "Troops carried out 25 military operations in the district last month in Nigeria."),
    ("en", "The army said it had destroyed 14 military vehicles and 3 bases used by the rebels in Mali."),
    ("fr", "L'armée a mené 15 opérations militaires dans 8 districts du Mali."),
    ("fr", "Le gang compte environ 300 membres armés, selon la police haïtienne."),
    ("es", "La pandilla cuenta con unos 1.500 miembros en Haití, según la policía."),
    ("es", "Las familias de 40 soldados protestaron frente al cuartel en Colombia."),
    ("es", "El ejército realizó 20 operaciones militares en el Catatumbo, Colombia."),
    ("ru", "Военные провели 40 операций в 12 районах Сирии."),
    ("ru", "Военные уничтожили 12 единиц техники противника в Сирии."),
]


@pytest.mark.parametrize("lang,text", NOT_TROOPS)
def test_not_troop_counts(lang, text):
    assert not troops(run(text, lang))


KILLED_POLICE = [
    ("fr", "Trois policiers ont été tués et deux autres blessés dans l'attaque au Niger."),
    ("en", "Police said 5 officers were killed in the ambush in Kenya."),
    ("es", "Dos policías murieron y tres resultaron heridos en el ataque en Colombia."),
    ("ru", "Двое полицейских погибли, трое ранены в Дагестане."),
]


@pytest.mark.parametrize("lang,text", KILLED_POLICE)
def test_casualty_count_is_not_a_troop_count(lang, text):
    ms = run(text, lang)
    assert casualties(ms) and not troops(ms)


# -- 8. deployments: receiver evidence, own forces at home ------------------------------------------

NO_DEPLOYMENT = [
    ("es", "Rusia mantiene una base militar en Tayikistán desde hace décadas, recordó el diario.", "KAZ"),
    ("ru", "Россия содержит военную базу в Таджикистане с 1990-х годов.", "KAZ"),
    ("es", "El Ejército colombiano desplegó 3.000 soldados en el Cauca.", "COL"),
    ("ru", "Армия Казахстана насчитывает около 40 тысяч военнослужащих.", "KAZ"),
    ("ru", "Российские военные уже давно находятся в регионе, напомнил эксперт.", "KAZ"),
    ("es", "Las tropas rusas tienen presencia en la región desde hace años, según analistas.", "KAZ"),
]


@pytest.mark.parametrize("lang,text,topic", NO_DEPLOYMENT)
def test_no_deployment_without_evidence(lang, text, topic):
    headline = {"KAZ": "Kazajistán" if lang == "es" else "Казахстан", "COL": "Colombia"}[topic]
    assert not deployments(run(text, lang, headline=headline))


def test_unnamed_receiver_of_a_deployment_passage_is_its_topic():
    text = ("Rusia envió tropas a Kazajistán el jueves. Bielorrusia también desplegó paracaidistas, "
            "según el Ministerio de Defensa.")
    deps = deployments(run(text, "es"))
    assert ("RUS", "KAZ") in deps and ("BLR", "KAZ") in deps


def test_sender_is_never_its_own_receiver():
    for lang, text in [
        ("es", "Colombia desplegó 2.000 militares en la frontera con Venezuela."),
        ("ru", "Казахстан перебросил войска в Алматы."),
        ("fr", "Le Mali a déployé des renforts à Gao."),
    ]:
        deps = deployments(run(text, lang))
        assert all(s != r for s, r in deps), deps


# -- 9. distractors ----------------------------------------------------------------------------------

DISTRACTORS = [
    ("fr", "Près de 80 % des habitants ont fui, soit 12 000 déplacés au Burkina Faso."),
    ("fr", "Quelque 20 000 manifestants ont défilé à Paris, en France."),
    ("fr", "Les ravisseurs ont libéré 30 otages au Nigeria."),
    ("fr", "La justice a ouvert 25 enquêtes après les violences en France."),
    ("en", "Some 10,000 people have been displaced by the fighting in Sudan."),
    ("en", "The gunmen released 12 hostages after two days in Nigeria."),
    ("en", "There were 45 attacks on villages last year in Burkina Faso."),
    ("en", "The government pledged 5 million dollars to the 3 countries hit by the floods."),
    ("es", "Unas 5.000 personas marcharon en Lima, Perú."),
    ("es", "Los secuestradores liberaron a 20 rehenes en Colombia."),
    ("ru", "Более 10 тысяч человек были эвакуированы из района боев в Судане."),
    ("ru", "Боевики освободили 15 заложников в Сирии."),
    ("ru", "Возбуждено 25 уголовных дел в Казахстане."),
]


@pytest.mark.parametrize("lang,text", DISTRACTORS)
def test_distractors_give_no_fact(lang, text):
    assert not run(text, lang)


AGES = [
    ("fr", "Un homme de 35 ans a été arrêté à Lyon, en France."),
    ("en", "A 35-year-old man was arrested in London, Britain."),
    ("es", "Un hombre de 40 años fue detenido en Bogotá, Colombia."),
    ("ru", "Мужчина 35 лет задержан в Москве."),
]


@pytest.mark.parametrize("lang,text", AGES)
def test_age_is_not_a_count(lang, text):
    got = casualties(run(text, lang))
    assert not any(best in (35, 40) for (_o, best) in got), got


# -- 10. more troop and deployment details -------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("fr", "Les familles de 12 soldats disparus réclament des nouvelles, au Mali."),
    ("en", "The families of 12 missing soldiers are demanding news, in Mali."),
])
def test_relatives_keep_the_casualty_but_make_no_troop_count(lang, text):
    ms = run(text, lang)
    assert ("missing", 12) in casualties(ms) and not troops(ms)


@pytest.mark.parametrize("lang,text,headline,sender,receiver", [
    ("fr", "Les forces russes, présentes dans le pays depuis 2021, ont appuyé l'opération.",
     "Mali : offensive dans le centre", "RUS", "MLI"),
    ("en", "Turkish troops, present in the country since 2017, guard the base.",
     "Somalia: new attack in Mogadishu", "TUR", "SOM"),
    ("es", "Los militares estadounidenses, presentes en el país desde 2000, siguen en sus puestos.",
     "Colombia: nuevo ataque del ELN", "USA", "COL"),
])
def test_the_country_named_as_such_is_a_receiver(lang, text, headline, sender, receiver):
    assert (sender, receiver) in deployments(run(text, lang, headline=headline))


@pytest.mark.parametrize("lang,text,expected", [
    ("es", "La misión en Haití cuenta con 1.000 agentes kenianos y 200 jamaicanos.", {("KEN", 1000), ("JAM", 200)}),
    ("en", "The mission in Haiti has 1,000 Kenyan police officers and 200 Jamaicans.", {("KEN", 1000), ("JAM", 200)}),
])
def test_nationality_stands_for_the_troop_noun_before(lang, text, expected):
    assert expected <= set(troops(run(text, lang)))


def test_figure_after_a_capitalised_place_is_a_count_when_a_troop_noun_follows():
    assert ("UKR", 2000) in troops(run("Украина перебросила к Покровску 2000 военнослужащих.", "ru"))
    assert not run("Selon Radio Okapi 24, la situation est calme en RDC.", "fr")


# -- 11. revised tolls, gapped troop nouns, "another", bodies, inverted passives --------------------------

@pytest.mark.parametrize("lang,text,first,revised", [
    ("fr", "Le précédent bilan faisait état de douze morts ; il est passé à seize mardi au Niger.", 12, 16),
    ("en", "The first toll was 12 dead; it has since risen to 18 in Nigeria.", 12, 18),
    ("es", "El primer balance era de 12 muertos; luego subió a 26 en Perú.", 12, 26),
])
def test_revised_toll_after_a_verb_of_change(lang, text, first, revised):
    got = casualties(run(text, lang))
    assert {("killed", first), ("killed", revised)} <= set(got), sorted(got)
    assert got[("killed", revised)]["qualifier"] == "exact" and got[("killed", revised)]["is_subset"] is False


def test_gapped_figure_with_a_troop_noun_after_among():
    got = casualties(run("L'attaque a fait au moins 12 morts parmi les civils et 5 parmi les militaires au Niger.", "fr"))
    assert got[("killed", 12)]["victim_group"] == "civilians"
    assert got[("killed", 5)]["victim_group"] == "state_forces"
    assert not troops(run("L'attaque a fait au moins 12 morts parmi les civils et 5 parmi les militaires au Niger.", "fr"))


@pytest.mark.parametrize("lang,text,group", [
    ("fr", "Deux personnes sont mortes et une autre a été blessée à Nouméa.", "unspecified"),
    ("en", "Two soldiers were killed and another was wounded in Mali.", "state_forces"),
    ("es", "Dos militares murieron y otro resultó herido en Colombia.", "state_forces"),
])
def test_one_more_victim(lang, text, group):
    got = casualties(run(text, lang))
    assert got[("injured", 1)]["victim_group"] == group and got[("killed", 2)]["victim_group"] == group


@pytest.mark.parametrize("lang,text,key,group", [
    ("fr", "Les corps de 17 civils ont été découverts au Burkina Faso.", ("killed", 17), "civilians"),
    ("es", "Los cuerpos de 9 campesinos fueron hallados en Colombia.", ("killed", 9), "civilians"),
    ("en", "The bodies of 11 farmers were found in Nigeria.", ("killed", 11), "civilians"),
    ("ru", "Под стражу взяты 12 участников беспорядков в Алма-Ате.", ("detained", 12), "rioters"),
])
def test_bodies_and_inverted_passives(lang, text, key, group):
    got = casualties(run(text, lang))
    assert key in got, sorted(got)
    assert got[key]["victim_group"] == group


def test_another_before_a_figure_is_not_one():
    got = casualties(run("Another 12 people were arrested in Nairobi, Kenya.", "en"))
    assert set(got) == {("detained", 12)}


@pytest.mark.parametrize("lang,text,group", [
    ("en", "A 20-year-old soldier was killed in the attack in Mali.", "state_forces"),
    ("fr", "Un jeune de 17 ans a été tué par la police à Nanterre, en France.", "civilians"),
    ("es", "Un joven de 19 años murió baleado en Quito, Ecuador.", "civilians"),
])
def test_single_victim_with_an_age(lang, text, group):
    got = casualties(run(text, lang))
    assert set(got) == {("killed", 1)}, sorted(got)
    assert got[("killed", 1)]["victim_group"] == group


def test_member_compound_of_a_non_force_is_no_troop_count():
    assert not troops(run("The 12-member committee said 300 people were detained in 2019 in Iran.", "en"))
    assert ("KEN", 1000) in troops(run("Kenya will send a 1,000-member contingent to Haiti.", "en"))


@pytest.mark.parametrize("lang,text", [
    ("en", "12 comments. Share this article: 45 shares. 3 min read."),
    ("fr", "Lecture 4 min. 23 commentaires. Partager sur Facebook."),
    ("es", "Hace 3 horas. 15 comentarios. Compartir en Twitter."),
    ("ru", "Фото: 12 из 30. 5 минут чтения. 150 просмотров."),
])
def test_page_chrome_gives_nothing(lang, text):
    assert not run(text, lang)


@pytest.mark.parametrize("lang,text,key", [
    ("es", "Perú desplegó 1.000 soldados en la frontera con Ecuador.", ("PER", 1000)),
    ("en", "Russia has massed 100,000 troops near the border with Ukraine.", ("RUS", 100000)),
    ("fr", "Le Tchad a déployé 2 000 soldats à la frontière avec le Soudan.", ("TCD", 2000)),
    ("ru", "Россия стянула 100 тысяч военнослужащих к границе с Украиной.", ("RUS", 100000)),
])
def test_forces_on_their_own_border_are_no_deployment_to_the_neighbour(lang, text, key):
    ms = run(text, lang)
    assert key in troops(ms)
    assert not deployments(ms)


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "12 people, a police officer said, were killed in Nairobi, Kenya.", {("killed", 12)}),
    ("en", "Gunmen killed a soldier and 12 civilians in Mali.", {("killed", 1), ("killed", 12)}),
])
def test_a_source_in_an_aside_is_no_victim(lang, text, expected):
    assert set(casualties(run(text, lang))) == expected


def test_single_in_a_according_to_aside_is_no_victim():
    assert ("killed", 1) not in casualties(run("Douze personnes, selon un policier, ont été tuées à Niamey.", "fr"))


# -- 9. captives and losses are not force sizes; presence in a mission and combat are deployments ---

CAPTIVES = [
    ("en", "The rebels said they had taken 45 government soldiers prisoner near the town of Bentiu, South Sudan."),
    ("en", "The army said it had lost 120 soldiers in the fighting around Bakhmut, Ukraine."),
    ("fr", "Les rebelles affirment détenir plus de 300 militaires qui se sont rendus après la chute de Bunia, en RDC."),
    ("fr", "Le groupe armé dit avoir capturé 28 soldats lors de l'attaque d'un camp au Burkina Faso."),
    ("es", "La guerrilla capturó a 14 soldados en una emboscada en Arauca, Colombia."),
    ("es", "Al menos 90 guardias permanecen retenidos por los presos en la cárcel de Guayaquil, Ecuador."),
    ("ru", "Военные заявили, что взяли в плен 40 солдат противника под Курском."),
    ("ru", "Армия потеряла более 2 тысяч военнослужащих убитыми и ранеными за месяц боев."),
]


@pytest.mark.parametrize("lang,text", CAPTIVES)
def test_captured_killed_or_lost_soldiers_are_not_a_troop_count(lang, text):
    assert not troops(run(text, lang)), run(text, lang)


MISSION_AND_COMBAT = [
    ("es", "Guatemala y El Salvador mantienen en la misión 150 y 70 efectivos, respectivamente.", "HTI",
     {("GTM", "HTI"), ("SLV", "HTI")}),
    ("en", "Kenya and Jamaica maintain 400 and 20 police officers in the mission, respectively.", "HTI",
     {("KEN", "HTI"), ("JAM", "HTI")}),
    ("fr", "Le Burundi et l'Ouganda y ont engagé chacun plusieurs centaines de soldats.", "COD",
     {("BDI", "COD"), ("UGA", "COD")}),
    ("fr", "Entre 2 000 et 3 000 soldats tchadiens combattent aux côtés de l'armée régulière.", "NER", {("TCD", "NER")}),
    ("en", "Several thousand Eritrean troops are fighting alongside federal forces, diplomats say.", "ETH",
     {("ERI", "ETH")}),
    ("es", "Unos 500 militares ruandeses combaten junto a los rebeldes, según la ONU.", "COD", {("RWA", "COD")}),
    ("ru", "Около тысячи белорусских военных сражаются на стороне правительственных войск.", "SYR", {("BLR", "SYR")}),
]
TOPIC_NAMES = {"HTI": {"es": "Haití", "en": "Haiti"}, "COD": {"fr": "RDC"}, "NER": {"fr": "Niger"},
               "ETH": {"en": "Ethiopia"}, "SYR": {"ru": "Сирия"}}


@pytest.mark.parametrize("lang,text,topic,expected", MISSION_AND_COMBAT)
def test_presence_in_the_mission_and_combat_are_deployments_to_the_topic(lang, text, topic, expected):
    headline = TOPIC_NAMES[topic].get(lang) or next(iter(TOPIC_NAMES[topic].values()))
    if topic == "COD" and lang == "es":
        headline = "República Democrática del Congo"
    deps = deployments(run(text, lang, headline=headline))
    assert expected <= set(deps), sorted(deps)
    assert all(d["status"] == "deployed" for k, d in deps.items() if k in expected)


# -- 12. first-level regions (oblasts, provinces, départements) stand for their country -------------

REGIONS = [
    ("ru", "В Сумской области в результате обстрела погибли четыре мирных жителя.", ("killed", 4), "UKR"),
    ("ru", "В Баткенской области погибли 12 человек, еще 30 получили ранения.", ("killed", 12), "KGZ"),
    ("ru", "При атаке беспилотника в Белгородской области ранены трое.", ("injured", 3), "RUS"),
    ("en", "Three border guards were killed in clashes in Batken province on Friday.", ("killed", 3), "KGZ"),
    ("en", "Two civilians were killed by shelling in the Zaporizhzhia region.", ("killed", 2), "UKR"),
    ("es", "Dos personas murieron en los incendios en Valparaíso y el Biobío.", ("killed", 2), "CHL"),
    ("es", "Cinco militares murieron en una emboscada en Esmeraldas.", ("killed", 5), "ECU"),
    ("fr", "Cinq soldats ont été tués dans une attaque dans le département de l'Alibori.", ("killed", 5), "BEN"),
    ("fr", "Quatre civils ont été tués par une frappe dans la région de Soumy.", ("killed", 4), "UKR"),
]


@pytest.mark.parametrize("lang,text,key,country", REGIONS)
def test_region_gives_its_country(lang, text, key, country):
    got = casualties(run(text, lang))
    assert key in got, sorted(got)
    assert got[key]["country_iso3"] == country


REGION_RECEIVERS = [
    ("ru", "Около 5 тысяч военнослужащих КНДР переброшены в Курскую область, заявил госсекретарь США.",
     ("PRK", "RUS")),
    ("en", "About 5,000 North Korean troops have been moved to the Kursk region, the US secretary of state said.",
     ("PRK", "RUS")),
    ("fr", "Quelque 5 000 soldats nord-coréens ont été déployés dans la région de Koursk, selon Washington.",
     ("PRK", "RUS")),
    ("es", "Unos 5.000 soldados norcoreanos fueron trasladados a la región de Kursk, según Estados Unidos.",
     ("PRK", "RUS")),
]


@pytest.mark.parametrize("lang,text,key", REGION_RECEIVERS)
def test_region_is_the_receiver_not_the_speaker(lang, text, key):
    deps = deployments(run(text, lang))
    assert set(deps) == {key}, sorted(deps)


# -- 13. a delegation or envoys sent are no armed force, even led by a commander -------------------

ENVOYS = [
    ("es", "El Gobierno de Estados Unidos enviará a Bogotá una delegación encabezada por el jefe del Comando Sur."),
    ("es", "Rusia envió a Caracas una delegación de altos mandos militares."),
    ("en", "The United States will send a delegation led by the commander of its special forces to Quito, Ecuador."),
    ("en", "France sent a delegation of military officers to Niamey, Niger."),
    ("fr", "Les États-Unis enverront à Quito une délégation conduite par le chef des forces spéciales."),
    ("fr", "La France a envoyé à Niamey une délégation de militaires."),
    ("ru", "США направят в Кито делегацию во главе с командующим силами специальных операций."),
    ("ru", "Россия направила в Бамако делегацию военных."),
]


@pytest.mark.parametrize("lang,text", ENVOYS)
def test_envoys_are_no_deployment(lang, text):
    assert not deployments(run(text, lang))


TROOPS_AND_ENVOYS = [
    ("en", "France sent 300 soldiers and a delegation of officials to Niamey, Niger.", ("FRA", "NER")),
    ("fr", "La France a envoyé des soldats et une délégation à Niamey, au Niger.", ("FRA", "NER")),
    ("es", "Estados Unidos envió tropas y una delegación a Quito, Ecuador.", ("USA", "ECU")),
    ("ru", "Россия направила в Мали военных и делегацию Минобороны.", ("RUS", "MLI")),
]


@pytest.mark.parametrize("lang,text,key", TROOPS_AND_ENVOYS)
def test_troops_sent_with_envoys_are_a_deployment(lang, text, key):
    assert key in deployments(run(text, lang))


# -- 14. the owner of a base owns the troops serving "where" it stands --------------------------------

BASE_OWNER = [
    ("en", "Tajikistan hosts a Russian military base where about 7,000 troops serve.", ("RUS", 7000), "TJK"),
    ("fr", "Le Tadjikistan abrite une base militaire russe où servent environ 7 000 militaires.", ("RUS", 7000), "TJK"),
    ("fr", "Djibouti accueille une base française, où sont stationnés 1 500 militaires.", ("FRA", 1500), "DJI"),
    ("es", "En Tayikistán se encuentra una base militar rusa donde sirven unos 7.000 militares.", ("RUS", 7000), "TJK"),
    ("ru", "В Таджикистане расположена российская военная база, где служат около 7 тысяч военнослужащих.",
     ("RUS", 7000), "TJK"),
]


@pytest.mark.parametrize("lang,text,key,where", BASE_OWNER)
def test_base_owner_owns_the_troops_serving_there(lang, text, key, where):
    ms = run(text, lang)
    assert key in troops(ms), sorted(troops(ms))
    assert troops(ms)[key]["country_iso3"] == where
    assert (key[0], where) in deployments(ms)


BASE_WITHOUT_OWNER = [
    ("en", "Tajikistan hosts a military base where about 7,000 troops serve.", "TJK"),
    ("fr", "Le Tadjikistan abrite une base militaire où servent environ 7 000 militaires.", "TJK"),
    ("es", "Tayikistán alberga una base militar donde sirven unos 7.000 militares.", "TJK"),
    ("ru", "Таджикистан предоставил военную базу, где служат около 7 тысяч военнослужащих.", "TJK"),
]


@pytest.mark.parametrize("lang,text,host", BASE_WITHOUT_OWNER)
def test_host_of_a_base_is_not_the_owner_of_its_troops(lang, text, host):
    ms = run(text, lang)
    assert (None, 7000) in troops(ms), sorted(troops(ms))
    assert not deployments(ms)


# -- 15. a list of victim noun groups after a casualty figure: each item repeats the outcome --------

VICTIM_LIST = [
    ("es", "Entre las víctimas mortales figuran al menos seis policías estatales y dos militares, según la Fiscalía.",
     {("killed", 6): "state_forces", ("killed", 2): "state_forces"}, True),
    ("es", "En el ataque murieron cuatro civiles y tres soldados.",
     {("killed", 4): "civilians", ("killed", 3): "state_forces"}, False),
    ("fr", "Parmi les morts figurent six policiers et deux soldats, selon une source sécuritaire.",
     {("killed", 6): "state_forces", ("killed", 2): "state_forces"}, True),
    ("en", "Among the dead were six police officers and two soldiers, officials said.",
     {("killed", 6): "state_forces", ("killed", 2): "state_forces"}, True),
    ("ru", "Среди погибших шесть полицейских и двое военнослужащих, сообщили в МВД.",
     {("killed", 6): "state_forces", ("killed", 2): "state_forces"}, True),
]


@pytest.mark.parametrize("lang,text,expected,subset", VICTIM_LIST)
def test_items_of_a_victim_list_share_the_outcome(lang, text, expected, subset):
    ms = run(text, lang)
    got = casualties(ms)
    assert set(got) == set(expected), sorted(got)
    for k, group in expected.items():
        assert got[k]["victim_group"] == group and got[k]["is_subset"] is subset
    assert not troops(ms)


KILLED_THEN_DEPLOYED = [
    ("en", "Six civilians were killed and 300 soldiers were deployed to the area."),
    ("es", "Murieron seis civiles y 200 militares fueron desplegados en la zona."),
    ("fr", "Six civils ont été tués et 300 soldats ont été déployés dans la zone."),
    ("ru", "Погибли шесть мирных жителей, и 300 военнослужащих были переброшены в район."),
]


@pytest.mark.parametrize("lang,text", KILLED_THEN_DEPLOYED)
def test_force_with_its_own_deployment_verb_is_not_part_of_the_toll(lang, text):
    ms = run(text, lang)
    assert set(casualties(ms)) == {("killed", 6)}, sorted(casualties(ms))
    assert any(k[1] in (200, 300) for k in troops(ms))


LIST_WITH_GROUPS = [
    ("ru", "Погибли 1311 человек, среди них 231 военнослужащий новых властей и 250 боевиков.", ("killed", 250)),
    ("en", "Officials said 1,311 people were killed, among them 231 members of the new security forces and 250 gunmen.",
     ("killed", 250)),
    ("fr", "Le bilan s'élève à 1 311 morts, dont 231 membres des nouvelles forces de sécurité et 250 combattants.",
     ("killed", 250)),
    ("es", "Murieron 1.311 personas, entre ellas 231 miembros de las nuevas fuerzas de seguridad y 250 milicianos.",
     ("killed", 250)),
]


@pytest.mark.parametrize("lang,text,key", LIST_WITH_GROUPS)
def test_last_item_of_a_breakdown_after_an_owner_phrase(lang, text, key):
    got = casualties(run(text, lang))
    assert key in got and ("killed", 231) in got, sorted(got)
    assert got[key]["victim_group"] == "militants" and got[key]["is_subset"] is True
    assert got[("killed", 231)]["victim_group"] == "state_forces"


OTHER_FATE_IN_LIST = [
    ("es", "El conflicto dejó más de 3.100 muertos y unos 800.000 desplazados, según ACLED."),
    ("en", "The conflict has left more than 3,100 dead and some 800,000 displaced, according to ACLED."),
    ("fr", "Le conflit a fait plus de 3 100 morts et quelque 800 000 déplacés, selon ACLED."),
    ("ru", "Конфликт унес жизни более 3100 человек, около 800 000 эвакуированы, по данным ACLED."),
    ("en", "More than 3,100 people were killed, and about 800,000 were displaced."),
    ("es", "Más de 3.100 personas murieron y unas 800.000 fueron desplazadas."),
    ("fr", "Plus de 3 100 personnes ont été tuées et environ 800 000 ont été déplacées."),
]


@pytest.mark.parametrize("lang,text", OTHER_FATE_IN_LIST)
def test_displaced_after_a_toll_are_no_casualty(lang, text):
    assert set(casualties(run(text, lang))) == {("killed", 3100)}


# -- 16. "among the people killed …": the outcome inside the phrase governs the part after it --------

AMONG_PEOPLE_KILLED = [
    ("fr", "Parmi les personnes tuées figurent deux policiers, a précisé le ministre.", "killed", "state_forces"),
    ("fr", "Parmi les personnes blessées figurent trois enfants, selon l'hôpital.", "injured", "civilians"),
    ("es", "Entre las personas fallecidas hay dos policías, según el ministro.", "killed", "state_forces"),
    ("es", "Entre las personas detenidas hay dos menores de edad, según la Fiscalía.", "detained", "civilians"),
    ("en", "Among the people killed were two police officers, the minister said.", "killed", "state_forces"),
    ("ru", "Среди погибших людей двое полицейских, сообщил министр.", "killed", "state_forces"),
]


@pytest.mark.parametrize("lang,text,outcome,group", AMONG_PEOPLE_KILLED)
def test_outcome_inside_the_among_phrase(lang, text, outcome, group):
    ms = run(text, lang)
    got = casualties(ms)
    assert set(got) == {(outcome, 2 if outcome != "injured" else 3)}, sorted(got)
    m = next(iter(got.values()))
    assert m["victim_group"] == group and m["is_subset"] is True
    assert not troops(ms)


# -- 17. generic personnel nouns with a force name are troops ("600 elementos del Ejército") --------

PERSONNEL_OF_FORCE = [
    ("es", "La Secretaría de la Defensa Nacional envió a Sinaloa 600 elementos del Ejército.", ("MEX", 600)),
    ("es", "El Gobierno desplegó 300 elementos de la Guardia Nacional en Culiacán, México.", ("MEX", 300)),
    ("fr", "Le gouvernement a déployé 300 éléments de la gendarmerie à Gao, au Mali.", ("MLI", 300)),
    ("en", "The government sent 400 members of the National Guard to Tijuana, Mexico.", ("MEX", 400)),
    ("ru", "Правительство направило в Дагестан 400 сотрудников Росгвардии.", ("RUS", 400)),
]


@pytest.mark.parametrize("lang,text,key", PERSONNEL_OF_FORCE)
def test_personnel_of_a_named_force_are_troops(lang, text, key):
    got = troops(run(text, lang))
    assert key in got, sorted(got)


# -- 18. nominal arrests: "l'interpellation d'une vingtaine de suspects" --------------------------------

NOMINAL_ARREST = [
    ("fr", "L'armée a annoncé l'interpellation d'une vingtaine de suspects à Bamako.", ("detained", 20)),
    ("fr", "La police a procédé à l'arrestation de 30 personnes lors de la manifestation à Dakar.", ("detained", 30)),
    ("en", "Police announced the arrest of about 20 suspects in Bamako, Mali.", ("detained", 20)),
    ("es", "La policía anunció la detención de una veintena de sospechosos en Quito.", ("detained", 20)),
    ("ru", "Полиция сообщила о задержании около 20 подозреваемых в Бишкеке.", ("detained", 20)),
]


@pytest.mark.parametrize("lang,text,key", NOMINAL_ARREST)
def test_nominal_arrest_is_a_detention(lang, text, key):
    assert set(casualties(run(text, lang))) == {key}


# -- 19. a part of a force counted in people of one nation belongs to that nation ------------------

NATION_PART = [
    ("fr", "La force de la SADC déployée en RDC compte environ 2 900 hommes, dont quelque 1 300 Sud-Africains."),
    ("en", "The SADC force in Congo has about 2,900 troops, including some 1,300 South Africans."),
    ("es", "La fuerza de la SADC en la República Democrática del Congo cuenta con unos 2.900 efectivos, "
           "entre ellos unos 1.300 sudafricanos."),
    ("ru", "Силы САДК в ДР Конго насчитывают около 2900 военнослужащих, в том числе около 1300 южноафриканцев."),
]


@pytest.mark.parametrize("lang,text", NATION_PART)
def test_part_of_a_force_counted_in_nationals(lang, text):
    ms = run(text, lang)
    assert {("SADC", 2900), ("ZAF", 1300)} <= set(troops(ms)), sorted(troops(ms))
    deps = deployments(ms)
    assert deps[("ZAF", "COD")]["count_best"] == 1300 and ("SADC", "COD") in deps


PART_IN_A_PLACE = [
    ("fr", "La force de la SADC déployée en RDC compte environ 2 900 hommes, dont quelque 1 300 à Goma."),
    ("en", "The SADC force in Congo has about 2,900 troops, including some 1,300 in Goma."),
]


@pytest.mark.parametrize("lang,text", PART_IN_A_PLACE)
def test_part_of_a_force_in_a_place_stays_with_the_force(lang, text):
    got = troops(run(text, lang))
    assert ("SADC", 1300) in got, sorted(got)


# -- 20. "its (entire northern) border": forces sent there stay at home ----------------------------

OWN_BORDER_AREA = [
    ("es", "Perú declaró el estado de emergencia en toda su frontera norte y envió a la zona un contingente de "
           "1.000 policías, mientras que Estados Unidos anunció que enviará a Quito una delegación.", ("PER", 1000), "PER"),
    ("en", "Peru declared a state of emergency along its entire northern border and sent 1,000 police officers to "
           "the area, while the United States said it would fly a delegation to Quito, Ecuador.", ("PER", 1000), "PER"),
    ("fr", "Le Pérou a décrété l'état d'urgence sur toute sa frontière nord et y a envoyé 1 000 policiers, tandis "
           "que Washington dépêchera une délégation à Quito, en Équateur.", ("PER", 1000), "PER"),
    ("ru", "Киргизия ввела режим ЧС вдоль всей своей южной границы и перебросила туда 1500 военнослужащих, а Москва "
           "направит делегацию в Душанбе.", ("KGZ", 1500), "KGZ"),
]


@pytest.mark.parametrize("lang,text,key,where", OWN_BORDER_AREA)
def test_forces_sent_to_their_own_border_area(lang, text, key, where):
    ms = run(text, lang)
    assert troops(ms)[key]["country_iso3"] == where
    assert not deployments(ms), sorted(deployments(ms))


HOST_BORDER = [
    ("en", "Russia sent 2,000 troops to Kazakhstan to guard its border with China.", ("RUS", "KAZ")),
    ("fr", "La France a envoyé 500 soldats au Niger pour sécuriser sa frontière avec le Mali.", ("FRA", "NER")),
    ("es", "Estados Unidos envió 300 soldados a Panamá para vigilar su frontera con Colombia.", ("USA", "PAN")),
    ("ru", "Россия направила 2000 военнослужащих в Казахстан для охраны его границы с Китаем.", ("RUS", "KAZ")),
]


@pytest.mark.parametrize("lang,text,key", HOST_BORDER)
def test_border_of_the_receiving_country_is_still_a_deployment(lang, text, key):
    assert key in deployments(run(text, lang))


# -- 21. the organisation of an authorising council sends nothing; its peacekeepers are its own ------

COUNCIL_AUTHORISES = [
    ("es", "La MSS cuenta con algo más de 1.000 efectivos, lejos de los 2.500 previstos cuando el Consejo de "
           "Seguridad de la ONU autorizó la misión en Haití."),
    ("fr", "La force multinationale compte un millier de policiers, loin des 2 500 prévus lorsque le Conseil de "
           "sécurité de l'ONU a autorisé la mission en Haïti."),
    ("en", "The multinational force has about 1,000 officers, far from the 2,500 planned when the UN Security "
           "Council authorised the mission in Haiti."),
    ("ru", "Многонациональные силы насчитывают около 1000 полицейских, хотя Совет Безопасности ООН одобрил миссию "
           "в Гаити."),
]


@pytest.mark.parametrize("lang,text", COUNCIL_AUTHORISES)
def test_council_that_authorises_a_mission_is_no_sender(lang, text):
    assert ("UN", "HTI") not in deployments(run(text, lang))


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le Conseil de sécurité de l'ONU a autorisé l'envoi de casques bleus au Mali."),
    ("en", "The UN Security Council authorised the deployment of 2,000 peacekeepers to Mali."),
    ("es", "El Consejo de Seguridad de la ONU autorizó el envío de cascos azules a Malí."),
    ("ru", "Совет Безопасности ООН одобрил отправку миротворцев в Мали."),
])
def test_council_sending_peacekeepers_is_a_planned_deployment(lang, text):
    deps = deployments(run(text, lang))
    assert ("UN", "MLI") in deps and deps[("UN", "MLI")]["status"] == "planned", sorted(deps)


# -- 22. "… were among the dead": a predicate that places the noun group inside a total -------------

AMONG_PREDICATE = [
    ("en", "The health ministry said 64 children and 57 women were among the dead.", [("killed", 64), ("killed", 57)]),
    ("fr", "Au total, 120 personnes ont été tuées. Quinze enfants figurent parmi les morts.", [("killed", 15)]),
    ("es", "Murieron 120 personas. Quince niños figuran entre los muertos.", [("killed", 15)]),
    ("ru", "Погибли 120 человек. Пятнадцать детей оказались среди погибших.", [("killed", 15)]),
]


@pytest.mark.parametrize("lang,text,parts", AMONG_PREDICATE)
def test_among_the_dead_predicate_marks_a_part(lang, text, parts):
    got = casualties(run(text, lang))
    for k in parts:
        assert got[k]["is_subset"] is True and got[k]["victim_group"] == "civilians"
    if ("killed", 120) in got:
        assert got[("killed", 120)]["is_subset"] is False


@pytest.mark.parametrize("lang,text", [
    ("en", "Twelve children were killed in the strike, among the deadliest this year."),
    ("fr", "Douze enfants ont été tués dans la frappe, parmi les plus meurtrières de l'année."),
])
def test_among_a_superlative_is_no_part(lang, text):
    assert casualties(run(text, lang))[("killed", 12)]["is_subset"] is False


# -- 23. a force that is the object of a hostile verb is fought, not sent -----------------------------

ENEMY_OBJECT = [
    ("ru", "Россия сосредоточила в Курской области около 50 тысяч военнослужащих, чтобы вытеснить украинские "
           "подразделения."),
    ("en", "Russia has massed about 50,000 troops in the Kursk region to push back Ukrainian units."),
    ("fr", "La Russie a concentré environ 50 000 militaires dans la région de Koursk pour repousser les unités "
           "ukrainiennes."),
    ("es", "Rusia concentró unos 50.000 militares en la región de Kursk para expulsar a las unidades ucranianas."),
]


@pytest.mark.parametrize("lang,text", ENEMY_OBJECT)
def test_enemy_force_is_no_deployment(lang, text):
    ms = run(text, lang)
    assert ("RUS", 50000) in troops(ms)
    assert not deployments(ms), sorted(deployments(ms))


@pytest.mark.parametrize("lang,text,key", [
    ("en", "Ukrainian units attacked the village, and 2,000 Russian troops were sent to the Kursk region.",
     ("RUS", 2000)),
    ("fr", "Des unités ukrainiennes ont attaqué le village ; 2 000 militaires russes ont été envoyés dans la "
           "région de Koursk.", ("RUS", 2000)),
])
def test_attackers_do_not_block_the_force_sent(lang, text, key):
    assert key in troops(run(text, lang))


# -- 24. stages: a withdrawal whose object is a pronoun; a sender keeping its force ------------------

PRONOUN_WITHDRAWAL = [
    ("en", "Somalia", "Burundi, which had more than 2,000 soldiers in the previous mission, began pulling them out "
                      "last month."),
    ("fr", "Somalie", "Le Burundi, qui comptait plus de 2 000 soldats dans la mission précédente, a commencé à les "
                      "retirer le mois dernier."),
    ("es", "Somalia", "Burundi, que tenía más de 2.000 soldados en la misión anterior, comenzó a retirarlos el mes "
                      "pasado."),
    ("ru", "Сомали", "Бурунди, у которой в прежней миссии было более 2000 военнослужащих, в прошлом месяце начала "
                     "их выводить."),
]


@pytest.mark.parametrize("lang,headline,text", PRONOUN_WITHDRAWAL)
def test_withdrawal_of_them_is_the_latest_stage(lang, headline, text):
    deps = deployments(run(text, lang, headline=headline))
    assert deps[("BDI", "SOM")]["status"] == "withdrawing" and deps[("BDI", "SOM")]["count_best"] == 2000


KEEPS_ITS_FORCE = [
    ("en", "Kenya will retain its contingent in Somalia."),
    ("en", "Djibouti will keep its troops in Somalia."),
    ("fr", "Djibouti conservera son contingent dans la région de Hiraan, en Somalie."),
    ("es", "Yibuti mantendrá su contingente en la región de Hiraan, en Somalia."),
    ("ru", "Джибути сохранит свой контингент в регионе Хиран в Сомали."),
]


@pytest.mark.parametrize("lang,text", KEEPS_ITS_FORCE)
def test_sender_keeping_its_force_is_deployed(lang, text):
    deps = deployments(run(text, lang))
    assert len(deps) == 1 and next(iter(deps.values()))["status"] == "deployed"
    assert next(iter(deps))[1] == "SOM"


# -- 25. a bare figure "already deployed" after a force figure leaves out its troop noun ---------------

ALREADY_DEPLOYED = [
    ("en", "Mexico's army sent 600 more soldiers to Sinaloa, who join the roughly 2,200 already deployed in the state."),
    ("es", "El Ejército mexicano envió a Sinaloa 600 soldados, que se suman a los cerca de 2.200 ya desplegados en "
           "la entidad."),
    ("fr", "L'armée mexicaine a envoyé 600 soldats au Sinaloa, qui s'ajoutent aux quelque 2 200 déjà déployés dans "
           "l'État."),
    ("ru", "Мексиканская армия направила в Синалоа еще 600 военнослужащих в дополнение к примерно 2200 уже "
           "переброшенным в штат."),
]


@pytest.mark.parametrize("lang,text", ALREADY_DEPLOYED)
def test_already_deployed_figure_is_a_troop_count(lang, text):
    got = troops(run(text, lang))
    assert {("MEX", 600), ("MEX", 2200)} <= set(got), sorted(got)
    assert got[("MEX", 2200)]["country_iso3"] == "MEX"


@pytest.mark.parametrize("lang,text", [
    ("en", "Mexico's army sent 600 soldiers to Sinaloa, where some 2,200 residents have already been displaced."),
    ("es", "El Ejército mexicano envió 600 soldados a Sinaloa, donde unas 2.200 personas ya fueron desplazadas."),
])
def test_displaced_figure_after_a_force_is_no_troop_count(lang, text):
    got = troops(run(text, lang))
    assert not any(k[1] == 2200 for k in got), sorted(got)


# -- 26. victim group: members take the group they belong to; an attributive outcome word ----------

MEMBERS_OF_GROUP = [
    ("es", "Las autoridades han detenido a 41 presuntos integrantes del cártel en Culiacán.", ("detained", 41),
     "militants"),
    ("es", "Murieron seis miembros de una pandilla en un tiroteo en San Salvador.", ("killed", 6), "militants"),
    ("fr", "La police a arrêté 41 membres présumés du cartel à Marseille.", ("detained", 41), "militants"),
    ("en", "Police arrested 41 members of the gang in Port-au-Prince.", ("detained", 41), "militants"),
    ("ru", "Полиция задержала 41 члена картеля в Мехико.", ("detained", 41), "militants"),
    ("ru", "В перестрелке погибли 12 членов банды.", ("killed", 12), "militants"),
    ("en", "Police arrested 41 members of the opposition party in Dhaka.", ("detained", 41), "unspecified"),
]


@pytest.mark.parametrize("lang,text,key,group", MEMBERS_OF_GROUP)
def test_members_take_the_group_they_belong_to(lang, text, key, group):
    got = casualties(run(text, lang))
    assert got[key]["victim_group"] == group


ATTRIBUTIVE_OUTCOME = [
    ("ru", "Правозащитники сообщали о 745 погибших мирных жителях.", ("killed", 745), "civilians"),
    ("ru", "Минобороны сообщило о 30 раненых военнослужащих.", ("injured", 30), "state_forces"),
    ("en", "The hospital received 30 wounded soldiers overnight.", ("injured", 30), "state_forces"),
    ("en", "Rescuers recovered 12 dead civilians from the rubble.", ("killed", 12), "civilians"),
]


@pytest.mark.parametrize("lang,text,key,group", ATTRIBUTIVE_OUTCOME)
def test_attributive_outcome_word_before_the_victim_noun(lang, text, key, group):
    got = casualties(run(text, lang))
    assert got[key]["victim_group"] == group, got


BODY_OF_ORGANISATION = [
    ("es", "El fondo fiduciario de la ONU para la misión en Haití ha recibido apenas 110 millones de dólares."),
    ("en", "The UN trust fund for the mission in Haiti has received only 110 million dollars."),
    ("fr", "Le fonds fiduciaire de l'ONU pour la mission en Haïti n'a reçu que 110 millions de dollars."),
    ("ru", "Фонд ООН для миссии в Гаити получил лишь 110 миллионов долларов."),
]


@pytest.mark.parametrize("lang,text", BODY_OF_ORGANISATION)
def test_fund_or_office_of_an_organisation_sends_nothing(lang, text):
    ms = run(text, lang)
    assert not deployments(ms) and not troops(ms)


# -- 27. a group word that describes the source is not the victim group -------------------------------

SOURCE_ATTRIBUTE = [
    ("fr", "Un premier bilan communiqué mercredi par une source militaire faisait état de six morts."),
    ("es", "Un primer balance difundido el miércoles por una fuente militar daba cuenta de seis muertos."),
    ("en", "A first toll released on Wednesday by a military source reported six dead."),
    ("ru", "Военный источник сообщил о шести погибших."),
]


@pytest.mark.parametrize("lang,text", SOURCE_ATTRIBUTE)
def test_group_word_of_the_source_is_not_the_victims(lang, text):
    assert casualties(run(text, lang))[("killed", 6)]["victim_group"] == "unspecified"


@pytest.mark.parametrize("lang,text", [
    ("fr", "Des militaires ont été pris pour cible : six ont été tués, selon une source locale."),
    ("fr", "Six soldats ont été tués, selon une source locale."),
    ("es", "Seis militares murieron, según una fuente local."),
])
def test_victim_group_with_a_source_after_it_still_counts(lang, text):
    assert casualties(run(text, lang))[("killed", 6)]["victim_group"] == "state_forces"


# -- 28. bare figures joined before one outcome noun share it ("dos y tres fallecidos") -------------

SHARED_OUTCOME_NOUN = [
    ("es", "En Valparaíso y en el Biobío se registraron dos y tres fallecidos, respectivamente."),
    ("fr", "À Ziguinchor et à Kolda, on dénombre respectivement deux et trois morts."),
    ("ru", "В Баткене и Оше было двое и трое погибших."),
    ("en", "Valparaiso and Biobio recorded two and three deaths, respectively."),
]


@pytest.mark.parametrize("lang,text", SHARED_OUTCOME_NOUN)
def test_bare_figures_share_the_outcome_noun_after_them(lang, text):
    assert set(casualties(run(text, lang))) == {("killed", 2), ("killed", 3)}


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Les 7 et 8 janvier, 30 personnes ont été tuées à Dakar.", {("killed", 30)}),
    ("es", "Los días 7 y 8 de enero murieron 30 personas en Quito.", {("killed", 30)}),
])
def test_dates_joined_before_a_toll_are_no_figures(lang, text, expected):
    assert set(casualties(run(text, lang))) == expected


# -- 29. gerund of killing; "à lui seul" inside a toll verb; two group nouns side by side -----------

GERUND_KILL = [
    ("ru", "Армия нанесла удар по месту совещания, уничтожив более 60 украинских военнослужащих."),
    ("en", "The ministry said it struck a command meeting, killing more than 60 Ukrainian servicemen."),
    ("fr", "Le ministère affirme avoir frappé une réunion de commandement, tuant plus de 60 militaires ukrainiens."),
    ("es", "El ministerio afirmó haber atacado una reunión de mando, matando a más de 60 militares ucranianos."),
]


@pytest.mark.parametrize("lang,text", GERUND_KILL)
def test_gerund_of_killing_gives_the_toll(lang, text):
    m = casualties(run(text, lang))[("killed", 60)]
    assert m["qualifier"] == "at_least" and m["victim_group"] == "state_forces"


def test_alone_inside_the_toll_verb_is_a_part():
    got = casualties(run("Au moins 70 personnes ont été tuées. Le nombre de morts parmi les soldats s'élève à lui "
                         "seul à une soixantaine.", "fr"))
    assert got[("killed", 60)]["is_subset"] is True and got[("killed", 60)]["qualifier"] == "approx"
    assert got[("killed", 60)]["victim_group"] == "state_forces"


COMPOUND_GROUP = [
    ("fr", "Le nombre de morts parmi les élèves gendarmes s'élève à une soixantaine."),
    ("en", "The number of student officers killed has risen to 60."),
    ("es", "El número de cadetes policías muertos asciende a 60."),
    ("ru", "Число погибших курсантов-полицейских возросло до 60."),
]


@pytest.mark.parametrize("lang,text", COMPOUND_GROUP)
def test_second_of_two_group_nouns_is_the_group(lang, text):
    assert casualties(run(text, lang))[("killed", 60)]["victim_group"] == "state_forces"


# -- 30. a toll that passed / exceeded a figure is at least that figure -------------------------------

EXCEEDED = [
    ("en", "The death toll from the clashes passed 150 on Sunday, police said."),
    ("fr", "Le nombre de morts dépasse désormais 150, selon la police."),
    ("fr", "Le bilan des affrontements a dépassé 150 morts."),
    ("es", "La cifra de muertos supera ya los 150, según la policía."),
    ("ru", "Число погибших превысило 150, сообщила полиция."),
]


@pytest.mark.parametrize("lang,text", EXCEEDED)
def test_exceeded_toll_is_at_least(lang, text):
    m = casualties(run(text, lang))[("killed", 150)]
    assert (m["count_low"], m["count_best"], m["count_high"], m["qualifier"]) == (150, 150, None, "at_least")


@pytest.mark.parametrize("lang,text", [
    ("en", "The death toll rose to 150 on Sunday, police said."),
    ("es", "La cifra de muertos ascendió a 150, según la policía."),
])
def test_risen_toll_stays_exact(lang, text):
    assert casualties(run(text, lang))[("killed", 150)]["qualifier"] == "exact"


# -- 31. a small figure in commas after a person's name is an age ------------------------------------

AGE_APPOSITION = [
    ("en", "The four freed hostages, Noa Levi, 26, Omer Katz, 22, and Shlomi Cohen, 41, had been held in two "
           "apartments."),
    ("en", "Police arrested the opposition leader, John Mensah, 41, on Monday in Accra, Ghana."),
    ("fr", "L'opposant Amadou Diallo, 41, a été arrêté lundi à Conakry."),
    ("es", "Los detenidos, Juan Pérez, 41, y Luis Gómez, 35, fueron trasladados a Quito."),
    ("ru", "Задержанный активист Иван Петров, 41, был доставлен в отдел полиции."),
]


@pytest.mark.parametrize("lang,text", AGE_APPOSITION)
def test_age_after_a_name_is_no_count(lang, text):
    assert not casualties(run(text, lang)), casualties(run(text, lang))


@pytest.mark.parametrize("lang,text,key", [
    ("es", "Bielorrusia envió 500 soldados a Kazajistán; Tayikistán, 200; Kirguistán, 150.", ("TJK", 200)),
    ("en", "In Bentiu, 12 were killed, and in Malakal, 30 were wounded, in South Sudan.", ("killed", 12)),
])
def test_figures_after_a_country_or_town_are_kept(lang, text, key):
    ms = run(text, lang)
    assert key in troops(ms) or key in casualties(ms), ms


# -- 32. forces called up are at home: troop count in the calling country, no deployment -------------

CALLED_UP = [
    ("en", "Gaza war", "Israel has called up some 300,000 reservists since the start of the war.", ("ISR", 300000)),
    ("fr", "Guerre à Gaza", "Israël a mobilisé quelque 300 000 réservistes depuis le début de la guerre.", ("ISR", 300000)),
    ("es", "Guerra en Gaza", "Israel ha movilizado a unos 300.000 reservistas desde el inicio de la guerra.",
     ("ISR", 300000)),
    ("ru", "Война в Газе", "Израиль призвал около 300 тысяч резервистов с начала войны.", ("ISR", 300000)),
]


@pytest.mark.parametrize("lang,headline,text,key", CALLED_UP)
def test_called_up_forces_are_at_home(lang, headline, text, key):
    ms = run(text, lang, headline=headline)
    assert troops(ms)[key]["country_iso3"] == key[0]
    assert not deployments(ms), sorted(deployments(ms))


@pytest.mark.parametrize("lang,headline,text,key", [
    ("en", "War in Ukraine", "Russia mobilised 300,000 reservists and sent them to Ukraine.", ("RUS", "UKR")),
    ("fr", "Guerre en Ukraine", "La Russie a mobilisé 300 000 réservistes et les a envoyés en Ukraine.", ("RUS", "UKR")),
])
def test_called_up_then_sent_abroad_is_a_deployment(lang, headline, text, key):
    assert key in deployments(run(text, lang, headline=headline))


def test_russian_urging_is_no_call_up():
    ms = run("США, у которых в Сирии около 2 000 военных, призвали стороны к сдержанности.", "ru")
    assert ("USA", "SYR") in deployments(ms)


# -- 33. an estimate of a force's size: the force named before owns it, not the one who estimates ----

ESTIMATED_FORCE = [
    ("ru", "Около 8 тысяч военнослужащих КНДР переброшены в Курскую область. Разведка Южной Кореи оценивает "
           "численность контингента в 11–12 тысяч человек."),
    ("en", "About 8,000 North Korean troops have been moved to the Kursk region. South Korean intelligence puts "
           "the size of the contingent at 11,000."),
    ("fr", "Quelque 8 000 soldats nord-coréens ont été déployés dans la région de Koursk. Le renseignement "
           "sud-coréen estime l'effectif du contingent à 11 000 hommes."),
    ("es", "Unos 8.000 soldados norcoreanos fueron trasladados a la región de Kursk. La inteligencia surcoreana "
           "cifra el contingente en entre 11.000 y 12.000 efectivos."),
]


@pytest.mark.parametrize("lang,text", ESTIMATED_FORCE)
def test_estimated_size_belongs_to_the_force_named_before(lang, text):
    ms = run(text, lang)
    got = troops(ms)
    assert ("PRK", 11000) in got and got[("PRK", 11000)]["country_iso3"] == "RUS", sorted(got)
    assert not any(k[0] == "KOR" for k in got) and set(deployments(ms)) == {("PRK", "RUS")}


# -- 34. figures spread "respectively" over places after a toll are parts of it ----------------------

RESPECTIVE_PARTS = [
    ("fr", "Le gouvernement a fait état de neuf morts à Gao et à Kidal, qui en comptaient respectivement six et trois."),
    ("en", "The government reported nine dead in Gao and Kidal, which recorded six and three respectively."),
    ("es", "El gobierno informó de nueve muertos en Gao y Kidal, que registraron seis y tres, respectivamente."),
    ("ru", "Власти сообщили о девяти погибших в Гао и Кидале, где их было шесть и три соответственно."),
]


@pytest.mark.parametrize("lang,text", RESPECTIVE_PARTS)
def test_respective_figures_after_a_toll_are_its_parts(lang, text):
    got = casualties(run(text, lang))
    assert set(got) == {("killed", 9), ("killed", 6), ("killed", 3)}, sorted(got)
    assert got[("killed", 9)]["is_subset"] is False
    assert got[("killed", 6)]["is_subset"] is True and got[("killed", 3)]["is_subset"] is True


def test_respective_parts_of_a_toll_given_earlier():
    got = casualties(run("Погибли 59 человек. В Баткенской и Ошской областях погибли соответственно 52 и 7 человек.",
                         "ru"))
    assert got[("killed", 52)]["is_subset"] is True and got[("killed", 7)]["is_subset"] is True


@pytest.mark.parametrize("lang,text", [
    ("es", "Murieron 15 personas en el ataque. Tayikistán y Kirguistán enviarán 200 y 150, respectivamente."),
    ("en", "Fifteen people were killed in the attack. Tajikistan and Kyrgyzstan will send 200 and 150 respectively."),
])
def test_respective_figures_of_senders_are_no_casualties(lang, text):
    assert set(casualties(run(text, lang))) == {("killed", 15)}


# -- 35. victim group: signatories of a peace deal and social leaders are civilians -------------------

CIVILIAN_ROLES = [
    ("es", "Más de 400 firmantes del acuerdo de paz han sido asesinados en Colombia desde 2016.", ("killed", 400)),
    ("es", "Al menos 12 líderes sociales fueron asesinados este año en el Cauca, Colombia.", ("killed", 12)),
    ("en", "More than 400 signatories of the peace deal have been killed in Colombia since 2016.", ("killed", 400)),
    ("fr", "Plus de 400 signataires de l'accord de paix ont été tués en Colombie depuis 2016.", ("killed", 400)),
    ("ru", "С 2016 года в Колумбии убиты более 400 подписантов мирного соглашения.", ("killed", 400)),
]


@pytest.mark.parametrize("lang,text,key", CIVILIAN_ROLES)
def test_peace_deal_signatories_and_social_leaders_are_civilians(lang, text, key):
    assert casualties(run(text, lang))[key]["victim_group"] == "civilians"


# -- 36. forces kept abroad, bases named before the figure, forces counted within a mission --------

KEPT_ABROAD = [
    ("fr", "Au Sénégal, Paris ne maintient plus qu'environ 350 hommes.", "Mali", ("FRA", "SEN"), 350),
    ("en", "In Djibouti, Washington still keeps some 4,000 personnel.", "Somalia", ("USA", "DJI"), 4000),
    ("es", "En Irak, España mantiene unos 300 efectivos.", "Siria", ("ESP", "IRQ"), 300),
    ("ru", "Россия держит в Армении около 3 тысяч военнослужащих.", "Азербайджан", ("RUS", "ARM"), 3000),
    ("ru", "На российской военной базе в Армении служат около 3 тысяч военнослужащих.", "Азербайджан",
     ("RUS", "ARM"), 3000),
    ("fr", "La base française de Djibouti abrite quelque 1 500 militaires.", "Somalie", ("FRA", "DJI"), 1500),
]


@pytest.mark.parametrize("lang,text,headline,pair,best", KEPT_ABROAD)
def test_force_kept_abroad_is_a_deployment_with_its_size(lang, text, headline, pair, best):
    ms = run(text, lang, headline=headline)
    assert pair in deployments(ms), sorted(deployments(ms))
    assert (pair[0], best) in troops(ms), sorted(troops(ms))


IN_MISSION = [
    ("en", "Poland, which has about 250 troops in KFOR, condemned the attack.", "Kosovo", ("POL", "XKX")),
    ("fr", "Le Sénégal, qui compte près de 800 soldats au sein de la MINUSMA, a condamné l'attaque.", "Mali",
     ("SEN", "MLI")),
    ("fr", "Le Niger est l'un des principaux contributeurs de la mission, avec environ 900 militaires.", "Mali",
     ("NER", "MLI")),
    ("en", "Rwanda and Nepal, its largest contributors, provide 2,100 and 1,200 troops respectively.",
     "South Sudan", ("RWA", "SSD")),
    ("es", "Uruguay, que tiene unos 900 efectivos en la MONUSCO, condenó el ataque.", "República Democrática del Congo",
     ("URY", "COD")),
    ("ru", "Индия, у которой около 5 тысяч военнослужащих в составе МООНЮС, осудила нападение.", "Южный Судан",
     ("IND", "SSD")),
]


@pytest.mark.parametrize("lang,text,headline,pair", IN_MISSION)
def test_force_counted_within_a_mission_is_a_deployment_to_its_country(lang, text, headline, pair):
    assert pair in deployments(run(text, lang, headline=headline))


def test_a_mission_named_beside_a_force_at_home_is_no_deployment():
    ms = run("Le Mali, qui a quitté la CEDEAO, a déployé 2 000 soldats à Gao.", "fr", headline="Mali")
    assert not deployments(ms)


# -- 37. a country's own security agencies: their troops are that country's ------------------------
# A national guard, internal troops, an interior-ministry force or the "силовики" of the country the
# article is about count that country's personnel; a foreign country named with them still wins.

OWN_AGENCY = [
    ("ru", "Росгвардия усилила охрану вокзалов: к несению службы дополнительно привлечены более 4 тысяч "
     "военнослужащих.", "Теракт в Москве", ("RUS", 4000)),
    ("ru", "В Махачкалу переброшены подразделения Росгвардии численностью свыше 300 человек.",
     "Нападение в Дагестане", ("RUS", 300)),
    ("ru", "Всего в операции задействованы до 800 силовиков.", "Нападение в Дагестане", ("RUS", 800)),
    ("ru", "В Гомель переброшены подразделения внутренних войск — не менее 2 тысяч военнослужащих.",
     "Протесты в Белоруссии", ("BLR", 2000)),
    ("en", "The National Guard has deployed some 1,500 troops to the border city of Ciudad Juarez.",
     "Violence in Mexico", ("MEX", 1500)),
    ("en", "The Revolutionary Guards had sent about 2,000 troops to the western towns of Saqqez and Baneh.",
     "Protests in Iran", ("IRN", 2000)),
    ("es", "La Guardia Nacional desplegó unos 1.500 efectivos en Ciudad Juárez.", "Violencia en México",
     ("MEX", 1500)),
    ("es", "La Policía Militar asumirá el control de los penales del país con unos 1.800 efectivos.",
     "Crisis carcelaria en Honduras", ("HND", 1800)),
    ("fr", "La garde nationale a déployé quelque 1 200 hommes dans les quartiers nord de Niamey.",
     "Tensions au Niger", ("NER", 1200)),
]


@pytest.mark.parametrize("lang,text,headline,key", OWN_AGENCY)
def test_own_security_agency_personnel_belong_to_the_country(lang, text, headline, key):
    got = troops(run(text, lang, headline=headline))
    assert key in got, sorted(got)
    assert not deployments(run(text, lang, headline=headline))


def test_agency_named_with_a_foreign_country_keeps_that_country():
    got = troops(run("La Garde nationale américaine a envoyé 500 soldats à Porto Rico.", "fr",
                     headline="Ouragan en Haïti"))
    assert not any(a == "HTI" for a, _ in got), sorted(got)


# -- 38. held captive: people in an enemy's hands are detained, not a force ------------------------

CAPTIVE = [
    ("ru", "По данным Еревана, в азербайджанском плену находятся не менее 12 армянских военнослужащих.",
     "Армения", (12, "at_least")),
    ("ru", "В плену у боевиков остаются шесть военнослужащих.", "Мали", (6, "exact")),
    ("es", "Seis soldados colombianos permanecen en poder de la guerrilla tras el ataque en Arauca.",
     "Colombia", (6, "exact")),
    ("es", "Al menos nueve policías siguen en cautiverio desde la emboscada en Cauca.", "Colombia", (9, "at_least")),
    ("en", "At least nine soldiers remain in captivity after the ambush near Menaka.", "Mali", (9, "at_least")),
    ("en", "Seven police officers are still being held captive by the gunmen in Zamfara.", "Nigeria", (7, "exact")),
    ("fr", "Quatre gendarmes sont toujours aux mains des jihadistes dans la région de Djibo.", "Burkina Faso",
     (4, "exact")),
    ("fr", "Au moins onze soldats sont toujours en captivité après l'embuscade de Ménaka.", "Mali", (11, "at_least")),
]


@pytest.mark.parametrize("lang,text,headline,count", CAPTIVE)
def test_people_held_captive_are_detained_not_troops(lang, text, headline, count):
    ms = run(text, lang, headline=headline)
    m = casualties(ms).get(("detained", count[0]))
    assert m is not None, sorted(casualties(ms))
    assert m["qualifier"] == count[1] and m["victim_group"] == "state_forces"
    assert not troops(ms), sorted(troops(ms))


def test_forces_holding_a_position_are_not_captives():
    ms = run("Quelque 2 000 soldats tiennent toujours les positions aux mains de l'armée près de Djibo.", "fr",
             headline="Burkina Faso")
    assert not any(k[0] == "detained" for k in casualties(ms)), sorted(casualties(ms))


# -- 39. a withdrawal that is due, ordered or intended has not begun: the force is still deployed ---

DUE_TO_LEAVE = [
    ("fr", "Les quelque 3 000 Casques bleus de l'ONU doivent quitter le pays d'ici à la fin de l'année.", "Mali",
     ("UN", "MLI")),
    ("fr", "La junte a donné un mois aux 400 soldats français pour quitter le pays.", "Burkina Faso",
     ("FRA", "BFA")),
    ("en", "The roughly 1,500 UN peacekeepers must leave the country by the end of the year.", "Mali",
     ("UN", "MLI")),
    ("es", "Los cerca de 1.500 cascos azules de la ONU deben abandonar el país antes de fin de año.", "Malí",
     ("UN", "MLI")),
    ("ru", "Около 1500 миротворцев ООН должны покинуть страну до конца года.", "Мали", ("UN", "MLI")),
]


@pytest.mark.parametrize("lang,text,headline,pair", DUE_TO_LEAVE)
def test_withdrawal_that_is_only_due_leaves_the_force_deployed(lang, text, headline, pair):
    got = deployments(run(text, lang, headline=headline))
    assert pair in got, sorted(got)
    assert got[pair]["status"] == "deployed"


LEAVING_NOW = [
    ("fr", "Les quelque 3 000 Casques bleus de l'ONU ont commencé à quitter le pays.", "Mali", ("UN", "MLI")),
    ("en", "The roughly 1,500 UN peacekeepers have begun to leave the country.", "Mali", ("UN", "MLI")),
    ("es", "Los cerca de 1.500 cascos azules de la ONU comenzaron a abandonar el país.", "Malí", ("UN", "MLI")),
    ("ru", "Около 1500 миротворцев ООН начали покидать страну.", "Мали", ("UN", "MLI")),
]


@pytest.mark.parametrize("lang,text,headline,pair", LEAVING_NOW)
def test_withdrawal_under_way_stays_withdrawing(lang, text, headline, pair):
    got = deployments(run(text, lang, headline=headline))
    assert got[pair]["status"] == "withdrawing", sorted(got)


# -- 40. victim group: cadets of a military or police academy are state forces ---------------------

CADETS = [
    ("ru", "При ударе по военному училищу в Триполи погибли 26 курсантов, еще 30 получили ранения.", "Ливия",
     ("killed", 26)),
    ("en", "At least 26 cadets were killed in a drone strike on a military academy in Tripoli.", "Libya",
     ("killed", 26)),
    ("es", "Al menos 26 cadetes murieron en el ataque contra una academia militar en Trípoli.", "Libia",
     ("killed", 26)),
    ("fr", "Au moins 26 élèves officiers ont été tués dans une frappe contre une académie militaire à Tripoli.",
     "Libye", ("killed", 26)),
]


@pytest.mark.parametrize("lang,text,headline,key", CADETS)
def test_cadets_are_state_forces(lang, text, headline, key):
    got = casualties(run(text, lang, headline=headline))
    assert key in got, sorted(got)
    assert got[key]["victim_group"] == "state_forces"


# -- 41. a breakdown after a partitive, stated by a copula or a dash, gives subsets of the toll ----

COPULA_PARTS = [
    ("es", "El ataque contra el cuartel en Cauca dejó 31 muertos. De ellos, 17 eran menores y 9, agentes.",
     "Colombia", "killed", 31, [(17, "civilians"), (9, "state_forces")]),
    ("ru", "В результате нападения на посты в Дагестане погибли 22 человека. Из них 13 — сотрудники полиции.",
     "Дагестан", "killed", 22, [(13, "state_forces")]),
    ("fr", "Au moins 27 personnes ont été tuées dans l'attaque de Djibo. Parmi eux, 14 étaient des soldats.",
     "Burkina Faso", "killed", 27, [(14, "state_forces")]),
    ("en", "At least 36 people were wounded in the blast in Mogadishu. Of those, 11 were children and "
     "6 police officers.", "Somalia", "injured", 36, [(11, "civilians"), (6, "state_forces")]),
]


@pytest.mark.parametrize("lang,text,headline,outcome,total,parts", COPULA_PARTS)
def test_parts_stated_by_copula_after_partitive_are_subsets(lang, text, headline, outcome, total, parts):
    got = casualties(run(text, lang, headline=headline))
    assert (outcome, total) in got and got[(outcome, total)]["is_subset"] is False, sorted(got)
    for n, group in parts:
        m = got.get((outcome, n))
        assert m is not None, (n, sorted(got))
        assert m["is_subset"] is True and m["victim_group"] == group, m


# -- 42. a force a sender has, counts or keeps now is deployed; planned needs future or intent -----

PRESENT_FORCE = [
    ("en", "NATO will send 200 more soldiers to Kosovo. The alliance currently has some 3,800 troops there.",
     "Kosovo", ("NATO", "XKX"), 3800),
    ("es", "La UE enviará 300 militares más a Bosnia. La misión, que cuenta actualmente con unos 900 efectivos, "
     "vigila el país.", "Bosnia", ("EU", "BIH"), 900),
    ("fr", "L'ONU va envoyer 500 Casques bleus de plus au Liban, où sa mission compte aujourd'hui quelque "
     "10 000 Casques bleus.", "Liban", ("UN", "LBN"), 10000),
    ("ru", "ООН направит в Южный Судан еще 500 миротворцев. В настоящее время миссия ООН в Южном Судане "
     "насчитывает около 14 тысяч военнослужащих.", "Южный Судан", ("UN", "SSD"), 14000),
]


@pytest.mark.parametrize("lang,text,headline,pair,best", PRESENT_FORCE)
def test_force_present_now_is_deployed(lang, text, headline, pair, best):
    ms = run(text, lang, headline=headline)
    got = [m for m in ms if m["kind"] == "deployment" and (m["sender"], m["receiver"]) == pair]
    assert any(m["count_best"] == best for m in got), [(m["sender"], m["receiver"], m["count_best"]) for m in ms]
    assert all(m["status"] == "deployed" for m in got), [(m["count_best"], m["status"]) for m in got]


# -- 43. "N each" after a list of senders, and "followed by X with N" ------------------------------

EACH_AND_FOLLOWED = [
    ("en", "In Kosovo, Italy leads the mission with 800 troops, followed by the United States with 500. "
     "Poland and Romania contribute 250 troops each.", "Kosovo",
     {("ITA", "XKX"): 800, ("USA", "XKX"): 500, ("POL", "XKX"): 250, ("ROU", "XKX"): 250}),
    ("fr", "Au Kosovo, l'Italie fournit le plus gros contingent avec 800 soldats, suivie des États-Unis avec 500. "
     "La Pologne et la Roumanie en fournissent chacune 250.", "Kosovo",
     {("ITA", "XKX"): 800, ("USA", "XKX"): 500, ("POL", "XKX"): 250, ("ROU", "XKX"): 250}),
    ("es", "En Kosovo, Italia aporta el mayor contingente con 800 efectivos, seguida de Estados Unidos con 500. "
     "Polonia y Rumanía aportan 250 efectivos cada una.", "Kosovo",
     {("ITA", "XKX"): 800, ("USA", "XKX"): 500, ("POL", "XKX"): 250, ("ROU", "XKX"): 250}),
    ("ru", "Крупнейший контингент в Косово у Италии — 800 военнослужащих, у США — 500. "
     "Польша и Румыния направили в Косово по 250 военнослужащих.", "Косово",
     {("ITA", "XKX"): 800, ("USA", "XKX"): 500, ("POL", "XKX"): 250, ("ROU", "XKX"): 250}),
]


@pytest.mark.parametrize("lang,text,headline,want", EACH_AND_FOLLOWED)
def test_each_and_followed_by_distribute_sizes_over_senders(lang, text, headline, want):
    got = deployments(run(text, lang, headline=headline))
    for pair, best in want.items():
        assert pair in got, (pair, sorted(got))
        assert got[pair]["count_best"] == best, (pair, got[pair])


# -- 44. a foreign force's size and its stage when the receiver is only the article's country ------

SIZED_PRESENCE = [
    ("es", "Estados Unidos tenía 2.500 soldados; Alemania, cerca de 1.100, y el Reino Unido, 750.", "Afganistán",
     {("USA", "AFG"): 2500, ("DEU", "AFG"): 1100, ("GBR", "AFG"): 750}),
    ("en", "The United States still has 900 troops; Britain, about 300.", "Syria",
     {("USA", "SYR"): 900, ("GBR", "SYR"): 300}),
    ("fr", "La France avait encore 1 000 militaires ; l'Allemagne, 400.", "Mali",
     {("FRA", "MLI"): 1000, ("DEU", "MLI"): 400}),
    ("ru", "Россия имеет около 1 500 военнослужащих, Турция — около 800.", "Сирия",
     {("RUS", "SYR"): 1500, ("TUR", "SYR"): 800}),
    ("es", "Kenia, que lidera la misión, tiene ya 400 policías sobre el terreno.", "Haití", {("KEN", "HTI"): 400}),
    ("en", "Kenya, which leads the mission, already has 400 police officers on the ground.", "Haiti",
     {("KEN", "HTI"): 400}),
]


@pytest.mark.parametrize("lang,text,headline,expected", SIZED_PRESENCE)
def test_a_foreign_force_of_stated_size_is_deployed_in_the_articles_country(lang, text, headline, expected):
    deps = deployments(run(text, lang, headline=headline))
    got = {k: d["count_best"] for k, d in deps.items() if k in expected}
    assert got == expected, sorted(deps)


def test_a_country_army_size_at_home_is_no_deployment():
    ms = run("Rusia tiene unos 900.000 militares en activo, según el Kremlin.", "es", headline="Rusia")
    assert not deployments(ms) and ("RUS", 900000) in troops(ms)


STAGES = [
    ("es", "Los primeros 200 soldados nigerianos llegarán a Bisáu la próxima semana.", "Guinea-Bisáu",
     ("NGA", "GNB"), "planned"),
    ("fr", "Les 300 premiers soldats sénégalais arriveront à Bissau lundi.", "Guinée-Bissau", ("SEN", "GNB"), "planned"),
    ("ru", "Первые 200 нигерийских военных прибудут в Бисау на следующей неделе.", "Гвинея-Бисау",
     ("NGA", "GNB"), "planned"),
    ("es", "El Reino Unido repatrió a sus 750 soldados la semana pasada.", "Afganistán", ("GBR", "AFG"), "withdrawing"),
    ("fr", "Le Royaume-Uni a rapatrié ses 750 soldats la semaine dernière.", "Afghanistan", ("GBR", "AFG"), "withdrawing"),
    ("es", "Los últimos soldados estadounidenses dejaron el país el 30 de agosto.", "Afganistán", ("USA", "AFG"),
     "withdrawing"),
    ("es", "La OTAN completó la retirada de sus tropas; Estados Unidos mantenía 2.500 militares y Alemania, 1.100.",
     "Afganistán", ("USA", "AFG"), "withdrawing"),
    ("en", "NATO completed its withdrawal; the United States had kept 2,500 troops there and Germany 1,100.",
     "Afghanistan", ("USA", "AFG"), "withdrawing"),
]


@pytest.mark.parametrize("lang,text,headline,pair,status", STAGES)
def test_stage_of_a_foreign_force(lang, text, headline, pair, status):
    deps = deployments(run(text, lang, headline=headline))
    assert pair in deps, sorted(deps)
    assert deps[pair]["status"] == status


# -- 45. "among them" opening the next sentence; the outcome noun of a part is the part's own -------

OPENING_AMONG = [
    ("en", "At least 40 people were killed in the strike. Among them were 11 children, the ministry said."),
    ("fr", "Au moins 40 personnes ont été tuées dans la frappe. Parmi elles figurent 11 enfants."),
    ("es", "Al menos 40 personas murieron en el ataque. Entre ellas había 11 niños, según el ministerio."),
    ("ru", "В результате удара погибли не менее 40 человек. Среди них 11 детей."),
]


@pytest.mark.parametrize("lang,text", OPENING_AMONG)
def test_among_them_opening_a_sentence_is_a_part_of_the_toll_before(lang, text):
    got = casualties(run(text, lang, headline="Ukraine"))
    assert ("killed", 40) in got
    part = got[("killed", 11)]
    assert part["is_subset"] is True and part["victim_group"] == "civilians"


PART_OWN_OUTCOME = [
    ("fr", "L'attaque a fait 20 victimes, dont 12 morts, selon la protection civile."),
    ("en", "The attack left 20 casualties, including 12 dead, officials said."),
]


@pytest.mark.parametrize("lang,text", PART_OWN_OUTCOME)
def test_undifferentiated_total_does_not_take_its_parts_outcome(lang, text):
    got = casualties(run(text, lang, headline="Mali"))
    assert set(got) == {("killed", 12)}, sorted(got)
    assert got[("killed", 12)]["is_subset"] is True


def test_total_still_takes_the_outcome_after_a_part_of_its_own_group():
    got = casualties(run("At least 40 people, including 12 children, were killed.", "en", headline="Mali"))
    assert {("killed", 40), ("killed", 12)} <= set(got)
