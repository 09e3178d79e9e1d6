"""Progress of a long run: a bar on a terminal (rich), plain log lines otherwise (cron, CI, files)."""
from __future__ import annotations

import logging
import sys
import time

MODES = ("auto", "bar", "log", "off")
LOG_EVERY = 5.0  # seconds between two log lines

_mode = "auto"


def configure(mode: str) -> None:
    """Set the display for the rest of the process: auto (bar on a terminal), bar, log or off."""
    global _mode
    if mode not in MODES:
        raise ValueError(f"progress must be one of {', '.join(MODES)}, not {mode!r}")
    _mode = mode


def _resolved(mode: str | None) -> str:
    mode = mode or _mode
    if mode == "auto":
        return "bar" if sys.stderr.isatty() else "log"
    return mode


class Reporter:
    """Counts documents done (ok or failed) against a total that may grow as links are found."""

    def __init__(self, label: str, total: int = 0, logger: logging.Logger | logging.LoggerAdapter | None = None,
                 mode: str | None = None, every: float = LOG_EVERY) -> None:
        self.label = label
        self.total = total
        self.n_ok = 0
        self.n_failed = 0
        self.mode = _resolved(mode)
        self.log = logger or logging.getLogger("sitrep")
        self.every = every
        self._last = time.monotonic()
        self._bar = None
        self._task = None
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(label, total=total or None, failed=0)

    @property
    def n_done(self) -> int:
        return self.n_ok + self.n_failed

    def expect(self, n: int) -> None:
        self.total += n
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)

    def done(self, ok: bool = True, n: int = 1) -> None:
        if ok:
            self.n_ok += n
        else:
            self.n_failed += n
        if self._bar is not None:
            self._bar.update(self._task, completed=self.n_done, failed=self.n_failed)
        elif self.mode == "log" and time.monotonic() - self._last >= self.every:
            self._line()

    def _line(self) -> None:
        self._last = time.monotonic()
        self.log.info("%s %d/%d documents (%d failed)", self.label, self.n_done, max(self.total, self.n_done), self.n_failed)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
        elif self.mode == "log":
            self._line()

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
