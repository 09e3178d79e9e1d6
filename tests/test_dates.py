"""Event date and place of a sentence (CODING.md section 3)."""
from datetime import date

import pytest

from transforms.extract.dates import find_date, find_place

PUB = date(2022, 1, 13)  # a Thursday


@pytest.mark.parametrize("lang,sentence,expected", [
    ("fr", "Le 7 janvier, les forces de l'ordre ont ouvert le feu.", date(2022, 1, 7)),
    ("fr", "Le 1er janvier, les prix du gaz ont doublé.", date(2022, 1, 1)),
    ("fr", "Les 5 et 6 janvier 2022, 225 personnes ont été tuées.", date(2022, 1, 5)),
    ("fr", "Du 5 au 7 janvier, les émeutes ont fait 164 morts.", date(2022, 1, 5)),
    ("fr", "Mercredi 5 janvier, la résidence a été incendiée.", date(2022, 1, 5)),
    ("en", "On January 4, protesters gathered in Zhanaozen.", date(2022, 1, 4)),
    ("en", "On 4 January 2022, protests began.", date(2022, 1, 4)),
    ("en", "By Jan. 6, more than 30 had been killed.", date(2022, 1, 6)),
    ("en", "On the 6th of January, troops landed.", date(2022, 1, 6)),
    ("es", "El 5 de enero murieron 18 agentes.", date(2022, 1, 5)),
    ("es", "Entre el 5 y el 6 de enero de 2022 hubo disturbios.", date(2022, 1, 5)),
    ("ru", "5 января погибли 18 силовиков.", date(2022, 1, 5)),
    ("ru", "Миротворцы прибыли 6-го января 2022 года.", date(2022, 1, 6)),
    ("ru", "С 5 по 7 января задержаны 8 тысяч человек.", date(2022, 1, 5)),
    ("ru", "Указ подписан 07.01.2022.", date(2022, 1, 7)),
    ("en", "The order was signed on 01/07/2022.", date(2022, 1, 7)),
    ("en", "The order was signed on 2022-01-07.", date(2022, 1, 7)),
])
def test_explicit_day(lang, sentence, expected):
    assert find_date(sentence, lang, PUB, "day") == (expected, "day")


def test_yearless_date_after_publication_goes_back_a_year():
    assert find_date("Le 28 décembre, le prix du gaz a doublé.", "fr", PUB, "day") == (date(2021, 12, 28), "day")
    # a few days ahead is still this year (announced plans)
    assert find_date("Le retrait s'achèvera le 19 janvier.", "fr", PUB, "day") == (date(2022, 1, 19), "day")


def test_typo_year_is_kept_as_written():
    assert find_date("Le 7 janvier 2021, les troupes sont arrivées.", "fr", PUB, "day") == (date(2021, 1, 7), "day")
    assert find_date("On January 7, 2023, troops arrived.", "en", PUB, "day") == (date(2023, 1, 7), "day")


def test_impossible_date_is_skipped():
    assert find_date("Le 31 février, rien.", "fr", PUB, "day") == (PUB, "day")


@pytest.mark.parametrize("lang,sentence,expected", [
    ("fr", "Les troupes sont arrivées en janvier.", date(2022, 1, 1)),
    ("fr", "Fin décembre, les prix ont flambé.", date(2021, 12, 1)),
    ("fr", "Les manifestations de janvier 2022 ont fait 225 morts.", date(2022, 1, 1)),
    ("fr", "À la mi-janvier, le calme est revenu.", date(2022, 1, 1)),
    ("en", "Troops arrived in January.", date(2022, 1, 1)),
    ("en", "The unrest of January 2022 killed 225.", date(2022, 1, 1)),
    ("es", "A principios de enero llegaron las tropas.", date(2022, 1, 1)),
    ("es", "Las protestas de enero de 2022.", date(2022, 1, 1)),
    ("ru", "В январе 2022 года прибыли миротворцы.", date(2022, 1, 1)),
    ("ru", "В начале января начались протесты.", date(2022, 1, 1)),
])
def test_month_precision(lang, sentence, expected):
    assert find_date(sentence, lang, PUB, "day") == (expected, "month")


def test_english_month_names_need_their_capital_and_context():
    # "may" the verb, "March" at the start of a sentence without a day or year
    assert find_date("Troops may be deployed.", "en", PUB, "day") == (PUB, "day")
    assert find_date("Protesters march on the capital.", "en", PUB, "day") == (PUB, "day")


@pytest.mark.parametrize("lang,sentence,expected", [
    ("fr", "Jeudi, le bilan est passé à 164 morts.", date(2022, 1, 13)),
    ("fr", "Mardi, les troupes ont atterri.", date(2022, 1, 11)),
    ("fr", "Vendredi, les troupes ont atterri.", date(2022, 1, 7)),
    ("fr", "Jeudi dernier, les troupes ont atterri.", date(2022, 1, 6)),
    ("fr", "Le retrait commencera lundi prochain.", date(2022, 1, 17)),
    ("en", "Troops landed on Thursday.", date(2022, 1, 13)),
    ("en", "Troops landed on Sunday night.", date(2022, 1, 9)),
    ("en", "Troops landed last Thursday.", date(2022, 1, 6)),
    ("es", "El jueves llegaron las tropas.", date(2022, 1, 13)),
    ("es", "El martes pasado llegaron las tropas.", date(2022, 1, 11)),
    ("ru", "В четверг прибыли миротворцы.", date(2022, 1, 13)),
    ("ru", "Во вторник прибыли миротворцы.", date(2022, 1, 11)),
    ("ru", "В ночь на среду были задержаны 200 человек.", date(2022, 1, 12)),
    ("fr", "Hier, les troupes sont parties.", date(2022, 1, 12)),
    ("fr", "Aujourd’hui, les troupes sont parties.", date(2022, 1, 13)),
    ("fr", "Avant-hier, les troupes sont parties.", date(2022, 1, 11)),
    ("en", "Police said yesterday that 40 died.", date(2022, 1, 12)),
    ("en", "Today, the toll rose.", date(2022, 1, 13)),
    ("es", "Ayer murieron 3 personas.", date(2022, 1, 12)),
    ("es", "Hoy murieron 3 personas.", date(2022, 1, 13)),
    ("ru", "Вчера погибли 3 человека.", date(2022, 1, 12)),
    ("ru", "Сегодня погибли 3 человека.", date(2022, 1, 13)),
])
def test_weekdays_and_relative_words_resolve_against_publication(lang, sentence, expected):
    assert find_date(sentence, lang, PUB, "day") == (expected, "day")


def test_weeks_months_years_relative():
    assert find_date("La semaine dernière, 10 000 personnes ont été interpellées.", "fr", PUB, "day") == (
        date(2022, 1, 3), "week")
    assert find_date("На этой неделе задержаны 200 человек.", "ru", PUB, "day") == (date(2022, 1, 10), "week")
    assert find_date("Last month 30 soldiers died.", "en", PUB, "day") == (date(2021, 12, 1), "month")
    assert find_date("El año pasado murieron 30 soldados.", "es", PUB, "month") == (date(2021, 1, 1), "year")


def test_relative_words_without_a_day_precise_publication_fall_back():
    pub = date(2022, 1, 1)
    assert find_date("Hier, 40 morts.", "fr", pub, "month") == (pub, "month")
    assert find_date("On Thursday 40 died.", "en", pub, "month") == (pub, "month")
    assert find_date("Yesterday 40 died.", "en", None, None) == (None, None)


def test_year_precision_and_fallback():
    assert find_date("In 2021, 200 people died.", "en", PUB, "day") == (date(2021, 1, 1), "year")
    assert find_date("В 2021 году погибли 200 человек.", "ru", PUB, "day") == (date(2021, 1, 1), "year")
    assert find_date("Au moins 40 morts.", "fr", PUB, "day") == (PUB, "day")
    assert find_date("Au moins 40 morts.", "fr", date(2022, 1, 1), "month") == (date(2022, 1, 1), "month")
    assert find_date("Au moins 40 morts.", "fr", None, None) == (None, None)


def test_yearless_date_without_publication_is_unknown():
    assert find_date("Le 7 janvier, 40 morts.", "fr", None, None) == (None, None)
    assert find_date("Le 7 janvier 2022, 40 morts.", "fr", None, None) == (date(2022, 1, 7), "day")


def test_explicit_date_beats_weekday():
    assert find_date("Jeudi, on a appris que le 5 janvier 40 personnes étaient mortes.", "fr", PUB, "day") == (
        date(2022, 1, 5), "day")


@pytest.mark.parametrize("lang,sentence,expected", [
    ("fr", "Les parachutistes ont repris l'aéroport d'Almaty jeudi.", "aéroport d'Almaty"),
    ("fr", "Des affrontements ont eu lieu à Almaty et à Taldykorgan.", "Almaty"),
    ("fr", "Des heurts ont éclaté à N'Djamena.", "N'Djamena"),
    ("fr", "Plusieurs morts dans la ville de Bunia.", "Bunia"),
    ("fr", "Des violences en Ituri ont fait 40 morts.", "Ituri"),
    ("fr", "Un camp de déplacés a été attaqué près de Bunia, en Ituri.", "Bunia"),
    ("en", "Russian troops guarded Almaty airport.", "Almaty airport"),
    ("en", "Clashes in Almaty killed 10.", "Almaty"),
    ("en", "Crowds gathered at Hamid Karzai International Airport.", "Hamid Karzai International Airport"),
    ("es", "Enfrentamientos en Almaty el jueves.", "Almaty"),
    ("es", "Bombardeos en El Fasher dejaron 30 muertos.", "El Fasher"),
    ("fr", "Les juges à La Haye ont statué.", "La Haye"),
    ("en", "Ten soldiers died at Bagram Air Base.", "Bagram Air Base"),
    ("ru", "Бои под Киевом.", "Киевом"),
    ("es", "Los paracaidistas llegaron al aeropuerto de Almaty.", "aeropuerto de Almaty"),
    ("ru", "Столкновения в Алматы.", "Алматы"),
    ("ru", "Миротворцы охраняют аэропорт Алматы.", "аэропорт Алматы"),
    ("ru", "Беспорядки в городе Алматы.", "Алматы"),
])
def test_place(lang, sentence, expected):
    assert find_place(sentence, lang) == expected


@pytest.mark.parametrize("lang,sentence", [
    ("fr", "Des soldats russes sont arrivés au Kazakhstan."),
    ("fr", "Les forces de l'OTSC en Arménie."),
    ("fr", "Une réunion à l'ONU."),
    ("en", "Troops arrived in Kazakhstan in January."),
    ("en", "The vote in Parliament was close."),
    ("es", "Las tropas llegaron en enero a Kazajistán."),
    ("ru", "В Казахстане беспорядки."),
    ("ru", "Об этом сообщили в Минобороны и в МВД."),
    ("ru", "Все произошло в четверг."),
])
def test_no_place(lang, sentence):
    assert find_place(sentence, lang) is None
