"""Raw documents -> clean articles: the text formats of CONTRACT.md and trafilatura for HTML.

The clean text is what every offset in the fact tables points into: the title (when there is
one and the body does not already start with it), a blank line, then the body.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date

import codecs

from charset_normalizer import from_bytes

from transforms.language import detect_language
from transforms.urls import normalise as normalise_url

TXT_HEADER = re.compile(r"^(url|title|date|lang|language|source|author)\s*:\s*(.*)$", re.IGNORECASE)
DUMP_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+(.*)$")
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
MIN_TEXT_CHARS = 1
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LATIN_LABELS = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})


class CleaningError(ValueError):
    """A document that holds no article: the reason is recorded, the run goes on."""


def stable_id(*parts: str, length: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def parse_date(value: str | None) -> tuple[date | None, str | None]:
    """'2022-01-07' -> (date, 'day'); '2022-01' -> (2022-01-01, 'month'); '2022' -> year."""
    if not value:
        return None, None
    m = ISO_DATE.search(value)
    if not m:
        return None, None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            return date(int(y), int(mo), int(d)), "day"
        if mo:
            return date(int(y), int(mo), 1), "month"
        return date(int(y), 1, 1), "year"
    except ValueError:
        return None, None


def _codec(name: str | None) -> str | None:
    """The canonical codec name of a declared charset, or None when Python does not know it."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def sniff_charset(body: bytes) -> str | None:
    """The charset an HTML page or an XML document declares in its first bytes."""
    head = body[:4096]
    m = XML_ENCODING.match(head) or META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_text(body: bytes, declared: str | None = None) -> tuple[str, str, int]:
    """Bytes -> (text, encoding used, number of bytes replaced).

    Order: byte-order mark; the HTTP charset, then the one the page declares (a Latin-1 label on
    valid UTF-8 is a common server default and loses to UTF-8); UTF-8; detection. UTF-8 with a few
    broken bytes keeps its text, the broken bytes becoming U+FFFD."""
    for bom, enc in BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace"), enc, 0
    tried: list[str] = []
    for name in (declared, sniff_charset(body)):
        enc = _codec(name)
        if not enc or enc in tried:
            continue
        tried.append(enc)
        if enc in LATIN_LABELS and not body.isascii():
            try:
                return body.decode("utf-8"), "utf-8", 0
            except UnicodeDecodeError:
                pass
        try:
            return body.decode(enc), enc, 0
        except UnicodeDecodeError:
            continue
    try:
        return body.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    non_ascii = sum(b > 127 for b in body)
    lossy = body.decode("utf-8", errors="replace")
    n_bad = lossy.count("\ufffd") - body.count("\xef\xbf\xbd".encode("latin-1"))
    few_bad = n_bad <= max(2, non_ascii // 20)
    mostly_utf8 = any(ord(ch) > 127 and ch != "\ufffd" for ch in lossy)
    if few_bad and ("utf-8" in tried or mostly_utf8):
        return lossy, "utf-8", n_bad
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return str(best), best.encoding, 0
    if few_bad:
        return lossy, "utf-8", n_bad
    raise CleaningError("undecodable bytes: no text encoding fits")


def decode(body: bytes, declared: str | None = None) -> str:
    """Bytes -> str (see decode_text)."""
    return decode_text(body, declared)[0]


def normalise_text(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def compose(title: str | None, body: str) -> tuple[str, int]:
    """Clean text and the end offset of its headline (0 when there is none)."""
    body = normalise_text(body)
    title = (title or "").strip()
    if title and not body.startswith(title):
        return f"{title}\n\n{body}", len(title)
    if title:
        return body, len(title)
    return body, 0


def parse_txt(raw: str) -> dict:
    """CONTRACT.md text format: optional `key: value` header then a blank line; or a dump line."""
    raw = raw.replace("\r\n", "\n").replace("\ufeff", "")
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and TXT_HEADER.match(lines[i]):
        key, value = TXT_HEADER.match(lines[i]).groups()
        meta[key.lower()] = value.strip()
        i += 1
    if meta and (i == len(lines) or not lines[i].strip()):
        body = "\n".join(lines[i:])
    else:
        meta, body = {}, raw
    title = meta.get("title")
    stripped = body.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    dump = DUMP_DATE.match(first)
    if dump:
        meta.setdefault("date", dump.group(1))
        title = title or dump.group(2).strip()
        body = rest if title == dump.group(2).strip() else dump.group(2) + "\n" + rest
    return {
        "title": title,
        "body": body,
        "url": meta.get("url"),
        "date": meta.get("date"),
        "lang": meta.get("lang") or meta.get("language"),
        "source": meta.get("source"),
        "author": meta.get("author"),
    }


def parse_html(html: str, url: str | None = None) -> dict:
    """trafilatura's main text and metadata (title, site name, date via htmldate, canonical URL)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        output_format="python",
    )
    if doc is None:
        raise CleaningError("no article found in the page (trafilatura extracted nothing)")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    lang = data.get("language")
    if not lang:
        m = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", html[:2000])
        lang = m.group(1).lower() if m else None
    return {
        "title": data.get("title"),
        "body": body,
        "url": data.get("url"),
        "date": data.get("date"),
        "lang": lang,
        "source": data.get("sitename") or data.get("hostname"),
        "author": data.get("author"),
    }


def clean_document(doc: dict) -> dict:
    """One raw document (keys: document_id, source_uri, content_type, body, declared charset,
    url, hints) -> one article dict with the columns of ARTICLE_SCHEMA. Raises CleaningError."""
    body: bytes = doc["body"]
    if not body or not body.strip():
        raise CleaningError("empty document")
    if b"\x00" in body[:4096]:
        raise CleaningError("binary content, not text")
    text, encoding, n_replaced = decode_text(body, doc.get("charset"))
    kind = doc.get("content_type") or "text/plain"
    parsed = parse_html(text, doc.get("url")) if "html" in kind else parse_txt(text)
    if "html" in kind and parsed["url"]:
        parsed["url"] = normalise_url(parsed["url"], doc.get("url")) or doc.get("url")
    clean, headline_end = compose(parsed["title"], parsed["body"])
    if len(clean) < MIN_TEXT_CHARS or not parsed["body"].strip():
        raise CleaningError("no article text after cleaning")
    published, precision = parse_date(parsed["date"] or doc.get("date_hint"))
    language = (parsed["lang"] or doc.get("lang_hint") or detect_language(clean) or "").lower()[:2] or None
    source_uri = doc["source_uri"]
    url = parsed["url"] or doc.get("url") or source_uri
    return {
        "article_id": stable_id(source_uri, content_hash(clean)),
        "document_id": doc["document_id"],
        "source_uri": source_uri,
        "url": url,
        "title": parsed["title"],
        "source": parsed["source"] or doc.get("source_name"),
        "published_date": published,
        "published_precision": precision,
        "language": language,
        "text": clean,
        "headline_end": headline_end,
        "n_chars": len(clean),
        "content_hash": content_hash(clean),
        "author": parsed.get("author"),
        "encoding": encoding,
        "encoding_errors": n_replaced,
    }
