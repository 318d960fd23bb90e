"""The corpus over time and taken away: the statements a timeline draws, and the rows an export writes.

A statement's date is its first report's exact day; a statement with none (no date, or a month only) is
never placed at an invented day: it is counted and listed apart. A period keeps the statements whose date
falls in it.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date

from bot.core.dates import Period, exact_day
from bot.core.registry import Speaker, SpeakerRegistry
from bot.core.text import normalise
from bot.core.timeline import DatedStatement, Lane, Picture, draw_timeline
from bot.store.store import ReportedVariant, Store

FORMATS = ("csv", "jsonl")


def find_speaker(registry: SpeakerRegistry, word: str) -> Speaker | None:
    """The principal a word names: their registry id or one of their names, folded."""
    wanted = normalise(word)
    for speaker in registry.principals:
        if wanted == normalise(speaker.id) or wanted in (normalise(name) for name in speaker.names):
            return speaker
    return None


@dataclass(frozen=True)
class _Statement:
    id: int
    speaker: str
    day: date | None
    variants: tuple[ReportedVariant, ...]


async def _statements(store: Store, speakers: Sequence[Speaker]) -> list[_Statement]:
    grouped: dict[int, list[ReportedVariant]] = {}
    for variant in await store.reported_variants([s.id for s in speakers]):
        grouped.setdefault(variant.statement_id, []).append(variant)
    found = []
    for statement_id, variants in grouped.items():
        days = [d for d in (exact_day(v.published) for v in variants) if d is not None]
        found.append(_Statement(statement_id, variants[0].speaker, min(days, default=None), tuple(variants)))
    return found


def _dated(statement: _Statement) -> DatedStatement:
    assert statement.day is not None
    carried = {v.outlet or f"article:{v.article}" for v in statement.variants}  # an unnamed outlet: its article
    named_first = sorted(
        (v for v in statement.variants if v.outlet and exact_day(v.published) == statement.day),
        key=lambda v: v.article,
    )
    first = named_first[0].outlet if named_first else None
    return DatedStatement(statement.id, statement.speaker, statement.day, len(carried), first)


@dataclass(frozen=True)
class TimelineSelection:
    """What a timeline of some speakers over a period draws, and what it leaves apart."""

    lanes: tuple[Lane, ...]
    period: Period
    dated: tuple[DatedStatement, ...]  # in the period
    undated: tuple[int, ...]  # statement ids without an exact day, whatever the period
    indexed: int  # these speakers' statements in the whole index: 0 is an empty index

    @property
    def first_day(self) -> date:
        """The start of the period shown: the one asked for, else the first statement's day."""
        return self.period.since or min(s.day for s in self.dated)

    @property
    def last_day(self) -> date:
        return self.period.until or max(s.day for s in self.dated)


async def select_timeline(
    store: Store, speakers: Sequence[Speaker], period: Period, language: str = "fr"
) -> TimelineSelection:
    """The statements of `speakers` (one lane each, named as the registry names them in the picture's
    language) dated in `period`."""
    statements = await _statements(store, speakers)
    dated = [_dated(s) for s in statements if s.day is not None and period.holds(s.day)]
    return TimelineSelection(
        lanes=tuple(Lane(s.id, s.display_name(language)) for s in speakers),
        period=period,
        dated=tuple(sorted(dated, key=lambda s: (s.day, s.statement_id))),
        undated=tuple(sorted(s.id for s in statements if s.day is None)),
        indexed=len(statements),
    )


async def timeline_picture(selection: TimelineSelection, title: str, subtitle: str, language: str) -> Picture:
    """The picture of a selection with at least one dated statement, drawn in a worker thread (CPU work:
    the event loop goes on answering)."""
    return await asyncio.to_thread(
        draw_timeline,
        selection.dated,
        selection.lanes,
        title,
        subtitle,
        language,
        selection.period.since,
        selection.period.until,
    )


@dataclass(frozen=True)
class ExportRow:
    """One variant: a statement as one outlet carried it. Its date is that article's, as the index has it
    ("2025-09-03", "2024-06" or none)."""

    statement: int
    speaker: str
    date: str | None
    outlet: str | None
    article: str
    url: str | None
    language: str
    quote: str
    kind: str


FIELDS = tuple(f.name for f in fields(ExportRow))


@dataclass(frozen=True)
class Export:
    rows: tuple[ExportRow, ...]
    statements: int
    undated: int  # statements among them without an exact day (only when no period is asked for)


async def select_export(store: Store, speakers: Sequence[Speaker], period: Period) -> Export:
    """Every variant of the statements of `speakers` in `period`; with no period, the undated ones too."""
    kept = [s for s in await _statements(store, speakers) if (period.holds(s.day) if s.day else not period.bounded)]
    rows = tuple(
        ExportRow(v.statement_id, v.speaker, v.published, v.outlet, v.article, v.url, v.language, v.quote, v.kind)
        for s in kept
        for v in s.variants
    )
    return Export(rows, len(kept), sum(1 for s in kept if s.day is None))


def export_bytes(rows: Sequence[ExportRow], format: str) -> bytes:
    """CSV with a header row, or JSON lines; UTF-8 either way. An unknown value is empty (CSV) or null."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}")
    buffer = io.StringIO()
    if format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
    else:
        for row in rows:
            buffer.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    return buffer.getvalue().encode("utf-8")
