"""Writer's sentences: split outside quotations only, so a quotation stays in one sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.article import Paragraph
from bot.core.marks import QuoteSpan

_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"»”’')\]])*(?=\s+(?:[«“\"A-ZÀ-Þ0-9\[(‹„‘]|'[A-ZÀ-Þ]))")
_CLOSING_MARKS = '"»”’'
# A "sentence" longer than this (a page with no full stop) is cut at a space outside quotations,
# so the work done around each quotation stays bounded.
MAX_SENTENCE_CHARS = 2000
# Abbreviations that stand before a number: "No. 10", « art. 49 », "vol. 3".
_NUMBER_ABBREVIATION = re.compile(r"\b(?:No|no|Nr|nr|Art|art|Vol|vol|Fig|fig|n)\.$")
_DIGIT_NEXT = re.compile(r"\s+\d")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bM|\bMme|\bMM|\bDr|\bSt|\bMr|\bMrs|\bMs|\bJr|\bav|\betc|\bp)\.$")


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph it starts in
    quotes: list[int] = field(default_factory=list)  # indices into the article's quotations


def split_sentences(text: str, paragraphs: list[Paragraph], spans: list[QuoteSpan]) -> list[Sentence]:
    """Sentences of the kept paragraphs; a quotation never straddles two of them."""
    protected = sorted((s.open_at, s.close_at + 1) for s in spans)
    starts = [a for a, _ in protected]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_left(starts, pos) - 1
        return i >= 0 and protected[i][0] < pos < protected[i][1]

    sentences: list[Sentence] = []
    current: Sentence | None = None
    for index, para in enumerate(paragraphs):
        if current is None:
            current = Sentence(para.start, para.end, index)
        for match in _BOUNDARY.finditer(text, para.start, para.end):
            cut = match.end()
            # a full stop inside the marks ends the sentence only with the quotation: « ... cela. » C'est ...
            ends_quote = text[cut - 1] in _CLOSING_MARKS and not inside_quote(cut)
            if (inside_quote(cut - 1) and not ends_quote) or _ABBREVIATION.search(text[max(para.start, cut - 5) : cut]):
                continue
            if _NUMBER_ABBREVIATION.search(text[max(para.start, cut - 5) : cut]) and _DIGIT_NEXT.match(text, cut):
                continue  # "No. 10 Downing Street", « art. 49 »
            current.end = cut
            sentences.append(current)
            nxt = cut
            while nxt < para.end and text[nxt].isspace():
                nxt += 1
            current = Sentence(nxt, para.end, index)
        current.end = para.end
        if not inside_quote(para.end):
            if current.start < current.end:
                sentences.append(current)
            current = None
    if current is not None and current.start < current.end:
        sentences.append(current)
    sentences = [piece for sentence in sentences for piece in _bounded(text, sentence, inside_quote)]
    sentence_starts = [sentence.start for sentence in sentences]
    for q_index, span in enumerate(spans):
        i = bisect.bisect_right(sentence_starts, span.open_at) - 1
        if i >= 0 and span.open_at < sentences[i].end:
            sentences[i].quotes.append(q_index)
    return sentences


def _bounded(text: str, sentence: Sentence, inside_quote: Callable[[int], bool]) -> list[Sentence]:
    """A sentence cut into pieces of at most MAX_SENTENCE_CHARS at spaces outside quotations."""
    if sentence.end - sentence.start <= MAX_SENTENCE_CHARS:
        return [sentence]
    pieces = []
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        while cut > start and inside_quote(cut):
            cut = text.rfind(" ", start + 1, cut)
        if cut <= start:
            break  # one quotation longer than the limit: keep it whole
        pieces.append(Sentence(start, cut, sentence.paragraph))
        start = cut + 1
    pieces.append(Sentence(start, sentence.end, sentence.paragraph))
    return pieces
