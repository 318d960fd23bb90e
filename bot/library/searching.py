"""Answering a query: candidates from the store, scored by `bot.core.search`, grouped by statement."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.registry import SpeakerRegistry, load_registry
from bot.core.search import Match, ParsedQuery, Vocabulary, parse_query, score_quotation
from bot.store.store import StatementView, Store

CANDIDATES = 100


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

    VOCABULARY_CHECK_SECONDS = 2.0

    def __init__(self, store: Store, registry: SpeakerRegistry) -> None:
        self.store = store
        self.registry = registry
        self._vocabulary: Vocabulary | None = None
        self._generation = -1
        self._checked_at = 0.0

    @classmethod
    def for_data(cls, store: Store, data_dir: Path) -> Searcher:
        return cls(store, load_registry(data_dir / "speakers.toml"))

    async def vocabulary(self) -> Vocabulary:
        """The index's words, re-read when the index changed (checked every couple of seconds)."""
        now = time.monotonic()
        if self._vocabulary is not None and now - self._checked_at < self.VOCABULARY_CHECK_SECONDS:
            return self._vocabulary
        self._checked_at = now
        generation = await self.store.generation()
        if self._vocabulary is None or generation != self._generation:
            self._vocabulary = Vocabulary(await self.store.vocabulary())
            self._generation = generation
        return self._vocabulary

    def forget_vocabulary(self) -> None:
        """After this process changed the index: read the words again on the next query."""
        self._vocabulary = None

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
