"""Suites for the dimensions, just before publishing: marts.dim_articles (the contract's columns
are there and hold together) and the code tables every fact joins to (marts.dim_countries,
marts.dim_organisations). Only gate and warn here: an article dropped now would orphan its facts
(an article that should not be published was already quarantined at the clean stage), and a code
table with a hole would silently drop facts from every join."""
from __future__ import annotations

import polars as pl

from expectations.articles import LANGUAGES, MIN_CHARS
from expectations.checks import GATE, WARN, Suite, between, contains_all, in_set, is_true, matches, not_null, unique
from expectations.derive import CODING_ORGANISATIONS, country_codes, with_dimension_checks

ARTICLES = Suite(
    name="dim_articles",
    stage="dimensions",
    key=("article_id", "source_uri"),
    checks=[
        not_null("article_id", GATE),
        unique("article_id", GATE),
        not_null("source_uri", GATE),
        matches("source_uri", r"^(?:https?|file)://", GATE, "source_uri is neither a URL nor a file:// URI"),
        not_null("url", GATE, "url must fall back to source_uri"),
        in_set("language", LANGUAGES, GATE),
        between("n_chars", MIN_CHARS, None, GATE, f"article text shorter than {MIN_CHARS} characters"),
        in_set("published_precision", ["day", "month", "year"], GATE),
        is_true("_date_has_precision", "published_date_has_precision", WARN, "publication date and its precision disagree",
                ("published_date", "published_precision")),
        not_null("published_date", WARN, "no publication date"),
        not_null("title", WARN, "article without a title"),
        not_null("source", WARN, "article without a source name"),
    ],
)
SUITE = ARTICLES

COUNTRIES = Suite(
    name="dim_countries",
    stage="dimensions",
    key="iso3",
    checks=[
        not_null("iso3", GATE),
        unique("iso3", GATE),
        matches("iso3", r"^[A-Z]{3}$", GATE, "iso3 is not three capital letters"),
        contains_all("iso3", country_codes(), GATE, "a country code the fact checks accept is missing from the table",
                     name="every_accepted_code_present"),
        matches("iso2", r"^[A-Z]{2}$", WARN, "iso2 is not two capital letters"),
        not_null("name_en", WARN, "country without an English name"),
    ],
)

ORGANISATIONS = Suite(
    name="dim_organisations",
    stage="dimensions",
    key="code",
    checks=[
        not_null("code", GATE),
        unique("code", GATE),
        contains_all("code", CODING_ORGANISATIONS, GATE, "one of CODING.md's organisation codes is missing from the table",
                     name="coding_codes_present"),
        not_null("name_en", WARN, "organisation without an English name"),
    ],
)


def frames(dim_articles: pl.DataFrame) -> list[tuple[Suite, pl.DataFrame]]:
    """Each dimension about to be published, with the derived columns its suite reads."""
    from transforms import dims

    return [(ARTICLES, with_dimension_checks(dim_articles)), (COUNTRIES, dims.dim_countries()),
            (ORGANISATIONS, dims.dim_organisations())]
