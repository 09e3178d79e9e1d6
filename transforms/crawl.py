"""Sources -> raw documents: pages, feeds, sitemaps (nested), home pages (feed and sitemap
discovery) and local files, incrementally (a URL already landed is skipped unless its source asks
for refresh; feeds and sitemaps are re-read with conditional requests, and a 304 re-uses the copy
in the raw layer). Every outcome is a raw document or a fetch-log row: nothing is dropped silently.
"""
from __future__ import annotations

import hashlib
import json
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import islice
from typing import Callable, Iterable, Iterator, Protocol

from transforms import xmldoc
from transforms.feeds import FeedError, Link, discover, parse_feed
from transforms.fetch import Fetcher, FetchLog, FetchSettings, Response
from transforms.sitemaps import GZIP_MAGIC, MAX_SITEMAP_BYTES, SitemapError, parse_sitemap
from transforms.sources import is_url, raw_document, read_local, rejected
from transforms.urls import AddressPolicy, Patterns, host_of, is_root, normalise, not_article_reason

KINDS = ("auto", "page", "feed", "sitemap", "site")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
LOOKUP_BATCH = 200
MAX_SITEMAP_DEPTH = 3


@dataclass
class SourceSpec:
    """One source of the run, as given on the command line or in sitrep.toml's [[sources]]."""

    location: str
    name: str | None = None
    lang: str | None = None
    kind: str = "auto"
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    max_new: int | None = None
    refresh: bool = False

    @classmethod
    def of(cls, source: "str | dict | SourceSpec") -> "SourceSpec":
        if isinstance(source, SourceSpec):
            return source
        if isinstance(source, str):
            return cls(location=source)
        known = {k: v for k, v in source.items() if k in cls.__dataclass_fields__ and v is not None}
        spec = cls(**known)
        if spec.kind not in KINDS:
            raise ValueError(f"source {spec.location}: kind must be one of {', '.join(KINDS)}, not {spec.kind!r}")
        spec.include, spec.exclude = list(spec.include or []), list(spec.exclude or [])
        return spec


class State(Protocol):
    """What the warehouse already holds (see warehouse/ingest.py)."""

    def known(self, urls: list[str]) -> dict[str, dict]: ...  # url -> {landed, etag, last_modified, failure}

    def hub(self, url: str) -> dict | None: ...  # last stored copy of a feed/sitemap/home page


class NoState:
    """An empty warehouse: everything is new."""

    def known(self, urls: list[str]) -> dict[str, dict]:
        return {}

    def hub(self, url: str) -> dict | None:
        return None


class Progress(Protocol):
    def expect(self, n: int) -> None: ...

    def done(self, ok: bool) -> None: ...


class _NoProgress:
    def expect(self, n: int) -> None:
        pass

    def done(self, ok: bool) -> None:
        pass


@dataclass
class PageJob:
    """A page chosen for fetching, as plain data: all a fetch task on any worker needs."""

    url: str
    seq: int                                # discovery order: documents are sorted by it
    source_name: str | None = None
    lang_hint: str | None = None
    date_hint: str | None = None
    discovered_from: str | None = None      # the feed, sitemap or home page that linked to it
    etag: str | None = None                 # validators of the landed copy (refresh: a 304 when unchanged)
    last_modified: str | None = None

    @classmethod
    def of(cls, spec: SourceSpec, link: Link, known: dict, hub: str | None, seq: int) -> "PageJob":
        return cls(link.url, seq, spec.name, spec.lang or link.lang, link.date, hub, known.get("etag"), known.get("last_modified"))

    @property
    def host(self) -> str:
        return host_of(self.url)


@dataclass
class CrawlResult:
    docs: list[dict] = field(default_factory=list)     # raw documents (pages, and failures with their reason)
    hubs: list[dict] = field(default_factory=list)     # feeds, sitemaps and home pages read, with their bytes
    log: list[dict] = field(default_factory=list)      # the fetch log: every attempt and decision
    planned: list[PageJob] = field(default_factory=list)  # pages left to fetch (a deferred crawl: see Crawler)


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while batch := list(islice(it, n)):
        yield batch


def _doc_meta(r: Response) -> dict:
    return {"http_status": r.status, "final_url": r.final_url, "etag": r.etag, "last_modified": r.last_modified,
            "headers": json.dumps(r.headers, ensure_ascii=False) if r.headers else None,
            "fetched_at": datetime.now(timezone.utc)}


class Crawler:
    """One run over the sources; `on_doc` receives each raw document as soon as it exists.

    `defer=True` plans only: local files, feeds, sitemaps, home pages and robots.txt are read here,
    but the article pages chosen are left in `result.planned` for fetch tasks (`fetch_pages`)."""

    def __init__(self, settings: FetchSettings, sources: list[SourceSpec], state: State | None = None,
                 progress: Progress | None = None, on_doc: Callable[[dict], None] | None = None,
                 transport=None, defer: bool = False) -> None:
        self.settings = settings
        self.sources = sources
        self.state = state or NoState()
        self.progress = progress or _NoProgress()
        self.on_doc = on_doc
        self.defer = defer
        named = [host_of(normalise(s.location) or s.location) for s in sources if is_url(s.location)]
        self.named_hosts = sorted(set(named))
        self.policy = AddressPolicy(named, settings.allowed_private_hosts)
        self.log = FetchLog()
        self.fetcher = Fetcher(settings, self.policy, self.log, transport=transport)
        self.result = CrawlResult()
        self._claimed: set[str] = set()
        self._hubs_read: set[str] = set()
        self._sitemaps_read: dict[str, int] = {}
        self._seq = 0
        self._pending: list[Future] = []
        self._pool: ThreadPoolExecutor | None = None

    # ---------------------------------------------------------------- driver
    def run(self) -> CrawlResult:
        self._pool = ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency), thread_name_prefix="sitrep-fetch")
        try:
            for spec in self.sources:
                try:
                    if is_url(spec.location):
                        self._url_source(spec)
                    else:
                        self._local_source(spec)
                except Exception as exc:  # one broken source must not stop the others
                    self._emit(rejected(spec.location, f"source failed: {type(exc).__name__}: {exc}", source_name=spec.name))
                self._drain(block=False)
            self._drain(block=True)
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self.fetcher.close()
            self.result.log = self.log.rows
            # discovery order, not arrival order (a deferred crawl keeps `_seq` to merge with the fetched pages)
            self.result.docs.sort(key=lambda d: d["_seq"] if self.defer else d.pop("_seq"))
        return self.result

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _emit(self, doc: dict | None) -> None:
        if doc is None:
            return
        doc.setdefault("_seq", self._next_seq())
        self.result.docs.append(doc)
        if self.on_doc:
            self.on_doc(doc)

    def _drain(self, block: bool) -> None:
        while self._pending:
            done, rest = wait(self._pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            if not done:
                return
            self._pending = list(rest)
            for fut in done:
                doc = fut.result()
                self.progress.done(doc is None or doc.get("status") == "ok")  # None: unchanged (304)
                self._emit(doc)

    # ---------------------------------------------------------------- local files
    def _local_source(self, spec: SourceSpec) -> None:
        patterns = Patterns(spec.include, spec.exclude)
        docs = read_local(spec.location, spec.name, spec.lang)
        self.progress.expect(len(docs))
        for doc in docs:
            reason = patterns.reason(doc.get("url") or doc["source_uri"])
            if reason and doc["status"] == "ok":
                self.log.add(doc["source_uri"], "filtered", kind="file", source=spec.name, reason=reason)
                self.progress.done(False)
                continue
            self.progress.done(doc["status"] == "ok")
            self._emit(doc)

    # ---------------------------------------------------------------- URL sources
    def _url_source(self, spec: SourceSpec) -> None:
        url = normalise(spec.location)
        if url is None:
            self._emit(rejected(spec.location, "not a valid http(s) URL", source_name=spec.name))
            return
        known = self.state.known([url]).get(url) or {}
        if spec.kind in ("auto", "page") and not is_root(url) and known.get("landed") and not spec.refresh:
            self.log.add(url, "skipped", kind="page", source=spec.name, reason="already landed (set refresh = true to re-fetch)")
            return
        if spec.kind == "page":
            self._claimed.add(url)
            self._submit(spec, Link(url), known if spec.refresh else {}, None)
            return
        resp, body = self._read_hub(spec, url, spec.kind if spec.kind != "auto" else "source", known)
        if resp is None:
            return
        sniffed = xmldoc.sniff(body, resp.content_type)
        if spec.kind == "feed" or (spec.kind == "auto" and sniffed == "feed"):
            self._select(spec, [self._feed_links(spec, url, resp, body)], url)
        elif spec.kind == "sitemap" or (spec.kind == "auto" and (sniffed == "sitemap" or body[:2] == GZIP_MAGIC)):
            self._select(spec, self._sitemap_links(spec, url, resp, body, 0), url)
        elif spec.kind == "site" or (spec.kind == "auto" and sniffed == "html" and is_root(url)):
            self._select(spec, self._site_links(spec, url, resp, body), url)
        elif sniffed == "xml":
            self._hub_failed(spec, url, resp, body, "malformed feed or sitemap: an XML document that is neither "
                             f"(document element <{xmldoc.root_name(body) or '?'}>)" if xmldoc.root_name(body)
                             else "malformed feed or sitemap: not well-formed XML")
        else:  # a page named directly: the response is the document
            self._claimed.add(url)
            self.progress.expect(1)
            if resp.log_row is not None:
                resp.log_row["kind"] = "page"
            doc = self._page_doc(spec, Link(url), resp, None)
            self.progress.done(doc["status"] == "ok")
            self._emit(doc)

    def _read_hub(self, spec: SourceSpec, url: str, kind: str, known: dict | None = None) -> tuple[Response | None, bytes]:
        """Fetch a feed/sitemap/home page conditionally; a 304 gives back the copy in the raw layer.
        (None, b'') when there is nothing to read: a failure (recorded) or an unchanged landed page."""
        known = known or {}
        stored = self.state.hub(url)
        cond = stored or (known if spec.refresh and known.get("landed") else {})
        limit = max(self.settings.max_bytes, MAX_SITEMAP_BYTES) if kind == "sitemap" else None  # sitemaps: up to 50 MB
        resp = self.fetcher.get(url, kind=kind, source=spec.name, etag=cond.get("etag"), last_modified=cond.get("last_modified"),
                                limit=limit)
        if resp.outcome == "not_modified":
            if stored:
                resp.headers.setdefault("content-type", stored.get("content_type") or "")
                self._hubs_read.add(url)
                return resp, stored["body"]
            if known.get("landed"):
                return None, b""
            resp = self.fetcher.get(url, kind=kind, source=spec.name, limit=limit)
        if resp.outcome != "ok":
            self._emit(rejected(url, resp.reason or resp.outcome, resp.body, source_name=spec.name,
                                retryable=resp.retryable, **_doc_meta(resp)))
            return None, b""
        self._hubs_read.add(url)
        return resp, resp.body

    def _store_hub(self, spec: SourceSpec, url: str, kind: str, resp: Response, body: bytes, n_links: int, note: str | None) -> None:
        if resp.outcome != "ok":
            return
        self.result.hubs.append({
            "document_id": hashlib.sha1(url.encode() + b"\x00" + body).hexdigest()[:20], "url": url, "kind": kind,
            "source_name": spec.name, "content_type": resp.content_type, "body": body, "n_bytes": len(body),
            "n_links": n_links, "note": note, **_doc_meta(resp),
        })

    def _hub_failed(self, spec: SourceSpec, url: str, resp: Response, body: bytes, reason: str) -> None:
        if resp.log_row is not None:
            resp.log_row.update(outcome="failed", reason=reason)
        self._emit(rejected(url, reason, body, content_type=resp.content_type or "application/xml",
                            source_name=spec.name, **_doc_meta(resp)))

    # ---------------------------------------------------------------- discovery
    def _feed_links(self, spec: SourceSpec, url: str, resp: Response, body: bytes) -> list[Link]:
        try:
            links, note = parse_feed(body, resp.final_url or url)
        except FeedError as exc:
            self._hub_failed(spec, url, resp, body, str(exc))
            return []
        self._store_hub(spec, url, "feed", resp, body, len(links), note)
        for link in links:
            link.via = url
        if note and resp.log_row is not None:
            resp.log_row.update(reason=note)
        return links

    def _sitemap_links(self, spec: SourceSpec, url: str, resp: Response, body: bytes, depth: int) -> Iterator[list[Link]]:
        """A sitemap's article links; an index is followed lazily (children are only fetched while
        the source still wants new articles), newest child first, at most max_sitemaps per source."""
        try:
            kind, links, note = parse_sitemap(body, resp.final_url or url, resp.content_type)
        except SitemapError as exc:
            self._hub_failed(spec, url, resp, body, str(exc))
            return
        self._store_hub(spec, url, "sitemap", resp, body, len(links), note)
        if kind == "urlset":
            for link in links:
                link.via = url
            yield links
            return
        if depth >= MAX_SITEMAP_DEPTH:
            self.log.add(url, "filtered", kind="sitemap", source=spec.name, reason=f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH}")
            return
        for child in links:
            if child.url in self._hubs_read:
                continue
            count = self._sitemaps_read.get(spec.location, 0)
            if count >= self.settings.max_sitemaps:
                self.log.add(child.url, "filtered", kind="sitemap", source=spec.name,
                             reason=f"more than max_sitemaps ({self.settings.max_sitemaps}) sitemaps: left for later")
                return
            self._sitemaps_read[spec.location] = count + 1
            child_resp, child_body = self._read_hub(spec, child.url, "sitemap")
            if child_resp is not None:
                yield from self._sitemap_links(spec, child.url, child_resp, child_body, depth + 1)

    def _site_links(self, spec: SourceSpec, url: str, resp: Response, body: bytes) -> Iterator[list[Link]]:
        """A home page: its feeds, then the sitemaps robots.txt names (or /sitemap.xml), else its links."""
        base = resp.final_url or url
        feeds, page_links = discover(body, base)
        sitemaps: list[str] = []
        if self.settings.respect_robots:
            for sm in self.fetcher.robots_for(url).sitemaps:
                u = normalise(sm, base)
                if u and u not in sitemaps:
                    sitemaps.append(u)
        guessed = None
        if not feeds and not sitemaps:
            guessed = normalise("/sitemap.xml", base)
            sitemaps.append(guessed)
        self._store_hub(spec, url, "site", resp, body, len(feeds) + len(sitemaps), None)
        found = False
        for f in feeds:
            if f in self._hubs_read:
                continue
            r, b = self._read_hub(spec, f, "feed")
            if r is not None:
                links = self._feed_links(spec, f, r, b)
                found = found or bool(links)
                yield links
        for sm in sitemaps:
            if sm in self._hubs_read:
                continue
            if sm == guessed:
                r = self.fetcher.get(sm, kind="sitemap", source=spec.name)
                if r.outcome != "ok" or xmldoc.sniff(r.body, r.content_type) != "sitemap" and r.body[:2] != GZIP_MAGIC:
                    if r.log_row is not None and r.outcome == "ok":
                        r.log_row.update(outcome="failed", reason="no sitemap at the conventional address")
                    continue
                self._hubs_read.add(sm)
                b = r.body
            else:
                r, b = self._read_hub(spec, sm, "sitemap")
                if r is None:
                    continue
            for links in self._sitemap_links(spec, sm, r, b, 0):
                found = found or bool(links)
                yield links
        if not found:
            self.log.add(url, "ok", kind="site", source=spec.name,
                         reason=f"no feed or sitemap found: following the {len(page_links)} links of the home page")
            yield [Link(u) for u in page_links]

    # ---------------------------------------------------------------- selection
    def _select(self, spec: SourceSpec, groups: Iterable[list[Link]], hub: str) -> None:
        """Filter the links, skip what is landed, keep at most max_new new ones, fetch them. Links
        come in groups (one per feed or sitemap), pulled lazily: a sitemap is only fetched while
        the source still wants new articles."""
        patterns = Patterns(spec.include, spec.exclude)
        budget = spec.max_new if spec.max_new is not None else self.settings.max_new
        n_new = 0
        skipped: dict[str, list[str]] = {}
        exhausted = False
        for batch in (chunk for group in groups for chunk in _chunks(group, LOOKUP_BATCH)):
            keep: list[Link] = []
            for link in batch:
                reason = patterns.reason(link.url) or not_article_reason(link.url)
                if reason:
                    skipped.setdefault(f"filtered:{reason}", []).append(link.url)
                    continue
                if link.url in self._claimed:
                    continue
                self._claimed.add(link.url)
                keep.append(link)
            known = self.state.known([l.url for l in keep]) if keep else {}
            for i, link in enumerate(keep):
                k = known.get(link.url) or {}
                if k.get("landed") and not spec.refresh:
                    skipped.setdefault("skipped:already landed", []).append(link.url)
                    continue
                if k.get("failure") and not spec.refresh:
                    skipped.setdefault(f"skipped:failed before for good ({k['failure']})", []).append(link.url)
                    continue
                is_new = not k.get("landed")
                refused = self.fetcher.refusal(link.url, self.settings.respect_robots, "page", spec.name)
                if refused is not None:  # refused links (address policy, robots.txt) do not count against max_new
                    self._emit(self._page_doc(spec, link, refused, link.via or hub))
                    continue
                if is_new and n_new >= budget:
                    rest = [l.url for l in keep[i:]]
                    skipped.setdefault(f"skipped:over max_new ({budget}) for this run, left for the next run", []).extend(rest)
                    self._claimed.difference_update(rest)
                    exhausted = True
                    break
                n_new += is_new
                self._submit(spec, link, k if spec.refresh else {}, link.via or hub)
            self._drain(block=False)
            if exhausted:
                break
        for key, urls in skipped.items():
            outcome, reason = key.split(":", 1)
            self.log.add(hub, outcome, kind="links", source=spec.name, reason=f"{len(urls)} link(s) {reason}",
                         n_links=len(urls), final_url=urls[0])

    def _submit(self, spec: SourceSpec, link: Link, known: dict, hub: str | None) -> None:
        job = PageJob.of(spec, link, known, hub, self._next_seq())
        if self.defer:
            self.result.planned.append(job)
            return
        self.progress.expect(1)
        self._pending.append(self._pool.submit(fetch_page, self.fetcher, job))

    # ---------------------------------------------------------------- pages
    def _page_doc(self, spec: SourceSpec, link: Link, resp: Response, hub: str | None) -> dict:
        return page_doc(PageJob.of(spec, link, {}, hub, 0), resp)


def fetch_page(fetcher: Fetcher, job: PageJob) -> dict | None:
    """One planned page -> its raw document (None: unchanged, a 304). Never raises."""
    try:
        resp = fetcher.get(job.url, kind="page", source=job.source_name, etag=job.etag, last_modified=job.last_modified)
        if resp.outcome == "not_modified":
            return None
        doc = page_doc(job, resp)
    except Exception as exc:  # never lose a document to a crawler bug
        doc = rejected(job.url, f"fetch failed: {type(exc).__name__}: {exc}", source_name=job.source_name,
                       discovered_from=job.discovered_from)
    doc["_seq"] = job.seq
    return doc


def page_doc(job: PageJob, resp: Response) -> dict:
    """A fetched page as a raw document: ok when it is HTML or text, else rejected with the reason."""
    meta = {"source_name": job.source_name, "discovered_from": job.discovered_from, "lang_hint": job.lang_hint,
            "date_hint": job.date_hint, **_doc_meta(resp)}
    if resp.outcome != "ok":
        return rejected(job.url, resp.reason or resp.outcome, resp.body, retryable=resp.retryable, **meta)
    ctype = resp.content_type
    if ctype in HTML_TYPES or (not ctype and xmldoc.sniff(resp.body) == "html"):
        kind = "text/html"
    elif ctype in TEXT_TYPES:
        kind = "text/plain"
    else:
        reason = f"unsupported content type {ctype or 'none'}: not a web page"
        if resp.log_row is not None:
            resp.log_row.update(outcome="failed", reason=reason)
        return rejected(job.url, reason, resp.body, content_type=ctype or "application/octet-stream", **meta)
    doc = raw_document(job.url, resp.body, kind, url=resp.final_url, charset=resp.charset, **meta)
    if resp.log_row is not None:
        resp.log_row["document_id"] = doc["document_id"]
    return doc


def host_batches(jobs: list[PageJob], size: int) -> list[list[PageJob]]:
    """Planned pages in batches of one host each (so one batch is polite to its host on its own),
    at most `size` pages a batch, hosts taking turns so the first batches reach different hosts."""
    by_host: dict[str, list[PageJob]] = {}
    for job in jobs:
        by_host.setdefault(job.host, []).append(job)
    queues = [list(_chunks(js, max(1, int(size)))) for js in by_host.values()]
    out: list[list[PageJob]] = []
    for round_ in range(max((len(q) for q in queues), default=0)):
        out += [q[round_] for q in queues if round_ < len(q)]
    return out


def page_not_fetched(log: FetchLog, job: PageJob, reason: str) -> dict:
    """A planned page this run could not fetch: logged as a retryable failure and returned as a
    rejected document (in discovery order), so that the next run tries it again."""
    log.add(job.url, "failed", kind="page", source=job.source_name, reason=reason, retryable=True, attempt=0)
    doc = rejected(job.url, reason, source_name=job.source_name, discovered_from=job.discovered_from, retryable=True)
    doc["_seq"] = job.seq
    return doc


def fetch_pages(settings: FetchSettings, named_hosts: list[str], jobs: list[PageJob], robots: dict | None = None,
                deadline: float | None = None, transport=None) -> dict:
    """A batch of planned pages, fetched one after the other (the caller bounds batches per host):
    {"docs": raw documents, "log": fetch-log rows naming this worker}. `robots` are the rules
    the planner read (not fetched again); past the monotonic `deadline` the pages left are recorded
    as failures to retry in a later run. Never raises."""
    log = FetchLog()
    docs: list[dict] = []
    with Fetcher(settings, AddressPolicy(named_hosts, settings.allowed_private_hosts), log, transport=transport) as fetcher:
        fetcher.seed_robots(robots or {})
        for job in jobs:
            if deadline is not None and time.monotonic() > deadline:
                docs.append(page_not_fetched(log, job, "fetch batch over its time budget: left for the next run"))
                continue
            doc = fetch_page(fetcher, job)
            if doc is not None:
                docs.append(doc)
    return {"docs": docs, "log": log.rows}


def crawl(sources: list, settings: FetchSettings | None = None, state: State | None = None,
          progress: Progress | None = None, on_doc: Callable[[dict], None] | None = None, transport=None) -> CrawlResult:
    """Every source of the run (URLs and local paths) -> raw documents, stored hubs and the fetch log."""
    specs = [SourceSpec.of(s) for s in sources]
    return Crawler(settings or FetchSettings(), specs, state, progress, on_doc, transport).run()
