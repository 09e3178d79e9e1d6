"""Parsing untrusted XML (feeds, sitemaps): no entity expansion, no DTD or network access, and a
recovering second pass for the many feeds that are almost well-formed."""
from __future__ import annotations

import re

from lxml import etree

_SAFE = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
STRICT = etree.XMLParser(**_SAFE)
RECOVER = etree.XMLParser(recover=True, **_SAFE)
LEADING = re.compile(rb"^(\xef\xbb\xbf|\s)+")
XML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]*)", re.S)
HTML_HINT = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
FEED_ROOTS = {"rss", "feed", "rdf"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}


class XmlError(ValueError):
    """Not well-formed and nothing usable could be recovered."""


def local(tag) -> str:
    """An element's tag without its namespace, lower-cased ('' for comments and the like)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower()


def root_name(body: bytes) -> str | None:
    """The local name of the document element, read from the first bytes only."""
    m = XML_START.match(LEADING.sub(b"", body[:4096]))
    if not m:
        return None
    return m.group(3).decode("ascii", "replace").split(":")[-1].lower()


def sniff(body: bytes, content_type: str | None = None) -> str:
    """'feed', 'sitemap', 'html', 'xml' (another XML document) or 'other', from the first bytes."""
    head = LEADING.sub(b"", body[:4096])
    ctype = (content_type or "").lower()
    name = root_name(head)
    if name in FEED_ROOTS:
        return "feed"
    if name in SITEMAP_ROOTS:
        return "sitemap"
    if name == "html" or HTML_HINT.search(head):
        return "html"
    if "rss" in ctype or "atom" in ctype:
        return "feed"
    if name or "xml" in ctype:
        return "xml"
    return "other"


def parse(body: bytes) -> tuple[etree._Element, str | None]:
    """(root, note): note says when the document was malformed and only partly recovered."""
    data = LEADING.sub(b"", body)
    if not data:
        raise XmlError("empty document")
    try:
        return etree.fromstring(data, STRICT), None
    except etree.XMLSyntaxError as exc:
        error = str(exc)
    try:
        root = etree.fromstring(data, RECOVER)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise XmlError(f"not well-formed XML: {error}")
    return root, f"malformed XML, partly recovered ({error})"
