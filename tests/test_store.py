"""The store on a real SQLite file: idempotent indexing, replacement, and crash safety."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.library import Searcher, index_directory
from bot.store import Store
from tests.conftest import DATA, ROOT


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


async def snapshot(store: Store) -> dict:
    db = store._db  # the test looks at every row
    result = {}
    for table in ("articles", "quotations", "statements"):
        async with db.execute(f"SELECT * FROM {table} ORDER BY id") as cursor:
            result[table] = [tuple(row) for row in await cursor.fetchall()]
    return result


async def test_indexing_the_same_data_twice_changes_nothing(tmp_path, data_dir, extractor) -> None:
    store = await Store.open(tmp_path / "q.sqlite3")
    first = await index_directory(store, data_dir, extractor)
    before, build = await snapshot(store), await store.index_build()
    second = await index_directory(store, data_dir, extractor)
    assert first.changed and not second.changed
    assert await snapshot(store) == before
    assert await store.index_build() == build
    await store.close()


async def test_a_changed_article_replaces_its_quotations_and_keeps_other_ids(tmp_path, data_dir, extractor) -> None:
    store = await Store.open(tmp_path / "q.sqlite3")
    await index_directory(store, data_dir, extractor)
    before = await snapshot(store)
    path = data_dir / "articles" / "003_3732444aa2140bd8.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Je suis ravi", "Je suis enchanté"), encoding="utf-8")
    summary = await index_directory(store, data_dir, extractor)
    after = await snapshot(store)
    assert summary.extracted == 1
    texts = [row[5] for row in after["quotations"]]
    assert any(t.startswith("Je suis enchanté") for t in texts)
    assert not any(t.startswith("Je suis ravi") for t in texts)
    kept_ids = {row[0] for row in before["quotations"] if row[1] != 4}
    assert kept_ids <= {row[0] for row in after["quotations"]}
    # Unchanged statements keep their ids: Kim's "devoir fraternel" is still the same statement.
    searcher = Searcher.for_data(store, data_dir)
    assert (await searcher.ask("devoir fraternel")).results[0].statement.id in {row[0] for row in before["statements"]}
    await store.close()


async def test_a_removed_article_leaves_the_index(tmp_path, data_dir, extractor) -> None:
    store = await Store.open(tmp_path / "q.sqlite3")
    await index_directory(store, data_dir, extractor)
    (data_dir / "articles" / "002_65c4bf68423a7321.txt").unlink()
    summary = await index_directory(store, data_dir, extractor)
    assert summary.removed == 1
    answer = await Searcher.for_data(store, data_dir).ask("colonialisme japonais")
    assert answer.confident is None
    await store.close()


async def test_outlet_comes_from_sources_then_the_text_never_invented(tmp_path, data_dir, extractor) -> None:
    (data_dir / "sources.toml").write_text('[[article]]\nfile = "000_95109f075a4b3989.txt"\noutlet = "Sada"\n')
    store = await Store.open(tmp_path / "q.sqlite3")
    await index_directory(store, data_dir, extractor)
    async with store._db.execute("SELECT file, outlet FROM articles ORDER BY file") as cursor:
        outlets = dict(await cursor.fetchall())
    assert outlets["000_95109f075a4b3989.txt"] == "Sada"  # sources.toml wins
    assert outlets["002_65c4bf68423a7321.txt"] == "AlAhed"  # from the byline
    assert outlets["001_eb8995c44e228464.txt"] is None  # the text does not name it
    await store.close()


KILLED_WRITER = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from bot.library import index_directory
    from bot.store import store as store_module

    original = store_module.SQLiteStore._write_statements

    async def write_then_die(self, *args):
        result = await original(self, *args)
        await self._db.execute("DELETE FROM quotations")  # make the half-written state obvious
        print("inside the transaction", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        return result

    store_module.SQLiteStore._write_statements = write_then_die

    async def main():
        store = await store_module.SQLiteStore.open(Path({db!r}))
        await index_directory(store, Path({data!r}))

    asyncio.run(main())
    """
)


async def test_an_indexer_killed_midway_leaves_the_previous_index_whole(tmp_path, data_dir, extractor) -> None:
    db = tmp_path / "q.sqlite3"
    store = await Store.open(db)
    await index_directory(store, data_dir, extractor)
    before = await snapshot(store)
    await store.close()

    (data_dir / "articles" / "004_6a6a17839d07f7c1.txt").write_text("Nouvel article sans citation.\n")
    script = KILLED_WRITER.format(root=str(ROOT), db=str(db), data=str(data_dir))
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "inside the transaction" in child.stdout

    store = await Store.open(db)
    assert await snapshot(store) == before
    answer = await Searcher.for_data(store, data_dir).ask("familles des martyrs")
    assert answer.confident is not None and answer.confident.statement.speaker == "kim"
    await store.close()


async def test_a_reader_never_sees_a_half_built_index(tmp_path, data_dir, extractor) -> None:
    db = tmp_path / "q.sqlite3"
    writer = await Store.open(db)
    await index_directory(writer, data_dir, extractor)
    reader = await Store.open(db)
    counts = await reader.counts()
    await writer._db.execute("BEGIN IMMEDIATE")
    await writer._db.execute("DELETE FROM quotations")
    assert await reader.counts() == counts  # the write is not committed: the reader sees the old index
    await writer._db.rollback()
    await reader.close()
    await writer.close()


async def test_a_database_from_a_newer_version_is_refused(tmp_path) -> None:
    import sqlite3

    from bot.store import StoreError

    path = tmp_path / "new.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        await Store.open(path)


async def test_a_look_up_for_one_speaker_reads_the_full_text_index_first(tmp_path) -> None:
    """With one speaker, SQLite would walk that speaker's index and run the full-text match once per
    quotation (a minute per query at 1M): the match must stay the outer loop, for one speaker or several."""
    import sqlite3

    from bot.store.store import candidates_sql

    store = await Store.open(tmp_path / "plan.sqlite3")
    await store.close()
    with sqlite3.connect(tmp_path / "plan.sqlite3") as db:
        for speakers in (1, 2):
            sql = "EXPLAIN QUERY PLAN " + candidates_sql(speakers, ranked=False)
            steps = [row[3] for row in db.execute(sql, ('"paix"', *["kim"] * speakers, 100))]
            assert steps[0].startswith("SCAN quotation_fts"), steps
