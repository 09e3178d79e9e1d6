"""Suite for core.mentions: enumerations of CODING.md and offsets that point into the text."""
from expectations.checks import QUARANTINE, Suite, in_set, is_true, not_null, ordered
from transforms.schema import KINDS, QUALIFIERS

SUITE = Suite(
    name="mentions",
    stage="extract",
    output_required=False,  # an article about a summit may hold no fact at all
    checks=[
        in_set("kind", KINDS, QUARANTINE),
        in_set("qualifier", QUALIFIERS, QUARANTINE),
        not_null("quote", QUARANTINE, "mention has no quote"),
        is_true("_quote_present", "quote_present", QUARANTINE, "mention quote is empty"),
        is_true("_offsets_inside_text", "offsets_inside_text", QUARANTINE, "char offsets fall outside the article text"),
        ordered("count_low", "count_best"),
        ordered("count_best", "count_high"),
    ],
)
