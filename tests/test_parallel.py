"""`index --workers N`: extraction in several processes builds the same index as one process."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.extract import Extractor
from bot.library import index_directory
from bot.library.parallel import max_workers
from bot.store import Store

HERE = Path(__file__).resolve().parent
NO_MEANING = {**os.environ, "QUOTEBOT_MEANING": "off"}  # the sentence model is not what these tests are about


def _with_heldout(data_dir: Path) -> Path:
    """The bundled data, the held-out articles (they have no sources.toml) and a kept web page."""
    for path in sorted((HERE / "heldout").glob("*.txt")):
        shutil.copy(path, data_dir / "articles" / path.name)
    shutil.copy(HERE / "pages" / "ministre-eau.html", data_dir / "articles" / "ministre-eau.html")
    return data_dir


def _stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every quotation (its id, article, offsets, text, speaker, kind, cue, statement) and every statement."""
    with sqlite3.connect(db) as connection:
        quotations = connection.execute(
            "SELECT q.id, a.file, q.start, q.end, q.text, q.speaker, q.kind, q.cue, q.statement_id "
            "FROM quotations q JOIN articles a ON a.id = q.article_id ORDER BY q.id"
        ).fetchall()
        statements = connection.execute("SELECT id, key, speaker, text FROM statements ORDER BY id").fetchall()
    return quotations, statements


async def _index(db: Path, data_dir: Path, extractor: Extractor, workers: int) -> None:
    store = await Store.open(db)
    try:
        await index_directory(store, data_dir, extractor, workers=workers)
    finally:
        await store.close()


async def test_two_workers_store_what_one_worker_stores(tmp_path: Path, data_dir: Path, extractor: Extractor) -> None:
    data = _with_heldout(data_dir)
    await _index(tmp_path / "one.sqlite3", data, extractor, workers=1)
    await _index(tmp_path / "two.sqlite3", data, extractor, workers=2)
    one, two = _stored(tmp_path / "one.sqlite3"), _stored(tmp_path / "two.sqlite3")
    quotations, statements = one
    assert len({q[1] for q in quotations}) >= 9 and len(statements) > 50  # most articles have quotations
    assert two == one


async def test_a_bad_number_of_workers_is_refused(tmp_path: Path, data_dir: Path, extractor: Extractor) -> None:
    with pytest.raises(ValueError, match="from 1 to"):
        await _index(tmp_path / "none.sqlite3", data_dir, extractor, workers=0)


def test_index_command_with_two_workers(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "two.sqlite3"
    run = [sys.executable, "-m", "bot", "index", "--data", str(_with_heldout(data_dir)), "--db", str(db)]
    done = subprocess.run([*run, "--workers", "2"], capture_output=True, text=True, env=NO_MEANING)
    assert done.returncode == 0, done.stderr
    assert "index updated: 11 articles (11 read, 0 removed)" in done.stdout
    again = subprocess.run([*run, "--workers", "2"], capture_output=True, text=True, env=NO_MEANING, check=True)
    assert "already up to date" in again.stdout


@pytest.mark.parametrize("value", ["0", "abc", "-1", "1000", "1.5", "²"])
def test_index_command_refuses_a_bad_number_of_workers(tmp_path: Path, value: str) -> None:
    db = tmp_path / "never.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "index", "--db", str(db), "--workers", value],
        capture_output=True,
        text=True,
        env=NO_MEANING,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"quotebot: --workers: the number of workers must be a whole number from 1 to {max_workers()}, not {value!r}"
    ]
    assert not db.exists()
