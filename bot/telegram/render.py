"""Rendering replies: HTML with everything escaped, within Telegram's limits.

Limits: 4096 characters a message, 64 bytes of callback data, 50 inline results.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent

from bot.library import Result
from bot.store.store import Variant
from bot.telegram.messages import text

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64
INLINE_LIMIT = 50
_ELLIPSIS = "…"


def escape(value: str) -> str:
    """Text for Telegram's HTML: <, > and & escaped (quotes stay readable; attributes use html.escape)."""
    return html.escape(value, quote=False)


def speaker_name(speaker: str, language: str) -> str:
    if speaker in ("putin", "kim"):
        return text(f"speaker.{speaker}", language)
    return speaker.removeprefix("other:")


def outlet_html(variant: Variant, language: str) -> str:
    """The outlet's name, or "unknown outlet (title)": never invented; always HTML-safe."""
    if variant.outlet:
        return escape(variant.outlet)
    return text("unknown_outlet", language, title=escape(shorten(variant.title, 60)))


def shorten(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: max(0, limit - 1)].rstrip() + _ELLIPSIS


def _outlet_line(variant: Variant, language: str) -> str:
    name = outlet_html(variant, language)
    label = f'<a href="{html.escape(variant.url, quote=True)}">{name}</a>' if variant.url else name
    date = f" · {escape(variant.published)}" if variant.published else ""
    return f"• {label}{date}"


def _outlets(result: Result, language: str) -> list[str]:
    lines: dict[str, None] = {}
    for variant in result.statement.variants:
        lines.setdefault(_outlet_line(variant, language), None)
    return list(lines)


def answer_text(result: Result, position: int, total: int, language: str) -> str:
    """The answer card: speaker, quote, outlets with links and dates, and where it stands in the list."""
    outlets = _outlets(result, language)
    standing = text("position", language, n=position + 1, total=total, score=result.score)
    if result.verdict.by_meaning:
        standing += " · " + text("by_meaning", language)
    footer = "\n\n<i>" + standing + "</i>"
    footer += f"\n<code>#{result.statement.id}</code>"
    quote_room = MESSAGE_LIMIT
    for _ in range(3):
        body = text(
            "answer",
            language,
            speaker=escape(speaker_name(result.statement.speaker, language)),
            text=escape(shorten(result.statement.text, quote_room)),
            outlets="\n".join(outlets),
        )
        message = body + footer
        if len(message) <= MESSAGE_LIMIT:
            return message
        quote_room = max(200, quote_room - (len(message) - MESSAGE_LIMIT) - 10)
        outlets = outlets[:20] + (["…"] if len(outlets) > 20 else [])
    return fit(message)


def wordings_text(result: Result, language: str) -> str:
    items = [
        f"• <b>{outlet_html(v, language)}</b>"
        f"{' · ' + escape(v.published) if v.published else ''}\n  "
        + text("quote", language, text=escape(shorten(v.quote, 600)))
        for v in result.statement.variants
    ]
    return fit(text("wordings", language, items="\n".join(items)))


def fit(message: str) -> str:
    """Cut a message to Telegram's limit without leaving a broken tag or entity."""
    if len(message) <= MESSAGE_LIMIT:
        return message
    cut = message[: MESSAGE_LIMIT - 1]
    for opener, closer in (("<", ">"), ("&", ";")):
        if cut.rfind(opener) > cut.rfind(closer):
            cut = cut[: cut.rfind(opener)]
    # Close any tag left open by the cut.
    for tag in ("a", "code", "i", "b"):
        if cut.count(f"<{tag}") > cut.count(f"</{tag}>"):
            cut += f"</{tag}>"
    return cut[: MESSAGE_LIMIT - 1] + _ELLIPSIS if len(cut) >= MESSAGE_LIMIT else cut + _ELLIPSIS


def callback(action: str, value: int) -> str:
    data = f"{action}:{value}"
    assert len(data.encode()) <= CALLBACK_LIMIT
    return data


def parse_callback(data: str | None) -> tuple[str, int] | None:
    """('pg', 3) from 'pg:3'; None for anything else (never trusted beyond that)."""
    if not data or len(data.encode()) > CALLBACK_LIMIT or ":" not in data:
        return None
    action, _, value = data.partition(":")
    if action not in ("pg", "wd") or not value.isdigit() or len(value) > 4:
        return None
    return action, int(value)


def answer_keyboard(position: int, total: int, language: str) -> InlineKeyboardMarkup:
    row = []
    if position > 0:
        row.append(InlineKeyboardButton(text("button.previous", language), callback_data=callback("pg", position - 1)))
    if position + 1 < total:
        row.append(InlineKeyboardButton(text("button.next", language), callback_data=callback("pg", position + 1)))
    rows = [[InlineKeyboardButton(text("button.wordings", language), callback_data=callback("wd", position))]]
    if row:
        rows.insert(0, row)
    return InlineKeyboardMarkup(rows)


def inline_results(results: list[Result], language: str) -> list[InlineQueryResultArticle]:
    articles = []
    for result in results[:INLINE_LIMIT]:
        view = result.statement
        outlets = ", ".join(dict.fromkeys(v.outlet or "?" for v in view.variants))
        articles.append(
            InlineQueryResultArticle(
                id=str(view.id),
                title=shorten(f"{speaker_name(view.speaker, language)}: {view.text}", 100),
                description=shorten(outlets, 100),
                input_message_content=InputTextMessageContent(
                    answer_text(result, 0, 1, language).rsplit("\n\n<i>", 1)[0], parse_mode="HTML"
                ),
            )
        )
    return articles


def bullet_list(lines: list[str], limit: int = MESSAGE_LIMIT - 200) -> str:
    """Escaped lines joined, stopping before the limit."""
    out, size = [], 0
    for line in lines:
        item = f"• {escape(line)}"
        if size + len(item) + 1 > limit:
            out.append("…")
            break
        out.append(item)
        size += len(item) + 1
    return "\n".join(out)
