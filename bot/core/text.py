"""Text folding shared by matching, indexing, searching and scoring.

`fold_chars` keeps the length of the text (one character in, one out) so that
regular expressions run on the folded copy give offsets into the original.
`normalise` is the one normalisation used wherever two texts are compared.
"""

from __future__ import annotations

import re
import unicodedata

QUOTE_MARKS = '«»“”„‟‹›"〝〞＂'
APOSTROPHES = "’‘`´ʼ′"
_SPACE_RE = re.compile(r"\s+")
_OUTER_PUNCT = " \t\n.,;:!?…'\"()[]{}-–—/"


def _fold_char(char: str) -> str:
    if char in QUOTE_MARKS:
        return '"'
    if char in APOSTROPHES:
        return "'"
    if char in "‐‑‒–—":
        return "-"
    if char.isspace():
        return " "
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.casefold()
    return lowered[:1] if lowered else base


class _FoldTable(dict):
    """A `str.translate` table that fills itself: each code point is folded once."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_chars(text: str) -> str:
    """Casefold and strip accents character by character, keeping every offset."""
    return text.translate(_FOLD_TABLE)


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and quote marks; collapse spaces; strip outer punctuation."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    folded = fold_chars(text).replace('"', " ")
    return _SPACE_RE.sub(" ", folded).strip(_OUTER_PUNCT)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# Words too common to say what a quotation is about (French and English).
STOPWORDS = frozenset(
    """le la les l de des du d un une et a au aux en dans pour par sur que qu qui ce c cette ces se s
    nous vous je j il elle ils elles on ne n pas est sont ont avec leur leurs nos vos notre votre son sa
    ses mon ma mes y ou mais donc the a an of to in and for on with that this is are was were be we you
    i he she it they our your their his her its not will would has have had as at by from""".split()
)


def words(text: str) -> list[str]:
    """The words of a text as the index sees them: normalised, split at anything not a letter or digit."""
    return re.findall(r"\w+", normalise(text))


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
STEM = 5  # letters that stand for a word across its forms and languages ("oublierons"/"oubliera", "russia"/"russie")


def plain_sentences(text: str) -> list[str]:
    """A quotation's sentences, cut after . ! ? … (no quotation marks inside, unlike an article)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def content_stems(text: str) -> frozenset[str]:
    """The beginnings (STEM letters) of the words that carry meaning."""
    return frozenset(w[:STEM] for w in words(text) if w not in STOPWORDS and len(w) > 1)
