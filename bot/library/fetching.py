"""A safe, polite fetcher for URLs that come from outside (a moderator's link, a feed).

Safe: only http(s); the host is resolved here and every address it has must be public (no loopback,
private, link-local, shared or reserved address) but in `Settings.fetch_private_networks` (only tests set
it); the connection goes to the address that was checked, so a second DNS answer cannot
swap it (DNS rebinding); redirects are followed here, one hop at a time, each hop checked the same way,
at most `MAX_REDIRECTS`, a loop refused; no proxy from the environment; the body is read as a stream and
refused past `Settings.fetch_max_bytes`; the whole fetch is bounded by `Settings.fetch_timeout`.

Polite: robots.txt is read once per host (and kept, `ROBOTS_KEPT_SECONDS`) and honoured for our
User-Agent; requests to one host are spaced by `Settings.fetch_host_delay` (or the host's Crawl-delay
when longer, up to `MAX_CRAWL_DELAY`); conditional requests (ETag / Last-Modified) when the caller
gives what it had, and a content hash for servers that ignore them.

Every failure is one exception, `FetchFailed`, whose `reason` is one of `REASONS` (the catalogue has
`fetch.reason.<reason>` in each language): a caller renders it, it never prints a traceback.

Use: `async with Fetcher(settings) as fetcher: page = await fetcher.fetch(url, accept=HTML_TYPES)`; one
Fetcher for the whole process (the Library holds it) so that robots.txt and the per-host clocks are shared.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import socket
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from types import TracebackType

import httpx
from protego import Protego

from bot.config import IPNetwork, Settings

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a host's Crawl-delay is honoured up to this many seconds
ROBOTS_KEPT_SECONDS = 3600.0
ROBOTS_RETRY_SECONDS = 300.0  # an unreachable robots.txt is asked again after this long
ROBOTS_MAX_BYTES = 512 * 1024  # what Google reads of a robots.txt
ROBOTS_AGENT = "Quotebot"  # the product token robots.txt groups are matched against
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024

REASONS = (
    "url",  # not a URL we can read (no host, credentials in it, too long)
    "scheme",  # not http or https
    "unresolved",  # the host name has no address
    "address",  # the host is (or a redirect leads to) a loopback, private, link-local or reserved address
    "robots",  # robots.txt disallows it for us
    "not_found",  # 404 or 410
    "status",  # another status the page was not served with (403, 500, ...); see `status`
    "timeout",  # the server was too slow
    "too_big",  # more than the size limit
    "redirects",  # too many redirects, or a redirect without a usable Location
    "redirect_loop",  # a redirect back to a URL already visited
    "content_type",  # not a type the caller accepts (a PDF for a page); see `detail`
    "network",  # the connection failed (refused, reset, TLS)
)


class FetchFailed(Exception):
    """A URL that could not be fetched; `reason` is one of REASONS, `url` the one that failed (after redirects),
    `status` the HTTP status when there was one, `detail` a content type or a short technical note."""

    def __init__(self, reason: str, url: str, *, status: int | None = None, detail: str = "") -> None:
        assert reason in REASONS, reason
        super().__init__(f"{reason}: {url}" + (f" ({status})" if status else "") + (f" {detail}" if detail else ""))
        self.reason = reason
        self.url = url
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought: the body (empty when the server said 304 Not Modified), where it ended up after
    redirects, its type and charset as the server declared them, and what a later conditional request sends
    back (`etag`, `last_modified`). `sha256` is the body's hash (None for a 304): compare it with the last one
    to tell an unchanged page from a server that ignores conditional requests."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def address_allowed(address: str, private_networks: Collection[IPNetwork] = ()) -> bool:
    """Whether we may connect to this IP address: a public one (an IPv6 address that carries an IPv4 one is
    judged by both), or one in `private_networks` (Settings.fetch_private_networks: tests only)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if any(ip.version == network.version and ip in network for network in private_networks):
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not address_allowed(str(embedded), private_networks):
            return False
    return ip.is_global and not ip.is_multicast


@dataclass
class _Host:
    """What we know of one scheme://host:port: its robots.txt and when we last asked it something."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_request: float = float("-inf")
    robots: Protego | None = None
    robots_read: float = float("-inf")
    robots_disallow_all: bool = False  # robots.txt unreachable (5xx, no answer): nothing is fetched (RFC 9309)


class Fetcher:
    """One per process: shares robots.txt and the per-host delay between everyone who fetches."""

    def __init__(self, settings: Settings) -> None:
        self.user_agent = settings.fetch_user_agent
        self.timeout = settings.fetch_timeout
        self.max_bytes = settings.fetch_max_bytes
        self.host_delay = settings.fetch_host_delay
        self.private_networks = settings.fetch_private_networks
        self._hosts: dict[str, _Host] = {}
        # No keep-alive: each connection is made to an address checked just before, for one request only
        # (a kept connection would carry another host's request over a TLS session verified for this one).
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would connect where we did not check
            timeout=httpx.Timeout(self.timeout),
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": self.user_agent},
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        accept: Collection[str] = HTML_TYPES,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Fetched:
        """The body at `url` if its type is one of `accept` (FetchFailed says why not). With `etag` or
        `last_modified` from an earlier fetch, an unchanged resource comes back as a 304 with no body."""
        visited: set[str] = set()
        current = _parse(url)
        conditional = {
            name: value
            for name, value in (("If-None-Match", etag), ("If-Modified-Since", last_modified))
            if value is not None
        }
        while True:
            key = str(current)
            if key in visited:
                raise FetchFailed("redirect_loop", key)
            if len(visited) > MAX_REDIRECTS:
                raise FetchFailed("redirects", key)
            visited.add(key)
            await self._check_robots(current)
            answer = await self._exchange(current, conditional, lambda response: self._read(response, accept))
            if isinstance(answer, Fetched):
                return answer
            current = answer

    async def _exchange(
        self, url: httpx.URL, headers: dict[str, str], read: Callable[[_Answer], Awaitable[Fetched]]
    ) -> Fetched | httpx.URL:
        """One request to a checked address of `url` (its Host header and TLS name still `url`'s host), after
        this host's turn: `read`'s result, or where a redirect leads. A name with several addresses is tried on
        the next one when a connection is refused (an IPv6 address with no route, say). The deadline counts
        from the request on."""
        addresses = await self._addresses_of(url)
        await self._wait_turn(url)

        async def exchange(address: str) -> Fetched | httpx.URL:
            request = self._client.build_request(
                "GET",
                url.copy_with(host=address),
                headers={**headers, "Host": url.netloc.decode("ascii")},
                extensions={"sni_hostname": url.host},
            )
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code not in _REDIRECTS:
                    return await read(_Answer(url, response))
                location = response.headers.get("Location")
                if not location:
                    raise FetchFailed("redirects", str(url), status=response.status_code)
                try:
                    return _parse(str(url.join(location)))
                except httpx.InvalidURL as error:
                    raise FetchFailed("redirects", str(url), detail=location[:200]) from error
            finally:
                await response.aclose()

        deadline = time.monotonic() + self.timeout
        for number, address in enumerate(addresses, start=1):
            try:
                return await asyncio.wait_for(exchange(address), max(0.0, deadline - time.monotonic()))
            except httpx.ConnectError as error:
                if number < len(addresses):
                    continue
                raise FetchFailed("network", str(url), detail=type(error).__name__) from error
            except (asyncio.TimeoutError, httpx.TimeoutException) as error:
                raise FetchFailed("timeout", str(url)) from error
            except httpx.HTTPError as error:
                raise FetchFailed("network", str(url), detail=type(error).__name__) from error
        raise AssertionError("a checked name has at least one address")

    async def _addresses_of(self, url: httpx.URL) -> list[str]:
        """The addresses to connect to for `url`'s host, resolved here, every one of them checked."""
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                url.host, url.port or (443 if url.scheme == "https" else 80), type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as error:
            raise FetchFailed("unresolved", str(url)) from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        if not addresses:
            raise FetchFailed("unresolved", str(url))
        # A name with one private address among public ones is refused: which one a connection would get is
        # not ours to choose.
        if not all(address_allowed(address, self.private_networks) for address in addresses):
            raise FetchFailed("address", str(url))
        return addresses

    async def _read(self, answer: _Answer, accept: Collection[str]) -> Fetched:
        url, response = str(answer.url), answer.response
        status = response.status_code
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        content_type, charset = _content_type(response.headers.get("Content-Type", ""))
        if status == 304:
            return Fetched(url, status, b"", content_type, charset, etag, last_modified, None)
        if status in (404, 410):
            raise FetchFailed("not_found", url, status=status)
        if not 200 <= status < 300:
            raise FetchFailed("status", url, status=status)
        if content_type not in accept:
            raise FetchFailed("content_type", url, status=status, detail=content_type or "?")
        body = await _body(answer, self.max_bytes)
        digest = hashlib.sha256(body).hexdigest()
        return Fetched(url, status, body, content_type, charset, etag, last_modified, digest)

    async def _wait_turn(self, url: httpx.URL) -> None:
        """Space requests to one host by the delay (its own Crawl-delay when longer)."""
        state = self._host(url)
        async with state.lock:
            delay = self.host_delay
            if state.robots is not None:
                crawl_delay = state.robots.crawl_delay(ROBOTS_AGENT)
                if crawl_delay:
                    delay = max(delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
            wait = state.last_request + delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            state.last_request = time.monotonic()

    def _host(self, url: httpx.URL) -> _Host:
        return self._hosts.setdefault(f"{url.scheme}://{url.netloc.decode('ascii')}", _Host())

    async def _check_robots(self, url: httpx.URL) -> None:
        state = self._host(url)
        if time.monotonic() - state.robots_read > ROBOTS_KEPT_SECONDS:
            await self._read_robots(url, state)
        if state.robots_disallow_all:
            raise FetchFailed("robots", str(url), detail="robots.txt unreachable")
        if state.robots is not None and not state.robots.can_fetch(str(url), ROBOTS_AGENT):
            raise FetchFailed("robots", str(url))

    async def _read_robots(self, url: httpx.URL, state: _Host) -> None:
        """RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot be reached (5xx, no
        answer) allows nothing until it is read again. Its redirects are followed on the same host only."""
        robots_url = url.copy_with(path="/robots.txt", query=None, fragment=None)
        state.robots, state.robots_disallow_all = None, False

        async def read(answer: _Answer) -> Fetched:
            status = answer.response.status_code
            body = await _body(answer, ROBOTS_MAX_BYTES, truncate=True) if 200 <= status < 300 else b""
            return Fetched(str(answer.url), status, body, "text/plain", None, None, None, None)

        try:
            for _ in range(MAX_REDIRECTS):
                answer = await self._exchange(robots_url, {}, read)
                if isinstance(answer, httpx.URL):
                    if answer.host != robots_url.host:
                        break
                    robots_url = answer
                    continue
                if 200 <= answer.status < 300:
                    state.robots = Protego.parse(answer.body.decode("utf-8", errors="replace"))
                elif answer.status >= 500:
                    state.robots_disallow_all = True
                break
        except FetchFailed as failed:
            if failed.reason in _HOST_UNREACHED:  # the page would fail the same way: say so, not "robots"
                raise FetchFailed(failed.reason, str(url), detail=failed.detail) from failed
            log.info("robots.txt of %s unreadable: %s", url.host, failed)
            state.robots_disallow_all = True
        state.robots_read = time.monotonic()
        if state.robots_disallow_all:
            state.robots_read -= ROBOTS_KEPT_SECONDS - ROBOTS_RETRY_SECONDS


_HOST_UNREACHED = ("address", "unresolved", "network", "timeout")


@dataclass(frozen=True)
class _Answer:
    """A response, and the URL it answers (the response's own URL has the address in place of the host)."""

    url: httpx.URL
    response: httpx.Response


async def _body(answer: _Answer, limit: int, *, truncate: bool = False) -> bytes:
    """The body, refused as soon as it passes `limit` (by its Content-Length before reading anything), or with
    `truncate` its first `limit` bytes (what crawlers read of a robots.txt)."""
    declared = answer.response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit and not truncate:
        raise FetchFailed("too_big", str(answer.url), detail=declared)
    chunks: list[bytes] = []
    size = 0
    async for chunk in answer.response.aiter_bytes(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            if truncate:
                return b"".join(chunks)[:limit]
            raise FetchFailed("too_big", str(answer.url))
    return b"".join(chunks)


def _parse(url: str) -> httpx.URL:
    """An http(s) URL with a host and no credentials, else FetchFailed."""
    if len(url) > 4096:
        raise FetchFailed("url", url[:200])
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise FetchFailed("url", url[:200]) from error
    if parsed.scheme not in ("http", "https"):
        raise FetchFailed("scheme", url[:200])
    if not parsed.host or parsed.userinfo:
        raise FetchFailed("url", url[:200])
    return parsed.copy_with(fragment=None)


def _content_type(header: str) -> tuple[str, str | None]:
    """("text/html", "windows-1252") from "text/html; charset=Windows-1252"."""
    kind, _, parameters = header.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return kind.strip().lower(), charset
