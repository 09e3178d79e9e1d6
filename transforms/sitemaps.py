"""Sitemaps (sitemaps.org, Google News sitemaps, text sitemaps, gzipped ones) -> article links or
nested sitemaps, newest first."""
from __future__ import annotations

import zlib

from transforms import xmldoc
from transforms.feeds import Link, iso_date
from transforms.urls import normalise

GZIP_MAGIC = b"\x1f\x8b"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # sitemaps.org: at most 50 MB uncompressed


class SitemapError(ValueError):
    """A document that is not a usable sitemap: the reason is recorded."""


def gunzip(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """A gzipped sitemap, decompressed at most to `limit` bytes (a gzip bomb is refused)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise SitemapError(f"malformed sitemap: corrupt gzip data ({exc})") from None
    if len(out) > limit:
        raise SitemapError(f"sitemap larger than {limit} bytes once decompressed")
    if not d.eof:
        raise SitemapError("malformed sitemap: corrupt gzip data (truncated)")
    return out


def _newest_first(links: list[Link]) -> list[Link]:
    """Sort by date, newest first; undated entries keep their order after the dated ones."""
    dated = sorted((l for l in links if l.date), key=lambda l: l.date, reverse=True)
    return dated + [l for l in links if not l.date]


def parse_sitemap(body: bytes, base_url: str, content_type: str | None = None) -> tuple[str, list[Link], str | None]:
    """('urlset' | 'index', links newest first, note); raises SitemapError."""
    if body[:2] == GZIP_MAGIC:
        body = gunzip(body)
    if "text/plain" in (content_type or "").lower() and xmldoc.root_name(body) is None:
        return "urlset", _text_sitemap(body, base_url), None
    try:
        root, note = xmldoc.parse(body)
    except xmldoc.XmlError as exc:
        raise SitemapError(f"malformed sitemap: {exc}") from None
    kind = xmldoc.local(root.tag)
    if kind not in xmldoc.SITEMAP_ROOTS:
        raise SitemapError(f"not a sitemap: the document element is <{kind or '?'}>")
    child = "sitemap" if kind == "sitemapindex" else "url"
    links: list[Link] = []
    seen: set[str] = set()
    for entry in root:
        if xmldoc.local(entry.tag) != child:
            continue
        loc = lastmod = lang = title = None
        for el in entry.iter():
            name = xmldoc.local(el.tag)
            text = (el.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name in ("lastmod", "publication_date") and text:
                lastmod = max(filter(None, [lastmod, iso_date(text)]), default=None)
            elif name == "language" and text:
                lang = text[:2].lower()
            elif name == "title" and text:
                title = text
        url = normalise(loc or "", base_url)
        if url and url not in seen:
            seen.add(url)
            links.append(Link(url, lastmod, lang, title))
    if not links and note:
        raise SitemapError(f"malformed sitemap: {note}")
    return ("index" if kind == "sitemapindex" else "urlset"), _newest_first(links), note


def _text_sitemap(body: bytes, base_url: str) -> list[Link]:
    """A text sitemap: one absolute URL per line."""
    links = []
    for line in body.decode("utf-8", errors="replace").splitlines():
        url = normalise(line.strip(), base_url) if line.strip().lower().startswith(("http://", "https://")) else None
        if url:
            links.append(Link(url))
    if not links:
        raise SitemapError("not a sitemap: no URL line in the text")
    return links
