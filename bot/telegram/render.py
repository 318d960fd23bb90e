"""Rendering replies: HTML with everything escaped, within Telegram's limits (`telegram.constants`).

Strings come from the catalogue (`messages`); names of principals from the registry, through the
library's `Who`, so that nothing here knows who the bot follows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import BotCommandLimit, InlineKeyboardButtonLimit, InlineQueryLimit, MessageLimit

from bot.core import dates
from bot.core.follows import SPEAKER
from bot.core.search import Verdict
from bot.library import (
    AddedPage,
    ArticleRow,
    AuditEntry,
    Correction,
    FeedState,
    FeedStatus,
    FetchFailed,
    Follow,
    FollowRow,
    OutletCount,
    StatementView,
    StoredQuotation,
    Target,
    Variant,
    Who,
    shorten,
)
from bot.library.fetching import REASONS
from bot.telegram.messages import plural, text

WhoIs = Callable[[str], Who]  # a speaker id read by the library (`Library.who`)

MESSAGE_LIMIT: int = MessageLimit.MAX_TEXT_LENGTH
CALLBACK_LIMIT: int = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
INLINE_LIMIT: int = InlineQueryLimit.RESULTS
INLINE_TITLE_CHARS = 100  # Telegram shows about a line of a title and two of a description
INLINE_DESCRIPTION_CHARS = 120
UNKNOWN_OUTLET_TITLE_CHARS = 40  # of an article's title, standing for an outlet nobody named
LISTED_TITLE_CHARS = 60  # of an article's title in /articles
CORRECTED_WORDS_CHARS = 120  # of the words a correction concerned, quoted with it
UPLOADED_QUOTE_CHARS = 120
PAGE_TITLE_CHARS = 200
WORDING_CHARS = 600
DIGEST_QUOTE_CHARS = 160
_ELLIPSIS = "…"
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2}))?")


@dataclass(frozen=True)
class Card:
    """A statement to show: found by a query (with its verdict), or picked for a user who gave no words."""

    statement: StatementView
    verdict: Verdict | None = None


def escape(value: str) -> str:
    """Text for Telegram's HTML: <, > and & escaped (quotes stay readable; attributes use html.escape)."""
    return html.escape(value, quote=False)


def reader_date(value: str | None, language: str) -> str:
    """A date as a reader writes it: "3 septembre 2025", "3 September 2025", "septembre 2025" for a month;
    a timestamp ("2025-09-03T14:05:00Z") with its time. The one place dates are written."""
    match = _ISO_DATE.fullmatch(value.strip().removesuffix("Z")[:16]) if value else None
    if match is None:
        return value if value else text("date.none", language)
    year, month, day, hour, minute = match.groups()
    if month is None or not 1 <= int(month) <= 12:
        return year
    if day is None:
        written = dates.month_of_year(int(year), int(month), language)
    else:
        try:
            written = dates.reader_date(date(int(year), int(month), int(day)), language)
        except ValueError:  # « 2025-02-30 »: shown as written
            return value or ""
    if hour is not None:
        written = text("date.time", language, date=written, time=f"{hour}:{minute}")
    return written


def speaker_name(who: Who, language: str) -> str:
    """Who spoke, as a reader says it: a principal's name in the language, another person's name, or "inconnu"."""
    if who.principal is not None:
        return who.principal.display_name(language)
    return who.name if who.name is not None else text("speaker.unknown", language)


def joined(items: Sequence[str], language: str, word: str = "and") -> str:
    """ "a, b et c": a list as a sentence writes it."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + text(word, language) + items[-1]


def unknown_outlet(title: str, language: str) -> str:
    """A short, honest label for an article that names no outlet: its title, cut at a word."""
    return text("unknown_outlet", language, title=escape(shorten(title, UNKNOWN_OUTLET_TITLE_CHARS)))


def outlet_html(variant: Variant, language: str) -> str:
    """The outlet's name, or "unknown outlet, article « title »": never invented; always HTML-safe."""
    return escape(variant.outlet) if variant.outlet else unknown_outlet(variant.title, language)


def _outlet_line(variant: Variant, language: str) -> str:
    name = outlet_html(variant, language)
    label = f'<a href="{html.escape(variant.url, quote=True)}">{name}</a>' if variant.url else name
    date = f" · {escape(reader_date(variant.published, language))}" if variant.published else ""
    return f"• {label}{date}"


def _outlets(statement: StatementView, language: str) -> list[str]:
    lines: dict[str, None] = {}
    for variant in statement.variants:
        lines.setdefault(_outlet_line(variant, language), None)
    return list(lines)


def several_wordings(statement: StatementView) -> bool:
    """Whether several articles carried it in different words (else "each outlet's wording" would repeat the
    card, or add only a fragment the same article quoted again)."""
    articles = {variant.article for variant in statement.variants}
    return len(articles) > 1 and len({variant.norm for variant in statement.variants}) > 1


def answer_text(card: Card, position: int, total: int, language: str, who_is: WhoIs, moderator: bool) -> str:
    """The answer card: speaker, quote, outlets with links and dates; where it stands when there are several;
    the score and the statement's id for moderators only."""
    statement = card.statement
    outlets = _outlets(statement, language)
    notes = [text("position", language, n=position + 1, total=total)] if total > 1 else []
    if card.verdict is not None and card.verdict.by_meaning:
        notes.append(text("by_meaning", language))
    if moderator and card.verdict is not None:
        notes.append(text("score", language, score=card.verdict.score))
    footer = "\n\n<i>" + " · ".join(notes) + "</i>" if notes else ""
    if moderator:
        footer += f"\n<code>#{statement.id}</code>"
    quote_room = MESSAGE_LIMIT
    for _ in range(3):
        body = text(
            "answer",
            language,
            speaker=escape(speaker_name(who_is(statement.speaker), language)),
            text=escape(shorten(statement.text, quote_room)),
            outlets="\n".join(outlets),
        )
        message = body + footer
        if len(message) <= MESSAGE_LIMIT:
            return message
        quote_room = max(200, quote_room - (len(message) - MESSAGE_LIMIT) - 10)
        outlets = outlets[:20] + ([_ELLIPSIS] if len(outlets) > 20 else [])
    return fit(message)


def wordings_text(statement: StatementView, language: str) -> str:
    items = [
        f"• <b>{outlet_html(v, language)}</b>"
        f"{' · ' + escape(reader_date(v.published, language)) if v.published else ''}\n  "
        + text("quote", language, text=escape(shorten(v.quote, WORDING_CHARS)))
        for v in statement.variants
    ]
    return fit(text("wordings", language, items="\n".join(items)))


def fit(message: str) -> str:
    """Cut a message to Telegram's limit without leaving a broken tag or entity."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    cut = message[: MESSAGE_LIMIT - 1]
    for opener, closer in (("<", ">"), ("&", ";")):
        if cut.rfind(opener) > cut.rfind(closer):
            cut = cut[: cut.rfind(opener)]
    # Close any tag left open by the cut.
    for tag in ("a", "code", "i", "b"):
        if cut.count(f"<{tag}") > cut.count(f"</{tag}>"):
            cut += f"</{tag}>"
    return cut[: MESSAGE_LIMIT - 1] + _ELLIPSIS if len(cut) >= MESSAGE_LIMIT else cut + _ELLIPSIS


def callback(action: str, value: int) -> str:
    data = f"{action}:{value}"
    assert len(data.encode()) <= CALLBACK_LIMIT
    return data


def parse_callback(data: str | None) -> tuple[str, int] | None:
    """('pg', 3) from 'pg:3'; None for anything else (never trusted beyond that)."""
    if not data or len(data.encode()) > CALLBACK_LIMIT or ":" not in data:
        return None
    action, _, value = data.partition(":")
    if action not in ("pg", "wd") or not value.isdigit() or len(value) > 4:
        return None
    return action, int(value)


def answer_keyboard(card: Card, position: int, total: int, language: str) -> InlineKeyboardMarkup | None:
    """◀ ▶ when there are several answers; "each outlet's wording" when the outlets worded it differently."""
    rows = []
    paging = []
    if position > 0:
        paging.append(
            InlineKeyboardButton(text("button.previous", language), callback_data=callback("pg", position - 1))
        )
    if position + 1 < total:
        paging.append(InlineKeyboardButton(text("button.next", language), callback_data=callback("pg", position + 1)))
    if paging:
        rows.append(paging)
    if several_wordings(card.statement):
        rows.append([InlineKeyboardButton(text("button.wordings", language), callback_data=callback("wd", position))])
    return InlineKeyboardMarkup(rows) if rows else None


def inline_description(statement: StatementView, language: str) -> str:
    """The latest date and the outlets; articles with no outlet counted, never shown as "?"."""
    named = list(dict.fromkeys(v.outlet for v in statement.variants if v.outlet))
    unnamed = len({v.article for v in statement.variants if not v.outlet})
    parts = [*named, plural("unknown_outlets", language, unnamed)] if unnamed else named
    dates = sorted(v.published for v in statement.variants if v.published)
    outlets = joined(parts, language)
    return shorten(f"{reader_date(dates[-1], language)} · {outlets}" if dates else outlets, INLINE_DESCRIPTION_CHARS)


def inline_results(statements: Sequence[StatementView], language: str, who_is: WhoIs) -> list[InlineQueryResultArticle]:
    articles = []
    for statement in statements[:INLINE_LIMIT]:
        name = speaker_name(who_is(statement.speaker), language)
        articles.append(
            InlineQueryResultArticle(
                id=str(statement.id),
                title=shorten(f"{name}: {statement.text}", INLINE_TITLE_CHARS),
                description=inline_description(statement, language),
                input_message_content=InputTextMessageContent(
                    answer_text(Card(statement), 0, 1, language, who_is, moderator=False)
                ),
            )
        )
    return articles


def bullet_list(lines: Sequence[str], limit: int = MESSAGE_LIMIT - 200) -> str:
    """HTML lines (their values already escaped) as a list, stopping before the limit."""
    out, size = [], 0
    for line in lines:
        item = f"• {line}"
        if size + len(item) + 1 > limit:
            out.append(_ELLIPSIS)
            break
        out.append(item)
        size += len(item) + 1
    return "\n".join(out)


# ---- commands: the menus and /help say the same --------------------------------------------


@dataclass(frozen=True)
class Command:
    """A command as menus and /help show it: its name, what it does (a catalogue key), what it takes."""

    name: str
    description: str  # catalogue key
    arguments: str | None = None  # catalogue key
    values: tuple[tuple[str, str], ...] = ()  # filled into the description and the arguments


def menu(commands: Sequence[Command], language: str) -> list[BotCommand]:
    return [
        BotCommand(c.name, shorten(text(c.description, language, **dict(c.values)), BotCommandLimit.MAX_DESCRIPTION))
        for c in commands[: BotCommandLimit.MAX_COMMAND_NUMBER]
    ]


def help_lines(commands: Sequence[Command], language: str) -> str:
    lines = []
    for command in commands:
        values = dict(command.values)
        arguments = text(command.arguments, language, **values) if command.arguments else ""
        description = text(command.description, language, **values)
        lines.append(
            text(
                "help.command",
                language,
                command=command.name,
                arguments=escape(arguments),
                description=escape(description),
            )
        )
    return "\n".join(lines)


# ---- moderators --------------------------------------------------------------------------------


def target_text(target: Target, language: str) -> str:
    return text(f"target.{target.kind}", language, ident=target.ident)


def _values(correction: Correction, values: tuple[str, ...], language: str, who_is: WhoIs) -> str:
    if correction.action in ("hide", "unhide"):
        return ", ".join(text(f"state.{value}", language) for value in values)
    if correction.action == "speaker":
        return ", ".join(speaker_name(who_is(value), language) for value in values)
    return ", ".join(values) or text("outlet.none", language)


def change_text(correction: Correction, language: str, who_is: WhoIs) -> str:
    """What a correction did, in words, HTML-safe: "masquer la déclaration 6 (visible → masquée)"."""
    return text(
        "change",
        language,
        action=text(f"action.{correction.action}", language),
        target=escape(target_text(correction.target, language)),
        before=escape(_values(correction, correction.before, language, who_is)),
        after=escape(_values(correction, correction.after, language, who_is)),
    )


def _quoted(words: str, language: str) -> str:
    return text("quote", language, text=escape(shorten(words, CORRECTED_WORDS_CHARS))) if words.strip() else ""


def correction_text(correction: Correction, language: str, who_is: WhoIs) -> str:
    """The reply to a correction: what changed, then the words concerned (a wrong id is seen at once)."""
    words = _quoted(correction.words, language)
    done = text("done", language, change=change_text(correction, language, who_is))
    return done + (f"\n{words}" if words else "")


def audit_text(entries: Sequence[AuditEntry], language: str, who_is: WhoIs) -> str:
    lines = []
    for entry in entries:
        line = text(
            "audit.line",
            language,
            when=escape(reader_date(entry.created_at, language)),
            moderator=entry.moderator,
            change=change_text(entry.correction, language, who_is),
        )
        words = _quoted(entry.correction.words, language)
        line += f" · {words}" if words else ""
        if entry.undo:
            line += " · " + text("audit.undo", language, command=escape(entry.undo))
        lines.append(line)
    return text("audit", language, items=bullet_list(lines))


def uploaded_text(file: str, quotations: Sequence[StoredQuotation], language: str, who_is: WhoIs) -> str:
    """An upload's quotations with who the engine thinks spoke, and the ids moderators' commands take."""
    message = plural(
        "file.ingested",
        language,
        len(quotations),
        file=escape(file),
        items=quotation_lines(quotations, language, who_is),
    )
    return fit(message + (text("file.ids", language) if quotations else ""))


def quotation_lines(quotations: Sequence[StoredQuotation], language: str, who_is: WhoIs) -> str:
    """Each quotation with its id and who the engine thinks spoke, as a list."""
    lines = [
        text(
            "file.quotation",
            language,
            target=escape(q.target),
            speaker=escape(speaker_name(who_is(q.speaker), language)),
            text=escape(shorten(q.text, UPLOADED_QUOTE_CHARS)),
        )
        for q in quotations
    ]
    return bullet_list(lines)


def page_text(added: AddedPage, language: str, who_is: WhoIs) -> str:
    """A page added (or found already indexed): its title, outlet, date and address, then its quotations with
    their ids."""
    row = added.article
    article = text(
        "page.article",
        language,
        title=escape(shorten(row.title, PAGE_TITLE_CHARS)),
        outlet=escape(row.outlet) if row.outlet else text("outlet.none", language),
        date=escape(reader_date(row.published, language)),
        url=escape(row.url or ""),
    ).rstrip()
    message = plural(
        "page.already" if added.already else "page.added",
        language,
        len(added.quotations),
        file=escape(row.file),
        article=article,
        items=quotation_lines(added.quotations, language, who_is),
    )
    return fit(message.rstrip() + (text("file.ids", language) if added.quotations else ""))


def fetch_failure(failed: FetchFailed, language: str, max_bytes: int) -> str:
    """Why a URL could not be read, in a language: the `fetch.reason.*` words with what they mention."""
    return text(
        f"fetch.reason.{failed.reason}",
        language,
        status=failed.status or "?",
        detail=escape(failed.detail or "?"),
        limit=max(1, round(max_bytes / 1024 / 1024)),
    )


def articles_text(rows: Sequence[ArticleRow], language: str) -> str:
    lines = [
        text(
            "articles.line",
            language,
            id=row.id,
            file=escape(row.file),
            outlet=escape(row.outlet) if row.outlet else text("outlet.none", language),
            date=escape(reader_date(row.published, language)),
            title=escape(shorten(row.title, LISTED_TITLE_CHARS)),
        )
        for row in rows
    ]
    return text("articles", language, items=bullet_list(lines))


def sources_text(rows: Sequence[OutletCount], language: str) -> str:
    lines = [
        plural(
            "sources.line",
            language,
            row.statements,
            outlet=escape(row.outlet) if row.outlet else unknown_outlet(row.title, language),
        )
        for row in rows
    ]
    return text("sources", language, items=bullet_list(lines))


# ---- follows and alerts --------------------------------------------------------------------------


def follow_what(follow: Follow, shown: str, language: str, who_is: WhoIs) -> str:
    """What a follow is about, HTML-safe: "déclarations de X", "déclarations contenant « gaz »"."""
    if follow.kind == SPEAKER:
        return text("follow.what.speaker", language, who=escape(speaker_name(who_is(follow.value), language)))
    return text("follow.what.words", language, words=escape(shown))


def unfollow_command(follow: Follow, shown: str, language: str, who_is: WhoIs) -> str:
    """The /unfollow line that ends this follow."""
    if follow.kind == SPEAKER:
        principal = who_is(follow.value).principal
        return f"/unfollow {principal.command(language) if principal else follow.value}"
    return "/unfollow " + text("quote", language, text=shown)


def following_text(rows: Sequence[FollowRow], language: str, who_is: WhoIs, per_hour: int, example: str) -> str:
    if not rows:
        return text("following.empty", language, example=escape(example))
    lines = [
        text(
            "following.line",
            language,
            what=follow_what(row.follow, row.shown, language, who_is),
            unfollow=escape(unfollow_command(row.follow, row.shown, language, who_is)),
        )
        for row in rows
    ]
    return text("following", language, items=bullet_list(lines), limit=per_hour)


def alert_text(statement: StatementView, follow: Follow, shown: str, language: str, who_is: WhoIs) -> str:
    """A new statement's card, saying which follow brought it."""
    card = answer_text(Card(statement), 0, 1, language, who_is, moderator=False)
    return fit(text("alert", language, what=follow_what(follow, shown, language, who_is), card=card))


def digest_text(statements: Sequence[StatementView], language: str, who_is: WhoIs) -> str:
    """Several new statements in one message: who, the words (cut), and an outlet that carried them."""
    lines = [
        text(
            "digest.line",
            language,
            speaker=escape(speaker_name(who_is(s.speaker), language)),
            text=escape(shorten(s.text, DIGEST_QUOTE_CHARS)),
            outlet=outlet_html(s.variants[0], language),
        )
        for s in statements
    ]
    return fit(text("digest", language, count=len(statements), items=bullet_list(lines)))


# ---- feeds -----------------------------------------------------------------------------------------


def _moment(timestamp: float, language: str) -> str:
    return reader_date(datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M"), language)


def feed_failure(state: FeedState, language: str, max_bytes: int) -> str:
    """Why a feed's last round failed, in a language."""
    if state.last_error not in REASONS:  # the feed's bytes were no feed
        return text("feed.reason.unreadable", language)
    detail = state.last_error_detail or ""
    failed = FetchFailed(state.last_error, state.url, status=state.last_error_status, detail=detail)
    return fetch_failure(failed, language, max_bytes)


def _feed_outlet(status: FeedStatus, language: str) -> str:
    return escape(status.feed.outlet) if status.feed.outlet else text("feeds.no_outlet", language)


def feeds_text(statuses: Sequence[FeedStatus], language: str, minutes: int, max_bytes: int) -> str:
    """Every feed with its last success and its last error (current, or since recovered)."""
    if not statuses:
        return text("feeds.empty", language)
    lines = []
    for status in statuses:
        state = status.state
        error = ""
        if state.last_error_at is not None:
            key = "feeds.error" if state.failing else "feeds.past_error"
            error = text(
                key, language, when=escape(_moment(state.last_error_at, language)),
                reason=feed_failure(state, language, max_bytes),
            )  # fmt: skip
        success = _moment(state.last_success, language) if state.last_success else text("feeds.never", language)
        lines.append(
            text(
                "feeds.line",
                language,
                outlet=_feed_outlet(status, language),
                url=escape(status.feed.url),
                success=escape(success),
                error=error,
            )
        )
    return text("feeds", language, minutes=minutes, items=bullet_list(lines))


def feed_failed_text(status: FeedStatus, language: str, max_bytes: int) -> str:
    """What moderators are told, once, of a feed that started failing."""
    return text(
        "feed.failed",
        language,
        outlet=_feed_outlet(status, language),
        url=escape(status.feed.url),
        reason=feed_failure(status.state, language, max_bytes),
    )
