"""`sitrep run --source http://127.0.0.1:PORT/feed.xml` for real (Prefect harness, DuckDB file):
every good article lands once, every bad one is a row with its reason, and a second run fetches
nothing new and changes no mart."""
from __future__ import annotations

import gzip

import duckdb
import pytest

from sitrep import cli
from sitrep import config as cfg
from tests.test_pipeline_flow import snapshot
from tests.web_helpers import (FAST, FRENCH, RUSSIAN, STORIES, _server, article_html, base_url, conditional,  # noqa: F401
                               requested, rss, server, slow)

pytestmark = pytest.mark.usefixtures("prefect_harness")

GOOD = ["/news/harbour.html", "/news/bridge.html", "/news/school.html", "/fr/peche.html", "/ru/bolnitsa.html",
        "/wire/harbour-copy.html", "/news/bad-bytes.html"]
BAD = {  # path -> words of the recorded reason
    "/bad/missing.html": "404", "/bad/error.html": "500", "/bad/slow.html": "timeout", "/bad/loop.html": "redirect loop",
    "/bad/huge.html": "larger than", "/bad/bomb.html": "decompressed", "/bad/photo": "unsupported content type",
    "/bad/empty.html": "empty",
}
NO_ARTICLE = "/bad/no-article.html"  # trafilatura keeps its menu: quarantined as too short
UNSAFE = ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin"]


def query(db, sql, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def site(server):
    """An outlet on 127.0.0.1: a feed of good and bad links, a mirror copy and a wire copy."""
    b = base_url(server)
    html = lambda key, **kw: article_html(key.title(), STORIES[key], **kw)  # noqa: E731
    server.expect_request("/news/harbour.html").respond_with_data(html("harbour"), content_type="text/html; charset=utf-8")
    server.expect_request("/mirror/harbour.html").respond_with_data(html("harbour"), content_type="text/html; charset=utf-8")
    wire = article_html("Port strike goes on", [p.replace("on Monday", "early on Monday") for p in STORIES["harbour"]]
                        + ["This story was provided by a news agency."])
    server.expect_request("/wire/harbour-copy.html").respond_with_data(wire, content_type="text/html")
    server.expect_request("/news/bridge.html").respond_with_data(html("bridge"), content_type="text/html")
    server.expect_request("/news/school.html").respond_with_data(html("school", date="2022-01-09"), content_type="text/html")
    server.expect_request("/fr/peche.html").respond_with_data(
        article_html("Manifestation des pêcheurs", FRENCH, lang="fr", charset="iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    server.expect_request("/ru/bolnitsa.html").respond_with_data(
        article_html("Митинг у больницы", RUSSIAN, lang="ru", charset="windows-1251"), content_type="text/html")
    server.expect_request("/news/bad-bytes.html").respond_with_data(
        article_html("Market", STORIES["market"]).replace(b"Stallholders", b"Stall\xc3\x28holders"),
        content_type="text/html; charset=utf-8")
    server.expect_request("/bad/missing.html").respond_with_data("no", status=404)
    server.expect_request("/bad/error.html").respond_with_data("boom", status=500)
    server.expect_request("/bad/slow.html").respond_with_handler(slow(1.2))
    server.expect_request("/bad/loop.html").respond_with_data("", status=302, headers={"Location": "/bad/loop2.html"})
    server.expect_request("/bad/loop2.html").respond_with_data("", status=302, headers={"Location": "/bad/loop.html"})
    server.expect_request("/bad/huge.html").respond_with_data(b"<p>lorem</p>" * 30_000, content_type="text/html")
    server.expect_request("/bad/bomb.html").respond_with_data(gzip.compress(b" " * 20_000_000), content_type="text/html",
                                                              headers={"Content-Encoding": "gzip"})
    server.expect_request("/bad/photo").respond_with_data(b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png")
    server.expect_request("/bad/empty.html").respond_with_data(b"", content_type="text/html")
    server.expect_request("/bad/no-article.html").respond_with_data(b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                                                    content_type="text/html")
    links = ([b + p for p in GOOD[:-2]] + [b + "/mirror/harbour.html"] + [b + p for p in GOOD[-2:]] + [b + p for p in BAD]
             + [b + NO_ARTICLE] + UNSAFE)
    server.expect_request("/feed.xml").respond_with_handler(conditional(rss(links), '"feed-v1"', "application/rss+xml"))
    server.expect_request("/broken-feed.xml").respond_with_data("<rss><channel><item><link>", content_type="application/rss+xml")
    return b


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / "sitrep.toml"
    fetch = "\n".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in FAST.items())
    path.write_text(f"[fetch]\n{fetch}\n", "utf-8")
    yield path
    cfg.load(None)  # back to the project's config for the other tests


def run(site, db, config_file, *extra):
    argv = ["run", "--source", f"{site}/feed.xml", *extra, "--db", str(db), "--config", str(config_file)]
    return cli.main(argv)


def test_feed_run_lands_good_articles_once_records_bad_ones_and_reruns_fetch_nothing(site, server, warehouse_path, config_file):
    assert run(site, warehouse_path, config_file, "--source", f"{site}/broken-feed.xml") == 0

    # every good article once, the mirror copy dropped, the wire copy linked to the original
    arts = dict(query(warehouse_path, "select source_uri, article_id from core.articles where source_uri not like '%/bad/%'"))
    assert sorted(u.replace(site, "") for u in arts) == sorted(GOOD)
    dup = query(warehouse_path, "select source_uri, duplicate_of from core.articles where duplicate_of is not null")
    assert dup == [(site + "/wire/harbour-copy.html", arts[site + "/news/harbour.html"])]
    published = dict(query(warehouse_path, "select source_uri, duplicate_of from marts.dim_articles"))
    assert published[site + "/wire/harbour-copy.html"] == arts[site + "/news/harbour.html"]
    assert published[site + "/news/harbour.html"] is None
    texts = dict(query(warehouse_path, "select source_uri, text from core.articles"))
    assert "préfecture" in texts[site + "/fr/peche.html"] and "больницу" in texts[site + "/ru/bolnitsa.html"]
    assert query(warehouse_path, "select language, encoding from core.articles where source_uri like '%bolnitsa%'") == [("ru", "cp1251")]
    assert query(warehouse_path, "select encoding_errors from core.articles where source_uri like '%bad-bytes%'") == [(1,)]

    # every bad one is a row with its reason
    reasons = {u.replace(site, ""): r for u, r in query(warehouse_path, "select source_uri, reason from raw.rejections")}
    for path, words in BAD.items():
        assert words in reasons[path], (path, reasons.get(path))
    for url in UNSAFE:
        assert reasons[url].startswith("refused")
    assert "malformed feed" in reasons["/broken-feed.xml"]
    assert "same text as article" in reasons["/mirror/harbour.html"]
    quarantined = query(warehouse_path, "select reason from dq.quarantine where record like ?", [f"%{NO_ARTICLE}%"])
    assert quarantined and "shorter than" in quarantined[0][0]
    # raw layer: bytes, headers, final URL; the fetch log has every attempt
    row = query(warehouse_path, "select http_status, final_url, headers, etag, discovered_from from raw.documents where source_uri = ?",
                [site + "/news/harbour.html"])[0]
    assert row[0] == 200 and row[1] == site + "/news/harbour.html" and "content-type" in row[2] and row[4] == site + "/feed.xml"
    log = query(warehouse_path, "select outcome, count(*) from raw.fetch_log where kind = 'page' group by all")
    assert dict(log)["retry"] >= 2 and dict(log)["refused"] == 2
    assert query(warehouse_path, "select count(*) from raw.discovery_documents where kind = 'feed'") == [(1,)]
    assert all(requested(server, p) == 1 for p in GOOD)

    before = snapshot(warehouse_path)
    raw_before = query(warehouse_path, "select count(*) from raw.documents")[0][0]
    assert run(site, warehouse_path, config_file) == 0

    # second run: the feed answers 304, good pages are not asked again, no mart changes
    assert all(requested(server, p) == 1 for p in GOOD) and requested(server, "/mirror/harbour.html") == 1
    for path in ("/bad/missing.html", "/bad/loop.html", "/bad/huge.html", "/bad/bomb.html", "/bad/photo", "/bad/empty.html"):
        assert requested(server, path) == 1, path  # failed for good: not asked again
    assert requested(server, "/bad/error.html") == 4  # transient: one retry in each run
    last_run = query(warehouse_path, "select run_id from ops.runs order by started_at desc limit 1")[0][0]
    feed = query(warehouse_path, "select outcome, http_status from raw.fetch_log where run_id = ? and url = ? and kind = 'source'",
                 [last_run, site + "/feed.xml"])
    assert feed == [("not_modified", 304)]
    skipped = query(warehouse_path, "select sum(n_links) from raw.fetch_log where run_id = ? and outcome = 'skipped'", [last_run])[0][0]
    assert skipped >= len(GOOD) + 6
    assert query(warehouse_path, "select count(*) from raw.documents")[0][0] == raw_before
    assert snapshot(warehouse_path) == before


def test_config_source_options_follow_a_source_named_on_the_command_line(tmp_path):
    from flows.ingest import settings_for, source_specs

    path = tmp_path / "sitrep.toml"
    path.write_text("""
[fetch]
host_delay = 0.0
max_new = 7

[[sources]]
name = "wire"
location = "https://wire.example.org/feed.xml"
lang = "fr"
include = ["/monde/"]
max_new = 3
refresh = true
""", "utf-8")
    try:
        cfg.load(path)
        [spec, other] = source_specs([{"location": "https://wire.example.org/feed.xml", "name": None}, "https://x.example.org/"])
        assert (spec.name, spec.lang, spec.include, spec.max_new, spec.refresh) == ("wire", "fr", ["/monde/"], 3, True)
        assert other.name is None and other.include == []
        assert settings_for({"timeout": 2}).max_new == 7 and settings_for({"timeout": 2}).timeout == 2
        path.write_text("[fetch]\nhost_dealy = 1\n", "utf-8")
        with pytest.raises(ValueError, match="unknown fetch setting"):
            cfg.load(path)
    finally:
        cfg.load(None)


def test_a_site_home_page_through_the_flow(server, warehouse_path):
    from flows.pipeline import pipeline

    b = base_url(server)
    server.clear_all_handlers()
    server.expect_request("/robots.txt").respond_with_data(f"User-agent: *\nDisallow: /private/\nSitemap: {b}/sitemap.xml\n",
                                                           content_type="text/plain")
    server.expect_request("/").respond_with_data("<html><body><h1>Home</h1></body></html>", content_type="text/html")
    server.expect_request("/sitemap.xml").respond_with_data(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<url><loc>{b}/{p}</loc><lastmod>2022-01-0{i + 1}</lastmod></url>"
                  for i, p in enumerate(["news/harbour.html", "news/bridge.html", "news/school.html", "private/x.html"]))
        + "</urlset>", content_type="application/xml")
    for key in ("harbour", "bridge", "school"):
        server.expect_request(f"/news/{key}.html").respond_with_data(article_html(key.title(), STORIES[key]), content_type="text/html")
    summary = pipeline(sources=[{"location": b + "/", "name": "local-outlet", "max_new": 2}], db=str(warehouse_path), fetch=FAST)
    assert summary["status"] == "completed" and summary["fetch"]["refused"] == 1
    rows = query(warehouse_path, "select source_uri, source from marts.dim_articles order by source_uri")
    assert [u.replace(b, "") for u, _ in rows] == ["/news/bridge.html", "/news/school.html"]  # the two newest allowed
    assert requested(server, "/private/x.html") == 0
    assert query(warehouse_path, "select kind from raw.discovery_documents order by kind") == [("site",), ("sitemap",)]
