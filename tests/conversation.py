"""A conversation with the real bot against the fake Bot API, printed as the README shows it.

    python -m tests.conversation

It runs the real Application on a copy of data/ in a temporary directory (as tests/test_bot_e2e.py
does) and prints what a French user, an English user and a moderator send and what the bot answers.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from tests.conftest import DATA
from tests.fake_telegram import FakeTelegram, running_bot, settings_for

FRENCH_USER, ENGLISH_USER, MODERATOR = 7, 8, 42
INDENT = " " * 6
WIDTH = 110  # the README's lines


def plain(message: str) -> str:
    """Telegram's HTML as a reader sees it."""
    return html.unescape(re.sub(r"<[^>]+>", "", message))


def keyboard(params: dict[str, Any]) -> str:
    rows = params.get("reply_markup", {}).get("inline_keyboard", [])
    return "  ".join(f"[{button['text']}]" for row in rows for button in row)


def said(who: str, message: str) -> str:
    """A message under who sent it, its long lines wrapped (a list item's under its text)."""
    lines = []
    for line in message.splitlines() or [""]:
        hanging = INDENT + " " * (len(line) - len(line.lstrip(" •")))
        lines += textwrap.wrap(line, WIDTH, initial_indent=INDENT, subsequent_indent=hanging) or [""]
    return f"{who:<6}{lines[0][len(INDENT):]}" + "".join(f"\n{line}" for line in lines[1:])


class Conversation:
    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.lines: list[str] = []

    def bot_said(self, params: dict[str, Any]) -> None:
        buttons = keyboard(params)
        self.lines.append(said("bot", plain(params["text"]) + (f"\n{buttons}" if buttons else "")))

    async def send(self, user: int, words: str, language: str = "fr", replies: int = 1) -> dict[str, Any]:
        self.lines.append(said("you", words))
        mark = self.fake.mark()
        await self.fake.send_text(user, words, language=language)
        return await self.answers(user, mark, replies)

    async def answers(self, user: int, mark: int, replies: int) -> dict[str, Any]:
        last: dict[str, Any] = {}
        for _ in range(replies):
            last = await self.fake.wait_for("sendMessage", lambda p: int(p["chat_id"]) == user, after=mark)
            mark = next(i for i, c in enumerate(self.fake.calls) if c.params is last) + 1
            self.bot_said(last)
        return last

    async def press(self, user: int, sent: dict[str, Any], data: str, language: str = "fr") -> None:
        rows = sent["reply_markup"]["inline_keyboard"]
        label = next(button["text"] for row in rows for button in row if button["callback_data"] == data)
        self.lines.append(said("you", f"(taps [{label}])"))
        mark = self.fake.mark()
        await self.fake.press(user, self.fake.sent(sent), data, language=language)
        await self.answers(user, mark, 1)

    async def sticker(self, user: int, language: str = "fr") -> None:
        self.lines.append(said("you", "(a sticker)"))
        sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False}  # fmt: skip
        mark = self.fake.mark()
        await self.fake.push(self.fake.message(user, None, language=language, sticker=sticker))
        await self.answers(user, mark, 1)


async def converse() -> str:
    random.seed(12)  # the random picks of /kim and /putin, the same at each run
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA, data)
        fake = FakeTelegram()
        await fake.start()
        try:
            async with running_bot(settings_for(fake, Path(tmp), data)):
                talk = Conversation(fake)
                await talk.send(FRENCH_USER, "/start")
                sent = await talk.send(FRENCH_USER, "nous n'oublierons jamais les sacrifices")
                await talk.press(FRENCH_USER, sent, "wd:0")
                await talk.send(FRENCH_USER, "/kim")
                await talk.send(FRENCH_USER, "Poutine aime le football")
                await talk.sticker(FRENCH_USER)
                talk.lines.append("")
                await talk.send(ENGLISH_USER, "we will never forget the sacrifices of your soldiers", "en")
                await talk.send(ENGLISH_USER, "/putin", "en")
                talk.lines.append("")
                card = await talk.send(MODERATOR, "colonialisme japonais")
                statement = re.findall(r"#(\d+)", card["text"])[-1]
                await talk.send(MODERATOR, f"/speaker {statement} other Un diplomate")
                await talk.send(MODERATOR, "/audit")
        finally:
            await fake.stop()
    return "\n".join(talk.lines)


if __name__ == "__main__":
    print(asyncio.run(converse()))
