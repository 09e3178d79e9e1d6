"""The HTTP client against a real server on 127.0.0.1: retries, limits, redirects, robots.txt,
conditional requests, politeness, and the address policy (refused before any connection)."""
from __future__ import annotations

import gzip
import socket
import time

import pytest
from werkzeug import Response

from tests.web_helpers import FAST, _server, base_url, conditional, requested, server, slow  # noqa: F401
from transforms.fetch import Fetcher, FetchSettings, USER_AGENT
from transforms.urls import AddressPolicy, host_of


def fetcher(srv, **overrides) -> Fetcher:
    settings = FetchSettings.from_dict({**FAST, **overrides})
    return Fetcher(settings, AddressPolicy([host_of(base_url(srv))], settings.allowed_private_hosts))


def test_page_is_fetched_with_our_user_agent_and_headers(server):
    server.expect_request("/a.html", headers={"User-Agent": USER_AGENT}).respond_with_data(
        "<html>hi</html>", content_type="text/html; charset=windows-1251", headers={"ETag": '"e1"', "Last-Modified": "Fri, 07 Jan 2022 09:00:00 GMT"})
    with fetcher(server) as f:
        r = f.get(base_url(server) + "/a.html")
    assert (r.outcome, r.status, r.body, r.charset, r.content_type) == ("ok", 200, b"<html>hi</html>", "windows-1251", "text/html")
    assert r.etag == '"e1"' and r.last_modified.startswith("Fri")
    kinds = [(row["kind"], row["outcome"]) for row in f.log.rows]
    assert kinds == [("robots", "ok"), ("page", "ok")]


def test_5xx_is_retried_with_backoff_then_succeeds(server):
    calls = []

    def flaky(request):
        calls.append(time.monotonic())
        return Response("busy", status=503) if len(calls) == 1 else Response("<html>ok</html>", content_type="text/html")
    server.expect_request("/flaky.html").respond_with_handler(flaky)
    with fetcher(server, retries=2) as f:
        r = f.get(base_url(server) + "/flaky.html")
    assert r.outcome == "ok" and len(calls) == 2
    outcomes = [row["outcome"] for row in f.log.rows if row["kind"] == "page"]
    assert outcomes == ["retry", "ok"]


def test_retry_after_is_obeyed(server):
    calls = []

    def limited(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<html>ok</html>", content_type="text/html")
    server.expect_request("/limited.html").respond_with_handler(limited)
    with fetcher(server, retries=1, max_backoff=2) as f:
        r = f.get(base_url(server) + "/limited.html")
    assert r.outcome == "ok" and calls[1] - calls[0] >= 0.95


def test_retry_after_beyond_the_limit_is_left_for_a_later_run(server):
    server.expect_request("/later.html").respond_with_data("later", status=503, headers={"Retry-After": "3600"})
    with fetcher(server, retries=3) as f:
        r = f.get(base_url(server) + "/later.html")
    assert r.outcome == "failed" and r.retryable and "3600" in r.reason
    assert requested(server, "/later.html") == 1


def test_404_is_final_and_not_retried(server):
    server.expect_request("/gone.html").respond_with_data("no", status=404)
    with fetcher(server, retries=3) as f:
        r = f.get(base_url(server) + "/gone.html")
    assert r.outcome == "failed" and not r.retryable and "404" in r.reason
    assert requested(server, "/gone.html") == 1


def test_timeout_is_retried_then_reported(server):
    server.expect_request("/slow.html").respond_with_handler(slow(1.5))
    with fetcher(server, timeout=0.3, retries=1) as f:
        r = f.get(base_url(server) + "/slow.html")
    assert r.outcome == "failed" and r.retryable and "timeout" in r.reason
    assert [row["outcome"] for row in f.log.rows if row["kind"] == "page"] == ["retry", "failed"]


def test_redirects_followed_loops_and_chains_stopped(server):
    b = base_url(server)
    server.expect_request("/old.html").respond_with_data("", status=301, headers={"Location": "/new.html"})
    server.expect_request("/new.html").respond_with_data("<html>new</html>", content_type="text/html")
    server.expect_request("/loop-a").respond_with_data("", status=302, headers={"Location": f"{b}/loop-b"})
    server.expect_request("/loop-b").respond_with_data("", status=302, headers={"Location": "/loop-a"})
    for i in range(6):
        server.expect_request(f"/chain{i}").respond_with_data("", status=302, headers={"Location": f"/chain{i + 1}"})
    with fetcher(server) as f:
        r = f.get(b + "/old.html")
        assert (r.outcome, r.final_url, r.body) == ("ok", b + "/new.html", b"<html>new</html>")
        loop = f.get(b + "/loop-a")
        assert loop.outcome == "failed" and "redirect loop" in loop.reason
        chain = f.get(b + "/chain0")
        assert chain.outcome == "failed" and "too many redirects" in chain.reason


def test_body_size_limit_with_and_without_content_length(server):
    server.expect_request("/big.html").respond_with_data(b"x" * 300_000, content_type="text/html")
    server.expect_request("/stream.html").respond_with_response(
        Response((b"y" * 50_000 for _ in range(10)), content_type="text/html", direct_passthrough=True))
    with fetcher(server, max_bytes=100_000) as f:
        big = f.get(base_url(server) + "/big.html")
        stream = f.get(base_url(server) + "/stream.html")
    assert big.outcome == "failed" and "larger than 100000" in big.reason and not big.retryable
    assert stream.outcome == "failed" and "larger than 100000" in stream.reason


def test_gzip_is_decoded_and_a_gzip_bomb_is_stopped(server):
    page = b"<html><body>" + b"<p>compressed page</p>" * 50 + b"</body></html>"
    server.expect_request("/gz.html").respond_with_data(gzip.compress(page), content_type="text/html",
                                                        headers={"Content-Encoding": "gzip"})
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    server.expect_request("/bomb.html").respond_with_data(bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    server.expect_request("/br.html").respond_with_data(b"xx", content_type="text/html", headers={"Content-Encoding": "br"})
    with fetcher(server, max_bytes=200_000) as f:
        ok = f.get(base_url(server) + "/gz.html")
        assert ok.outcome == "ok" and ok.body == page
        boom = f.get(base_url(server) + "/bomb.html")
        assert boom.outcome == "failed" and "decompressed" in boom.reason and len(boom.body) == 0
        br = f.get(base_url(server) + "/br.html")
        assert br.outcome == "failed" and "content encoding" in br.reason


def test_conditional_request_gets_a_304(server):
    server.expect_request("/feed.xml").respond_with_handler(conditional("<rss/>", '"v7"', "application/rss+xml"))
    with fetcher(server) as f:
        first = f.get(base_url(server) + "/feed.xml")
        again = f.get(base_url(server) + "/feed.xml", etag=first.etag)
    assert first.outcome == "ok" and again.outcome == "not_modified" and again.status == 304


def test_robots_disallow_and_crawl_delay_are_obeyed(server):
    server.clear_all_handlers()
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.4\n", content_type="text/plain")
    server.expect_request("/private/a.html").respond_with_data("secret", content_type="text/html")
    for p in ("/p1.html", "/p2.html", "/p3.html"):
        server.expect_request(p).respond_with_data("<html>p</html>", content_type="text/html")
    with fetcher(server) as f:
        refused = f.get(base_url(server) + "/private/a.html")
        assert refused.outcome == "refused" and "robots.txt" in refused.reason
        start = time.monotonic()
        for p in ("/p1.html", "/p2.html", "/p3.html"):
            assert f.get(base_url(server) + p).outcome == "ok"
        assert time.monotonic() - start >= 0.75  # three requests, 0.4 s apart
    assert requested(server, "/private/a.html") == 0
    assert requested(server, "/robots.txt") == 1


def test_robots_txt_server_error_keeps_the_crawler_out(server):
    server.clear_all_handlers()
    server.expect_request("/robots.txt").respond_with_data("oops", status=500)
    server.expect_request("/a.html").respond_with_data("<html>a</html>", content_type="text/html")
    with fetcher(server, retries=0) as f:
        r = f.get(base_url(server) + "/a.html")
    assert r.outcome == "failed" and r.retryable and "robots.txt unavailable" in r.reason
    assert requested(server, "/a.html") == 0


def test_host_delay_spaces_requests(server):
    for p in ("/d1.html", "/d2.html", "/d3.html"):
        server.expect_request(p).respond_with_data("<html>d</html>", content_type="text/html")
    with fetcher(server, host_delay=0.25) as f:
        f.robots_for(base_url(server) + "/")
        start = time.monotonic()
        for p in ("/d1.html", "/d2.html", "/d3.html"):
            f.get(base_url(server) + p)
    assert time.monotonic() - start >= 0.5


@pytest.fixture
def no_connection_except_loopback(monkeypatch):
    """Fails the test if anything tries to open a socket to an address other than 127.0.0.1."""
    attempts = []
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        attempts.append(address[0])
        if address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"connection attempted to {address}")
        return real(address, *args, **kwargs)
    monkeypatch.setattr(socket, "create_connection", guarded)
    return attempts


def test_private_addresses_are_refused_before_any_connection(server, no_connection_except_loopback):
    b = base_url(server)
    server.expect_request("/to-metadata").respond_with_data("", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    with fetcher(server) as f:
        for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin", "http://[::ffff:10.0.0.1]/x"):
            r = f.get(url)
            assert r.outcome == "refused" and ("private" in r.reason or "link-local" in r.reason), r.reason
        hop = f.get(b + "/to-metadata")
        assert hop.outcome == "refused" and "169.254.169.254" in hop.reason
    assert set(no_connection_except_loopback) <= {"127.0.0.1"}
    refused = [row for row in f.log.rows if row["outcome"] == "refused"]
    assert [row["attempt"] for row in refused] == [0, 0, 0, 1, 0]  # the 1: the redirect that led there
    assert refused[3]["url"] == b + "/to-metadata" and "after redirects" in refused[3]["reason"]


def test_allowed_private_hosts_from_the_config(server):
    settings = FetchSettings.from_dict({**FAST, "allowed_private_hosts": ["127.0.0.1"]})
    server.expect_request("/ok.html").respond_with_data("<html>ok</html>", content_type="text/html")
    with Fetcher(settings, AddressPolicy([], settings.allowed_private_hosts)) as f:
        assert f.get(base_url(server) + "/ok.html").outcome == "ok"
    with Fetcher(settings, AddressPolicy([], [])) as f:
        assert f.get(base_url(server) + "/ok.html").outcome == "refused"


def test_unknown_fetch_setting_is_an_error():
    with pytest.raises(ValueError, match="unknown fetch setting"):
        FetchSettings.from_dict({"timeuot": 3})
