"""Suites for the three fact tables: values of CODING.md, numbers that hold together, known
actor codes, dates that fit the publication date, provenance that points at the text."""
from expectations.checks import GATE, QUARANTINE, WARN, Check, Suite, between, in_set, is_true, not_null, ordered, unique
from transforms.schema import OUTCOMES, PRECISIONS, QUALIFIERS, STATUSES, VICTIM_GROUPS

# Plausible upper bounds for one reported figure (larger ones are almost always misreadings).
MAX_COUNT = {"killed": 1_000_000, "injured": 1_000_000, "detained": 500_000, "missing": 500_000}
MAX_TROOPS = 2_000_000


def provenance() -> list[Check]:
    return [
        unique("fact_id", GATE),
        not_null("article_id", GATE),
        is_true("_article_exists", "article_exists", QUARANTINE, "the fact's article is not among the run's articles"),
        is_true("_quote_present", "quote_present", QUARANTINE, "the fact has no quote"),
        is_true("_offsets_inside_text", "offsets_inside_text", QUARANTINE, "char offsets fall outside the article text"),
        in_set("qualifier", QUALIFIERS, QUARANTINE),
        in_set("date_precision", PRECISIONS, QUARANTINE),
        is_true("_date_not_after_publication", "event_date_not_after_publication", WARN, "event date after the publication date"),
        is_true("_date_within_year", "event_date_within_year_of_publication", WARN, "event date more than a year before publication"),
    ]


def numbers(low: str, best: str, high: str, max_value: int) -> list[Check]:
    return [
        ordered(low, best),
        ordered(best, high),
        is_true("_qualifier_consistent", "qualifier_consistent", QUARANTINE, "low/high do not match the qualifier"),
        between(best, 1, max_value, QUARANTINE, f"{best} outside 1..{max_value:,}"),
    ]


CASUALTIES = Suite(
    name="fact_casualties",
    stage="facts",
    output_required=False,
    checks=[
        *provenance(),
        in_set("outcome", OUTCOMES, QUARANTINE),
        in_set("victim_group", VICTIM_GROUPS, QUARANTINE),
        not_null("count_best", QUARANTINE, "casualty without a count"),
        *numbers("count_low", "count_best", "count_high", max(MAX_COUNT.values())),
        is_true("_country_iso3_known", "country_iso3_known", QUARANTINE, "country code is not ISO 3166-1 alpha-3"),
    ],
)

DEPLOYMENTS = Suite(
    name="fact_deployments",
    stage="facts",
    output_required=False,
    checks=[
        *provenance(),
        not_null("sender", QUARANTINE, "deployment without a sender"),
        not_null("receiver", QUARANTINE, "deployment without a receiver"),
        in_set("status", STATUSES, QUARANTINE),
        *numbers("troops_low", "troops_best", "troops_high", MAX_TROOPS),
        is_true("_sender_known", "sender_known", QUARANTINE, "sender is neither an ISO alpha-3 code nor a known organisation"),
        is_true("_receiver_known", "receiver_known", QUARANTINE, "receiver is not an ISO alpha-3 code"),
    ],
)

TROOP_COUNTS = Suite(
    name="fact_troop_counts",
    stage="facts",
    output_required=False,
    checks=[
        *provenance(),
        not_null("count_best", QUARANTINE, "troop count without a count"),
        *numbers("count_low", "count_best", "count_high", MAX_TROOPS),
        is_true("_actor_known", "actor_known", QUARANTINE, "actor is neither an ISO alpha-3 code nor a known organisation"),
        is_true("_country_iso3_known", "country_iso3_known", QUARANTINE, "country code is not ISO 3166-1 alpha-3"),
    ],
)

BY_KIND = {"casualty": CASUALTIES, "deployment": DEPLOYMENTS, "troop_count": TROOP_COUNTS}
