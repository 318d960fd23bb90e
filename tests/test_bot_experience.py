"""The bot as people expect a good bot to be (issue 12), in French and in English: the real Application
against the fake Bot API, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CommandHandler

from bot.core.registry import load_registry
from bot.library.service import READABLE_CHARS, READABLE_KIND
from tests.conftest import DATA, ROOT
from tests.fake_telegram import MODERATOR, USER, FakeTelegram, running_bot, settings_for, to

LANGUAGES = ["fr", "en"]
REGISTRY = load_registry(DATA / "speakers.toml")
MODERATOR_COMMANDS = {"feeds", "add", "reindex", "hide", "unhide", "speaker", "outlet", "articles", "audit", "export"}
ARTICLE = (
    "Kim Jong-un inaugure une usine de tracteurs à Pyongyang\n\n"
    "Les ouvriers, que la presse appelle les « héros du travail de la patrie », ont applaudi longuement.\n\n"
    "« Cette usine fera la fierté de notre peuple », a déclaré Kim Jong-un lors de la cérémonie.\n\n"
    "« Nos deux pays sont des partenaires fiables », a déclaré Sergueï Lavrov, le ministre russe des Affaires "
    "étrangères, présent à la cérémonie.\n"
).encode()


async def ask(fake: FakeTelegram, user: int, words: str, language: str = "fr") -> dict:
    mark = fake.mark()
    await fake.send_text(user, words, language=language)
    return await fake.wait_for("sendMessage", to(user), after=mark)


def quote_of(card: str) -> str:
    """The statement's words on a card: the line after the speaker, without its quotation marks."""
    return card.split("\n\n")[0].split("\n", 1)[1].strip("«»“” ")


def statement_id(card: str) -> int:
    found = re.search(r"<code>#(\d+)</code>", card)
    assert found is not None, card
    return int(found.group(1))


def buttons(sent: dict) -> list[str]:
    return [b["callback_data"] for row in sent.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def menus(fake: FakeTelegram) -> dict[tuple[str, int | None, str | None], list[dict[str, Any]]]:
    """Every menu the bot set: (scope, chat, language) -> its commands."""
    found = {}
    for call in fake.calls:
        if call.method == "setMyCommands":
            scope = call.params.get("scope") or {"type": "default"}
            key = (scope["type"], scope.get("chat_id"), call.params.get("language_code"))
            found[key] = call.params["commands"]
    return found


def names(commands: list[dict[str, Any]]) -> set[str]:
    return {c["command"] for c in commands}


async def press(fake: FakeTelegram, sent: dict, data: str, language: str) -> int:
    mark = fake.mark()
    await fake.press(int(sent["chat_id"]), fake.sent(sent), data, language=language)
    return mark


# ---- users -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
async def test_scores_and_ids_are_shown_to_moderators_only(fake, bot, language) -> None:
    user = (await ask(fake, USER, "devoir fraternel", language))["text"]
    assert "score" not in user and "#" not in user and "1/1" not in user
    moderator = (await ask(fake, MODERATOR, "devoir fraternel", language))["text"]
    assert re.search(r"score \d+", moderator) and statement_id(moderator) > 0
    picked = (await ask(fake, USER, "/kim", language))["text"]
    assert "score" not in picked and "#" not in picked
    picked = (await ask(fake, MODERATOR, "/kim", language))["text"]
    assert statement_id(picked) > 0 and "score" not in picked  # a random pick has no score to show


@pytest.mark.parametrize("language", LANGUAGES)
async def test_random_picks_are_whole_statements_worth_reading(fake, bot, tmp_path, language) -> None:
    database = sqlite3.connect(tmp_path / "bot.sqlite3")
    low, high = READABLE_CHARS
    for principal in REGISTRY.principals:
        for _ in range(10):
            card = (await ask(fake, MODERATOR, f"/{principal.command(language)}", language))["text"]
            assert principal.display_name(language) in card
            assert len(quote_of(card)) >= low, card  # never a fragment like « chagrin »
            whole = database.execute(
                "SELECT COUNT(*) FROM quotations WHERE statement_id = ? AND kind = ? AND LENGTH(text) BETWEEN ? AND ?",
                (statement_id(card), READABLE_KIND, low, high),
            ).fetchone()[0]
            assert whole > 0, card
    database.close()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_each_outlets_wording_only_when_the_wordings_differ(fake, bot, language) -> None:
    several = await ask(fake, USER, "nous n'oublierons jamais les sacrifices", language)
    assert buttons(several) == ["wd:0"]
    mark = await press(fake, several, "wd:0", language)
    wordings = (await fake.wait_for("sendMessage", to(USER), after=mark))["text"]
    assert wordings.count("\n• ") + wordings.startswith("• ") >= 2 and wordings.count("sacrifices") >= 2
    one = await ask(fake, USER, "je suis ravi de vous rencontrer de nouveau", language)  # one article, one wording
    assert "Je suis ravi" in one["text"] and buttons(one) == []
    # one article quoting a sentence and a fragment of it: the button would only add the fragment
    fragment = await ask(fake, USER, "je suis convaincu que nous allons continuer à renforcer la coopération", language)
    assert "pour le bien de nos peuples" in fragment["text"] and buttons(fragment) == []


@pytest.mark.parametrize(
    ("language", "label"), [("fr", "média inconnu, article « "), ("en", "unknown outlet, article “")]
)
async def test_an_unknown_outlet_has_a_short_honest_label(fake, bot, tmp_path, language, label) -> None:
    card = (await ask(fake, USER, "nous n'oublierons jamais les sacrifices", language))["text"]
    titles = [
        row[0]
        for row in sqlite3.connect(tmp_path / "bot.sqlite3").execute("SELECT title FROM articles WHERE outlet IS NULL")
    ]
    shown = [line.split(label, 1)[1].rstrip("»” ·").split("…")[0] for line in card.splitlines() if label in line]
    assert len(shown) == 2 and "?" not in card
    for title in shown:  # cut at a word: the real title goes on with a space
        assert any(t.startswith(title) and t[len(title)] == " " for t in titles), (title, titles)
        assert len(title) <= 40
    mark = fake.mark()
    await fake.inline(USER, "nous n'oublierons jamais les sacrifices", language=language)
    results = (await fake.wait_for("answerInlineQuery", after=mark))["results"]
    description = results[0]["description"]
    assert "?" not in description and "SadaNews" in description
    assert ("2 articles de média inconnu" if language == "fr" else "2 articles by unknown outlets") in description


@pytest.mark.parametrize(
    ("language", "day", "month"), [("fr", "3 septembre 2025", "mai 2024"), ("en", "3 September 2025", "May 2024")]
)
async def test_dates_are_written_as_readers_write_them(fake, bot, language, day, month) -> None:
    card = (await ask(fake, USER, "devoir fraternel", language))["text"]
    assert day in card and "2025-09-03" not in card
    mark = fake.mark()
    await fake.send_document(MODERATOR, "usine.txt", ARTICLE, caption="Pyongyang Times | | 2024-05")
    await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60)
    card = (await ask(fake, USER, "cette usine fera la fierte de notre peuple", language))["text"]
    assert f"Pyongyang Times · {month}" in card and "2024-05" not in card
    listing = (await ask(fake, MODERATOR, "/articles", language))["text"]
    assert day in listing and month in listing and "2025-09-03" not in listing


async def test_command_menus_per_language_and_scope(fake, bot) -> None:
    found = menus(fake)
    french, english = found[("default", None, None)], found[("default", None, "en")]
    everyone = {"start", "help", "sources", "timeline", "follow", "unfollow", "following"}
    assert everyone | {"poutine", "kim"} == names(french)
    assert everyone | {"putin", "kim"} == names(english)
    described = {c["command"]: c["description"] for c in french + english}
    assert "Vladimir Poutine" in next(c["description"] for c in french if c["command"] == "poutine")
    assert "Vladimir Putin" in next(c["description"] for c in english if c["command"] == "putin")
    assert all(3 <= len(d) <= 256 for d in described.values())
    moderator_french, moderator_english = found[("chat", MODERATOR, None)], found[("chat", MODERATOR, "en")]
    assert names(moderator_french) == names(french) | MODERATOR_COMMANDS
    assert names(moderator_english) == names(english) | MODERATOR_COMMANDS
    assert {key[1] for key in found} == {None, MODERATOR}  # moderators' commands in their own chats only
    # every command of every menu is one the bot answers
    for language, menu in (("fr", moderator_french), ("en", moderator_english)):
        # /timeline and /export answer with a photo or a file: tests/test_timeline_bot.py asks them
        for command in sorted(names(menu) - {"reindex", "timeline", "export"}):
            reply = (await ask(fake, MODERATOR, f"/{command}", language))["text"]
            assert "ne connais pas" not in reply and "don't know" not in reply, command


async def test_a_menu_telegram_refuses_leaves_the_others_set(fake, tmp_path, data_dir) -> None:
    # the first moderator never opened a chat with the bot: Telegram refuses their French menu
    fake.faults["setMyCommands"] = [None, None, (400, {"description": "Bad Request: chat not found"})]
    async with running_bot(settings_for(fake, tmp_path, data_dir, admin_ids=frozenset({MODERATOR, 43}))):
        found = menus(fake)
        assert ("chat", MODERATOR, None) not in found and ("chat", MODERATOR, "en") in found
        assert names(found[("chat", 43, None)]) == names(found[("default", None, None)]) | MODERATOR_COMMANDS
        assert "Kim Jong-un" in (await ask(fake, USER, "devoir fraternel"))["text"]


@pytest.mark.parametrize(("language", "greeting"), [("fr", "Bonjour User7 !"), ("en", "Hello User7!")])
async def test_start_greets_and_each_of_its_examples_finds_a_statement(fake, bot, language, greeting) -> None:
    start = (await ask(fake, USER, "/start", language))["text"]
    assert start.startswith(greeting)
    examples = re.findall(r"<code>(.*?)</code>", start)
    assert len(examples) >= 3
    for example in examples:
        card = (await ask(fake, USER, example.replace("&#x27;", "'"), language))["text"]
        assert ("Rapporté par" if language == "fr" else "Carried by") in card, (example, card)
    assert start != (await ask(fake, USER, "/help", language))["text"]


def handled_commands(application, language: str) -> set[str]:
    """Every command the Application answers, a principal's under its name in this language."""
    handled = {c for group in application.handlers.values() for h in group if isinstance(h, CommandHandler)
               for c in h.commands}  # fmt: skip
    for principal in REGISTRY.principals:
        handled = handled - set(principal.every_command) | {principal.command(language)}
    return handled


@pytest.mark.parametrize("language", LANGUAGES)
async def test_help_lists_every_command_and_the_moderators_part_for_moderators_only(fake, bot, language) -> None:
    handled = handled_commands(bot, language)
    assert handled > MODERATOR_COMMANDS and len(handled - MODERATOR_COMMANDS) >= 4
    user = (await ask(fake, USER, "/help", language))["text"]
    assert {c for c in handled if f"/{c}" in user} == handled - MODERATOR_COMMANDS
    moderator = (await ask(fake, MODERATOR, "/help", language))["text"]
    assert {c for c in handled if f"/{c}" in moderator} == handled
    assert ("Modération" if language == "fr" else "Moderation") in moderator
    found = menus(fake)  # the menus say the same
    code = None if language == "fr" else language
    assert names(found[("default", None, code)]) == handled - MODERATOR_COMMANDS
    assert names(found[("chat", MODERATOR, code)]) == handled


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_empty_inline_query_offers_statements_and_a_button_to_the_bot(fake, bot, language) -> None:
    mark = fake.mark()
    await fake.inline(USER, "", language=language)
    answered = await fake.wait_for("answerInlineQuery", after=mark)
    results = answered["results"]
    assert 1 <= len(results) <= 5
    speakers = tuple(p.display_name(language) for p in REGISTRY.principals)
    for result in results:
        assert result["title"].startswith(speakers) and "?" not in result["description"]
        message = result["input_message_content"]["message_text"]
        assert "score" not in message and "#" not in message
        assert len(quote_of(message)) >= READABLE_CHARS[0]
    assert answered["button"]["start_parameter"] and answered["button"]["text"]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_sticker_a_photo_or_a_voice_message_is_told_what_a_user_can_do(fake, bot, language) -> None:
    media = {
        "sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
                    "is_animated": False, "is_video": False},
        "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        "voice": {"file_id": "v", "file_unique_id": "v", "duration": 1},
    }  # fmt: skip
    for kind, value in media.items():
        for user in (USER, MODERATOR):
            mark = fake.mark()
            await fake.push(fake.message(user, None, language=language, **{kind: value}))
            reply = (await fake.wait_for("sendMessage", to(user), after=mark))["text"]
            assert "/help" in reply
            assert (".txt" in reply) == (user == MODERATOR), (kind, reply)


# ---- moderators --------------------------------------------------------------------------------

FRENCH_CHANGES = {
    "hide": "Fait : masquer la déclaration {id} (visible → masquée)",
    "unhide": "Fait : réafficher la déclaration {id} (masquée → visible)",
    "speaker": "Fait : changer l'auteur de la déclaration {id} (Vladimir Poutine → Sergueï Lavrov)",
    "back": "Fait : changer l'auteur de la déclaration {id} (Sergueï Lavrov → Vladimir Poutine)",
    "outlet": "Fait : changer le média de l'article 004_6a6a17839d07f7c1.txt (aucun → Le Figaro)",
    "quote": "« le colonialisme japonais »",
    "usage": "Usage : /speaker ID poutine|kim|inconnu|autre NOM",
}
ENGLISH_CHANGES = {
    "hide": "Done: hide statement {id} (shown → hidden)",
    "unhide": "Done: unhide statement {id} (hidden → shown)",
    "speaker": "Done: change the speaker of statement {id} (Vladimir Putin → Sergueï Lavrov)",
    "back": "Done: change the speaker of statement {id} (Sergueï Lavrov → Vladimir Putin)",
    "outlet": "Done: change the outlet of article 004_6a6a17839d07f7c1.txt (none → Le Figaro)",
    "quote": "“le colonialisme japonais”",
    "usage": "Usage: /speaker ID putin|kim|unknown|other NAME",
}


@pytest.mark.parametrize(("language", "expected"), [("fr", FRENCH_CHANGES), ("en", ENGLISH_CHANGES)])
async def test_moderators_are_answered_in_their_language_with_the_words_concerned(
    fake, bot, language, expected
) -> None:
    ident = statement_id((await ask(fake, MODERATOR, "colonialisme japonais", language))["text"])
    replies = []
    for command, key in (
        (f"/hide {ident}", "hide"),
        (f"/unhide {ident}", "unhide"),
        (f"/speaker {ident} other Sergueï Lavrov", "speaker"),
        (f"/speaker {ident} putin", "back"),
    ):
        reply = (await ask(fake, MODERATOR, command, language))["text"]
        assert reply.startswith(expected[key].format(id=ident)) and expected["quote"] in reply, reply
        replies.append(reply)
    outlet = (await ask(fake, MODERATOR, "/outlet 004_6a6a17839d07f7c1.txt Le Figaro", language))["text"]
    assert outlet.startswith(expected["outlet"]) and "Nord-Coréens qui se battent" in outlet  # the title
    replies.append(outlet)
    usage = (await ask(fake, MODERATOR, "/speaker 3 somebody", language))["text"]
    assert usage == expected["usage"]
    for reply in replies:
        assert "other:" not in reply and "?" not in reply
        if language == "fr":
            assert not re.search(r"\b(hide|unhide|statement|shown|hidden|speaker of|none)\b", reply), reply

    audit = (await ask(fake, MODERATOR, "/audit", language))["text"]
    assert "other:" not in audit and not re.search(r"\d{4}-\d{2}-\d{2}T", audit)  # no raw ids, no timestamps
    assert ("modérateur 42" if language == "fr" else "moderator 42") in audit
    for key in ("hide", "unhide", "speaker", "back"):
        assert expected[key].format(id=ident).split(" ", 2)[2] in audit  # the change, without "Fait :"
    assert expected["quote"] in audit and "Nord-Coréens qui se battent" in audit
    months = r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
    assert re.search(
        rf"\d{{1,2}}(er)? {months} \d{{4}} à \d\d:\d\d UTC"
        if language == "fr"
        else r"\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC",
        audit,
    )


@pytest.mark.parametrize(("language", "unknown"), [("fr", "inconnu :"), ("en", "unknown:")])
async def test_an_upload_reply_says_readably_who_the_engine_thinks_spoke(fake, bot, language, unknown) -> None:
    mark = fake.mark()
    await fake.push(
        fake.message(
            MODERATOR,
            None,
            language=language,
            document={"file_id": "up", "file_unique_id": "up", "file_name": "usine.txt", "file_size": len(ARTICLE)},
        )
    )
    fake.files["up"] = ARTICLE
    reply = (await fake.wait_for("sendMessage", to(MODERATOR), after=mark, timeout=60))["text"]
    lines = {line for line in reply.splitlines() if line.startswith("• ")}
    assert any("Kim Jong-un" in line and "fierté" in line for line in lines), reply
    assert any("Sergueï Lavrov" in line and "partenaires fiables" in line for line in lines), reply
    assert any(unknown in line and "héros du travail" in line for line in lines), reply
    assert "other:" not in reply and (language == "en" or "unknown" not in reply)


# ---- the code ------------------------------------------------------------------------------------


async def test_replies_are_html_without_link_previews_by_the_applications_defaults(fake, bot) -> None:
    sent = await ask(fake, USER, "soutien")
    mark = await press(fake, sent, "pg:1", "fr")
    await fake.wait_for("editMessageText", after=mark)
    mark = fake.mark()
    await fake.send_text(MODERATOR, "/reindex")
    await fake.wait_for("editMessageText", lambda p: "Index reconstruit" in p["text"], after=mark, timeout=60)
    mark = fake.mark()
    await fake.inline(USER, "devoir fraternel")
    inline = await fake.wait_for("answerInlineQuery", after=mark)
    replies = [c.params for c in fake.calls if c.method in ("sendMessage", "editMessageText")]
    replies += [r["input_message_content"] for r in inline["results"]]
    assert len(replies) >= 5
    for reply in replies:
        assert reply["parse_mode"] == "HTML" and reply["link_preview_options"] == {"is_disabled": True}, reply


async def test_commands_names_and_menus_come_from_the_registry(fake, tmp_path, data_dir) -> None:
    registry = (data_dir / "speakers.toml").read_text(encoding="utf-8")
    third = (
        '\n[[speaker]]\nid = "xi"\nname = "Xi Jinping"\ngender = "m"\nnames = ["Xi Jinping"]\n'
        'commands = { fr = "xi", en = "xijinping" }\ndisplay = { fr = "Xi Jinping", en = "Xi Jinping" }\n'
    )
    (data_dir / "speakers.toml").write_text(registry.replace("\n[[source]]", third + "\n[[source]]", 1), "utf-8")
    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        assert "xi" in names(menus(fake)[("default", None, None)])
        assert "xijinping" in names(menus(fake)[("default", None, "en")])
        assert "Aucune déclaration de Xi Jinping" in (await ask(fake, USER, "/xi"))["text"]
        assert "No statement by Xi Jinping" in (await ask(fake, USER, "/xijinping", "en"))["text"]
        assert "Vladimir Poutine, Kim Jong-un et Xi Jinping" in (await ask(fake, USER, "/start"))["text"]
        assert "poutine|kim|xi|inconnu|autre" in (await ask(fake, MODERATOR, "/speaker"))["text"]


def _sources(*parts: str) -> dict[Path, str]:
    paths = [p for part in parts for p in sorted((ROOT / part).glob("*.py"))] if parts else []
    return {path: path.read_text(encoding="utf-8") for path in paths}


def test_no_principal_is_named_in_the_bot_the_library_or_the_command_line() -> None:
    code = {**_sources("bot/telegram", "bot/library"), ROOT / "bot" / "cli.py": (ROOT / "bot" / "cli.py").read_text()}
    for principal in REGISTRY.principals:
        words = {principal.id, *principal.every_command, *principal.names, principal.name}
        words |= {name for _, name in principal.display_names}
        for word in words:
            pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
            named = [str(path.relative_to(ROOT)) for path, source in code.items() if pattern.search(source)]
            assert named == [], (word, named)


def test_handlers_reach_the_store_only_through_the_library() -> None:
    for path, source in _sources("bot/telegram").items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("bot.store"), path
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("reader", "writer", "searcher"), (path, node.lineno)
