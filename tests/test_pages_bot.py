"""Links and pages through the real Application and the fake Bot API (issue 13): a moderator sends a link and
gets the article's card with its quotations' ids; sending it again says it is already there; whatever fails
is one clear line and changes nothing. Pages come from a news site on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import pytest

from tests.fake_telegram import MODERATOR, USER, FakeTelegram, running_bot, settings_for, to
from tests.news_site import PAGES, NewsSite

LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


async def say(fake: FakeTelegram, user: int, words: str, language: str = "fr") -> str:
    mark = fake.mark()
    await fake.send_text(user, words, language=language)
    return (await fake.wait_for("sendMessage", to(user), after=mark, timeout=60))["text"]


def html_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "articles").iterdir() if p.suffix == ".html")


@pytest.fixture
async def page_bot(fake: FakeTelegram, tmp_path: Path, data_dir: Path):
    """The bot, allowed to fetch from 127.0.0.1 (the news site) with no delay between requests."""
    settings = settings_for(
        fake, tmp_path, data_dir, fetch_private_networks=LOOPBACK, fetch_host_delay=0.0, fetch_timeout=2.0
    )
    async with running_bot(settings) as application:
        yield application


@pytest.mark.parametrize(
    ("language", "added", "already", "date"),
    [
        ("fr", "Page ajoutée", "Déjà indexée", "14 novembre 2026"),
        ("en", "Page added", "Already indexed", "14 November 2026"),
    ],
)
async def test_a_moderator_sends_a_link_and_gets_the_article(
    fake, page_bot, site: NewsSite, data_dir: Path, language: str, added: str, already: str, date: str
) -> None:
    url = site.url("/ministre-eau.html")
    card = await say(fake, MODERATOR, url, language)
    assert card.startswith(added), card
    assert "<b>Sécheresse : la ministre Hélène Garnier promet « des mesures dès cet été »</b>" in card
    assert f"Le Courrier de l'Ouest-Lointain · {date}" in card
    assert "Nous ne laisserons pas les agriculteurs seuls" in card and "Hélène Garnier" in card
    ids = re.findall(r"<code>(q?\d+)</code>", card)
    assert len(ids) >= 3, card
    assert len(html_files(data_dir)) == 1
    again = await say(fake, MODERATOR, f"/add {url}", language)
    assert again.startswith(already) and re.findall(r"<code>(q?\d+)</code>", again) == ids
    assert len(html_files(data_dir)) == 1
    # the ids are the ones moderators' commands take
    hidden = await say(fake, MODERATOR, f"/hide {ids[0]}", language)
    assert ids[0] in hidden


async def test_what_fails_is_one_line_and_changes_nothing(fake, page_bot, site: NewsSite, data_dir: Path) -> None:
    for path, reason in [
        ("/missing", "la page n'existe pas (404)"),
        ("/broken", "le site a répondu par une erreur (500)"),
        ("/document.pdf", "ce n'est pas une page web mais « application/pdf »"),
        ("/loop/a", "les redirections tournent en rond"),
        ("/private/ministre-eau.html", "le site l'interdit aux robots (robots.txt)"),
        ("/slow", "le site a mis trop de temps à répondre"),
        ("/redirect?to=http://10.0.0.1/", "l'adresse mène à un réseau privé ou local, que je ne lis pas"),
    ]:
        reply = await say(fake, MODERATOR, f"/add {site.url(path)}")
        assert reply == f"Page refusée : {reason}. Rien n'a été enregistré.", (path, reply)
    assert await say(fake, MODERATOR, "/add ftp://example.org/a") == (
        "Page refusée : seules les adresses http:// et https:// sont lues. Rien n'a été enregistré."
    )
    assert (await say(fake, MODERATOR, "/add")).startswith("Usage : /add URL")
    no_article = site.serve("/vide.html", b"<html><body><nav><a href='/'>Accueil</a></nav></body></html>")
    assert "je n'y trouve pas d'article" in await say(fake, MODERATOR, no_article)
    assert html_files(data_dir) == []
    listing = await say(fake, MODERATOR, "/articles")
    assert ".html" not in listing


async def test_private_addresses_are_refused_by_default(fake, tmp_path: Path, data_dir: Path, site: NewsSite) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        reply = await say(fake, MODERATOR, site.url("/ministre-eau.html"))
    assert "réseau privé ou local" in reply
    assert site.requests == []  # refused before connecting


async def test_a_link_from_anyone_else_is_only_words(fake, page_bot, site: NewsSite, data_dir: Path) -> None:
    reply = await say(fake, USER, site.url("/ministre-eau.html"))
    assert "Page" not in reply and site.requests == []
    refused = await say(fake, USER, f"/add {site.url('/ministre-eau.html')}")
    assert "modérateurs" in refused and site.requests == [] and html_files(data_dir) == []


async def test_a_moderator_uploads_a_page(fake, page_bot, data_dir: Path) -> None:
    mark = fake.mark()
    await fake.send_document(MODERATOR, "budget.html", (PAGES / "budget-byline.html").read_bytes())
    card = (await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60))["text"]
    assert card.startswith("Page ajoutée") and "La Gazette du Plateau · 3 octobre 2026" in card, card
    assert "Chacun contribuera selon ses moyens" in card
    assert len(html_files(data_dir)) == 1
