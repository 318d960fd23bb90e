"""Storage: the functions the product asks of its database (`Store`), on one SQLite file (the embedded
default) or on PostgreSQL (a postgresql:// URL in QUOTEBOT_DB); their schemas, migrations and queries."""

from __future__ import annotations

from pathlib import Path

from bot.store.store import SQLiteStore, Store, StoreError, StoreTarget, is_postgres_url

__all__ = ["SQLiteStore", "Store", "StoreError", "StoreTarget", "index_exists", "is_postgres_url", "open_store"]


async def open_store(target: StoreTarget) -> Store:
    """The store at `target`, migrated: a postgresql:// (or postgres://) URL opens PostgreSQL, anything else is
    the path of a SQLite file (created when missing). StoreError, one line, when it cannot be opened."""
    return await Store.open(target)


async def index_exists(target: StoreTarget) -> bool:
    """Whether there is an index at `target` already (without creating one): the SQLite file exists, or the
    PostgreSQL database holds Quotebot's tables. StoreError when the server cannot be reached."""
    if is_postgres_url(target):
        from bot.store.postgres import PostgresStore

        return await PostgresStore.exists(str(target))
    return Path(target).is_file()
