"""Pruning the task cache: cleaning and extraction results are stored by Prefect as one file per
cache key (`sitrep-clean-*`, `sitrep-extract-*`, see flows/policies.py) in its local result
storage (PREFECT_HOME/storage unless PREFECT_LOCAL_STORAGE_PATH says otherwise), and Prefect
never deletes them. Only sitrep's own entries directly in that folder are ever removed.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "sitrep-"


@dataclass
class Pruned:
    folder: Path
    removed: int = 0
    bytes: int = 0
    kept: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, days: float) -> str:
        return (f"removed {self.removed} cache entr{'y' if self.removed == 1 else 'ies'} ({self.bytes} bytes) older than "
                f"{days:g} days from {self.folder}; kept {self.kept}")


def cache_dir() -> Path:
    """Where Prefect stores task results for this process's settings."""
    from prefect.settings import get_current_settings

    return Path(get_current_settings().results.local_storage_path).expanduser()


def prune(older_than_days: float, folder: str | Path | None = None, now: float | None = None) -> Pruned:
    """Remove sitrep's cache entries not modified for `older_than_days` days. Symbolic links,
    sub-folders and files of other tools are left alone."""
    root = Path(folder) if folder is not None else cache_dir()
    out = Pruned(root)
    if not root.is_dir():
        return out
    real = root.resolve()
    cutoff = (time.time() if now is None else now) - float(older_than_days) * 86400
    for path in sorted(root.iterdir()):
        if not path.name.startswith(PREFIX) or path.is_symlink() or not path.is_file() or path.resolve().parent != real:
            continue
        st = path.stat()
        if st.st_mtime >= cutoff:
            out.kept += 1
            continue
        try:
            path.unlink()
        except OSError as exc:  # another run may have removed or be rewriting it
            out.errors.append(f"{path.name}: {exc}")
            continue
        out.removed += 1
        out.bytes += st.st_size
    return out


def prune_after_run(logger: logging.Logger | logging.LoggerAdapter | None = None) -> Pruned | None:
    """The automatic prune of a successful run: [cache] max_age_days of the config (0: never)."""
    from sitrep import config

    log = logger or logging.getLogger("sitrep.cache")
    days = config.current().cache_max_age_days
    if not days or days <= 0:
        return None
    try:
        result = prune(days)
    except OSError as exc:  # pruning never fails a run
        log.warning("cache not pruned: %s", exc)
        return None
    if result.removed or result.errors:
        log.info("cache: %s%s", result.line(days), f"; {len(result.errors)} not removed" if result.errors else "")
    return result
