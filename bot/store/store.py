"""The store: the functions, named for what the product does, that every store has (`Store`), and the
embedded one: one SQLite file (WAL).

Every change of the index is one transaction: a reader sees the old index or the new one,
never half of it, and an indexer killed midway leaves the old one whole.
"""

from __future__ import annotations

import abc
import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import aiosqlite

from bot.core.follows import Follow, IndexedStatement
from bot.core.meaning import IndexedQuotation, Spoken
from bot.store.schema import MIGRATIONS


def candidates_sql(speakers: int, ranked: bool) -> str:
    """The look-up of `Store.candidates`. CROSS JOIN keeps the full-text match as the outer loop: with one
    speaker, SQLite would otherwise walk that speaker's index and run the match once per quotation
    (a minute per query at 1M quotations)."""
    marks = ",".join("?" * speakers)
    order = "ORDER BY quotation_fts.rank " if ranked else ""
    return (
        "SELECT q.id, q.statement_id, q.speaker, q.norm FROM quotation_fts "
        "CROSS JOIN quotations q ON q.id = quotation_fts.rowid "
        f"WHERE quotation_fts MATCH ? AND q.speaker IN ({marks}) AND q.statement_id IS NOT NULL AND q.hidden = 0 "
        f"{order}LIMIT ?"
    )


def new_quotation_rows(
    quotations: Sequence[QuotationRecord],
    changed: Collection[str],
    article_ids: dict[str, int],
    statement_of: dict[int, int],
) -> list[tuple[object, ...]]:
    """The rows to insert for the quotations of the changed articles, in the quotations table's column order
    (article_id, statement_id, start, end, text, norm, speaker, kind, cue, hidden): both stores write these."""
    return [
        (
            article_ids[q.article_file],
            statement_of.get(i),
            q.start,
            q.end,
            q.text,
            q.norm,
            q.speaker,
            q.kind,
            q.cue,
            int(q.hidden),
        )
        for i, q in enumerate(quotations)
        if q.article_file in changed
    ]


@dataclass(frozen=True)
class StatementPlan:
    """How the statements table changes for one index: rows to update and insert, and each quotation's
    statement id. Both stores apply it; the keys keep a statement's id across re-indexing."""

    gone: list[str]  # keys no longer in the index
    updates: list[tuple[str, int]]  # (text, id)
    inserts: list[tuple[int, str, str, str]]  # (id, key, speaker, text)
    statement_of: dict[int, int]  # quotation index -> statement id


def plan_statements(
    quotations: Sequence[QuotationRecord], statements: Sequence[StatementRecord], old: dict[str, int]
) -> StatementPlan:
    """The plan that reuses the id of each statement whose key (`old`: key -> id, the whole table) is unchanged;
    new ids follow the highest id left once the statements gone are deleted."""
    rows = []
    seen: dict[str, int] = {}
    for statement in statements:
        canonical = max(statement.members, key=lambda i: len(quotations[i].norm))
        key = statement.key(quotations[canonical].article_file, quotations[canonical].norm)
        seen[key] = seen.get(key, 0) + 1
        rows.append((key if seen[key] == 1 else f"{key}#{seen[key]}", statement))
    keep = {key for key, _ in rows}
    next_id = max((i for k, i in old.items() if k in keep), default=0) + 1
    plan = StatementPlan([k for k in old if k not in keep], [], [], {})
    for key, statement in rows:
        if key in old:
            statement_id = old[key]
            plan.updates.append((statement.text, statement_id))
        else:
            statement_id, next_id = next_id, next_id + 1
            plan.inserts.append((statement_id, key, statement.speaker, statement.text))
        for member in statement.members:
            plan.statement_of[member] = statement_id
    return plan


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message says what to do."""


@dataclass(frozen=True)
class ArticleRecord:
    file: str
    content_hash: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str
    text_hash: str | None = None  # of the text as the reader reads it, folded (bot.library.indexing.text_hash)


@dataclass(frozen=True)
class QuotationRecord:
    article_file: str
    start: int
    end: int
    text: str
    norm: str
    speaker: str
    kind: str
    cue: str | None
    hidden: bool = False


@dataclass(frozen=True)
class StoredQuotation:
    """A quotation as indexed, with the ids moderators' commands take."""

    id: int
    statement_id: int | None  # None for a quotation nobody is credited with (never grouped)
    speaker: str
    text: str

    @property
    def target(self) -> str:
        """The id to give /hide and /speaker: the statement's ("12"), else the quotation's ("q34")."""
        return str(self.statement_id) if self.statement_id is not None else f"q{self.id}"


@dataclass(frozen=True)
class StatementRecord:
    speaker: str
    text: str  # the canonical (fullest) variant
    members: tuple[int, ...]  # indices into the quotations given with it

    def key(self, canonical_file: str, canonical_norm: str) -> str:
        digest = hashlib.sha1(canonical_norm.encode()).hexdigest()[:16]
        return f"{self.speaker}|{canonical_file}|{digest}"


@dataclass(frozen=True)
class PieceVectors:
    """The vectors an index build adds, and every key the new index uses (the others are dropped)."""

    model: str
    added: dict[str, bytes]
    used: frozenset[str]


@dataclass(frozen=True)
class Candidate:
    quotation_id: int
    statement_id: int
    speaker: str
    norm: str


@dataclass(frozen=True)
class Variant:
    quotation_id: int
    article: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    quote: str
    norm: str
    kind: str


@dataclass(frozen=True)
class ReportedVariant:
    """One visible quotation of a statement with the article that carried it, for timelines and exports."""

    statement_id: int
    speaker: str
    quotation_id: int
    article: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    language: str
    quote: str
    kind: str


@dataclass(frozen=True)
class CorrectedQuotation:
    """A quotation a moderator's ID names, as a correction needs it (and its words, for the reply)."""

    id: int
    article: str
    norm: str
    speaker: str
    hidden: bool
    text: str


@dataclass(frozen=True)
class StatementView:
    id: int
    speaker: str
    text: str
    variants: tuple[Variant, ...]


@dataclass(frozen=True)
class ArticleRow:
    id: int
    file: str
    title: str
    outlet: str | None
    published: str | None
    url: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One logged correction, as kept: its values and target in the form the library wrote them."""

    created_at: str
    moderator: int
    action: str
    target: str
    before: str | None
    after: str | None
    quotations: tuple[tuple[str, str], ...]  # (article file, folded text) of what it named


@dataclass(frozen=True)
class FollowRow:
    """One follow of a chat."""

    chat_id: int
    private: bool  # a private chat with the user who follows
    language: str
    kind: str
    value: str
    shown: str  # as the user wrote it

    @property
    def follow(self) -> Follow:
        return Follow(self.kind, self.value)


@dataclass(frozen=True)
class AlertRow:
    """A statement owed to a chat (by the article file and folded text of one of its quotations)."""

    id: int
    chat_id: int
    article_file: str
    quote_norm: str
    follow_kind: str
    follow_value: str
    owed_at: float


@dataclass(frozen=True)
class FeedState:
    """What we keep of a feed between rounds."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_success: float | None = None
    last_error: str | None = None
    last_error_status: int | None = None
    last_error_detail: str | None = None
    last_error_at: float | None = None
    error_reported: bool = False

    @property
    def failing(self) -> bool:
        """Its last round failed."""
        return self.last_error_at is not None and (self.last_success is None or self.last_error_at > self.last_success)


_FEED_COLUMNS = (
    "url, etag, last_modified, content_hash, last_success, last_error, last_error_status, last_error_detail, "
    "last_error_at, error_reported"
)


_CORRECTED_QUOTATION = (
    "SELECT q.id, a.file, q.norm, q.speaker, q.hidden, q.text FROM quotations q JOIN articles a ON a.id = q.article_id"
)


StoreTarget = str | Path  # a SQLite file, or a postgresql:// URL (see `bot.store.open_store`)


def is_postgres_url(target: StoreTarget) -> bool:
    """Whether a store target names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


class Store(abc.ABC):
    """What the product asks of its database, whichever it is: `SQLiteStore` (the embedded default, below) or
    `bot.store.postgres.PostgresStore`. Open one with `await bot.store.open_store(target)` (or `Store.open`).

    `target` is what opened it (give it to a child process); `path` is where files kept beside the store for
    one state of its index live (the vector index, `bot.core.ann.vectors_dir`)."""

    target: StoreTarget
    path: Path

    @classmethod
    async def open(cls, target: StoreTarget) -> Store:
        """The store at `target`: a postgresql:// URL, else a SQLite file."""
        if is_postgres_url(target):
            from bot.store.postgres import PostgresStore

            return await PostgresStore.open(str(target))
        return await SQLiteStore.open(Path(target))

    @abc.abstractmethod
    async def close(self) -> None: ...

    @abc.abstractmethod
    async def index_build(self) -> str:
        """A name for the index as it is now, unique to this database and generation: caches key on it, and
        files kept beside the store for one index (the vector index) carry it, so that a file of another
        database or of an earlier state of this one, even with the same generation number, is never taken for
        the current one."""

    @abc.abstractmethod
    async def stored_articles(self) -> dict[str, str]:
        """file -> content hash of every indexed article."""

    @abc.abstractmethod
    async def quotations_of(self, files: Iterable[str]) -> list[QuotationRecord]: ...

    @abc.abstractmethod
    async def indexed_quotations(self, file: str) -> list[StoredQuotation]:
        """One article's quotations in text order, with their quotation and statement ids."""

    @abc.abstractmethod
    async def replace_index(
        self,
        articles: Sequence[ArticleRecord],
        quotations: Sequence[QuotationRecord],
        statements: Sequence[StatementRecord],
        reread: Collection[str] = (),
        vectors: PieceVectors | None = None,
    ) -> None:
        """Make the index exactly this, in one transaction; unchanged rows keep their ids.

        The quotations of articles whose text changed, or named in `reread`, are replaced.
        """

    @abc.abstractmethod
    async def piece_vector_keys(self, model: str) -> set[str]: ...

    @abc.abstractmethod
    async def vector_count(self, model: str) -> int:
        """How many pieces this model embedded: whether search by meaning needs its vector index."""

    @abc.abstractmethod
    async def piece_vectors(self, model: str) -> dict[str, bytes]:
        """key -> vector of every stored piece embedded by this model."""

    @abc.abstractmethod
    async def meaning_inputs(
        self, model: str, speakers: Sequence[str]
    ) -> tuple[list[IndexedQuotation], dict[str, bytes]]:
        """The visible quotations of these speakers and every stored vector of the model, to build
        a `MeaningIndex` from (in a worker thread: it is CPU work)."""

    @abc.abstractmethod
    async def vocabulary(self) -> dict[str, int]:
        """Every indexed word with the number of quotations it is in."""

    @abc.abstractmethod
    async def candidates(self, match: str, speakers: Sequence[str], limit: int, ranked: bool) -> list[Candidate]:
        """Quotations of these speakers matching an FTS5 query; best bm25 first when `ranked`."""

    @abc.abstractmethod
    async def statements(self, ids: Sequence[int]) -> list[StatementView]:
        """Statements with their variants, in the order of `ids`."""

    @abc.abstractmethod
    async def reported_variants(self, speakers: Sequence[str]) -> list[ReportedVariant]:
        """Every visible quotation of these speakers' statements, by statement, then date, article and place."""

    @abc.abstractmethod
    async def statements_to_read(
        self, speakers: Sequence[str], kind: str, min_chars: int, max_chars: int, limit: int
    ) -> list[int]:
        """Statements of these speakers with a shown quotation of this kind and length, the most carried
        (then the most recent) first: whole sentences to offer someone who asked for no words in particular."""

    @abc.abstractmethod
    async def shown_statements(self, speaker: str) -> list[int]:
        """Every statement of a speaker that answers can show."""

    @abc.abstractmethod
    async def outlets(self, speakers: Sequence[str]) -> list[tuple[str | None, str, int]]:
        """(outlet or None, an article title, statements carried) for every outlet, most first."""

    @abc.abstractmethod
    async def articles(self) -> list[ArticleRow]: ...

    @abc.abstractmethod
    async def article_already_indexed(self, urls: Iterable[str], text_hash: str | None) -> ArticleRow | None:
        """The article kept under one of these URLs, or with this text hash: what a page sent again is."""

    @abc.abstractmethod
    async def words_of(self, file: str, norm: str | None) -> str:
        """The words of a quotation (by article and folded text) as they are now, or the article's title."""

    @abc.abstractmethod
    async def quotation_targets(self, kind: str, ident: int) -> list[CorrectedQuotation]:
        """A quotation, or a statement's quotations."""

    @abc.abstractmethod
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
        """Apply a moderator's correction now, remember it for re-indexing, and log it; one transaction."""

    @abc.abstractmethod
    async def corrections(self) -> list[tuple[str, str | None, str, str | None]]:
        """(article file, quote norm or None, field, value), oldest first: later ones win."""

    @abc.abstractmethod
    async def quotations_corrected_as(self, target: str) -> list[CorrectedQuotation]:
        """The quotations the latest correction made under a label ("statement 20") named, as they are now."""

    @abc.abstractmethod
    async def audit(self, limit: int) -> list[AuditRow]:
        """The latest corrections, newest first."""

    @abc.abstractmethod
    async def counts(self) -> dict[str, int]: ...

    @abc.abstractmethod
    async def known_norms(self) -> set[str]:
        """The folded text of every indexed quotation: what a build compares its statements with."""

    @abc.abstractmethod
    async def indexed_statements(self) -> list[IndexedStatement]:
        """Every statement with its quotations' folded texts and words; named by its fullest quotation."""

    @abc.abstractmethod
    async def remember_language(self, chat_id: int, language: str) -> None:
        """The language a chat last wrote in (a write only when it changed)."""

    @abc.abstractmethod
    async def languages(self, chat_ids: Collection[int]) -> dict[int, str]:
        """The language each of these chats last wrote in, for those the store has seen."""

    @abc.abstractmethod
    async def add_follow(self, row: FollowRow) -> bool:
        """False when the chat already follows this (its language is brought up to date all the same)."""

    @abc.abstractmethod
    async def remove_follows(self, chat_id: int, follow: Follow | None) -> int:
        """One follow of a chat, or all of them (None); their alerts still owed go with the last one."""

    @abc.abstractmethod
    async def follows(self, chat_id: int | None = None) -> list[FollowRow]:
        """A chat's follows (every chat's with None), oldest first."""

    @abc.abstractmethod
    async def owe_alerts(self, owed: Sequence[tuple[int, str, str, Follow]], now: float) -> int:
        """(chat, article file, folded text, follow) owed; a statement already owed to a chat is not owed twice."""

    @abc.abstractmethod
    async def owed_alerts(self) -> list[AlertRow]:
        """Every alert not sent yet, by chat, oldest first."""

    @abc.abstractmethod
    async def cards_sent_since(self, chat_id: int, since: float) -> int:
        """How many alerts went to a chat as a card of their own since a time."""

    @abc.abstractmethod
    async def mark_alerts_sent(self, ids: Sequence[int], sent_as: str, now: float) -> None: ...

    @abc.abstractmethod
    async def drop_alerts(self, ids: Sequence[int]) -> None:
        """Alerts that will never be sent (their statement is gone or hidden, their chat refuses them)."""

    @abc.abstractmethod
    async def forget_sent_alerts(self, before: float) -> None:
        """Alerts sent before a time: they no longer count against any limit."""

    @abc.abstractmethod
    async def statement_of(self, article_file: str, norm: str) -> int | None:
        """The statement a quotation (by article file and folded text) belongs to now, if it is shown."""

    @abc.abstractmethod
    async def feed_states(self) -> dict[str, FeedState]: ...

    @abc.abstractmethod
    async def save_feed_state(self, state: FeedState) -> None: ...

    @abc.abstractmethod
    async def seen_entries(self, feed_url: str) -> set[str]: ...

    @abc.abstractmethod
    async def mark_entries_seen(self, feed_url: str, entries: Iterable[str], now: float) -> None: ...


class SQLiteStore(Store):
    """One SQLite file (WAL). Open with `await SQLiteStore.open(path)`."""

    def __init__(self, db: aiosqlite.Connection, path: Path) -> None:
        self._db = db
        self.path = path
        self.target = path

    @classmethod
    async def open(cls, target: StoreTarget) -> SQLiteStore:
        path = Path(target)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(path)
            db.row_factory = aiosqlite.Row
            await db.execute("PRAGMA journal_mode=WAL")
            await db.execute("PRAGMA foreign_keys=ON")
            await db.execute("PRAGMA synchronous=NORMAL")
            await db.execute("PRAGMA busy_timeout=5000")
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the database {path}: {error}") from error
        store = cls(db, path)
        try:
            await store._migrate()
        except BaseException:
            await db.close()
            raise
        return store

    async def close(self) -> None:
        await self._db.close()

    async def _migrate(self) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        version = row[0] if row else 0
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer Quotebot (schema {version})")
        for number in range(version, len(MIGRATIONS)):
            try:
                await self._db.executescript(f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;")
            except sqlite3.Error as error:
                await self._db.rollback()
                raise StoreError(f"cannot migrate {self.path} to schema {number + 1}: {error}") from error

    # ---- indexing ----------------------------------------------------------------------------

    async def index_build(self) -> str:
        """A name for the index as it is now, unique to this database and generation: caches key on it, and
        files kept beside the store for one index (the vector index) carry it, so that a file of another
        database or of an earlier state of this one, even with the same generation number, is never taken for
        the current one."""
        async with self._db.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'build')") as cursor:
            meta = {row[0]: row[1] async for row in cursor}
        return f"{meta.get('generation', '0')}-{meta.get('build', 'none')}"

    async def _next_generation(self) -> None:
        """Inside a write transaction: the index changed (a new generation, and a new build name)."""
        await self._db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        await self._db.execute("UPDATE meta SET value = lower(hex(randomblob(8))) WHERE key = 'build'")

    async def stored_articles(self) -> dict[str, str]:
        """file -> content hash of every indexed article."""
        async with self._db.execute("SELECT file, content_hash FROM articles") as cursor:
            return {row["file"]: row["content_hash"] async for row in cursor}

    async def quotations_of(self, files: Iterable[str]) -> list[QuotationRecord]:
        wanted = list(files)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        sql = (
            "SELECT a.file, q.start, q.end, q.text, q.norm, q.speaker, q.kind, q.cue, q.hidden FROM quotations q "
            f"JOIN articles a ON a.id = q.article_id WHERE a.file IN ({marks}) ORDER BY a.file, q.start"
        )
        async with self._db.execute(sql, wanted) as cursor:
            return [QuotationRecord(*row) async for row in cursor]

    async def indexed_quotations(self, file: str) -> list[StoredQuotation]:
        """One article's quotations in text order, with their quotation and statement ids."""
        sql = (
            "SELECT q.id, q.statement_id, q.speaker, q.text FROM quotations q "
            "JOIN articles a ON a.id = q.article_id WHERE a.file = ? ORDER BY q.start"
        )
        async with self._db.execute(sql, [file]) as cursor:
            return [StoredQuotation(*row) async for row in cursor]

    async def replace_index(
        self,
        articles: Sequence[ArticleRecord],
        quotations: Sequence[QuotationRecord],
        statements: Sequence[StatementRecord],
        reread: Collection[str] = (),
        vectors: PieceVectors | None = None,
    ) -> None:
        """Make the index exactly this, in one transaction; unchanged rows keep their ids.

        The quotations of articles whose text changed, or named in `reread`, are replaced.
        """
        db = self._db
        try:
            await db.execute("BEGIN IMMEDIATE")
            await self._write_index(articles, quotations, statements, reread)
            if vectors is not None:
                await self._write_vectors(vectors)
            await self._next_generation()
            await db.commit()
        except BaseException:
            await db.rollback()
            raise

    async def _write_index(
        self,
        articles: Sequence[ArticleRecord],
        quotations: Sequence[QuotationRecord],
        statements: Sequence[StatementRecord],
        reread: Collection[str],
    ) -> None:
        db = self._db
        async with db.execute("SELECT id, file, content_hash FROM articles") as cursor:
            existing = {row["file"]: (row["id"], row["content_hash"]) async for row in cursor}
        wanted = {a.file for a in articles}
        removed = [existing[f][0] for f in existing if f not in wanted]
        await db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in removed])
        changed: set[str] = set()
        article_ids: dict[str, int] = {}
        for article in articles:
            values = (article.content_hash, article.title, article.outlet, article.url, article.published)
            if article.file in existing:
                article_id, old_hash = existing[article.file]
                await db.execute(
                    "UPDATE articles SET content_hash=?, title=?, outlet=?, url=?, published=?, language=?, "
                    "text_hash=? WHERE id=?",
                    (*values, article.language, article.text_hash, article_id),
                )
                if old_hash != article.content_hash or article.file in reread:
                    changed.add(article.file)
                    await db.execute("DELETE FROM quotations WHERE article_id = ?", (article_id,))
            else:
                cursor = await db.execute(
                    "INSERT INTO articles(file, content_hash, title, outlet, url, published, language, text_hash) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article.file, *values, article.language, article.text_hash),
                )
                article_id = cursor.lastrowid
                changed.add(article.file)
            assert article_id is not None
            article_ids[article.file] = article_id

        statement_of = await self._write_statements(quotations, statements)
        new_rows = new_quotation_rows(quotations, changed, article_ids, statement_of)
        await db.executemany(
            "INSERT INTO quotations(article_id, statement_id, start, end, text, norm, speaker, kind, cue, hidden) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new_rows,
        )
        kept_rows = [
            (statement_of.get(i), q.speaker, int(q.hidden), article_ids[q.article_file], q.start, q.end)
            for i, q in enumerate(quotations)
            if q.article_file not in changed
        ]
        await db.executemany(
            "UPDATE quotations SET statement_id = ?, speaker = ?, hidden = ? "
            "WHERE article_id = ? AND start = ? AND end = ?",
            kept_rows,
        )

    async def _write_vectors(self, vectors: PieceVectors) -> None:
        db = self._db
        await db.execute("DELETE FROM piece_vectors WHERE model != ?", (vectors.model,))
        async with db.execute("SELECT key FROM piece_vectors WHERE model = ?", (vectors.model,)) as cursor:
            unused = [(vectors.model, row[0]) async for row in cursor if row[0] not in vectors.used]
        await db.executemany("DELETE FROM piece_vectors WHERE model = ? AND key = ?", unused)
        await db.executemany(
            "INSERT OR REPLACE INTO piece_vectors(model, key, vector) VALUES (?, ?, ?)",
            [(vectors.model, key, blob) for key, blob in vectors.added.items()],
        )

    async def piece_vector_keys(self, model: str) -> set[str]:
        async with self._db.execute("SELECT key FROM piece_vectors WHERE model = ?", (model,)) as cursor:
            return {row[0] async for row in cursor}

    async def vector_count(self, model: str) -> int:
        """How many pieces this model embedded: whether search by meaning needs its vector index."""
        async with self._db.execute("SELECT COUNT(*) FROM piece_vectors WHERE model = ?", (model,)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def piece_vectors(self, model: str) -> dict[str, bytes]:
        """key -> vector of every stored piece embedded by this model."""
        async with self._db.execute("SELECT key, vector FROM piece_vectors WHERE model = ?", (model,)) as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def meaning_inputs(
        self, model: str, speakers: Sequence[str]
    ) -> tuple[list[IndexedQuotation], dict[str, bytes]]:
        """The visible quotations of these speakers and every stored vector of the model, to build
        a `MeaningIndex` from (in a worker thread: it is CPU work)."""
        vectors = await self.piece_vectors(model)
        marks = ",".join("?" * len(speakers))
        sql = (
            "SELECT id, statement_id, article_id, speaker, start, end, text FROM quotations "
            f"WHERE hidden = 0 AND statement_id IS NOT NULL AND speaker IN ({marks})"
        )
        async with self._db.execute(sql, list(speakers)) as cursor:
            found = [IndexedQuotation(row[0], row[1], Spoken(str(row[2]), *row[3:7])) async for row in cursor]
        return found, vectors

    async def _write_statements(
        self, quotations: Sequence[QuotationRecord], statements: Sequence[StatementRecord]
    ) -> dict[int, int]:
        """Rebuild the statements, reusing the id of each one whose key is unchanged."""
        db = self._db
        async with db.execute("SELECT id, key FROM statements") as cursor:
            old = {row["key"]: row["id"] async for row in cursor}
        plan = plan_statements(quotations, statements, old)
        await db.executemany("DELETE FROM statements WHERE key = ?", [(k,) for k in plan.gone])
        await db.executemany("UPDATE statements SET text = ? WHERE id = ?", plan.updates)
        await db.executemany("INSERT INTO statements(id, key, speaker, text) VALUES (?, ?, ?, ?)", plan.inserts)
        return plan.statement_of

    # ---- searching ---------------------------------------------------------------------------

    async def vocabulary(self) -> dict[str, int]:
        """Every indexed word with the number of quotations it is in."""
        async with self._db.execute("SELECT term, doc FROM quotation_vocab") as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def candidates(self, match: str, speakers: Sequence[str], limit: int, ranked: bool) -> list[Candidate]:
        """Quotations of these speakers matching an FTS5 query; best bm25 first when `ranked`."""
        try:
            async with self._db.execute(candidates_sql(len(speakers), ranked), (match, *speakers, limit)) as cursor:
                return [Candidate(*row) async for row in cursor]
        except sqlite3.OperationalError:
            return []  # a query FTS5 cannot parse matches nothing

    async def statements(self, ids: Sequence[int]) -> list[StatementView]:
        """Statements with their variants, in the order of `ids`."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT s.id, s.speaker, s.text, q.id, a.file, a.title, a.outlet, a.url, a.published, "
            "q.text, q.norm, q.kind FROM statements s JOIN quotations q ON q.statement_id = s.id "
            "JOIN articles a ON a.id = q.article_id "
            f"WHERE s.id IN ({marks}) AND q.hidden = 0 ORDER BY a.published DESC, a.file, q.start"
        )
        found: dict[int, tuple[str, str, list[Variant]]] = {}
        async with self._db.execute(sql, list(ids)) as cursor:
            async for row in cursor:
                entry = found.setdefault(row[0], (row[1], row[2], []))
                entry[2].append(Variant(*row[3:12]))
        return [StatementView(i, found[i][0], found[i][1], tuple(found[i][2])) for i in ids if i in found]

    async def reported_variants(self, speakers: Sequence[str]) -> list[ReportedVariant]:
        """Every visible quotation of these speakers' statements, by statement, then date, article and place."""
        marks = ",".join("?" * len(speakers))
        sql = (
            "SELECT s.id, s.speaker, q.id, a.file, a.title, a.outlet, a.url, a.published, a.language, q.text, q.kind "
            "FROM statements s JOIN quotations q ON q.statement_id = s.id JOIN articles a ON a.id = q.article_id "
            f"WHERE s.speaker IN ({marks}) AND q.hidden = 0 ORDER BY s.id, a.published, a.file, q.start"
        )
        async with self._db.execute(sql, list(speakers)) as cursor:
            return [ReportedVariant(*row) async for row in cursor]

    async def statements_to_read(
        self, speakers: Sequence[str], kind: str, min_chars: int, max_chars: int, limit: int
    ) -> list[int]:
        """Statements of these speakers with a shown quotation of this kind and length, the most carried
        (then the most recent) first: whole sentences to offer someone who asked for no words in particular."""
        marks = ",".join("?" * len(speakers))
        sql = (
            "SELECT q.statement_id FROM quotations q JOIN articles a ON a.id = q.article_id "
            f"WHERE q.speaker IN ({marks}) AND q.hidden = 0 AND q.statement_id IS NOT NULL "
            "GROUP BY q.statement_id "
            "HAVING SUM(q.kind = ? AND LENGTH(q.text) BETWEEN ? AND ?) > 0 "
            "ORDER BY COUNT(DISTINCT a.id) DESC, MAX(a.published) DESC, q.statement_id DESC LIMIT ?"
        )
        async with self._db.execute(sql, (*speakers, kind, min_chars, max_chars, limit)) as cursor:
            return [row[0] async for row in cursor]

    async def shown_statements(self, speaker: str) -> list[int]:
        """Every statement of a speaker that answers can show."""
        sql = (
            "SELECT DISTINCT statement_id FROM quotations WHERE speaker = ? AND hidden = 0 AND statement_id IS NOT NULL"
        )
        async with self._db.execute(sql, (speaker,)) as cursor:
            return [row[0] async for row in cursor]

    async def outlets(self, speakers: Sequence[str]) -> list[tuple[str | None, str, int]]:
        """(outlet or None, an article title, statements carried) for every outlet, most first."""
        marks = ",".join("?" * len(speakers))
        sql = (
            "SELECT a.outlet, MIN(a.title), COUNT(DISTINCT q.statement_id) AS n FROM quotations q "
            "JOIN articles a ON a.id = q.article_id "
            f"WHERE q.speaker IN ({marks}) AND q.hidden = 0 AND q.statement_id IS NOT NULL "
            "GROUP BY COALESCE(a.outlet, 'article:' || a.id) ORDER BY n DESC, a.outlet"
        )
        async with self._db.execute(sql, list(speakers)) as cursor:
            return [(row[0], row[1], row[2]) async for row in cursor]

    # ---- moderation --------------------------------------------------------------------------

    async def articles(self) -> list[ArticleRow]:
        sql = "SELECT id, file, title, outlet, published, url FROM articles ORDER BY id"
        async with self._db.execute(sql) as cursor:
            return [ArticleRow(*row) async for row in cursor]

    async def article_already_indexed(self, urls: Iterable[str], text_hash: str | None) -> ArticleRow | None:
        """The article kept under one of these URLs, or with this text hash: what a page sent again is."""
        wanted = list(urls)
        marks = ",".join("?" * len(wanted)) or "NULL"
        sql = (
            f"SELECT id, file, title, outlet, published, url FROM articles WHERE url IN ({marks}) "
            "OR (text_hash IS NOT NULL AND text_hash = ?) ORDER BY id LIMIT 1"
        )
        async with self._db.execute(sql, [*wanted, text_hash]) as cursor:
            row = await cursor.fetchone()
        return None if row is None else ArticleRow(*row)

    async def words_of(self, file: str, norm: str | None) -> str:
        """The words of a quotation (by article and folded text) as they are now, or the article's title."""
        if norm is None:
            sql, values = "SELECT title FROM articles WHERE file = ?", [file]
        else:
            sql, values = f"{_CORRECTED_QUOTATION} WHERE a.file = ? AND q.norm = ? LIMIT 1", [file, norm]
        async with self._db.execute(sql, values) as cursor:
            row = await cursor.fetchone()
        return "" if row is None else row[-1]

    async def quotation_targets(self, kind: str, ident: int) -> list[CorrectedQuotation]:
        """A quotation, or a statement's quotations."""
        column = "q.id" if kind == "quotation" else "q.statement_id"
        async with self._db.execute(f"{_CORRECTED_QUOTATION} WHERE {column} = ? ORDER BY q.id", (ident,)) as cursor:
            return [CorrectedQuotation(*row) async for row in cursor]

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
        """Apply a moderator's correction now, remember it for re-indexing, and log it; one transaction."""
        db = self._db
        try:
            await db.execute("BEGIN IMMEDIATE")
            if field == "outlet":
                await db.execute("UPDATE articles SET outlet = ? WHERE file = ?", (value, article_file))
                await db.execute(
                    "INSERT INTO corrections(target, article_file, quote_norm, field, value, moderator_id) "
                    "VALUES ('article', ?, NULL, 'outlet', ?, ?)",
                    (article_file, value, moderator),
                )
            else:
                column = "hidden" if field == "hidden" else "speaker"
                for quotation_id, file, norm in quotations:
                    await db.execute(f"UPDATE quotations SET {column} = ? WHERE id = ?", (value, quotation_id))
                    await db.execute(
                        "INSERT INTO corrections(target, article_file, quote_norm, field, value, moderator_id) "
                        "VALUES ('quotation', ?, ?, ?, ?, ?)",
                        (file, norm, field, value, moderator),
                    )
            named = (
                json.dumps([[file, norm] for _, file, norm in quotations], ensure_ascii=False) if quotations else None
            )
            await db.execute(
                "INSERT INTO audit_log(moderator_id, action, target, before, after, quotations) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (moderator, action, target, before, after, named),
            )
            await self._next_generation()
            await db.commit()
        except BaseException:
            await db.rollback()
            raise

    async def corrections(self) -> list[tuple[str, str | None, str, str | None]]:
        """(article file, quote norm or None, field, value), oldest first: later ones win."""
        sql = "SELECT article_file, quote_norm, field, value FROM corrections ORDER BY id"
        async with self._db.execute(sql) as cursor:
            return [tuple(row) async for row in cursor]

    async def quotations_corrected_as(self, target: str) -> list[CorrectedQuotation]:
        """The quotations the latest correction made under a label ("statement 20") named, as they are now."""
        sql = "SELECT quotations FROM audit_log WHERE target = ? AND quotations IS NOT NULL ORDER BY id DESC LIMIT 1"
        async with self._db.execute(sql, [target]) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return []
        found = []
        for file, norm in json.loads(row[0]):
            sql = f"{_CORRECTED_QUOTATION} WHERE a.file = ? AND q.norm = ?"
            async with self._db.execute(sql, [file, norm]) as cursor:
                found.extend([CorrectedQuotation(*r) async for r in cursor])
        return found

    async def audit(self, limit: int) -> list[AuditRow]:
        """The latest corrections, newest first."""
        sql = (
            "SELECT created_at, moderator_id, action, target, before, after, quotations FROM audit_log "
            "ORDER BY id DESC LIMIT ?"
        )
        async with self._db.execute(sql, (limit,)) as cursor:
            rows = [tuple(row) async for row in cursor]
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
            for row in rows
        ]

    async def counts(self) -> dict[str, int]:
        result = {}
        for table in ("articles", "quotations", "statements"):
            async with self._db.execute(f"SELECT COUNT(*) FROM {table}") as cursor:
                row = await cursor.fetchone()
            result[table] = row[0] if row else 0
        return result

    # ---- follows and alerts ------------------------------------------------------------------

    async def known_norms(self) -> set[str]:
        """The folded text of every indexed quotation: what a build compares its statements with."""
        async with self._db.execute("SELECT DISTINCT norm FROM quotations") as cursor:
            return {row[0] async for row in cursor}

    async def indexed_statements(self) -> list[IndexedStatement]:
        """Every statement with its quotations' folded texts and words; named by its fullest quotation."""
        sql = (
            "SELECT q.statement_id, s.speaker, a.file, q.norm, q.text FROM quotations q "
            "JOIN statements s ON s.id = q.statement_id JOIN articles a ON a.id = q.article_id "
            "ORDER BY q.statement_id, a.file, q.start"
        )
        grouped: dict[int, list[tuple[str, str, str, str]]] = {}
        async with self._db.execute(sql) as cursor:
            async for row in cursor:
                grouped.setdefault(row[0], []).append((row[1], row[2], row[3], row[4]))
        found = []
        for members in grouped.values():
            speaker, file, norm, _ = max(members, key=lambda m: len(m[2]))
            found.append(
                IndexedStatement(speaker, file, norm, frozenset(m[2] for m in members), tuple(m[3] for m in members))
            )
        return found

    async def remember_language(self, chat_id: int, language: str) -> None:
        """The language a chat last wrote in (a write only when it changed)."""
        await self._db.execute(
            "INSERT INTO chat_languages(chat_id, language) VALUES (?, ?) "
            "ON CONFLICT(chat_id) DO UPDATE SET language = excluded.language WHERE language != excluded.language",
            (chat_id, language),
        )
        await self._db.commit()

    async def languages(self, chat_ids: Collection[int]) -> dict[int, str]:
        """The language each of these chats last wrote in, for those the store has seen."""
        if not chat_ids:
            return {}
        marks = ", ".join("?" * len(chat_ids))
        sql = f"SELECT chat_id, language FROM chat_languages WHERE chat_id IN ({marks})"
        async with self._db.execute(sql, list(chat_ids)) as cursor:
            return {row[0]: row[1] async for row in cursor}

    async def add_follow(self, row: FollowRow) -> bool:
        """False when the chat already follows this (its language is brought up to date all the same)."""
        db = self._db
        cursor = await db.execute(
            "INSERT OR IGNORE INTO follows(chat_id, private, language, kind, value, shown) VALUES (?, ?, ?, ?, ?, ?)",
            (row.chat_id, int(row.private), row.language, row.kind, row.value, row.shown),
        )
        added = cursor.rowcount > 0
        await db.execute("UPDATE follows SET language = ? WHERE chat_id = ?", (row.language, row.chat_id))
        await db.commit()
        return added

    async def remove_follows(self, chat_id: int, follow: Follow | None) -> int:
        """One follow of a chat, or all of them (None); their alerts still owed go with the last one."""
        db = self._db
        if follow is None:
            cursor = await db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,))
        else:
            cursor = await db.execute(
                "DELETE FROM follows WHERE chat_id = ? AND kind = ? AND value = ?", (chat_id, follow.kind, follow.value)
            )
        removed = cursor.rowcount
        await db.execute(
            "DELETE FROM alerts WHERE chat_id = ? AND sent_at IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.chat_id = alerts.chat_id)",
            (chat_id,),
        )
        await db.commit()
        return removed

    async def follows(self, chat_id: int | None = None) -> list[FollowRow]:
        """A chat's follows (every chat's with None), oldest first."""
        sql = "SELECT chat_id, private, language, kind, value, shown FROM follows"
        values: list[int] = []
        if chat_id is not None:
            sql, values = sql + " WHERE chat_id = ?", [chat_id]
        async with self._db.execute(sql + " ORDER BY id", values) as cursor:
            return [FollowRow(row[0], bool(row[1]), *row[2:6]) async for row in cursor]

    async def owe_alerts(self, owed: Sequence[tuple[int, str, str, Follow]], now: float) -> int:
        """(chat, article file, folded text, follow) owed; a statement already owed to a chat is not owed twice."""
        db = self._db
        before = db.total_changes
        await db.executemany(
            "INSERT OR IGNORE INTO alerts(chat_id, article_file, quote_norm, follow_kind, follow_value, owed_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(chat, file, norm, follow.kind, follow.value, now) for chat, file, norm, follow in owed],
        )
        await db.commit()
        return db.total_changes - before

    async def owed_alerts(self) -> list[AlertRow]:
        """Every alert not sent yet, by chat, oldest first."""
        sql = (
            "SELECT id, chat_id, article_file, quote_norm, follow_kind, follow_value, owed_at FROM alerts "
            "WHERE sent_at IS NULL ORDER BY chat_id, owed_at, id"
        )
        async with self._db.execute(sql) as cursor:
            return [AlertRow(*row) async for row in cursor]

    async def cards_sent_since(self, chat_id: int, since: float) -> int:
        """How many alerts went to a chat as a card of their own since a time."""
        sql = "SELECT COUNT(*) FROM alerts WHERE chat_id = ? AND sent_as = 'card' AND sent_at >= ?"
        async with self._db.execute(sql, (chat_id, since)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else 0

    async def mark_alerts_sent(self, ids: Sequence[int], sent_as: str, now: float) -> None:
        await self._db.executemany(
            "UPDATE alerts SET sent_at = ?, sent_as = ? WHERE id = ?", [(now, sent_as, i) for i in ids]
        )
        await self._db.commit()

    async def drop_alerts(self, ids: Sequence[int]) -> None:
        """Alerts that will never be sent (their statement is gone or hidden, their chat refuses them)."""
        await self._db.executemany("DELETE FROM alerts WHERE id = ?", [(i,) for i in ids])
        await self._db.commit()

    async def forget_sent_alerts(self, before: float) -> None:
        """Alerts sent before a time: they no longer count against any limit."""
        await self._db.execute("DELETE FROM alerts WHERE sent_at IS NOT NULL AND sent_at < ?", (before,))
        await self._db.commit()

    async def statement_of(self, article_file: str, norm: str) -> int | None:
        """The statement a quotation (by article file and folded text) belongs to now, if it is shown."""
        sql = (
            "SELECT q.statement_id FROM quotations q JOIN articles a ON a.id = q.article_id "
            "WHERE a.file = ? AND q.norm = ? AND q.statement_id IS NOT NULL AND q.hidden = 0 LIMIT 1"
        )
        async with self._db.execute(sql, (article_file, norm)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    # ---- feeds -------------------------------------------------------------------------------

    async def feed_states(self) -> dict[str, FeedState]:
        async with self._db.execute(f"SELECT {_FEED_COLUMNS} FROM feeds") as cursor:
            states = [FeedState(*row) async for row in cursor]
        return {state.url: replace(state, error_reported=bool(state.error_reported)) for state in states}

    async def save_feed_state(self, state: FeedState) -> None:
        await self._db.execute(
            f"INSERT OR REPLACE INTO feeds({_FEED_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
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
            ),
        )
        await self._db.commit()

    async def seen_entries(self, feed_url: str) -> set[str]:
        async with self._db.execute("SELECT entry FROM feed_entries WHERE feed_url = ?", (feed_url,)) as cursor:
            return {row[0] async for row in cursor}

    async def mark_entries_seen(self, feed_url: str, entries: Iterable[str], now: float) -> None:
        await self._db.executemany(
            "INSERT OR IGNORE INTO feed_entries(feed_url, entry, seen_at) VALUES (?, ?, ?)",
            [(feed_url, entry, now) for entry in entries],
        )
        await self._db.commit()
