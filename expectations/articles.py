"""Suite for core.articles: long enough, in a supported language, with stable unique ids and a
publication date that event dates can be checked against."""
from expectations.checks import GATE, QUARANTINE, WARN, Suite, between, in_set, is_true, matches, not_null, unique

MIN_CHARS = 200  # shorter "articles" are captions, teasers or failed extractions
LANGUAGES = ["fr", "en", "es", "ru"]

SUITE = Suite(
    name="clean_articles",
    stage="clean",
    key=("source_uri", "title"),
    checks=[
        not_null("article_id", GATE),
        unique("article_id", GATE),
        matches("source_uri", r"^(?:https?|file)://", QUARANTINE, "source_uri is neither a URL nor a file:// URI"),
        is_true("_has_text", "text_present", QUARANTINE, "article has no text"),
        between("n_chars", MIN_CHARS, None, QUARANTINE, f"article text shorter than {MIN_CHARS} characters"),
        in_set("language", LANGUAGES, QUARANTINE, reason=f"language not one of {', '.join(LANGUAGES)}"),
        not_null("language", WARN, "language could not be determined (the extractor falls back to its defaults)"),
        not_null("published_date", WARN, "no publication date: event dates cannot be checked against it"),
        in_set("published_precision", ["day", "month", "year"], WARN),
        is_true("_date_has_precision", "published_date_has_precision", WARN, "publication date and its precision disagree",
                ("published_date", "published_precision")),
        not_null("title", WARN, "article without a title"),
    ],
)
