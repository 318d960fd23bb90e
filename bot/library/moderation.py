"""Moderators' corrections: hide, show, change a speaker or an outlet; each one logged and kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.extract import Extractor
from bot.core.meaning import Embedder
from bot.library.indexing import index_directory
from bot.store.store import CorrectedQuotation, Store


def parse_target(value: str) -> tuple[str, int] | None:
    """ "12" or "s12": statement 12; "q34": quotation 34."""
    match = re.fullmatch(r"([sSqQ]?)#?(\d{1,9})", value.strip())
    if not match:
        return None
    return ("quotation" if match.group(1).lower() == "q" else "statement"), int(match.group(2))


@dataclass(frozen=True)
class Correction:
    """What a correction changed: its target, the value before and after, and the words concerned (so that
    a moderator who typed a wrong id sees it at once)."""

    target: str
    before: str
    after: str
    words: str


def undo_command(action: str, target: str, before: str | None) -> str | None:
    """The command that undoes a logged correction, with the id it was made with; None if none does."""
    kind, _, number = target.partition(" ")
    ident = {"statement": number, "quotation": f"q{number}"}.get(kind, target)
    if action == "hide":
        return f"/unhide {ident}"
    if action == "unhide":
        return f"/hide {ident}"
    if action == "speaker" and before and "," not in before:
        speaker = f"other {before.removeprefix('other:')}" if before.startswith("other:") else before
        return f"/speaker {ident} {speaker}"
    if action == "outlet" and before and before != "?":
        return f"/outlet {target} {before}"
    return None


def _words_of(rows: list[CorrectedQuotation]) -> str:
    return rows[0].text if rows else ""


async def _quotations_named(store: Store, value: str) -> tuple[str, list[CorrectedQuotation]] | None:
    """The quotations a moderator's ID names ("12", "s12", "q34"), with a label for replies and the log."""
    target = parse_target(value)
    if target is None:
        return None
    label = f"{target[0]} {target[1]}"
    rows = await store.quotation_targets(*target)
    if not rows:  # re-grouped since a correction made with this id: it still names what it named
        rows = await store.quotations_corrected_as(label)
    return (label, rows) if rows else None


async def set_hidden(store: Store, moderator: int, value: str, hidden: bool) -> Correction | None:
    found = await _quotations_named(store, value)
    if found is None:
        return None
    label, rows = found
    before = "hidden" if all(r.hidden for r in rows) else "shown"
    after = "hidden" if hidden else "shown"
    await store.correct(
        moderator,
        "hide" if hidden else "unhide",
        label,
        "hidden",
        "1" if hidden else "0",
        [(r.id, r.article, r.norm) for r in rows],
        None,
        before,
        after,
    )
    return Correction(label, before, after, _words_of(rows))


async def set_speaker(
    store: Store,
    data_dir: Path,
    moderator: int,
    value: str,
    speaker: str,
    extractor: Extractor | None = None,
    embedder: Embedder | None = None,
) -> Correction | None:
    found = await _quotations_named(store, value)
    if found is None:
        return None
    label, rows = found
    before = ", ".join(sorted({r.speaker for r in rows}))
    named = [(r.id, r.article, r.norm) for r in rows]
    await store.correct(moderator, "speaker", label, "speaker", speaker, named, None, before, speaker)
    await index_directory(
        store, data_dir, extractor, force=True, embedder=embedder
    )  # regroup: a statement never mixes speakers
    return Correction(label, before, speaker, _words_of(rows))


async def set_outlet(store: Store, moderator: int, article: str, outlet: str) -> Correction | None:
    rows = await store.articles()
    found = next((r for r in rows if str(r[0]) == article or r[1] == article), None)
    if found is None:
        return None
    await store.correct(moderator, "outlet", found[1], "outlet", outlet, [], found[1], found[3] or "?", outlet)
    return Correction(found[1], found[3] or "?", outlet, found[2] or "")
