"""Scoring extraction against a gold file, by the rule of `shared/gold/README.md`.

Texts match when, normalised, rapidfuzz `fuzz.ratio` >= 90 in the same article.
Scored gold quotes are Putin's and Kim's. Recall: scored gold found with the right
speaker. Precision: predictions credited to a principal that match a scored gold quote
of that speaker, over all such predictions (those matching an `ambiguous` gold quote
left out). A gold quote counts once per article. A false attribution is a prediction
credited to a principal that matches gold of someone else, or of nobody.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from bot.core.extract import Quotation
from bot.core.text import normalise

MATCH_THRESHOLD = 90
PRINCIPALS = ("putin", "kim")


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


def score(predictions: list[Quotation], gold: list[GoldQuote], texts: dict[str, str] | None = None) -> Score:
    """Score predictions; `texts` (article name -> text) lets an incise-free quote match either way."""
    texts = texts or {}
    result = Score()
    articles = {g.article for g in gold}
    scored = [g for g in gold if g.speaker in PRINCIPALS]
    result.scored_gold = len(scored)
    used: set[int] = set()
    for prediction in predictions:
        if prediction.article not in articles or prediction.speaker not in PRINCIPALS:
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
            result.false_attributions.append(f"{label} (gold: {said_by})")
    for index, g in enumerate(gold):
        if g.speaker not in PRINCIPALS:
            continue
        if index in used:
            result.found += 1
        else:
            result.misses.append(f"{g.article}: {g.speaker} « {g.quote[:90]} »")
    return result


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
