"""Writer's sentences: split outside quotations only, so a quotation stays in one sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.article import Paragraph
from bot.core.marks import QuoteSpan

_BOUNDARY = re.compile(r"[.!?…]+[\"»”’)\]]*(?=\s+[«“\"A-ZÀ-Þ0-9\[(‹„])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bM|\bMme|\bMM|\bDr|\bSt|\bMr|\bMrs|\bMs|\bJr|\bav|\betc|\bp)\.$")


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph it starts in
    quotes: list[int] = field(default_factory=list)  # indices into the article's quotations


def split_sentences(text: str, paragraphs: list[Paragraph], spans: list[QuoteSpan]) -> list[Sentence]:
    """Sentences of the kept paragraphs; a quotation never straddles two of them."""
    protected = [(s.open_at, s.close_at + 1) for s in spans]

    def inside_quote(pos: int) -> bool:
        return any(a < pos < b for a, b in protected)

    sentences: list[Sentence] = []
    current: Sentence | None = None
    for index, para in enumerate(paragraphs):
        if current is None:
            current = Sentence(para.start, para.end, index)
        for match in _BOUNDARY.finditer(text, para.start, para.end):
            cut = match.end()
            if inside_quote(cut - 1) or _ABBREVIATION.search(text[max(para.start, cut - 5) : cut]):
                continue
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
    for q_index, span in enumerate(spans):
        for sentence in sentences:
            if sentence.start <= span.open_at < sentence.end:
                sentence.quotes.append(q_index)
                break
    return sentences
