"""The HTML report in a real headless browser (Debian's chromium, driven over the DevTools
protocol): it loads from a file with no error and no network request, its charts are drawn with
their marks, and a full-page screenshot is written beside the report (copied into
$SITREP_TEST_ARTIFACTS when set, for CI to keep)."""
from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.test_quality_planted import RUN, build_planted_warehouse

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                  "--remote-debugging-port=0", "--remote-allow-origins=*"]
LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    path = chromium_path()
    if path:
        return path
    if os.environ.get("SITREP_REQUIRE_BROWSER") or os.environ.get("CI"):
        pytest.fail("chromium is required for the report test: `make browser` (apt-get install chromium) installs it")
    pytest.skip("chromium not installed (`make browser` installs it); the report was not checked in a browser")


class Chromium:
    """A headless chromium and one page, over the DevTools protocol (websockets, sync API)."""

    def __init__(self, binary: str, width: int = 1280, height: int = 900) -> None:
        from websockets.sync.client import connect

        self.profile = tempfile.mkdtemp(prefix="sitrep-chromium-")
        self.proc = subprocess.Popen([binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
                                      "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url, deadline = None, time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}")
            m = LISTENING.search(line)
            url = m.group(1) if m else None
        if url is None:
            raise RuntimeError("chromium did not open its DevTools endpoint")
        self.ws = connect(url, max_size=None, open_timeout=30)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                  session=True)

    def send(self, method: str, params: dict | None = None, session: bool = False, timeout: float = 60) -> dict:
        msg_id = next(self.ids)
        msg = {"id": msg_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        for i, ev in enumerate(self.events):
            if ev.get("method") == method:
                return self.events.pop(i)
        while time.monotonic() < deadline:
            ev = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if ev.get("method") == method:
                return ev
            self.events.append(ev)
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in res:
            raise RuntimeError(res["exceptionDetails"])
        return res["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True) -> bytes:
        params = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = base64.b64decode(self.send("Page.captureScreenshot", params, session=True)["data"])
        path.write_bytes(data)
        return data

    def problems(self) -> list[str]:
        """Script exceptions, console errors, failed loads and log errors seen so far."""
        out = []
        for ev in self.events:
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails'].get('text')}")
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append(f"console.{p['type']}: {[a.get('value') for a in p.get('args', [])]}")
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
            elif m == "Network.loadingFailed":
                out.append(f"load failed: {p.get('errorText')}")
        return out

    def requests(self) -> list[str]:
        return [ev["params"]["request"]["url"] for ev in self.events if ev.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    from sitrep.report import build

    db = tmp_path_factory.mktemp("browser") / "sitrep.duckdb"
    build_planted_warehouse(db)
    return build(db)


@pytest.fixture(scope="module")
def browser():
    b = Chromium(require_browser())
    try:
        yield b
    finally:
        b.close()


def test_report_loads_without_errors_or_network_and_draws_its_charts(report_file, browser):
    browser.open(report_file.resolve().as_uri())
    assert browser.evaluate("document.title").startswith("sitrep report")
    assert browser.problems() == []
    # self-contained: the page itself is the only thing loaded
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))] == []
    charts = browser.evaluate("""Array.from(document.querySelectorAll('svg.chart')).map(s => {
        const r = s.getBoundingClientRect();
        return {label: s.getAttribute('aria-label'), w: r.width, h: r.height,
                bars: s.querySelectorAll('.bar').length, points: s.querySelectorAll('.point').length};
    })""")
    by_label = {c["label"]: c for c in charts}
    assert len(charts) >= 4, charts
    assert all(c["w"] > 300 and c["h"] > 100 for c in charts), charts
    assert by_label["Expectations per suite in the last run"]["bars"] >= 7
    assert by_label["Casualties per country and outcome"]["bars"] >= 4
    assert by_label["Casualties over time per country"]["points"] >= 5 + 4  # 5 published facts, plus legend marks
    assert by_label["Troop deployments over time per receiving country"]["points"] >= 1
    text = browser.evaluate("document.body.innerText")
    assert "count_best_le_count_high" in text and "event_date_within_year_of_publication" in text and RUN[:8] in text


def test_screenshot_of_the_report_is_written(report_file, browser):
    browser.open(report_file.resolve().as_uri())
    shot = report_file.parent / "report.png"
    data = browser.screenshot(shot)
    if os.environ.get("SITREP_TEST_ARTIFACTS"):
        keep = Path(os.environ["SITREP_TEST_ARTIFACTS"])
        keep.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, keep / shot.name)
    print(f"report screenshot: {shot}")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height > 1500  # the whole page, not just the first screen
    assert shot.stat().st_size > 50_000  # drawn content, not a blank page
