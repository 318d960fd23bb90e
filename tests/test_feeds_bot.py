"""Feeds in the running bot: the real Application polls a site on 127.0.0.1 on its job queue; a feed that fails
is told to the moderator once over several rounds, the other one goes on and its new statement reaches a
follower once; /feeds says how each feed is doing."""

from __future__ import annotations

import asyncio
import ipaddress
import time

from tests.fake_telegram import MODERATOR, USER, FakeTelegram, running_bot, settings_for, to
from tests.feed_site import FeedSite, Item, Resource, rss
from tests.test_feeds import PRINCIPAL, page, write_feeds

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


async def say(fake: FakeTelegram, user: int, words: str, language: str = "fr") -> str:
    mark = fake.mark()
    await fake.send_text(user, words, language=language)
    return (await fake.wait_for("sendMessage", to(user), after=mark))["text"]


def messages_to(fake: FakeTelegram, chat: int, marker: str) -> list[str]:
    return [
        c.params["text"]
        for c in fake.calls
        if c.method == "sendMessage" and to(chat)(c.params) and marker in c.params["text"]
    ]


async def until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not done in time"
        await asyncio.sleep(0.05)


async def test_the_bot_polls_feeds_reports_a_failure_once_and_alerts_followers(
    fake, feed_site: FeedSite, tmp_path, data_dir
) -> None:
    settings = settings_for(
        fake, tmp_path, data_dir, feeds_interval=0.3, fetch_private_networks=LOOPBACK, fetch_host_delay=0.0
    )
    write_feeds(data_dir)  # none yet
    async with running_bot(settings):
        assert "No feed is enabled" in await say(fake, MODERATOR, "/feeds", "en")
        await say(fake, USER, f"/follow {PRINCIPAL.command('fr')}")
        feed_site.serve("/monde/1.html", Resource(page(1), "text/html; charset=utf-8"))
        entry = Item("urn:1", feed_site.url("/monde/1.html"), "Un", "2026-11-20")
        good = feed_site.serve("/rss.xml", Resource(rss([entry])))
        broken = feed_site.serve("/broken.xml", Resource(b"erreur", status=500))
        write_feeds(data_dir, (broken, "Le Veilleur", "fr"), (good, "La Gazette", "fr"))

        await until(lambda: feed_site.asked("/broken.xml") >= 3 and feed_site.asked("/rss.xml") >= 3)
        await until(lambda: len(messages_to(fake, USER, "🔔")) >= 1)
        reports = messages_to(fake, MODERATOR, "⚠️")
        assert len(reports) == 1, reports  # over three rounds and more: told once, in the moderator's language
        assert "The feed Le Veilleur" in reports[0] and "500" in reports[0] and broken in reports[0]
        alerts = messages_to(fake, USER, "🔔")
        assert len(alerts) == 1 and "apportera la prospérité" in alerts[0]

        listing = await say(fake, MODERATOR, "/feeds")
        assert listing.startswith("<b>Flux</b> (un tour toutes les 1 min)")
        lines = listing.split("\n• ")
        veilleur = next(line for line in lines if "Le Veilleur" in line)
        gazette = next(line for line in lines if "La Gazette" in line)
        assert "dernier succès : jamais" in veilleur and "⚠️ erreur" in veilleur and "500" in veilleur
        assert "dernier succès : " in gazette and "jamais" not in gazette and "erreur" not in gazette
        assert "réservé aux modérateurs" in await say(fake, USER, "/feeds")


async def test_a_failing_feed_is_reported_in_the_moderators_language_after_a_restart(
    fake, feed_site: FeedSite, tmp_path, data_dir
) -> None:
    settings = settings_for(
        fake, tmp_path, data_dir, feeds_interval=0.3, fetch_private_networks=LOOPBACK, fetch_host_delay=0.0
    )
    write_feeds(data_dir)
    async with running_bot(settings):
        assert "No feed is enabled" in await say(fake, MODERATOR, "/feeds", "en")
    broken = feed_site.serve("/broken.xml", Resource(b"erreur", status=500))
    write_feeds(data_dir, (broken, "Le Veilleur", "fr"))
    async with running_bot(settings):  # a new process: nothing of the first one's memory
        await until(lambda: len(messages_to(fake, MODERATOR, "⚠️")) >= 1)
        (report,) = messages_to(fake, MODERATOR, "⚠️")
        assert "The feed Le Veilleur" in report
