"""Follows and alerts end to end: the real Application against the fake Bot API over real HTTP. A moderator
uploads an article with new statements; followers get each one once, within their hourly limit, the rest
in a digest; a user who blocked the bot is unsubscribed."""

from __future__ import annotations

import asyncio
import ipaddress
import sqlite3
import time
from pathlib import Path

import pytest

from bot.core.registry import load_registry
from tests.conftest import BOTH_STORES, DATA
from tests.fake_telegram import MODERATOR, USER, FakeTelegram, running_bot, settings_for, to
from tests.feed_site import news_page

REGISTRY = load_registry(DATA / "speakers.toml")
PRINCIPAL = REGISTRY.principals[1]
SECOND = 8
BLOCKER = 9
ARTICLE = (
    "Une usine de tracteurs à Pyongyang\n\n"
    f"« Cette usine fera la fierté de notre peuple », a déclaré {PRINCIPAL.name} lors de la cérémonie.\n\n"
    f"« Nos tracteurs laboureront chaque champ de la patrie », a ajouté {PRINCIPAL.name}.\n\n"
    "« Nos deux pays sont des partenaires fiables », a déclaré Sergueï Lavrov, le ministre russe des Affaires "
    "étrangères, présent à la cérémonie.\n\n"
    "« La coopération entre nos deux pays ne cessera de grandir », a ajouté Sergueï Lavrov.\n"
).encode()
VARIANT = (
    "Pyongyang : une nouvelle usine\n\n"
    f"« Cette usine fera la fierté de tout notre peuple », a affirmé {PRINCIPAL.name}.\n"
).encode()


async def say(fake: FakeTelegram, user: int, words: str, language: str = "fr") -> str:
    mark = fake.mark()
    await fake.send_text(user, words, language=language)
    return (await fake.wait_for("sendMessage", to(user), after=mark))["text"]


async def upload(fake: FakeTelegram, name: str, data: bytes) -> str:
    mark = fake.mark()
    await fake.send_document(MODERATOR, name, data)
    return (await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60))["text"]


def alerts_to(fake: FakeTelegram, chat: int) -> list[str]:
    return [c.params["text"] for c in fake.calls if c.method == "sendMessage" and to(chat)(c.params) and "🔔" in
            c.params["text"]]  # fmt: skip


async def until(condition, timeout: float = 20.0) -> None:
    """Wait for something the bot does on its own (a job) to be done."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not done in time"
        await asyncio.sleep(0.05)


def follows_of(db: Path, chat: int) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM follows WHERE chat_id = ?", (chat,)).fetchone()[0]
    finally:
        connection.close()


async def test_followers_get_each_new_statement_once_and_the_rest_in_a_digest(fake, tmp_path, data_dir) -> None:
    settings = settings_for(fake, tmp_path, data_dir, alerts_per_hour=2, digest_interval=0.5)
    async with running_bot(settings):
        command = PRINCIPAL.command("fr")
        assert "ne suivez rien" in await say(fake, USER, "/following")
        assert PRINCIPAL.display_name("fr") in await say(fake, USER, f"/follow {command}")
        assert "déjà" in await say(fake, USER, f"/follow /{command}")
        assert PRINCIPAL.display_name("en") in await say(fake, SECOND, f"/follow {command}", "en")
        assert "“Nos deux pays”" in await say(fake, SECOND, "/follow « Nos deux pays »", "en")
        assert PRINCIPAL.display_name("fr") in await say(fake, BLOCKER, f"/follow {command}")
        listing = await say(fake, SECOND, "/following", "en")
        assert f"/unfollow {PRINCIPAL.command('en')}" in listing and "At most 2 alerts an hour" in listing
        fake.blocked.add(BLOCKER)

        assert "4 citations" in await upload(fake, "usine.txt", ARTICLE)
        # the first follower: both new statements of the principal, as cards, once
        await until(lambda: len(alerts_to(fake, USER)) == 2)
        cards = alerts_to(fake, USER)
        assert all(f"vous suivez les déclarations de {PRINCIPAL.display_name('fr')}" in card for card in cards)
        assert all("Rapporté par" in card and "média inconnu" in card for card in cards)  # the answer's card
        assert any("fierté de notre peuple" in card for card in cards)
        assert any("laboureront chaque champ" in card for card in cards)
        # the second: four statements, two cards in the hour, then the other two in one digest
        await until(lambda: any("New statements" in a for a in alerts_to(fake, SECOND)))
        second = alerts_to(fake, SECOND)
        digest = next(a for a in second if "New statements" in a)
        assert len(second) == 3 and digest.count("• ") == 2, second
        assert "(2)" in digest
        for words in ("fierté de notre peuple", "laboureront", "partenaires fiables", "ne cessera de grandir"):
            assert sum(a.count(words) for a in second) == 1, (words, second)  # each statement once
        # the one who blocked the bot is unsubscribed
        await until(lambda: follows_of(tmp_path / "bot.sqlite3", BLOCKER) == 0)

        # the same article again, and another wording of it: nothing new to tell
        await upload(fake, "usine.txt", ARTICLE)
        await upload(fake, "usine-bis.txt", ARTICLE)
        await upload(fake, "variante.txt", VARIANT)
        connection = sqlite3.connect(tmp_path / "bot.sqlite3")
        owed = connection.execute("SELECT chat_id, COUNT(*) FROM alerts GROUP BY chat_id ORDER BY chat_id").fetchall()
        connection.close()
        assert owed == [(USER, 2), (SECOND, 4)]  # owed once each, the blocker's gone with its follows
        fake.blocked.clear()
        assert "ne suivez rien" in await say(fake, BLOCKER, "/following")
        assert len(alerts_to(fake, USER)) == 2


@pytest.mark.parametrize("language", ["fr", "en"])
@BOTH_STORES
async def test_unfollow_one_or_all_and_usage(fake, bot, language) -> None:
    command = PRINCIPAL.command(language)
    assert "/follow" in await say(fake, USER, "/follow", language)  # no argument: how to
    assert "/unfollow" in await say(fake, USER, "/unfollow", language)
    too_long = "mot " * 40
    assert "100" in await say(fake, USER, f"/follow {too_long}", language)  # one clear line, never a traceback
    assert "100" in await say(fake, USER, f"/unfollow {too_long}", language)
    await say(fake, USER, f"/follow {command}", language)
    await say(fake, USER, '/follow "gaz"', language)
    ended = await say(fake, USER, f"/unfollow {command}", language)
    assert PRINCIPAL.display_name(language) in ended
    assert ("ne suiviez pas" if language == "fr" else "were not following") in await say(
        fake, USER, f"/unfollow {command}", language
    )
    listing = await say(fake, USER, "/following", language)
    assert "gaz" in listing and PRINCIPAL.display_name(language) not in listing
    everything = "tout" if language == "fr" else "all"
    assert "(1 " in await say(fake, USER, f"/unfollow {everything}", language)
    assert ("ne suivez rien" if language == "fr" else "follow nothing") in await say(
        fake, USER, "/following", language
    )


async def test_a_group_that_refuses_an_alert_keeps_its_follows(fake, tmp_path, data_dir) -> None:
    group = -100
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        mark = fake.mark()
        await fake.send_text(USER, f"/follow {PRINCIPAL.command('fr')}", chat_id=group)
        await fake.wait_for("sendMessage", to(group), after=mark)
        fake.blocked.add(group)
        await upload(fake, "usine.txt", ARTICLE)
        await fake.wait_for("sendMessage", to(group), after=mark + 1)  # the alert, refused with 403
        await until(lambda: _alerts(tmp_path / "bot.sqlite3", group) == 0)  # dropped, not sent again
        assert follows_of(tmp_path / "bot.sqlite3", group) == 1


def _alerts(db: Path, chat: int) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT COUNT(*) FROM alerts WHERE chat_id = ?", (chat,)).fetchone()[0]
    finally:
        connection.close()


PAGE = news_page(
    "Pyongyang inaugure un barrage géant",
    "2026-11-20",
    "Le barrage, construit en trois ans sur le fleuve Taedong, doit alimenter la capitale en électricité.",
    f"« Ce barrage apportera la lumière à chaque foyer de la capitale », a déclaré {PRINCIPAL.name} devant les "
    "ouvriers réunis pour la cérémonie d'inauguration.",
    "Les ingénieurs ont travaillé jour et nuit pendant les derniers mois du chantier, selon la presse officielle.",
)


async def test_a_page_a_moderator_links_alerts_its_followers_once(fake, site, tmp_path, data_dir) -> None:
    settings = settings_for(
        fake, tmp_path, data_dir, fetch_private_networks=(ipaddress.ip_network("127.0.0.1/32"),), fetch_host_delay=0.0
    )
    async with running_bot(settings):
        await say(fake, USER, f"/follow {PRINCIPAL.command('fr')}")
        url = site.serve("/monde/barrage.html", PAGE)
        mark = fake.mark()
        await fake.send_text(MODERATOR, url)
        assert "lumière à chaque foyer" in (await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60))[
            "text"
        ]
        await until(lambda: len(alerts_to(fake, USER)) == 1)
        assert "lumière à chaque foyer" in alerts_to(fake, USER)[0]
        mark = fake.mark()
        await fake.send_text(MODERATOR, f"/add {url}")  # already there: nothing new
        await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60)
        assert _alerts(tmp_path / "bot.sqlite3", USER) == 1


async def test_follows_made_before_a_restart_still_alert(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        await say(fake, USER, f"/follow {PRINCIPAL.command('fr')}")
    async with running_bot(settings_for(fake, tmp_path, data_dir)):  # the same database file, a new process
        assert PRINCIPAL.display_name("fr") in await say(fake, USER, "/following")
        await upload(fake, "usine.txt", ARTICLE)
        await until(lambda: len(alerts_to(fake, USER)) == 2)


async def test_statements_another_process_added_reach_followers_without_a_digest(
    fake, tmp_path, data_dir, monkeypatch
) -> None:
    from bot.cli import main
    from bot.telegram import follows

    monkeypatch.setattr(follows, "OWED_CHECK_SECONDS", 0.2)
    monkeypatch.setenv("QUOTEBOT_MEANING", "off")
    settings = settings_for(fake, tmp_path, data_dir, digest_interval=3600.0)
    article = tmp_path / "usine.txt"
    article.write_bytes(ARTICLE)
    async with running_bot(settings):
        await say(fake, USER, f"/follow {PRINCIPAL.command('fr')}")
        cli = ["add", "--db", str(settings.db), "--data", str(data_dir), str(article)]
        assert await asyncio.to_thread(main, cli) == 0  # quotebot add, as from cron, beside the running bot
        await until(lambda: len(alerts_to(fake, USER)) == 2)
        assert any("fierté de notre peuple" in alert for alert in alerts_to(fake, USER))
