"""A fake Telegram Bot API on 127.0.0.1, spoken to over real HTTP by the real Application.

It answers getMe, deleteWebhook, a long-polling getUpdates, what the bot sends (messages, photos and
documents, whose uploaded bytes are kept), and file downloads; it records every call so tests can wait
for a reply and look at it. Faults can be injected per method (an HTTP status, a retry_after, or a
dropped connection), and a chat can have blocked the bot (what is sent to it gets 403 Forbidden).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.config import Settings, default_cache_dir

TOKEN = "123456789:" + "A" * 35
BOT_ID = 123456789
BOT_USERNAME = "quotebot_test_bot"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.monotonic)


class FakeTelegram:
    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}
        self.faults: dict[str, list[Any]] = {}
        self.blocked: set[int] = set()  # chats whose user blocked the bot: what is sent there gets 403
        self.record = True  # keep every call (tests); a soak turns it off and listens instead
        self.listeners: list[Callable[[Call], None]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ---- server ------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 2**20)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):  # an upload (sendPhoto, sendDocument): its bytes and its name
                params[key] = value.file.read()
                params[f"{key}.filename"] = value.filename
                continue
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            params[key] = value
        return params

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        fault = self._take_fault(method)
        if fault is not None:
            return await self._fault(request, fault)
        if method.startswith("send") and int(params.get("chat_id") or 0) in self.blocked:
            await self._record(Call(method, params, None))  # tried: a test waits for it
            body = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            return web.json_response(body, status=403)
        if method == "getUpdates":
            return self._ok(await self._get_updates(params))
        handler = getattr(self, f"_m_{method}", None)
        result = handler(params) if handler is not None else True
        await self._record(Call(method, params, result))
        return self._ok(result)

    async def _record(self, call: Call) -> None:
        for listener in self.listeners:
            listener(call)
        if self.record:
            self.calls.append(call)
        async with self._changed:
            self._changed.notify_all()

    def _take_fault(self, method: str) -> Any:
        queue = self.faults.get(method)
        return queue.pop(0) if queue else None

    async def _fault(self, request: web.Request, fault: Any) -> web.StreamResponse:
        if fault == "drop":
            transport = request.transport
            if transport is not None:
                transport.close()
            return web.Response(status=500)
        status, extra = fault
        body = {"ok": False, "error_code": status, "description": extra.get("description", "fault")}
        if "retry_after" in extra:
            body["parameters"] = {"retry_after": extra["retry_after"]}
        return web.json_response(body, status=status)

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                if pending or time.monotonic() >= deadline:
                    break
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
        limit = int(params.get("limit") or 100)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]  # confirmed ones are gone
        return pending[:limit]

    async def _file(self, request: web.Request) -> web.Response:
        data = self.files.get(request.match_info["path"])
        return web.Response(body=data) if data is not None else web.Response(status=404)

    # ---- methods the bot calls ---------------------------------------------------------------

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Quotebot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        return {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Quotebot", "username": BOT_USERNAME},
            "text": params.get("text", ""),
        }

    def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params)

    def _m_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"photo{len(self.files) + 1}"
        self.files[file_id] = params["photo"]
        size = {"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}  # as the fake stores it
        return {**self._message(params), "photo": [size], "caption": params.get("caption", "")}

    def _m_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"document{len(self.files) + 1}"
        self.files[file_id] = params["document"]
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": params.get("document.filename")}
        return {**self._message(params), "document": document, "caption": params.get("caption", "")}

    def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._message(params, int(params["message_id"]))

    def _m_getFile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = params["file_id"]
        return {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_size": len(self.files[file_id]),
            "file_path": file_id,
        }

    # ---- what users do -----------------------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> int:
        update["update_id"] = next(self._update_ids)
        self.updates.append(update)
        async with self._changed:
            self._changed.notify_all()
        return update["update_id"]

    @staticmethod
    def user(user_id: int, language: str = "fr") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "language_code": language}

    def message(
        self, user_id: int, text: str | None = None, *, language: str = "fr", chat_id: int | None = None, **extra: Any
    ) -> dict[str, Any]:
        chat = chat_id if chat_id is not None else user_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat, "type": "private" if chat > 0 else "group", "title": None if chat > 0 else "G"},
            "from": self.user(user_id, language),
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return {"message": message}

    async def send_text(self, user_id: int, text: str, **kwargs: Any) -> int:
        return await self.push(self.message(user_id, text, **kwargs))

    async def send_document(self, user_id: int, name: str, data: bytes, caption: str | None = None) -> int:
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = data
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name, "file_size": len(data)}
        extra: dict[str, Any] = {"document": document}
        if caption:
            extra["caption"] = caption
        return await self.push(self.message(user_id, None, **extra))

    async def press(self, user_id: int, message: dict[str, Any], data: str, language: str = "fr") -> int:
        callback = {
            "id": str(next(self._message_ids)),
            "from": self.user(user_id, language),
            "chat_instance": "c",
            "data": data,
            "message": message,
        }
        return await self.push({"callback_query": callback})

    async def inline(self, user_id: int, query: str, offset: str = "", language: str = "fr") -> int:
        inline = {
            "id": str(next(self._message_ids)),
            "from": self.user(user_id, language),
            "query": query,
            "offset": offset,
        }
        return await self.push({"inline_query": inline})

    # ---- waiting for the bot -----------------------------------------------------------------

    async def wait_for(
        self,
        method: str,
        where: Callable[[dict[str, Any]], bool] = lambda p: True,
        timeout: float = 20.0,
        after: int = 0,
    ) -> dict[str, Any]:
        """The first call of `method` (from call number `after` on) matching `where`."""
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                for call in self.calls[after:]:
                    if call.method == method and where(call.params):
                        return call.params
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(c.method, str(c.params.get("text", ""))[:60]) for c in self.calls[after:]]
                    raise AssertionError(f"no {method} call within {timeout}s; calls: {seen}")
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), remaining)

    def mark(self) -> int:
        return len(self.calls)

    def sent(self, params: dict[str, Any]) -> dict[str, Any]:
        """The Message the fake returned for a call whose params are these."""
        return next(c.result for c in reversed(self.calls) if c.params is params)


def settings_for(fake: FakeTelegram, tmp: Path, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "db": tmp / "bot.sqlite3",
        "data_dir": data_dir,
        "token": TOKEN,
        "admin_ids": frozenset({42}),
        "api_base_url": fake.base_url,
        "api_file_url": fake.file_url,
        "log_level": "WARNING",
        "webhook_url": None,
        "webhook_listen": "127.0.0.1",
        "webhook_port": 8443,
        "webhook_secret": None,
        "queries_per_minute": 1000,
        "cache_dir": default_cache_dir(os.environ.get),  # the model starts as it does for a user, from its cache
    }
    values.update(overrides)
    return Settings(**values)


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, **build: Any) -> AsyncIterator[Any]:
    """The real Application, polling the fake server, started and stopped as `run_polling` would."""
    from bot.telegram.app import build_application

    application = build_application(settings, rate_limiter=build.pop("rate_limiter", False), **build)
    async with application:
        await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
            await application.post_shutdown(application)


MODERATOR = 42  # in ADMIN_IDS of `settings_for`
USER = 7


def to(chat: int) -> Callable[[dict[str, Any]], bool]:
    """Whether a Bot API call is addressed to a chat."""
    return lambda p: int(p.get("chat_id", 0)) == chat
