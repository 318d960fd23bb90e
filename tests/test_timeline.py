"""The timeline picture (issue 14), from a real index of real articles: what it draws is checked against the
SQLite file itself, the PNG by its bytes and size; and `quotebot timeline` as a user runs it."""

from __future__ import annotations

import asyncio
import io
import sqlite3
import warnings
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from bot.cli import main
from bot.config import speakers_file
from bot.core.dates import DateError, Period, reader_date, typed_day
from bot.core.registry import load_registry
from bot.core.timeline import HEIGHT_PX, WIDTH_PX, DatedStatement, Lane, Picture, draw_timeline
from bot.library import select_timeline, timeline_picture
from bot.store import Store


def principals(data: Path) -> list:
    return load_registry(speakers_file(data)).principals


def indexed_statements(db: Path, speakers: list[str]) -> dict[int, tuple[str, date | None, int]]:
    """statement -> (speaker, its first exact day or None, outlets that carried it), read straight from the
    SQLite file (not through the code under test)."""
    marks = ",".join("?" * len(speakers))
    sql = (
        "SELECT s.id, s.speaker, a.published, COALESCE(a.outlet, 'article:' || a.file) FROM statements s "
        "JOIN quotations q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id "
        f"WHERE q.hidden = 0 AND s.speaker IN ({marks})"
    )
    found: dict[int, tuple[str, set[date], set[str]]] = {}
    with sqlite3.connect(db) as connection:
        for statement, speaker, published, outlet in connection.execute(sql, speakers):
            entry = found.setdefault(statement, (speaker, set(), set()))
            if published and len(published) == 10:
                entry[1].add(date.fromisoformat(published))
            entry[2].add(outlet)
    return {sid: (speaker, min(days, default=None), len(outlets)) for sid, (speaker, days, outlets) in found.items()}


def statements_of_file(db: Path, file: str) -> set[int]:
    with sqlite3.connect(db) as connection:
        sql = "SELECT q.statement_id FROM quotations q JOIN articles a ON a.id = q.article_id WHERE a.file = ?"
        return {row[0] for row in connection.execute(sql, [file]) if row[0] is not None}


ALL_TIME = Period()


async def picture_of(db: Path, data: Path, period: Period = ALL_TIME, speaker: str | None = None):
    speakers = [s for s in principals(data) if speaker is None or s.id == speaker]
    store = await Store.open(db)
    try:
        selection = await select_timeline(store, speakers, period)
    finally:
        await store.close()
    picture = await timeline_picture(selection, "Déclarations\n1er mai – 3 août", "sous-titre", "fr")
    return selection, picture


def assert_png_of_stated_size(picture: Picture) -> None:
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG"
    assert image.size == (picture.width, picture.height) == (1280, 960)
    image.verify()  # the whole file decodes: not a header glued on nothing


async def test_the_picture_is_a_png_of_its_size_with_one_mark_per_dated_statement(dated_index) -> None:
    db, data = dated_index
    speakers = principals(data)
    selection, picture = await picture_of(db, data)
    assert_png_of_stated_size(picture)
    expected = {
        sid: (speaker, day, outlets)
        for sid, (speaker, day, outlets) in indexed_statements(db, [s.id for s in speakers]).items()
        if day is not None
    }
    assert len(expected) >= 20
    drawn = {m.statement_id: (m.speaker, m.day, m.outlets) for m in picture.marks}
    assert len(picture.marks) == len(drawn)  # one mark per statement, none twice
    assert drawn == expected
    lane = {s.id: index for index, s in enumerate(speakers)}
    assert all(abs(m.y - lane[m.speaker]) < 0.5 for m in picture.marks)  # inside its speaker's lane
    assert [lane_.label for lane_ in selection.lanes] == [s.name for s in speakers]  # named by the registry
    areas = {m.outlets: m.area for m in picture.marks}
    assert max(areas) >= 3 and areas[max(areas)] > areas[1]  # the more outlets, the bigger


async def test_statements_without_an_exact_day_are_counted_apart_never_drawn(dated_index) -> None:
    db, data = dated_index
    selection, picture = await picture_of(db, data)
    undated = statements_of_file(db, "900_undated.txt")
    month_only = statements_of_file(db, "901_month.txt")
    assert len(undated) == 1 and len(month_only) == 1
    assert set(selection.undated) == undated | month_only
    assert not (undated | month_only) & {m.statement_id for m in picture.marks}


async def test_a_period_keeps_only_the_statements_dated_in_it(dated_index) -> None:
    db, data = dated_index
    period = Period.typed("2024", "2024-12")
    selection, picture = await picture_of(db, data, period)
    assert_png_of_stated_size(picture)
    days = {m.day for m in picture.marks}
    assert days == {date(2024, 6, 19)}
    in_2024 = [sid for sid, (_, day, _) in indexed_statements(db, ["putin", "kim"]).items() if day and day.year == 2024]
    assert sorted(m.statement_id for m in picture.marks) == sorted(in_2024)
    assert (selection.first_day, selection.last_day) == (date(2024, 1, 1), date(2024, 12, 31))


async def test_one_speaker_has_one_lane_and_only_their_statements(dated_index) -> None:
    db, data = dated_index
    selection, picture = await picture_of(db, data, speaker="kim")
    assert [lane.speaker for lane in selection.lanes] == ["kim"]
    assert picture.marks and {m.speaker for m in picture.marks} == {"kim"}


async def test_the_biggest_marks_carry_their_first_outlet_s_name(dated_index) -> None:
    db, data = dated_index
    _, picture = await picture_of(db, data)
    biggest = max(picture.marks, key=lambda m: m.outlets)
    assert biggest.label == "SadaNews"  # reported the same day by two articles naming no outlet, and SadaNews
    assert all(m.label is None for m in picture.marks if m.outlets == 1)


def test_accents_render_with_the_bundled_fonts() -> None:
    statements = [DatedStatement(1, "x", date(2025, 9, 3), 2, "Le Monde Éco")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of every glyph its font lacks (a "中" here fails)
        picture = draw_timeline(
            statements, [Lane("x", "Sergueï Choïgou")], "Déclarations, 15 août 2023 – 3 février", "ûœç ÀÉ", "fr"
        )
    assert_png_of_stated_size(picture)


def test_nothing_to_draw_is_refused_rather_than_drawn_empty() -> None:
    with pytest.raises(ValueError, match="at least one statement"):
        draw_timeline([], [Lane("x", "X")], "t", "s", "en")


def test_dates_as_readers_write_them_and_as_users_type_them() -> None:
    assert reader_date(date(2025, 9, 3), "fr") == "3 septembre 2025"
    assert reader_date(date(2024, 5, 1), "fr") == "1er mai 2024"
    assert reader_date(date(2025, 9, 3), "en") == "3 September 2025"
    assert typed_day("2024-02", end=True) == date(2024, 2, 29)
    assert typed_day("2024", end=False) == date(2024, 1, 1)
    for bad in ("2024-13-01", "2024-02-30", "yesterday", "24-01-01"):
        with pytest.raises(DateError):
            typed_day(bad, end=False)
    with pytest.raises(DateError, match="after it ends"):
        Period.typed("2025-01-01", "2024-01-01")


# ---- the command line ------------------------------------------------------------------------------


def test_the_command_writes_the_picture_and_says_what_it_left_apart(dated_index, tmp_path, capsys) -> None:
    db, data = dated_index
    out = tmp_path / "timeline.png"
    assert main(["timeline", "--db", str(db), "--data", str(data), "--out", str(out)]) == 0
    image = Image.open(out)
    assert image.format == "PNG" and image.size == (WIDTH_PX, HEIGHT_PX)
    lines = capsys.readouterr().out.splitlines()
    dated = [sid for sid, (_, day, _) in indexed_statements(db, ["putin", "kim"]).items() if day]
    assert lines[0] == (
        f"wrote {out}: 1280×960 px, {len(dated)} statements of Vladimir Putin and Kim Jong-un, "
        "15 August 2023 to 3 September 2025"
    )
    apart = sorted(statements_of_file(db, "900_undated.txt") | statements_of_file(db, "901_month.txt"))
    assert lines[1] == f"without an exact date, not drawn: 2 (statements {apart[0]}, {apart[1]})"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since", "2024-13-01"], "'2024-13-01' is not a date of the calendar"),
        (["--since", "last week"], "'last week' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
        (["--since", "2025", "--until", "2024"], "the period starts (2025) after it ends (2024)"),
        (["--speaker", "macron"], "unknown speaker 'macron': the registry knows putin, kim"),
        (["--speaker", "Poutine"], "unknown speaker 'Poutine': the registry knows putin, kim"),  # ids, not names
        (["--out", "/nonexistent/dir/t.png"], "cannot write /nonexistent/dir/t.png: No such file or directory"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(dated_index, tmp_path, capsys, arguments, message) -> None:
    db, data = dated_index
    base = ["timeline", "--db", str(db), "--data", str(data)]
    out = [] if "--out" in arguments else ["--out", str(tmp_path / "t.png")]
    assert main([*base, *out, *arguments]) == 2
    error = capsys.readouterr().err
    assert error == f"quotebot: {message}\n"
    assert not (tmp_path / "t.png").exists()


def test_no_index_there_is_bad_input_and_creates_nothing(tmp_path, capsys) -> None:
    missing = tmp_path / "none.sqlite3"
    assert main(["timeline", "--db", str(missing), "--out", str(tmp_path / "t.png")]) == 2
    error = capsys.readouterr().err
    assert error == f"quotebot: there is no index at {missing}: build it with quotebot index --db {missing}\n"
    assert not missing.exists()


def empty_index(path: Path) -> Path:
    """A real, migrated database with nothing indexed."""

    async def create() -> None:
        await (await Store.open(path)).close()

    asyncio.run(create())
    return path


def test_an_empty_index_or_an_empty_period_says_so_and_draws_nothing(dated_index, tmp_path, capsys) -> None:
    db, data = dated_index
    empty = empty_index(tmp_path / "empty.sqlite3")
    out = tmp_path / "t.png"
    assert main(["timeline", "--db", str(empty), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"quotebot: the index at {empty} has no statement of Vladimir Putin and Kim Jong-un yet: nothing drawn\n"
    )
    assert main(["timeline", "--db", str(db), "--data", str(data), "--since", "2030", "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        "quotebot: no statement of Vladimir Putin and Kim Jong-un is dated from 1 January 2030; "
        "2 without an exact date: nothing drawn\n"
    )
    assert not out.exists()
