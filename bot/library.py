"""What the product does, for any front end (command line, Telegram): index articles, answer queries.

Pure pieces come from `bot.core`; the store from `bot.store`. CPU work (spaCy, rapidfuzz)
is plain synchronous code here; async front ends run it in a worker thread.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.article import read_article
from bot.core.extract import Extractor
from bot.core.grouping import GroupItem, group_statements
from bot.core.registry import SpeakerRegistry, load_registry
from bot.core.search import Match, ParsedQuery, Vocabulary, parse_query, score_quotation
from bot.core.sources import SourceInfo, load_sources
from bot.core.text import normalise
from bot.store.store import ArticleRecord, QuotationRecord, StatementRecord, StatementView, Store

CANDIDATES = 100
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
    return sorted((data_dir / "articles").glob("*.txt"))


def _content_hash(raw: bytes, source: SourceInfo | None) -> str:
    """Changes when the text or what sources.toml says of it changes."""
    digest = hashlib.sha256(raw)
    digest.update(repr(source).encode())
    return digest.hexdigest()


def index_data(
    store_path: Path, data_dir: Path, extractor: Extractor | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Synchronous entry point for the command line."""
    import asyncio

    async def run() -> IndexSummary:
        store = await Store.open(store_path)
        try:
            return await index_directory(store, data_dir, extractor, progress)
        finally:
            await store.close()

    return asyncio.run(run())


async def index_directory(
    store: Store, data_dir: Path, extractor: Extractor | None = None, progress: Progress | None = None
) -> IndexSummary:
    """Bring the index in line with `data_dir`; nothing is written when nothing changed."""
    started = time.perf_counter()
    sources = load_sources(data_dir / "sources.toml")
    paths = article_files(data_dir)
    raw = {p.name: p.read_bytes() for p in paths}
    hashes = {name: _content_hash(data, sources.get(name)) for name, data in raw.items()}
    stored = await store.stored_articles()
    counts = await store.counts()
    if stored == hashes:
        return IndexSummary(len(paths), 0, 0, counts["quotations"], counts["statements"], False, 0.0)

    to_extract = [p for p in paths if stored.get(p.name) != hashes[p.name]]
    kept = await store.quotations_of(name for name in hashes if stored.get(name) == hashes[name])
    extractor = extractor or Extractor(data_dir / "speakers.toml")
    articles: list[ArticleRecord] = []
    quotations: list[QuotationRecord] = list(kept)
    for number, path in enumerate(paths, start=1):
        source = sources.get(path.name)
        text = raw[path.name].decode("utf-8", errors="replace")
        if path in to_extract:
            result = extractor.extract(path.name, text, source.language if source else None)
            article = result.article
            quotations.extend(
                QuotationRecord(path.name, q.start, q.end, q.text, normalise(q.text), q.speaker, q.kind, q.cue)
                for q in result.quotations
            )
            title, language, outlet_in_text = article.title, article.language, article.outlet_in_text
        else:
            article = read_article(path.name, text)
            title, language, outlet_in_text = article.title, article.language, article.outlet_in_text
        articles.append(
            ArticleRecord(
                file=path.name,
                content_hash=hashes[path.name],
                title=title,
                outlet=(source.outlet if source and source.outlet else outlet_in_text),
                url=source.url if source else None,
                published=source.published if source else None,
                language=(source.language if source and source.language else language),
            )
        )
        if progress:
            progress(number, len(paths), path.name)

    published = {a.file: a.published for a in articles}
    items = [GroupItem(q.speaker, q.article_file, published.get(q.article_file), q.text) for q in quotations]
    statements = []
    for members in group_statements(items):
        canonical = max(members, key=lambda i: len(quotations[i].text))
        statements.append(StatementRecord(quotations[canonical].speaker, quotations[canonical].text, tuple(members)))
    await store.replace_index(articles, quotations, statements)
    return IndexSummary(
        articles=len(paths),
        extracted=len(to_extract),
        removed=len(set(stored) - set(hashes)),
        quotations=len(quotations),
        statements=len(statements),
        changed=True,
        seconds=round(time.perf_counter() - started, 3),
    )


@dataclass(frozen=True)
class Result:
    statement: StatementView
    match: Match
    best_variant: int  # quotation id of the variant that matched best

    @property
    def outlets(self) -> list[str]:
        seen: dict[str, None] = {}
        for variant in self.statement.variants:
            seen.setdefault(outlet_label(variant.outlet, variant.title), None)
        return list(seen)

    def as_json(self) -> dict[str, object]:
        return {
            "statement": self.statement.id,
            "speaker": self.statement.speaker,
            "text": self.statement.text,
            "score": self.match.score,
            "confident": self.match.confident,
            "outlets": self.outlets,
            "variants": [
                {
                    "article": v.article,
                    "outlet": v.outlet,
                    "url": v.url,
                    "published": v.published,
                    "quote": v.quote,
                }
                for v in self.statement.variants
            ],
        }


def outlet_label(outlet: str | None, title: str) -> str:
    """An outlet's name, or the article's title when the outlet is unknown (never invented)."""
    return outlet if outlet else f"unknown outlet ({title[:60]})"


@dataclass(frozen=True)
class Answer:
    query: str
    parsed: ParsedQuery
    results: list[Result] = field(default_factory=list)

    @property
    def confident(self) -> Result | None:
        return self.results[0] if self.results and self.results[0].match.confident else None

    def as_json(self) -> dict[str, object]:
        return {"query": self.query, "results": [r.as_json() for r in self.results]}


class Searcher:
    """Answers queries from a store; keeps the index's vocabulary while the index is unchanged."""

    def __init__(self, store: Store, registry: SpeakerRegistry) -> None:
        self.store = store
        self.registry = registry
        self._vocabulary: Vocabulary | None = None
        self._generation = -1

    @classmethod
    def for_data(cls, store: Store, data_dir: Path) -> Searcher:
        return cls(store, load_registry(data_dir / "speakers.toml"))

    async def vocabulary(self) -> Vocabulary:
        generation = await self.store.generation()
        if self._vocabulary is None or generation != self._generation:
            self._vocabulary = Vocabulary(await self.store.vocabulary())
            self._generation = generation
        return self._vocabulary

    async def ask(self, query: str, speaker: str | None = None, limit: int = 3) -> Answer:
        parsed = parse_query(query, self.registry)
        speaker = speaker or parsed.speaker
        speakers = [speaker] if speaker else [s.id for s in self.registry.principals]
        vocabulary = await self.vocabulary()
        best: dict[int, tuple[Match, int]] = {}
        for lookup in vocabulary.plan(parsed):
            for candidate in await self.store.candidates(lookup.expression, speakers, CANDIDATES, lookup.ranked):
                scored = score_quotation(parsed, candidate.norm)
                current = best.get(candidate.statement_id)
                if current is None or scored.score > current[0].score:
                    best[candidate.statement_id] = (scored, candidate.quotation_id)
            if any(m.confident for m, _ in best.values()):
                break
        if not best:
            return Answer(query, parsed)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0].score, item[0]))[:limit]
        views = await self.store.statements([statement_id for statement_id, _ in ranked])
        by_id = {view.id: view for view in views}
        results = [
            Result(by_id[statement_id], scored, quotation_id)
            for statement_id, (scored, quotation_id) in ranked
            if statement_id in by_id
        ]
        return Answer(query, parsed, results)
