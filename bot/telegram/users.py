"""What everyone can do: /start, /help, queries, a principal's command, /sources, the card's buttons."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.library import shorten
from bot.telegram import moderation, render
from bot.telegram.common import (
    Handler,
    Search,
    commands,
    is_moderator,
    language,
    library,
    reply,
    searches,
)
from bot.telegram.messages import text
from bot.telegram.render import Card, escape

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 400
RESULTS = 10
NO_ANSWER_QUERY_CHARS = 200  # of a query quoted back when nothing answers it


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A greeting, who the bot follows, and three queries that find something."""
    lang = language(update)
    lib = library(context)
    user = update.effective_user
    examples = "\n".join(f"• <code>{escape(e)}</code>" for e in text("start.examples", lang).splitlines())
    names = [escape(p.display_name(lang)) for p in lib.principals]
    message = text(
        "start",
        lang,
        first_name=escape(user.first_name if user else ""),
        principals=render.joined(names, lang),
        examples=examples,
    )
    if lib.by_meaning:
        message += text("meaning_help", lang)
    await reply(update, message)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every command; the moderators' part only for a moderator."""
    lang = language(update)
    registry = library(context).registry
    message = text(
        "help",
        lang,
        commands=render.help_lines(commands(registry, lang, moderator=False), lang),
        username=escape(context.bot.username or "quotebot"),
    )
    if library(context).by_meaning:
        message += text("meaning_help", lang)
    if is_moderator(update, context):
        everyone = len(commands(registry, lang, moderator=False))
        moderation = render.help_lines(commands(registry, lang, moderator=True)[everyone:], lang)
        message += text("help.moderation", lang, commands=moderation)
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
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    if private and moderation.link_in(body) is not None and is_moderator(update, context):
        await moderation.link_message(update, context)  # a moderator's link adds its page; anyone else's is words
        return
    await answer_query(update, context, body, speaker=None)


async def answer_query(update: Update, context: ContextTypes.DEFAULT_TYPE, body: str, speaker: str | None) -> None:
    lang = language(update)
    lib = library(context)
    query = " ".join(body.split())
    if not query:
        await reply(update, text("empty_query", lang))
        return
    if len(query) > MAX_QUERY_CHARS:
        await reply(update, text("too_long", lang, length=len(query), limit=MAX_QUERY_CHARS))
        return
    user = update.effective_user
    wait = lib.wait_before_query(user.id) if user else 0
    if wait:
        await reply(update, text("slow_down", lang, seconds=wait))
        return
    answer = await lib.ask(query, speaker=speaker, limit=RESULTS)
    if answer.parsed.empty and answer.parsed.speaker is not None and speaker is None:
        # only a name: a statement of theirs, as their command does, and how to search
        name = escape(render.speaker_name(lib.who(answer.parsed.speaker), lang))
        await reply(update, text("name_only", lang, speaker=name))
        await random_statement(update, context, answer.parsed.speaker)
        return
    confident = [Card(r.statement, r.verdict) for r in answer.results if r.confident]
    if not confident:
        principals = [f"/{p.command(lang)}" for p in lib.principals]
        await reply(
            update,
            text(
                "no_answer",
                lang,
                query=escape(shorten(query, NO_ANSWER_QUERY_CHARS)),
                commands=render.joined(principals, lang, "or"),
            ),
        )
        return
    await send_card(update, context, Search(confident, lang, is_moderator(update, context)), 0)


async def send_card(update: Update, context: ContextTypes.DEFAULT_TYPE, search: Search, position: int) -> None:
    message = update.effective_message
    if message is None:
        return
    card, total = search.cards[position], len(search.cards)
    who_is = library(context).who
    sent = await message.reply_text(
        render.answer_text(card, position, total, search.language, who_is, search.moderator),
        reply_markup=render.answer_keyboard(card, position, total, search.language),
    )
    searches(context).remember(sent.chat_id, sent.message_id, search)


def principal_command(speaker: str) -> Handler:
    """The handler of a principal's command: their words, or one of their statements at random."""

    async def command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        words = " ".join(context.args or [])
        if words.strip():
            await answer_query(update, context, words, speaker=speaker)
            return
        await random_statement(update, context, speaker)

    command.__name__ = f"principal_command_{speaker}"
    return command


async def random_statement(update: Update, context: ContextTypes.DEFAULT_TYPE, speaker: str) -> None:
    lang = language(update)
    lib = library(context)
    statement = await lib.random_statement(speaker)
    if statement is None:
        name = escape(render.speaker_name(lib.who(speaker), lang))
        await reply(update, text("no_statements", lang, speaker=name))
        return
    await send_card(update, context, Search([Card(statement)], lang, is_moderator(update, context)), 0)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, render.sources_text(await library(context).outlets(), language(update)))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    lang = language(update)
    parsed = render.parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None  # an old message may be inaccessible
    search = None
    if parsed is not None and message is not None:
        search = searches(context).get(message.chat.id, message.message_id)
    if parsed is None or search is None or message is None or not 0 <= parsed[1] < len(search.cards):
        await query.answer(text("expired", lang), show_alert=False)
        return
    action, position = parsed
    await query.answer()
    card, total = search.cards[position], len(search.cards)
    if action == "wd":
        await message.reply_text(render.wordings_text(card.statement, search.language))
        return
    try:
        await query.edit_message_text(
            render.answer_text(card, position, total, search.language, library(context).who, search.moderator),
            reply_markup=render.answer_keyboard(card, position, total, search.language),
        )
    except BadRequest as error:  # "message is not modified" after a double tap
        log.debug("edit refused: %s", error)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, text("unknown_command", language(update)))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, a photo, a voice message: what this user can do instead (files only for moderators)."""
    if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        key = "not_text.moderator" if is_moderator(update, context) else "not_text"
        await reply(update, text(key, language(update)))
