"""A local HTTP server for the fetch and follow tests: invented outlets, pages and feeds, a log of
every request with its time, and pages that misbehave (redirects, 404, 429, slow, huge)."""

from __future__ import annotations

import json
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{outlet}"><meta property="article:published_time" content="{published}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Copyright {outlet}. All rights reserved.</footer></body></html>"""

# Invented stories: a ferry that capsized on Lake Orrin (the toll rises from four to six), and a
# library that reopened in another town.
ARTICLES = {
    "/news/ferry-1.html": ("Harbor Times", "2026-05-04T08:10:00+00:00", "Ferry capsizes on Lake Orrin, killing four", [
        "A passenger ferry capsized on Lake Orrin near the town of Port Ellery on Sunday morning, killing four people, the regional coast guard said.",
        "The ferry, the Morning Wren, was carrying 41 passengers and three crew members when it overturned in strong winds about two kilometres from the harbour.",
        "Rescue boats pulled 35 people from the water, and several were taken to the Port Ellery district hospital with hypothermia.",
        "Coast guard commander Ilse Varga said divers were still searching the lake for missing passengers.",
        "The ferry operator, Orrin Lake Lines, said it was cooperating with investigators and suspended all crossings until further notice.",
    ]),
    "/news/ferry-2.html": ("Valley Ledger", "2026-05-05T07:40:00+00:00", "Lake Orrin ferry toll rises to six", [
        "A passenger ferry capsized on Lake Orrin near Port Ellery on Sunday, killing six people, the regional coast guard said on Monday.",
        "The Morning Wren was carrying 41 passengers and three crew members when it overturned in strong winds about two kilometres from the harbour.",
        "Divers recovered two more bodies in the afternoon, coast guard commander Ilse Varga told reporters.",
        "Orrin Lake Lines said it had suspended all crossings and would work with the investigators.",
        "Survivors described a sudden gust that tipped the vessel onto its side within seconds.",
    ]),
    "/news/library.html": ("Harbor Times", "2026-05-03T10:00:00+00:00", "Greywick library reopens after flood repairs", [
        "The public library of Greywick reopened on Saturday after eighteen months of repairs following the spring flood.",
        "The rebuilt reading room holds 60,000 books and a new archive of local newspapers going back to 1890.",
        "Librarian Tomas Eberle said the building now stands on raised foundations to keep the collection dry.",
        "The town council paid for most of the work with a regional reconstruction grant.",
        "Visitors queued outside the doors before the opening ceremony on Saturday morning.",
    ]),
    "/private/secret.html": ("Harbor Times", "2026-05-04T09:00:00+00:00", "Not for robots", ["This page is disallowed by robots.txt and must never be requested."] * 5),
}


def page(path: str) -> bytes:
    outlet, published, title, paras = ARTICLES[path]
    return PAGE.format(title=title, outlet=outlet, published=published, paragraphs="".join(f"<p>{p}</p>" for p in paras)).encode("utf-8")


def rss(base: str, paths: list[str]) -> bytes:
    """An RSS feed of ``paths`` (or of full URLs, for pages of another host)."""
    urls = [p if p.startswith("http") else base + p for p in paths]
    titles = [ARTICLES["/" + u.split("/", 3)[3].split("?")[0]][2] for u in urls]
    items = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>Mon, 04 May 2026 08:00:00 GMT</pubDate></item>" for t, u in zip(titles, urls))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Harbor Times</title><link>{base}/</link>{items}</channel></rss>'.encode()


def atom(base: str, paths: list[str]) -> bytes:
    entries = "".join(f'<entry><title>{ARTICLES[p][2]}</title><link href="{base}{p}"/><id>{p}</id><updated>2026-05-04T19:40:00Z</updated></entry>' for p in paths)
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Ledger</title><id>x</id><updated>2026-05-04T19:40:00Z</updated>{entries}</feed>'.encode()


def json_feed(base: str, paths: list[str]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Lakeside Post", "items": [{"id": p, "url": base + p, "title": ARTICLES[p][2], "date_published": "2026-05-03T10:00:00Z"} for p in paths]}).encode()


class Server:
    """``Server()`` starts on 127.0.0.1 on a free port; ``log`` holds (time, path) of every request."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.feed_paths = ["/news/ferry-1.html", "/news/library.html"]  # what /feed.xml lists; tests change it
        self.busy_left = 1  # how many 429s /busy answers before the page
        self.lock = threading.Lock()
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.alt = f"http://localhost:{self.httpd.server_address[1]}"  # the same server as a second host
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requested(self, path: str) -> int:
        return sum(1 for _, p, _ in self.log if p == path)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                with server.lock:
                    server.log.append((time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
                try:
                    self._answer()
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def _answer(self) -> None:
                p, base = self.path.split("?")[0], server.base
                if p == "/robots.txt":
                    self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                elif p in ARTICLES:
                    self._send(200, page(p))
                elif p == "/feed.xml":
                    body = rss(base, server.feed_paths)
                    tag = f'"{zlib.crc32(body)}"'
                    if self.headers.get("If-None-Match") == tag:
                        self.send_response(304)
                        self.send_header("ETag", tag)
                        self.end_headers()
                    else:
                        self._send(200, body, "application/rss+xml", {"ETag": tag})
                elif p == "/atom.xml":
                    self._send(200, atom(base, ["/news/ferry-2.html"]), "application/atom+xml")
                elif p == "/feed.json":
                    self._send(200, json_feed(base, ["/news/library.html"]), "application/feed+json")
                elif p == "/home":
                    self._send(200, f'<html><head><link rel="alternate" type="application/rss+xml" href="{base}/feed.xml"></head><body>Home</body></html>'.encode())
                elif p == "/wrong-charset.html":  # UTF-8 bytes, a header that says Latin-1
                    self._send(200, page("/news/ferry-1.html").replace(b"killing four", "killing four (São Tomé)".encode()), "text/html; charset=iso-8859-1")
                elif p == "/hop1":
                    self._send(302, b"", headers={"Location": "/hop2"})
                elif p == "/hop2":
                    self._send(301, b"", headers={"Location": f"{base}/news/ferry-2.html?utm_source=feed"})
                elif p == "/busy":
                    with server.lock:
                        server.busy_left -= 1
                        busy = server.busy_left >= 0
                    self._send(429, b"slow down", "text/plain", {"Retry-After": "1"}) if busy else self._send(200, page("/news/library.html"))
                elif p == "/slow":
                    time.sleep(3)
                    self._send(200, page("/news/library.html"))
                elif p == "/huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()  # no Content-Length: only the bytes read can tell
                    chunk = b"<p>" + b"x" * 65533
                    for _ in range(50 * 16):  # 50 MB
                        self.wfile.write(chunk)
                else:
                    self._send(404, b"not found", "text/plain")

        return Handler
