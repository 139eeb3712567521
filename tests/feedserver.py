"""A local outlet for feed tests: an HTTP server on 127.0.0.1 serving feeds, sitemaps and articles
written for these tests, answering If-None-Match with 304, and recording every request."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

TOWNS = ["Ardmore", "Brackley", "Coldwell", "Dunhill", "Eastbury", "Fenwick", "Garston", "Harwood", "Inchley", "Kelby"]
THINGS = [
    ("bus shelters", "shelters"),
    ("street lamps", "lamps"),
    ("park benches", "benches"),
    ("cycle racks", "racks"),
    ("water fountains", "fountains"),
]


def article_html(n: int) -> bytes:
    """A short local-news article with a few figures, different for every n."""
    town = TOWNS[n % len(TOWNS)]
    things, short = THINGS[n % len(THINGS)]
    day = n % 27 + 1
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>{town} replaces {things}</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2026-02-{day:02d}T09:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/local/">Local</a></nav></header>
<article><h1>{town} replaces {things}</h1>
<p>The {town} district council said on Tuesday that it will replace {120 + n} {things} before the
summer, at a cost of {40 + n} thousand pounds.</p>
<p>Officials said {n % 9 + 3} percent of the old {short} had failed an inspection in January, and that
the work would take about {n % 5 + 6} weeks. Residents had filed {200 + 3 * n} complaints over the last
year, the council's transport committee reported.</p>
<p>The committee will review the programme again in {["March", "April", "May"][n % 3]}.</p>
</article><footer>Valley Courier, all rights reserved</footer></body></html>""".encode()


def rss(items: list[tuple[str, str]], title: str = "Valley Courier: local news") -> bytes:
    """RSS 2.0 listing (url, title) pairs, newest first."""
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    rows = "".join(
        f"<item><title>{escape(item_title)}</title><link>{escape(url)}</link>"
        f"<description>{escape(item_title)}.</description>"
        f"<pubDate>{format_datetime(now - timedelta(hours=i), usegmt=True)}</pubDate></item>\n"
        for i, (url, item_title) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>https://courier.example/</link>\n{rows}</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    rows = "".join(
        f'<entry><title>{escape(t)}</title><id>urn:entry:{i}</id><link rel="alternate" href="{escape(u)}"/>'
        f"<updated>2026-03-01T{i % 24:02d}:00:00Z</updated></entry>\n"
        for i, (u, t) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Valley Courier</title><id>urn:courier</id><updated>2026-03-01T12:00:00Z</updated>\n{rows}</feed>"
    ).encode()


def sitemap(urls: list[str]) -> bytes:
    rows = "".join(
        f"<url><loc>{escape(u)}</loc><news:news><news:publication_date>2026-03-01</news:publication_date>"
        f"<news:title>Story {i}</news:title></news:news></url>\n"
        for i, u in enumerate(urls)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{rows}</urlset>'
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    rows = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"\n{rows}</sitemapindex>"
    ).encode()


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    location: str = ""
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class FeedServer:
    """Routes by path; `requests` records (path, If-None-Match header) of every GET."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add_articles(self, count: int, prefix: str = "/news/") -> list[str]:
        urls = []
        for n in range(count):
            path = f"{prefix}story-{n}"
            self.routes[path] = Route(article_html(n))
            urls.append(self.url(path))
        return urls

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def start(self) -> None:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("If-None-Match", "")))
                route = server.routes.get(self.path)
                if route is None:
                    route = Route(b"not here", "text/plain", 404)
                time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.location:
                    self.send_header("Location", route.location)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
