"""Feeds in the bot: the round on the job queue, moderators told once of a feed that starts failing, /feeds."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.core.feeds import FeedsError
from bot.telegram import follows, render
from bot.telegram.common import language, library, reply
from bot.telegram.messages import FRENCH, text
from bot.telegram.moderation import moderators_only
from bot.telegram.render import escape

log = logging.getLogger(__name__)

FIRST_ROUND_SECONDS = 60.0  # after a start, at the latest (the bot answers first)


@moderators_only
async def feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = language(update)
    lib = library(context)
    try:
        statuses = await lib.feed_statuses()
    except FeedsError as error:
        await reply(update, text("feeds.bad_file", lang, error=escape(str(error))))
        return
    minutes = max(1, round(lib.settings.feeds_interval / 60))
    await reply(update, render.feeds_text(statuses, lang, minutes, lib.settings.fetch_max_bytes))


async def poll(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A repeating job: one round over the feeds; what it added is owed to followers, and each feed that
    started failing is told to every moderator, once."""
    lib = library(context)
    try:
        summary = await lib.poll_feeds()
    except FeedsError as error:
        log.error("feeds not polled: %s", error)
        return
    if summary.added:
        follows.alerts_owed(context.application)
    languages = await lib.moderator_languages() if summary.to_report else {}
    for status in summary.to_report:
        for moderator in sorted(lib.settings.admin_ids):
            lang = languages.get(moderator, FRENCH)
            try:
                await context.bot.send_message(
                    moderator, render.feed_failed_text(status, lang, lib.settings.fetch_max_bytes)
                )
            except TelegramError as error:
                log.warning("could not tell moderator %s that feed %s fails: %s", moderator, status.feed.url, error)


def schedule(application: Application, interval: float) -> None:
    """A round every `interval` seconds, the first soon after the start."""
    if application.job_queue is None:
        log.warning("no job queue (install python-telegram-bot[job-queue]): feeds are not polled")
        return
    application.job_queue.run_repeating(poll, interval=interval, first=min(interval, FIRST_ROUND_SECONDS))
