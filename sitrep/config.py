"""sitrep.toml: the sources and the warehouse path that `sitrep run` uses by default."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CONFIG = Path("sitrep.toml")


@dataclass
class Source:
    location: str
    name: str | None = None
    lang: str | None = None


@dataclass
class Config:
    db: str = "warehouse/sitrep.duckdb"
    batch_size: int = 25
    sources: list[Source] = field(default_factory=list)
    path: Path | None = None


def load(path: str | Path | None = None) -> Config:
    """The config file (default ./sitrep.toml); relative locations are relative to the file."""
    p = Path(path) if path else DEFAULT_CONFIG
    if not p.exists():
        if path:
            raise FileNotFoundError(f"config file not found: {p}")
        return Config()
    data = tomllib.loads(p.read_text("utf-8"))
    base = p.resolve().parent
    sources = []
    for s in data.get("sources", []):
        loc = s["location"]
        if "://" not in loc and not Path(loc).is_absolute():
            loc = str(base / loc)
        sources.append(Source(location=loc, name=s.get("name"), lang=s.get("lang")))
    db = data.get("warehouse", {}).get("path", Config.db)
    if not Path(db).is_absolute():
        db = str(base / db)
    return Config(db=db, batch_size=int(data.get("run", {}).get("batch_size", 25)), sources=sources, path=p)
