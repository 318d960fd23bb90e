"""Search, the pure part: read a query, correct its typos, score a quotation against it.

The store supplies candidates (SQLite FTS5 over the same normalised words); here they are
re-ranked with rapidfuzz. A statement's score is its best variant's. Confidence needs most
of the query's words in the quotation, not just a high similarity: a far neighbour is
never offered as an answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.core.registry import SpeakerRegistry
from bot.core.text import STOPWORDS, normalise, words

_WORD = re.compile(r"\w+")
TYPO_SCORE = 80  # fuzz.ratio for a misspelt word to count as the word
MIN_TYPO_LENGTH = 4
CONFIDENT_COVERAGE = 0.75
CONFIDENT_SCORE = 70
FTS_TERMS = 6
AND_GROUPS = 3
RANK_LIMIT = 2000  # bm25 costs about a microsecond per matching quotation: rank only small sets


@dataclass(frozen=True)
class ParsedQuery:
    """A query as searched: its words without the speaker's name, and the speaker it names."""

    text: str  # normalised, the speaker's name taken out
    content: tuple[str, ...]  # the words that carry meaning
    speaker: str | None

    @property
    def empty(self) -> bool:
        return not self.content


def parse_query(query: str, registry: SpeakerRegistry) -> ParsedQuery:
    """Find a principal named in the query ("Kim ...", "Poutine ...") and the words to look for."""
    named = [m for m in registry.mentions(query) if m.speaker.principal]
    speakers = {m.speaker.id for m in named}
    speaker = speakers.pop() if len(speakers) == 1 else None
    rest = query
    if speaker is not None:
        for mention in sorted(named, key=lambda m: -m.start):
            rest = rest[: mention.start] + " " + rest[mention.end :]
    text = normalise(rest)
    content = tuple(dict.fromkeys(w for w in words(rest) if w not in STOPWORDS and len(w) > 1))
    return ParsedQuery(text, content, speaker)


@dataclass
class Vocabulary:
    """The index's words with their document counts, for typo correction and picking rare terms."""

    counts: dict[str, int]
    _by_length: dict[int, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_length = defaultdict(list)
        for term in self.counts:
            self._by_length[len(term)].append(term)

    def spellings(self, word: str, limit: int = 3) -> list[str]:
        """The word itself when indexed, else the closest indexed words (typos, missing letters)."""
        if word in self.counts:
            return [word]
        if len(word) < MIN_TYPO_LENGTH:
            return []
        pool = [t for n in range(len(word) - 2, len(word) + 3) for t in self._by_length.get(n, ())]
        found = process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=limit)
        return [term for term, _, _ in found]

    def plan(self, query: ParsedQuery) -> list[Lookup]:
        """FTS5 look-ups to try in turn, each with a bounded amount of work.

        Each query word stands for its known spellings ("alons" -> allons).
        0. The words as one phrase, when all are known: an exact fragment.
        1. Every word: all its hits contain every word, so they need no ranking; the first
           ones are taken and rapidfuzz orders them.
        2. The rarest words together, ranked by bm25 when few quotations can match.
        3. Any uncommon word, ranked (a misremembered word must not sink the answer).
        """
        spelled = [g for g in (self.spellings(word) for word in query.content) if g]
        # (spellings of one word, how many quotations hold any of them), rarest first
        groups = sorted(((g, sum(self.counts.get(t, 0) for t in g)) for g in spelled), key=lambda pair: pair[1])
        if not groups:
            return []

        def either(terms: list[str]) -> str:
            return "(" + " OR ".join(f'"{t}"' for t in terms) + ")"

        lookups = []
        sequence = words(query.text)
        if len(sequence) > 1 and all(w in self.counts for w in sequence):
            lookups.append(Lookup('"' + " ".join(sequence) + '"', ranked=False))  # the words as they stand
        rarest_count = groups[0][1]
        lookups.append(Lookup(" AND ".join(either(g) for g, _ in groups), ranked=rarest_count <= RANK_LIMIT))
        if len(groups) > AND_GROUPS:
            lookups.append(
                Lookup(" AND ".join(either(g) for g, _ in groups[:AND_GROUPS]), ranked=rarest_count <= RANK_LIMIT)
            )
        uncommon = [g for g, count in groups if count <= RANK_LIMIT]
        if len(groups) > 1 and uncommon:
            lookups.append(Lookup(" OR ".join(either(g) for g in uncommon[:FTS_TERMS]), ranked=True))
        return lookups


@dataclass(frozen=True)
class Lookup:
    """One FTS5 query; `ranked` when few enough quotations can match to order them by bm25."""

    expression: str
    ranked: bool


@dataclass(frozen=True)
class Match:
    score: int  # 0-100
    coverage: float  # share of the query's words found in the quotation

    @property
    def confident(self) -> bool:
        return self.coverage >= CONFIDENT_COVERAGE and self.score >= CONFIDENT_SCORE


def score_quotation(query: ParsedQuery, norm: str) -> Match:
    """How well a normalised quotation answers the query: words found (typos allowed) and closeness."""
    if query.empty:
        return Match(0, 0.0)
    quote_words = set(_WORD.findall(norm))  # already normalised
    found = 0
    for word in query.content:
        typo = len(word) >= MIN_TYPO_LENGTH and word not in quote_words
        if word in quote_words or (
            typo and process.extractOne(word, quote_words, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
        ):
            found += 1
    coverage = found / len(query.content)
    closeness = fuzz.partial_ratio(query.text, norm) if len(query.text) <= len(norm) else fuzz.ratio(query.text, norm)
    return Match(round(0.6 * coverage * 100 + 0.4 * closeness), coverage)
