"""Suites for the three fact tables: values of CODING.md, numbers that hold together and stay
within plausible bounds, known actor codes, dates that fit the publication date, provenance that
points at the text."""
from expectations.checks import (GATE, QUARANTINE, WARN, Check, Suite, between, in_set, is_true, not_null, ordered,
                                 unique)
from transforms.schema import OUTCOMES, PRECISIONS, QUALIFIERS, STATUSES, VICTIM_GROUPS

# The largest figure one article can plausibly give for one outcome. A larger one is almost
# always a misreading (a year, a sum of money, a population), so the row goes to quarantine for
# a human look; the bounds sit above the largest tolls of modern wars as the press reports them.
PLAUSIBLE_MAX = {"killed": 1_000_000, "injured": 1_000_000, "detained": 200_000, "missing": 200_000}
MAX_DEPLOYED = 1_000_000      # one sender's force in one country (the largest were ~550 000)
MAX_TROOPS = 3_000_000        # a whole country's armed forces, reservists aside


def provenance() -> list[Check]:
    return [
        unique("fact_id", GATE),
        not_null("article_id", GATE),
        is_true("_article_exists", "article_exists", QUARANTINE, "the fact's article is not among the run's articles", ("article_id",)),
        is_true("_quote_present", "quote_present", QUARANTINE, "the fact has no quote"),
        is_true("_offsets_inside_text", "offsets_inside_text", QUARANTINE, "char offsets fall outside the article text",
                ("char_start", "char_end")),
        in_set("qualifier", QUALIFIERS, QUARANTINE),
        in_set("date_precision", PRECISIONS, QUARANTINE),
        not_null("event_date", WARN, "no event date (and no publication date to fall back on)"),
        is_true("_date_not_after_publication", "event_date_not_after_publication", WARN, "event date after the publication date",
                ("event_date", "_published_date")),
        is_true("_date_within_year", "event_date_within_year_of_publication", WARN, "event date more than a year before publication",
                ("event_date", "_published_date")),
    ]


def numbers(low: str, best: str, high: str) -> list[Check]:
    """count_low <= count_best <= count_high, and low/high as the qualifier says."""
    return [
        ordered(low, best),
        ordered(best, high),
        is_true("_qualifier_consistent", "qualifier_consistent", QUARANTINE, "low/high do not match the qualifier",
                ("qualifier", low, best, high)),
    ]


def plausible(col: str, max_value: int, outcome: str | None = None) -> Check:
    """1 <= col <= max_value (a count is never 0: no count is null), for one outcome or all rows."""
    if outcome is None:
        return between(col, 1, max_value, QUARANTINE, f"{col} outside 1..{max_value:,}", name=f"{col}_plausible")
    return between(col, 1, max_value, QUARANTINE, f"{outcome}: {col} outside 1..{max_value:,}",
                   where=("outcome", outcome), name=f"{col}_plausible_{outcome}")


CASUALTIES = Suite(
    name="fact_casualties",
    stage="facts",
    key="fact_id",
    output_required=False,
    checks=[
        *provenance(),
        not_null("outcome", QUARANTINE, "casualty without an outcome"),
        in_set("outcome", OUTCOMES, QUARANTINE),
        in_set("victim_group", VICTIM_GROUPS, QUARANTINE),
        not_null("count_best", QUARANTINE, "casualty without a count"),
        *numbers("count_low", "count_best", "count_high"),
        *[plausible("count_best", m, outcome) for outcome, m in PLAUSIBLE_MAX.items()],
        plausible("count_high", max(PLAUSIBLE_MAX.values())),
        is_true("_country_iso3_known", "country_iso3_known", QUARANTINE, "country code is not ISO 3166-1 alpha-3", ("country_iso3",)),
        not_null("country_iso3", WARN, "casualty without a country"),
    ],
)

DEPLOYMENTS = Suite(
    name="fact_deployments",
    stage="facts",
    key="fact_id",
    output_required=False,
    checks=[
        *provenance(),
        not_null("sender", QUARANTINE, "deployment without a sender"),
        not_null("receiver", QUARANTINE, "deployment without a receiver"),
        is_true("_sender_not_receiver", "sender_is_not_receiver", QUARANTINE,
                "a country moving forces inside its own territory is not a deployment", ("sender", "receiver")),
        not_null("status", QUARANTINE, "deployment without a status"),
        in_set("status", STATUSES, QUARANTINE),
        *numbers("troops_low", "troops_best", "troops_high"),
        plausible("troops_best", MAX_DEPLOYED),
        plausible("troops_high", MAX_DEPLOYED),
        is_true("_sender_known", "sender_known", QUARANTINE, "sender is neither an ISO alpha-3 code nor a known organisation", ("sender",)),
        is_true("_receiver_known", "receiver_known", QUARANTINE, "receiver is not an ISO 3166-1 alpha-3 code", ("receiver",)),
    ],
)

TROOP_COUNTS = Suite(
    name="fact_troop_counts",
    stage="facts",
    key="fact_id",
    output_required=False,
    checks=[
        *provenance(),
        not_null("count_best", QUARANTINE, "troop count without a count"),
        *numbers("count_low", "count_best", "count_high"),
        plausible("count_best", MAX_TROOPS),
        plausible("count_high", MAX_TROOPS),
        is_true("_actor_known", "actor_known", QUARANTINE, "actor is neither an ISO alpha-3 code nor a known organisation", ("actor",)),
        is_true("_country_iso3_known", "country_iso3_known", QUARANTINE, "country code is not ISO 3166-1 alpha-3", ("country_iso3",)),
        not_null("country_iso3", WARN, "troop count without a country"),
    ],
)

BY_KIND = {"casualty": CASUALTIES, "deployment": DEPLOYMENTS, "troop_count": TROOP_COUNTS}
