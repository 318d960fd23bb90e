"""A news site on 127.0.0.1 for the fetcher and the pages: real HTTP (aiohttp), pages from tests/pages/, and
the ways a real site goes wrong (robots.txt, 404, 500, a redirect loop, a slow answer, a huge page, a PDF)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web

PAGES = Path(__file__).resolve().parent / "pages"
HUGE_BYTES = 20 * 1024 * 1024
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class NewsSite:
    """`url(path)` is where a page is; `requests` lists the paths asked for, `sent[path]` the body bytes sent."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.hosts: list[str] = []
        self.sent: dict[str, int] = {}
        self.served: dict[str, tuple[bytes, str]] = {}  # path -> (body, content type) set by a test
        self.port = 0
        self._runner: web.AppRunner | None = None

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._log])
        app.router.add_get("/robots.txt", _answer(web.Response(text=ROBOTS)))
        app.router.add_get("/missing", _answer(web.Response(status=404, text="introuvable")))
        app.router.add_get("/broken", _answer(web.Response(status=500, text="erreur")))
        app.router.add_get("/loop/a", _redirect_to("/loop/b"))
        app.router.add_get("/loop/b", _redirect_to("/loop/a"))
        app.router.add_get("/hops/{n}", self._hops)
        app.router.add_get("/redirect", self._redirect)
        app.router.add_get("/slow", self._slow)
        app.router.add_get("/huge", self._huge)
        app.router.add_get("/huge-declared", self._huge_declared)
        app.router.add_get("/document.pdf", self._pdf)
        app.router.add_get("/conditional", self._conditional)
        app.router.add_get("/host", self._host)
        app.router.add_get("/{name:.+}", self._page)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)  # the slow page is not waited for
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @web.middleware
    async def _log(self, request: web.Request, handler):  # type: ignore[no-untyped-def]
        self.requests.append(request.path_qs)
        self.hosts.append(request.host)
        return await handler(request)

    def serve(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve these bytes at `path` (a page a test writes); returns its URL."""
        self.served[path] = (body, content_type)
        return self.url(path)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """A page a test serves, else tests/pages/<name>; a page whose name says cp1252 is served as
        windows-1252, with that charset in the header only."""
        if request.path in self.served:
            body, content_type = self.served[request.path]
            return web.Response(body=body, headers={"Content-Type": content_type})
        path = (PAGES / request.match_info["name"]).resolve()
        if PAGES not in path.parents or not path.is_file():
            return web.Response(status=404, text="introuvable")
        body = path.read_bytes()
        if "cp1252" in path.name:
            body = body.decode("utf-8").encode("windows-1252")
            return web.Response(body=body, headers={"Content-Type": "text/html; charset=windows-1252"})
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    async def _hops(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"/hops/{int(request.match_info['n']) + 1}")

    async def _redirect(self, request: web.Request) -> web.StreamResponse:
        """/redirect?to=URL: a 302 to anywhere (another host, a private address)."""
        raise web.HTTPFound(request.query["to"])

    async def _host(self, request: web.Request) -> web.StreamResponse:
        """The Host header the client sent."""
        return web.Response(text=request.host, content_type="text/html")

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(30)
        return web.Response(text="trop tard", content_type="text/html")

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        """20 MB of HTML, chunked (no Content-Length): only reading it tells its size."""
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        self.sent["/huge"] = 0
        try:
            while self.sent["/huge"] < HUGE_BYTES:
                await response.write(chunk)
                self.sent["/huge"] += len(chunk)
        except (ConnectionResetError, asyncio.CancelledError):
            return response
        await response.write_eof()
        return response

    async def _huge_declared(self, request: web.Request) -> web.StreamResponse:
        """20 MB announced by Content-Length: refused before the body is read."""
        response = web.StreamResponse(headers={"Content-Type": "text/html", "Content-Length": str(HUGE_BYTES)})
        await response.prepare(request)
        self.sent["/huge-declared"] = 0
        try:
            for _ in range(HUGE_BYTES // (64 * 1024)):
                await response.write(b"x" * 64 * 1024)
                self.sent["/huge-declared"] += 64 * 1024
        except (ConnectionResetError, asyncio.CancelledError):
            return response
        return response

    async def _pdf(self, request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 4096, content_type="application/pdf")

    async def _conditional(self, request: web.Request) -> web.StreamResponse:
        """An ETag and a Last-Modified; 304 when the client sends either back."""
        etag, modified = '"v1"', "Tue, 01 Dec 2026 08:00:00 GMT"
        if request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == modified:
            return web.Response(status=304, headers={"ETag": etag, "Last-Modified": modified})
        return web.Response(
            text="<html><body><p>Une page.</p></body></html>",
            headers={"ETag": etag, "Last-Modified": modified, "Content-Type": "text/html; charset=utf-8"},
        )


def _answer(response: web.Response):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=response.status, body=response.body, headers=response.headers)

    return handler


def _redirect_to(location: str):  # type: ignore[no-untyped-def]
    async def handler(request: web.Request) -> web.Response:
        raise web.HTTPFound(location)

    return handler
