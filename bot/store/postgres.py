"""The store on PostgreSQL (QUOTEBOT_DB=postgresql://...), through asyncpg: the functions of `Store`, with the
results SQLite gives (see bot/store/postgres_schema.py for how the schema maps, bot/store/tsquery.py for
how FTS5's match strings are read).

Every change of the index is one transaction, taken under an advisory lock so that writers follow one
another as SQLite's BEGIN IMMEDIATE makes them; readers see, by MVCC, the old index or the new one, never
half of it, and a writer killed midway leaves the old one whole. A read of several queries is one
REPEATABLE READ transaction. Migrations run in one transaction under another advisory lock: two processes
starting together do not both migrate.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg  # type: ignore[import-untyped]

from bot.config import redacted as shown
from bot.core.follows import Follow, IndexedStatement
from bot.core.meaning import IndexedQuotation, Spoken
from bot.store.postgres_schema import MIGRATIONS
from bot.store.store import (
    _FEED_COLUMNS,
    AlertRow,
    ArticleRecord,
    ArticleRow,
    AuditRow,
    Candidate,
    CorrectedQuotation,
    FeedState,
    FollowRow,
    PieceVectors,
    QuotationRecord,
    ReportedVariant,
    StatementRecord,
    StatementView,
    Store,
    StoredQuotation,
    StoreError,
    Variant,
    new_quotation_rows,
    plan_statements,
)
from bot.store.tsquery import MatchSyntaxError, index_words, translate

CONFIGURATION = "quotebot_fr"
_MIGRATION_LOCK = 0x71756F74  # pg_advisory locks of this store's keys ("quot"), one for migrations
_WRITE_LOCK = 0x71756F75  # and one for changes of the index and corrections
_CONNECT_TIMEOUT = 10.0  # seconds
_NEW_BUILD = "substr(md5(gen_random_uuid()::text), 1, 16)"
_CORRECTED_QUOTATION = (
    "SELECT q.id, a.file, q.norm, q.speaker, q.hidden, q.text FROM quotations q JOIN articles a ON a.id = q.article_id"
)
_ERRORS = (OSError, TimeoutError, ValueError, asyncpg.PostgresError, asyncpg.InterfaceError)


def _reason(error: BaseException) -> str:
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return first or type(error).__name__


def local_dir(url: str) -> Path:
    """Where files kept beside this database live (its vector indexes): var/, named for the server and the
    database. Each index state names its own files (`Store.index_build`), so two databases never share one."""
    parts = urlsplit(url)
    name = f"postgresql-{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.strip('/') or 'default'}"
    return Path("var") / re.sub(r"[^A-Za-z0-9._-]", "_", name)


def _count(status: str) -> int:
    """The row count of a command's status ("INSERT 0 3", "DELETE 2")."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresStore(Store):
    """A PostgreSQL database. Open with `await PostgresStore.open(url)` (or `bot.store.open_store`)."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self.url = url
        self.target = url
        self.path = local_dir(url)

    @classmethod
    async def _connect(cls, url: str) -> asyncpg.Connection:
        try:
            return await asyncpg.connect(url, timeout=_CONNECT_TIMEOUT)
        except _ERRORS as error:
            raise StoreError(f"cannot open the PostgreSQL database {shown(url)}: {_reason(error)}") from error

    @classmethod
    async def open(cls, target: str | Path) -> PostgresStore:
        url = str(target)
        connection = await cls._connect(url)  # migrated first, on a connection of its own
        try:
            await _migrate(connection, url)
        finally:
            await connection.close()
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=4, timeout=_CONNECT_TIMEOUT)
        except _ERRORS as error:
            raise StoreError(f"cannot open the PostgreSQL database {shown(url)}: {_reason(error)}") from error
        return cls(pool, url)

    @classmethod
    async def exists(cls, url: str) -> bool:
        """Whether the database holds Quotebot's schema (nothing is created)."""
        connection = await cls._connect(url)
        try:
            return bool(await connection.fetchval("SELECT to_regclass('schema_version') IS NOT NULL"))
        finally:
            await connection.close()

    async def close(self) -> None:
        await self._pool.close()

    # ---- helpers -------------------------------------------------------------------------------

    async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return await self._pool.fetch(sql, *args)

    async def _fetchrow(self, sql: str, *args: Any) -> asyncpg.Record | None:
        return await self._pool.fetchrow(sql, *args)

    async def _execute(self, sql: str, *args: Any) -> str:
        return await self._pool.execute(sql, *args)

    async def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self._pool.executemany(sql, rows)

    # ---- indexing ----------------------------------------------------------------------------

    async def index_build(self) -> str:
        rows = await self._fetch("SELECT key, value FROM meta WHERE key IN ('generation', 'build')")
        meta = {r[0]: r[1] for r in rows}
        return f"{meta.get('generation', '0')}-{meta.get('build', 'none')}"

    @staticmethod
    async def _next_generation(db: asyncpg.Connection) -> None:
        await db.execute("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")
        await db.execute(f"UPDATE meta SET value = {_NEW_BUILD} WHERE key = 'build'")

    async def stored_articles(self) -> dict[str, str]:
        return {r[0]: r[1] for r in await self._fetch("SELECT file, content_hash FROM articles")}

    async def quotations_of(self, files: Iterable[str]) -> list[QuotationRecord]:
        wanted = list(files)
        if not wanted:
            return []
        sql = (
            'SELECT a.file, q.start, q."end", q.text, q.norm, q.speaker, q.kind, q.cue, q.hidden FROM quotations q '
            "JOIN articles a ON a.id = q.article_id WHERE a.file = ANY($1::text[]) ORDER BY a.file, q.start"
        )
        return [QuotationRecord(*row) for row in await self._fetch(sql, wanted)]

    async def indexed_quotations(self, file: str) -> list[StoredQuotation]:
        sql = (
            "SELECT q.id, q.statement_id, q.speaker, q.text FROM quotations q "
            "JOIN articles a ON a.id = q.article_id WHERE a.file = $1 ORDER BY q.start"
        )
        return [StoredQuotation(*row) for row in await self._fetch(sql, file)]

    async def replace_index(
        self,
        articles: Sequence[ArticleRecord],
        quotations: Sequence[QuotationRecord],
        statements: Sequence[StatementRecord],
        reread: Collection[str] = (),
        vectors: PieceVectors | None = None,
    ) -> None:
        async with self._pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _WRITE_LOCK)
            await self._write_index(db, articles, quotations, statements, reread)
            if vectors is not None:
                await self._write_vectors(db, vectors)
            await self._next_generation(db)

    async def _write_index(
        self,
        db: asyncpg.Connection,
        articles: Sequence[ArticleRecord],
        quotations: Sequence[QuotationRecord],
        statements: Sequence[StatementRecord],
        reread: Collection[str],
    ) -> None:
        rows = await db.fetch("SELECT id, file, content_hash FROM articles")
        existing = {r["file"]: (r["id"], r["content_hash"]) for r in rows}
        wanted = {a.file for a in articles}
        removed = [existing[f][0] for f in existing if f not in wanted]
        if removed:
            await db.execute("DELETE FROM articles WHERE id = ANY($1::bigint[])", removed)
        changed: set[str] = set()
        article_ids: dict[str, int] = {}
        for article in articles:
            values = (article.content_hash, article.title, article.outlet, article.url, article.published)
            if article.file in existing:
                article_id, old_hash = existing[article.file]
                await db.execute(
                    "UPDATE articles SET content_hash=$1, title=$2, outlet=$3, url=$4, published=$5, language=$6, "
                    "text_hash=$7 WHERE id=$8",
                    *values,
                    article.language,
                    article.text_hash,
                    article_id,
                )
                if old_hash != article.content_hash or article.file in reread:
                    changed.add(article.file)
                    await db.execute("DELETE FROM quotations WHERE article_id = $1", article_id)
            else:
                article_id = await db.fetchval(
                    "INSERT INTO articles(file, content_hash, title, outlet, url, published, language, text_hash) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    article.file,
                    *values,
                    article.language,
                    article.text_hash,
                )
                changed.add(article.file)
            article_ids[article.file] = article_id

        statement_of = await self._write_statements(db, quotations, statements)
        new_rows = [
            (*row, index_words(str(row[5])))  # and the words the full-text column is made of, from `norm`
            for row in new_quotation_rows(quotations, changed, article_ids, statement_of)
        ]
        if new_rows:
            await db.executemany(
                'INSERT INTO quotations(article_id, statement_id, start, "end", text, norm, speaker, kind, cue, '
                "hidden, words) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                new_rows,
            )
        kept_rows = [
            (statement_of.get(i), q.speaker, int(q.hidden), article_ids[q.article_file], q.start, q.end)
            for i, q in enumerate(quotations)
            if q.article_file not in changed
        ]
        if kept_rows:
            await db.executemany(
                "UPDATE quotations SET statement_id = $1, speaker = $2, hidden = $3 "
                'WHERE article_id = $4 AND start = $5 AND "end" = $6',
                kept_rows,
            )

    @staticmethod
    async def _write_vectors(db: asyncpg.Connection, vectors: PieceVectors) -> None:
        await db.execute("DELETE FROM piece_vectors WHERE model != $1", vectors.model)
        keys = [r[0] for r in await db.fetch("SELECT key FROM piece_vectors WHERE model = $1", vectors.model)]
        unused = [key for key in keys if key not in vectors.used]
        if unused:
            await db.execute(
                "DELETE FROM piece_vectors WHERE model = $1 AND key = ANY($2::text[])", vectors.model, unused
            )
        if vectors.added:
            await db.executemany(
                "INSERT INTO piece_vectors(model, key, vector) VALUES ($1, $2, $3) "
                "ON CONFLICT (model, key) DO UPDATE SET vector = excluded.vector",
                [(vectors.model, key, blob) for key, blob in vectors.added.items()],
            )

    async def piece_vector_keys(self, model: str) -> set[str]:
        return {r[0] for r in await self._fetch("SELECT key FROM piece_vectors WHERE model = $1", model)}

    async def vector_count(self, model: str) -> int:
        row = await self._fetchrow("SELECT COUNT(*) FROM piece_vectors WHERE model = $1", model)
        return int(row[0]) if row else 0

    async def piece_vectors(self, model: str) -> dict[str, bytes]:
        return {r[0]: r[1] for r in await self._fetch("SELECT key, vector FROM piece_vectors WHERE model = $1", model)}

    async def meaning_inputs(
        self, model: str, speakers: Sequence[str]
    ) -> tuple[list[IndexedQuotation], dict[str, bytes]]:
        sql = (
            'SELECT id, statement_id, article_id, speaker, start, "end", text FROM quotations '
            "WHERE hidden = 0 AND statement_id IS NOT NULL AND speaker = ANY($1::text[])"
        )
        async with self._pool.acquire() as db, db.transaction(isolation="repeatable_read", readonly=True):
            stored = await db.fetch("SELECT key, vector FROM piece_vectors WHERE model = $1", model)
            rows = await db.fetch(sql, list(speakers))
        found = [IndexedQuotation(row[0], row[1], Spoken(str(row[2]), *row[3:7])) for row in rows]
        return found, {r[0]: r[1] for r in stored}

    @staticmethod
    async def _write_statements(
        db: asyncpg.Connection, quotations: Sequence[QuotationRecord], statements: Sequence[StatementRecord]
    ) -> dict[int, int]:
        """Rebuild the statements, reusing the id of each one whose key is unchanged."""
        old = {r["key"]: r["id"] for r in await db.fetch("SELECT id, key FROM statements")}
        plan = plan_statements(quotations, statements, old)
        if plan.gone:
            await db.execute("DELETE FROM statements WHERE key = ANY($1::text[])", plan.gone)
        if plan.updates:
            await db.executemany("UPDATE statements SET text = $1 WHERE id = $2", plan.updates)
        if plan.inserts:
            await db.executemany("INSERT INTO statements(id, key, speaker, text) VALUES ($1, $2, $3, $4)", plan.inserts)
        return plan.statement_of

    # ---- searching ---------------------------------------------------------------------------

    async def vocabulary(self) -> dict[str, int]:
        return {r[0]: r[1] for r in await self._fetch("SELECT word, ndoc FROM ts_stat('SELECT plain FROM quotations')")}

    async def candidates(self, match: str, speakers: Sequence[str], limit: int, ranked: bool) -> list[Candidate]:
        """Quotations of these speakers matching an FTS5 query (read by `bot.store.tsquery`); the closest
        (ts_rank_cd, cover density: the words near one another) first when `ranked`, else in id order, as
        FTS5 returns them."""
        try:
            translated = translate(match)
        except MatchSyntaxError:
            return []  # a query FTS5 cannot parse matches nothing
        if translated is None:
            return []
        args: list[Any] = [translated.tsquery, list(speakers), limit]
        near = ""
        for constraint in translated.near:
            args.extend([constraint.words, constraint.span])
            near += f" AND quotebot_near(q.tsv, ${len(args) - 1}, ${len(args)})"
        order = "ts_rank_cd(q.tsv, query) DESC, q.id" if ranked else "q.id"
        sql = (
            "SELECT q.id, q.statement_id, q.speaker, q.norm "
            f"FROM quotations q, to_tsquery('{CONFIGURATION}', $1) query "
            "WHERE q.tsv @@ query AND q.speaker = ANY($2::text[]) AND q.statement_id IS NOT NULL AND q.hidden = 0"
            f"{near} ORDER BY {order} LIMIT $3"
        )
        return [Candidate(*row) for row in await self._fetch(sql, *args)]

    async def statements(self, ids: Sequence[int]) -> list[StatementView]:
        if not ids:
            return []
        sql = (
            "SELECT s.id, s.speaker, s.text, q.id, a.file, a.title, a.outlet, a.url, a.published, "
            "q.text, q.norm, q.kind FROM statements s JOIN quotations q ON q.statement_id = s.id "
            "JOIN articles a ON a.id = q.article_id "
            "WHERE s.id = ANY($1::bigint[]) AND q.hidden = 0 ORDER BY a.published DESC NULLS LAST, a.file, q.start"
        )
        found: dict[int, tuple[str, str, list[Variant]]] = {}
        for row in await self._fetch(sql, list(ids)):
            entry = found.setdefault(row[0], (row[1], row[2], []))
            entry[2].append(Variant(*row[3:12]))
        return [StatementView(i, found[i][0], found[i][1], tuple(found[i][2])) for i in ids if i in found]

    async def reported_variants(self, speakers: Sequence[str]) -> list[ReportedVariant]:
        sql = (
            "SELECT s.id, s.speaker, q.id, a.file, a.title, a.outlet, a.url, a.published, a.language, q.text, q.kind "
            "FROM statements s JOIN quotations q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id "
            "WHERE s.speaker = ANY($1::text[]) AND q.hidden = 0 ORDER BY s.id, a.published NULLS FIRST, a.file, q.start"
        )
        return [ReportedVariant(*row) for row in await self._fetch(sql, list(speakers))]

    async def statements_to_read(
        self, speakers: Sequence[str], kind: str, min_chars: int, max_chars: int, limit: int
    ) -> list[int]:
        sql = (
            "SELECT q.statement_id FROM quotations q JOIN articles a ON a.id = q.article_id "
            "WHERE q.speaker = ANY($1::text[]) AND q.hidden = 0 AND q.statement_id IS NOT NULL "
            "GROUP BY q.statement_id "
            "HAVING bool_or(q.kind = $2 AND length(q.text) BETWEEN $3 AND $4) "
            "ORDER BY COUNT(DISTINCT a.id) DESC, MAX(a.published) DESC NULLS LAST, q.statement_id DESC LIMIT $5"
        )
        return [r[0] for r in await self._fetch(sql, list(speakers), kind, min_chars, max_chars, limit)]

    async def shown_statements(self, speaker: str) -> list[int]:
        sql = (
            "SELECT DISTINCT statement_id FROM quotations "
            "WHERE speaker = $1 AND hidden = 0 AND statement_id IS NOT NULL"
        )
        return [r[0] for r in await self._fetch(sql, speaker)]

    async def outlets(self, speakers: Sequence[str]) -> list[tuple[str | None, str, int]]:
        sql = (
            "SELECT MIN(a.outlet), MIN(a.title), COUNT(DISTINCT q.statement_id) AS n FROM quotations q "
            "JOIN articles a ON a.id = q.article_id "
            "WHERE q.speaker = ANY($1::text[]) AND q.hidden = 0 AND q.statement_id IS NOT NULL "
            "GROUP BY COALESCE(a.outlet, 'article:' || a.id) "
            "ORDER BY n DESC, MIN(a.outlet) NULLS FIRST, COALESCE(a.outlet, 'article:' || a.id)"
        )
        return [(r[0], r[1], r[2]) for r in await self._fetch(sql, list(speakers))]

    # ---- moderation --------------------------------------------------------------------------

    async def articles(self) -> list[ArticleRow]:
        sql = "SELECT id, file, title, outlet, published, url FROM articles ORDER BY id"
        return [ArticleRow(*row) for row in await self._fetch(sql)]

    async def article_already_indexed(self, urls: Iterable[str], text_hash: str | None) -> ArticleRow | None:
        sql = (
            "SELECT id, file, title, outlet, published, url FROM articles WHERE url = ANY($1::text[]) "
            "OR (text_hash IS NOT NULL AND text_hash = $2) ORDER BY id LIMIT 1"
        )
        row = await self._fetchrow(sql, list(urls), text_hash)
        return None if row is None else ArticleRow(*row)

    async def words_of(self, file: str, norm: str | None) -> str:
        if norm is None:
            row = await self._fetchrow("SELECT title FROM articles WHERE file = $1", file)
        else:
            row = await self._fetchrow(f"{_CORRECTED_QUOTATION} WHERE a.file = $1 AND q.norm = $2 LIMIT 1", file, norm)
        return "" if row is None else row[-1]

    async def quotation_targets(self, kind: str, ident: int) -> list[CorrectedQuotation]:
        column = "q.id" if kind == "quotation" else "q.statement_id"
        rows = await self._fetch(f"{_CORRECTED_QUOTATION} WHERE {column} = $1 ORDER BY q.id", ident)
        return [CorrectedQuotation(*row) for row in rows]

    async def correct(
        self,
        moderator: int,
        action: str,
        target: str,
        field: str,
        value: str | None,
        quotations: Sequence[tuple[int, str, str]],
        article_file: str | None,
        before: str,
        after: str,
    ) -> None:
        async with self._pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _WRITE_LOCK)
            if field == "outlet":
                await db.execute("UPDATE articles SET outlet = $1 WHERE file = $2", value, article_file)
                await db.execute(
                    "INSERT INTO corrections(target, article_file, quote_norm, field, value, moderator_id) "
                    "VALUES ('article', $1, NULL, 'outlet', $2, $3)",
                    article_file,
                    value,
                    moderator,
                )
            else:
                # hidden is kept as 0/1 (the value comes as "0"/"1"), speaker as text
                assignment = "hidden = CAST($1::text AS integer)" if field == "hidden" else "speaker = $1"
                for quotation_id, file, norm in quotations:
                    await db.execute(f"UPDATE quotations SET {assignment} WHERE id = $2", value, quotation_id)
                    await db.execute(
                        "INSERT INTO corrections(target, article_file, quote_norm, field, value, moderator_id) "
                        "VALUES ('quotation', $1, $2, $3, $4, $5)",
                        file,
                        norm,
                        field,
                        value,
                        moderator,
                    )
            named = (
                json.dumps([[file, norm] for _, file, norm in quotations], ensure_ascii=False) if quotations else None
            )
            await db.execute(
                "INSERT INTO audit_log(moderator_id, action, target, before, after, quotations) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                moderator,
                action,
                target,
                before,
                after,
                named,
            )
            await self._next_generation(db)

    async def corrections(self) -> list[tuple[str, str | None, str, str | None]]:
        sql = "SELECT article_file, quote_norm, field, value FROM corrections ORDER BY id"
        return [(r[0], r[1], r[2], r[3]) for r in await self._fetch(sql)]

    async def quotations_corrected_as(self, target: str) -> list[CorrectedQuotation]:
        sql = "SELECT quotations FROM audit_log WHERE target = $1 AND quotations IS NOT NULL ORDER BY id DESC LIMIT 1"
        async with self._pool.acquire() as db, db.transaction(isolation="repeatable_read", readonly=True):
            row = await db.fetchrow(sql, target)
            if row is None:
                return []
            found: list[CorrectedQuotation] = []
            for file, norm in json.loads(row[0]):
                rows = await db.fetch(f"{_CORRECTED_QUOTATION} WHERE a.file = $1 AND q.norm = $2", file, norm)
                found.extend(CorrectedQuotation(*r) for r in rows)
        return found

    async def audit(self, limit: int) -> list[AuditRow]:
        sql = (
            "SELECT created_at, moderator_id, action, target, before, after, quotations FROM audit_log "
            "ORDER BY id DESC LIMIT $1"
        )
        return [
            AuditRow(
                created_at=row[0],
                moderator=row[1],
                action=row[2],
                target=row[3],
                before=row[4],
                after=row[5],
                quotations=tuple((file, norm) for file, norm in json.loads(row[6] or "[]")),
            )
            for row in await self._fetch(sql, limit)
        ]

    async def counts(self) -> dict[str, int]:
        sql = (
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM quotations), "
            "(SELECT COUNT(*) FROM statements)"
        )
        row = await self._fetchrow(sql)  # one statement: one snapshot
        assert row is not None
        return {"articles": row[0], "quotations": row[1], "statements": row[2]}

    # ---- follows and alerts ------------------------------------------------------------------

    async def known_norms(self) -> set[str]:
        return {r[0] for r in await self._fetch("SELECT DISTINCT norm FROM quotations")}

    async def indexed_statements(self) -> list[IndexedStatement]:
        sql = (
            "SELECT q.statement_id, s.speaker, a.file, q.norm, q.text FROM quotations q "
            "JOIN statements s ON s.id = q.statement_id JOIN articles a ON a.id = q.article_id "
            "ORDER BY q.statement_id, a.file, q.start"
        )
        grouped: dict[int, list[tuple[str, str, str, str]]] = {}
        for row in await self._fetch(sql):
            grouped.setdefault(row[0], []).append((row[1], row[2], row[3], row[4]))
        found = []
        for members in grouped.values():
            speaker, file, norm, _ = max(members, key=lambda m: len(m[2]))
            found.append(
                IndexedStatement(speaker, file, norm, frozenset(m[2] for m in members), tuple(m[3] for m in members))
            )
        return found

    async def remember_language(self, chat_id: int, language: str) -> None:
        await self._execute(
            "INSERT INTO chat_languages(chat_id, language) VALUES ($1, $2) ON CONFLICT (chat_id) DO UPDATE "
            "SET language = excluded.language WHERE chat_languages.language != excluded.language",
            chat_id,
            language,
        )

    async def languages(self, chat_ids: Collection[int]) -> dict[int, str]:
        if not chat_ids:
            return {}
        sql = "SELECT chat_id, language FROM chat_languages WHERE chat_id = ANY($1::bigint[])"
        return {r[0]: r[1] for r in await self._fetch(sql, list(chat_ids))}

    async def add_follow(self, row: FollowRow) -> bool:
        async with self._pool.acquire() as db, db.transaction():
            status = await db.execute(
                "INSERT INTO follows(chat_id, private, language, kind, value, shown) VALUES ($1, $2, $3, $4, $5, $6) "
                "ON CONFLICT DO NOTHING",
                row.chat_id,
                int(row.private),
                row.language,
                row.kind,
                row.value,
                row.shown,
            )
            await db.execute("UPDATE follows SET language = $1 WHERE chat_id = $2", row.language, row.chat_id)
        return _count(status) > 0

    async def remove_follows(self, chat_id: int, follow: Follow | None) -> int:
        async with self._pool.acquire() as db, db.transaction():
            if follow is None:
                status = await db.execute("DELETE FROM follows WHERE chat_id = $1", chat_id)
            else:
                status = await db.execute(
                    "DELETE FROM follows WHERE chat_id = $1 AND kind = $2 AND value = $3",
                    chat_id,
                    follow.kind,
                    follow.value,
                )
            await db.execute(
                "DELETE FROM alerts WHERE chat_id = $1 AND sent_at IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.chat_id = alerts.chat_id)",
                chat_id,
            )
        return _count(status)

    async def follows(self, chat_id: int | None = None) -> list[FollowRow]:
        sql = "SELECT chat_id, private, language, kind, value, shown FROM follows"
        values: list[int] = []
        if chat_id is not None:
            sql, values = sql + " WHERE chat_id = $1", [chat_id]
        return [FollowRow(row[0], bool(row[1]), *row[2:6]) for row in await self._fetch(sql + " ORDER BY id", *values)]

    async def owe_alerts(self, owed: Sequence[tuple[int, str, str, Follow]], now: float) -> int:
        if not owed:
            return 0
        # in the order given, as SQLite inserts them: the first of two rows for one alert is kept
        status = await self._execute(
            "INSERT INTO alerts(chat_id, article_file, quote_norm, follow_kind, follow_value, owed_at) "
            "SELECT chat, file, norm, kind, value, $6 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], "
            "$5::text[]) WITH ORDINALITY AS o(chat, file, norm, kind, value, n) "
            "ORDER BY n ON CONFLICT DO NOTHING",
            [o[0] for o in owed],
            [o[1] for o in owed],
            [o[2] for o in owed],
            [o[3].kind for o in owed],
            [o[3].value for o in owed],
            now,
        )
        return _count(status)

    async def owed_alerts(self) -> list[AlertRow]:
        sql = (
            "SELECT id, chat_id, article_file, quote_norm, follow_kind, follow_value, owed_at FROM alerts "
            "WHERE sent_at IS NULL ORDER BY chat_id, owed_at, id"
        )
        return [AlertRow(*row) for row in await self._fetch(sql)]

    async def cards_sent_since(self, chat_id: int, since: float) -> int:
        sql = "SELECT COUNT(*) FROM alerts WHERE chat_id = $1 AND sent_as = 'card' AND sent_at >= $2"
        row = await self._fetchrow(sql, chat_id, since)
        return row[0] if row else 0

    async def mark_alerts_sent(self, ids: Sequence[int], sent_as: str, now: float) -> None:
        if ids:
            await self._execute(
                "UPDATE alerts SET sent_at = $1, sent_as = $2 WHERE id = ANY($3::bigint[])", now, sent_as, list(ids)
            )

    async def drop_alerts(self, ids: Sequence[int]) -> None:
        if ids:
            await self._execute("DELETE FROM alerts WHERE id = ANY($1::bigint[])", list(ids))

    async def forget_sent_alerts(self, before: float) -> None:
        await self._execute("DELETE FROM alerts WHERE sent_at IS NOT NULL AND sent_at < $1", before)

    async def statement_of(self, article_file: str, norm: str) -> int | None:
        sql = (
            "SELECT q.statement_id FROM quotations q JOIN articles a ON a.id = q.article_id "
            "WHERE a.file = $1 AND q.norm = $2 AND q.statement_id IS NOT NULL AND q.hidden = 0 LIMIT 1"
        )
        row = await self._fetchrow(sql, article_file, norm)
        return row[0] if row else None

    # ---- feeds -------------------------------------------------------------------------------

    async def feed_states(self) -> dict[str, FeedState]:
        states = [FeedState(*row) for row in await self._fetch(f"SELECT {_FEED_COLUMNS} FROM feeds")]
        return {state.url: replace(state, error_reported=bool(state.error_reported)) for state in states}

    async def save_feed_state(self, state: FeedState) -> None:
        columns = [c.strip() for c in _FEED_COLUMNS.split(",")]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        await self._execute(
            f"INSERT INTO feeds({_FEED_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
            f"ON CONFLICT (url) DO UPDATE SET {updates}",
            state.url,
            state.etag,
            state.last_modified,
            state.content_hash,
            state.last_success,
            state.last_error,
            state.last_error_status,
            state.last_error_detail,
            state.last_error_at,
            int(state.error_reported),
        )

    async def seen_entries(self, feed_url: str) -> set[str]:
        return {r[0] for r in await self._fetch("SELECT entry FROM feed_entries WHERE feed_url = $1", feed_url)}

    async def mark_entries_seen(self, feed_url: str, entries: Iterable[str], now: float) -> None:
        rows = [(feed_url, entry, now) for entry in entries]
        await self._executemany(
            "INSERT INTO feed_entries(feed_url, entry, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", rows
        )


async def _migrate(db: asyncpg.Connection, url: str) -> None:
    """Every migration not yet run, in one transaction, under an advisory lock (a second process starting
    at the same time waits, then finds the schema up to date)."""
    try:
        async with db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = await db.fetchval("SELECT version FROM schema_version")
            if version is None:
                version = 0
                await db.execute("INSERT INTO schema_version(version) VALUES (0)")
            if version > len(MIGRATIONS):
                raise StoreError(f"{shown(url)} was written by a newer Quotebot (schema {version})")
            for number in range(version, len(MIGRATIONS)):
                await db.execute(MIGRATIONS[number])
                await db.execute("UPDATE schema_version SET version = $1", number + 1)
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        raise StoreError(f"cannot migrate {shown(url)} to schema {len(MIGRATIONS)}: {_reason(error)}") from error
