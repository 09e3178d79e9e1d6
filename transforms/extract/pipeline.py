"""Placeholder extractor: the extraction work replaces this module's body."""
EXTRACTOR_VERSION = "0.0.0"


def extract_article(article: dict) -> list[dict]:
    """Mentions found in one article dict (keys of ARTICLE_SCHEMA)."""
    return []


def extract_batch(articles: list[dict]) -> list[dict]:
    out: list[dict] = []
    for a in articles:
        out.extend(extract_article(a))
    return out
