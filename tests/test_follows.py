"""Follows and alerts below the bot: the matching rules on plain data, what a build owes, the hourly limit
and the digest, and follows that survive a restart (a real SQLite file, the real extractor)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.follows import SPEAKER, WORDS, Follow, IndexedStatement, matches, new_statements, owed
from bot.core.registry import load_registry
from bot.core.text import normalise
from bot.library import FollowRefused, index_directory, owe_alerts_for_new_statements, parse_follow
from bot.library.follows import MAX_FOLLOWS, add_follow, due_deliveries
from bot.store import Store
from bot.store.store import FollowRow
from tests.conftest import DATA

REGISTRY = load_registry(DATA / "speakers.toml")
PRINCIPAL = REGISTRY.principals[1]
NEW_ARTICLE = (
    "Une usine de tracteurs à Pyongyang\n\n"
    f"« Cette usine fera la fierté de notre peuple », a déclaré {PRINCIPAL.name} lors de la cérémonie.\n\n"
    "« Nos deux pays sont des partenaires fiables », a déclaré Sergueï Lavrov, présent à la cérémonie.\n"
)
VARIANT = (
    "Pyongyang : une nouvelle usine\n\n"
    f"« Cette usine fera la fierté de tout notre peuple », a affirmé {PRINCIPAL.name}.\n"
)


def statement(speaker: str, *texts: str, article: str = "a.txt") -> IndexedStatement:
    return IndexedStatement(speaker, article, normalise(texts[0]), frozenset(normalise(t) for t in texts), texts)


# ---- the rules, on plain data ------------------------------------------------------------------


def test_a_speakers_follow_matches_that_speakers_statements_only() -> None:
    follow = Follow(SPEAKER, "kim")
    assert matches(follow, statement("kim", "Nous bâtirons"))
    assert not matches(follow, statement("putin", "Nous bâtirons"))
    assert not matches(follow, statement("other:Kim", "Nous bâtirons"))


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        ("fierté du peuple", "Cette usine fera la FIERTE DU PEUPLE.", True),  # case and accents aside
        ("fierte du peuple", "la fierté du peuple", True),
        ("gaz", "Le gaz russe arrivera", True),
        ("gaz", "Le gazoduc arrivera", False),  # whole words
        ("peuple fierte", "la fierté du peuple", False),  # in that order
        ("l'Europe", "l’Europe paiera", True),  # apostrophes folded
    ],
)
def test_a_follow_of_words_matches_those_words_in_order(words, text, expected) -> None:
    target = parse_follow(f"« {words} »", REGISTRY)
    assert target is not None and target.follow.kind == WORDS
    assert matches(target.follow, statement("putin", text)) is expected


def test_a_follow_of_words_matches_any_wording_of_a_statement() -> None:
    follow = Follow(WORDS, "gaz")
    assert matches(follow, statement("putin", "Nous livrerons l'énergie", "Nous livrerons le gaz"))


def test_what_a_follow_argument_names() -> None:
    for principal in REGISTRY.principals:
        for command in (*principal.every_command, f"/{principal.command('fr')}", principal.id.upper()):
            target = parse_follow(command, REGISTRY)
            assert target is not None and target.follow == Follow(SPEAKER, principal.id), command
    quoted = parse_follow(f"« {PRINCIPAL.command('fr')} »", REGISTRY)  # in quotation marks: the word itself
    assert quoted is not None and quoted.follow == Follow(WORDS, PRINCIPAL.command("fr"))
    unquoted = parse_follow("  Fierté   du peuple ", REGISTRY)
    assert unquoted is not None and unquoted.follow == Follow(WORDS, "fierte du peuple")
    assert unquoted.shown == "Fierté du peuple"
    assert parse_follow('"gaz"', REGISTRY) == parse_follow("gaz", REGISTRY)
    for nothing in ("", "   ", "« »", '""', "!!!"):
        assert parse_follow(nothing, REGISTRY) is None, nothing
    with pytest.raises(FollowRefused):
        parse_follow("mot " * 40, REGISTRY)


def test_a_statement_is_new_only_when_none_of_its_texts_was_known() -> None:
    known = {"nous batirons"}
    fresh = statement("kim", "Une usine neuve")
    grown = statement("kim", "Nous bâtirons", "Nous bâtirons encore")  # a new wording joined a known statement
    assert new_statements(known, [fresh, grown]) == [fresh]


def test_each_statement_is_owed_once_to_a_chat_whatever_follows_match() -> None:
    s = statement("kim", "Le gaz arrivera")
    gas = Follow(WORDS, "gaz")
    follows = [(1, Follow(SPEAKER, "kim")), (1, gas), (2, gas), (3, Follow(WORDS, "x"))]
    found = owed(follows, [s])
    assert [(o.chat, o.follow) for o in found] == [(1, Follow(SPEAKER, "kim")), (2, Follow(WORDS, "gaz"))]


# ---- the store and the library -----------------------------------------------------------------


async def add_article(store: Store, data: Path, extractor, name: str, text: str) -> int:
    """What an upload does: the article written and indexed, then the alerts its new statements owe."""
    known = await store.known_norms()
    (data / "articles" / name).write_text(text, encoding="utf-8")
    await index_directory(store, data, extractor)
    return await owe_alerts_for_new_statements(store, known, now=1000.0)


@pytest.fixture
async def indexed(tmp_path, extractor):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    store = await Store.open(tmp_path / "q.sqlite3")
    await index_directory(store, data, extractor)
    yield store, data
    await store.close()


def follower(chat: int, follow: Follow, shown: str = "") -> FollowRow:
    return FollowRow(chat, True, "fr", follow.kind, follow.value, shown or follow.value)


async def test_new_statements_are_owed_once_and_variants_or_known_ones_never(indexed, extractor) -> None:
    store, data = indexed
    await store.add_follow(follower(1, Follow(SPEAKER, PRINCIPAL.id)))
    await store.add_follow(follower(2, Follow(WORDS, "partenaires fiables")))
    await store.add_follow(follower(3, Follow(WORDS, "devoir fraternel")))  # in a bundled article: known
    assert await add_article(store, data, extractor, "usine.txt", NEW_ARTICLE) == 2
    owed_now = {(a.chat_id, a.follow_value) for a in await store.owed_alerts()}
    assert owed_now == {(1, PRINCIPAL.id), (2, "partenaires fiables")}
    assert await add_article(store, data, extractor, "usine-bis.txt", NEW_ARTICLE) == 0  # the same again
    assert await add_article(store, data, extractor, "variante.txt", VARIANT) == 0  # another wording of it
    assert len(await store.owed_alerts()) == 2


async def test_cards_within_the_hourly_limit_and_the_rest_in_one_digest(indexed, extractor) -> None:
    store, data = indexed
    await store.add_follow(follower(1, Follow(WORDS, "usine")))
    await store.add_follow(follower(1, Follow(WORDS, "partenaires")))
    await store.add_follow(follower(1, Follow(WORDS, "tracteurs")))
    more = NEW_ARTICLE + f"\n« Nos tracteurs laboureront chaque champ », a ajouté {PRINCIPAL.name}.\n"
    assert await add_article(store, data, extractor, "usine.txt", more) == 3
    first = await due_deliveries(store, per_hour=2, now=1000.0, digest=False)
    assert [d.digest for d in first] == [False, False]
    for delivery in first:
        await store.mark_alerts_sent(delivery.alerts, "card", 1000.0)
    assert await due_deliveries(store, per_hour=2, now=1001.0, digest=False) == []  # no room left this hour
    (digest,) = await due_deliveries(store, per_hour=2, now=1002.0, digest=True)
    assert digest.digest and len(digest.statements) == 1 and digest.chat_id == 1
    await store.mark_alerts_sent(digest.alerts, "digest", 1002.0)
    assert await due_deliveries(store, per_hour=2, now=1003.0, digest=True) == []
    assert await store.cards_sent_since(1, 1000.0 - 3600) == 2


async def test_a_chat_follows_a_bounded_number_of_things(indexed) -> None:
    store, _ = indexed
    for n in range(MAX_FOLLOWS):
        target = parse_follow(f"mot{n}", REGISTRY)
        assert target is not None and await add_follow(store, 5, True, "fr", target)
    again = parse_follow("mot0", REGISTRY)
    assert again is not None and not await add_follow(store, 5, True, "en", again)  # already followed: fine
    with pytest.raises(FollowRefused):
        extra = parse_follow("encore", REGISTRY)
        assert extra is not None
        await add_follow(store, 5, True, "fr", extra)
    assert {row.language for row in await store.follows(5)} == {"en"}  # the chat's latest language


async def test_follows_and_owed_alerts_survive_a_restart(tmp_path, extractor) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = tmp_path / "q.sqlite3"
    store = await Store.open(path)
    await index_directory(store, data, extractor)
    await store.add_follow(follower(1, Follow(SPEAKER, PRINCIPAL.id)))
    await store.add_follow(follower(2, Follow(WORDS, "fierte de notre peuple"), "fierté de notre peuple"))
    assert await add_article(store, data, extractor, "usine.txt", NEW_ARTICLE) == 2
    await store.close()

    reopened = await Store.open(path)
    try:
        rows = await reopened.follows()
        assert [(r.chat_id, r.kind, r.value, r.shown) for r in rows] == [
            (1, SPEAKER, PRINCIPAL.id, PRINCIPAL.id),
            (2, WORDS, "fierte de notre peuple", "fierté de notre peuple"),
        ]
        deliveries = await due_deliveries(reopened, per_hour=3, now=2000.0, digest=False)
        assert sorted(d.chat_id for d in deliveries) == [1, 2]
        assert all("fierté de notre peuple" in d.statements[0].text for d in deliveries)
        assert await reopened.remove_follows(1, None) == 1
        assert [a.chat_id for a in await reopened.owed_alerts()] == [2]  # chat 1's owed alert went with it
    finally:
        await reopened.close()


def test_alert_and_feed_settings_are_read_and_checked(tmp_path) -> None:
    from bot.config import ConfigError, load_settings

    none = tmp_path / "no.env"
    defaults = load_settings({}, env_file=none)
    assert (defaults.alerts_per_hour, defaults.digest_interval, defaults.feeds_interval) == (3, 3600.0, 1800.0)
    chosen = {"QUOTEBOT_ALERTS_PER_HOUR": "5", "QUOTEBOT_DIGEST_MINUTES": "15", "QUOTEBOT_FEEDS_MINUTES": "10"}
    settings = load_settings(chosen, env_file=none)
    assert (settings.alerts_per_hour, settings.digest_interval, settings.feeds_interval) == (5, 900.0, 600.0)
    wrong = (("QUOTEBOT_ALERTS_PER_HOUR", "0"), ("QUOTEBOT_DIGEST_MINUTES", "soon"), ("QUOTEBOT_FEEDS_MINUTES", "1"))
    for key, value in wrong:
        with pytest.raises(ConfigError, match=key):
            load_settings({key: value}, env_file=none)


async def test_quotebot_add_owes_the_new_statements_to_followers(tmp_path, extractor, monkeypatch) -> None:
    import asyncio

    from bot.cli import main

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    db = tmp_path / "q.sqlite3"
    store = await Store.open(db)
    await index_directory(store, data, extractor)
    await store.add_follow(follower(1, Follow(SPEAKER, PRINCIPAL.id)))
    await store.close()
    article = tmp_path / "usine.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    monkeypatch.setenv("QUOTEBOT_MEANING", "off")
    monkeypatch.chdir(tmp_path)
    assert await asyncio.to_thread(main, ["add", "--db", str(db), "--data", str(data), str(article)]) == 0
    store = await Store.open(db)
    try:
        assert [(a.chat_id, a.follow_value) for a in await store.owed_alerts()] == [(1, PRINCIPAL.id)]
    finally:
        await store.close()
