"""Faults: Telegram failing (429, 400, 5xx, dropped connections), a full disk, and the token in logs."""

from __future__ import annotations

import io
import logging
import time

import pytest

from tests.fake_telegram import TOKEN, FakeTelegram, running_bot, settings_for

MODERATOR = 42
USER = 7


async def answered(fake: FakeTelegram, user: int, text: str, timeout: float = 30) -> dict:
    mark = fake.mark()
    await fake.send_text(user, text)
    return await fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == user, after=mark, timeout=timeout)


async def test_polling_survives_5xx_429_and_dropped_connections_and_loses_no_update(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        fake.faults["getUpdates"] = [(502, {}), "drop", (429, {"retry_after": 1}), (500, {})]
        texts = ["devoir fraternel", "je suis ravi de vous rencontrer", "colonialisme japonais"]
        mark = fake.mark()
        for text in texts:
            await fake.send_text(USER, text)
        for _ in texts:
            await fake.wait_for("sendMessage", after=mark, timeout=40)
            mark = next(i for i, c in enumerate(fake.calls) if i >= mark and c.method == "sendMessage") + 1
        replies = [c.params["text"] for c in fake.calls if c.method == "sendMessage"]
        assert any("devoir fraternel" in r for r in replies)
        assert any("Je suis ravi" in r for r in replies)
        assert any("colonialisme" in r for r in replies)
        assert fake.faults["getUpdates"] == []  # every fault was met, and got past


@pytest.mark.parametrize("fault", [(500, {}), (503, {}), "drop", (429, {"retry_after": 1})])
async def test_a_failed_reply_is_sent_again(fake, tmp_path, data_dir, fault) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        fake.faults["sendMessage"] = [fault]
        started = time.monotonic()
        reply = await answered(fake, USER, "devoir fraternel")
        assert "Kim Jong-un" in reply["text"]
        if isinstance(fault, tuple) and fault[0] == 429:
            assert time.monotonic() - started >= 1.0  # it waited as Telegram asked
        assert fake.faults["sendMessage"] == []


async def test_a_bad_request_is_not_retried_and_the_bot_goes_on(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        fake.faults["sendMessage"] = [(400, {"description": "Bad Request: chat not found"})]
        mark = fake.mark()
        await fake.send_text(USER, "devoir fraternel")
        # The 400 is final: the error handler tries to tell the user, once, and that goes through.
        error = await fake.wait_for("sendMessage", after=mark)
        assert "erreur" in error["text"]
        assert "Kim Jong-un" in (await answered(fake, USER, "devoir fraternel"))["text"]


async def test_a_full_disk_refuses_the_upload_and_the_bot_keeps_answering(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)) as application:
        writer = application.bot_data["library"].writer._db
        async with writer.execute("PRAGMA page_count") as cursor:
            pages = (await cursor.fetchone())[0]
        await writer.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers "database or disk is full"
        before = sorted(p.name for p in (data_dir / "articles").iterdir())
        mark = fake.mark()
        lines = [f"« Nous construirons le pont numéro {n} sur le fleuve », a déclaré Kim Jong-un." for n in range(300)]
        article = ("Titre\n\n" + "\n\n".join(lines)).encode()
        await fake.send_document(MODERATOR, "pont.txt", article, caption="Une Gazette")
        refused = await fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == MODERATOR, after=mark, timeout=60)
        assert "Écriture impossible" in refused["text"] and "full" in refused["text"]
        assert sorted(p.name for p in (data_dir / "articles").iterdir()) == before
        assert "Une Gazette" not in (data_dir / "sources.toml").read_text()
        assert "Kim Jong-un" in (await answered(fake, USER, "devoir fraternel"))["text"]


async def test_a_read_only_database_gives_a_clear_error_and_answers_go_on(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)) as application:
        await application.bot_data["library"].writer._db.execute("PRAGMA query_only = ON")
        mark = fake.mark()
        await fake.send_text(MODERATOR, "/outlet 1 Autre")
        refused = await fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == MODERATOR, after=mark)
        assert "Écriture impossible" in refused["text"]
        assert "SadaNews" in (await answered(fake, USER, "devoir fraternel"))["text"]


async def test_the_token_is_never_logged(fake, tmp_path, data_dir) -> None:
    from bot.telegram.app import configure_logging

    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    settings = settings_for(fake, tmp_path, data_dir, log_level="DEBUG")
    configure_logging(settings, stream)
    try:
        async with running_bot(settings):
            fake.faults["sendMessage"] = ["drop", (500, {})]
            await answered(fake, USER, "devoir fraternel")
            await answered(fake, USER, "/kim")
            logging.getLogger("quotebot.test").warning("a line with the token %s in it", TOKEN)
    finally:
        root.handlers[:], root.level = saved
    output = stream.getvalue()
    assert "sendMessage" in output and "[token]" in output  # things were logged, the token redacted
    assert TOKEN not in output
