"""Any text in, no exception out: property-based tests of the extractor and the search."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.extract import Quotation
from bot.core.registry import load_registry
from bot.library import Searcher
from bot.store import Store
from tests.conftest import DATA

MARKS = list("«»“”„‹›\"'’")
PIECES = [
    "Poutine a déclaré : ",
    "Kim Jong-un a ajouté que ",
    ", a-t-il dit, ",
    " a estimé le président russe. ",
    "Il a souligné ",
    "selon KCNA, ",
    "\n\n",
    "\n",
    " ",
    "\u00a0",
    "\u202f",
    "\u200f",
    "\u202e",
    "שלום ",
    "مرحبا ",
    "\x00",
    "\x07",
    "\ufffd",
    "…",
    "Le chef du Kremlin",
    " dit-il",
    "said Putin. ",
    "\ud7ff",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(MARKS), st.text(max_size=30)), max_size=60).map(
    "".join
)

VALID_KINDS = {"full", "partial", "scare"}


def check_quotation(text: str, quotation: Quotation) -> None:
    assert 0 <= quotation.start <= quotation.end <= len(text)
    assert quotation.kind in VALID_KINDS
    assert quotation.speaker in {"putin", "kim", "unknown"} or quotation.speaker.startswith("other:")
    for line in quotation.text.split("\n"):
        if line in text:
            continue
        # An incise was taken out: the speech is two pieces of the text joined by a space.
        assert quotation.cue, (line, text)
        assert any(line[:i] in text and line[i + 1 :] in text for i, c in enumerate(line) if c == " "), line


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_valid_quotations(extractor, text: str) -> None:
    for quotation in extractor.extract("random.txt", text).quotations:
        check_quotation(text, quotation)


def test_a_one_megabyte_paragraph(extractor) -> None:
    rng = random.Random(3)
    words = [f"mot{n}" for n in range(3000)]
    chunks, size, n = [], 0, 0
    while size < 1_000_000:
        n += 1
        words_here = " ".join(rng.choice(words) for _ in range(40))
        chunk = words_here + (
            f" Poutine a déclaré « {rng.choice(words)} {rng.choice(words)} » et " if n % 25 == 0 else " "
        )
        chunks.append(chunk)
        size += len(chunk)
    text = "".join(chunks)
    quotations = extractor.extract("big.txt", text).quotations
    assert len(quotations) >= 100
    for quotation in quotations:
        check_quotation(text, quotation)
    # Cutting the endless sentence may part a cue from its quote: that quote is unknown, never Kim's.
    speakers = [q.speaker for q in quotations]
    assert set(speakers) <= {"putin", "unknown"}
    assert speakers.count("putin") >= 0.9 * len(speakers)


def test_unbalanced_marks_everywhere(extractor) -> None:
    text = '« « » » “ ” ” “ " " " ‹ › › « Poutine a dit « bonjour » » ' * 50
    for quotation in extractor.extract("marks.txt", text).quotations:
        check_quotation(text, quotation)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), texts))
def test_any_query_gets_an_answer_or_none(seed_index: Path, query: str) -> None:
    async def run() -> None:
        store = await Store.open(seed_index)
        try:
            answer = await Searcher(store, load_registry(DATA / "speakers.toml")).ask(query, limit=5)
        finally:
            await store.close()
        for result in answer.results:
            assert 0 <= result.score <= 100
            assert result.statement.speaker in {"putin", "kim"}
        assert answer.confident is None or answer.confident is answer.results[0]

    asyncio.run(run())
