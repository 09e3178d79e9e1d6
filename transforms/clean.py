"""Raw documents -> clean articles: the text formats of CONTRACT.md and trafilatura for HTML.

The clean text is what every offset in the fact tables points into: the title (when there is
one and the body does not already start with it), a blank line, then the body.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date

from charset_normalizer import from_bytes

from transforms.language import detect_language

TXT_HEADER = re.compile(r"^(url|title|date|lang|language|source|author)\s*:\s*(.*)$", re.IGNORECASE)
DUMP_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+(.*)$")
ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
MIN_TEXT_CHARS = 1


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


def decode(body: bytes, declared: str | None = None) -> str:
    """Bytes -> str: the declared charset when it decodes cleanly, else detection."""
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body).best()
        if best is None:
            raise CleaningError("undecodable bytes: no text encoding fits")
        return str(best)


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
    }


def clean_document(doc: dict) -> dict:
    """One raw document (keys: document_id, source_uri, content_type, body, declared charset,
    url, hints) -> one article dict with the columns of ARTICLE_SCHEMA. Raises CleaningError."""
    body: bytes = doc["body"]
    if not body or not body.strip():
        raise CleaningError("empty document")
    if b"\x00" in body[:4096]:
        raise CleaningError("binary content, not text")
    text = decode(body, doc.get("charset"))
    kind = doc.get("content_type") or "text/plain"
    parsed = parse_html(text, doc.get("url")) if "html" in kind else parse_txt(text)
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
    }
