"""The real bot process killed in the middle of a /reindex restarts on a whole index; SQL stays data."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.library import index_data
from tests.conftest import DATA, ROOT
from tests.fake_telegram import TOKEN, FakeTelegram, running_bot, settings_for

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
MODERATOR = 42
USER = 7


async def start_bot(fake: FakeTelegram, tmp: Path, data: Path) -> asyncio.subprocess.Process:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "127.0.0.1,localhost",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "ADMIN_IDS": str(MODERATOR),
        "QUOTEBOT_DB": str(tmp / "bot.sqlite3"),
        "QUOTEBOT_DATA": str(data),
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_API_FILE_URL": fake.file_url,
        "QUOTEBOT_LOG_LEVEL": "WARNING",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=tmp,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def rows(db: Path) -> dict[str, int]:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            t: connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("articles", "quotations", "statements")
        }
    finally:
        connection.close()


async def test_killed_during_reindex_restarts_on_a_whole_index(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    fake = FakeTelegram()
    await fake.start()
    try:
        bot = await start_bot(fake, tmp_path, data)
        mark = fake.mark()
        await fake.send_text(USER, "devoir fraternel")
        await fake.wait_for("sendMessage", after=mark, timeout=90)  # up, indexed, answering
        before = rows(tmp_path / "bot.sqlite3")

        (data / "articles" / "003_3732444aa2140bd8.txt").write_text("Un article réécrit, sans citation.\n")
        mark = fake.mark()
        await fake.send_text(MODERATOR, "/reindex")
        await fake.wait_for("sendMessage", lambda p: "Reconstruction" in p["text"], after=mark, timeout=30)
        bot.send_signal(signal.SIGKILL)
        await bot.wait()

        after_kill = rows(tmp_path / "bot.sqlite3")
        complete = tmp_path / "complete.sqlite3"
        await asyncio.to_thread(index_data, complete, data)  # what the finished rebuild would hold
        assert after_kill in (before, rows(complete))  # the old index or the new one, never half of it

        bot = await start_bot(fake, tmp_path, data)
        mark = fake.mark()
        await fake.send_text(USER, "devoir fraternel")
        answer = await fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == USER, after=mark, timeout=90)
        assert "Kim Jong-un" in answer["text"]
        bot.send_signal(signal.SIGTERM)
        await asyncio.wait_for(bot.wait(), 30)
    finally:
        await fake.stop()


@pytest.mark.parametrize(
    "command",
    [
        "/outlet 1 x'); DROP TABLE articles; --",
        "/speaker 1 other Robert'); DELETE FROM quotations; --",
        "/hide 1 OR 1=1",
        "/hide q1; DROP TABLE statements",
    ],
)
async def test_sql_in_commands_and_queries_stays_data(tmp_path: Path, command: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    fake = FakeTelegram()
    await fake.start()
    try:
        async with running_bot(settings_for(fake, tmp_path, data)):
            mark = fake.mark()
            await fake.send_text(MODERATOR, command)
            await fake.wait_for("sendMessage", after=mark, timeout=30)
            mark = fake.mark()
            await fake.send_text(USER, '"devoir" OR fraternel*) NEAR(x; DROP TABLE quotations; --')
            await fake.wait_for("sendMessage", after=mark, timeout=30)
    finally:
        await fake.stop()
    counts = rows(tmp_path / "bot.sqlite3")
    assert counts["articles"] == 5 and counts["quotations"] > 30 and counts["statements"] > 20
