"""Grouping quotations into statements: the same words of the same speaker, wherever reported.

Quotations of one speaker form one statement when:
- their texts are the same or nearly (normalised `fuzz.ratio` >= 90), or
- one is a fragment inside the other (Kim's « devoir fraternel » in his whole sentence), or
- they are two translations of one sentence: different articles about the same event (dates
  known and at most three days apart) with a pair of sentences that share most of their
  content words (stems of five letters: "oublierons" and "oubliera" meet).
Different speakers never group; unknown speakers are not grouped at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from bot.core.registry import UNKNOWN
from bot.core.text import STOPWORDS, normalise, words

NEAR_IDENTICAL = 90
FRAGMENT = 95
EVENT_DAYS = 3
_STEM = 5
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class GroupItem:
    """What grouping needs to know of a quotation."""

    speaker: str
    article: str
    published: str | None  # "2025-09-03" or "2025-09"
    text: str


def content_stems(text: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in words(text) if w not in STOPWORDS and len(w) > 1)


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


def _sentences_share_words(a: str, b: str) -> bool:
    for sa in _SENTENCE_END.split(a):
        stems_a = content_stems(sa)
        if not stems_a:
            continue
        for sb in _SENTENCE_END.split(b):
            stems_b = content_stems(sb)
            shared = len(stems_a & stems_b)
            overlap = shared / max(1, min(len(stems_a), len(stems_b)))
            if (shared >= 2 and overlap >= 0.6) or (shared >= 3 and overlap >= 0.5):
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
    return a.article != b.article and same_event(a.published, b.published) and _sentences_share_words(a.text, b.text)


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
    for (i, j), count in shared.items():
        if count >= 2 and find(i) != find(j) and same_statement(items[i], items[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.speaker != UNKNOWN:
            groups[find(index)].append(index)
    return sorted(groups.values(), key=lambda g: g[0])
