"""Articles in, attributed quotations out: the one entry point of the quote engine."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.article import Article, read_article
from bot.core.attribution import attribute
from bot.core.marks import find_quotations
from bot.core.registry import SpeakerRegistry, load_registry
from bot.core.sentences import split_sentences

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Quotation:
    """One quotation as it stands in one article.

    `text` is the speech: the words between the marks, with an incise
    ("a-t-il dit") taken out and reopened paragraphs joined by a newline;
    `start`/`end` are offsets of the words between the marks in the article text.
    """

    article: str
    text: str
    speaker: str  # a registry id ("putin", "kim"), "other:<name>" or "unknown"
    kind: str  # full | partial | scare
    start: int
    end: int
    cue: str | None

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["quote"] = data.pop("text")
        return {k: data[k] for k in ("article", "quote", "speaker", "kind", "start", "end", "cue")}


@dataclass
class ExtractedArticle:
    article: Article
    quotations: list[Quotation]


class Extractor:
    """Finds and attributes quotations; holds the registry and the spaCy model."""

    def __init__(self, speakers_path: Path | None = None, *, use_parser: bool = True) -> None:
        if speakers_path is None:
            from bot.config import default_data_dir, speakers_file

            speakers_path = speakers_file(default_data_dir())
        self.registry: SpeakerRegistry = load_registry(speakers_path)
        self._speakers_path = str(speakers_path)
        self._use_parser = use_parser
        self.parser("fr")  # loaded at start: most articles are French

    @property
    def speakers_path(self) -> Path:
        """What another process needs, with `use_parser`, to build the same extractor (index --workers)."""
        return Path(self._speakers_path)

    @property
    def use_parser(self) -> bool:
        return self._use_parser

    def parser(self, language: str) -> Language | None:
        """The spaCy pipeline for a language, or None (no parser wanted, or none installed for it)."""
        from bot.core.nlp import load_nlp  # here, not at the top: a question that extracts nothing skips spaCy

        return load_nlp(self._speakers_path, language) if self._use_parser else None

    def extract(
        self, name: str, text: str, language: str | None = None, published: str | None = None
    ) -> ExtractedArticle:
        """Quotations of one article; `published` ("2024-06-19" or "2024-06") dates the registry's roles."""
        article = read_article(name, text)
        if language:
            article.language = language
        spans = find_quotations(text, article.paragraphs)
        sentences = split_sentences(text, article.paragraphs, spans)
        nlp = self.parser(article.language)
        results = attribute(article, spans, sentences, self.registry, nlp, publication_date(published))
        quotations = []
        seen: set[tuple[str, str]] = set()
        for index, span in enumerate(spans):
            result = results[index]
            words = span.text(text)
            if result.cut is not None:
                cut_start, cut_end = result.cut
                first_start, first_end = span.pieces[0]
                rest = text[cut_end:first_end].lstrip()
                glue = "" if rest[:1] in ".!?" else " "
                words = f"{text[first_start:cut_start].rstrip()}{glue}{rest}".strip()
                words = "\n".join([words, *(text[s:e] for s, e in span.pieces[1:])])
            key = (" ".join(words.split()), result.speaker)
            if key in seen:
                continue  # the same words of the same speaker again (a repeated headline or block): one quotation
            seen.add(key)
            quotations.append(Quotation(name, words, result.speaker, result.kind, span.start, span.end, result.cue))
        return ExtractedArticle(article, quotations)

    def extract_file(self, path: Path, language: str | None = None, published: str | None = None) -> ExtractedArticle:
        return self.extract(path.name, read_text(path), language, published)


def publication_date(published: str | None) -> date | None:
    """A sources.toml date ("2024-06-19", or "2024-06" for the month's first day) as a date."""
    if not published:
        return None
    try:
        return date.fromisoformat(published if len(published) > 7 else f"{published}-01")
    except ValueError:
        return None


def read_text(path: Path) -> str:
    """Article files are UTF-8; undecodable bytes become U+FFFD rather than an error."""
    return path.read_bytes().decode("utf-8", errors="replace")
