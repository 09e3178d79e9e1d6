"""Task options of the pipeline flow: retries where a retry can help, timeouts, and cache keys
computed from content, so that an unchanged document is not cleaned or extracted again.

Cache keys hash what a task's output depends on: the inputs' ids (a raw document id hashes its
URI and bytes, an article id its URI and clean text) and their other fields, plus a digest of the
code that transforms them (every file of `transforms/`, the extractor version, trafilatura's
version). Change the code or the data files and every key changes; change nothing and a full
refresh or a retried run reads the stored results instead of recomputing them.
"""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff

from transforms.fetch import FetchSettings

CACHE_EXPIRATION = timedelta(days=30)
_CODE_SUFFIXES = (".py", ".toml", ".csv", ".json", ".txt")


def code_digest() -> str:
    """Hash of the extractor version, every code and data file of `transforms/` and the versions
    of the libraries it relies on."""
    from transforms.extract import EXTRACTOR_VERSION

    return hashlib.sha256(f"extractor={EXTRACTOR_VERSION}:{_files_digest()}".encode()).hexdigest()[:24]


@lru_cache(maxsize=1)
def _files_digest() -> str:
    """Read once per process: the code a process runs is the code it imported."""
    h = hashlib.sha256()
    for dist in ("trafilatura", "polars"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    import transforms

    root = Path(transforms.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:24]


def _fingerprint(item: dict, big: str) -> str:
    """An item's fields as stable JSON, the big field (bytes or text) left to the item's id."""
    return json.dumps({k: v for k, v in item.items() if k != big}, sort_keys=True, default=str)


def _key(stage: str, items: list[dict], big: str) -> str:
    h = hashlib.sha256(f"{stage}:{code_digest()}".encode())
    for item in items:
        h.update(_fingerprint(item, big).encode("utf-8"))
        h.update(b"\x00")
    return f"sitrep-{stage}-{h.hexdigest()[:32]}"


def clean_cache_key(context, parameters: dict) -> str:
    """A batch of raw documents: their ids (URI + bytes) and hints, and the cleaning code."""
    return _key("clean", parameters["docs"], "body")


def extract_cache_key(context, parameters: dict) -> str:
    """A batch of clean articles: their ids (URI + clean text) and metadata, and the extractor."""
    return _key("extract", parameters["articles"], "text")


def _boundary(value: str, size: int) -> bool:
    return int(hashlib.sha1(value.encode("utf-8")).hexdigest()[:8], 16) % size == 0


def content_batches(items: list[dict], size: int, key: str) -> list[list[dict]]:
    """Batches cut after each item whose id falls on a boundary (one in `size` on average, at
    most 2 * size per batch): a new or removed document changes its own batch only, so the
    other batches keep their cache keys whatever the order of arrival."""
    size = max(1, int(size))
    out, current = [], []
    for item in items:
        current.append(item)
        if len(current) >= 2 * size or _boundary(str(item[key]), size):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


# Fetching: the fetcher retries each request itself (transforms/fetch.py). A fetch batch whose
# task fails (a worker lost, a crash) is retried whole after about 10 s, then 20 s (+/- jitter);
# planning (feeds, sitemaps, robots.txt, in the flow's process) likewise. No result is cached:
# what is new on the web is the point of fetching. A batch's time limit is its own budget
# (`fetch_budget`): past it, the pages left are recorded as failures that the next run retries
# (a Prefect task timeout cannot interrupt a batch running in a pool thread or a Dask worker).
_FETCH_RETRIES = dict(retries=2, retry_delay_seconds=exponential_backoff(backoff_factor=10), retry_jitter_factor=0.5)
PLAN = dict(**_FETCH_RETRIES, timeout_seconds=3600, cache_policy=NO_CACHE)
FETCH = dict(**_FETCH_RETRIES, cache_policy=NO_CACHE)


def fetch_budget(settings: FetchSettings, n_pages: int) -> float:
    """Seconds a batch of `n_pages` may take, once its host slot is held: every attempt of every
    page timing out, with the longest waits between attempts, plus a minute."""
    per_attempt = 3 * settings.timeout + settings.max_backoff + max(settings.host_delay, 0.0)
    return 60.0 + n_pages * (settings.retries + 1) * per_attempt


# Cleaning and extraction are deterministic: no retry. No task timeout either: they run in pool
# threads or Dask workers, where Prefect cannot interrupt them (it would only warn on every batch);
# the fetcher bounds a page's size, and the deployments' flow runs have a timeout of their own.
CLEAN = dict(cache_key_fn=clean_cache_key, cache_expiration=CACHE_EXPIRATION)
EXTRACT = dict(cache_key_fn=extract_cache_key, cache_expiration=CACHE_EXPIRATION)
