"""Shared fixtures: the real spaCy model and registry, loaded once per test session."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from bot.core.extract import Extractor, Quotation
from bot.library import index_directory
from bot.store import SQLiteStore, Store
from tests.fake_telegram import FakeTelegram, running_bot, settings_for
from tests.postgres import Cluster, Unavailable

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")  # loopback requests must not go to a proxy

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"  # copies of shared/gold
DATA = ROOT / "data"


STORES = ["sqlite", "postgres"]  # the tests of the store, search and bot run against each


@pytest.fixture(scope="session")
def pg():
    """A PostgreSQL cluster for the session (tests/postgres.py). Where none can be started the PostgreSQL
    cases are skipped, saying why; under CI (CI=true) they fail instead: CI must test both stores."""
    try:
        cluster = Cluster.start()
    except Unavailable as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs the store's tests on PostgreSQL, and none could be started: {error}")
        pytest.skip(f"no PostgreSQL here ({error})")
    yield cluster
    cluster.stop()


@pytest.fixture(params=STORES)
def db(request, tmp_path: Path) -> Path | str:
    """A new, empty store's target, of each kind: a SQLite file, or a postgresql:// URL of its own database."""
    if request.param == "sqlite":
        return tmp_path / "q.sqlite3"
    return request.getfixturevalue("pg").database()


async def rows(store: Store, sql: str) -> list[tuple]:
    """Every row a raw query gives, on either store (tests look at tables directly)."""
    if isinstance(store, SQLiteStore):
        async with store._db.execute(sql) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]
    return [tuple(row) for row in await store._pool.fetch(sql)]  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def embedder():
    """The sentence model of search by meaning; its tests are skipped where the extra is not installed
    (the README's test command and CI install it)."""
    from bot.config import default_cache_dir
    from bot.core.meaning import load_embedder

    model = load_embedder(default_cache_dir(os.environ.get))
    if model is None:
        pytest.skip("the semantic extra is not installed: pip install -e '.[test,semantic]'")
    return model


@pytest.fixture
def quotes(extractor: Extractor):
    """Extract from a text and return its quotations, for one-line assertions."""

    def run(text: str, language: str | None = None) -> list[Quotation]:
        return extractor.extract("test.txt", text, language).quotations

    return run


def by_text(quotations: list[Quotation], fragment: str) -> Quotation:
    matches = [q for q in quotations if fragment in q.text]
    assert len(matches) == 1, f"{fragment!r} in {[q.text for q in quotations]}"
    return matches[0]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of data/ that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
async def fake():
    """The fake Bot API, listening on 127.0.0.1."""
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def bot_db(request, tmp_path: Path) -> Path | str:
    """The bot's store: SQLite, or PostgreSQL for a test parametrized with
    `@pytest.mark.parametrize("bot_db", STORES, indirect=True)` (some bot tests run on both)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return tmp_path / "bot.sqlite3"
    return request.getfixturevalue("pg").database()


BOTH_STORES = pytest.mark.parametrize("bot_db", STORES, indirect=True)


@pytest.fixture
async def bot(fake: FakeTelegram, tmp_path: Path, data_dir: Path, bot_db: Path | str):
    """The real Application, polling the fake Bot API, on a copy of the bundled data (moderator: 42)."""
    async with running_bot(settings_for(fake, tmp_path, data_dir, db=bot_db)) as application:
        yield application


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory, extractor: Extractor) -> Path:
    """A database indexed from the bundled articles, shared by a module's read-only tests."""
    path = tmp_path_factory.mktemp("seed") / "q.sqlite3"

    async def build() -> None:
        store = await Store.open(path)
        await index_directory(store, DATA, extractor)
        await store.close()

    asyncio.run(build())
    return path


@pytest.fixture(scope="module", params=STORES)
def seed_target(request, extractor: Extractor) -> Path | str:
    """The bundled articles indexed, in each kind of store, shared by a module's read-only tests."""
    if request.param == "sqlite":
        return request.getfixturevalue("seed_index")
    target = request.getfixturevalue("pg").database()

    async def build() -> None:
        store = await Store.open(target)
        await index_directory(store, DATA, extractor)
        await store.close()

    asyncio.run(build())
    return target


UNDATED_ARTICLE = (
    "Kim Jong-un inaugure une usine\n\n« Cette usine fera la fierté de notre peuple », a déclaré Kim Jong-un.\n"
)
MONTH_ONLY_ARTICLE = (
    "Vladimir Poutine visite un chantier naval\n\n"
    "« Nos chantiers navals travailleront jour et nuit », a déclaré Vladimir Poutine aux ouvriers.\n"
)


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory, extractor: Extractor) -> tuple[Path, Path]:
    """(database, data directory): the bundled articles, one article with no date at all and one dated by
    its month only, indexed; shared by a module's read-only tests."""
    root = tmp_path_factory.mktemp("dated")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "articles" / "900_undated.txt").write_text(UNDATED_ARTICLE, encoding="utf-8")
    (data / "articles" / "901_month.txt").write_text(MONTH_ONLY_ARTICLE, encoding="utf-8")
    with (data / "sources.toml").open("a", encoding="utf-8") as sources:
        sources.write('\n[[article]]\nfile = "901_month.txt"\noutlet = "Gazeta"\npublished = "2024-06"\n')
    path = root / "q.sqlite3"

    async def build() -> None:
        store = await Store.open(path)
        await index_directory(store, data, extractor)
        await store.close()

    asyncio.run(build())
    return path, data


@pytest.fixture
async def site():
    """A news site on 127.0.0.1 (tests/news_site.py)."""
    from tests.news_site import NewsSite

    server = NewsSite()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def feed_site():
    """A site with feeds on 127.0.0.1 (tests/feed_site.py), in a thread: the command line can poll it too."""
    from tests.feed_site import FeedSite

    server = FeedSite()
    server.start()
    yield server
    server.stop()
