"""Polling feeds: one round asks each feed of data/feeds.toml for what is new, and adds each new entry's page.

Polite by the fetcher (robots.txt, a delay per host, timeouts, a size limit) and by what is kept per feed: the
ETag / Last-Modified a conditional request sends back, and the hash of the last body read, since many servers
ignore conditional requests; a feed whose bytes did not change is not read again, and only entries never seen
are fetched. A feed that fails leaves the others going; it is to be reported once (`RoundSummary.to_report`),
and again only after it worked and failed again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.core.feeds import FeedEntry, FeedSource, FeedUnreadable, load_feeds, read_feed
from bot.library.fetching import FEED_TYPES, Fetcher, FetchFailed
from bot.library.pages import PageRefused
from bot.store.store import FeedState, Store

log = logging.getLogger(__name__)

FEEDS_FILE = "feeds.toml"
UNREADABLE = "unreadable"  # the feed's bytes are no feed (beside the fetcher's REASONS)
# An entry whose page failed for one of these reasons is tried again (the feed is read again next round).
TRANSIENT = frozenset({"timeout", "network"})

AddEntry = Callable[[FeedSource, FeedEntry], Awaitable[bool]]  # True when the entry's page was added (new)


@dataclass(frozen=True)
class FeedStatus:
    """A feed as /feeds shows it."""

    feed: FeedSource
    state: FeedState


@dataclass
class RoundSummary:
    """What a round did: feeds asked, new entries, pages added, feeds that failed, and those to report now."""

    feeds: int = 0
    entries: int = 0
    added: int = 0
    failed: list[FeedStatus] = field(default_factory=list)
    to_report: list[FeedStatus] = field(default_factory=list)


def feeds_of(data_dir: Path) -> list[FeedSource]:
    """The enabled feeds of a data directory (FeedsError: feeds.toml is malformed)."""
    return load_feeds(data_dir / FEEDS_FILE)


async def poll_feeds(
    store: Store,
    fetcher: Fetcher,
    feeds: list[FeedSource],
    add_entry: AddEntry,
    now: float,
    reporting: bool = True,
) -> RoundSummary:
    """One round over every feed. With `reporting`, a feed that starts failing is in `to_report` and counted
    as reported (the bot tells moderators); without (the command line prints failures), nothing is marked."""
    summary = RoundSummary()
    states = await store.feed_states()
    for feed in feeds:
        summary.feeds += 1
        state = states.get(feed.url) or FeedState(feed.url)
        try:
            state = await _poll(store, fetcher, feed, state, add_entry, now, summary)
        except (FetchFailed, FeedUnreadable) as error:
            log.info("feed %s failed: %s", feed.url, error)
            report = reporting and not state.error_reported
            state = replace(
                state,
                last_error=error.reason if isinstance(error, FetchFailed) else UNREADABLE,
                last_error_status=error.status if isinstance(error, FetchFailed) else None,
                last_error_detail=(error.detail if isinstance(error, FetchFailed) else str(error))[:200] or None,
                last_error_at=now,
                error_reported=state.error_reported or report,
            )
            summary.failed.append(FeedStatus(feed, state))
            if report:
                summary.to_report.append(FeedStatus(feed, state))
        await store.save_feed_state(state)
    return summary


async def _poll(
    store: Store,
    fetcher: Fetcher,
    feed: FeedSource,
    state: FeedState,
    add_entry: AddEntry,
    now: float,
    summary: RoundSummary,
) -> FeedState:
    """One feed asked and its new entries added; its state after a success (FetchFailed, FeedUnreadable)."""
    fetched = await fetcher.fetch(feed.url, FEED_TYPES, etag=state.etag, last_modified=state.last_modified)
    worked = replace(state, last_success=now, error_reported=False)
    if fetched.not_modified or fetched.sha256 == state.content_hash:
        return worked
    declared = f"{fetched.content_type}; charset={fetched.charset}" if fetched.charset else fetched.content_type
    entries = read_feed(fetched.body, fetched.url, declared)
    seen = await store.seen_entries(feed.url)
    fresh = [entry for entry in entries if entry.key not in seen and entry.link not in seen]
    summary.entries += len(fresh)
    again = False  # an entry to try again: the feed is read again next round
    for entry in fresh:
        try:
            summary.added += int(await add_entry(feed, entry))
        except FetchFailed as failed:
            log.info("feed %s: entry %s not added: %s", feed.url, entry.link, failed)
            if failed.reason in TRANSIENT or (failed.status or 0) >= 500:
                again = True
                continue
        except PageRefused as refused:
            log.info("feed %s: entry %s not added: %s", feed.url, entry.link, refused.reason)
        except Exception:  # the index refused it (a full disk...): the other entries and feeds go on
            log.warning("feed %s: entry %s not added", feed.url, entry.link, exc_info=True)
            again = True
            continue
        await store.mark_entries_seen(feed.url, {entry.key, entry.link}, now)
    if again:
        return worked
    return replace(worked, etag=fetched.etag, last_modified=fetched.last_modified, content_hash=fetched.sha256)
