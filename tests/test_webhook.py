"""Webhook mode end to end: the real `quotebot run` process, told by WEBHOOK_URL to listen for Telegram,
gets updates over real HTTP on 127.0.0.1 with the secret token and answers them through the fake Bot API;
a request with a wrong or missing token is refused and answered by nobody."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys
import time
from pathlib import Path

import aiohttp

from tests.conftest import DATA, ROOT
from tests.fake_telegram import TOKEN, FakeTelegram

SECRET = "a-Secret_token-0123456789"
PUBLIC_URL = "https://quotebot.example.org/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
USER, FORGER = 7, 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(fake: FakeTelegram, tmp: Path, port: int, secret: str | None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "127.0.0.1,localhost",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "QUOTEBOT_DB": str(tmp / "bot.sqlite3"),
        "QUOTEBOT_DATA": str(tmp / "data"),
        "QUOTEBOT_MEANING": "off",
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_API_FILE_URL": fake.file_url,
        "QUOTEBOT_LOG_LEVEL": "WARNING",
        "WEBHOOK_URL": PUBLIC_URL,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    if secret is not None:
        env["WEBHOOK_SECRET"] = secret
    return env


async def post(session: aiohttp.ClientSession, port: int, update: dict, secret: str | None) -> int:
    """POST an update to the bot's webhook as Telegram would; the HTTP status. Waits for the server to listen."""
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    deadline = time.monotonic() + 60
    while True:
        try:
            async with session.post(f"http://127.0.0.1:{port}/", json=update, headers=headers) as response:
                return response.status
        except aiohttp.ClientConnectionError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)


async def test_webhook_mode_answers_with_the_secret_token_and_refuses_forged_requests(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    fake = FakeTelegram()
    await fake.start()
    port = free_port()
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        env=environment(fake, tmp_path, port, SECRET), cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        told = await fake.wait_for("setWebhook", timeout=90)  # up, indexed, and Telegram told where to call
        assert told["url"] == PUBLIC_URL and told["secret_token"] == SECRET
        async with aiohttp.ClientSession() as session:
            for secret in ("a-wrong-token", None):
                forged = fake.message(FORGER, "devoir fraternel")
                forged["update_id"] = 1
                assert await post(session, port, forged, secret) == 403
            update = fake.message(USER, "devoir fraternel")
            update["update_id"] = 2
            assert await post(session, port, update, SECRET) == 200
            reply = await fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == USER, timeout=60)
            assert "Kim Jong-un" in reply["text"] and "devoir fraternel" in reply["text"]
            english = fake.message(USER, "/start", language="en")
            english["update_id"] = 3
            mark = fake.mark()
            assert await post(session, port, english, SECRET) == 200
            assert "Hello User7" in (await fake.wait_for("sendMessage", after=mark))["text"]
        assert not [c for c in fake.calls if c.method == "sendMessage" and int(c.params["chat_id"]) == FORGER]
    finally:
        if bot.returncode is None:
            bot.terminate()
            await asyncio.wait_for(bot.wait(), 30)
        await fake.stop()


async def test_webhook_mode_without_a_secret_token_does_not_start(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    fake = FakeTelegram()
    await fake.start()
    try:
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run",
            env=environment(fake, tmp_path, free_port(), None), cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, stderr = await asyncio.wait_for(bot.communicate(), 60)
    finally:
        await fake.stop()
    assert bot.returncode == 2 and "WEBHOOK_SECRET must be set" in stderr.decode()
    assert not [c for c in fake.calls if c.method == "setWebhook"]
