"""robots.txt (RFC 9309): the group for our user agent, longest-match allow/disallow with `*` and
`$`, Crawl-delay / Request-rate, and Sitemap lines; one fetch per host and run."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from threading import Lock
from typing import Callable
from urllib.parse import unquote, urlsplit

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: parse at least the first 500 KiB
LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smhd]?)")
RATE_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _pattern(path: str) -> re.Pattern:
    """A robots path pattern as a regex anchored at the start (`*` any run, `$` the end)."""
    end = path.endswith("$")
    body = path[:-1] if end else path
    rx = "".join(".*" if ch == "*" else re.escape(ch) for ch in body)
    return re.compile(rx + ("$" if end else ""))


@dataclass
class Rule:
    allow: bool
    path: str
    rx: re.Pattern

    @property
    def specificity(self) -> int:
        return len(self.path)


@dataclass
class Group:
    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


@dataclass
class Robots:
    """Parsed robots.txt rules for one agent; `reason` explains a blanket allow/deny."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    sitemaps: list[str] = field(default_factory=list)
    disallow_all: bool = False
    reason: str | None = None

    def allowed(self, url: str) -> bool:
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{unquote(parts.query)}" if parts.query else "")
        best: Rule | None = None
        for rule in self.rules:
            if rule.rx.match(path):
                if best is None or rule.specificity > best.specificity or (rule.specificity == best.specificity and rule.allow):
                    best = rule
        return best is None or best.allow

    @classmethod
    def allow_all(cls, reason: str | None = None) -> "Robots":
        return cls(reason=reason)

    @classmethod
    def deny_all(cls, reason: str) -> "Robots":
        return cls(disallow_all=True, reason=reason)


def parse(text: str, agent: str) -> Robots:
    """The rules that apply to `agent` (its own group, else the `*` group)."""
    groups: list[Group] = []
    sitemaps: list[str] = []
    current: Group | None = None
    in_agents = False
    for raw in text[:MAX_ROBOTS_BYTES].splitlines():
        line = raw.split("#", 1)[0]
        m = LINE.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "sitemap":
            if value:
                sitemaps.append(value)
            continue
        if key == "user-agent":
            if current is None or not in_agents:
                current = Group()
                groups.append(current)
            current.agents.append(value.lower())
            in_agents = True
            continue
        in_agents = False
        if current is None:
            continue
        if key in ("allow", "disallow"):
            if not value:
                continue  # an empty Disallow allows everything
            current.rules.append(Rule(key == "allow", value, _pattern(value)))
        elif key == "crawl-delay":
            try:
                current.crawl_delay = max(0.0, float(value))
            except ValueError:
                pass
        elif key == "request-rate":
            r = RATE.match(value)
            if r and int(r.group(1)) > 0:
                current.crawl_delay = max(current.crawl_delay or 0.0, int(r.group(2)) * RATE_UNIT[r.group(3)] / int(r.group(1)))
    agent = agent.lower().split("/", 1)[0].strip()
    mine = [g for g in groups if any(a.split("/", 1)[0].strip() == agent for a in g.agents)]
    chosen = mine or [g for g in groups if "*" in g.agents]
    rules = [r for g in chosen for r in g.rules]
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return Robots(rules=rules, crawl_delay=max(delays) if delays else None, sitemaps=sitemaps)


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsCache:
    """robots.txt per origin, fetched once per run through the crawler's own fetcher.

    `fetch(url)` returns (http_status or None, body bytes, failure reason or None). A 4xx means no
    rules (allow all); a 5xx or an unreachable server means keep out (RFC 9309 section 2.3.1.4)."""

    def __init__(self, fetch: Callable[[str], tuple[int | None, bytes, str | None]], agent: str) -> None:
        self._fetch = fetch
        self.agent = agent
        self._cache: dict[str, Robots] = {}
        self._locks: dict[str, Lock] = {}
        self._guard = Lock()

    def get(self, url: str) -> Robots:
        origin = robots_url(url)
        with self._guard:
            lock = self._locks.setdefault(origin, Lock())
        with lock:
            if origin not in self._cache:
                self._cache[origin] = self._load(origin)
            return self._cache[origin]

    def _load(self, origin: str) -> Robots:
        status, body, failure = self._fetch(origin)
        if status is None:
            return Robots.deny_all(f"robots.txt unreachable ({failure}): the host is left alone")
        if 200 <= status < 300:
            return parse(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"), self.agent)
        if 400 <= status < 500:
            return Robots.allow_all(f"no robots.txt (HTTP {status})")
        return Robots.deny_all(f"robots.txt unavailable (HTTP {status}): the host is left alone")
