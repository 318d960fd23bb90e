"""The library as one object for a front end that runs for long (the bot): its stores, searcher, extractor
and model, opened once. A handler parses, calls one of these methods, and renders: it never reaches the
store, and a method that changes the index makes the searcher read it again itself."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bot.config import Settings, speakers_file
from bot.core.dates import Period
from bot.core.extract import Extractor
from bot.core.feeds import FeedEntry, FeedSource
from bot.core.registry import Speaker, SpeakerRegistry
from bot.core.sources import SourceInfo
from bot.library import follows, moderation
from bot.library.exports import Export, TimelineSelection, select_export, select_timeline
from bot.library.feeds import FeedStatus, RoundSummary, feeds_of, poll_feeds
from bot.library.fetching import Fetcher
from bot.library.follows import CARD, DIGEST, Delivery, FollowTarget, parse_follow
from bot.library.indexing import IndexSummary, Progress, index_directory
from bot.library.moderation import AuditEntry, Correction
from bot.library.pages import AddedPage, add_file, add_url, ingest_page
from bot.library.searching import Answer, Searcher, meaning_model
from bot.library.speakers import Who, clean_name, parse_speaker_argument, who
from bot.library.uploads import ingest_upload, parse_caption
from bot.store import open_store
from bot.store.store import ArticleRow, FeedState, FollowRow, StatementView, Store, StoredQuotation

log = logging.getLogger(__name__)
T = TypeVar("T")

# A statement worth reading on its own (a random pick, an offer): a whole quotation, a sentence or a few.
READABLE_KIND = "full"
READABLE_CHARS = (40, 600)
OFFERS_CONSIDERED = 200  # statements a random pick chooses among


# What sending a delivery came to (the front end says; the library records it).
SENT = "sent"
BLOCKED = "blocked"  # the chat refuses the bot (Telegram's 403): its follows end when it is a private chat
DROPPED = "dropped"  # Telegram will never take it (a bad request): not sent again
FAILED = "failed"  # try again at the next round

Send = Callable[[Delivery], Awaitable[str]]
KEEP_SENT_ALERTS = 30 * 86400.0  # seconds a sent alert is kept (the hour's limit needs one hour of them)


class RebuildRunning(RuntimeError):
    """A rebuild was asked for while another one runs."""


@dataclass
class QueryLimiter:
    """A per-user sliding window: a user over the limit is slowed down, the others are not."""

    per_minute: int
    _seen: dict[int, deque[float]] = field(default_factory=dict)

    def wait_seconds(self, user_id: int, now: float | None = None) -> int:
        """0 when the query may go ahead (and is counted), else how long to wait."""
        now = time.monotonic() if now is None else now
        window = self._seen.setdefault(user_id, deque())
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return max(1, int(60 - (now - window[0])) + 1)
        window.append(now)
        if len(self._seen) > 50_000:  # forget idle users
            for key in [k for k, v in self._seen.items() if not v or now - v[-1] >= 60][:10_000]:
                del self._seen[key]
        return 0


@dataclass(frozen=True)
class OutletCount:
    outlet: str | None  # None: an article that names no outlet
    title: str  # one of its articles' titles
    statements: int


@dataclass
class Library:
    settings: Settings
    registry: SpeakerRegistry
    reader: Store  # queries never wait behind a rebuild: they have their own connection
    writer: Store
    searcher: Searcher
    extractor: Extractor
    limiter: QueryLimiter
    fetcher: Fetcher  # one for the process: robots.txt and the per-host delay are shared by every fetch
    _rebuild: asyncio.Lock = field(default_factory=asyncio.Lock)
    _writing: asyncio.Lock = field(default_factory=asyncio.Lock)  # one change of data/ and the index at a time
    _delivering: asyncio.Lock = field(default_factory=asyncio.Lock)  # an alert is sent by one round only
    _polling: asyncio.Lock = field(default_factory=asyncio.Lock)  # one round of the feeds at a time

    @classmethod
    async def open(cls, settings: Settings, registry: SpeakerRegistry) -> Library:
        """Open the stores, load spaCy and the sentence model (in worker threads), and build a fresh index."""
        writer = await open_store(settings.db)
        reader = await open_store(settings.db)
        extractor = await asyncio.to_thread(Extractor, speakers_file(settings.data_dir))
        embedder, meaning_status = await asyncio.to_thread(meaning_model, settings.meaning, settings.cache_dir)
        log.info(meaning_status)
        if (await reader.counts())["articles"] == 0 or embedder is not None:
            # a fresh database is built; with the model, vectors missing from an older index are added
            await index_directory(writer, settings.data_dir, extractor, embedder=embedder)
        searcher = Searcher(reader, registry, embedder)
        limiter = QueryLimiter(settings.queries_per_minute)
        return cls(settings, registry, reader, writer, searcher, extractor, limiter, Fetcher(settings))

    async def close(self) -> None:
        await self.fetcher.close()
        await self.reader.close()
        await self.writer.close()

    # ---- speakers and arguments ----------------------------------------------------------------

    @property
    def principals(self) -> list[Speaker]:
        return self.registry.principals

    def who(self, speaker_id: str) -> Who:
        return who(speaker_id, self.registry)

    def speaker_argument(self, words: Sequence[str]) -> str | None:
        """The speaker id a moderator's /speaker words name, or None."""
        return parse_speaker_argument(words, self.registry)

    def is_moderator(self, user_id: int) -> bool:
        return user_id in self.settings.admin_ids

    async def remember_language(self, user_id: int, language: str) -> None:
        """The language a moderator last wrote in: what the bot tells them unasked is in it."""
        await self.writer.remember_language(user_id, language)

    async def moderator_languages(self) -> dict[int, str]:
        """Each moderator's last language, for those who have written since the store began."""
        return await self.reader.languages(self.settings.admin_ids)

    # ---- reading -------------------------------------------------------------------------------

    @property
    def by_meaning(self) -> bool:
        return self.searcher.by_meaning

    def wait_before_query(self, user_id: int) -> int:
        """0 when this user may query now (and the query is counted), else the seconds to wait."""
        return self.limiter.wait_seconds(user_id)

    async def ask(self, query: str, speaker: str | None = None, limit: int = 3) -> Answer:
        return await self.searcher.ask(query, speaker=speaker, limit=limit)

    async def random_statement(self, speaker: str) -> StatementView | None:
        """A statement of this speaker worth reading on its own: a whole quotation of a reasonable length when
        there is one (not a fragment like « chagrin »), else any of theirs."""
        ids = await self.reader.statements_to_read([speaker], READABLE_KIND, *READABLE_CHARS, OFFERS_CONSIDERED)
        ids = ids or await self.reader.shown_statements(speaker)
        views = await self.reader.statements([random.choice(ids)]) if ids else []
        return views[0] if views else None

    async def statements_to_offer(self, limit: int) -> list[StatementView]:
        """Statements of every principal worth reading, the most carried and the most recent first: what to
        offer someone who has typed nothing yet."""
        speakers = [s.id for s in self.principals]
        ids = await self.reader.statements_to_read(speakers, READABLE_KIND, *READABLE_CHARS, limit)
        return await self.reader.statements(ids)

    async def timeline(self, speakers: Sequence[Speaker], period: Period, language: str) -> TimelineSelection:
        """What a timeline of these speakers over a period draws (in a language), and what it leaves apart."""
        return await select_timeline(self.reader, speakers, period, language)

    async def export(self, speakers: Sequence[Speaker], period: Period) -> Export:
        """The rows an export of these speakers over a period writes."""
        return await select_export(self.reader, speakers, period)

    async def outlets(self) -> list[OutletCount]:
        """Every outlet with the statements of principals it carried, most first."""
        rows = await self.reader.outlets([s.id for s in self.principals])
        return [OutletCount(*row) for row in rows]

    async def articles(self) -> list[ArticleRow]:
        return await self.reader.articles()

    async def audit(self, limit: int) -> list[AuditEntry]:
        return await moderation.audit_entries(self.reader, self.registry, limit)

    # ---- changing the index (each one makes the searcher read it again) ------------------------

    @property
    def rebuilding(self) -> bool:
        return self._rebuild.locked()

    async def upload(self, name: str | None, data: bytes, caption: str | None) -> tuple[str, list[StoredQuotation]]:
        """A moderator's article checked, saved and indexed (UploadRefused says why not)."""
        return await self._adding_statements(
            lambda: ingest_upload(
                self.writer, self.settings.data_dir, name, data, caption, self.extractor, self.searcher.embedder
            )
        )

    async def add_page(self, url: str) -> AddedPage:
        """A link fetched, kept and indexed, or the article it already is (FetchFailed, PageRefused: why not)."""
        return await self._adding_statements(
            lambda: add_url(
                self.writer, self.settings.data_dir, self.fetcher, url, self.extractor, self.searcher.embedder
            )
        )

    async def add_file(self, path: Path) -> AddedPage:
        """A page (.html) or a text (.txt) from disk kept and indexed (OSError: it cannot be read; PageRefused,
        UploadRefused: why not)."""
        return await self._adding_statements(
            lambda: add_file(self.writer, self.settings.data_dir, path, self.extractor, self.searcher.embedder)
        )

    async def upload_page(self, name: str | None, data: bytes, caption: str | None) -> AddedPage:
        """A moderator's .html file kept and indexed, its caption winning over the page (PageRefused, UploadRefused:
        why not)."""
        info = parse_caption(caption)
        return await self._adding_statements(
            lambda: ingest_page(
                self.writer,
                self.settings.data_dir,
                data,
                name=name or "",
                info=info,
                extractor=self.extractor,
                embedder=self.searcher.embedder,
            )
        )

    async def _adding_statements(self, change: Callable[[], Awaitable[T]]) -> T:
        """Run a change of data/ and the index that adds articles (an upload, a page, a feed's entries), one at
        a time; make the searcher read the index again; and owe the statements it added (none of whose texts
        the index knew) to the chats whose follows match them."""
        async with self._writing:
            followed = bool(await self.writer.follows())  # nobody follows anything: nothing to compare
            known = await self.writer.known_norms() if followed else set()
            try:
                result = await change()
            finally:
                self.searcher.forget_index()
            if followed:
                await follows.owe_alerts_for_new_statements(self.writer, known, time.time())
            return result

    async def rebuild(self, progress: Progress | None = None) -> IndexSummary:
        """Every article read again (RebuildRunning when a rebuild is already running)."""
        if self._rebuild.locked():
            raise RebuildRunning
        async with self._rebuild, self._writing:
            try:
                return await index_directory(
                    self.writer,
                    self.settings.data_dir,
                    self.extractor,
                    progress,
                    force=True,
                    rebuild=True,
                    embedder=self.searcher.embedder,
                )
            finally:
                self.searcher.forget_index()

    # ---- feeds ---------------------------------------------------------------------------------

    def feeds(self) -> list[FeedSource]:
        """The enabled feeds of data/feeds.toml, read afresh (FeedsError: it is malformed)."""
        return feeds_of(self.settings.data_dir)

    async def poll_feeds(self, reporting: bool = True) -> RoundSummary:
        """One round over the feeds: each new entry's page added as a link is (and its new statements owed to
        followers). With `reporting`, feeds that start failing are returned to be told to moderators once."""

        async def add(feed: FeedSource, entry: FeedEntry) -> bool:
            info = SourceInfo(file="", outlet=feed.outlet, published=entry.published, language=feed.language)
            added = await self._adding_statements(
                lambda: add_url(
                    self.writer,
                    self.settings.data_dir,
                    self.fetcher,
                    entry.link,
                    self.extractor,
                    self.searcher.embedder,
                    info=info,
                )
            )
            return not added.already

        async with self._polling:
            return await poll_feeds(self.writer, self.fetcher, self.feeds(), add, time.time(), reporting)

    async def feed_statuses(self) -> list[FeedStatus]:
        """Every enabled feed with what the last rounds came to."""
        states = await self.reader.feed_states()
        return [FeedStatus(feed, states.get(feed.url) or FeedState(feed.url)) for feed in self.feeds()]

    # ---- follows and alerts --------------------------------------------------------------------

    def follow_target(self, argument: str) -> FollowTarget | None:
        """What a /follow or /unfollow argument names (a principal's command, or words), or None."""
        return parse_follow(argument, self.registry)

    async def follow(self, chat_id: int, private: bool, language: str, target: FollowTarget) -> bool:
        """False when the chat follows it already (FollowRefused: too many follows)."""
        return await follows.add_follow(self.writer, chat_id, private, language, target)

    async def unfollow(self, chat_id: int, target: FollowTarget | None) -> int:
        """One follow of a chat, or every one (None); how many ended."""
        return await self.writer.remove_follows(chat_id, target.follow if target else None)

    async def following(self, chat_id: int) -> list[FollowRow]:
        return await self.reader.follows(chat_id)

    async def deliver_alerts(self, send: Send, digest: bool = False, now: float | None = None) -> int:
        """Send what chats are owed now through `send` (cards within each chat's hourly limit; with `digest`,
        the rest in one message) and record what came of it. Returns how many messages went out."""
        async with self._delivering:
            moment = time.time() if now is None else now
            sent = 0
            per_hour = self.settings.alerts_per_hour
            for delivery in await follows.due_deliveries(self.writer, per_hour, moment, digest):
                outcome = await send(delivery)
                if outcome == SENT:
                    await self.writer.mark_alerts_sent(delivery.alerts, DIGEST if delivery.digest else CARD, moment)
                    sent += 1
                elif outcome == BLOCKED and delivery.private:
                    log.info("chat %s blocked the bot: its follows end", delivery.chat_id)
                    await self.writer.remove_follows(delivery.chat_id, None)
                elif outcome in (BLOCKED, DROPPED):
                    await self.writer.drop_alerts(delivery.alerts)
            if digest:
                await self.writer.forget_sent_alerts(moment - KEEP_SENT_ALERTS)
            return sent

    async def set_hidden(self, moderator: int, target: str, hidden: bool) -> Correction | None:
        try:
            return await moderation.set_hidden(self.writer, moderator, target, hidden)
        finally:
            self.searcher.forget_index()

    async def set_speaker(self, moderator: int, target: str, speaker: str) -> Correction | None:
        try:
            return await moderation.set_speaker(
                self.writer,
                self.settings.data_dir,
                moderator,
                target,
                speaker,
                self.extractor,
                self.searcher.embedder,
            )
        finally:
            self.searcher.forget_index()

    async def set_outlet(self, moderator: int, article: str, outlet: str) -> Correction | None:
        try:
            return await moderation.set_outlet(self.writer, moderator, article, clean_name(outlet))
        finally:
            self.searcher.forget_index()
