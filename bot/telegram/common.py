"""What every handler shares: the library, the user's language and role, replies, the searches behind
buttons, and the commands that menus and /help show."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.core.registry import SpeakerRegistry
from bot.library import Library
from bot.telegram import render
from bot.telegram.messages import CATALOGUE, language_of, text
from bot.telegram.render import Card, Command

log = logging.getLogger(__name__)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
REMEMBERED_SEARCHES = 2000

# The commands of everyone and of moderators, in menu order; a principal's command comes from the registry.
USER_COMMANDS = ("start", "help", "<speakers>", "sources", "timeline", "follow", "unfollow", "following")
MODERATOR_COMMANDS = ("add", "reindex", "hide", "unhide", "speaker", "outlet", "articles", "audit", "export", "feeds")


def commands(registry: SpeakerRegistry, language: str, moderator: bool) -> list[Command]:
    """What menus and /help show in a language: everyone's commands, then the moderators' for a moderator."""
    shown: list[Command] = []
    principals = (("principals", "|".join(p.command(language) for p in registry.principals)),)
    for name in USER_COMMANDS:
        if name != "<speakers>":
            arguments = f"arguments.{name}" if f"arguments.{name}" in CATALOGUE else None
            shown.append(Command(name, f"command.{name}", arguments, principals if arguments else ()))
            continue
        for principal in registry.principals:
            values = (("name", principal.display_name(language)),)
            shown.append(Command(principal.command(language), "command.principal", "arguments.principal", values))
    if moderator:
        choices = (("choices", speaker_choices(registry, language)),)
        for name in MODERATOR_COMMANDS:
            arguments = f"arguments.{name}" if f"arguments.{name}" in CATALOGUE else None
            shown.append(Command(name, f"command.{name}", arguments, choices if name == "speaker" else ()))
    return shown


def speaker_choices(registry: SpeakerRegistry, language: str) -> str:
    """What /speaker takes after the id, in a language: each principal's command, then the words for "unknown"
    and "other"."""
    words = [p.command(language) for p in registry.principals]
    return "|".join([*words, text("keyword.unknown", language), text("keyword.other", language)])


@dataclass
class Search:
    """The cards of one reply, kept so that its buttons page through them."""

    cards: list[Card]
    language: str
    moderator: bool


@dataclass
class Searches:
    """The latest searches by (chat, message); the oldest are forgotten (their buttons then say "expired")."""

    kept: OrderedDict[tuple[int, int], Search] = field(default_factory=OrderedDict)

    def remember(self, chat_id: int, message_id: int, search: Search) -> None:
        self.kept[(chat_id, message_id)] = search
        while len(self.kept) > REMEMBERED_SEARCHES:
            self.kept.popitem(last=False)

    def get(self, chat_id: int, message_id: int) -> Search | None:
        return self.kept.get((chat_id, message_id))


def library(context: ContextTypes.DEFAULT_TYPE) -> Library:
    return context.application.bot_data["library"]


def searches(context: ContextTypes.DEFAULT_TYPE) -> Searches:
    return context.application.bot_data["searches"]


def language(update: Update) -> str:
    user = update.effective_user
    return language_of(user.language_code if user else None)


def is_moderator(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and library(context).is_moderator(user.id)


async def reply(update: Update, message: str, **kwargs: Any) -> None:
    """A reply in the chat of the update (HTML, no link previews: the Application's defaults)."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(render.fit(message), **kwargs)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("update failed: %s", context.error, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message is not None:
        try:
            await reply(update, text("error", language(update)))
        except Exception:
            log.warning("could not send the error reply")
