"""Number reader: every number form of CODING.md section 2, in fr, en, es and ru."""
from __future__ import annotations

import time

import pytest

from transforms.extract.numbers import NumberSpan, find_numbers

EX, AL, AM, AP, RG, VG = "exact", "at_least", "at_most", "approx", "range", "vague"


def _values(v: int, q: str, high: int | None = None) -> tuple:
    """(low, best, high, qualifier) as CODING.md's table writes them."""
    return {EX: (v, v, v), AL: (v, v, None), AM: (None, v, v), AP: (None, v, None),
            RG: (v, v, high), VG: (v, v, None)}[q] + (q,)


# (lang, sentence, the figure as text[start:end], value, qualifier[, range high])
CASES = [
    # digits and thousands separators
    ("fr", "3 811 personnes ont été interpellées.", "3 811", 3811, EX),
    ("fr", "forte de 2\u00a0030 militaires", "2\u00a0030", 2030, EX),
    ("fr", "forte de 2\u202f030 militaires", "2\u202f030", 2030, EX),
    ("fr", "La FINUL compte 10'000 Casques bleus.", "10'000", 10000, EX),
    ("en", "the CSTO had deployed 2,030 troops", "2,030", 2030, EX),
    ("en", "Police had detained 3,811 people.", "3,811", 3811, EX),
    ("es", "un contingente de 2.030 efectivos", "2.030", 2030, EX),
    ("es", "elevaron a 4.404 el número de detenidos", "4.404", 4404, EX),
    ("ru", "Задержаны 2 298 человек.", "2 298", 2298, EX),
    ("ru", "Контингент насчитывал 1 960 военнослужащих.", "1 960", 1960, EX),
    # decimals with a scale word, scale words after digits
    ("fr", "1,5 million de personnes ont fui", "1,5 million", 1500000, EX),
    ("fr", "2 millions de déplacés", "2 millions", 2000000, EX),
    ("en", "2.5 thousand soldiers", "2.5 thousand", 2500, EX),
    ("en", "1.5 million refugees", "1.5 million", 1500000, EX),
    ("es", "1,5 millones de desplazados", "1,5 millones", 1500000, EX),
    ("es", "300 mil personas", "300 mil", 300000, EX),
    ("ru", "около 10 тысяч человек", "10 тысяч", 10000, AP),
    ("ru", "Ранения получили более 4,5 тысячи человек", "4,5 тысячи", 4500, AL),
    ("ru", "1,5 млн беженцев", "1,5 млн", 1500000, EX),
    ("ru", "12 тыс. военнослужащих", "12 тыс.", 12000, EX),
    # number words
    ("fr", "Treize soldats maliens ont été tués.", "Treize", 13, EX),
    ("fr", "dix-huit membres des forces de l'ordre", "dix-huit", 18, EX),
    ("fr", "vingt et un morts", "vingt et un", 21, EX),
    ("fr", "soixante-dix blessés", "soixante-dix", 70, EX),
    ("fr", "soixante et onze blessés", "soixante et onze", 71, EX),
    ("fr", "quatre-vingt-dix-sept soldats", "quatre-vingt-dix-sept", 97, EX),
    ("fr", "Les deux cents militaires tadjiks", "deux cents", 200, EX),
    ("fr", "les deux mille six cents soldats", "deux mille six cents", 2600, EX),
    ("fr", "un million de personnes", "un million", 1000000, EX),
    ("fr", "mille soldats", "mille", 1000, EX),
    ("en", "Seventeen Nigerien soldiers were killed", "Seventeen", 17, EX),
    ("en", "Forty-four protesters were treated", "Forty-four", 44, EX),
    ("en", "Benin has promised two hundred.", "two hundred", 200, EX),
    ("en", "two hundred and fifty troops", "two hundred and fifty", 250, EX),
    ("en", "three thousand troops", "three thousand", 3000, EX),
    ("en", "a hundred soldiers", "a hundred", 100, EX),
    ("en", "one person was killed", "one", 1, EX),
    ("es", "Diecisiete personas murieron", "Diecisiete", 17, EX),
    ("es", "Los doscientos militares tayikos", "doscientos", 200, EX),
    ("es", "treinta y cinco heridos", "treinta y cinco", 35, EX),
    ("es", "treinta y un muertos", "treinta y un", 31, EX),
    ("es", "veintiún soldados", "veintiún", 21, EX),
    ("es", "dos mil soldados", "dos mil", 2000, EX),
    ("es", "ciento veinte policías", "ciento veinte", 120, EX),
    ("es", "medio millón de refugiados", "medio millón", 500000, EX),
    ("ru", "погибли восемь сотрудников", "восемь", 8, EX),
    ("ru", "Двести таджикских военных", "Двести", 200, EX),
    ("ru", "погибли двадцать пять человек", "двадцать пять", 25, EX),
    ("ru", "двести двадцать пять человек", "двести двадцать пять", 225, EX),
    ("ru", "тысяча двести военных", "тысяча двести", 1200, EX),
    ("ru", "Среди погибших — двое детей", "двое", 2, EX),
    ("ru", "погибли пятеро российских миротворцев", "пятеро", 5, EX),
    ("ru", "гибель пятерых военных", "пятерых", 5, EX),
    ("ru", "ранения двух человек", "двух", 2, EX),
    ("ru", "ранения трех человек", "трех", 3, EX),
    ("ru", "один человек погиб", "один", 1, EX),
    ("ru", "полторы тысячи полицейских", "полторы тысячи", 1500, EX),
    ("ru", "два с половиной миллиона человек", "два с половиной миллиона", 2500000, EX),
    ("en", "two and a half million people", "two and a half million", 2500000, EX),
    ("fr", "deux millions et demi de personnes", "deux millions et demi", 2500000, EX),
    ("es", "un millón y medio de personas", "un millón y medio", 1500000, EX),
    # collective nouns
    ("fr", "Une centaine de personnes sont portées disparues", "Une centaine", 100, AP),
    ("fr", "tué une vingtaine d'assaillants", "une vingtaine", 20, AP),
    ("fr", "une douzaine d'autres blessés", "une douzaine", 12, AP),
    ("fr", "Un millier et demi de policiers kazakhs", "Un millier et demi", 1500, AP),
    ("fr", "un millier de policiers", "un millier", 1000, AP),
    ("fr", "deux centaines de soldats", "deux centaines", 200, AP),
    ("en", "about a dozen police officers", "a dozen", 12, AP),
    ("en", "a dozen police officers were hurt", "a dozen", 12, AP),
    ("en", "two dozen soldiers", "two dozen", 24, AP),
    ("en", "half a dozen soldiers", "half a dozen", 6, AP),
    ("es", "Armenia, un centenar", "un centenar", 100, AP),
    ("es", "una decena de muertos", "una decena", 10, AP),
    ("es", "una veintena de heridos", "una veintena", 20, AP),
    ("es", "un millar de soldados", "un millar", 1000, AP),
    ("es", "detuvo a una docena de manifestantes", "una docena", 12, AP),
    ("ru", "десяток человек", "десяток", 10, AP),
    ("ru", "сотня военных", "сотня", 100, AP),
    ("ru", "два десятка человек", "два десятка", 20, AP),
    ("ru", "полтора десятка человек", "полтора десятка", 15, AP),
    # vague quantities (ACLED values)
    ("fr", "Des dizaines de civils ont été tués", "Des dizaines", 12, VG),
    ("fr", "plusieurs dizaines d'autres sont disparues", "plusieurs dizaines", 12, VG),
    ("fr", "des centaines de blessés", "des centaines", 100, VG),
    ("fr", "plusieurs centaines de soldats", "plusieurs centaines", 100, VG),
    ("fr", "des milliers de manifestants", "des milliers", 1000, VG),
    ("fr", "des dizaines de milliers de réfugiés", "des dizaines de milliers", 10000, VG),
    ("fr", "des centaines de milliers de déplacés", "des centaines de milliers", 100000, VG),
    ("en", "Dozens more were wounded", "Dozens", 12, VG),
    ("en", "tens of people", "tens", 10, VG),
    ("en", "Hundreds of civilians were treated", "Hundreds", 100, VG),
    ("en", "thousands of troops", "thousands", 1000, VG),
    ("en", "tens of thousands of people", "tens of thousands", 10000, VG),
    ("en", "hundreds of thousands of people", "hundreds of thousands", 100000, VG),
    ("en", "several hundred people were arrested", "several hundred", 100, VG),
    ("es", "Decenas de personas murieron", "Decenas", 12, VG),
    ("es", "varias decenas de heridos", "varias decenas", 12, VG),
    ("es", "cientos de detenidos", "cientos", 100, VG),
    ("es", "centenares de detenidos", "centenares", 100, VG),
    ("es", "miles de soldados", "miles", 1000, VG),
    ("es", "decenas de miles de desplazados", "decenas de miles", 10000, VG),
    ("ru", "«ликвидированы» десятки нападавших", "десятки", 12, VG),
    ("ru", "Сотни людей получили ранения", "Сотни", 100, VG),
    ("ru", "стянуты тысячи военнослужащих", "тысячи", 1000, VG),
    ("ru", "десятки тысяч беженцев", "десятки тысяч", 10000, VG),
    ("ru", "несколько сотен человек", "несколько сотен", 100, VG),
    # qualifiers before a number
    ("fr", "Au moins 60 civils ont été tués", "60", 60, AL),
    ("fr", "plus de 1 300 blessés", "1 300", 1300, AL),
    ("fr", "pas moins de 30 morts", "30", 30, AL),
    ("fr", "jusqu'à 2 000 hommes chacun", "2 000", 2000, AM),
    ("fr", "moins de 10 morts", "10", 10, AM),
    ("fr", "Environ 2 000 soldats patrouillaient", "2 000", 2000, AP),
    ("fr", "capturé près de 200 combattants", "200", 200, AP),
    ("fr", "forte de quelque 2 000 militaires", "2 000", 2000, AP),
    ("fr", "les quelque deux mille quatre cents militaires", "deux mille quatre cents", 2400, AP),
    ("fr", "plus d'une centaine de morts", "une centaine", 100, AL),
    ("fr", "près d'un millier de soldats", "un millier", 1000, AP),
    ("en", "More than 4,500 people were injured", "4,500", 4500, AL),
    ("en", "At least 75 people were injured", "75", 75, AL),
    ("en", "killed over 100 people", "100", 100, AL),
    ("en", "a brigade of up to 4,800 soldiers", "4,800", 4800, AM),
    ("en", "fewer than 50 people", "50", 50, AM),
    ("en", "Police have detained almost 10,000 people", "10,000", 10000, AP),
    ("en", "sent roughly 2,000 soldiers", "2,000", 2000, AP),
    ("en", "an estimated 3,000 troops", "3,000", 3000, AP),
    ("en", "over a dozen people", "a dozen", 12, AL),
    ("es", "Al menos 70 personas resultaron heridas", "70", 70, AL),
    ("es", "más de 700 han resultado heridos", "700", 700, AL),
    ("es", "por lo menos 12 muertos", "12", 12, AL),
    ("es", "podrá contar con hasta 3.000 efectivos", "3.000", 3000, AM),
    ("es", "menos de 40 muertos", "40", 40, AM),
    ("es", "Unos 3.000 soldados patrullaban", "3.000", 3000, AP),
    ("es", "Cerca de 4.500 personas resultaron heridas", "4.500", 4500, AP),
    ("es", "Casi 200 personas han resultado heridas", "200", 200, AP),
    ("es", "alrededor de 50 soldados", "50", 50, AP),
    ("es", "más de un centenar de heridos", "un centenar", 100, AL),
    ("ru", "не менее 20 человек считаются пропавшими", "20", 20, AL),
    ("ru", "были убиты свыше 20 боевиков", "20", 20, AL),
    ("ru", "более 200 человек задержаны", "200", 200, AL),
    ("ru", "как минимум 7 человек", "7", 7, AL),
    ("ru", "перебросила до 500 военнослужащих", "500", 500, AM),
    ("ru", "не более 300 человек", "300", 300, AM),
    ("ru", "Ранения получили почти 50 человек", "50", 50, AP),
    ("ru", "порядка 12 тысяч военнослужащих", "12 тысяч", 12000, AP),
    ("ru", "составит около тысячи военнослужащих", "тысячи", 1000, AP),
    ("ru", "более сотни человек", "сотни", 100, AL),
    ("ru", "около десятка человек", "десятка", 10, AP),
    # qualifiers after a number
    ("en", "100 or more people", "100", 100, AL),
    ("fr", "40 ou plus", "40", 40, AL),
    ("es", "100 o más heridos", "100", 100, AL),
    ("ru", "100 и более человек", "100", 100, AL),
    ("ru", "300 с лишним человек", "300", 300, AL),
    # ranges
    ("fr", "a reçu entre 40 et 60 blessés", "40 et 60", 40, RG, 60),
    ("fr", "de 400 à 500 hommes", "400 à 500", 400, RG, 500),
    ("fr", "entre 100 et 200 personnes chacun", "100 et 200", 100, RG, 200),
    ("fr", "de 3 à 4 000 manifestants", "3 à 4 000", 3000, RG, 4000),
    ("en", "between 850 and 1,100 soldiers", "850 and 1,100", 850, RG, 1100),
    ("en", "between 150 and 200 al-Shabaab fighters", "150 and 200", 150, RG, 200),
    ("en", "from 10 to 15 thousand people", "10 to 15 thousand", 10000, RG, 15000),
    ("en", "40 to 60 people", "40 to 60", 40, RG, 60),
    ("en", "100-200 people", "100-200", 100, RG, 200),
    ("en", "100–200 people", "100–200", 100, RG, 200),
    ("en", "between two and three soldiers", "two and three", 2, RG, 3),
    ("en", "between 2 and 3 million people", "2 and 3 million", 2000000, RG, 3000000),
    ("es", "cifran entre 24 y 27 los muertos", "24 y 27", 24, RG, 27),
    ("es", "de 30 a 40 personas", "30 a 40", 30, RG, 40),
    ("es", "siete u ocho muertos", "siete u ocho", 7, RG, 8),
    ("ru", "насчитывал от 100 до 150 военнослужащих", "100 до 150", 100, RG, 150),
    ("ru", "от 10 до 15 тысяч человек", "10 до 15 тысяч", 10000, RG, 15000),
    ("ru", "100-150 человек", "100-150", 100, RG, 150),
    ("ru", "погибли двух-трёх человек", "двух-трёх", 2, RG, 3),
    ("ru", "около 2-3 тысяч человек", "2-3 тысяч", 2000, RG, 3000),
    # a new total after a verb of change is exact, even after "до" / "up to"
    ("ru", "число погибших в Харькове возросло до 16", "16", 16, EX),
    ("ru", "число погибших увеличилось с 12 до 25", "25", 25, EX),
    ("fr", "le bilan est passé à six morts", "six", 6, EX),
    ("fr", "le bilan est passé de cinq à six morts", "six", 6, EX),
    ("en", "the toll rose to 40 on Monday", "40", 40, EX),
    ("en", "the toll rose from 30 to 40", "40", 40, EX),
    ("es", "elevó de 225 a 227 la cifra", "227", 227, EX),
    ("es", "la cifra subió hasta 30 muertos", "30", 30, EX),
    # a qualifier applies only to the number it stands before
    ("fr", "au moins 13 agents ont été tués et 353 blessés", "353", 353, EX),
    ("en", "at least 13 were killed and 353 injured", "353", 353, EX),
    # hyphenated count words stay counts
    ("en", "a 1,000-strong force", "1,000", 1000, EX),
    ("en", "40-odd people", "40", 40, AP),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}:{c[2]}")
def test_number_forms(case):
    lang, text, figure, value, qual = case[:5]
    spans = [s for s in find_numbers(text, lang) if text[s.start:s.end] == figure]
    assert [(s.low, s.best, s.high, s.qualifier) for s in spans] == [_values(value, qual, *case[5:])]


# (lang, sentence, the figures read, in order): lists, skipped non-counts
SEQUENCES = [
    ("en", "Armenia and Tajikistan have dispatched 100 and 200 troops respectively", ["100", "200"]),
    ("fr", "respectivement 150, 200 et 50 policiers et militaires", ["150", "200", "50"]),
    ("fr", "respectivement 1'000, 700 et 650 militaires", ["1'000", "700", "650"]),
    ("es", "Sudáfrica y Botsuana han enviado ya 1.495 y 296 militares, respectivamente", ["1.495", "296"]),
    ("ru", "Киргизия и Таджикистан — 150 и 200 военнослужащих соответственно", ["150", "200"]),
    ("ru", "увеличилось с 12 до 25", ["12", "25"]),
    ("en", "the toll rose from 30 to 40", ["30", "40"]),
    # lone articles and bare "several" are no numbers
    ("fr", "un soldat et une femme ont été blessés, un groupe armé", []),
    ("en", "a soldier was killed; no one else was hurt", []),
    ("es", "un soldado y una mujer murieron; uno de los heridos", []),
    ("fr", "plusieurs personnes ont été blessées", []),
    ("en", "several people were wounded", []),
    ("es", "varios soldados murieron", []),
    ("ru", "несколько человек погибли; ни один человек", []),
    # percentages, money, times, dates, ordinals, figures glued to letters
    ("fr", "40 % des votes et 40 pour cent des sièges", []),
    ("en", "40 per cent and 40 percent", []),
    ("es", "el 40 por ciento", []),
    ("ru", "40 процентов и 40 %", []),
    ("fr", "1 million de dollars et 61 millions de dollars, 750 000 $", []),
    ("en", "$1 million and $1.5bn and €300", []),
    ("es", "1.000 millones de dólares", []),
    ("ru", "10 тысяч долларов и 5 млн рублей", []),
    ("fr", "à 9 h 42 et à 14h30, puis à 10:30", []),
    ("fr", "le 7 janvier 2021, le 8 mars, en janvier 2022", []),
    ("en", "On January 4, 2022 and on 5 January, on 06.01.2022 and 2022-01-07", []),
    ("es", "el 7 de enero de 2022", []),
    ("ru", "7 января 2022 года и в январе 2022 года", []),
    ("fr", "le 7e régiment, le 1er bataillon", []),
    ("en", "the 1st battalion and the 3rd brigade, a 25-year-old man, two-thirds", []),
    ("ru", "3-й батальон, 25-летний мужчина", []),
    ("fr", "un Il-76 et un An-124, le COVID-19, le M23 et le G5", []),
    ("en", "a 1.5 km convoy", []),
    ("es", "entre las 20.00 y las 4.00 horas", []),
]


@pytest.mark.parametrize("case", SEQUENCES, ids=lambda c: f"{c[0]}:{c[1][:30]}")
def test_sequences(case):
    lang, text, figures = case
    assert [text[s.start:s.end] for s in find_numbers(text, lang)] == figures


def test_span_fields():
    text = "Selon le bilan, au moins 13 agents ont été tués en 2022."
    first, year = find_numbers(text, "fr")
    assert first == NumberSpan(25, 27, 13, 13, None, "at_least", 16, "au moins 13", False, False)
    assert (year.best, year.is_year_like) == (2022, True)
    word = find_numbers("Une trentaine de personnes", "fr")[0]
    assert (word.is_word, word.q_start, word.text) == (True, 0, "Une trentaine")
    rng = find_numbers("between 850 and 1,100 soldiers", "en")[0]
    assert (rng.q_start, rng.start, rng.end, rng.text) == (0, 8, 21, "between 850 and 1,100")


def test_unknown_language():
    with pytest.raises(ValueError):
        find_numbers("12", "de")


def test_speed():
    """A ~500-word article takes far less than a millisecond per sentence."""
    sentences = [case[1] for case in CASES if case[0] == "fr"] * 2
    article = ". ".join(sentences)
    find_numbers(article, "fr")
    t0 = time.process_time()
    for _ in range(10):
        find_numbers(article, "fr")
    per_sentence = (time.process_time() - t0) / (10 * len(sentences))
    assert len(article.split()) > 450
    assert per_sentence < 0.0005
