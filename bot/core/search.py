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
from bot.core.text import STEM, STOPWORDS, content_stems, normalise, words

_WORD = re.compile(r"\w+")
TYPO_SCORE = 80  # fuzz.ratio for a misspelt word to count as the word
MIN_TYPO_LENGTH = 4
CONFIDENT_COVERAGE = 0.75
CONFIDENT_SCORE = 70
PERFECT_SCORE = 100
FTS_TERMS = 6
AND_GROUPS = 3
RANK_LIMIT = 2000  # bm25 costs about a microsecond per matching quotation: rank only small sets
# NEAR decodes the positions of its words in every quotation holding them all (about 0.1 µs each,
# and a query whose words are not in place finds none): only when the rarest is in so many at most
NEAR_LIMIT = 20_000
# Search by meaning (see `rank_statements`); cosines of the multilingual sentence model.
SUPPORT_WEIGHT = 0.15
MAX_READING = 500  # characters the sentence model reads of a query: a remembered sentence, not a page
WORDS_FOUND = 0.5  # share of the query's words in the best text match: keywords, not another language
MEANING_WITH_WORDS = 0.55
MIN_SUPPORT = 0.2
MEANING_MARGIN = 0.05
MEANING_ALONE = 0.6
MEANING_ALONE_MARGIN = 0.15


@dataclass(frozen=True)
class ParsedQuery:
    """A query as searched: its words without the speaker's name, and the speaker it names."""

    text: str  # normalised, the speaker's name taken out
    content: tuple[str, ...]  # the words that carry meaning
    speaker: str | None
    readings: tuple[str, ...] = ()  # as typed, for the sentence model (see `parse_query`)
    names: frozenset[str] = frozenset()  # the words of the principals' names it holds

    @property
    def empty(self) -> bool:
        return not self.content


def parse_query(query: str, registry: SpeakerRegistry, *, names_filter: bool = True) -> ParsedQuery:
    """Find a principal named in the query ("Kim ...", "Poutine ...") and the words to look for.

    With one principal named, the name says who spoke and is not searched for (unless
    `names_filter` is off: then the name is words of the quotation, "le camarade Kim est ..."). With both
    ("Poutine espère recevoir Kim"), nobody is chosen; the sentence model reads the query
    twice, with the names and without (who talks to whom may or may not be in the quotation),
    and the closer reading counts.
    """
    named = sorted((m for m in registry.mentions(query) if m.speaker.principal), key=lambda m: -m.start)
    speakers = {m.speaker.id for m in named}
    speaker = speakers.pop() if len(speakers) == 1 and names_filter else None
    without_names = query
    for mention in named:
        without_names = without_names[: mention.start] + " " + without_names[mention.end :]
    rest = without_names if speaker is not None else query
    text = normalise(rest)
    content = tuple(dict.fromkeys(w for w in words(rest) if w not in STOPWORDS and len(w) > 1))
    names = frozenset(w for m in named for w in words(query[m.start : m.end]))
    readings = tuple(dict.fromkeys(" ".join(r.split())[:MAX_READING] for r in (rest, without_names) if r.strip()))
    return ParsedQuery(text, content, speaker, readings, names)


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
        1. Every word: all its hits contain every word, so they need no ranking; the first
           ones are taken and rapidfuzz orders them. When they fill a page without a perfect match,
           the words where they stand follow (`when_full`, see `_as_they_stand`): the exact
           fragment may lie past that page.
        2. The rarest words together; a full page in bm25 order when few quotations can match.
        3. Any uncommon word, a full page in bm25 order (a misremembered word must not sink the answer).
        """
        spelled = [g for g in (self.spellings(word) for word in query.content) if g]
        # (spellings of one word, how many quotations hold any of them), rarest first
        groups = sorted(((g, sum(self.counts.get(t, 0) for t in g)) for g in spelled), key=lambda pair: pair[1])
        if not groups:
            return []

        def either(terms: list[str]) -> str:
            return "(" + " OR ".join(f'"{t}"' for t in terms) + ")"

        sequence = words(query.text)
        in_place = None
        if len(sequence) > 1 and all(w in self.counts for w in sequence) and groups[0][1] <= NEAR_LIMIT:
            in_place = _as_they_stand(sequence, query.content)
        few = groups[0][1] <= RANK_LIMIT  # the rarest word bounds what an AND of it can match
        lookups = [Lookup(" AND ".join(either(g) for g, _ in groups), ranked=few, when_full=in_place)]
        if len(groups) > AND_GROUPS:
            lookups.append(Lookup(" AND ".join(either(g) for g, _ in groups[:AND_GROUPS]), ranked=few))
        uncommon = [g for g, count in groups if count <= RANK_LIMIT]
        if len(groups) > 1 and uncommon:
            lookups.append(Lookup(" OR ".join(either(g) for g in uncommon[:FTS_TERMS]), ranked=True))
        return lookups


def _as_they_stand(sequence: list[str], content: tuple[str, ...]) -> Lookup | None:
    """The query's words that carry meaning within the span they have in it (FTS5 NEAR, any order).
    That reads only their positions: a phrase would also read those of its common words (« les »,
    « la »), which have one in most quotations. None for fewer than two such words."""
    at = [n for n, word in enumerate(sequence) if word in content]
    if len(at) < 2:
        return None
    between = at[-1] - at[0] - 1  # NEAR's distance: the tokens between the first and the last
    return Lookup("NEAR(" + " ".join(f'"{sequence[n]}"' for n in at) + f", {between})", ranked=False)


@dataclass(frozen=True)
class Lookup:
    """One FTS5 query. When its hits fill a page: `ranked`, take the page in bm25 order (only when
    few enough quotations can match); `when_full`, add a narrower look-up's hits (they may lie past it)
    unless the page already holds a perfect match."""

    expression: str
    ranked: bool
    when_full: Lookup | None = None


@dataclass(frozen=True)
class Match:
    score: int  # 0-100
    coverage: float  # share of the query's words found in the quotation

    @property
    def perfect(self) -> bool:
        """Every word, as it stands: no other quotation can answer better."""
        return self.score == PERFECT_SCORE

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


def cognate_support(query: ParsedQuery, norm: str) -> float:
    """Share of the query's words found in the quotation, counting a shared beginning (`STEM` letters)
    ("russia" and "russie", "fraternal" and "fraternel"): the words' own vote on a meaning match."""
    content = [w for w in query.content if w not in query.names]
    if not content:
        return 0.0
    stems = content_stems(norm)
    return sum(1 for word in content if word[:STEM] in stems) / len(content)


@dataclass(frozen=True)
class Evidence:
    """What is known of how one statement answers a query."""

    words: Match  # the text match of its best variant
    meaning: float | None = None  # its best cosine with the query; None when search by meaning is off
    support: float = 0.0  # `cognate_support` of its best variant
    articles: frozenset[str] | None = None  # where its variants are, when known
    found_by_words: bool = True  # among the text search's candidates (not only the meaning's)

    @property
    def closeness(self) -> float:
        """How close in meaning, the shared words helping."""
        return (self.meaning or 0.0) + SUPPORT_WEIGHT * self.support

    @property
    def score_by_meaning(self) -> int:
        return round(100 * min(1.0, max(0.0, self.closeness)))


@dataclass(frozen=True)
class Verdict:
    score: int  # 0-100, shown to users
    confident: bool
    by_meaning: bool  # found by meaning rather than by the words


def rank_statements(evidence: dict[int, Evidence]) -> list[tuple[int, Verdict]]:
    """Order statements for a query and say which answer is confident.

    Statements whose words answer (a confident text match) come first, as without search by
    meaning: an exact fragment or the right keywords are never outranked by a paraphrase.
    Otherwise the statement closest in meaning (helped by shared words) is a confident answer
    only when signals agree: close in meaning and sharing words, or very close in meaning; and
    in both cases clearly ahead of the next statement. A cosine alone does not separate true
    answers from queries nobody answered. The rest follow in the text order when the query's
    words were found (half-remembered keywords), in the order of meaning when they were not
    (another language).
    """
    if all(e.meaning is None for e in evidence.values()):  # search by meaning off: the text order, as it was
        ordered = sorted(evidence.items(), key=lambda item: (-item[1].words.score, item[0]))
        return [(sid, Verdict(e.words.score, e.words.confident, False)) for sid, e in ordered]
    answered = {sid for sid, e in evidence.items() if e.words.confident and e.found_by_words}
    by_words = sorted(
        ((sid, evidence[sid]) for sid in answered),
        key=lambda item: (-item[1].words.score, item[0]),  # exactly the order without search by meaning
    )
    rest = [(sid, e) for sid, e in evidence.items() if sid not in answered]
    by_text = sorted(rest, key=lambda item: (-item[1].words.score, item[0]))
    by_sense = sorted((i for i in rest if i[1].meaning is not None), key=lambda item: (-item[1].closeness, item[0]))
    ranked = [(sid, Verdict(e.words.score, True, False)) for sid, e in by_words]
    chosen: int | None = None  # a confident answer by meaning
    if by_sense and not by_words:
        sid, top = by_sense[0]
        assert top.meaning is not None
        if meaning_confident(top.meaning, top.support, top.meaning - _runner_up(top, [e for _, e in by_sense[1:]])):
            chosen = sid
            ranked.append((sid, Verdict(top.score_by_meaning, True, True)))
    words_found = max((e.words.coverage for _, e in rest), default=0.0) >= WORDS_FOUND
    order = by_text if words_found else by_sense + [item for item in by_text if item[1].meaning is None]
    for sid, e in order:
        if sid != chosen:
            by_meaning = e.meaning is not None and not words_found
            ranked.append((sid, Verdict(e.score_by_meaning if by_meaning else e.words.score, False, by_meaning)))
    return ranked


def _runner_up(top: Evidence, others: list[Evidence]) -> float:
    """The best cosine of another statement that competes with the top one. Statements found only
    in the top one's articles do not compete: they are other fragments of the same passage (« un
    symbole du courage » contre « le colonialisme japonais »)."""
    competing = [
        o.meaning
        for o in others
        if o.meaning is not None and (o.articles is None or top.articles is None or not o.articles <= top.articles)
    ]
    return max(competing, default=0.0)


def meaning_confident(cosine: float, support: float, margin: float) -> bool:
    """Close in meaning with words in common, or very close; ahead of the next statement either way."""
    with_words = cosine >= MEANING_WITH_WORDS and support >= MIN_SUPPORT and margin >= MEANING_MARGIN
    alone = cosine >= MEANING_ALONE and margin >= MEANING_ALONE_MARGIN
    return with_words or alone
