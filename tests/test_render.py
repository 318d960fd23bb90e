"""Rendering within Telegram's limits, everything escaped; dates and labels as readers write them; the
per-user query limit."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.registry import load_registry
from bot.core.search import Verdict
from bot.library import QueryLimiter, StatementView, Variant, Who, shorten
from bot.library.speakers import parse_speaker_argument, who
from bot.telegram import render
from bot.telegram.common import speaker_choices
from bot.telegram.messages import text
from bot.telegram.render import Card
from tests.conftest import DATA

REGISTRY = load_registry(DATA / "speakers.toml")


def who_is(speaker: str) -> Who:
    return who(speaker, REGISTRY)


def statement(
    words: str,
    variants: int = 1,
    outlet: str | None = "Out<let>",
    url: str | None = "https://x.org/?a=1&b=<2>",
    title: str = "Titre <{i}>",
    same_wording: bool = False,
) -> StatementView:
    views = tuple(
        Variant(
            i,
            f"a{i}.txt",
            title.format(i=i),
            outlet,
            url,
            "2025-09-03",
            words,
            words.lower() if same_wording else f"{words.lower()} {i}",
            "full",
        )
        for i in range(variants)
    )
    return StatementView(7, "putin", words, views)


def card(words: str, **kwargs) -> Card:
    return Card(statement(words, **kwargs), Verdict(95, True, by_meaning=False))


def test_answer_escapes_everything() -> None:
    message = render.answer_text(card("<script>alert('x')</script> & co"), 0, 1, "fr", who_is, moderator=False)
    assert "<script>" not in message and "&lt;script&gt;" in message
    assert "Out&lt;let&gt;" in message
    assert 'href="https://x.org/?a=1&amp;b=&lt;2&gt;"' in message


def test_a_huge_statement_fits_in_one_message() -> None:
    for language in ("fr", "en"):
        for moderator in (False, True):
            message = render.answer_text(card("mot " * 5000, variants=300), 0, 3, language, who_is, moderator)
            assert len(message) <= render.MESSAGE_LIMIT
            assert message.count("<b>") == message.count("</b>")
        wordings = render.wordings_text(statement("é" * 3000, variants=40), language)
        assert len(wordings) <= render.MESSAGE_LIMIT


def test_unknown_outlet_shows_the_title_cut_at_a_word_and_is_never_invented() -> None:
    title = "Vladimir Poutine remercie Kim Jong Un pour les Nord-Coréens tombés au front"
    message = render.answer_text(card("Bonjour", outlet=None, url=None, title=title), 0, 1, "fr", who_is, False)
    assert "média inconnu, article « Vladimir Poutine remercie Kim Jong Un… »" in message
    description = render.inline_description(statement("Bonjour", variants=2, outlet=None, title=title), "en")
    assert description == "3 September 2025 · 2 articles by unknown outlets" and "?" not in description


def test_shorten_cuts_after_a_whole_word() -> None:
    title = "Vladimir Poutine remercie Kim Jong Un pour les Nord-Coréens"
    assert shorten(title, 30) == "Vladimir Poutine remercie Kim…"
    assert shorten("Anticonstitutionnellement", 10) == "Anticonst…"  # one long word: cut inside it
    assert shorten("  court  ", 10) == "court"


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        ("2025-09-03", "3 septembre 2025", "3 September 2025"),
        ("2024-06-01", "1er juin 2024", "1 June 2024"),
        ("2023-08", "août 2023", "August 2023"),
        ("2025-12-24T14:05:09Z", "24 décembre 2025 à 14:05 UTC", "24 December 2025 at 14:05 UTC"),
        (None, "sans date", "undated"),
    ],
)
def test_dates_are_written_as_readers_write_them(value: str | None, french: str, english: str) -> None:
    assert render.reader_date(value, "fr") == french
    assert render.reader_date(value, "en") == english


def test_the_wordings_button_only_when_outlets_worded_it_differently() -> None:
    def buttons(view: StatementView) -> list[str]:
        keyboard = render.answer_keyboard(Card(view), 0, 1, "fr")
        return [b.callback_data for row in keyboard.inline_keyboard for b in row] if keyboard else []

    assert buttons(statement("Bonjour", variants=3)) == ["wd:0"]
    assert buttons(statement("Bonjour", variants=3, same_wording=True)) == []  # three outlets, one wording
    assert buttons(statement("Bonjour", variants=1)) == []
    view = statement("Bonjour", variants=2)
    one_article = replace(view, variants=tuple(replace(v, article="a.txt") for v in view.variants))
    assert buttons(one_article) == []  # a sentence and a fragment of it in one article: nothing to compare


def test_speakers_are_named_as_readers_name_them() -> None:
    assert render.speaker_name(who_is("putin"), "fr") == "Vladimir Poutine"
    assert render.speaker_name(who_is("putin"), "en") == "Vladimir Putin"
    assert render.speaker_name(who_is("other:Sergueï Lavrov"), "en") == "Sergueï Lavrov"
    assert render.speaker_name(who_is("unknown"), "fr") == "inconnu"


def test_the_speaker_words_moderators_are_shown_are_the_ones_they_may_type() -> None:
    for language in ("fr", "en"):
        choices = speaker_choices(REGISTRY, language).split("|")
        for word in choices[:-1]:
            assert parse_speaker_argument([word], REGISTRY) is not None, word
        assert parse_speaker_argument([choices[-1], "Un", "diplomate"], REGISTRY) == "other:Un diplomate"
        assert parse_speaker_argument([text("keyword.unknown", language)], REGISTRY) == "unknown"
    assert parse_speaker_argument(["somebody"], REGISTRY) is None
    assert parse_speaker_argument(["other"], REGISTRY) is None


def test_callback_data_is_small_and_strictly_parsed() -> None:
    assert render.parse_callback(render.callback("pg", 9999)) == ("pg", 9999)
    for forged in (None, "", "pg", "pg:", "pg:x", "zz:1", "pg:-1", "pg:1:2", "pg:" + "1" * 80):
        assert render.parse_callback(forged) is None


def test_inline_results_are_capped_at_fifty() -> None:
    assert len(render.inline_results([statement(f"q{i}") for i in range(80)], "fr", who_is)) == 50


def test_query_limiter_slows_one_user_not_the_others() -> None:
    limiter = QueryLimiter(per_minute=3)
    assert [limiter.wait_seconds(1, now=100.0 + i) for i in range(3)] == [0, 0, 0]
    assert limiter.wait_seconds(1, now=103.0) > 0
    assert limiter.wait_seconds(2, now=103.0) == 0
    assert limiter.wait_seconds(1, now=161.0) == 0  # a minute after the first one
