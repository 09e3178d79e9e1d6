"""Fact extraction: article text -> mention records (see transforms/schema.py MENTION_SCHEMA).

Public entry point: `extract_article(article) -> list[dict]`.
"""
from transforms.extract.pipeline import EXTRACTOR_VERSION, extract_article, extract_batch

__all__ = ["EXTRACTOR_VERSION", "extract_article", "extract_batch"]
