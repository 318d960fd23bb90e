"""Follows and alerts: /follow, /unfollow, /following, and the jobs that send what chats are owed.

A chat follows (a private chat, or a group where someone asked); what it is owed comes as a card while it
has room in its hour, the rest in one digest. A private chat whose user blocked the bot (403) ends its
follows; a group that refuses the bot only loses the alerts it refused.
"""

from __future__ import annotations

import logging
from functools import partial

from telegram import Bot, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.library import (
    ALL_WORDS,
    BLOCKED,
    DROPPED,
    FAILED,
    MAX_FOLLOW_CHARS,
    MAX_FOLLOWS,
    SENT,
    Delivery,
    FollowRefused,
    Library,
)
from bot.telegram import render
from bot.telegram.common import language, library, reply
from bot.telegram.messages import text

log = logging.getLogger(__name__)


def principal_choices(lib: Library, lang: str) -> str:
    return "|".join(p.command(lang) for p in lib.principals)


def _argument(update: Update) -> str:
    """What follows the command word, quotation marks kept (context.args splits them apart)."""
    message = update.effective_message
    body = message.text if message is not None and message.text else ""
    parts = body.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _chat(update: Update) -> tuple[int, bool]:
    """The chat's id, and whether it is a private chat with the user who wrote."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    return chat.id, chat.type == ChatType.PRIVATE and user is not None and user.id == chat.id


async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    chat_id, private = _chat(update)
    try:
        target = lib.follow_target(_argument(update))
        if target is None:
            await reply(update, text("usage.follow", lang, principals=principal_choices(lib, lang)))
            return
        added = await lib.follow(chat_id, private, lang, target)
    except FollowRefused as refused:
        await _refused(update, refused)
        return
    what = render.follow_what(target.follow, target.shown, lang, lib.who)
    await reply(update, text("follow.added" if added else "follow.already", lang, what=what))


async def _refused(update: Update, refused: FollowRefused) -> None:
    limit = MAX_FOLLOWS if refused.reason == "too_many" else MAX_FOLLOW_CHARS
    await reply(update, text(f"follow.refused.{refused.reason}", language(update), limit=limit))


async def unfollow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    argument = _argument(update)
    chat_id, _ = _chat(update)
    if argument.strip().lower() in ALL_WORDS:
        count = await lib.unfollow(chat_id, None)
        await reply(update, text("unfollow.all", lang, count=count))
        return
    try:
        target = lib.follow_target(argument)
    except FollowRefused as refused:
        await _refused(update, refused)
        return
    if target is None:
        await reply(update, text("usage.unfollow", lang, principals=principal_choices(lib, lang)))
        return
    ended = await lib.unfollow(chat_id, target)
    what = render.follow_what(target.follow, target.shown, lang, lib.who)
    await reply(update, text("unfollow.one" if ended else "unfollow.none", lang, what=what))


async def following(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    chat_id, _ = _chat(update)
    rows = await lib.following(chat_id)
    example = lib.principals[0].command(lang) if lib.principals else ""
    await reply(update, render.following_text(rows, lang, lib.who, lib.settings.alerts_per_hour, example))


OWED_CHECK_SECONDS = 60.0

# ---- sending alerts --------------------------------------------------------------------------------


async def _send(bot: Bot, lib: Library, delivery: Delivery) -> str:
    """One delivery sent; what came of it, for the library to record."""
    lang = delivery.language
    if delivery.digest:
        message = render.digest_text(delivery.statements, lang, lib.who)
    else:
        follow_of = delivery.follows[0]
        shown = await _shown(lib, delivery.chat_id, follow_of.kind, follow_of.value)
        message = render.alert_text(delivery.statements[0], follow_of, shown, lang, lib.who)
    try:
        await bot.send_message(delivery.chat_id, message)
    except Forbidden as error:
        log.info("chat %s refuses alerts: %s", delivery.chat_id, error)
        return BLOCKED
    except BadRequest as error:
        log.warning("Telegram refused an alert to chat %s: %s", delivery.chat_id, error)
        return DROPPED
    except TelegramError as error:
        log.warning("could not send an alert to chat %s (sent again later): %s", delivery.chat_id, error)
        return FAILED
    return SENT


async def _shown(lib: Library, chat_id: int, kind: str, value: str) -> str:
    """The words of a chat's follow as its user wrote them (the folded ones once the follow is gone)."""
    return next((row.shown for row in await lib.following(chat_id) if (row.kind, row.value) == (kind, value)), value)


async def send_alerts(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A job: the cards chats are owed and have room for in their hour."""
    lib = library(context)
    await lib.deliver_alerts(partial(_send, context.bot, lib))


async def send_digests(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A repeating job: whatever chats are still owed, beyond their hourly cards, in one digest each."""
    lib = library(context)
    await lib.deliver_alerts(partial(_send, context.bot, lib), digest=True)


def alerts_owed(application: Application) -> None:
    """Send what is owed now (after something added statements), without keeping the caller waiting."""
    if application.job_queue is not None:
        application.job_queue.run_once(send_alerts, 0)


def schedule(application: Application, digest_interval: float) -> None:
    """The alert jobs: what was owed before a restart at once, what is owed since every minute, then digests at
    their interval."""
    if application.job_queue is None:
        log.warning("no job queue (install python-telegram-bot[job-queue]): alerts are not sent")
        return
    application.job_queue.run_once(send_alerts, 0)
    # what another process owed (quotebot add, feeds --once from cron) goes out as cards within a minute
    application.job_queue.run_repeating(send_alerts, interval=OWED_CHECK_SECONDS, first=OWED_CHECK_SECONDS)
    application.job_queue.run_repeating(send_digests, interval=digest_interval, first=digest_interval)
