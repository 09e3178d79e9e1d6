"""Polite and safe HTTP fetching: timeouts, retries with exponential backoff and Retry-After, a
delay and a concurrency limit per host, robots.txt with its crawl delay, a maximum body size
(checked after decompression, so a gzip bomb stops early), redirects followed by hand so each hop
passes the address policy and robots.txt, conditional requests, and one log row per attempt."""
from __future__ import annotations

import json
import os
import random
import socket
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpcore
import httpx

from transforms.robots import MAX_ROBOTS_BYTES, Robots, RobotsCache, robots_url
from transforms.urls import AddressPolicy, UnsafeAddress, host_of, normalise

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep/sitrep; news fact extraction for research)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
ERROR_BODY_BYTES = 64 * 1024
CHUNK = 64 * 1024
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


@dataclass
class FetchSettings:
    """How the crawler behaves; every field can be set under [fetch] in sitrep.toml."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0            # seconds to connect, and between two reads
    retries: int = 3                 # further attempts after a 429, a 5xx or a network error
    backoff: float = 1.0             # first wait between attempts, doubled each time
    max_backoff: float = 60.0        # longest wait between attempts (Retry-After included)
    host_delay: float = 1.0          # seconds between two requests to one host
    max_crawl_delay: float = 30.0    # a robots.txt Crawl-delay longer than this is capped
    max_per_host: int = 2            # requests in flight per host
    concurrency: int = 8             # requests in flight overall
    max_bytes: int = 10 * 1024 * 1024  # largest body accepted, after decompression
    max_redirects: int = 5
    respect_robots: bool = True
    allowed_private_hosts: list[str] = field(default_factory=list)  # private-range hosts links may lead to
    max_new: int = 100               # default per source: new articles fetched per run
    max_sitemaps: int = 50           # nested sitemaps read per source and run
    progress: str = "auto"           # 'auto' (bar on a terminal), 'bar', 'log' or 'off'

    @classmethod
    def from_dict(cls, data: dict | None) -> "FetchSettings":
        """Settings from a dict (sitrep.toml's [fetch]); an unknown key is an error, not a silent no-op."""
        data = dict(data or {})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown fetch setting(s): {', '.join(unknown)} (known: {', '.join(known)})")
        out = cls()
        for name, value in data.items():
            default = getattr(out, name)
            if isinstance(default, bool):
                value = bool(value)
            elif isinstance(default, int):
                value = int(value)
            elif isinstance(default, float):
                value = float(value)
            elif isinstance(default, list):
                value = [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])]
            setattr(out, name, value)
        if out.progress not in ("auto", "bar", "log", "off"):
            raise ValueError(f"progress must be auto, bar, log or off, not {out.progress!r}")
        return out

    @property
    def agent_token(self) -> str:
        return self.user_agent.split("/", 1)[0].split()[0].lower()


@dataclass
class Response:
    """The outcome of fetching one URL (after redirects and retries)."""

    url: str
    outcome: str                      # ok | not_modified | failed | refused
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    reason: str | None = None
    retryable: bool = False
    log_row: dict | None = None       # the fetch-log row of the last attempt

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ").lower()
        return None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class FetchLog:
    """Every attempt and every decision (skip, filter, refusal), thread-safe, in order. Each row
    names the process that made it (`fetched_by`): a log lives where its requests are made."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._lock = threading.Lock()

    def add(self, url: str, outcome: str, *, kind: str = "page", source: str | None = None, reason: str | None = None,
            **extra) -> dict:
        row = {"fetched_at": datetime.now(timezone.utc), "source_name": source, "kind": kind, "url": url,
               "outcome": outcome, "reason": reason, "fetched_by": worker_id(), **extra}
        with self._lock:
            self.rows.append(row)
        return row


class _TooLarge(Exception):
    pass


class _BadEncoding(Exception):
    pass


class _TooSlow(Exception):
    pass


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy accepts, and to exactly the addresses it checked
    (a host cannot resolve to a public address for the check and a private one for the connection)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addrs = self.policy.addresses(host, port)
        except UnicodeError as exc:
            raise httpcore.ConnectError(f"invalid host name {host!r}: {exc}") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host}: {exc}") from exc
        last: Exception | None = None
        for addr in addrs:
            try:
                return super().connect_tcp(addr, port, timeout=timeout, local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


class HostThrottle:
    """At most `per_host` requests in flight per host, and `delay(host)` seconds between starts."""

    def __init__(self, per_host: int, base_delay: float) -> None:
        self.per_host = max(1, per_host)
        self.base_delay = max(0.0, base_delay)
        self.delays: dict[str, float] = {}
        self._sems: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def delay(self, host: str) -> float:
        return max(self.base_delay, self.delays.get(host, 0.0))

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            sem = self._sems.setdefault(host, threading.BoundedSemaphore(self.per_host))
        sem.acquire()
        try:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, 0.0))
                self._next[host] = start + self.delay(host)
            if start > now:
                time.sleep(start - now)
            yield
        finally:
            sem.release()


def retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _decompressor(encoding: str):
    """A streaming decoder for a Content-Encoding (we only ask for gzip and deflate)."""
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings:
        return None
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise _BadEncoding(f"unsupported content encoding {encoding!r}")
    return codings[0]


def _headers(resp: httpx.Response) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in resp.headers.multi_items():
        k = k.lower()
        out[k] = f"{out[k]}, {v}" if k in out else v
    return out


class Fetcher:
    """One per run: an HTTP client behind the address policy, robots.txt and the host throttle."""

    def __init__(self, settings: FetchSettings, policy: AddressPolicy, log: FetchLog | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.policy = policy
        self.log = log or FetchLog()
        self.throttle = HostThrottle(settings.max_per_host, settings.host_delay)
        if transport is None:
            transport = httpx.HTTPTransport(trust_env=False, limits=httpx.Limits(max_connections=max(4, settings.concurrency * 2)))
            pool = getattr(transport, "_pool", None)
            if pool is not None and hasattr(pool, "_network_backend"):
                pool._network_backend = GuardedBackend(policy)
        t = settings.timeout
        self.client = httpx.Client(
            transport=transport, follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(t, connect=t, read=t, write=t, pool=None),
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )
        self.robots = RobotsCache(self._fetch_robots, settings.agent_token)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- robots.txt
    def _fetch_robots(self, url: str) -> tuple[int | None, bytes, str | None]:
        r = self.get(url, kind="robots", use_robots=False, limit=MAX_ROBOTS_BYTES, truncate=True)
        return r.status, r.body, r.reason

    def robots_rules(self) -> dict[str, Robots]:
        """The robots.txt rules read so far, by robots.txt URL (to hand to another fetcher)."""
        return dict(self.robots._cache)

    def seed_robots(self, rules: dict[str, Robots]) -> None:
        """Rules another fetcher of the same run already read: not fetched again."""
        self.robots._cache.update(rules)

    def robots_for(self, url: str) -> Robots:
        rules = self.robots.get(url)
        if rules.crawl_delay:
            self.throttle.delays[urlsplit(url).netloc.lower()] = min(rules.crawl_delay, self.settings.max_crawl_delay)
        return rules

    # ---------------------------------------------------------------- fetching
    def get(self, url: str, *, kind: str = "page", source: str | None = None, etag: str | None = None,
            last_modified: str | None = None, use_robots: bool | None = None, limit: int | None = None,
            truncate: bool = False) -> Response:
        """GET one URL: redirects, retries, politeness and limits included. Never raises."""
        use_robots = self.settings.respect_robots if use_robots is None else use_robots
        limit = limit or self.settings.max_bytes
        current, chain, first_row = url, [url], None
        for hop in range(self.settings.max_redirects + 1):
            refusal = self.refusal(current, use_robots, kind, source)
            if refusal is not None:
                refusal.url = url
                return self._after_hops(refusal, first_row)
            cond = {}
            if hop == 0 and etag:
                cond["If-None-Match"] = etag
            if hop == 0 and last_modified:
                cond["If-Modified-Since"] = last_modified
            resp = self._with_retries(current, cond, kind, source, limit, truncate, hop)
            resp.url = url
            first_row = first_row or resp.log_row
            if resp.status in REDIRECTS and resp.outcome != "failed":
                location = resp.headers.get("location")
                nxt = normalise(location or "", current) if location else None
                if not nxt:
                    reason = f"HTTP {resp.status} redirect without a usable Location ({location!r})"
                    return self._after_hops(self._final(resp, "failed", reason), first_row)
                if nxt in chain:
                    return self._after_hops(self._final(resp, "failed", "redirect loop: " + " -> ".join([*chain, nxt])), first_row)
                resp.log_row.update(outcome="redirect", reason=f"redirected to {nxt}")
                chain.append(nxt)
                current = nxt
                continue
            return self._after_hops(resp, first_row)
        return self._after_hops(self._final(resp, "failed", f"too many redirects (more than {self.settings.max_redirects}): "
                                            + " -> ".join(chain)), first_row)

    @staticmethod
    def _after_hops(resp: Response, first_row: dict | None) -> Response:
        """A failure met after redirects is also the outcome of the URL asked for (its hop-0 row)."""
        if first_row is not None and first_row is not resp.log_row and resp.outcome in ("failed", "refused"):
            first_row.update(outcome=resp.outcome, reason=f"{resp.reason} (after redirects)", retryable=resp.retryable)
        return resp

    def _final(self, resp: Response, outcome: str, reason: str, retryable: bool = False) -> Response:
        resp.outcome, resp.reason, resp.retryable = outcome, reason, retryable
        if resp.log_row is not None:
            resp.log_row.update(outcome=outcome, reason=reason, retryable=retryable)
        return resp

    def refusal(self, url: str, use_robots: bool, kind: str = "page", source: str | None = None) -> Response | None:
        """A Response when the URL must not be requested (address policy, then robots.txt), else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            reason, outcome, retry = f"refused: not an http(s) URL ({url})", "refused", False
        else:
            try:
                self.policy.addresses(parts.hostname, parts.port)
                reason = None
            except UnsafeAddress as exc:
                reason, outcome, retry = str(exc), "refused", False
            except (OSError, UnicodeError) as exc:
                reason, outcome, retry = f"cannot resolve host {parts.hostname}: {exc}", "failed", True
        if reason is None and use_robots:
            rules = self.robots_for(url)
            if rules.disallow_all and rules.reason:
                reason, outcome, retry = rules.reason, "failed", True
            elif not rules.allowed(url):
                reason, outcome, retry = f"disallowed by robots.txt ({robots_url(url)})", "refused", False
        if reason is None:
            return None
        row = self.log.add(url, outcome, kind=kind, source=source, reason=reason, retryable=retry, attempt=0)
        return Response(url=url, outcome=outcome, final_url=url, reason=reason, retryable=retry, log_row=row)

    def _with_retries(self, url: str, cond: dict, kind: str, source: str | None, limit: int, truncate: bool, hop: int) -> Response:
        s = self.settings
        host = urlsplit(url).netloc.lower()
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            with self.throttle.slot(host):
                resp, wait_hint = self._once(url, cond, limit, truncate)
            elapsed = int((time.monotonic() - started) * 1000)
            row = self.log.add(url, resp.outcome, kind=kind, source=source, reason=resp.reason, attempt=attempt, hop=hop,
                               http_status=resp.status, final_url=resp.final_url, content_type=resp.content_type or None,
                               n_bytes=len(resp.body), elapsed_ms=elapsed, etag=resp.etag, last_modified=resp.last_modified,
                               headers=json.dumps(resp.headers, ensure_ascii=False) if resp.headers else None,
                               retryable=resp.retryable)
            resp.log_row = row
            if not (resp.outcome == "failed" and resp.retryable) or attempt > s.retries:
                return resp
            wait = min(s.max_backoff, s.backoff * (2 ** (attempt - 1))) * (1 + random.random() / 4)
            if wait_hint is not None:
                if wait_hint > s.max_backoff:
                    resp.reason += f"; the server asks to retry after {wait_hint:.0f}s (over max_backoff {s.max_backoff:.0f}s): left for a later run"
                    row.update(reason=resp.reason)
                    return resp
                wait = max(wait_hint, 0.0)
            row.update(outcome="retry", reason=f"{resp.reason}; retrying in {wait:.2f}s")
            time.sleep(wait)

    def _once(self, url: str, cond: dict, limit: int, truncate: bool) -> tuple[Response, float | None]:
        """One HTTP request; the body is read within the limits. Returns (response, Retry-After)."""
        try:
            with self.client.stream("GET", url, headers=cond) as r:
                status, headers = r.status_code, _headers(r)
                resp = Response(url=url, outcome="ok", final_url=str(r.url), status=status, headers=headers)
                if status in REDIRECTS or status == 304:
                    resp.outcome = "ok" if status in REDIRECTS else "not_modified"
                    return resp, None
                ok = 200 <= status < 300
                cap = limit if ok else ERROR_BODY_BYTES
                declared = headers.get("content-length", "")
                if ok and declared.isdigit() and int(declared) > cap and not truncate:
                    return self._fail(resp, f"body larger than {cap} bytes (Content-Length {declared})"), None
                try:
                    resp.body = self._read(r, cap, truncate or not ok, headers.get("content-encoding", ""))
                except _TooLarge as exc:
                    return self._fail(resp, str(exc)), None
                except _BadEncoding as exc:
                    return self._fail(resp, str(exc)), None
                except _TooSlow as exc:
                    return self._fail(resp, str(exc), True), None
                if ok:
                    return resp, None
                phrase = r.reason_phrase or ""
                retry = status in RETRY_STATUS
                return self._fail(resp, f"HTTP {status} {phrase}".strip(), retry), retry_after(headers.get("retry-after")) if retry else None
        except UnsafeAddress as exc:
            return Response(url=url, outcome="refused", final_url=url, reason=str(exc)), None
        except httpx.TimeoutException as exc:
            return Response(url=url, outcome="failed", final_url=url, retryable=True,
                            reason=f"timeout after {self.settings.timeout:g}s ({type(exc).__name__})"), None
        except (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError) as exc:
            return Response(url=url, outcome="failed", final_url=url, retryable=True,
                            reason=f"network error: {type(exc).__name__}: {exc}"), None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.LocalProtocolError) as exc:
            return Response(url=url, outcome="failed", final_url=url, reason=f"invalid request: {exc}"), None
        except Exception as exc:  # a client bug on one URL must not stop the run
            return Response(url=url, outcome="failed", final_url=url, reason=f"fetch error: {type(exc).__name__}: {exc}"), None

    @staticmethod
    def _fail(resp: Response, reason: str, retryable: bool = False) -> Response:
        resp.outcome, resp.reason, resp.retryable = "failed", reason, retryable
        return resp

    def _read(self, r: httpx.Response, cap: int, truncate: bool, encoding: str) -> bytes:
        """The body, decompressed chunk by chunk and never past `cap` bytes (nor past a read deadline)."""
        coding = _decompressor(encoding)
        d = None
        if coding in ("gzip", "x-gzip"):
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        budget = max(self.settings.timeout * 3, 1.0)
        deadline = time.monotonic() + budget
        out = bytearray()
        first = True
        for chunk in r.iter_raw(CHUNK):
            if coding == "deflate" and first:
                d = zlib.decompressobj(zlib.MAX_WBITS if chunk[:1] and chunk[0] & 0x0F == 8 else -zlib.MAX_WBITS)
            first = False
            if d is None:
                out += chunk
            else:
                try:
                    data = d.decompress(chunk, cap + 1 - len(out))
                    out += data
                    while d.unconsumed_tail and len(out) <= cap:
                        out += d.decompress(d.unconsumed_tail, cap + 1 - len(out))
                except zlib.error as exc:
                    raise _BadEncoding(f"corrupt {coding} body: {exc}") from None
            if len(out) > cap:
                if truncate:
                    return bytes(out[:cap])
                what = "once decompressed (a compression bomb?)" if d is not None else ""
                raise _TooLarge(f"body larger than {cap} bytes {what}".strip())
            if time.monotonic() > deadline:
                raise _TooSlow(f"body still arriving after {budget:g}s: given up")
        return bytes(out)


def worker_id() -> str:
    """`hostname:pid` of this process: which worker fetched a page (raw.fetch_log.fetched_by)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def fetch_url(url: str, settings: FetchSettings | None = None) -> Response:
    """One URL with default settings (the user named it, so its host is trusted)."""
    settings = settings or FetchSettings()
    with Fetcher(settings, AddressPolicy([host_of(url)], settings.allowed_private_hosts)) as f:
        return f.get(url)

