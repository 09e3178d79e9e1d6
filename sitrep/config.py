"""sitrep.toml: the sources and the warehouse path that `sitrep run` uses by default, how the
crawler fetches ([fetch]: politeness, limits, safety) and how long task-cache entries live ([cache])."""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_CONFIG = Path("sitrep.toml")
SOURCE_KEYS = ("location", "name", "lang", "kind", "include", "exclude", "max_new", "refresh")
SOURCE_KINDS = ("auto", "page", "feed", "sitemap", "site")


@dataclass
class Source:
    location: str
    name: str | None = None
    lang: str | None = None
    kind: str = "auto"                      # auto, page, feed, sitemap or site (home page)
    include: list[str] = field(default_factory=list)   # URL regexes: keep links matching one
    exclude: list[str] = field(default_factory=list)   # URL regexes: drop links matching one
    max_new: int | None = None              # new articles per run (default: [fetch] max_new)
    refresh: bool = False                   # re-fetch landed pages (conditionally: 304 when unchanged)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Config:
    db: str = "warehouse/sitrep.duckdb"
    batch_size: int = 25
    sources: list[Source] = field(default_factory=list)
    fetch: dict = field(default_factory=dict)   # [fetch] table, see transforms.fetch.FetchSettings
    path: Path | None = None
    cache_max_age_days: float = 14.0            # [cache] max_age_days: task-cache entries older are pruned (0: never)

    def source_for(self, location: str) -> Source | None:
        """The configured source with this location (so --source X keeps X's options)."""
        for s in self.sources:
            if s.location == location or s.location.rstrip("/") == str(location).rstrip("/"):
                return s
        return None


_current: Config | None = None


def current() -> Config:
    """The config this process loaded last (the command line's --config), else ./sitrep.toml."""
    global _current
    if _current is None:
        try:
            _current = load()
        except (FileNotFoundError, ValueError, tomllib.TOMLDecodeError):
            _current = Config()
    return _current


def _source(s: dict, base: Path, where: Path) -> Source:
    unknown = sorted(set(s) - set(SOURCE_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)} in [[sources]] (known: {', '.join(SOURCE_KEYS)})")
    if "location" not in s:
        raise ValueError(f"{where}: a [[sources]] table needs a location")
    loc = s["location"]
    if "://" not in loc and not Path(loc).is_absolute():
        loc = str(base / loc)
    kind = s.get("kind", "auto")
    if kind not in SOURCE_KINDS:
        raise ValueError(f"{where}: source {loc}: kind must be one of {', '.join(SOURCE_KINDS)}")
    include, exclude = s.get("include", []), s.get("exclude", [])
    include = [include] if isinstance(include, str) else list(include)
    exclude = [exclude] if isinstance(exclude, str) else list(exclude)
    for pattern in include + exclude:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{where}: source {loc}: bad URL pattern {pattern!r}: {exc}") from None
    max_new = s.get("max_new")
    return Source(location=loc, name=s.get("name"), lang=s.get("lang"), kind=kind, include=include, exclude=exclude,
                  max_new=int(max_new) if max_new is not None else None, refresh=bool(s.get("refresh", False)))


def load(path: str | Path | None = None) -> Config:
    """The config file (default ./sitrep.toml); relative locations are relative to the file."""
    global _current
    p = Path(path) if path else DEFAULT_CONFIG
    if not p.exists():
        if path:
            raise FileNotFoundError(f"config file not found: {p}")
        _current = Config()
        return _current
    data = tomllib.loads(p.read_text("utf-8"))
    base = p.resolve().parent
    sources = [_source(s, base, p) for s in data.get("sources", [])]
    db = data.get("warehouse", {}).get("path", Config.db)
    if not Path(db).is_absolute():
        db = str(base / db)
    fetch = dict(data.get("fetch", {}))
    from transforms.fetch import FetchSettings

    try:
        FetchSettings.from_dict(fetch)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{p}: [fetch]: {exc}") from None
    cache = dict(data.get("cache", {}))
    unknown = sorted(set(cache) - {"max_age_days"})
    if unknown:
        raise ValueError(f"{p}: [cache]: unknown key(s) {', '.join(unknown)} (known: max_age_days)")
    try:
        max_age = float(cache.get("max_age_days", Config.cache_max_age_days))
    except (TypeError, ValueError):
        raise ValueError(f"{p}: [cache]: max_age_days must be a number of days") from None
    _current = Config(db=db, batch_size=int(data.get("run", {}).get("batch_size", 25)), sources=sources, fetch=fetch, path=p,
                      cache_max_age_days=max_age)
    return _current
