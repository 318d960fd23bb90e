"""The store, on a real SQLite file and on PostgreSQL: idempotent indexing, replacement, and crash safety."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.library import Searcher, index_directory
from bot.store import SQLiteStore, Store, StoreError
from tests.conftest import DATA, ROOT, rows

COLUMNS = {  # those of SQLite's schema, in its order (PostgreSQL's quotations also hold their tsvectors)
    "articles": "id, file, content_hash, title, outlet, url, published, language, text_hash",
    "quotations": 'id, article_id, statement_id, start, "end", text, norm, speaker, kind, cue, hidden',
    "statements": "id, key, speaker, text",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


async def snapshot(store: Store) -> dict:
    """Every row of the index (the test looks at them all)."""
    return {table: await rows(store, f"SELECT {cols} FROM {table} ORDER BY id") for table, cols in COLUMNS.items()}


async def test_indexing_the_same_data_twice_changes_nothing(db, data_dir, extractor) -> None:
    store = await Store.open(db)
    first = await index_directory(store, data_dir, extractor)
    before, build = await snapshot(store), await store.index_build()
    second = await index_directory(store, data_dir, extractor)
    assert first.changed and not second.changed
    assert await snapshot(store) == before
    assert await store.index_build() == build
    await store.close()


async def test_a_changed_article_replaces_its_quotations_and_keeps_other_ids(db, data_dir, extractor) -> None:
    store = await Store.open(db)
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


async def test_a_removed_article_leaves_the_index(db, data_dir, extractor) -> None:
    store = await Store.open(db)
    await index_directory(store, data_dir, extractor)
    (data_dir / "articles" / "002_65c4bf68423a7321.txt").unlink()
    summary = await index_directory(store, data_dir, extractor)
    assert summary.removed == 1
    answer = await Searcher.for_data(store, data_dir).ask("colonialisme japonais")
    assert answer.confident is None
    await store.close()


async def test_outlet_comes_from_sources_then_the_text_never_invented(db, data_dir, extractor) -> None:
    (data_dir / "sources.toml").write_text('[[article]]\nfile = "000_95109f075a4b3989.txt"\noutlet = "Sada"\n')
    store = await Store.open(db)
    await index_directory(store, data_dir, extractor)
    outlets = dict(await rows(store, "SELECT file, outlet FROM articles ORDER BY file"))
    assert outlets["000_95109f075a4b3989.txt"] == "Sada"  # sources.toml wins
    assert outlets["002_65c4bf68423a7321.txt"] == "AlAhed"  # from the byline
    assert outlets["001_eb8995c44e228464.txt"] is None  # the text does not name it
    await store.close()


KILLED_WRITER = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from bot.config import store_target
    from bot.library import index_directory
    from bot.store import open_store, store as store_module
    from bot.store.postgres import PostgresStore

    async def obvious(connection):  # make the half-written state obvious
        await connection.execute("DELETE FROM quotations")
        print("inside the transaction", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    sqlite_statements = store_module.SQLiteStore._write_statements
    postgres_statements = PostgresStore._write_statements

    async def sqlite_then_die(self, *args):
        result = await sqlite_statements(self, *args)
        await obvious(self._db)
        return result

    async def postgres_then_die(connection, *args):
        result = await postgres_statements(connection, *args)
        await obvious(connection)
        return result

    store_module.SQLiteStore._write_statements = sqlite_then_die
    PostgresStore._write_statements = staticmethod(postgres_then_die)

    async def main():
        store = await open_store(store_target({db!r}))
        await index_directory(store, Path({data!r}))

    asyncio.run(main())
    """
)


async def test_an_indexer_killed_midway_leaves_the_previous_index_whole(db, data_dir, extractor) -> None:
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


async def test_a_reader_never_sees_a_half_built_index(db, data_dir, extractor) -> None:
    writer = await Store.open(db)
    await index_directory(writer, data_dir, extractor)
    reader = await Store.open(db)
    counts = await reader.counts()
    answer = await Searcher.for_data(reader, data_dir).ask("familles des martyrs")
    if isinstance(writer, SQLiteStore):
        await writer._db.execute("BEGIN IMMEDIATE")
        await writer._db.execute("DELETE FROM quotations")
        rollback = writer._db.rollback
    else:
        connection = await writer._pool.acquire()  # type: ignore[attr-defined]
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute("DELETE FROM quotations")
        rollback = transaction.rollback
    assert await reader.counts() == counts  # the write is not committed: the reader sees the old index
    again = await Searcher.for_data(reader, data_dir).ask("familles des martyrs")
    assert again.confident is not None and again.confident.statement.id == answer.confident.statement.id
    await rollback()
    if not isinstance(writer, SQLiteStore):
        await writer._pool.release(connection)  # type: ignore[attr-defined]
    await reader.close()
    await writer.close()


async def test_a_database_from_a_newer_version_is_refused(db) -> None:
    if isinstance(db, Path):
        import sqlite3

        connection = sqlite3.connect(db)
        connection.execute("PRAGMA user_version = 99")
        connection.close()
    else:
        store = await Store.open(db)
        await store._pool.execute("UPDATE schema_version SET version = 99")  # type: ignore[attr-defined]
        await store.close()
    with pytest.raises(StoreError, match="newer"):
        await Store.open(db)


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


# ---- PostgreSQL's own ------------------------------------------------------------------------------


async def test_two_processes_opening_a_new_postgresql_database_together_migrate_it_once(pg) -> None:
    """Both wait on the advisory lock: without it, the second one's CREATE would fail on the first one's."""
    url = pg.empty_database()
    stores = await asyncio.gather(*(Store.open(url) for _ in range(4)))
    assert [await rows(stores[0], "SELECT version FROM schema_version")] == [[(1,)]]
    for store in stores:
        assert await store.counts() == {"articles": 0, "quotations": 0, "statements": 0}
        await store.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nobody@127.0.0.1:1/quotebot",  # nothing listens there
        "postgresql://nobody@no-such-host.invalid/quotebot",
    ],
)
async def test_a_postgresql_server_that_cannot_be_reached_is_one_line(url: str) -> None:
    with pytest.raises(StoreError, match=r"^cannot open the PostgreSQL database postgresql://") as raised:
        await Store.open(url)
    assert "\n" not in str(raised.value)


async def test_a_missing_postgresql_database_is_one_line_with_the_password_hidden(pg) -> None:
    url = pg.base_url.replace("postgres@", "postgres:secret@") + "/no_such_database"
    with pytest.raises(StoreError, match="no_such_database") as raised:
        await Store.open(url)
    assert "secret" not in str(raised.value) and "\n" not in str(raised.value)


def test_a_malformed_postgresql_url_is_a_config_error() -> None:
    from bot.config import ConfigError, load_settings

    for value, said in (("postgresql://h:port/db", "not a valid"), ("mysql://h/db", "mysql://")):
        with pytest.raises(ConfigError, match=said):
            load_settings({"QUOTEBOT_DB": value}, env_file=Path("/nonexistent"))
    assert load_settings({"QUOTEBOT_DB": "postgres://u@h:5433/q"}, env_file=Path("/nonexistent")).db == (
        "postgres://u@h:5433/q"
    )


def test_the_command_line_says_there_is_no_index_in_an_empty_postgresql_database(pg) -> None:
    url = pg.empty_database()
    run = [sys.executable, "-m", "bot", "export", "--db", url]
    out = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and out.stderr.strip() == (
        f"quotebot: there is no index at {url}: build it with quotebot index --db {url}"
    )
    unreachable = [sys.executable, "-m", "bot", "export", "--db", "postgresql://nobody@127.0.0.1:1/q"]
    out = subprocess.run(unreachable, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2 and out.stderr.startswith("quotebot: cannot open the PostgreSQL database")
    assert len(out.stderr.strip().splitlines()) == 1  # no traceback
