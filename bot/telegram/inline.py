"""Inline mode: `@bot words` in any chat lists the statements those words find; no words yet, a few
statements worth reading and a button to the bot."""

from __future__ import annotations

from telegram import InlineQueryResultsButton, Update
from telegram.constants import InlineQueryLimit
from telegram.ext import ContextTypes

from bot.telegram import render
from bot.telegram.common import library
from bot.telegram.messages import language_of, text

OFFERED = 5  # statements offered to an empty query
START_PARAMETER = "inline"  # what /start receives from the button
CACHE_SECONDS = 30


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    lib = library(context)
    lang = language_of(query.from_user.language_code if query.from_user else None)
    words = " ".join(query.query.split())[: InlineQueryLimit.MAX_QUERY_LENGTH]
    statements = []
    if query.offset in ("", "0"):  # one page of up to 50; any other offset is the end
        if words:
            answer = await lib.ask(words, limit=InlineQueryLimit.RESULTS)
            statements = [r.statement for r in answer.results if r.confident]
        else:
            statements = await lib.statements_to_offer(OFFERED)
    await query.answer(
        render.inline_results(statements, lang, lib.who),
        cache_time=CACHE_SECONDS,
        is_personal=True,  # cards are in the user's language
        next_offset="",
        button=InlineQueryResultsButton(text("button.open_bot", lang), start_parameter=START_PARAMETER),
    )
