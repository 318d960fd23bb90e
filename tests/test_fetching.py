"""The fetcher against a real HTTP server on 127.0.0.1: each way a URL goes wrong ends in one reason, and the
safety rules hold with private addresses refused (the default) as well as with loopback allowed (tests)."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.library.fetching import FEED_TYPES, HTML_TYPES, REASONS, Fetcher, FetchFailed, address_allowed
from bot.telegram.messages import CATALOGUE, LANGUAGES
from tests.news_site import HUGE_BYTES, NewsSite


def fetch_settings(tmp_path: Path, **environ: str) -> Settings:
    values = {"QUOTEBOT_FETCH_PRIVATE": "127.0.0.1", "QUOTEBOT_FETCH_HOST_DELAY": "0", "QUOTEBOT_FETCH_TIMEOUT": "2"}
    return load_settings({**values, **environ}, env_file=tmp_path / "no.env")


async def failure(fetcher: Fetcher, url: str, **kwargs: object) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        await fetcher.fetch(url, **kwargs)  # type: ignore[arg-type]
    return caught.value


async def test_a_page_comes_with_its_type_charset_and_hash(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        page = await fetcher.fetch(site.url("/conditional"))
    assert page.status == 200 and page.body.startswith(b"<html>")
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.etag == '"v1"' and page.last_modified == "Tue, 01 Dec 2026 08:00:00 GMT"
    assert page.sha256 is not None and len(page.sha256) == 64
    assert site.requests[0] == "/robots.txt"
    assert "Quotebot" in fetcher.user_agent


async def test_conditional_requests_bring_a_304_without_body(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        first = await fetcher.fetch(site.url("/conditional"))
        again = await fetcher.fetch(site.url("/conditional"), etag=first.etag)
        since = await fetcher.fetch(site.url("/conditional"), last_modified=first.last_modified)
    assert again.not_modified and again.body == b"" and again.sha256 is None
    assert since.not_modified
    assert not first.not_modified


async def test_robots_txt_is_read_once_per_host_and_honoured(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        refused = await failure(fetcher, site.url("/private/secret.html"))
        await fetcher.fetch(site.url("/conditional"))
    assert refused.reason == "robots"
    assert site.requests == ["/robots.txt", "/conditional"]  # the disallowed page was never asked for


@pytest.mark.parametrize(
    ("path", "reason", "status"),
    [("/missing", "not_found", 404), ("/broken", "status", 500), ("/loop/a", "redirect_loop", None)],
)
async def test_bad_answers_have_their_reason(site: NewsSite, tmp_path: Path, path: str, reason: str, status) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        failed = await failure(fetcher, site.url(path))
    assert (failed.reason, failed.status) == (reason, status)


async def test_redirects_are_bounded(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        failed = await failure(fetcher, site.url("/hops/0"))
    assert failed.reason == "redirects"
    assert [p for p in site.requests if p.startswith("/hops/")] == [f"/hops/{n}" for n in range(6)]


async def test_a_redirect_is_followed_and_its_end_is_the_url(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        page = await fetcher.fetch(site.url("/redirect?to=/conditional"))
    assert page.url == site.url("/conditional")


async def test_a_slow_server_times_out(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path, QUOTEBOT_FETCH_TIMEOUT="0.5")) as fetcher:
        failed = await failure(fetcher, site.url("/slow"))
    assert failed.reason == "timeout"


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
async def test_a_20_mb_page_is_refused_without_reading_it_all(site: NewsSite, tmp_path: Path, path: str) -> None:
    async with Fetcher(fetch_settings(tmp_path, QUOTEBOT_FETCH_MAX_BYTES=str(1024 * 1024))) as fetcher:
        failed = await failure(fetcher, site.url(path))
    assert failed.reason == "too_big"
    assert site.sent[path] < HUGE_BYTES // 2


async def test_the_caller_says_which_types_it_takes(site: NewsSite, tmp_path: Path) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        pdf = await failure(fetcher, site.url("/document.pdf"))
        feed = await failure(fetcher, site.url("/conditional"), accept=FEED_TYPES)
        page = await fetcher.fetch(site.url("/conditional"), accept=HTML_TYPES)
    assert (pdf.reason, pdf.detail) == ("content_type", "application/pdf")
    assert (feed.reason, feed.detail) == ("content_type", "text/html")
    assert page.status == 200


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1/file", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://user:secret@127.0.0.1/", "url"),
        ("http:///nothing", "url"),
        ("http://no-such-host.invalid/", "unresolved"),
    ],
)
async def test_urls_we_do_not_read(tmp_path: Path, url: str, reason: str) -> None:
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        assert (await failure(fetcher, url)).reason == reason


async def test_private_addresses_are_refused_before_connecting(site: NewsSite, tmp_path: Path) -> None:
    """The default (QUOTEBOT_FETCH_PRIVATE unset): loopback, private, link-local, reserved: never asked."""
    settings = load_settings({"QUOTEBOT_FETCH_HOST_DELAY": "0"}, env_file=tmp_path / "no.env")
    assert settings.fetch_private_networks == ()
    async with Fetcher(settings) as fetcher:
        for url in (
            site.url("/conditional"),
            site.url("/conditional", host="localhost"),
            site.url("/conditional", host="[::1]"),
            "http://10.1.2.3/page",
            "http://192.168.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://0.0.0.0/",
            "http://[::ffff:127.0.0.1]/",
            "http://[fd00::1]/",
        ):
            failed = await failure(fetcher, url)
            assert failed.reason == "address", url
    assert site.requests == []


async def test_a_redirect_to_a_private_address_is_refused(site: NewsSite, tmp_path: Path) -> None:
    """Only 127.0.0.1 allowed: a hop to another loopback address, to IPv6 loopback, or to 10.x is
    refused at that hop (before connecting: "address", not a failed connection)."""
    async with Fetcher(fetch_settings(tmp_path)) as fetcher:
        for target in ("http://127.0.0.2:9/", "http://[::1]:9/", "http://10.0.0.1/admin"):
            failed = await failure(fetcher, site.url(f"/redirect?to={target}"))
            assert (failed.reason, failed.url) == ("address", target), target


async def test_the_connection_goes_to_the_checked_address_with_the_host_kept(site: NewsSite, tmp_path: Path) -> None:
    """Connected by address, the server still sees the name in Host (so DNS is asked once, by us)."""
    async with Fetcher(fetch_settings(tmp_path, QUOTEBOT_FETCH_PRIVATE="127.0.0.0/8,::1")) as fetcher:
        page = await fetcher.fetch(site.url("/host", host="localhost"))
    assert page.body.decode() == f"localhost:{site.port}"


async def test_a_name_with_several_addresses_is_tried_on_the_next_when_one_refuses(
    site: NewsSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Name resolution is outside the machine, so it is the one thing stood in for: a name whose first address
    (127.0.0.2, where nothing listens) refuses the connection is fetched at its second (the site's)."""
    resolve = asyncio.BaseEventLoop.getaddrinfo

    async def two_addresses(loop: asyncio.AbstractEventLoop, host: str, port: int, **kwargs: object) -> list:
        if host != "twice.test":
            return await resolve(loop, host, port, **kwargs)  # type: ignore[arg-type]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in ("127.0.0.2", "127.0.0.1")]

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", two_addresses)
    async with Fetcher(fetch_settings(tmp_path, QUOTEBOT_FETCH_PRIVATE="127.0.0.0/8")) as fetcher:
        page = await fetcher.fetch(site.url("/host", host="twice.test"))
        assert page.body.decode() == f"twice.test:{site.port}"
        site_gone = f"http://twice.test:{free_port()}/"  # both addresses refuse: one clear reason
        assert (await failure(fetcher, site_gone)).reason == "network"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_address_rules() -> None:
    assert address_allowed("93.184.215.14")
    assert address_allowed("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    for address in (
        "127.0.0.1",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.1.1",
        "::1",
        "fe80::1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
        "224.0.0.1",
        "240.0.0.1",
        "198.18.0.1",
    ):
        assert not address_allowed(address), address
    assert address_allowed(
        "127.0.0.1", load_settings({"QUOTEBOT_FETCH_PRIVATE": "on"}, env_file=None).fetch_private_networks
    )


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("QUOTEBOT_FETCH_PRIVATE", "yes please"),
        ("QUOTEBOT_FETCH_TIMEOUT", "0"),
        ("QUOTEBOT_FETCH_TIMEOUT", "soon"),
        ("QUOTEBOT_FETCH_MAX_BYTES", "12"),
        ("QUOTEBOT_FETCH_HOST_DELAY", "-1"),
        ("QUOTEBOT_USER_AGENT", "bad\nagent"),
    ],
)
def test_fetch_settings_are_checked(tmp_path: Path, key: str, value: str) -> None:
    with pytest.raises(ConfigError, match=key):
        load_settings({key: value}, env_file=tmp_path / "no.env")


def test_every_reason_has_its_words_in_each_language() -> None:
    for reason in REASONS:
        assert set(CATALOGUE[f"fetch.reason.{reason}"]) == set(LANGUAGES), reason


def test_a_failure_reads_as_one_line_in_each_language() -> None:
    from bot.telegram.render import fetch_failure

    pdf = FetchFailed("content_type", "http://example.org/a.pdf", status=200, detail="application/pdf")
    assert fetch_failure(pdf, "fr", 5 * 1024 * 1024) == "ce n'est pas une page web mais « application/pdf »"
    assert fetch_failure(FetchFailed("too_big", "http://x.org/"), "en", 5 * 1024 * 1024) == (
        "the page is larger than 5 MB"
    )
    assert "500" in fetch_failure(FetchFailed("status", "http://x.org/", status=500), "fr", 1)
