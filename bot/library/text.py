"""Text as people read it: on one line, cut at a word rather than inside one."""

from __future__ import annotations

ELLIPSIS = "…"
WORD_CUT_SHARE = 0.6  # a cut goes back to the last space only if that keeps this much of the room


def shorten(value: str, limit: int) -> str:
    """`value` on one line, at most `limit` characters, cut after a whole word and marked with an ellipsis."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: max(0, limit - 1)]
    space = cut.rfind(" ")
    if value[len(cut)] != " " and space >= limit * WORD_CUT_SHARE:  # the cut falls inside a word
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS
