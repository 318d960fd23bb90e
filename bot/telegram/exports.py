"""/timeline (anyone: a picture) and /export (moderators: a CSV or JSON-lines file).

Both take the same options as words: a speaker (registry id or name), "since/depuis DATE", "until/jusqu'au
DATE"; /export also "csv" or "jsonl". Parse, call the library, render; the drawing runs in a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from telegram import Update
from telegram.constants import FileSizeLimit, MessageLimit, ParseMode
from telegram.ext import ContextTypes

from bot import library as quotes
from bot.core.registry import Speaker, SpeakerRegistry
from bot.core.timeline import Picture
from bot.library import DateError, Period, reader_date
from bot.telegram import render
from bot.telegram.common import language, library, reply
from bot.telegram.messages import text
from bot.telegram.moderation import moderators_only
from bot.telegram.render import escape

# Telegram's limits for a photo (the Bot API's sendPhoto): its file size is in telegram.constants, its
# dimensions are not.
PHOTO_MAX_SIDES_PX = 10_000  # width + height
PHOTO_MAX_RATIO = 20
SINCE_WORDS = frozenset({"since", "from", "depuis", "du", "dès"})
UNTIL_WORDS = frozenset({"until", "to", "jusqu'au", "jusqu’au", "au"})


class _Refused(Exception):
    """Words that cannot be read: the reply (already in the user's language) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _Asked:
    speakers: list[Speaker]
    period: Period
    format: str


def _asked(words: Sequence[str], registry: SpeakerRegistry, lang: str, usage: str, formats: bool) -> _Asked:
    """A speaker, a period and (for /export) a format from the words after the command."""
    found: list[Speaker] = []
    bounds: dict[str, str] = {}
    chosen = quotes.FORMATS[0]
    names = "|".join(s.command(lang) for s in registry.principals)
    example = registry.principals[-1].command(lang)
    refused = _Refused(text(usage, lang, speakers=escape(names), example=escape(example)))
    position = 0
    while position < len(words):
        word = words[position].lower()
        if word in SINCE_WORDS | UNTIL_WORDS and position + 1 < len(words):
            bounds["since" if word in SINCE_WORDS else "until"] = words[position + 1]
            position += 2
            continue
        speaker = quotes.find_speaker(registry, word)
        if speaker is not None and not found:
            found.append(speaker)
        elif formats and word in quotes.FORMATS:
            chosen = word
        else:
            raise refused
        position += 1
    try:
        period = Period.typed(bounds.get("since"), bounds.get("until"))
    except DateError:
        value = " → ".join(bounds.values())
        raise _Refused(text("bad_period", lang, value=escape(value))) from None
    return _Asked(found or registry.principals, period, chosen)


def _who(speakers: Sequence[Speaker], lang: str) -> str:
    """ "A, B et C": the speakers as the registry names them in the language."""
    return render.joined([s.display_name(lang) for s in speakers], lang)


def _period(since: date | None, until: date | None, lang: str) -> str:
    """ "du 1er janvier 2024 au 3 septembre 2025", "since 1 January 2024"; "" for all time."""
    if since and until:
        return text("period.from_to", lang, since=reader_date(since, lang), until=reader_date(until, lang))
    if since:
        return text("period.since", lang, since=reader_date(since, lang))
    if until:
        return text("period.until", lang, until=reader_date(until, lang))
    return ""


def photo_fits(picture: Picture) -> bool:
    """Whether Telegram takes the picture as a photo (else it goes as a file)."""
    sides = picture.width + picture.height
    ratio = max(picture.width, picture.height) / min(picture.width, picture.height)
    return (
        len(picture.png) <= FileSizeLimit.PHOTOSIZE_UPLOAD and sides <= PHOTO_MAX_SIDES_PX and ratio <= PHOTO_MAX_RATIO
    )


def _caption(message: str) -> str:
    return render.shorten(message, MessageLimit.CAPTION_LENGTH)


async def _options(update: Update, context: ContextTypes.DEFAULT_TYPE, usage: str, formats: bool) -> _Asked | None:
    """The command's options read from its words, or None once the user has been told how to write them."""
    try:
        return _asked(context.args or [], library(context).registry, language(update), usage, formats)
    except _Refused as refused:
        await reply(update, refused.message)
        return None


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang, lib = language(update), library(context)
    asked = await _options(update, context, "usage.timeline", formats=False)
    if asked is None:
        return
    user = update.effective_user
    wait = lib.wait_before_query(user.id) if user else 0  # a picture costs CPU: it counts as a query
    if wait:
        await reply(update, text("slow_down", lang, seconds=wait))
        return
    who = _who(asked.speakers, lang)
    selection = await lib.timeline(asked.speakers, asked.period, lang)
    undated = len(selection.undated)
    if selection.indexed == 0:
        await reply(update, text("timeline.empty_index", lang, who=escape(who)))
        return
    if not selection.dated:
        period = _period(asked.period.since, asked.period.until, lang) or text("period.any", lang)
        await reply(update, text("timeline.nothing", lang, who=escape(who), period=escape(period), undated=undated))
        return
    first, last = selection.first_day, selection.last_day
    title = text("timeline.title", lang, who=who, first=reader_date(first, lang), last=reader_date(last, lang))
    subtitle = text("timeline.subtitle", lang, count=len(selection.dated), undated=undated)
    picture = await quotes.timeline_picture(selection, title, subtitle, lang)
    caption = text(
        "timeline.caption",
        lang,
        who=escape(who),
        period=escape(_period(first, last, lang)),
        count=len(selection.dated),
        undated=undated,
    )
    message = update.effective_message
    assert message is not None
    if photo_fits(picture):
        await message.reply_photo(picture.png, caption=_caption(caption))
    else:
        await message.reply_document(picture.png, filename="timeline.png", caption=_caption(caption))


@moderators_only
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang, lib = language(update), library(context)
    asked = await _options(update, context, "usage.export", formats=True)
    if asked is None:
        return
    who = escape(_who(asked.speakers, lang))
    period = _period(asked.period.since, asked.period.until, lang)
    period = escape(f" {period}" if period else "")
    found = await lib.export(asked.speakers, asked.period)
    if not found.rows:
        await reply(update, text("export.nothing", lang, who=who, period=period))
        return
    data = quotes.export_bytes(found.rows, asked.format)
    if len(data) > FileSizeLimit.FILESIZE_UPLOAD:
        limit = FileSizeLimit.FILESIZE_UPLOAD // 10**6
        await reply(update, text("export.too_big", lang, size=len(data) // 10**6, limit=limit))
        return
    caption = text(
        "export.caption",
        lang,
        rows=len(found.rows),
        statements=found.statements,
        who=who,
        period=period,
        format=asked.format.upper(),
    )
    message = update.effective_message
    assert message is not None
    await message.reply_document(
        data,
        filename=f"quotebot-{date.today().isoformat()}.{asked.format}",
        caption=_caption(caption),
        parse_mode=ParseMode.HTML,
    )
