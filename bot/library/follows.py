"""Follows and alerts: what a chat follows, which new statements it is owed, and what is due to it now.

Whatever adds statements (an upload, a page, a feed) takes the folded texts the index knew before and,
once its build is committed, calls `owe_alerts_for_new_statements`: the alerts owed are kept in the
store, so that they survive a restart. A front end then asks `due_deliveries` what to send: at most
`per_hour` statements a chat as cards of their own, the rest in one digest when a digest is due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from bot.core.follows import SPEAKER, WORDS, Follow, follow_words, new_statements, owed
from bot.core.registry import SpeakerRegistry
from bot.core.text import QUOTE_MARKS
from bot.store.store import AlertRow, FollowRow, StatementView, Store

CARD = "card"
DIGEST = "digest"
HOUR = 3600.0
MAX_FOLLOWS = 20  # a chat's follows
MAX_FOLLOW_CHARS = 100  # of the words a follow looks for
# The word /unfollow takes for every follow at once, in either language.
ALL_WORDS = ("all", "tout", "tous")


class FollowRefused(ValueError):
    """A follow that cannot be taken; `reason` names why (a catalogue key)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FollowTarget:
    """What a /follow or /unfollow argument names: a follow, as the user wrote it."""

    follow: Follow
    shown: str


@dataclass(frozen=True)
class Delivery:
    """What to send one chat now: one statement as a card, or several in one digest."""

    chat_id: int
    private: bool
    language: str
    digest: bool
    statements: tuple[StatementView, ...]
    follows: tuple[Follow, ...]  # the follow that asked for each statement
    alerts: tuple[int, ...]  # the owed alerts it settles


def parse_follow(argument: str, registry: SpeakerRegistry) -> FollowTarget | None:
    """A principal's command or id (with or without its slash) is a follow of that speaker; anything else, in quotation
    marks or not, a follow of those words. None when nothing is left to follow."""
    shown = " ".join(argument.split())
    bare = shown.strip(QUOTE_MARKS + "'").strip()
    if not bare:
        return None
    quoted = bare != shown
    principal = None if quoted or " " in bare else registry.principal_named(bare)
    if principal is not None:
        return FollowTarget(Follow(SPEAKER, principal.id), principal.id)
    folded = follow_words(bare)
    if not folded:
        return None
    if len(bare) > MAX_FOLLOW_CHARS:
        raise FollowRefused("too_long")
    return FollowTarget(Follow(WORDS, folded), bare)


async def add_follow(store: Store, chat_id: int, private: bool, language: str, target: FollowTarget) -> bool:
    """False when the chat follows it already; FollowRefused when it follows too much."""
    mine = await store.follows(chat_id)
    if target.follow not in {row.follow for row in mine} and len(mine) >= MAX_FOLLOWS:
        raise FollowRefused("too_many")
    row = FollowRow(chat_id, private, language, target.follow.kind, target.follow.value, target.shown)
    return await store.add_follow(row)


async def owe_alerts_for_new_statements(store: Store, known: Collection[str], now: float) -> int:
    """Record, for every chat whose follow matches one, the statements the index holds now and did not
    before (`known`: `Store.known_norms()` taken before the build). Returns how many alerts were owed."""
    follows = [(row.chat_id, row.follow) for row in await store.follows()]
    if not follows:
        return 0
    added = new_statements(known, await store.indexed_statements())
    found = owed(follows, added)
    return await store.owe_alerts([(o.chat, o.statement.article, o.statement.norm, o.follow) for o in found], now)


async def due_deliveries(store: Store, per_hour: int, now: float, digest: bool) -> list[Delivery]:
    """What each chat is owed now: cards while it has room in its hour; when `digest` is set, the rest in
    one digest. Alerts whose statement is gone or hidden, or whose chat follows
    nothing any more, are dropped."""
    chats = {row.chat_id: row for row in await store.follows()}
    pending: dict[int, list[AlertRow]] = defaultdict(list)
    for alert in await store.owed_alerts():
        pending[alert.chat_id].append(alert)
    deliveries: list[Delivery] = []
    dropped: list[int] = []
    for chat_id, alerts in pending.items():
        chat = chats.get(chat_id)
        if chat is None:
            dropped += [a.id for a in alerts]
            continue
        found: dict[int, list[AlertRow]] = {}  # statement id -> its alerts (two may name one after regrouping)
        for alert in alerts:
            statement = await store.statement_of(alert.article_file, alert.quote_norm)
            if statement is None:
                dropped.append(alert.id)
            else:
                found.setdefault(statement, []).append(alert)
        views = {view.id: view for view in await store.statements(list(found))}
        dropped += [a.id for statement, group in found.items() if statement not in views for a in group]
        ready = [(views[s], group) for s, group in found.items() if s in views]
        room = max(0, per_hour - await store.cards_sent_since(chat_id, now - HOUR))
        deliveries += [_delivery(chat, False, [item]) for item in ready[:room]]
        if digest and ready[room:]:
            deliveries.append(_delivery(chat, True, ready[room:]))
    if dropped:
        await store.drop_alerts(dropped)
    return deliveries


def _delivery(chat: FollowRow, digest: bool, items: list[tuple[StatementView, list[AlertRow]]]) -> Delivery:
    return Delivery(
        chat_id=chat.chat_id,
        private=chat.private,
        language=chat.language,
        digest=digest,
        statements=tuple(view for view, _ in items),
        follows=tuple(Follow(group[0].follow_kind, group[0].follow_value) for _, group in items),
        alerts=tuple(a.id for _, group in items for a in group),
    )
