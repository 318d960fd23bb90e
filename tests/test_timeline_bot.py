"""/timeline and /export (issue 14): the real Application against the fake Bot API over real HTTP; the
photo and the document are read back from the bytes the bot uploaded."""

from __future__ import annotations

import csv
import io
import json
import threading

from PIL import Image
from telegram.constants import FileSizeLimit

from bot.core.timeline import Picture
from bot.telegram.exports import PHOTO_MAX_RATIO, PHOTO_MAX_SIDES_PX, photo_fits
from tests.fake_telegram import MODERATOR, USER, FakeTelegram, running_bot, settings_for, to
from tests.test_exports import as_csv, indexed_rows


async def command(fake: FakeTelegram, user: int, text: str, method: str, language: str = "fr") -> dict:
    mark = fake.mark()
    await fake.send_text(user, text, language=language)
    return await fake.wait_for(method, to(user), after=mark, timeout=60)


def png_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.verify()
    return image.size


async def test_timeline_is_a_photo_with_a_one_line_caption_in_the_user_s_language(fake, bot, monkeypatch) -> None:
    import bot.library.exports as exports

    drawn_in: list[int] = []
    draw = exports.draw_timeline

    def recording_draw(*args, **kwargs):
        drawn_in.append(threading.get_ident())
        return draw(*args, **kwargs)

    monkeypatch.setattr(exports, "draw_timeline", recording_draw)
    french = await command(fake, USER, "/timeline", "sendPhoto")
    assert png_size(french["photo"]) == (1280, 960)
    assert french["caption"].startswith(
        "Déclarations de Vladimir Poutine et Kim Jong-un du 15 août 2023 au 3 septembre 2025 : "
    )
    assert french["caption"].endswith(" placée(s) à leur date, 0 sans date précise.") and "\n" not in french["caption"]
    assert drawn_in and threading.get_ident() not in drawn_in  # drawn in a worker thread, not on the event loop

    english = await command(fake, USER, "/timeline", "sendPhoto", language="en")
    assert english["caption"].startswith(
        "Statements of Vladimir Putin and Kim Jong-un from 15 August 2023 to 3 September 2025: "
    )
    assert png_size(english["photo"]) == (1280, 960) and english["photo"] != french["photo"]  # its own language


async def test_timeline_options_as_words(fake, bot) -> None:
    kim = await command(fake, USER, "/timeline kim depuis 2024-01-01", "sendPhoto")
    assert kim["caption"].startswith("Déclarations de Kim Jong-un du 1er janvier 2024 au 3 septembre 2025 : ")
    assert png_size(kim["photo"]) == (1280, 960)
    english = await command(fake, USER, "/timeline putin since 2024 until 2024-12", "sendPhoto", language="en")
    assert english["caption"].startswith("Statements of Vladimir Putin from 1 January 2024 to 31 December 2024: ")

    nothing = await command(fake, USER, "/timeline poutine since 2030-01-01", "sendMessage")
    assert nothing["text"] == (
        "Aucune déclaration de Vladimir Poutine n'est datée depuis le 1er janvier 2030 (0 sans date précise) : "
        "rien à dessiner."
    )
    bad_date = await command(fake, USER, "/timeline since 2024-13-01", "sendMessage")
    assert bad_date["text"].startswith("Période illisible : « 2024-13-01 ».")
    unknown = await command(fake, USER, "/timeline macron", "sendMessage", language="en")
    assert unknown["text"].startswith("Usage: /timeline [putin|kim] [since YYYY-MM-DD]")
    assert not [c for c in fake.calls if c.method == "sendPhoto" and "2030" in c.params.get("caption", "")]


async def test_an_empty_index_says_so_instead_of_an_empty_picture(fake, tmp_path, data_dir) -> None:
    for article in (data_dir / "articles").iterdir():
        article.unlink()
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        reply = await command(fake, USER, "/timeline", "sendMessage")
    assert reply["text"] == (
        "L'index ne contient encore aucune déclaration de Vladimir Poutine et Kim Jong-un : rien à dessiner."
    )
    assert not [c for c in fake.calls if c.method == "sendPhoto"]


async def test_pictures_count_against_a_user_s_queries_a_minute(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir, queries_per_minute=1)):
        assert png_size((await command(fake, USER, "/timeline kim", "sendPhoto"))["photo"]) == (1280, 960)
        assert "un peu vite" in (await command(fake, USER, "/timeline kim", "sendMessage"))["text"]
        assert png_size((await command(fake, USER + 1, "/timeline kim", "sendPhoto"))["photo"]) == (1280, 960)


async def test_moderators_get_the_export_as_a_document(fake, bot, tmp_path) -> None:
    db = tmp_path / "bot.sqlite3"  # the bot's own database (settings_for)
    sent = await command(fake, MODERATOR, "/export", "sendDocument")
    assert sent["document.filename"].startswith("quotebot-") and sent["document.filename"].endswith(".csv")
    header, *rows = list(csv.reader(io.StringIO(sent["document"].decode("utf-8"), newline="")))
    assert header[:3] == ["statement", "speaker", "date"] and sorted(rows) == as_csv(indexed_rows(db))
    assert sent["caption"].startswith(f"{len(rows)} ligne(s), une par formulation : ") and "\n" not in sent["caption"]

    kim = await command(fake, MODERATOR, "/export jsonl kim since 2025-09-01", "sendDocument", language="en")
    assert kim["document.filename"].endswith(".jsonl")
    objects = [json.loads(line) for line in kim["document"].decode("utf-8").splitlines()]
    assert objects and {o["speaker"] for o in objects} == {"kim"} and {o["date"] for o in objects} == {"2025-09-03"}
    assert kim["caption"].endswith("statement(s) of Kim Jong-un since 1 September 2025, JSONL UTF-8.")

    nothing = await command(fake, MODERATOR, "/export kim until 2000", "sendMessage")
    assert nothing["text"] == "Rien à exporter : aucune déclaration de Kim Jong-un jusqu'au 31 décembre 2000."


async def test_anyone_else_gets_one_line_refusing_the_export(fake, bot) -> None:
    refused = await command(fake, USER, "/export", "sendMessage")
    assert refused["text"] == "Ceci est réservé aux modérateurs."
    assert not [c for c in fake.calls if c.method == "sendDocument"]


def test_the_picture_fits_telegram_s_photo_limits_and_a_picture_that_would_not_goes_as_a_file() -> None:
    size = Picture(b"x" * 1000, 1280, 960, ())
    assert photo_fits(size)
    assert not photo_fits(Picture(b"x", 100, 100 * PHOTO_MAX_RATIO + 1, ()))
    assert not photo_fits(Picture(b"x", PHOTO_MAX_SIDES_PX, 1000, ()))
    assert not photo_fits(Picture(b"x" * (FileSizeLimit.PHOTOSIZE_UPLOAD + 1), 1280, 960, ()))
