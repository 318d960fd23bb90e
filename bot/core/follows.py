"""Follows and the statements they match: which statements an index build added, and who is owed them.

A statement is new when none of its quotations' folded texts was in the index before: a new outlet or
a new wording of a known statement joins a group that already holds a known text, so it is not news.
Judged by texts, never by ids, because a build regroups everything and ids may move.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.core.text import words

SPEAKER = "speaker"  # a follow of a speaker: its value is the speaker id
WORDS = "words"  # a follow of words: its value is the words as the index sees them (normalised)


@dataclass(frozen=True)
class Follow:
    kind: str  # SPEAKER | WORDS
    value: str


@dataclass(frozen=True)
class IndexedStatement:
    """A statement as follows see it: its speaker, the words of each of its quotations, and an identity
    that survives regrouping (the article file and folded text of its fullest quotation)."""

    speaker: str
    article: str
    norm: str
    norms: frozenset[str]  # every member quotation's folded text
    texts: tuple[str, ...]  # every member quotation's words


@dataclass(frozen=True)
class Owed:
    """One statement owed to one chat, and the follow that asked for it."""

    chat: int
    follow: Follow
    statement: IndexedStatement


def follow_words(phrase: str) -> str:
    """The words a follow looks for, folded as the index folds them ("Fierté  du PEUPLE" -> "fierte du peuple")."""
    return " ".join(words(phrase))


def matches(follow: Follow, statement: IndexedStatement) -> bool:
    """A speaker's follow matches that speaker's statements; a follow of words matches a statement one of
    whose quotations holds those words in that order, whole words, case and accents aside."""
    if follow.kind == SPEAKER:
        return statement.speaker == follow.value
    needle = f" {follow.value} "
    return bool(follow.value) and any(needle in f" {' '.join(words(text))} " for text in statement.texts)


def new_statements(known: Collection[str], statements: Iterable[IndexedStatement]) -> list[IndexedStatement]:
    """The statements none of whose quotations' folded texts were `known` before the build."""
    return [s for s in statements if not any(norm in known for norm in s.norms)]


def owed(follows: Sequence[tuple[int, Follow]], statements: Sequence[IndexedStatement]) -> list[Owed]:
    """Each (chat, statement) once, with the first of the chat's follows that matches it."""
    found: dict[tuple[int, str, str], Owed] = {}
    for statement in statements:
        for chat, follow in follows:
            key = (chat, statement.article, statement.norm)
            if key not in found and matches(follow, statement):
                found[key] = Owed(chat, follow, statement)
    return list(found.values())
