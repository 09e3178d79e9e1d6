"""`sitrep cache prune`: sitrep's cache entries older than the age given go, recent ones stay, and
nothing else is touched (other files in the cache folder, sub-folders, links, files outside)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from flows.cache import prune

DAY = 86400


def aged(path: Path, days: float, size: int = 100) -> Path:
    path.write_bytes(b"x" * size)
    os.utime(path, (time.time() - days * DAY, time.time() - days * DAY))
    return path


def layout(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    cache = tmp_path / "storage"
    (cache / "sitrep-sub").mkdir(parents=True)
    outside = aged(tmp_path / "sitrep-clean-outside", 90)
    files = {
        "old_clean": aged(cache / "sitrep-clean-aaa", 30, 100),
        "old_extract": aged(cache / "sitrep-extract-bbb", 20, 50),
        "recent": aged(cache / "sitrep-clean-ccc", 2),
        "foreign": aged(cache / "3f2a9c0d1e", 90),
        "nested": aged(cache / "sitrep-sub" / "sitrep-clean-ddd", 90),
        "outside": outside,
    }
    (cache / "sitrep-clean-link").symlink_to(outside)
    os.utime(cache / "sitrep-clean-link", (time.time() - 90 * DAY,) * 2, follow_symlinks=False)
    return cache, files


def test_prune_removes_old_entries_keeps_recent_ones_and_nothing_else(tmp_path):
    cache, files = layout(tmp_path)
    result = prune(14, cache)
    assert (result.removed, result.bytes, result.kept) == (2, 150, 1)
    assert not files["old_clean"].exists() and not files["old_extract"].exists()
    assert all(files[k].exists() for k in ("recent", "foreign", "nested", "outside"))
    assert (cache / "sitrep-clean-link").is_symlink()
    assert prune(14, tmp_path / "no-such-folder").removed == 0


def test_cache_prune_command(tmp_path):
    cache, files = layout(tmp_path)
    env = {**os.environ, "PREFECT_LOCAL_STORAGE_PATH": str(cache), "PREFECT_HOME": str(tmp_path / "home")}
    sitrep = Path(sys.executable).parent / "sitrep"
    out = subprocess.run([str(sitrep), "cache", "prune", "--older-than", "25"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"removed 1 cache entry (100 bytes) older than 25 days from {cache}; kept 2"
    assert not files["old_clean"].exists() and files["old_extract"].exists()
    # without --older-than: [cache] max_age_days of the config
    (tmp_path / "sitrep.toml").write_text("[cache]\nmax_age_days = 10\n", "utf-8")
    out = subprocess.run([str(sitrep), "cache", "prune"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.startswith("removed 1 cache entry (50 bytes) older than 10 days")
    assert files["recent"].exists() and files["foreign"].exists() and files["outside"].exists()
