"""Shared fixtures: the real spaCy model and registry, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.extract import Extractor, Quotation

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"  # copies of shared/gold
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def quotes(extractor: Extractor):
    """Extract from a text and return its quotations, for one-line assertions."""

    def run(text: str, language: str | None = None) -> list[Quotation]:
        return extractor.extract("test.txt", text, language).quotations

    return run


def by_text(quotations: list[Quotation], fragment: str) -> Quotation:
    matches = [q for q in quotations if fragment in q.text]
    assert len(matches) == 1, f"{fragment!r} in {[q.text for q in quotations]}"
    return matches[0]
