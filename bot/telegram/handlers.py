"""Telegram handlers: parse the update, call the library, render the reply. Nothing else."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import library
from bot.config import Settings
from bot.core.extract import Extractor
from bot.core.search import Verdict
from bot.library import Result, Searcher, UploadRefused
from bot.store import Store
from bot.telegram import render
from bot.telegram.messages import language_of, text
from bot.telegram.render import escape

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 400
RESULTS = 10
REMEMBERED_SEARCHES = 2000
PROGRESS_EVERY_SECONDS = 1.0
CORRECTED_WORDS_SHOWN = 120  # characters of the words a correction changed, quoted in the reply


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


@dataclass
class Search:
    results: list[Result]
    language: str


@dataclass
class Services:
    """What the handlers need, built once at start (see `bot.telegram.app`)."""

    settings: Settings
    reader: Store
    writer: Store
    searcher: Searcher
    extractor: Extractor
    limiter: QueryLimiter
    searches: OrderedDict[tuple[int, int], Search] = field(default_factory=OrderedDict)
    reindexing: bool = False

    def remember(self, chat_id: int, message_id: int, search: Search) -> None:
        self.searches[(chat_id, message_id)] = search
        while len(self.searches) > REMEMBERED_SEARCHES:
            self.searches.popitem(last=False)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]


def language(update: Update) -> str:
    user = update.effective_user
    return language_of(user.language_code if user else None)


def is_moderator(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and user.id in services(context).settings.admin_ids


async def reply(update: Update, message: str, **kwargs: Any) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(
            render.fit(message), parse_mode=ParseMode.HTML, disable_web_page_preview=True, **kwargs
        )


# ---- users ---------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    message = text("start", lang, username=escape(context.bot.username or "quotebot"))
    if services(context).searcher.by_meaning:
        message += text("meaning_help", lang)
    if is_moderator(update, context):
        message += text("moderator_help", lang)
    await reply(update, message)


def _addressed_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The query in a message, or None when the bot is not addressed (in a group)."""
    message = update.effective_message
    if message is None or message.text is None:
        return None
    body = message.text
    if update.effective_chat and update.effective_chat.type != ChatType.PRIVATE:
        mention = f"@{context.bot.username}"
        replied = (
            message.reply_to_message is not None
            and message.reply_to_message.from_user is not None
            and (message.reply_to_message.from_user.id == context.bot.id)
        )
        if mention.lower() not in body.lower() and not replied:
            return None
        body = body.replace(mention, " ").replace(mention.lower(), " ")
    return body


async def text_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    body = _addressed_text(update, context)
    if body is None:
        return
    await answer_query(update, context, body, speaker=None)


async def answer_query(update: Update, context: ContextTypes.DEFAULT_TYPE, body: str, speaker: str | None) -> None:
    lang = language(update)
    query = " ".join(body.split())
    if not query:
        await reply(update, text("empty_query", lang))
        return
    if len(query) > MAX_QUERY_CHARS:
        await reply(update, text("too_long", lang, length=len(query), limit=MAX_QUERY_CHARS))
        return
    user = update.effective_user
    wait = services(context).limiter.wait_seconds(user.id) if user else 0
    if wait:
        await reply(update, text("slow_down", lang, seconds=wait))
        return
    answer = await services(context).searcher.ask(query, speaker=speaker, limit=RESULTS)
    if answer.parsed.empty and answer.parsed.speaker is not None and speaker is None:
        # only a name ("Kim", "Poutine"): a statement of theirs, as /kim does, and how to search
        name = escape(render.speaker_name(answer.parsed.speaker, lang))
        await reply(update, text("name_only", lang, speaker=name))
        await random_statement(update, context, answer.parsed.speaker)
        return
    confident = [r for r in answer.results if r.confident]
    if not confident:
        await reply(update, text("no_answer", lang, query=escape(render.shorten(query, 200))))
        return
    await send_result(update, context, Search(confident, lang), 0)


async def send_result(update: Update, context: ContextTypes.DEFAULT_TYPE, search: Search, position: int) -> None:
    message = update.effective_message
    if message is None:
        return
    sent = await message.reply_text(
        render.answer_text(search.results[position], position, len(search.results), search.language),
        parse_mode=ParseMode.HTML,
        disable_web_page_preview=True,
        reply_markup=render.answer_keyboard(position, len(search.results), search.language),
    )
    services(context).remember(sent.chat_id, sent.message_id, search)


async def speaker_command(update: Update, context: ContextTypes.DEFAULT_TYPE, speaker: str) -> None:
    words = " ".join(context.args or [])
    if words.strip():
        await answer_query(update, context, words, speaker=speaker)
        return
    await random_statement(update, context, speaker)


async def random_statement(update: Update, context: ContextTypes.DEFAULT_TYPE, speaker: str) -> None:
    lang = language(update)
    svc = services(context)
    statement_id = await svc.reader.random_statement(speaker)
    views = await svc.reader.statements([statement_id]) if statement_id else []
    if not views:
        await reply(update, text("no_statements", lang, speaker=escape(render.speaker_name(speaker, lang))))
        return
    await send_result(update, context, Search([Result(views[0], Verdict(100, True, by_meaning=False), 0)], lang), 0)


async def putin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await speaker_command(update, context, "putin")


async def kim(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await speaker_command(update, context, "kim")


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    rows = await services(context).reader.outlets(["putin", "kim"])
    lines = [
        f"{outlet or text('unknown_outlet', lang, title=render.shorten(title, 50))} — {count}"
        for outlet, title, count in rows
    ]
    await reply(update, text("sources", lang, items=render.bullet_list(lines)))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = language(update)
    parsed = render.parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None  # an old message may be inaccessible
    search = None
    if parsed is not None and message is not None:
        search = services(context).searches.get((message.chat.id, message.message_id))
    if parsed is None or search is None or message is None or not 0 <= parsed[1] < len(search.results):
        await query.answer(text("expired", lang), show_alert=False)
        return
    action, position = parsed
    await query.answer()
    if action == "wd":
        await message.reply_text(
            render.wordings_text(search.results[position], search.language),
            parse_mode=ParseMode.HTML,
            disable_web_page_preview=True,
        )
        return
    try:
        await query.edit_message_text(
            render.answer_text(search.results[position], position, len(search.results), search.language),
            parse_mode=ParseMode.HTML,
            disable_web_page_preview=True,
            reply_markup=render.answer_keyboard(position, len(search.results), search.language),
        )
    except BadRequest as error:  # "message is not modified" after a double tap
        log.debug("edit refused: %s", error)


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    lang = language_of(query.from_user.language_code if query.from_user else None)
    words = " ".join(query.query.split())[:MAX_QUERY_CHARS]
    results: list[Result] = []
    if words and query.offset in ("", "0"):  # one page of up to 50; any other offset is the end
        answer = await services(context).searcher.ask(words, limit=render.INLINE_LIMIT)
        results = [r for r in answer.results if r.confident]
    await query.answer(render.inline_results(results, lang), cache_time=30, is_personal=False, next_offset="")


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, text("unknown_command", language(update)))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        await reply(update, text("not_text", language(update)))


# ---- moderators ------------------------------------------------------------------------------------


Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def moderators_only(handler: Handler) -> Handler:
    """Refuse, and change nothing, for anyone not in ADMIN_IDS."""

    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not is_moderator(update, context):
            user = update.effective_user
            log.info("refused %s to user %s", handler.__name__, user.id if user else "?")
            await reply(update, text("moderators_only", language(update)))
            return
        try:
            await handler(update, context)
        except (sqlite3.Error, OSError) as error:
            log.warning("write failed in %s: %s", handler.__name__, error)
            reason = getattr(error, "strerror", None) or str(error)
            await reply(update, text("store_error", language(update), reason=escape(reason[:200])))

    guarded.__name__ = handler.__name__
    return guarded


@moderators_only
async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    message = update.effective_message
    assert message is not None and message.document is not None
    doc = message.document
    svc = services(context)
    try:
        if not (doc.file_name or "").lower().endswith(".txt"):
            raise UploadRefused("not_txt")
        if doc.file_size and doc.file_size > library.MAX_UPLOAD_BYTES:
            raise UploadRefused("too_big")
        telegram_file = await doc.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
        file, quotations = await library.ingest_upload(
            svc.writer,
            svc.settings.data_dir,
            doc.file_name,
            data,
            message.caption,
            svc.extractor,
            svc.searcher.embedder,
        )
    except UploadRefused as refused:
        reason = text(f"file.reason.{refused.reason}", lang, limit=library.MAX_UPLOAD_BYTES // 1024)
        await reply(update, text("file.refused", lang, reason=reason))
        return
    svc.searcher.forget_index()
    # the ids /hide and /speaker take: a statement's, else the quotation's own (never a local number)
    lines = [f"{q.target} {q.speaker}: « {render.shorten(q.text, 120)} »" for q in quotations]
    await reply(
        update, text("file.ingested", lang, file=escape(file), count=len(quotations), items=render.bullet_list(lines))
    )


@moderators_only
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    svc = services(context)
    if svc.reindexing:
        await reply(update, text("reindex.busy", lang))
        return
    svc.reindexing = True
    try:
        assert update.effective_message is not None
        status = await update.effective_message.reply_text(text("reindex.started", lang))
        last = [0.0]

        def progress(done: int, total: int, name: str) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_EVERY_SECONDS or done == total:
                last[0] = now
                context.application.create_task(
                    _edit_quietly(status, text("reindex.progress", lang, done=done, total=total))
                )

        summary = await library.index_directory(
            svc.writer,
            svc.settings.data_dir,
            svc.extractor,
            progress,
            force=True,
            rebuild=True,
            embedder=svc.searcher.embedder,
        )
        svc.searcher.forget_index()
        await _edit_quietly(
            status,
            text(
                "reindex.done",
                lang,
                articles=summary.articles,
                quotations=summary.quotations,
                statements=summary.statements,
            ),
        )
    finally:
        svc.reindexing = False


async def _edit_quietly(message: Message, new_text: str) -> None:
    try:
        await message.edit_text(new_text)
    except BadRequest as error:
        log.debug("progress edit refused: %s", error)


async def _correction_reply(update: Update, action: str, correction: library.Correction | None, target: str) -> None:
    lang = language(update)
    if correction is None:
        await reply(update, text("not_found", lang, target=escape(target)))
        return
    await reply(
        update,
        text(
            "done",
            lang,
            action=action,
            target=escape(correction.target),
            before=escape(correction.before),
            after=escape(correction.after),
            words=escape(render.shorten(correction.words, CORRECTED_WORDS_SHOWN)),
        ),
    )


@moderators_only
async def hide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_hidden(update, context, hidden=True)


@moderators_only
async def unhide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_hidden(update, context, hidden=False)


async def _set_hidden(update: Update, context: ContextTypes.DEFAULT_TYPE, hidden: bool) -> None:
    args = context.args or []
    if len(args) != 1:
        await reply(update, text("usage.hide" if hidden else "usage.unhide", language(update)))
        return
    svc = services(context)
    assert update.effective_user is not None
    correction = await library.set_hidden(svc.writer, update.effective_user.id, args[0], hidden)
    await _correction_reply(update, "hide" if hidden else "unhide", correction, args[0])


@moderators_only
async def speaker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    lang = language(update)
    valid = (len(args) == 2 and args[1] in ("putin", "kim")) or (len(args) >= 3 and args[1] == "other")
    if not valid:
        await reply(update, text("usage.speaker", lang))
        return
    who = args[1] if args[1] != "other" else "other:" + " ".join(args[2:])[:80]
    svc = services(context)
    assert update.effective_user is not None
    correction = await library.set_speaker(
        svc.writer, svc.settings.data_dir, update.effective_user.id, args[0], who, svc.extractor, svc.searcher.embedder
    )
    svc.searcher.forget_index()
    await _correction_reply(update, "speaker", correction, args[0])


@moderators_only
async def outlet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    if len(args) < 2:
        await reply(update, text("usage.outlet", language(update)))
        return
    svc = services(context)
    assert update.effective_user is not None
    correction = await library.set_outlet(svc.writer, update.effective_user.id, args[0], " ".join(args[1:])[:80])
    await _correction_reply(update, "outlet", correction, args[0])


@moderators_only
async def articles(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    rows = await services(context).reader.articles()
    lines = [
        f"{i} · {file} · {outlet or '?'} · {published or '?'} · {render.shorten(title, 60)}"
        for i, file, title, outlet, published in rows
    ]
    await reply(update, text("articles", lang, items=render.bullet_list(lines)))


@moderators_only
async def audit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    rows = await services(context).reader.audit(20)
    if not rows:
        await reply(update, text("audit.empty", lang))
        return
    lines = []
    for when, who, action, target, before, after in rows:
        undo = library.undo_command(action, target, before)
        how = f" · {text('audit.undo', lang, command=undo)}" if undo else ""
        lines.append(f"{when} · {who} · {action} {target}: {before} → {after}{how}")
    await reply(update, text("audit", lang, items=render.bullet_list(lines)))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("update failed: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, text("error", language(update)))
        except Exception:
            log.warning("could not send the error reply")
