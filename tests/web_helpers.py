"""A real HTTP server on 127.0.0.1 and the pages, feeds and sitemaps the ingestion tests serve."""
from __future__ import annotations

import time
from xml.sax.saxutils import escape

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

FAST = {  # test politeness: no waiting, short timeouts, tiny limits
    "timeout": 0.5, "retries": 1, "backoff": 0.01, "max_backoff": 0.5, "host_delay": 0.0,
    "max_bytes": 200_000, "max_redirects": 3, "progress": "off",
}

STORIES = {
    "harbour": [
        "Dockworkers in the northern harbour walked off the job on Monday after talks over night shifts collapsed.",
        "The port authority said three cargo ships were waiting offshore and that perishable goods would be diverted.",
        "Union leaders told reporters that the strike would continue until the overtime rules were rewritten.",
        "Police kept a small presence near the gates, but the picket line stayed calm throughout the afternoon.",
        "Local traders warned that shortages of fresh produce could appear in the markets within a week.",
    ],
    "bridge": [
        "Engineers closed the old river bridge on Tuesday after inspectors found cracks in two of its supports.",
        "Commuters were sent to a ferry service that the city council set up within hours of the closure.",
        "The mayor promised that repairs would start next month and asked residents to be patient with delays.",
        "Shop owners on both banks said their takings had already fallen since the traffic was diverted.",
        "A temporary footbridge is expected to open before the end of the season, according to the works office.",
    ],
    "school": [
        "A new secondary school opened its doors in the eastern district, welcoming six hundred pupils on its first day.",
        "Teachers said the building had science laboratories and a library that the neighbourhood had long asked for.",
        "Parents queued outside the main entrance well before the morning bell to register late arrivals.",
        "The education ministry said two more schools would be built in the region over the coming years.",
        "Pupils who used to travel an hour each way now walk to class in less than fifteen minutes.",
    ],
    "market": [
        "The covered market reopened on Saturday after a year of works that replaced its leaking glass roof.",
        "Stallholders returned to their old places, and the fishmongers were given a new cold room at the back.",
        "Visitors praised the brighter hall, although some complained that the rents had gone up with the repairs.",
        "The town plans to hold a night market there every Friday during the summer months.",
        "A plaque near the entrance now lists the names of the craftsmen who built the original hall.",
    ],
}

FRENCH = [
    "Les pêcheurs du port ont manifesté jeudi contre la hausse du prix du gazole, réclamant une aide de l'État.",
    "Selon la préfecture, le cortège a réuni plusieurs centaines de personnes dans le calme jusqu'à la mairie.",
    "Les représentants syndicaux ont été reçus en fin de journée et doivent revenir la semaine prochaine.",
    "Les commerçants du quai ont baissé leurs rideaux par solidarité pendant la matinée.",
]

RUSSIAN = [
    "В понедельник жители города вышли на площадь, требуя отремонтировать старую больницу.",
    "По словам организаторов, на митинг пришли несколько сотен человек, и он прошёл спокойно.",
    "Представители администрации пообещали выделить средства на ремонт уже в этом году.",
    "Местные врачи рассказали журналистам, что здание не ремонтировали более тридцати лет.",
]


def article_html(title: str, paragraphs: list[str], lang: str = "en", charset: str = "utf-8",
                 date: str | None = "2022-01-07", canonical: str | None = None, author: str | None = None,
                 declare_lang: bool = True) -> bytes:
    """A news page as outlets publish it: navigation, an <article>, a footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    if date:
        meta += f'<meta property="article:published_time" content="{date}T08:00:00Z">'
    if canonical:
        meta += f'<link rel="canonical" href="{canonical}">'
    if author:
        meta += f'<meta name="author" content="{author}">'
    lang_attr = f' lang="{lang}"' if declare_lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<!DOCTYPE html><html{lang_attr}><head>{meta}<title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world/'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>All rights reserved.</footer></body></html>")
    return html.encode(charset or "utf-8")


def rss(items: list[str], title: str = "News", lang: str | None = "en") -> str:
    lang_el = f"<language>{lang}</language>" if lang else ""
    entries = "".join(f"<item><title>item {i}</title><link>{escape(u)}</link><pubDate>Fri, 07 Jan 2022 0{i % 10}:00:00 GMT</pubDate></item>"
                      for i, u in enumerate(items))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>{lang_el}{entries}</channel></rss>'


def urlset(urls: list[tuple[str, str | None]]) -> str:
    entries = "".join(f"<url><loc>{escape(u)}</loc>{f'<lastmod>{d}</lastmod>' if d else ''}</url>" for u, d in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'


def sitemap_index(urls: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'


def slow(seconds: float):
    """A handler that answers only after `seconds` (longer than the client's timeout)."""
    def handler(request):
        time.sleep(seconds)
        return Response("late", content_type="text/html")
    return handler


def conditional(body: bytes | str, etag: str, content_type: str):
    """A handler with an ETag that answers 304 to If-None-Match."""
    def handler(request):
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})
    return handler


@pytest.fixture(scope="module")
def _server():
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def server(_server):
    """A threaded HTTP server on 127.0.0.1, with a permissive robots.txt; cleared after each test."""
    _server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")
    yield _server
    _server.clear()


def base_url(server) -> str:
    return server.url_for("/").rstrip("/")


def requested(server, path: str) -> int:
    """How many requests the server received for a path."""
    return sum(1 for req, _ in server.log if req.path == path)
