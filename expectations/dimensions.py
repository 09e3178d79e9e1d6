"""Suite for marts.dim_articles, just before publishing: the contract's columns are there and
hold together. Only gate and warn here: an article dropped now would orphan its facts (an
article that should not be published was already quarantined at the clean stage)."""
from expectations.articles import LANGUAGES, MIN_CHARS
from expectations.checks import GATE, WARN, Suite, between, in_set, is_true, matches, not_null, unique

SUITE = Suite(
    name="dim_articles",
    stage="dimensions",
    key="article_id",
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
