"""Sources -> raw documents: local files and folders (.html, .txt, .warc, .warc.gz).

A raw document is a dict: document_id, source_uri, source_name, content_type, body (bytes),
charset, url, lang_hint, date_hint, status ('ok' or 'rejected') and reason. Rejected documents
are kept, with their reason, so that nothing read is lost silently. Fetched documents also carry
http_status, final_url, headers (JSON), etag, last_modified, fetched_at and discovered_from
(transforms/crawl.py reads URLs: pages, feeds, sitemaps, home pages).
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

HTML_EXT = (".html", ".htm")
TEXT_EXT = (".txt",)
WARC_EXT = (".warc", ".warc.gz")
SUPPORTED = HTML_EXT + TEXT_EXT + WARC_EXT


def document_id(source_uri: str, body: bytes) -> str:
    return hashlib.sha1(source_uri.encode("utf-8") + b"\x00" + body).hexdigest()[:20]


def raw_document(source_uri: str, body: bytes, content_type: str, **extra) -> dict:
    doc = {
        "document_id": document_id(source_uri, body),
        "source_uri": source_uri,
        "source_name": None,
        "content_type": content_type,
        "body": body,
        "charset": None,
        "url": None,
        "lang_hint": None,
        "date_hint": None,
        "http_status": None,
        "status": "ok",
        "reason": None,
    }
    doc.update(extra)
    return doc


def rejected(source_uri: str, reason: str, body: bytes = b"", **extra) -> dict:
    return raw_document(source_uri, body, extra.pop("content_type", "application/octet-stream"), status="rejected", reason=reason, **extra)


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(SUPPORTED)


def list_files(root: Path) -> list[Path]:
    """Every file under a folder, sorted (hidden files skipped): unsupported ones are rejected later."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts))


def read_file(path: Path, source_name: str | None = None, lang_hint: str | None = None) -> Iterator[dict]:
    """Raw documents of one local file (several for a WARC)."""
    uri = path.resolve().as_uri()
    name = path.name.lower()
    extra = {"source_name": source_name, "lang_hint": lang_hint}
    try:
        if name.endswith(WARC_EXT):
            yield from read_warc(path, uri, extra)
            return
        body = path.read_bytes()
    except OSError as exc:
        yield rejected(uri, f"cannot read file: {exc.strerror or exc}", **extra)
        return
    if name.endswith(HTML_EXT):
        yield raw_document(uri, body, "text/html", **extra)
    elif name.endswith(TEXT_EXT):
        yield raw_document(uri, body, "text/plain", **extra)
    else:
        yield rejected(uri, f"unsupported file type: {path.suffix or 'no extension'}", body, **extra)


def read_warc(path: Path, uri: str, extra: dict) -> Iterator[dict]:
    """Each response record with an HTML body is one document (`uri#record-N`)."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as fh:
            n = 0
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                n += 1
                rec_uri = f"{uri}#record-{n}"
                target = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                status = _warc_status(record)
                body = record.content_stream().read()
                if status is not None and not 200 <= status < 300:
                    yield rejected(rec_uri, f"WARC record of an HTTP {status} response", body, url=target, http_status=status, **extra)
                    continue
                if "html" not in ctype.lower():
                    yield rejected(rec_uri, f"WARC record is not HTML ({ctype or 'no content type'})", body, url=target, **extra)
                    continue
                charset = None
                if "charset=" in ctype.lower():
                    charset = ctype.lower().split("charset=")[-1].split(";")[0].strip()
                yield raw_document(rec_uri, body, "text/html", url=target, charset=charset, http_status=status, **extra)
            if n == 0:
                yield rejected(uri, "WARC file holds no response record", **extra)
    except Exception as exc:  # a corrupt archive is recorded, not fatal
        yield rejected(uri, f"unreadable WARC: {exc}", **extra)


def _warc_status(record) -> int | None:
    """The HTTP status of a WARC response record, when it has HTTP headers."""
    try:
        code = record.http_headers.get_statuscode() if record.http_headers else None
        return int(code) if code else None
    except (TypeError, ValueError):
        return None


def read_local(source: str | Path, source_name: str | None = None, lang_hint: str | None = None) -> list[dict]:
    """All raw documents of a local file or folder; a missing path is one rejected document."""
    root = Path(source)
    if not root.exists():
        return [rejected(str(source), "no such file or folder")]
    docs: list[dict] = []
    for path in list_files(root):
        docs.extend(read_file(path, source_name, lang_hint))
    return docs


def is_url(source: str) -> bool:
    return str(source).lower().startswith(("http://", "https://"))


def read_source(source: str | dict, name: str | None = None, lang: str | None = None, settings=None) -> list[dict]:
    """Any source of CONTRACT.md: a URL (page, feed, sitemap, home page) or a local file or folder.
    A dict carries the options of a sitrep.toml source (include, exclude, max_new, kind, refresh).
    Without a warehouse every URL is new; the pipeline's read stage uses transforms.crawl with one."""
    from transforms.crawl import crawl

    spec = dict(source) if isinstance(source, dict) else {"location": str(source)}
    spec.setdefault("name", name)
    spec.setdefault("lang", lang)
    return crawl([spec], settings).docs
