"""Grouping quotations into statements: the same words of the same speaker, wherever reported.

Quotations of one speaker form one statement when:
- their texts are the same or nearly (normalised `fuzz.ratio` >= 90), or
- one is a fragment inside the other (Kim's « devoir fraternel » in his whole sentence), or
- they are two translations of one sentence: different articles about the same event (dates
  known and at most three days apart) with a pair of sentences that share most of their
  content words (stems of five letters: "oublierons" and "oubliera" meet), or, when the
  sentence vectors of search by meaning are given, a pair of sentences that a multilingual
  model finds nearly the same (a French and an English report of one statement).
Different speakers never group; unknown speakers are not grouped at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from rapidfuzz import fuzz

from bot.core.registry import UNKNOWN
from bot.core.text import content_stems, normalise, plain_sentences

NEAR_IDENTICAL = 90
FRAGMENT = 95
EVENT_DAYS = 3
TRANSLATION_COSINE = 0.7  # two sentences a multilingual model finds this close say the same thing
RELATED_COSINE = 0.45  # close enough in meaning to settle a borderline overlap of words


@dataclass(frozen=True)
class GroupItem:
    """What grouping needs to know of a quotation."""

    speaker: str
    article: str
    published: str | None  # "2025-09-03" or "2025-09"
    text: str
    pieces: np.ndarray | None = field(default=None, compare=False, repr=False)  # unit sentence vectors


def _date_range(published: str | None) -> tuple[date, date] | None:
    if not published:
        return None
    try:
        parts = [int(p) for p in published.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        first = date(parts[0], parts[1], 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return first, last
    except (ValueError, TypeError, IndexError):
        return None


def same_event(a: str | None, b: str | None) -> bool:
    """Both dates known and at most EVENT_DAYS apart (a year-month covers its whole month)."""
    ra, rb = _date_range(a), _date_range(b)
    if ra is None or rb is None:
        return False
    gap = max(ra[0], rb[0]) - min(ra[1], rb[1])
    return gap <= timedelta(days=EVENT_DAYS)


def _sentences_share_words(a: str, b: str, loose: bool = False) -> bool:
    for sa in plain_sentences(a):
        stems_a = content_stems(sa)
        if not stems_a:
            continue
        for sb in plain_sentences(b):
            stems_b = content_stems(sb)
            shared = len(stems_a & stems_b)
            overlap = shared / max(1, min(len(stems_a), len(stems_b)))
            if (shared >= 2 and overlap >= (0.5 if loose else 0.6)) or (shared >= 3 and overlap >= 0.5):
                return True
    return False


def _is_fragment(short: str, long: str) -> bool:
    return len(content_stems(short)) >= 2 and fuzz.partial_ratio(short, long) >= FRAGMENT


def same_statement(a: GroupItem, b: GroupItem) -> bool:
    """Whether two quotations of one speaker report the same words."""
    if a.speaker != b.speaker or UNKNOWN in (a.speaker, b.speaker):
        return False
    na, nb = normalise(a.text), normalise(b.text)
    if fuzz.ratio(na, nb) >= NEAR_IDENTICAL:
        return True
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    if _is_fragment(short, long):
        return True
    if a.article == b.article or not same_event(a.published, b.published):
        return False
    if _sentences_share_words(a.text, b.text):
        return True
    closest = _closest_pieces(a, b)
    return closest >= TRANSLATION_COSINE or (
        closest >= RELATED_COSINE and _sentences_share_words(a.text, b.text, loose=True)
    )


def _closest_pieces(a: GroupItem, b: GroupItem) -> float:
    """The best cosine between a piece of one and a piece of the other; 0 without vectors."""
    if a.pieces is None or b.pieces is None or not len(a.pieces) or not len(b.pieces):
        return 0.0
    return float((a.pieces @ b.pieces.T).max())


def _same_event_pairs(items: Sequence[GroupItem]) -> list[tuple[int, int]]:
    """Pairs of one speaker's embedded quotations in different articles of the same event: the
    candidates for the meaning rule, which shares no words across languages."""
    dated: dict[str, list[tuple[date, date, int]]] = defaultdict(list)
    for index, item in enumerate(items):
        span = _date_range(item.published)
        if item.pieces is not None and item.speaker != UNKNOWN and span is not None:
            dated[item.speaker].append((*span, index))
    pairs = []
    window = timedelta(days=EVENT_DAYS)
    for entries in dated.values():
        entries.sort()
        for x, (_, last, i) in enumerate(entries):
            for first, _, j in entries[x + 1 :]:
                if first - last > window:  # sorted by first day: every later one is further still
                    break
                if items[i].article != items[j].article:
                    pairs.append((i, j))
    return pairs


def group_statements(items: Sequence[GroupItem]) -> list[list[int]]:
    """Indices of `items` grouped into statements (unknown speakers left out), in text order."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidate pairs share at least two content stems (every rule above implies it).
    by_stem: dict[tuple[str, str], list[int]] = defaultdict(list)
    stems = [content_stems(item.text) for item in items]
    for index, item in enumerate(items):
        if item.speaker == UNKNOWN:
            continue
        for stem in stems[index]:
            by_stem[(item.speaker, stem)].append(index)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_stem.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    candidates = [pair for pair, count in shared.items() if count >= 2] + _same_event_pairs(items)
    for i, j in candidates:
        if find(i) != find(j) and same_statement(items[i], items[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.speaker != UNKNOWN:
            groups[find(index)].append(index)
    return sorted(groups.values(), key=lambda g: g[0])
