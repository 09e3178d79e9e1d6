"""Parsers of what a crawler reads besides pages: feeds, sitemaps, robots.txt, URLs."""
from __future__ import annotations

import gzip

import pytest

from tests.web_helpers import rss, sitemap_index, urlset
from transforms import robots
from transforms.feeds import FeedError, discover, iso_date, parse_feed
from transforms.sitemaps import SitemapError, parse_sitemap
from transforms.urls import AddressPolicy, Patterns, is_root, normalise, not_article_reason, unsafe_kind
from transforms.xmldoc import sniff

BASE = "https://news.example.org/"


def test_rss_items_give_normalised_links_dates_and_language():
    body = rss(["https://news.example.org/a.html?utm_source=rss&id=2", "/b.html", "https://news.example.org/a.html?id=2"],
               lang="fr-FR").encode()
    links, note = parse_feed(body, BASE)
    assert note is None
    assert [l.url for l in links] == ["https://news.example.org/a.html?id=2", "https://news.example.org/b.html"]
    assert links[0].date == "2022-01-07" and links[0].lang == "fr"


def test_atom_and_rdf_feeds():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
      <entry><title>x</title><link rel="self" href="https://n.example.org/self"/>
        <link rel="alternate" type="text/html" href="https://n.example.org/x.html"/><published>2023-03-15T10:00:00Z</published></entry>
      <entry><link href="https://n.example.org/y.html"/><updated>2023-03-14T10:00:00+01:00</updated></entry></feed>"""
    links, _ = parse_feed(atom, BASE)
    assert [(l.url, l.date, l.lang) for l in links] == [("https://n.example.org/x.html", "2023-03-15", "es"),
                                                         ("https://n.example.org/y.html", "2023-03-14", "es")]
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"/>
      <item rdf:about="https://n.example.org/r.html"><title>r</title><link>https://n.example.org/r.html</link><dc:date>2021-05-02</dc:date></item>
      </rdf:RDF>"""
    links, _ = parse_feed(rdf, BASE)
    assert [(l.url, l.date) for l in links] == [("https://n.example.org/r.html", "2021-05-02")]


def test_feed_with_an_undefined_entity_is_recovered_with_a_note():
    body = rss(["https://news.example.org/a.html"]).replace("<title>News</title>", "<title>News&nbsp;today</title>").encode()
    links, note = parse_feed(body, BASE)
    assert [l.url for l in links] == ["https://news.example.org/a.html"]
    assert note and "malformed" in note


@pytest.mark.parametrize("body, words", [
    (b"<rss><channel><item><link>", "malformed feed"),
    (b"", "malformed feed"),
    (b"<?xml version='1.0'?><html><body>hi</body></html>", "not a feed"),
])
def test_malformed_feeds_raise_with_a_reason(body, words):
    with pytest.raises(FeedError, match=words):
        parse_feed(body, BASE)


def test_entities_are_never_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY ext SYSTEM "file:///etc/passwd">]><rss><channel><title>&lol2;&ext;</title>
      <item><link>https://news.example.org/a.html</link></item></channel></rss>"""
    links, _ = parse_feed(bomb, BASE)
    assert [l.url for l in links] == ["https://news.example.org/a.html"]


def test_sitemaps_urlset_newest_first_index_gzip_and_text():
    body = urlset([("https://s.example.org/old.html", "2020-01-01"), ("https://s.example.org/undated.html", None),
                   ("https://s.example.org/new.html", "2023-06-01T12:00:00+00:00")]).encode()
    kind, links, note = parse_sitemap(body, BASE)
    assert kind == "urlset" and note is None
    assert [l.url.rsplit("/", 1)[1] for l in links] == ["new.html", "old.html", "undated.html"]
    kind, links, _ = parse_sitemap(gzip.compress(sitemap_index(["https://s.example.org/sm1.xml"]).encode()), BASE)
    assert kind == "index" and [l.url for l in links] == ["https://s.example.org/sm1.xml"]
    kind, links, _ = parse_sitemap(b"https://s.example.org/a.html\nnot a url\nhttps://s.example.org/b.html\n", BASE, "text/plain")
    assert [l.url for l in links] == ["https://s.example.org/a.html", "https://s.example.org/b.html"]


def test_google_news_sitemap_dates_and_language():
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://s.example.org/n.html</loc>
      <news:news><news:publication><news:name>S</news:name><news:language>ru</news:language></news:publication>
      <news:publication_date>2022-01-08T10:00:00Z</news:publication_date><news:title>T</news:title></news:news></url></urlset>"""
    _, [link], _ = parse_sitemap(body, BASE)
    assert (link.date, link.lang, link.title) == ("2022-01-08", "ru", "T")


@pytest.mark.parametrize("body, words", [
    (b"<urlset><url><loc>", "malformed sitemap"),
    (gzip.compress(b"x" * 1000)[:12], "corrupt gzip"),
    (b"\x1f\x8bnot gzip at all", "corrupt gzip"),
    (b"<?xml version='1.0'?><rss><channel/></rss>", "not a sitemap"),
])
def test_malformed_sitemaps_raise_with_a_reason(body, words):
    with pytest.raises(SitemapError, match=words):
        parse_sitemap(body, BASE)


def test_sniffing_documents():
    assert sniff(b"\xef\xbb\xbf  <?xml version='1.0'?>\n<!-- c --><rss>") == "feed"
    assert sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff(b"<?xml version='1.0'?><sitemapindex>") == "sitemap"
    assert sniff(b"<!DOCTYPE html><html><body>") == "html"
    assert sniff(b"<?xml version='1.0'?><<<", "application/xml") == "xml"
    assert sniff(b"\x89PNG\r\n", "image/png") == "other"


def test_home_page_discovery():
    html = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://news.example.org/atom.xml"></head>
      <body><a href="/2022/01/story.html">s</a><a href="https://elsewhere.example.com/x.html">x</a><a href="/">home</a></body></html>"""
    feeds, links = discover(html, BASE)
    assert feeds == ["https://news.example.org/rss.xml", "https://news.example.org/atom.xml"]
    assert links == ["https://news.example.org/2022/01/story.html"]


def test_robots_longest_match_wildcards_groups_and_delay():
    text = """# comment
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open/
Disallow: /*.pdf$
Disallow: /search?
Crawl-delay: 2
Sitemap: https://r.example.org/sitemap.xml
"""
    r = robots.parse(text, "sitrep")
    assert r.allowed("https://r.example.org/news/a.html")
    assert not r.allowed("https://r.example.org/private/a.html")
    assert r.allowed("https://r.example.org/private/open/a.html")
    assert not r.allowed("https://r.example.org/files/report.pdf")
    assert r.allowed("https://r.example.org/files/report.pdf.html")
    assert not r.allowed("https://r.example.org/search?q=x")
    assert r.crawl_delay == 2.0 and r.sitemaps == ["https://r.example.org/sitemap.xml"]
    mine = robots.parse("User-agent: sitrep\nDisallow: /no/\n\nUser-agent: *\nDisallow: /\n", "sitrep/0.1")
    assert mine.allowed("https://r.example.org/yes") and not mine.allowed("https://r.example.org/no/x")
    assert robots.parse("User-agent: *\nRequest-rate: 1/10s\n", "sitrep").crawl_delay == 10.0


def test_robots_cache_status_rules():
    calls = []

    def fetch(status):
        def f(url):
            calls.append(url)
            return status, b"User-agent: *\nDisallow: /x", None
        return f

    assert robots.RobotsCache(fetch(404), "sitrep").get("http://h.example.org/a").allowed("http://h.example.org/x")
    denied = robots.RobotsCache(fetch(503), "sitrep").get("http://h.example.org/a")
    assert denied.disallow_all and "503" in denied.reason
    cache = robots.RobotsCache(fetch(200), "sitrep")
    assert not cache.get("http://h.example.org/a").allowed("http://h.example.org/x")
    cache.get("http://h.example.org/b")
    assert calls.count("http://h.example.org/robots.txt") == 3  # once per cache (per host and run)


def test_url_normalisation_and_filters():
    assert normalise("HTTP://News.Example.ORG:80/a/../b.html?utm_medium=x&q=1#top") == "http://news.example.org/b.html?q=1"
    assert normalise("/c.html", "https://n.example.org/x/") == "https://n.example.org/c.html"
    assert normalise("javascript:alert(1)") is None and normalise("mailto:a@b.org") is None
    assert normalise("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"
    assert is_root("http://127.0.0.1:8080/") and not is_root("http://127.0.0.1:8080/a.html")
    assert "jpg" in not_article_reason("https://n.example.org/photo.jpg")
    assert "navigation" in not_article_reason("https://n.example.org/tag/politics")
    assert not_article_reason("https://n.example.org/2022/01/07/story.html") is None
    assert not_article_reason("http://127.0.0.1:5000/story.html") is None
    p = Patterns(include=[r"/world/"], exclude=[r"/video/"])
    assert p.reason("https://n.example.org/world/a.html") is None
    assert "excluded" in p.reason("https://n.example.org/world/video/a.html")
    assert "include" in p.reason("https://n.example.org/sport/a.html")


def test_address_policy_refuses_private_ranges_of_hosts_nobody_named():
    import ipaddress

    assert unsafe_kind(ipaddress.ip_address("169.254.169.254")) == "link-local"
    assert unsafe_kind(ipaddress.ip_address("::ffff:10.0.0.1")) == "private"
    assert unsafe_kind(ipaddress.ip_address("8.8.8.8")) is None
    policy = AddressPolicy(named_hosts=["127.0.0.1"], allowed_hosts=["10.1.2.3"])
    assert policy.check("http://127.0.0.1:9999/a.html") is None
    assert policy.check("http://localhost:9999/a.html") is None  # same address as a named host
    assert policy.check("http://10.1.2.3/a.html") is None        # allowed in the config
    for url in ("http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://0.0.0.0/", "http://[::ffff:10.0.0.1]/",
                "http://2130706433/"):  # the last one is 127.0.0.1 written as an integer
        reason = AddressPolicy(named_hosts=["192.0.2.1"]).check(url)
        assert reason and reason.startswith("refused"), url
    assert "scheme" in policy.check("file:///etc/passwd")


def test_iso_date_formats():
    assert iso_date("Fri, 07 Jan 2022 09:00:00 GMT") == "2022-01-07"
    assert iso_date("2022-01-07T09:00:00+03:00") == "2022-01-07"
    assert iso_date("yesterday") is None
