"""What moderators (ADMIN_IDS) can do: upload an article, add a page by its link, rebuild, hide, correct a
speaker or an outlet, list the articles and the audit log. Anyone else is refused and nothing changes."""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.core.webpage import is_page
from bot.library import MAX_UPLOAD_BYTES, AddedPage, Correction, FetchFailed, PageRefused, RebuildRunning, UploadRefused
from bot.telegram import follows, render
from bot.telegram.common import Handler, is_moderator, language, library, reply, speaker_choices
from bot.telegram.messages import text
from bot.telegram.render import escape

log = logging.getLogger(__name__)

_LINK = re.compile(r"\s*(https?://\S+)\s*", re.I)
PROGRESS_EVERY_SECONDS = 1.0
AUDIT_ENTRIES = 20
STORE_ERROR_CHARS = 200


def moderators_only(handler: Handler) -> Handler:
    """Refuse, and change nothing, for anyone not in ADMIN_IDS."""

    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not is_moderator(update, context):
            user = update.effective_user
            log.info("refused %s to user %s", handler.__name__, user.id if user else "?")
            await reply(update, text("moderators_only", language(update)))
            return
        assert update.effective_user is not None  # a moderator's update has a user
        try:
            await library(context).remember_language(update.effective_user.id, language(update))  # for reports
            await handler(update, context)
        except (sqlite3.Error, OSError) as error:
            log.warning("write failed in %s: %s", handler.__name__, error)
            reason = getattr(error, "strerror", None) or str(error)
            await reply(update, text("store_error", language(update), reason=escape(reason[:STORE_ERROR_CHARS])))

    guarded.__name__ = handler.__name__
    return guarded


def _moderator(update: Update) -> int:
    assert update.effective_user is not None  # moderators_only let the update through: it has a user
    return update.effective_user.id


@moderators_only
async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    message = update.effective_message
    assert message is not None and message.document is not None
    doc = message.document
    if is_page(doc.file_name or ""):
        await _page_document(update, context)
        return
    try:
        if not (doc.file_name or "").lower().endswith(".txt"):
            raise UploadRefused("not_txt")
        if doc.file_size and doc.file_size > MAX_UPLOAD_BYTES:
            raise UploadRefused("too_big")
        telegram_file = await doc.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
        file, quotations = await lib.upload(doc.file_name, data, message.caption)
    except UploadRefused as refused:
        reason = text(f"file.reason.{refused.reason}", lang, limit=MAX_UPLOAD_BYTES // 1024)
        await reply(update, text("file.refused", lang, reason=reason))
        return
    follows.alerts_owed(context.application)
    await reply(update, render.uploaded_text(file, quotations, lang, lib.who))


async def _page_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An .html file: the page, kept and indexed (its caption, outlet | url | date, wins over the page)."""
    lib = library(context)
    message = update.effective_message
    assert message is not None and message.document is not None
    doc = message.document
    limit = lib.settings.fetch_max_bytes
    if doc.file_size and doc.file_size > limit:
        await _page_refused(update, FetchFailed("too_big", doc.file_name or ""), limit)
        return
    data = bytes(await (await doc.get_file()).download_as_bytearray())
    await _page_reply(update, context, lambda: lib.upload_page(doc.file_name, data, message.caption))


def link_in(message: str) -> str | None:
    """The URL when a message is a link and nothing else (what a moderator sends to add a page)."""
    match = _LINK.fullmatch(message)
    return match.group(1) if match else None


@moderators_only
async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/add URL...: each page fetched, kept and indexed, one reply each."""
    urls = context.args or []
    if not urls:
        await reply(update, text("usage.add", language(update)))
        return
    for url in urls:
        await add_link(update, context, url)


@moderators_only
async def link_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A moderator's private message that is a link: its page added, or why not."""
    message = update.effective_message
    link = link_in(message.text or "") if message else None
    if link is not None:
        await add_link(update, context, link)


async def add_link(update: Update, context: ContextTypes.DEFAULT_TYPE, url: str) -> None:
    lib = library(context)
    await _page_reply(update, context, lambda: lib.add_page(url))


async def _page_reply(
    update: Update, context: ContextTypes.DEFAULT_TYPE, adding: Callable[[], Awaitable[AddedPage]]
) -> None:
    lang = language(update)
    lib = library(context)
    try:
        added = await adding()
    except FetchFailed as failed:
        await _page_refused(update, failed, lib.settings.fetch_max_bytes)
        return
    except (PageRefused, UploadRefused) as refused:
        kind = "page" if isinstance(refused, PageRefused) else "file"
        reason = text(f"{kind}.reason.{refused.reason}", lang, limit=MAX_UPLOAD_BYTES // 1024)
        await reply(update, text("page.refused", lang, reason=reason))
        return
    if not added.already:
        follows.alerts_owed(context.application)
    await reply(update, render.page_text(added, lang, lib.who))


async def _page_refused(update: Update, failed: FetchFailed, max_bytes: int) -> None:
    lang = language(update)
    log.info("page refused: %s", failed)
    await reply(update, text("page.refused", lang, reason=render.fetch_failure(failed, lang, max_bytes)))


@moderators_only
async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    if lib.rebuilding:
        await reply(update, text("reindex.busy", lang))
        return
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

    try:
        summary = await lib.rebuild(progress)
    except RebuildRunning:
        await _edit_quietly(status, text("reindex.busy", lang))
        return
    done = text(
        "reindex.done", lang, articles=summary.articles, quotations=summary.quotations, statements=summary.statements
    )
    await _edit_quietly(status, done)


async def _edit_quietly(message: Message, new_text: str) -> None:
    try:
        await message.edit_text(new_text)
    except BadRequest as error:
        log.debug("progress edit refused: %s", error)


async def _correction_reply(
    update: Update, context: ContextTypes.DEFAULT_TYPE, correction: Correction | None, target: str
) -> None:
    lang = language(update)
    if correction is None:
        await reply(update, text("not_found", lang, target=escape(target)))
        return
    await reply(update, render.correction_text(correction, lang, library(context).who))


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
    correction = await library(context).set_hidden(_moderator(update), args[0], hidden)
    await _correction_reply(update, context, correction, args[0])


@moderators_only
async def speaker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    lang = language(update)
    lib = library(context)
    who = lib.speaker_argument(args[1:]) if len(args) >= 2 else None
    if who is None:
        arguments = text("arguments.speaker", lang, choices=speaker_choices(lib.registry, lang))
        await reply(update, text("usage.speaker", lang, arguments=escape(arguments)))
        return
    correction = await lib.set_speaker(_moderator(update), args[0], who)
    await _correction_reply(update, context, correction, args[0])


@moderators_only
async def outlet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = context.args or []
    if len(args) < 2:
        await reply(update, text("usage.outlet", language(update)))
        return
    correction = await library(context).set_outlet(_moderator(update), args[0], " ".join(args[1:]))
    await _correction_reply(update, context, correction, args[0])


@moderators_only
async def articles(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render.articles_text(await library(context).articles(), language(update)))


@moderators_only
async def audit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    entries = await lib.audit(AUDIT_ENTRIES)
    if not entries:
        await reply(update, text("audit.empty", lang))
        return
    await reply(update, render.audit_text(entries, lang, lib.who))
