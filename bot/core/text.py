"""Text folding shared by matching, indexing, searching and scoring.

`fold_chars` keeps the length of the text (one character in, one out) so that
regular expressions run on the folded copy give offsets into the original.
`normalise` is the one normalisation used wherever two texts are compared.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

QUOTE_MARKS = "«»“”„‟‹›\"〝〞＂"
APOSTROPHES = "’‘`´ʼ′"
_SPACE_RE = re.compile(r"\s+")
_OUTER_PUNCT = " \t\n.,;:!?…'\"()[]{}-–—/"


@lru_cache(maxsize=4096)
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


def fold_chars(text: str) -> str:
    """Casefold and strip accents character by character, keeping every offset."""
    return "".join(_fold_char(c) for c in text)


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and quote marks; collapse spaces; strip outer punctuation."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    folded = fold_chars(text).replace('"', " ")
    return _SPACE_RE.sub(" ", folded).strip(_OUTER_PUNCT)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
