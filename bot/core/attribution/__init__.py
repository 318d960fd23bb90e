"""Attributing each quotation: who said it, by which cue, and what kind of quotation it is.

`attribute` applies the rules of `rules.py` in their declared order to each quotation of an
article (the first rule that decides wins), then the article-wide rules. When in doubt the
answer is `unknown`: a subject naming two people, a plural pronoun, a pronoun whose way back
passes another registry person, a parse that disagrees with the linear reading.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.core.article import Article
from bot.core.attribution.context import ArticleContext, Attribution, Quote
from bot.core.attribution.rules import ARTICLE_RULES, QUOTE_RULES, SCARE_QUOTE_WORDS, Verdict
from bot.core.marks import QuoteSpan
from bot.core.registry import UNKNOWN, SpeakerRegistry
from bot.core.sentences import Sentence
from bot.core.text import word_count

if TYPE_CHECKING:  # spaCy is imported where a parser is loaded: a question never pays for it
    from spacy.language import Language


__all__ = ["Attribution", "attribute"]


def attribute(
    article: Article,
    spans: list[QuoteSpan],
    sentences: list[Sentence],
    registry: SpeakerRegistry,
    nlp: Language | None,
    published: date | None = None,
) -> dict[int, Attribution]:
    """An attribution for every quotation of the article, by index into `spans`."""
    ctx = ArticleContext(article, spans, sentences, registry, nlp, published)
    for quote in ctx.quotes():
        ctx.decided[quote.index] = _decide(ctx, quote)
    for rule in ARTICLE_RULES:
        rule(ctx)
    return ctx.decided


def _decide(ctx: ArticleContext, quote: Quote) -> Attribution:
    verdict = next((v for v in (rule(ctx, quote) for rule in QUOTE_RULES) if v is not None), None)
    if verdict is None:
        verdict = Verdict(UNKNOWN, None)
    speaker = ctx.relay(verdict.speaker, quote.sentence, quote.sentence.start)  # "KCNA quoted Kim as saying"
    return Attribution(speaker, verdict.kind or kind_of(ctx, quote, speaker), verdict.cue, verdict.cut)


def kind_of(ctx: ArticleContext, quote: Quote, speaker: str) -> str:
    """full: speech opening its sentence or after a colon; scare: a few words nobody says; else partial."""
    span, sentence = quote.span, quote.sentence
    before = ctx.masked[sentence.start : span.open_at].strip()
    quote_text = span.text(ctx.text)
    if (before == "" and quote_text[:1].isupper()) or before.endswith(":"):
        return "full"
    return "scare" if speaker == UNKNOWN and word_count(quote_text) <= SCARE_QUOTE_WORDS else "partial"
