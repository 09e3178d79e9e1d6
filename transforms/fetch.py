"""Fetching URL sources (pages) into raw documents. The ingestion work extends this module."""
from __future__ import annotations

import httpx

from transforms.sources import raw_document, rejected

USER_AGENT = "sitrep/0.1 (+https://example.org/sitrep; news fact extraction)"
TIMEOUT = 20.0
MAX_BYTES = 10 * 1024 * 1024


def fetch_source(url: str) -> list[dict]:
    """One page -> one raw document (or a rejected one with the reason)."""
    try:
        with httpx.Client(follow_redirects=True, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, max_redirects=5) as client:
            resp = client.get(url)
    except httpx.HTTPError as exc:
        return [rejected(url, f"fetch failed: {type(exc).__name__}: {exc}")]
    body = resp.content[: MAX_BYTES + 1]
    if resp.status_code >= 400:
        return [rejected(url, f"HTTP {resp.status_code}", body, http_status=resp.status_code)]
    if len(body) > MAX_BYTES:
        return [rejected(url, f"body larger than {MAX_BYTES} bytes", http_status=resp.status_code)]
    ctype = resp.headers.get("content-type", "")
    kind = "text/html" if "html" in ctype or not ctype else ("text/plain" if "text/plain" in ctype else ctype)
    if kind not in ("text/html", "text/plain"):
        return [rejected(url, f"unsupported content type {ctype}", body, http_status=resp.status_code)]
    return [raw_document(url, body, kind, url=str(resp.url), charset=resp.charset_encoding, http_status=resp.status_code)]
