"""Exports (issue 14): `quotebot export` as a user runs it, read back with Python's csv and json and
compared with the SQLite file itself, row for row."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

from bot.cli import main

HEADER = ["statement", "speaker", "date", "outlet", "article", "url", "language", "quote", "kind"]


def indexed_rows(db: Path, speakers: tuple[str, ...] = ("putin", "kim")) -> list[tuple]:
    """Every visible variant of these speakers' statements, straight from the SQLite file."""
    marks = ",".join("?" * len(speakers))
    sql = (
        "SELECT s.id, s.speaker, a.published, a.outlet, a.file, a.url, a.language, q.text, q.kind FROM statements s "
        "JOIN quotations q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id "
        f"WHERE q.hidden = 0 AND s.speaker IN ({marks})"
    )
    with sqlite3.connect(db) as connection:
        return list(connection.execute(sql, speakers))


def first_days(rows: list[tuple]) -> dict[int, date | None]:
    days: dict[int, date | None] = {}
    for row in rows:
        day = date.fromisoformat(row[2]) if row[2] and len(row[2]) == 10 else None
        known = days.get(row[0])
        days[row[0]] = min(d for d in (known, day) if d) if (known or day) else None
    return days


def as_csv(rows: list[tuple]) -> list[list[str]]:
    return sorted([["" if value is None else str(value) for value in row] for row in rows])


def by_text(row: tuple) -> tuple[str, ...]:
    """A sort key where None sorts beside strings."""
    return tuple(map(str, row))


def export(db: Path, data: Path, *arguments: str) -> int:
    return main(["export", "--db", str(db), "--data", str(data), *arguments])


def test_csv_round_trips_through_python_csv_with_the_rows_of_the_index(dated_index, tmp_path) -> None:
    db, data = dated_index
    out = tmp_path / "quotes.csv"
    assert export(db, data, "--format", "csv", "--out", str(out)) == 0
    with out.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == HEADER
    expected = indexed_rows(db)
    assert len(expected) > 30
    assert sorted(rows) == as_csv(expected)
    assert any("," in row[7] and "\n" not in row[7] for row in rows)  # a quote with commas came back whole


def test_standard_output_gets_utf8_and_the_summary_goes_to_standard_error(dated_index, capsysbinary) -> None:
    db, data = dated_index
    assert export(db, data) == 0  # csv by default
    captured = capsysbinary.readouterr()
    rows = list(csv.reader(captured.out.decode("utf-8").splitlines()))
    assert rows[0] == HEADER and sorted(rows[1:]) == as_csv(indexed_rows(db))
    assert "« Cette usine fera la fierté de notre peuple »" not in captured.out.decode()  # the quote, not its marks
    assert any(row[7] == "Cette usine fera la fierté de notre peuple" and row[2] == "" for row in rows)  # undated
    statements = len({row[0] for row in indexed_rows(db)})
    assert captured.err.decode() == (
        f"quotebot: {len(rows) - 1} rows ({statements} statements of Vladimir Putin and Kim Jong-un, "
        "2 without an exact date) in csv to standard output\n"
    )


def test_json_lines_hold_the_same_rows_with_nulls_for_what_is_unknown(dated_index, tmp_path) -> None:
    db, data = dated_index
    out = tmp_path / "quotes.jsonl"
    assert export(db, data, "--format", "jsonl", "--out", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    objects = [json.loads(line) for line in lines]
    assert all(list(o) == HEADER for o in objects)
    assert sorted((tuple(o.values()) for o in objects), key=by_text) == sorted(indexed_rows(db), key=by_text)
    assert any(o["outlet"] is None and o["date"] is None for o in objects)  # the undated article names no outlet
    assert "fierté" in out.read_text(encoding="utf-8")  # UTF-8 itself, not \u escapes


def test_a_speaker_and_a_period_keep_their_statements_with_every_variant(dated_index, tmp_path) -> None:
    db, data = dated_index
    out = tmp_path / "kim.csv"
    assert export(db, data, "--speaker", "kim", "--since", "2025-09", "--until", "2025-09-03", "--out", str(out)) == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kim = indexed_rows(db, ("kim",))
    days = first_days(kim)
    expected = [row for row in kim if days[row[0]] and date(2025, 9, 1) <= days[row[0]] <= date(2025, 9, 3)]
    assert len(expected) > len({row[0] for row in expected})  # some statements carried by several outlets
    assert sorted([list(r.values()) for r in rows]) == as_csv(expected)
    assert all(r["date"] for r in rows)  # the undated statement is in no period


def test_an_unwritable_file_is_one_line_and_exit_code_2(dated_index, capsys) -> None:
    db, data = dated_index
    assert export(db, data, "--out", "/nonexistent/dir/q.csv") == 2
    assert capsys.readouterr().err == "quotebot: cannot write /nonexistent/dir/q.csv: No such file or directory\n"
