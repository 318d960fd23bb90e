"""Rendering within Telegram's limits, everything escaped; the per-user query limit."""

from __future__ import annotations

from bot.core.search import Verdict
from bot.library import Result
from bot.store.store import StatementView, Variant
from bot.telegram import render
from bot.telegram.handlers import QueryLimiter


def result(
    text: str, variants: int = 1, outlet: str | None = "Out<let>", url: str | None = "https://x.org/?a=1&b=<2>"
) -> Result:
    views = tuple(
        Variant(i, f"a{i}.txt", f"Titre <{i}>", outlet, url, "2025-09-03", text, text.lower(), "full")
        for i in range(variants)
    )
    return Result(StatementView(7, "putin", text, views), Verdict(95, True, by_meaning=False), 0)


def test_answer_escapes_everything() -> None:
    message = render.answer_text(result("<script>alert('x')</script> & co"), 0, 1, "fr")
    assert "<script>" not in message and "&lt;script&gt;" in message
    assert "Out&lt;let&gt;" in message
    assert 'href="https://x.org/?a=1&amp;b=&lt;2&gt;"' in message


def test_a_huge_statement_fits_in_one_message() -> None:
    for language in ("fr", "en"):
        message = render.answer_text(result("mot " * 5000, variants=300), 0, 3, language)
        assert len(message) <= render.MESSAGE_LIMIT
        assert message.count("<b>") == message.count("</b>")
        wordings = render.wordings_text(result("é" * 3000, variants=40), language)
        assert len(wordings) <= render.MESSAGE_LIMIT


def test_unknown_outlet_shows_the_title_and_is_never_invented() -> None:
    message = render.answer_text(result("Bonjour", outlet=None, url=None), 0, 1, "fr")
    assert "média inconnu (Titre &lt;0&gt;)" in message


def test_callback_data_is_small_and_strictly_parsed() -> None:
    assert render.parse_callback(render.callback("pg", 9999)) == ("pg", 9999)
    for forged in (None, "", "pg", "pg:", "pg:x", "zz:1", "pg:-1", "pg:1:2", "pg:" + "1" * 80):
        assert render.parse_callback(forged) is None


def test_inline_results_are_capped_at_fifty() -> None:
    assert len(render.inline_results([result(f"q{i}") for i in range(80)], "fr")) == 50


def test_query_limiter_slows_one_user_not_the_others() -> None:
    limiter = QueryLimiter(per_minute=3)
    assert [limiter.wait_seconds(1, now=100.0 + i) for i in range(3)] == [0, 0, 0]
    assert limiter.wait_seconds(1, now=103.0) > 0
    assert limiter.wait_seconds(2, now=103.0) == 0
    assert limiter.wait_seconds(1, now=161.0) == 0  # a minute after the first one
