"""Suite for core.mentions: enumerations of CODING.md and offsets that point into the text."""
from expectations.checks import QUARANTINE, WARN, Suite, in_set, is_true, not_null, ordered
from transforms.schema import KINDS, OUTCOMES, PRECISIONS, QUALIFIERS, SECTIONS, STATUSES, VICTIM_GROUPS

SUITE = Suite(
    name="mentions",
    stage="extract",
    key="mention_id",
    output_required=False,  # an article about a summit may hold no fact at all
    checks=[
        not_null("article_id", QUARANTINE, "mention without an article"),
        in_set("kind", KINDS, QUARANTINE),
        in_set("outcome", OUTCOMES, QUARANTINE),
        in_set("victim_group", VICTIM_GROUPS, QUARANTINE),
        in_set("status", STATUSES, QUARANTINE),
        in_set("qualifier", QUALIFIERS, QUARANTINE),
        in_set("date_precision", PRECISIONS, QUARANTINE),
        in_set("section", SECTIONS, WARN),
        not_null("quote", QUARANTINE, "mention has no quote"),
        is_true("_quote_present", "quote_present", QUARANTINE, "mention quote is empty"),
        is_true("_offsets_inside_text", "offsets_inside_text", QUARANTINE, "char offsets fall outside the article text",
                ("char_start", "char_end")),
        ordered("count_low", "count_best"),
        ordered("count_best", "count_high"),
    ],
)
