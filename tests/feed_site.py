"""A news site with feeds on 127.0.0.1 (http.server in a thread, so that the command line can poll it too): an
RSS feed that honours ETag / Last-Modified, an Atom feed whose server ignores conditional requests, broken XML,
a feed that answers 500, a robots.txt that disallows /private/, and the entries' pages."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def news_page(title: str, published: str, *paragraphs: str) -> bytes:
    """A news page as a site serves it: navigation, the article, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} | La Gazette du Nord</title>'
        '<meta property="og:site_name" content="La Gazette du Nord">'
        f'<meta property="article:published_time" content="{published}T08:00:00+01:00"></head><body>'
        '<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>© 2026 La Gazette du Nord</footer></body></html>"
    ).encode()


@dataclass(frozen=True)
class Item:
    key: str
    link: str
    title: str
    day: str  # "2026-11-20"


def rss(items: list[Item]) -> bytes:
    entries = "".join(
        f"<item><title>{i.title}</title><link>{i.link}</link><guid>{i.key}</guid>"
        f"<pubDate>{_rfc822(i.day)}</pubDate></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>La Gazette du Nord</title>'
        f"<link>http://127.0.0.1/</link><description>Monde</description>{entries}</channel></rss>"
    ).encode()


def atom(items: list[Item]) -> bytes:
    entries = "".join(
        f'<entry><title>{i.title}</title><link href="{i.link}"/><id>{i.key}</id>'
        f"<updated>{i.day}T08:00:00Z</updated></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Le Veilleur</title>'
        f"<id>urn:veilleur</id><updated>2026-11-20T08:00:00Z</updated>{entries}</feed>"
    ).encode()


def _rfc822(day: str) -> str:
    import datetime

    moment = datetime.datetime.fromisoformat(f"{day}T08:00:00+00:00")
    return formatdate(moment.timestamp(), usegmt=True)


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None  # sent, and a matching If-None-Match answered 304
    last_modified: str | None = None


@dataclass
class FeedSite:
    """`serve(path, ...)` sets what a path answers; `requests` lists (path, If-None-Match, If-Modified-Since)."""

    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, resource: Resource) -> str:
        self.resources[path] = resource
        return self.url(path)

    def asked(self, path: str) -> int:
        return sum(1 for p, _, _ in self.requests if p == path)

    def start(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(
                    (self.path, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"))
                )
                if self.path == "/robots.txt":
                    return self._send(200, ROBOTS.encode(), "text/plain")
                resource = site.resources.get(self.path)
                if resource is None:
                    return self._send(404, b"introuvable", "text/plain")
                headers: dict[str, str] = {}
                if resource.etag:
                    headers["ETag"] = resource.etag
                if resource.last_modified:
                    headers["Last-Modified"] = resource.last_modified
                conditional = (resource.etag and self.headers.get("If-None-Match") == resource.etag) or (
                    resource.last_modified and self.headers.get("If-Modified-Since") == resource.last_modified
                )
                if conditional:
                    return self._send(304, b"", None, headers)
                return self._send(resource.status, resource.body, resource.content_type, headers)

            def _send(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
