"""Duplicates: identical clean text under two URLs is one article; near-identical bodies (the same
wire story on several sites) stay separate articles linked to the first copy (`duplicate_of`).

Near-duplicates are found with MinHash over word 4-grams of the body (headline excluded, since
outlets retitle wire copy) and LSH banding, so each new article is only compared with articles
that share a band. The hash functions are fixed: signatures stored in the warehouse stay valid.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import datetime

import numpy as np

WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
PRIME = np.uint64(4294967291)  # largest prime below 2**32: (a*h + b) stays below 2**64
MIN_SHINGLES = 12              # shorter bodies are too short to call near-duplicates
THRESHOLD = 0.6                # estimated Jaccard similarity of 4-gram sets

_rng = np.random.default_rng(20_240_917)
_A = _rng.integers(1, int(PRIME), NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, int(PRIME), NUM_PERM, dtype=np.uint64)


def body_of(article: dict) -> str:
    """The clean text without its headline."""
    text = article.get("text") or ""
    return text[int(article.get("headline_end") or 0):]


def shingles(text: str) -> np.ndarray:
    """Distinct CRC-32 hashes of the word 4-grams of a text (lower-cased)."""
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (NUM_PERM uint32), or None when the text is too short to compare."""
    h = shingles(text)
    if h.size < MIN_SHINGLES:
        return None
    return ((_A[:, None] * h[None, :] + _B[:, None]) % PRIME).min(axis=1).astype(np.uint32)


def band_keys(sig: np.ndarray | None) -> list[int]:
    """One signed 64-bit key per LSH band."""
    if sig is None:
        return []
    return [int.from_bytes(hashlib.blake2b(bytes([i]) + sig[i * ROWS:(i + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "little", signed=True) for i in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else sig.astype("<u4").tobytes()


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return None if not blob else np.frombuffer(blob, dtype="<u4").astype(np.uint32)


@dataclass
class Entry:
    """An article on the dedup timeline: stored ones (`stored`) and this run's."""

    article_id: str
    content_hash: str
    sig: np.ndarray | None
    first_seen: datetime
    order: int
    url: str | None = None
    duplicate_of: str | None = None
    stored: bool = False


@dataclass
class Decision:
    duplicate_of: str | None = None   # near-duplicate: first copy of the story
    same_as: str | None = None        # identical text: this article is dropped in favour of that one
    same_as_url: str | None = None
    similarity: float | None = None


def assign(entries: list[Entry], threshold: float = THRESHOLD) -> dict[str, Decision]:
    """Walk the timeline (first seen first); each article of this run is compared with the earlier
    ones. Returns a decision for every article of the run (stored entries only serve as earlier copies)."""
    by_hash: dict[str, Entry] = {}
    buckets: dict[int, list[Entry]] = {}
    decisions: dict[str, Decision] = {}
    for e in sorted(entries, key=lambda x: (x.first_seen, x.order)):
        keys = band_keys(e.sig)
        if not e.stored:
            d = Decision()
            same = by_hash.get(e.content_hash)
            if same is not None and same.article_id != e.article_id:
                d.same_as, d.same_as_url = same.article_id, same.url
                decisions[e.article_id] = d
                continue
            best, best_sim = None, threshold
            if e.sig is not None:
                seen: set[str] = set()
                for key in keys:
                    for other in buckets.get(key, ()):
                        if other.article_id in seen or other.article_id == e.article_id:
                            continue
                        seen.add(other.article_id)
                        sim = similarity(e.sig, other.sig)
                        if sim >= best_sim and (best is None or sim > best_sim):
                            best, best_sim = other, sim
            if best is not None:
                root = best.duplicate_of or best.article_id
                if root != e.article_id:
                    d.duplicate_of, d.similarity = root, best_sim
            e.duplicate_of = d.duplicate_of
            decisions[e.article_id] = d
        by_hash.setdefault(e.content_hash, e)
        for key in keys:
            buckets.setdefault(key, []).append(e)
    return decisions
