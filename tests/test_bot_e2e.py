"""The real Application against the fake Bot API, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import threading

import pytest

from tests.conftest import BOTH_STORES
from tests.fake_telegram import BOT_USERNAME, MODERATOR, USER, FakeTelegram, running_bot, settings_for, to


async def ask(fake: FakeTelegram, user: int, text: str, **kwargs) -> dict:
    mark = fake.mark()
    await fake.send_text(user, text, **kwargs)
    return await fake.wait_for("sendMessage", to(kwargs.get("chat_id", user)), after=mark)


async def test_start_in_french_and_in_english(fake, bot) -> None:
    french = await ask(fake, USER, "/start")
    assert "Bonjour User7" in french["text"] and "les mots exacts de Vladimir Poutine et Kim Jong-un" in french["text"]
    english = await ask(fake, USER, "/start", language="en")
    assert "Hello User7" in english["text"] and "the exact words of Vladimir Putin and Kim Jong-un" in english["text"]
    moderator = await ask(fake, MODERATOR, "/help")
    assert "Modération" in moderator["text"]


@BOTH_STORES
async def test_a_query_lists_the_outlets_and_pages_with_buttons(fake, bot) -> None:
    sent = await ask(fake, USER, "nous n'oublierons jamais les sacrifices")
    assert sent["parse_mode"] == "HTML"
    assert "Vladimir Poutine" in sent["text"] and "SadaNews" in sent["text"] and "3 septembre 2025" in sent["text"]
    assert "média inconnu" in sent["text"]  # 004 names no outlet: shown as unknown, with its title

    listing = await ask(fake, USER, "soutien")
    buttons = [b for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b["callback_data"] == "pg:1" for b in buttons)
    message = fake.sent(listing)
    mark = fake.mark()
    await fake.press(USER, message, "pg:1")
    edited = await fake.wait_for("editMessageText", after=mark)
    assert "Résultat 2/" in edited["text"] and int(edited["message_id"]) == message["message_id"]
    await fake.wait_for("answerCallbackQuery", after=mark)
    mark = fake.mark()
    await fake.press(USER, message, "pg:0")
    assert "Résultat 1/" in (await fake.wait_for("editMessageText", after=mark))["text"]
    mark = fake.mark()
    await fake.press(USER, message, "wd:1")
    wordings = await fake.wait_for("sendMessage", after=mark)
    assert "Formulations" in wordings["text"]


async def test_stale_or_forged_buttons_are_answered_and_change_nothing(fake, bot) -> None:
    message = {"message_id": 999999, "date": 0, "chat": {"id": USER, "type": "private"}, "text": "x"}
    for data in ("pg:1", "pg:99999", "xx:1", "pg:-1", "pg:" + "9" * 70):
        mark = fake.mark()
        await fake.press(USER, message, data)
        answered = await fake.wait_for("answerCallbackQuery", after=mark)
        assert "expiré" in answered.get("text", "")
        assert not [c for c in fake.calls[mark:] if c.method == "editMessageText"]


async def test_kim_with_and_without_words(fake, bot) -> None:
    with_words = await ask(fake, USER, "/kim devoir fraternel")
    assert "Kim Jong-un" in with_words["text"] and "devoir fraternel" in with_words["text"]
    only_kim = await ask(fake, USER, "/kim dans tous les domaines")
    assert "Kim Jong-un" in only_kim["text"] and "Vladimir Poutine" not in only_kim["text"]
    random_quote = await ask(fake, USER, "/kim")
    assert "Kim Jong-un" in random_quote["text"]
    putin = await ask(fake, USER, "/putin")
    assert "Vladimir Poutine" in putin["text"]


async def test_a_query_that_is_only_a_name_answers_like_its_command(fake, bot) -> None:
    mark = fake.mark()
    await fake.send_text(USER, "Kim")
    hint = await fake.wait_for("sendMessage", to(USER), after=mark)
    assert "ajoutez des mots" in hint["text"]
    card = await fake.wait_for("sendMessage", lambda p: p is not hint and "Kim Jong-un" in p["text"], after=mark)
    assert "«" in card["text"] and "ajoutez des mots" not in card["text"]


@BOTH_STORES
async def test_sources_counts_statements_per_outlet(fake, bot) -> None:
    sent = await ask(fake, USER, "/sources")
    assert "SadaNews" in sent["text"] and "AlAhed" in sent["text"]


async def test_inline_query(fake, bot) -> None:
    mark = fake.mark()
    await fake.inline(USER, "devoir fraternel")
    answered = await fake.wait_for("answerInlineQuery", after=mark)
    results = answered["results"]
    assert 1 <= len(results) <= 50
    assert "Kim Jong-un" in results[0]["title"]
    assert "SadaNews" in results[0]["input_message_content"]["message_text"]
    mark = fake.mark()
    await fake.inline(USER, "devoir fraternel", offset="abc")  # an offset we never gave: no more results
    assert (await fake.wait_for("answerInlineQuery", after=mark))["results"] == []


async def test_no_confident_answer(fake, bot) -> None:
    sent = await ask(fake, USER, "Poutine aime le football")
    assert "pas de réponse sûre" in sent["text"]


async def test_bad_input(fake, bot) -> None:
    assert "Écrivez quelques mots" in (await ask(fake, USER, "   "))["text"]
    long = await ask(fake, USER, "mot " * 2500)
    assert "trop long" in long["text"]
    assert "ne connais pas cette commande" in (await ask(fake, USER, "/frobnicate"))["text"]
    hostile = await ask(fake, USER, "<b>devoir</b> & <script>fraternel</script>")
    assert "<script>" not in hostile["text"]
    sticker = {
        "file_id": "s1",
        "file_unique_id": "s1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    mark = fake.mark()
    await fake.push(fake.message(USER, None, sticker=sticker))
    assert "Je ne lis que du texte" in (await fake.wait_for("sendMessage", to(USER), after=mark))["text"]


async def test_groups_answer_only_when_addressed(fake, bot) -> None:
    group = -100123
    mark = fake.mark()
    # not addressed: were it answered, a quotation of Putin would come back, before the replies below or among them
    await fake.send_text(USER, "nous n'oublierons jamais les sacrifices", chat_id=group)
    addressed = await ask(fake, USER, f"@{BOT_USERNAME} devoir fraternel", chat_id=group)
    assert "Kim Jong-un" in addressed["text"]
    command = await ask(fake, USER, "/kim devoir fraternel", chat_id=group)
    assert "Kim Jong-un" in command["text"]
    sent_to_group = [c.params["text"] for c in fake.calls[mark:] if c.method == "sendMessage"]
    assert sent_to_group == [addressed["text"], command["text"]]


# ---- moderators ------------------------------------------------------------------------------


ARTICLE = (
    "Kim Jong-un inaugure une usine\n\n"
    "« Cette usine fera la fierté de notre peuple », a déclaré Kim Jong-un lors de la cérémonie.\n"
).encode()


def only_changes_make_the_searcher_read_again(bot) -> None:
    """The searcher also re-reads the index every few seconds; from here on it waits an hour, so that an
    answer reflects a moderator's change only if that change itself made the searcher read again."""
    bot.bot_data["library"].searcher.INDEX_CHECK_SECONDS = 3600


@BOTH_STORES
async def test_moderator_uploads_an_article(fake, bot, data_dir) -> None:
    assert "pas de réponse sûre" in (await ask(fake, USER, "cette usine fera la fierte de notre peuple"))["text"]
    only_changes_make_the_searcher_read_again(bot)
    mark = fake.mark()
    await fake.send_document(
        MODERATOR, "usine.txt", ARTICLE, caption="Pyongyang Times | https://example.org/u | 2024-05-01"
    )
    reply = await fake.wait_for("sendMessage", to(MODERATOR), after=mark)
    assert "usine.txt" in reply["text"] and "Kim Jong-un" in reply["text"] and "fierté" in reply["text"]
    assert (data_dir / "articles" / "usine.txt").exists()
    answer = await ask(fake, MODERATOR, "cette usine fera la fierte de notre peuple")  # a moderator's card shows the id
    assert "Pyongyang Times" in answer["text"] and "https://example.org/u" in answer["text"]
    assert "Cette usine" in (await ask(fake, USER, "this factory will be the pride of our people"))["text"]
    # the id the upload reply shows is the one /hide takes: hiding it hides this quotation, no other
    line = next(line for line in reply["text"].splitlines() if "fierté" in line)
    shown = re.search(r"<code>(q?\d+)</code> Kim Jong-un", line)
    statement = answer["text"].rsplit("#", 1)[1].split("<")[0]
    assert shown is not None and shown.group(1) == statement, line
    done = (await ask(fake, MODERATOR, f"/hide {shown.group(1)}"))["text"]
    assert "Fait" in done and "« Cette usine fera la fierté de notre peuple »" in done  # the words it changed
    assert "pas de réponse sûre" in (await ask(fake, USER, "cette usine fera la fierte de notre peuple"))["text"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0", "pas un fichier .txt"),
        ("vide.txt", b"   \n", "vide"),
        ("latin1.txt", "Déclaration".encode("latin-1"), "UTF-8"),
        ("binaire.txt", b"abc\x00\x01\x02def", "binaires"),
        ("grand.txt", b"a" * (600 * 1024), "dépasse"),
        ("article.txt", ARTICLE, "légende"),
    ],
)
async def test_bad_files_are_refused_and_nothing_is_stored(fake, bot, data_dir, name, data, reason) -> None:
    before = sorted(p.name for p in (data_dir / "articles").iterdir())
    mark = fake.mark()
    caption = "a | b | c | d" if reason == "légende" else None
    await fake.send_document(MODERATOR, name, data, caption=caption)
    reply = await fake.wait_for("sendMessage", to(MODERATOR), after=mark)
    assert "refusé" in reply["text"] and reason in reply["text"]
    assert sorted(p.name for p in (data_dir / "articles").iterdir()) == before


async def test_a_hostile_file_name_stays_inside_the_articles_directory(fake, bot, data_dir) -> None:
    mark = fake.mark()
    await fake.send_document(MODERATOR, "../../etc/passwd.txt", ARTICLE)
    await fake.wait_for("sendMessage", to(MODERATOR), after=mark)
    assert (data_dir / "articles" / "passwd.txt").exists()
    assert not (data_dir.parent / "etc").exists()


@BOTH_STORES
async def test_moderator_commands_and_audit(fake, bot) -> None:
    listing = await ask(fake, MODERATOR, "/articles")
    assert "000_95109f075a4b3989.txt" in listing["text"]

    found = await ask(fake, MODERATOR, "colonialisme japonais")  # a moderator's card shows the id
    statement = found["text"].rsplit("#", 1)[1].split("<")[0]
    only_changes_make_the_searcher_read_again(bot)
    hidden = (await ask(fake, MODERATOR, f"/hide {statement}"))["text"]
    assert "Fait" in hidden and "colonialisme japonais" in hidden  # the reply quotes the words concerned
    assert "pas de réponse sûre" in (await ask(fake, USER, "colonialisme japonais"))["text"]
    assert "Fait" in (await ask(fake, MODERATOR, f"/unhide {statement}"))["text"]
    assert "colonialisme" in (await ask(fake, USER, "colonialisme japonais"))["text"]
    assert "colonialisme" in (await ask(fake, USER, "liberation from Japanese colonial rule"))["text"]

    moved = (await ask(fake, MODERATOR, f"/speaker {statement} other Un diplomate"))["text"]
    assert "Fait" in moved and "Un diplomate" in moved and "colonialisme japonais" in moved
    assert "pas de réponse sûre" in (await ask(fake, USER, "colonialisme japonais"))["text"]
    assert "pas de réponse sûre" in (await ask(fake, USER, "liberation from Japanese colonial rule"))["text"]

    assert "Fait" in (await ask(fake, MODERATOR, "/outlet 001_eb8995c44e228464.txt Al Mayadeen"))["text"]
    assert "Al Mayadeen" in (await ask(fake, USER, "devoir fraternel"))["text"]

    mark = fake.mark()
    await fake.send_text(MODERATOR, "/reindex")
    await fake.wait_for("sendMessage", lambda p: "Reconstruction" in p["text"], after=mark)
    done = await fake.wait_for("editMessageText", lambda p: "Index reconstruit" in p["text"], after=mark, timeout=60)
    assert "5 articles" in done["text"]
    # Corrections survive the rebuild.
    assert "pas de réponse sûre" in (await ask(fake, USER, "colonialisme japonais"))["text"]
    assert "Al Mayadeen" in (await ask(fake, USER, "devoir fraternel"))["text"]
    # the id a correction was made with undoes it, even after re-grouping and a rebuild
    assert "Fait" in (await ask(fake, MODERATOR, f"/speaker {statement} putin"))["text"]
    assert "colonialisme" in (await ask(fake, USER, "colonialisme japonais"))["text"]
    assert "colonialisme" in (await ask(fake, USER, "liberation from Japanese colonial rule"))["text"]

    audit = await ask(fake, MODERATOR, "/audit")
    for action in ("masquer", "réafficher", "changer l'auteur de", "changer le média de"):
        assert action in audit["text"]
    assert f"annuler : /speaker {statement} other Un diplomate" in audit["text"]  # how to undo the last one
    assert f"annuler : /unhide {statement}" in audit["text"]
    assert "modérateur 42" in audit["text"]

    assert "Usage" in (await ask(fake, MODERATOR, "/hide"))["text"]
    assert "Introuvable" in (await ask(fake, MODERATOR, "/hide 99999"))["text"]
    assert "Usage" in (await ask(fake, MODERATOR, "/speaker 3 somebody"))["text"]


@pytest.mark.parametrize(
    "command", ["/reindex", "/hide 1", "/unhide 1", "/speaker 1 kim", "/outlet 1 X", "/articles", "/audit"]
)
async def test_non_moderators_are_refused_and_nothing_changes(fake, bot, command) -> None:
    assert "réservé aux modérateurs" in (await ask(fake, USER, command))["text"]
    assert "vide" in (await ask(fake, MODERATOR, "/audit"))["text"]


async def test_non_moderator_file_is_refused(fake, bot, data_dir) -> None:
    mark = fake.mark()
    await fake.send_document(USER, "usine.txt", ARTICLE)
    reply = await fake.wait_for("sendMessage", to(USER), after=mark)
    assert "réservé aux modérateurs" in reply["text"]
    assert not (data_dir / "articles" / "usine.txt").exists()


async def test_a_user_over_the_query_limit_is_slowed_down_and_others_are_not(fake, tmp_path, data_dir) -> None:
    async with running_bot(settings_for(fake, tmp_path, data_dir, queries_per_minute=2)):
        for _ in range(2):
            assert "Kim Jong-un" in (await ask(fake, USER, "devoir fraternel"))["text"]
        assert "un peu vite" in (await ask(fake, USER, "devoir fraternel"))["text"]
        assert "Kim Jong-un" in (await ask(fake, USER + 1, "devoir fraternel"))["text"]


@BOTH_STORES
async def test_queries_are_answered_from_the_whole_old_index_during_a_reindex(fake, bot, data_dir) -> None:
    """The rebuild is held twice: while spaCy reads the first article, and inside the write transaction.
    Users are answered at both points, from the index as it was; then from the new one."""
    for article in (data_dir / "articles").glob("*.txt"):  # the rebuild will no longer find these words
        article.write_text(article.read_text(encoding="utf-8").replace("devoir fraternel", "devoir amical"), "utf-8")
    svc = bot.bot_data["library"]
    extracting, go_on_extracting = threading.Event(), threading.Event()
    writing, go_on_writing = asyncio.Event(), asyncio.Event()
    extract, write_vectors = svc.extractor.extract, svc.writer._write_vectors
    held_too_long: list[str] = []

    def held_extract(*args, **kwargs):
        if not extracting.is_set():
            extracting.set()
            if not go_on_extracting.wait(timeout=15):  # spaCy on the event loop: the answer below never comes
                held_too_long.append("extract")
        return extract(*args, **kwargs)

    async def held_write_vectors(*args, **kwargs):
        writing.set()
        await asyncio.wait_for(go_on_writing.wait(), timeout=15)
        return await write_vectors(*args, **kwargs)

    svc.extractor.extract, svc.writer._write_vectors = held_extract, held_write_vectors
    mark = fake.mark()
    await fake.send_text(MODERATOR, "/reindex")
    await asyncio.wait_for(asyncio.to_thread(extracting.wait), timeout=30)
    assert "notre devoir fraternel" in (await ask(fake, USER, "devoir fraternel"))["text"]  # while spaCy works
    go_on_extracting.set()
    await asyncio.wait_for(writing.wait(), timeout=30)
    assert "notre devoir fraternel" in (await ask(fake, USER, "devoir fraternel"))["text"]  # not committed yet
    go_on_writing.set()
    await fake.wait_for("editMessageText", lambda p: "Index reconstruit" in p["text"], after=mark, timeout=60)
    assert held_too_long == []
    after = (await ask(fake, USER, "devoir fraternel"))["text"]  # the new index, at once
    assert "notre devoir amical" in after and "notre devoir fraternel" not in after
