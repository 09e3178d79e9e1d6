"""Suite for core.articles: long enough, in a supported language, with stable unique ids."""
from expectations.checks import GATE, QUARANTINE, WARN, Suite, between, in_set, is_true, not_null, unique

MIN_CHARS = 200  # shorter "articles" are captions, teasers or failed extractions

SUITE = Suite(
    name="clean_articles",
    stage="clean",
    checks=[
        not_null("article_id", GATE),
        unique("article_id", GATE),
        is_true("_has_text", "text_present", QUARANTINE, "article has no text"),
        between("n_chars", MIN_CHARS, None, QUARANTINE, f"article text shorter than {MIN_CHARS} characters"),
        in_set("language", ["fr", "en", "es", "ru"], QUARANTINE),
        not_null("published_date", WARN, "no publication date: event dates fall back to nothing"),
        in_set("published_precision", ["day", "month", "year"], WARN),
    ],
)
