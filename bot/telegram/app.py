"""Wiring: the Application, its handlers, and what they share. Run with `quotebot run`."""

from __future__ import annotations

import logging
from typing import IO

from telegram import BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings, speakers_file
from bot.core.registry import SpeakerRegistry, load_registry
from bot.library import Library
from bot.telegram import exports, feeds, follows, inline, moderation, render, users
from bot.telegram.common import Searches, commands, on_error
from bot.telegram.messages import FRENCH, LANGUAGES
from bot.telegram.render import Command
from bot.telegram.retrying import RetryingRequest

log = logging.getLogger(__name__)


def build_application(settings: Settings, *, rate_limiter: bool = True, concurrent_updates: int = 8) -> Application:
    """The bot, configured; the library (stores, spaCy, the model) is opened in post_init."""
    registry = load_registry(speakers_file(settings.data_dir))
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(concurrent_updates)
        .request(RetryingRequest(connection_pool_size=64))
        .get_updates_request(RetryingRequest())
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_file_url:
        builder = builder.base_file_url(settings.api_file_url)
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter())  # type: ignore[arg-type]  # PTB types the builder for no limiter
    application = builder.post_init(_open).post_shutdown(_close).build()
    application.bot_data["settings"] = settings
    application.bot_data["registry"] = registry
    application.bot_data["searches"] = Searches()
    add_handlers(application, registry)
    return application


def add_handlers(application: Application, registry: SpeakerRegistry) -> None:
    application.add_handler(CommandHandler("start", users.start))
    application.add_handler(CommandHandler("help", users.help_command))
    for principal in registry.principals:  # every language's command works for everyone
        application.add_handler(CommandHandler(principal.every_command, users.principal_command(principal.id)))
    application.add_handler(CommandHandler("sources", users.sources))
    application.add_handler(CommandHandler("timeline", exports.timeline))
    application.add_handler(CommandHandler("export", exports.export))
    application.add_handler(CommandHandler("add", moderation.add))
    application.add_handler(CommandHandler("feeds", feeds.feeds))
    application.add_handler(CommandHandler("follow", follows.follow))
    application.add_handler(CommandHandler("unfollow", follows.unfollow))
    application.add_handler(CommandHandler("following", follows.following))
    application.add_handler(CommandHandler("reindex", moderation.reindex))
    application.add_handler(CommandHandler("hide", moderation.hide))
    application.add_handler(CommandHandler("unhide", moderation.unhide))
    application.add_handler(CommandHandler("speaker", moderation.speaker))
    application.add_handler(CommandHandler("outlet", moderation.outlet))
    application.add_handler(CommandHandler("articles", moderation.articles))
    application.add_handler(CommandHandler("audit", moderation.audit))
    application.add_handler(InlineQueryHandler(inline.inline))
    application.add_handler(CallbackQueryHandler(users.button))
    application.add_handler(MessageHandler(filters.Document.ALL, moderation.document))
    application.add_handler(MessageHandler(filters.COMMAND, users.unknown_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, users.text_query))
    application.add_handler(
        MessageHandler(~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, users.not_text)
    )
    application.add_error_handler(on_error)


async def _open(application: Application) -> None:
    settings: Settings = application.bot_data["settings"]
    registry: SpeakerRegistry = application.bot_data["registry"]
    application.bot_data["library"] = await Library.open(settings, registry)
    await set_menus(application, registry, settings.admin_ids)
    follows.schedule(application, settings.digest_interval)
    feeds.schedule(application, settings.feeds_interval)


async def set_menus(application: Application, registry: SpeakerRegistry, moderators: frozenset[int]) -> None:
    """Each language its menu (French by default); moderators see theirs in their private chats only. A menu
    Telegram refuses (a moderator who never opened a chat with the bot) leaves the others set."""
    menus: list[tuple[BotCommandScope, str, list[Command]]] = [
        (BotCommandScopeDefault(), language, commands(registry, language, moderator=False)) for language in LANGUAGES
    ]
    for moderator in sorted(moderators):
        menus += [
            (BotCommandScopeChat(moderator), language, commands(registry, language, moderator=True))
            for language in LANGUAGES
        ]
    for scope, language, shown in menus:
        try:
            await application.bot.set_my_commands(
                render.menu(shown, language), scope=scope, language_code=None if language == FRENCH else language
            )
        except TelegramError as error:
            log.warning("could not set the %s command menu (%s): %s", language, scope.type, error)


async def _close(application: Application) -> None:
    library: Library | None = application.bot_data.get("library")
    if library is not None:
        await library.close()


class RedactToken(logging.Filter):
    """The token never reaches a log: it is replaced wherever a record would print it."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token:
            message = record.getMessage()
            if self.token in message:
                record.msg, record.args = message.replace(self.token, "[token]"), ()
            if record.exc_text and self.token in record.exc_text:
                record.exc_text = record.exc_text.replace(self.token, "[token]")
        return True


def configure_logging(settings: Settings, stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(settings.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines are one per request
    return handler


def run(settings: Settings) -> None:
    """Long polling by default; a webhook when WEBHOOK_URL is set."""
    configure_logging(settings)
    application = build_application(settings)
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
