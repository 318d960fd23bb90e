"""Wiring: the Application, its handlers, and what they share. Run with `quotebot run`."""

from __future__ import annotations

import asyncio
import logging
from typing import IO

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings, speakers_file
from bot.core.extract import Extractor
from bot.library import Searcher, index_directory, meaning_model
from bot.store import Store
from bot.telegram import exports, handlers
from bot.telegram.handlers import QueryLimiter, Services
from bot.telegram.retrying import RetryingRequest

log = logging.getLogger(__name__)

COMMANDS = [
    ("start", "Quotebot"),
    ("help", "Aide / help"),
    ("poutine", "Poutine"),
    ("kim", "Kim Jong-un"),
    ("sources", "Médias / outlets"),
    ("timeline", "Chronologie / timeline"),
]


def build_application(settings: Settings, *, rate_limiter: bool = True, concurrent_updates: int = 8) -> Application:
    """The bot, configured; the store and the model are opened in post_init."""
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
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
    add_handlers(application)
    return application


def add_handlers(application: Application) -> None:
    application.add_handler(CommandHandler(["start", "help"], handlers.start))
    application.add_handler(CommandHandler(["poutine", "putin"], handlers.putin))
    application.add_handler(CommandHandler("kim", handlers.kim))
    application.add_handler(CommandHandler("sources", handlers.sources))
    application.add_handler(CommandHandler("timeline", exports.timeline))
    application.add_handler(CommandHandler("export", exports.export))
    application.add_handler(CommandHandler("reindex", handlers.reindex))
    application.add_handler(CommandHandler("hide", handlers.hide))
    application.add_handler(CommandHandler("unhide", handlers.unhide))
    application.add_handler(CommandHandler("speaker", handlers.speaker))
    application.add_handler(CommandHandler("outlet", handlers.outlet))
    application.add_handler(CommandHandler("articles", handlers.articles))
    application.add_handler(CommandHandler("audit", handlers.audit))
    application.add_handler(InlineQueryHandler(handlers.inline))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(MessageHandler(filters.Document.ALL, handlers.document))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.text_query))
    application.add_handler(
        MessageHandler(~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, handlers.not_text)
    )
    application.add_error_handler(handlers.on_error)


async def _open(application: Application) -> None:
    settings: Settings = application.bot_data["settings"]
    writer = await Store.open(settings.db_path)
    reader = await Store.open(settings.db_path)  # queries never wait behind a rebuild
    extractor = await asyncio.to_thread(Extractor, speakers_file(settings.data_dir))
    embedder, meaning_status = await asyncio.to_thread(meaning_model, settings.meaning, settings.cache_dir)
    log.info(meaning_status)
    if (await reader.counts())["articles"] == 0 or embedder is not None:
        # a fresh database is built; with the model, vectors missing from an older index are added
        await index_directory(writer, settings.data_dir, extractor, embedder=embedder)
    application.bot_data["services"] = Services(
        settings=settings,
        reader=reader,
        writer=writer,
        searcher=Searcher.for_data(reader, settings.data_dir, embedder),
        extractor=extractor,
        limiter=QueryLimiter(settings.queries_per_minute),
    )
    try:
        await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
    except Exception as error:
        log.warning("could not set the command menu: %s", error)


async def _close(application: Application) -> None:
    services: Services | None = application.bot_data.get("services")
    if services is not None:
        await services.reader.close()
        await services.writer.close()


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
