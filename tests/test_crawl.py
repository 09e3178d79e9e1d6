"""Crawling sources into raw documents against a real server: feeds, sitemaps, home pages,
patterns and limits, incremental runs, safety, encodings, and local WARC files."""
from __future__ import annotations

import gzip
import io

import pytest

from tests.web_helpers import (FAST, FRENCH, RUSSIAN, STORIES, _server, article_html, base_url, conditional,  # noqa: F401
                               requested, rss, server, sitemap_index, urlset)
from transforms.clean import clean_document
from transforms.crawl import crawl
from transforms.fetch import FetchSettings
from transforms.sources import read_source

SETTINGS = FetchSettings.from_dict(FAST)
KEYS = ["harbour", "bridge", "school"]


class MemoryState:
    """The warehouse's answers, in memory: what the first crawl landed."""

    def __init__(self, result=None, refresh_etags=None):
        self.docs = {d["source_uri"]: d for d in (result.docs if result else []) if d["status"] == "ok"}
        self.hubs = {h["url"]: h for h in (result.hubs if result else [])}

    def known(self, urls):
        return {u: {"landed": True, "etag": self.docs[u].get("etag"), "last_modified": self.docs[u].get("last_modified"),
                    "failure": None} for u in urls if u in self.docs}

    def hub(self, url):
        return self.hubs.get(url)


def serve_story(server, path, key, **kw):
    server.expect_request(path).respond_with_data(article_html(key.title(), STORIES[key], **kw), content_type="text/html; charset=utf-8")


def by_uri(docs):
    return {d["source_uri"].rsplit("/", 1)[-1]: d for d in docs}


def test_feed_lands_its_articles_and_a_second_crawl_only_asks_for_the_feed(server):
    b = base_url(server)
    for key in KEYS:
        serve_story(server, f"/{key}.html", key)
    server.expect_request("/feed.xml").respond_with_handler(
        conditional(rss([f"{b}/{k}.html" for k in KEYS]), '"f1"', "application/rss+xml"))
    first = crawl([f"{b}/feed.xml"], SETTINGS)
    docs = by_uri(first.docs)
    assert set(docs) == {"harbour.html", "bridge.html", "school.html"}
    assert all(d["status"] == "ok" and d["discovered_from"] == f"{b}/feed.xml" and d["date_hint"] == "2022-01-07" for d in docs.values())
    assert [h["kind"] for h in first.hubs] == ["feed"]
    second = crawl([f"{b}/feed.xml"], SETTINGS, MemoryState(first))
    assert second.docs == []
    assert requested(server, "/harbour.html") == 1 and requested(server, "/feed.xml") == 2
    feed_rows = [r for r in second.log if r["url"] == f"{b}/feed.xml"]
    assert [r["outcome"] for r in feed_rows] == ["not_modified", "skipped"]
    assert feed_rows[1]["n_links"] == 3 and "already landed" in feed_rows[1]["reason"]


def test_refresh_refetches_conditionally(server):
    b = base_url(server)
    server.expect_request("/page.html").respond_with_handler(
        conditional(article_html("Bridge", STORIES["bridge"]), '"p1"', "text/html"))
    first = crawl([f"{b}/page.html"], SETTINGS)
    assert [d["status"] for d in first.docs] == ["ok"] and first.docs[0]["etag"] == '"p1"'
    skipped = crawl([f"{b}/page.html"], SETTINGS, MemoryState(first))
    assert skipped.docs == [] and requested(server, "/page.html") == 1
    refreshed = crawl([{"location": f"{b}/page.html", "refresh": True}], SETTINGS, MemoryState(first))
    assert refreshed.docs == [] and requested(server, "/page.html") == 2
    assert [r["outcome"] for r in refreshed.log if r["kind"] != "robots"] == ["not_modified"]


def test_nested_sitemaps_newest_first_with_max_new_and_patterns(server):
    b = base_url(server)
    server.expect_request("/sitemap.xml").respond_with_data(
        sitemap_index([f"{b}/sitemap-news.xml.gz", f"{b}/sitemap-old.xml"]), content_type="application/xml")
    server.expect_request("/sitemap-news.xml.gz").respond_with_data(gzip.compress(urlset([
        (f"{b}/world/harbour.html", "2022-01-05"), (f"{b}/world/bridge.html", "2022-01-07"),
        (f"{b}/sport/match.html", "2022-01-08"), (f"{b}/world/video/clip.html", "2022-01-08"),
        (f"{b}/world/school.html", "2022-01-06")]).encode()), content_type="application/x-gzip")
    server.expect_request("/sitemap-old.xml").respond_with_data(urlset([(f"{b}/world/old.html", "2019-01-01")]),
                                                                content_type="application/xml")
    for key in KEYS:
        serve_story(server, f"/world/{key}.html", key)
    spec = {"location": f"{b}/sitemap.xml", "name": "wire", "include": ["/world/"], "exclude": ["/video/"], "max_new": 2}
    result = crawl([spec], SETTINGS)
    assert sorted(by_uri(result.docs)) == ["bridge.html", "school.html"]  # the two newest
    assert all(d["source_name"] == "wire" for d in result.docs)
    assert requested(server, "/sitemap-old.xml") == 0  # not needed: max_new was reached in the first child
    reasons = {r["reason"] for r in result.log if r["outcome"] in ("filtered", "skipped")}
    assert any("include" in r for r in reasons) and any("excluded" in r for r in reasons) and any("max_new" in r for r in reasons)
    # next run: the two landed are skipped, the next ones are taken
    more = crawl([spec], SETTINGS, MemoryState(result))
    assert sorted(by_uri(more.docs)) == ["harbour.html", "old.html"]


def test_home_page_discovery_through_robots_sitemap_and_feed_link(server):
    b = base_url(server)
    server.clear_all_handlers()
    server.expect_request("/robots.txt").respond_with_data(f"User-agent: *\nAllow: /\nSitemap: {b}/maps/sm.xml\n", content_type="text/plain")
    server.expect_request("/").respond_with_data(
        f'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>home</body></html>',
        content_type="text/html")
    server.expect_request("/rss").respond_with_data(rss([f"{b}/harbour.html"]), content_type="application/rss+xml")
    server.expect_request("/maps/sm.xml").respond_with_data(urlset([(f"{b}/bridge.html", None), (f"{b}/harbour.html", None)]),
                                                            content_type="application/xml")
    serve_story(server, "/harbour.html", "harbour")
    serve_story(server, "/bridge.html", "bridge")
    result = crawl([b + "/"], SETTINGS)
    assert sorted(by_uri(result.docs)) == ["bridge.html", "harbour.html"]
    assert requested(server, "/harbour.html") == 1
    assert sorted(h["kind"] for h in result.hubs) == ["feed", "site", "sitemap"]


def test_home_page_without_feed_or_sitemap_follows_its_links(server):
    b = base_url(server)
    server.expect_request("/").respond_with_data('<html><body><a href="/school.html">s</a><a href="/tag/x">t</a></body></html>',
                                                 content_type="text/html")
    serve_story(server, "/school.html", "school")
    result = crawl([b + "/"], SETTINGS)
    assert list(by_uri(result.docs)) == ["school.html"]
    assert any("no feed or sitemap" in (r["reason"] or "") for r in result.log)
    assert not any(d["status"] == "rejected" for d in result.docs)  # the missing /sitemap.xml guess is no error


def test_every_bad_case_ends_as_a_row_with_its_reason(server):
    b = base_url(server)
    bad = {
        "missing.html": None, "broken.html": None, "loop.html": None, "huge.html": None, "bomb.html": None,
        "image.png": None, "meta": None, "private": None,
    }
    server.expect_request("/missing.html").respond_with_data("no", status=404)
    server.expect_request("/broken.html").respond_with_data("boom", status=500)
    server.expect_request("/loop.html").respond_with_data("", status=302, headers={"Location": "/loop.html?again=1"})
    server.expect_request("/loop.html", query_string="again=1").respond_with_data("", status=302, headers={"Location": "/loop.html"})
    server.expect_request("/huge.html").respond_with_data(b"<p>" * 100_000, content_type="text/html")
    server.expect_request("/bomb.html").respond_with_data(gzip.compress(b" " * 20_000_000), content_type="text/html",
                                                          headers={"Content-Encoding": "gzip"})
    server.expect_request("/photo").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    links = [f"{b}/missing.html", f"{b}/broken.html", f"{b}/loop.html", f"{b}/huge.html", f"{b}/bomb.html", f"{b}/photo",
             "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin"]
    server.expect_request("/feed.xml").respond_with_data(rss(links), content_type="application/rss+xml")
    server.expect_request("/bad-feed.xml").respond_with_data("<rss><channel><item><link>", content_type="application/rss+xml")
    server.expect_request("/bad-map.xml").respond_with_data("<?xml version='1.0'?><urlset><url><loc>", content_type="application/xml")
    result = crawl([f"{b}/feed.xml", f"{b}/bad-feed.xml", f"{b}/bad-map.xml"], SETTINGS)
    reasons = {d["source_uri"].replace(b, ""): d["reason"] for d in result.docs}
    assert all(d["status"] == "rejected" for d in result.docs)
    assert "404" in reasons["/missing.html"]
    assert "500" in reasons["/broken.html"]
    assert "redirect loop" in reasons["/loop.html"]
    assert "larger than" in reasons["/huge.html"]
    assert "decompressed" in reasons["/bomb.html"]
    assert "unsupported content type image/png" in reasons["/photo"]
    assert reasons["http://169.254.169.254/latest/meta-data/"].startswith("refused")
    assert reasons["http://10.0.0.1/admin"].startswith("refused")
    assert "malformed feed" in reasons["/bad-feed.xml"]
    assert "malformed" in reasons["/bad-map.xml"]
    assert len(result.docs) == len(links) + 2


def test_encodings_of_fetched_pages_come_out_right(server):
    b = base_url(server)
    ru = article_html("Митинг у больницы", RUSSIAN, lang="ru", charset="windows-1251")
    server.expect_request("/ru.html").respond_with_data(ru, content_type="text/html")  # charset only in the page
    fr = article_html("Manifestation des pêcheurs", FRENCH, lang="fr", charset="iso-8859-1", declare_lang=False)
    server.expect_request("/fr.html").respond_with_data(fr, content_type="text/html; charset=ISO-8859-1")
    ru_bare = ru.replace(b'<meta charset="windows-1251">', b"").replace(b' lang="ru"', b"")
    server.expect_request("/ru-bare.html").respond_with_data(ru_bare, content_type="text/html")  # nothing declared
    broken = article_html("Harbour", STORIES["harbour"]).replace(b"Dockworkers", b"Dock\xffworkers")
    server.expect_request("/broken-utf8.html").respond_with_data(broken, content_type="text/html; charset=utf-8")
    result = crawl([f"{b}/ru.html", f"{b}/fr.html", f"{b}/ru-bare.html", f"{b}/broken-utf8.html"], SETTINGS)
    arts = {d["source_uri"].rsplit("/", 1)[-1]: clean_document(d) for d in result.docs}
    assert "больницу" in arts["ru.html"]["text"] and arts["ru.html"]["language"] == "ru"
    assert arts["ru.html"]["encoding"] == "cp1251"
    assert "préfecture" in arts["fr.html"]["text"] and arts["fr.html"]["title"] == "Manifestation des pêcheurs"
    assert arts["fr.html"]["language"] == "fr"  # detected: the page does not say
    assert "больницу" in arts["ru-bare.html"]["text"] and arts["ru-bare.html"]["language"] == "ru"
    assert "Dock\ufffdworkers" in arts["broken-utf8.html"]["text"] and arts["broken-utf8.html"]["encoding_errors"] == 1


def test_metadata_author_and_canonical_url(server):
    b = base_url(server)
    server.expect_request("/story.html").respond_with_data(
        article_html("Bridge", STORIES["bridge"], canonical=f"{b}/news/bridge.html?utm_source=x", author="Ana Ruiz"),
        content_type="text/html")
    [doc] = crawl([f"{b}/story.html"], SETTINGS).docs
    art = clean_document(doc)
    assert art["url"] == f"{b}/news/bridge.html" and art["author"] == "Ana Ruiz"
    assert str(art["published_date"]) == "2022-01-07" and art["title"] == "Bridge"


def write_warc(path, records, gz):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for uri, status, ctype, body in records:
            http = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))
        req = w.create_warc_record("https://n.example.org/a.html", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        w.write_record(req)


@pytest.mark.parametrize("name, gz", [("news.warc.gz", True), ("news.warc", False)])
def test_local_warc_files(tmp_path, name, gz):
    path = tmp_path / name
    write_warc(path, [
        ("https://n.example.org/harbour.html", 200, "text/html; charset=utf-8", article_html("Harbour", STORIES["harbour"])),
        ("https://n.example.org/logo.png", 200, "image/png", b"\x89PNG"),
        ("https://n.example.org/gone.html", 404, "text/html", b"not found"),
        ("https://n.example.org/sport/match.html", 200, "text/html", article_html("Match", STORIES["school"])),
    ], gz)
    docs = read_source({"location": str(tmp_path), "exclude": ["/sport/"], "name": "cc-news"})
    assert [d["source_uri"].rsplit("/", 1)[-1] for d in docs] == [f"{name}#record-1", f"{name}#record-2", f"{name}#record-3"]
    ok, png, gone = docs
    assert ok["status"] == "ok" and ok["url"] == "https://n.example.org/harbour.html" and ok["source_name"] == "cc-news"
    assert "Dockworkers" in clean_document(ok)["text"]
    assert png["status"] == "rejected" and "not HTML" in png["reason"]
    assert gone["status"] == "rejected" and "404" in gone["reason"]


def test_progress_is_reported_as_log_lines_off_a_terminal(server, caplog):
    import logging

    from transforms.progress import Reporter

    b = base_url(server)
    for key in KEYS:
        serve_story(server, f"/{key}.html", key)
    server.expect_request("/feed.xml").respond_with_data(rss([f"{b}/{k}.html" for k in KEYS] + [f"{b}/nope.html"]),
                                                         content_type="application/rss+xml")
    server.expect_request("/nope.html").respond_with_data("no", status=404)
    logger = logging.getLogger("sitrep.test")
    with caplog.at_level(logging.INFO, logger="sitrep.test"):
        with Reporter("fetched", logger=logger, mode="log", every=0) as bar:
            crawl([f"{b}/feed.xml"], SETTINGS, progress=bar)
    assert (bar.n_ok, bar.n_failed, bar.total) == (3, 1, 4)
    assert caplog.records[-1].getMessage() == "fetched 4/4 documents (1 failed)"
    with Reporter("fetched", mode="bar") as bar:  # on a terminal: a rich progress bar
        bar.expect(2)
        bar.done(True)
        bar.done(False)
    assert bar.n_done == 2


def test_requests_to_one_host_respect_max_per_host(server):
    import threading
    import time as _time

    from werkzeug import Response

    b = base_url(server)
    state = {"now": 0, "peak": 0}
    lock = threading.Lock()

    def counted(request):
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        _time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return Response(article_html("Bridge", STORIES["bridge"]), content_type="text/html")
    for i in range(4):
        server.expect_request(f"/c{i}.html").respond_with_handler(counted)
    server.expect_request("/feed.xml").respond_with_data(rss([f"{b}/c{i}.html" for i in range(4)]), content_type="application/rss+xml")
    crawl([f"{b}/feed.xml"], FetchSettings.from_dict({**FAST, "concurrency": 4, "max_per_host": 1}))
    assert state["peak"] == 1
    state["peak"] = 0
    crawl([f"{b}/feed.xml"], FetchSettings.from_dict({**FAST, "concurrency": 4, "max_per_host": 2}))
    assert state["peak"] == 2
