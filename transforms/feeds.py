"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> article links, and a home page -> its feeds and links."""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import lxml.html

from transforms import xmldoc
from transforms.urls import host_of, normalise

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
FEED_HREF = re.compile(r"(?:/feed/?|/rss/?|\.rss|\.atom|/atom\.xml|/rss\.xml|/feed\.xml|[?&]feed=rss)$", re.I)
ISO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class FeedError(ValueError):
    """A document that is not a usable feed: the reason is recorded."""


@dataclass
class Link:
    """An article link found in a feed or sitemap, with what that document says about it."""

    url: str
    date: str | None = None   # ISO date (YYYY-MM-DD) of publication or last change
    lang: str | None = None
    title: str | None = None
    via: str | None = None    # the feed or sitemap it was found in


def iso_date(value: str | None) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) -> 'YYYY-MM-DD', else None."""
    if not value:
        return None
    value = value.strip()
    m = ISO.match(value)
    if m:
        return m.group(1)
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _text(el) -> str | None:
    if el is None:
        return None
    t = "".join(el.itertext()).strip()
    return t or None


def _child(el, *names: str):
    for c in el:
        if xmldoc.local(c.tag) in names:
            return c
    return None


def _entry_link(entry, kind: str) -> str | None:
    """The article URL of an RSS item or an Atom entry."""
    if kind == "feed":  # Atom: <link rel="alternate" href="..."/>, rel defaulting to alternate
        best = None
        for c in entry:
            if xmldoc.local(c.tag) == "link" and c.get("href"):
                rel = (c.get("rel") or "alternate").lower()
                if rel == "alternate" and (c.get("type") or "text/html").startswith(("text/html", "application/xhtml")):
                    return c.get("href")
                best = best or (c.get("href") if rel == "alternate" else None)
        return best
    link = _text(_child(entry, "link"))
    if link:
        return link
    guid = _child(entry, "guid")
    if guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
        return _text(guid)
    about = entry.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return about


def parse_feed(body: bytes, base_url: str) -> tuple[list[Link], str | None]:
    """(links in feed order, note); raises FeedError when the document yields no feed."""
    try:
        root, note = xmldoc.parse(body)
    except xmldoc.XmlError as exc:
        raise FeedError(f"malformed feed: {exc}") from None
    kind = xmldoc.local(root.tag)
    if kind not in xmldoc.FEED_ROOTS:
        raise FeedError(f"not a feed: the document element is <{kind or '?'}>")
    channel = _child(root, "channel")
    lang = _text(_child(channel, "language")) if channel is not None else None
    lang = lang or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    entries = [e for e in root.iter() if xmldoc.local(e.tag) in ("item", "entry")]
    links: list[Link] = []
    seen: set[str] = set()
    for entry in entries:
        href = _entry_link(entry, kind)
        url = normalise(href or "", base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        date = None
        for name in ("pubdate", "published", "date", "issued", "updated", "modified"):
            date = iso_date(_text(_child(entry, name)))
            if date:
                break
        links.append(Link(url, date, (lang or "")[:2].lower() or None, _text(_child(entry, "title"))))
    if not links and note:
        raise FeedError(f"malformed feed: {note}")
    return links, note


def discover(html: bytes, base_url: str) -> tuple[list[str], list[str]]:
    """A home page -> (feed URLs it announces, same-site links found on it), both normalised."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [], []
    feeds: list[str] = []
    for el in doc.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "alternate" in rel and (el.get("type") or "").lower().split(";")[0].strip() in FEED_TYPES[:3]:
            url = normalise(el.get("href") or "", base_url)
            if url and url not in feeds:
                feeds.append(url)
    site = host_of(base_url)
    links: list[str] = []
    for el in doc.iter("a"):
        url = normalise(el.get("href") or "", base_url)
        if not url or host_of(url) != site or url in links or url.rstrip("/") == base_url.rstrip("/"):
            continue
        if not feeds and FEED_HREF.search(url):
            feeds.append(url)
            continue
        links.append(url)
    return feeds, links
