"""Retrying what is worth retrying when Telegram fails, at the HTTP level, for every call.

- 429 Too Many Requests: wait the `retry_after` Telegram asks for (up to a cap), then again;
- 5xx and dropped or timed-out connections: a few tries with growing pauses;
- any other 4xx (a bad request): never retried, the error goes up to the handler.
Nothing here logs a URL: URLs carry the bot's token.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram.error import NetworkError
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


class RetryingRequest(HTTPXRequest):
    def __init__(
        self, *args: Any, attempts: int = 4, first_pause: float = 0.2, max_retry_after: float = 30.0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.attempts = attempts
        self.first_pause = first_pause
        self.max_retry_after = max_retry_after

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        pause = self.first_pause
        call = url.rsplit("/", 1)[-1]
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                code, payload = await super().do_request(url, method, *args, **kwargs)
            except NetworkError as error:
                if last:
                    raise
                log.warning("%s failed (%s), try %d of %d", call, type(error).__name__, attempt, self.attempts)
                await asyncio.sleep(pause)
                pause *= 2
                continue
            if code == 429 and not last:
                wait = _retry_after(payload)
                if wait is not None and wait <= self.max_retry_after:
                    log.warning("%s: Telegram asks to wait %ss", call, wait)
                    await asyncio.sleep(wait)
                    continue
            if code >= 500 and not last:
                log.warning("%s: Telegram answered %d, try %d of %d", call, code, attempt, self.attempts)
                await asyncio.sleep(pause)
                pause *= 2
                continue
            return code, payload
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt


def _retry_after(payload: bytes) -> float | None:
    try:
        value = json.loads(payload).get("parameters", {}).get("retry_after")
    except (ValueError, AttributeError):
        return None
    return float(value) if isinstance(value, int | float) else None
