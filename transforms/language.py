"""Language detection for pages that do not declare one: counts of frequent function words."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SUPPORTED = ("fr", "en", "es", "ru")


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    data = tomllib.loads((Path(__file__).parent / "data" / "stopwords.toml").read_text("utf-8"))
    return {lang: frozenset(v["words"]) for lang, v in data.items()}


def detect_language(text: str, sample: int = 4000) -> str | None:
    """ISO 639-1 code of the best-scoring language, or None when no function word is seen."""
    words = [w.lower() for w in WORD.findall(text[:sample])]
    if not words:
        return None
    scores = {lang: sum(w in sw for w in words) for lang, sw in _stopwords().items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else None
