"""Storage: one SQLite file, its schema and migrations, and every query the product makes."""

from bot.store.store import Store, StoreError

__all__ = ["Store", "StoreError"]
