"""Feeds: `data/feeds.toml` (which RSS and Atom feeds to poll) and what a feed's bytes list.

The bytes are fetched by the caller (the library's fetcher: robots.txt, a delay per host, conditional
requests) and handed to feedparser, as its maintainer advises; feedparser reads RSS 0.9x to 2.0, RSS 1.0
and Atom, and recovers most broken ones (an unescaped &, unclosed tags). A feed it can make nothing of is
`FeedUnreadable`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import feedparser  # type: ignore[import-untyped]

from bot.core.sources import LANGUAGES, read_toml

MAX_ENTRIES = 100  # of one feed, per round (a feed lists its latest entries first)
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class FeedSource:
    """A feed to poll, as data/feeds.toml lists it."""

    url: str
    outlet: str | None = None
    language: str | None = None  # "fr" | "en": the language its articles are read in


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: what names it across rounds (its id, else its link), its link, and its date."""

    key: str
    link: str
    title: str
    published: str | None  # "2026-11-20"


class FeedsError(ValueError):
    """feeds.toml is malformed; the message says where."""


class FeedUnreadable(ValueError):
    """Bytes that are no feed (broken XML with nothing in it, an HTML page)."""


def load_feeds(path: Path) -> list[FeedSource]:
    """The enabled feeds of a feeds.toml (none when there is no file)."""
    if not path.exists():
        return []
    data = read_toml(path, FeedsError)
    feeds: dict[str, FeedSource] = {}
    for number, entry in enumerate(data.get("feed", []), start=1):
        where = f"{path}: [[feed]] number {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str) or not _URL.match(entry["url"]):
            raise FeedsError(f"{where} needs a url starting with http:// or https://")
        language = entry.get("language") or None
        if language is not None and language not in LANGUAGES:
            raise FeedsError(f"{where}: language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise FeedsError(f"{where}: enabled must be true or false")
        if enabled:
            feeds.setdefault(entry["url"], FeedSource(entry["url"], entry.get("outlet") or None, language))
    return list(feeds.values())


def read_feed(data: bytes, url: str, content_type: str = "application/xml") -> list[FeedEntry]:
    """The entries of a feed that have a web link, each once, in the feed's order (FeedUnreadable: no feed).
    `url` and `content_type` are where the bytes came from and what the server said they are."""
    parsed = feedparser.parse(data, response_headers={"content-location": url, "content-type": content_type})
    entries: dict[str, FeedEntry] = {}
    for item in parsed.entries[:MAX_ENTRIES]:
        link = (item.get("link") or "").strip()
        if not _URL.match(link):
            continue
        key = (item.get("id") or "").strip() or link
        published = item.get("published_parsed") or item.get("updated_parsed")
        day = time.strftime("%Y-%m-%d", published) if published else None
        entries.setdefault(key, FeedEntry(key, link, " ".join((item.get("title") or "").split()), day))
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        # nothing usable: broken beyond what feedparser recovers, or no feed at all (a well-formed feed
        # with no entry is only empty)
        raise FeedUnreadable(str(parsed.get("bozo_exception") or "not a feed"))
    return list(entries.values())
