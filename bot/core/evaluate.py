"""Scoring extraction against a gold file, by the rule of `shared/gold/README.md`.

Texts match when, normalised, rapidfuzz `fuzz.ratio` >= 90 in the same article; a quotation
reopened over several paragraphs is matched paragraph by paragraph when the gold splits it so.
Scored gold quotes are the principals' (the registry's [[speaker]] ids). Recall: scored gold found with the right
speaker. Precision: predictions credited to a principal that match a scored gold quote
of that speaker, over all such predictions (those matching an `ambiguous` gold quote
left out). A gold quote counts once per article. A false attribution is a prediction
credited to a principal that matches gold of a non-principal, of nobody, or no gold at all; a swap
is one credited to a principal that matches another principal's gold.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from bot.core.extract import Extractor, Quotation, read_text
from bot.core.sources import SourceInfo
from bot.core.text import normalise

MATCH_THRESHOLD = 90


@dataclass(frozen=True)
class GoldQuote:
    article: str
    quote: str
    speaker: str
    kind: str


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    scored_gold: int = 0
    found: int = 0
    false_attributions: list[str] = field(default_factory=list)
    swaps: list[str] = field(default_factory=list)  # one principal's words credited to another
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.scored_gold if self.scored_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, object]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "false_attributions": len(self.false_attributions),
            "swaps": len(self.swaps),
            "scored_gold": self.scored_gold,
            "predicted_principal": self.predicted,
        }


def load_gold(path: Path) -> list[GoldQuote]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [GoldQuote(e["article"], e["quote"], e["speaker"], e.get("kind", "")) for e in entries]


def _matches(predicted: str, gold: str) -> bool:
    return fuzz.ratio(normalise(predicted), normalise(gold)) >= MATCH_THRESHOLD


def _variants(quotation: Quotation, texts: dict[str, str]) -> list[str]:
    """The speech, and the whole text between the marks when an incise was taken out."""
    whole = texts.get(quotation.article, "")[quotation.start : quotation.end]
    return [quotation.text] + ([whole] if whole and whole != quotation.text else [])


def _by_paragraph(predictions: list[Quotation], gold: list[GoldQuote]) -> list[Quotation]:
    """A quotation running over paragraphs (reopened at each) is scored paragraph by paragraph when the
    gold gives one entry per paragraph, or none for the whole (a short first paragraph leaves the whole close
    to the gold entry of the second)."""
    expanded: list[Quotation] = []
    for prediction in predictions:
        pieces = prediction.text.split("\n")
        own = [g.quote for g in gold if g.article == prediction.article]
        each_in_gold = all(any(_matches(piece, quote) for quote in own) for piece in pieces)
        whole_in_gold = any(_matches(prediction.text, quote) for quote in own)
        if len(pieces) == 1 or (whole_in_gold and not each_in_gold):
            expanded.append(prediction)
        else:
            expanded.extend(replace(prediction, text=piece) for piece in pieces)
    return expanded


def score(
    predictions: list[Quotation],
    gold: list[GoldQuote],
    principals: Collection[str],
    texts: dict[str, str] | None = None,
) -> Score:
    """Score predictions against gold for the `principals` (speaker ids).

    `texts` (article name -> text) lets an incise-free quote match either way.
    """
    texts = texts or {}
    result = Score()
    articles = {g.article for g in gold}
    scored = [g for g in gold if g.speaker in principals]
    result.scored_gold = len(scored)
    used: set[int] = set()
    for prediction in _by_paragraph(predictions, gold):
        if prediction.article not in articles or prediction.speaker not in principals:
            continue
        variants = _variants(prediction, texts)
        candidates = [
            (i, g)
            for i, g in enumerate(gold)
            if g.article == prediction.article and any(_matches(v, g.quote) for v in variants)
        ]
        if any(g.speaker == "ambiguous" for _, g in candidates) and not any(
            g.speaker == prediction.speaker for _, g in candidates
        ):
            continue
        right = [(i, g) for i, g in candidates if g.speaker == prediction.speaker and i not in used]
        result.predicted += 1
        label = f"{prediction.article}: {prediction.speaker} « {prediction.text[:90]} »"
        if right:
            used.add(right[0][0])
            result.true_positives += 1
        else:
            # Someone else's words, nobody's, or words that are in no gold quote at all.
            said_by = candidates[0][1].speaker if candidates else "no such quote"
            if any(g.speaker == prediction.speaker for _, g in candidates):
                result.false_attributions.append(f"{label} (the same gold quote twice)")
            elif said_by in principals:
                result.swaps.append(f"{label} (gold: {said_by})")
            else:
                result.false_attributions.append(f"{label} (gold: {said_by})")
    for index, g in enumerate(gold):
        if g.speaker not in principals:
            continue
        if index in used:
            result.found += 1
        else:
            result.misses.append(f"{g.article}: {g.speaker} « {g.quote[:90]} »")
    return result


def evaluate_articles(
    extractor: Extractor,
    gold: list[GoldQuote],
    articles_dir: Path,
    sources: dict[str, SourceInfo] | None = None,
) -> Score:
    """Extract every article the gold names (with its language and date when known) and score it.

    Raises FileNotFoundError naming the first gold article missing from `articles_dir`.
    """
    sources = sources or {}
    texts: dict[str, str] = {}
    predictions: list[Quotation] = []
    for name in sorted({g.article for g in gold}):
        path = articles_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} is in the gold file but not in {articles_dir}")
        texts[name] = read_text(path)
        source = sources.get(name)
        language, published = (source.language, source.published) if source else (None, None)
        predictions.extend(extractor.extract(name, texts[name], language, published).quotations)
    principals = {s.id for s in extractor.registry.principals}
    return score(predictions, gold, principals, texts)


def query_answer_is_right(case: dict, speaker: str | None, variants: list[tuple[str, str]], confident: bool) -> bool:
    """The rule of `seed_queries.json` for one answer.

    `speaker` and `variants` ((article, quote) pairs) describe the top statement, or are
    None/[] when there is no result; `confident` is the answer's own flag.
    """
    expected = case["expected"]
    if expected is None:
        return not confident
    if not confident or speaker != expected["speaker"]:
        return False
    if not any(a == expected["article"] and q.startswith(expected["quote_prefix"]) for a, q in variants):
        return False
    articles = {a for a, _ in variants}
    return set(case["outlets_required"]) <= articles and not set(case["outlets_forbidden"]) & articles
