"""Moderators' corrections: hide, show, change a speaker or an outlet; each one logged and kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.extract import Extractor
from bot.core.meaning import Embedder
from bot.core.registry import SpeakerRegistry
from bot.library.indexing import index_directory
from bot.library.speakers import OTHER, speaker_ids
from bot.store.store import AuditRow, CorrectedQuotation, Store

HIDDEN, SHOWN = "hidden", "shown"
NO_OUTLET = "?"  # how the audit log keeps "no outlet" (older rows too)


@dataclass(frozen=True)
class Target:
    """What a correction is made on: a statement, a quotation, or an article (by its file)."""

    kind: str  # statement | quotation | article
    ident: str

    @property
    def label(self) -> str:
        """As the audit log keeps it: "statement 12", "quotation 34", or the article's file."""
        return self.ident if self.kind == "article" else f"{self.kind} {self.ident}"

    @property
    def argument(self) -> str:
        """As moderators' commands take it: "12", "q34", or the article's file."""
        return {"statement": self.ident, "quotation": f"q{self.ident}"}.get(self.kind, self.ident)

    @classmethod
    def from_label(cls, label: str) -> Target:
        kind, _, number = label.partition(" ")
        if kind in ("statement", "quotation") and number.isdigit():
            return cls(kind, number)
        return cls("article", label)


def parse_target(value: str) -> Target | None:
    """ "12" or "s12": statement 12; "q34": quotation 34."""
    match = re.fullmatch(r"([sSqQ]?)#?(\d{1,9})", value.strip())
    if not match:
        return None
    return Target("quotation" if match.group(1).lower() == "q" else "statement", str(int(match.group(2))))


@dataclass(frozen=True)
class Correction:
    """What a correction changed, and the words concerned (so that a moderator who typed a wrong id sees it
    at once). Values: hidden/shown; speaker ids; an outlet's name (none: no value)."""

    action: str  # hide | unhide | speaker | outlet
    target: Target
    before: tuple[str, ...]
    after: tuple[str, ...]
    words: str


@dataclass(frozen=True)
class AuditEntry:
    """A logged correction, read back: when, by whom, what it changed, and the command that undoes it."""

    created_at: str  # YYYY-MM-DDTHH:MM:SSZ
    moderator: int
    correction: Correction
    undo: str | None


def undo_command(correction: Correction) -> str | None:
    """The command that undoes a correction, with the id it was made with; None if none does."""
    ident, before = correction.target.argument, correction.before
    if correction.action == "hide":
        return f"/unhide {ident}"
    if correction.action == "unhide":
        return f"/hide {ident}"
    if correction.action == "speaker" and len(before) == 1:
        speaker = f"other {before[0].removeprefix(OTHER)}" if before[0].startswith(OTHER) else before[0]
        return f"/speaker {ident} {speaker}"
    if correction.action == "outlet" and before:
        return f"/outlet {ident} {before[0]}"
    return None


def _values(action: str, value: str | None, registry: SpeakerRegistry) -> tuple[str, ...]:
    """A value as the audit log keeps it, read back."""
    if not value or (action == "outlet" and value == NO_OUTLET):
        return ()
    return speaker_ids(value, registry) if action == "speaker" else (value,)


async def audit_entries(store: Store, registry: SpeakerRegistry, limit: int) -> list[AuditEntry]:
    """The latest corrections, newest first, with the words each one concerned as they are now."""
    entries = []
    for row in await store.audit(limit):
        entries.append(await _entry(store, registry, row))
    return entries


async def _entry(store: Store, registry: SpeakerRegistry, row: AuditRow) -> AuditEntry:
    target = Target.from_label(row.target)
    if row.quotations:
        words = await store.words_of(*row.quotations[0])
    else:
        words = await store.words_of(target.ident, None) if target.kind == "article" else ""
    correction = Correction(
        row.action,
        target,
        _values(row.action, row.before, registry),
        _values(row.action, row.after, registry),
        words,
    )
    return AuditEntry(row.created_at, row.moderator, correction, undo_command(correction))


def _words_of(rows: list[CorrectedQuotation]) -> str:
    return rows[0].text if rows else ""


async def _quotations_named(store: Store, value: str) -> tuple[Target, list[CorrectedQuotation]] | None:
    """The quotations a moderator's ID names ("12", "s12", "q34")."""
    target = parse_target(value)
    if target is None:
        return None
    rows = await store.quotation_targets(target.kind, int(target.ident))
    if not rows:  # re-grouped since a correction made with this id: it still names what it named
        rows = await store.quotations_corrected_as(target.label)
    return (target, rows) if rows else None


async def set_hidden(store: Store, moderator: int, value: str, hidden: bool) -> Correction | None:
    found = await _quotations_named(store, value)
    if found is None:
        return None
    target, rows = found
    action = "hide" if hidden else "unhide"
    before = HIDDEN if all(r.hidden for r in rows) else SHOWN
    after = HIDDEN if hidden else SHOWN
    named = [(r.id, r.article, r.norm) for r in rows]
    await store.correct(moderator, action, target.label, "hidden", "1" if hidden else "0", named, None, before, after)
    return Correction(action, target, (before,), (after,), _words_of(rows))


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
    target, rows = found
    before = tuple(sorted({r.speaker for r in rows}))
    named = [(r.id, r.article, r.norm) for r in rows]
    await store.correct(moderator, "speaker", target.label, "speaker", speaker, named, None, ", ".join(before), speaker)
    await index_directory(
        store, data_dir, extractor, force=True, embedder=embedder
    )  # regroup: a statement never mixes speakers
    return Correction("speaker", target, before, (speaker,), _words_of(rows))


async def set_outlet(store: Store, moderator: int, article: str, outlet: str) -> Correction | None:
    """An article (its number in /articles, or its file) gets an outlet's name."""
    found = next((r for r in await store.articles() if str(r.id) == article or r.file == article), None)
    if found is None:
        return None
    before = found.outlet or NO_OUTLET
    await store.correct(moderator, "outlet", found.file, "outlet", outlet, [], found.file, before, outlet)
    was = (found.outlet,) if found.outlet else ()
    return Correction("outlet", Target("article", found.file), was, (outlet,), found.title)
