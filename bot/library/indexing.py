"""Indexing: bring the store in line with a data directory, moderators' corrections applied again."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Iterable
from contextlib import aclosing
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.config import speakers_file
from bot.core.article import read_article
from bot.core.extract import ExtractedArticle, Extractor
from bot.core.grouping import GroupItem, group_statements
from bot.core.meaning import Embedder, Spoken, blobs_to_matrix, embed_pieces, piece_key, pieces_of
from bot.core.registry import UNKNOWN
from bot.core.sources import SourceInfo, load_sources
from bot.core.text import normalise
from bot.core.webpage import HTML_SUFFIXES, WebPage, is_page, read_page
from bot.library.parallel import ExtractionJob, check_workers, extract_in_order
from bot.store import open_store
from bot.store.store import ArticleRecord, PieceVectors, QuotationRecord, StatementRecord, Store, StoreTarget

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class IndexSummary:
    articles: int
    extracted: int  # articles read again because they are new or changed
    removed: int
    quotations: int
    statements: int
    changed: bool
    seconds: float


def article_files(data_dir: Path) -> list[Path]:
    """The articles of a data directory: texts (.txt) and kept web pages (.html, .htm)."""
    folder = data_dir / "articles"
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", *HTML_SUFFIXES)) if folder.is_dir() else []


@dataclass(frozen=True)
class ArticleText:
    """What the reader reads of an article file: a .txt as it is, a page's extracted text (`page` then says
    what the page itself tells of the article)."""

    text: str
    page: WebPage | None = None


def article_text(name: str, raw: bytes, source: SourceInfo | None) -> ArticleText:
    if is_page(name):
        page = read_page(raw, source.charset if source else None, source.url if source else None)
        return ArticleText(page.text, page)
    return ArticleText(raw.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class _Read:
    """An article file read for indexing: its text, and its language and date from sources.toml or the page."""

    text: str
    page: WebPage | None
    language: str | None
    published: str | None


async def _read(path: Path, raw: bytes, source: SourceInfo | None) -> _Read:
    if is_page(path.name):  # trafilatura in a worker thread, like spaCy
        read = await asyncio.to_thread(article_text, path.name, raw, source)
    else:
        read = article_text(path.name, raw, source)
    page = read.page
    return _Read(
        read.text,
        page,
        (source.language if source and source.language else None) or (page.language if page else None),
        (source.published if source else None) or (page.published if page else None),
    )


def quotation_records(result: ExtractedArticle) -> list[QuotationRecord]:
    """What the store keeps of an article's extraction, whichever process extracted it."""
    return [
        QuotationRecord(result.article.name, q.start, q.end, q.text, normalise(q.text), q.speaker, q.kind, q.cue)
        for q in result.quotations
    ]


def text_hash(text: str) -> str:
    """The same for two articles whose texts differ only in case, accents, punctuation or spacing."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()


def _content_hash(raw: bytes, source: SourceInfo | None) -> str:
    """Changes when the text or what sources.toml says of it changes."""
    digest = hashlib.sha256(raw)
    digest.update(repr(source).encode())
    return digest.hexdigest()


def index_data(
    store_path: StoreTarget,
    data_dir: Path,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
    workers: int = 1,
) -> IndexSummary:
    """Synchronous entry point for the command line."""

    async def run() -> IndexSummary:
        store = await open_store(store_path)
        try:
            return await index_directory(store, data_dir, extractor, progress, embedder=embedder, workers=workers)
        finally:
            await store.close()

    return asyncio.run(run())


async def index_directory(
    store: Store,
    data_dir: Path,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    *,
    force: bool = False,
    rebuild: bool = False,
    embedder: Embedder | None = None,
    workers: int = 1,
) -> IndexSummary:
    """Bring the index in line with `data_dir`; nothing is written when nothing changed.

    Moderators' corrections are applied again on every build, so they survive it. `force`
    rebuilds the statements even when no article changed (after a speaker correction);
    `rebuild` reads every article again (after a change of the speakers registry).
    Extraction (spaCy) and embedding (with `embedder`, for search by meaning) run in a worker
    thread: the event loop keeps answering. With `workers` > 1 the articles to read again are extracted by
    that many processes (bot/library/parallel.py); the index is the same as with one.
    """
    workers = check_workers(workers)
    started = time.perf_counter()
    sources = load_sources(data_dir / "sources.toml")
    paths = article_files(data_dir)
    raw = {p.name: p.read_bytes() for p in paths}
    hashes = {name: _content_hash(data, sources.get(name)) for name, data in raw.items()}
    stored = await store.stored_articles()
    counts = await store.counts()
    if stored == hashes and not force and not await vectors_missing(store, embedder, stored):
        return IndexSummary(len(paths), 0, 0, counts["quotations"], counts["statements"], False, 0.0)

    to_extract = [p for p in paths if rebuild or stored.get(p.name) != hashes[p.name]]
    extracted = {p.name for p in to_extract}
    kept = await store.quotations_of(name for name in hashes if name not in extracted)
    reads = [await _read(path, raw[path.name], sources.get(path.name)) for path in paths]
    jobs = [
        ExtractionJob(path.name, read.text, read.language, read.published)
        for path, read in zip(paths, reads, strict=True)
        if path.name in extracted
    ]
    results = extract_in_order(jobs, workers, extractor, speakers_file(data_dir))
    articles: list[ArticleRecord] = []
    quotations: list[QuotationRecord] = list(kept)
    async with aclosing(results):
        for number, (path, read) in enumerate(zip(paths, reads, strict=True), start=1):
            source, page = sources.get(path.name), read.page
            if path.name in extracted:
                result = await anext(results)
                article = result.article
                quotations.extend(quotation_records(result))
            else:
                article = read_article(path.name, read.text)
            articles.append(
                ArticleRecord(
                    file=path.name,
                    content_hash=hashes[path.name],
                    title=(page.title if page and page.title else article.title),
                    outlet=(source.outlet if source and source.outlet else None)
                    or (page.site_name if page else None)
                    or article.outlet_in_text,
                    url=(source.url if source else None) or (page.canonical_url if page else None),
                    published=read.published,
                    language=read.language or article.language,
                    text_hash=text_hash(read.text),
                )
            )
            if progress:
                progress(number, len(paths), path.name)

    articles, quotations = apply_corrections(await store.corrections(), articles, quotations)
    published = {a.file: a.published for a in articles}
    vectors, pieces = await _embed(store, embedder, quotations) if embedder else (None, {})
    items = [
        GroupItem(q.speaker, q.article_file, published.get(q.article_file), q.text, pieces.get(i))
        for i, q in enumerate(quotations)
    ]
    statements = []
    for members in group_statements(items):
        shown = [i for i in members if not quotations[i].hidden] or members
        canonical = max(shown, key=lambda i: len(quotations[i].text))  # the fullest wording still shown
        statements.append(StatementRecord(quotations[canonical].speaker, quotations[canonical].text, tuple(members)))
    await store.replace_index(articles, quotations, statements, reread=extracted if rebuild else (), vectors=vectors)
    return IndexSummary(
        articles=len(paths),
        extracted=len(to_extract),
        removed=len(set(stored) - set(hashes)),
        quotations=len(quotations),
        statements=len(statements),
        changed=True,
        seconds=round(time.perf_counter() - started, 3),
    )


def _embedded(quotation: QuotationRecord) -> bool:
    """Quotations nobody is credited with are never searched nor grouped: not embedded."""
    return quotation.speaker != UNKNOWN


async def vectors_missing(store: Store, embedder: Embedder | None, files: Iterable[str] | None = None) -> bool:
    """Whether some quotation (of `files`, default all) lacks its vectors (the extra came after the last build)."""
    if embedder is None:
        return False
    keys = await store.piece_vector_keys(embedder.name)
    names = list(files) if files is not None else [row.file for row in await store.articles()]
    pieces = _pieces(await store.quotations_of(names))
    return any(piece_key(piece) not in keys for found in pieces.values() for piece in found)


def _pieces(quotations: list[QuotationRecord]) -> dict[int, list[str]]:
    """The pieces to embed of each quotation someone is credited with (by index)."""
    embedded = [i for i, q in enumerate(quotations) if _embedded(q)]
    spoken = [Spoken(q.article_file, q.speaker, q.start, q.end, q.text) for q in (quotations[i] for i in embedded)]
    return {i: found for i, found in zip(embedded, pieces_of(spoken), strict=True) if found}


async def _embed(
    store: Store, embedder: Embedder, quotations: list[QuotationRecord]
) -> tuple[PieceVectors, dict[int, np.ndarray]]:
    """Vectors of every piece (only new texts are embedded), and each quotation's matrix of pieces."""
    stored = await store.piece_vectors(embedder.name)
    pieces = _pieces(quotations)
    texts = {piece_key(p): p for found in pieces.values() for p in found}
    missing = [key for key in texts if key not in stored]
    embedded = await asyncio.to_thread(embed_pieces, embedder, [texts[k] for k in missing])
    added = dict(zip(missing, embedded, strict=True))
    blobs = {**stored, **added}
    matrices = {i: blobs_to_matrix([blobs[piece_key(p)] for p in found]) for i, found in pieces.items()}
    return PieceVectors(embedder.name, added, frozenset(texts)), matrices


def apply_corrections(
    corrections: list[tuple[str, str | None, str, str | None]],
    articles: list[ArticleRecord],
    quotations: list[QuotationRecord],
) -> tuple[list[ArticleRecord], list[QuotationRecord]]:
    """Moderators' corrections over freshly extracted data; the latest correction of a thing wins."""
    outlet: dict[str, str | None] = {}
    fixes: dict[tuple[str, str], dict[str, str | None]] = {}
    for file, norm, name, value in corrections:
        if name == "outlet":
            outlet[file] = value
        elif norm is not None:
            fixes.setdefault((file, norm), {})[name] = value
    articles = [replace(a, outlet=outlet[a.file]) if a.file in outlet else a for a in articles]
    corrected = []
    for quotation in quotations:
        fix = fixes.get((quotation.article_file, quotation.norm), {})
        speaker = fix.get("speaker")
        if speaker:
            quotation = replace(quotation, speaker=speaker)
        if "hidden" in fix:
            quotation = replace(quotation, hidden=fix["hidden"] == "1")
        corrected.append(quotation)
    return articles, corrected
