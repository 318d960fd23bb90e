"""The timeline picture: one lane per speaker, one mark per statement at its date, its area by the number
of outlets that carried it, the first outlet's name beside the biggest ones.

Pure: plain rows in, PNG bytes and the marks drawn out (so that tests check what was drawn from the data,
not from pixels). matplotlib is imported when a picture is drawn, so commands that draw nothing stay fast.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.core.dates import short_date

# A fixed size in pixels, readable on a phone: Telegram shows photos at most 1280 px on their long side, so
# this is never scaled down, and text at least 1/50 of the width stays legible on a screen a third as wide.
WIDTH_PX = 1280
HEIGHT_PX = 960
DPI = 100
TITLE_PT, SUBTITLE_PT, LANE_PT, TICK_PT, LABEL_PT = 24, 17, 19, 17, 16  # 33, 24, 26, 24, 22 px
MARGIN = 0.03  # of the width, left and right
AREA_PER_OUTLET = 150.0  # points² of a mark per outlet that carried the statement
LABELLED = 8  # at most this many marks get their first outlet's name, the biggest first, one a day per lane
LABEL_FROM_OUTLETS = 2  # a statement carried by one outlet is not "one of the biggest"
# Within a lane (one unit high), its name sits at the top and the marks below it; several statements of
# a speaker on one day are stacked around MARKS_AT, at most STACK_STEP apart, within STACK_HEIGHT.
NAME_AT, MARKS_AT, STACK_STEP, STACK_HEIGHT = -0.45, 0.08, 0.1, 0.7
LEFT_LABEL_FROM = 0.8  # past this share of the axis, a label goes left of its mark (not off the picture)


@dataclass(frozen=True)
class DatedStatement:
    """A statement with an exact day: its first report's."""

    statement_id: int
    speaker: str
    day: date
    outlets: int  # distinct outlets that carried it (an unnamed outlet counts once per article)
    first_outlet: str | None  # the named outlet among its earliest reports; None when none is named


@dataclass(frozen=True)
class Lane:
    speaker: str
    label: str


@dataclass(frozen=True)
class Mark:
    """One mark as drawn: `y` is the lane's index, moved within the lane when a day has several."""

    statement_id: int
    speaker: str
    day: date
    y: float
    area: float
    outlets: int
    label: str | None


@dataclass(frozen=True)
class Picture:
    png: bytes
    width: int
    height: int
    marks: tuple[Mark, ...]


def place_marks(statements: Sequence[DatedStatement], lanes: Sequence[Lane]) -> list[Mark]:
    """Where each statement goes: its speaker's lane at its day; several on one day stacked, the most
    carried in the middle. The biggest get their first outlet's name, one a day in each lane, so that
    names never pile up on a stack."""
    lane_of = {lane.speaker: index for index, lane in enumerate(lanes)}
    same_day: dict[tuple[str, date], list[DatedStatement]] = {}
    for statement in statements:
        if statement.speaker not in lane_of:
            raise ValueError(f"statement {statement.statement_id}: no lane for {statement.speaker!r}")
        same_day.setdefault((statement.speaker, statement.day), []).append(statement)
    biggest = [max(group, key=lambda s: (s.outlets, -s.statement_id)) for group in same_day.values()]
    named = sorted(
        (s for s in biggest if s.first_outlet and s.outlets >= LABEL_FROM_OUTLETS),
        key=lambda s: (-s.outlets, s.day, s.statement_id),
    )[:LABELLED]
    labelled = {s.statement_id for s in named}
    marks = []
    for (speaker, day), group in same_day.items():
        group.sort(key=lambda s: (-s.outlets, s.statement_id))
        step = min(STACK_STEP, STACK_HEIGHT / len(group))
        for rank, statement in enumerate(group):
            offset = (rank + 1) // 2 * step * (1 if rank % 2 else -1)  # 0, +1, -1, +2, -2 steps
            marks.append(
                Mark(
                    statement.statement_id,
                    speaker,
                    day,
                    lane_of[speaker] + MARKS_AT + offset,
                    AREA_PER_OUTLET * statement.outlets,
                    statement.outlets,
                    statement.first_outlet if statement.statement_id in labelled else None,
                )
            )
    return sorted(marks, key=lambda m: (m.day, m.y))


def _shown_days(statements: Sequence[DatedStatement], start: date | None, end: date | None) -> tuple[date, date]:
    """The days the axis covers: the period asked for, its open ends closed by the data, with a margin
    so that no mark sits on the edge."""
    first = start or min(s.day for s in statements)
    last = end or max(s.day for s in statements)
    margin = max(timedelta(days=7), (last - first) * 0.04)
    return first - margin, last + margin


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def draw_timeline(
    statements: Sequence[DatedStatement],
    lanes: Sequence[Lane],
    title: str,
    subtitle: str,
    language: str,
    start: date | None = None,
    end: date | None = None,
) -> Picture:
    """The picture of these statements (at least one), WIDTH_PX × HEIGHT_PX, between `start` and `end`
    (default: the first and last statement). Tick labels are written in `language`."""
    if not statements:
        raise ValueError("a timeline needs at least one statement: say so instead of drawing nothing")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, date2num, num2date
    from matplotlib.figure import Figure

    marks = place_marks(statements, lanes)
    low, high = _shown_days(statements, start, end)
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    # parse_math off everywhere: a "$" in a name or an outlet is text, not the start of a formula
    heading = figure.text(
        MARGIN, 0.975, title, fontsize=TITLE_PT, parse_math=False, fontweight="bold", va="top", linespacing=1.3
    )
    below = figure.text(
        MARGIN, 0.865, subtitle, fontsize=SUBTITLE_PT, parse_math=False, color="#444444", va="top", linespacing=1.4
    )
    for text, size in ((heading, TITLE_PT), (below, SUBTITLE_PT)):  # a long name shrinks instead of running off
        width = text.get_window_extent(canvas.get_renderer()).width
        if width > (1 - 2 * MARGIN) * WIDTH_PX:
            text.set_fontsize(size * (1 - 2 * MARGIN) * WIDTH_PX / width)
    axes = figure.add_axes((MARGIN, 0.08, 1 - 2 * MARGIN, 0.66))
    axes.set_xlim(date2num(low), date2num(high))
    axes.set_ylim(len(lanes) - 0.5, -0.5)  # the first lane on top
    axes.set_yticks([])
    for index, lane in enumerate(lanes):
        if index % 2:
            axes.axhspan(index - 0.5, index + 0.5, color="#f3f3f3", zorder=0)
        axes.text(
            0.005,
            index + NAME_AT,
            lane.label,
            transform=axes.get_yaxis_transform(),
            fontsize=LANE_PT,
            parse_math=False,
            fontweight="bold",
            color=f"C{index % 10}",
            va="top",
            zorder=5,
        )
    ticks = [
        tick
        for tick in AutoDateLocator(minticks=3, maxticks=6).tick_values(_midnight(low), _midnight(high))
        if date2num(low) <= tick <= date2num(high)
    ]
    with_day = (high - low).days < 90
    labels = [short_date(num2date(tick).date(), language, with_day=with_day) for tick in ticks]
    axes.set_xticks(ticks, labels, fontsize=TICK_PT)  # month names in the reader's language, not the locale's
    axes.grid(axis="x", color="#dddddd", zorder=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    colours = {lane.speaker: f"C{index % 10}" for index, lane in enumerate(lanes)}
    axes.scatter(
        [date2num(m.day) for m in marks],
        [m.y for m in marks],
        s=[m.area for m in marks],
        c=[colours[m.speaker] for m in marks],
        alpha=0.75,
        edgecolors="white",
        linewidths=1.0,
        zorder=3,
    )
    span = date2num(high) - date2num(low)
    for mark in marks:
        if mark.label is None:
            continue
        left = (date2num(mark.day) - date2num(low)) / span > LEFT_LABEL_FROM
        gap = (mark.area**0.5) / 2 + 4  # points: beyond the mark's edge
        axes.annotate(
            mark.label,
            (date2num(mark.day), mark.y),
            xytext=(-gap if left else gap, 0),
            textcoords="offset points",
            ha="right" if left else "left",
            va="center",
            fontsize=LABEL_PT,
            parse_math=False,
            zorder=4,
        )
    buffer = io.BytesIO()
    canvas.print_png(buffer, metadata={"Software": None})  # no version stamp: the same data, the same bytes
    return Picture(buffer.getvalue(), WIDTH_PX, HEIGHT_PX, tuple(marks))
