"""Search: the seed queries, typos and accents, speaker hints, honest confidence, the CLI contract."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from bot.core.evaluate import query_answer_is_right
from bot.core.registry import load_registry
from bot.core.search import Vocabulary, parse_query, score_quotation
from bot.core.text import normalise
from bot.library import Answer, Searcher
from bot.store import Store
from bot.store.store import Candidate
from tests.conftest import DATA, GOLD_DIR, ROOT

REGISTRY = load_registry(DATA / "speakers.toml")
SEED_QUERIES = json.loads((GOLD_DIR / "seed_queries.json").read_text(encoding="utf-8"))


@pytest.fixture
async def searcher(seed_target: Path | str):
    store = await Store.open(seed_target)
    yield Searcher(store, REGISTRY)
    await store.close()


def check(answer: Answer, case: dict) -> None:
    """The rule of shared/gold/README.md for one query."""
    best = answer.results[0] if answer.results else None
    variants = [(v.article, v.quote) for v in best.statement.variants] if best else []
    speaker = best.statement.speaker if best else None
    assert query_answer_is_right(case, speaker, variants, answer.confident is not None), (case, answer.as_json())


@pytest.mark.parametrize("case", SEED_QUERIES, ids=[c["query"][:40] for c in SEED_QUERIES])
async def test_seed_queries(searcher: Searcher, case: dict) -> None:
    check(await searcher.ask(case["query"]), case)


@pytest.mark.parametrize(
    ("query", "speaker", "fragment"),
    [
        ("devoir fratenel", "kim", "devoir fraternel"),  # a typo in a two-word query
        ("NOUS APPRECIONS BEAUCOUP VOTRE SOUTIEN", "putin", "Nous apprécions beaucoup"),  # capitals, no accents
        ("l'esperance que la prochaine rencontre aura lieu en russie", "putin", "J’espère"),
        ("soldats courageusement heroiquement", "putin", "Vos soldats"),
        ("fournirons le soutien necessaire sans hesitation", "kim", "Si nous pouvons aider"),
    ],
)
async def test_half_remembered_words(searcher: Searcher, query: str, speaker: str, fragment: str) -> None:
    best = (await searcher.ask(query)).confident
    assert best is not None and best.statement.speaker == speaker
    assert any(fragment in v.quote for v in best.statement.variants)


@pytest.mark.parametrize(
    "query",
    ["la recette de la blanquette de veau", "Kim adore le basket-ball", "le cortège mené par la limousine", "", "!!!"],
)
async def test_no_confident_answer_for_words_nobody_said(searcher: Searcher, query: str) -> None:
    assert (await searcher.ask(query)).confident is None


async def test_speaker_named_in_the_query_filters(searcher: Searcher) -> None:
    # "dans tous les domaines" is in a quote of Kim (001) and of Putin (002).
    for name, speaker in (("Kim", "kim"), ("Poutine", "putin"), ("le chef du Kremlin", "putin")):
        answer = await searcher.ask(f"{name} dans tous les domaines")
        assert answer.results and {r.statement.speaker for r in answer.results} == {speaker}


async def test_explicit_speaker_option_filters(searcher: Searcher) -> None:
    answer = await searcher.ask("soutien", speaker="kim")
    assert answer.results and all(r.statement.speaker == "kim" for r in answer.results)


async def test_scores_are_between_0_and_100(searcher: Searcher) -> None:
    for case in SEED_QUERIES:
        for result in (await searcher.ask(case["query"], limit=10)).results:
            assert 0 <= result.score <= 100


def test_parse_query_takes_the_speaker_out() -> None:
    parsed = parse_query("Poutine : soutien systématique", REGISTRY)
    assert parsed.speaker == "putin" and parsed.content == ("soutien", "systematique")
    assert parse_query("place Kim Il Sung", REGISTRY).speaker is None
    assert parse_query("Poutine et Kim", REGISTRY).speaker is None


def test_vocabulary_corrects_typos_but_not_short_words() -> None:
    vocabulary = Vocabulary({"fraternel": 3, "devoir": 4, "paix": 2})
    assert vocabulary.spellings("fraternle") == ["fraternel"]
    assert vocabulary.spellings("devoir") == ["devoir"]
    assert vocabulary.spellings("pax") == []
    assert vocabulary.plan(parse_query("le le le", REGISTRY)) == []
    first = vocabulary.plan(parse_query("devoir fratenel", REGISTRY))[0]
    assert (first.expression, first.ranked, first.when_full) == ('("fraternel") AND ("devoir")', True, None)
    every_word = vocabulary.plan(parse_query("devoir fraternel", REGISTRY))[0]
    assert every_word.expression == '("fraternel") AND ("devoir")'
    assert every_word.when_full is not None  # all words known: where they stand, when every word fills a page
    assert (every_word.when_full.expression, every_word.when_full.ranked) == ('NEAR("devoir" "fraternel", 0)', False)


def test_the_words_where_they_stand_skip_common_words_and_keep_their_span() -> None:
    """« un devoir de paix » : the words that carry meaning, with the one common word between them."""
    vocabulary = Vocabulary({"un": 9, "devoir": 4, "de": 9, "paix": 2})
    (lookup,) = vocabulary.plan(parse_query("un devoir de paix", REGISTRY))[:1]
    assert lookup.when_full is not None and lookup.when_full.expression == 'NEAR("devoir" "paix", 1)'


def test_no_words_where_they_stand_when_each_is_in_too_many_quotations() -> None:
    """NEAR decodes positions in every quotation holding the words: not when even the rarest is everywhere."""
    from bot.core.search import NEAR_LIMIT

    vocabulary = Vocabulary({"devoir": NEAR_LIMIT + 1, "fraternel": NEAR_LIMIT + 1})
    assert vocabulary.plan(parse_query("devoir fraternel", REGISTRY))[0].when_full is None
    vocabulary = Vocabulary({"devoir": NEAR_LIMIT + 1, "fraternel": NEAR_LIMIT})
    assert vocabulary.plan(parse_query("devoir fraternel", REGISTRY))[0].when_full is not None


async def _store_of_fillers(db: Path | str, texts: list[str]) -> tuple[Store, Searcher]:
    """A store holding these quotations of one speaker, one statement each, in this order."""
    from bot.store.store import ArticleRecord, QuotationRecord, StatementRecord

    articles = [ArticleRecord("many.txt", "h", "Many", "Outlet", None, "2025-09-03", "fr")]
    quotations = [
        QuotationRecord("many.txt", i * 1000, i * 1000 + len(t), t, normalise(t), "kim", "full", "a déclaré")
        for i, t in enumerate(texts)
    ]
    statements = [StatementRecord(q.speaker, q.text, (i,)) for i, q in enumerate(quotations)]
    store = await Store.open(db)
    await store.replace_index(articles, quotations, statements)
    return store, Searcher(store, REGISTRY)


async def _ask_among_fillers(db: Path | str, fillers: int, target: str, query: str) -> Answer:
    """`query` asked of a store whose quotations are `fillers` long ones holding "devoir" and
    "fraternel" far apart, then `target`, stored last."""
    filler = "la paix durable reste un devoir pour la région numéro {}, et nous restons fraternel"
    store, searcher = await _store_of_fillers(db, [filler.format(n) for n in range(fillers)] + [target])
    answer = await searcher.ask(query)
    await store.close()
    return answer


async def test_an_exact_fragment_past_a_full_page_of_its_words_is_found(db: Path | str) -> None:
    """More quotations hold every word of the query, in another order, than one page of look-up
    returns, and too many to rank: the one that holds them as they stand is still the answer."""
    from bot.core.search import RANK_LIMIT
    from bot.library.searching import CANDIDATES

    target = "nous avons un devoir fraternel envers nos voisins du nord"
    answer = await _ask_among_fillers(db, RANK_LIMIT + CANDIDATES, target, "un devoir fraternel")
    assert answer.confident is not None and answer.confident.statement.text == target


async def test_a_full_page_holding_a_perfect_match_is_not_narrowed(db: Path | str) -> None:
    """A page of every word that already holds the words as they stand needs no second look-up."""
    from bot.library.searching import CANDIDATES

    target = "nous avons un devoir fraternel envers nos voisins"
    store, searcher = await _store_of_fillers(db, [target] * (CANDIDATES + 5))
    asked: list[str] = []
    original = store.candidates

    async def counted(match: str, speakers: Sequence[str], limit: int, ranked: bool) -> list[Candidate]:
        asked.append(match)
        return await original(match, speakers, limit, ranked)

    store.candidates = counted  # type: ignore[method-assign]
    answer = await searcher.ask("un devoir fraternel")
    await store.close()
    assert answer.confident is not None and answer.confident.score == 100
    assert asked and all(" AND " in m and not m.startswith("NEAR") for m in asked)  # every word only


async def test_a_full_page_of_few_enough_hits_is_taken_in_bm25_order(db: Path | str) -> None:
    """A misspelt query (no phrase to try) whose words more quotations hold than a page returns,
    but few enough to rank: the short quotation that holds them close, stored last, is found."""
    from bot.library.searching import CANDIDATES

    target = "un devoir fraternel, un devoir fraternel"
    answer = await _ask_among_fillers(db, 2 * CANDIDATES, target, "devoir fratenel")
    assert answer.confident is not None and answer.confident.statement.text == target


def test_index_and_query_share_one_normalisation() -> None:
    query = parse_query("L’AMITIÉ « fougueuse »", REGISTRY)
    assert score_quotation(query, normalise("l'amitie fougueuse")).score == 100


def test_ask_json_contract_on_a_fresh_checkout(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    db = tmp_path / "fresh.sqlite3"
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--db", str(db), "--json", "--limit", "2", "devoir", "fraternel"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    answer = json.loads(out.stdout)
    assert answer["query"] == "devoir fraternel" and 1 <= len(answer["results"]) <= 2
    top = answer["results"][0]
    assert set(top) == {"statement", "speaker", "text", "score", "confident", "by_meaning", "outlets", "variants"}
    assert top["by_meaning"] is False  # the words answered
    assert top["speaker"] == "kim" and top["confident"] is True
    assert "SadaNews" in top["outlets"]
    for variant in top["variants"]:
        assert set(variant) == {"article", "outlet", "url", "published", "quote"}
    assert "indexed" in out.stderr and "search by meaning is" in out.stderr


def test_index_command_summary(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite3"
    run = [sys.executable, "-m", "bot", "index", "--data", str(DATA), "--db", str(db)]
    first = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    second = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "index updated: 5 articles" in first
    assert "already up to date" in second


def test_ask_on_an_existing_index_never_changes_its_articles(tmp_path: Path) -> None:
    """`ask --db X` once re-indexed ./data into X: an index of other articles was replaced."""
    data = tmp_path / "other"
    (data / "articles").mkdir(parents=True)
    (data / "articles" / "one.txt").write_text(
        "« Nous irons jusqu'au bout », a déclaré Vladimir Poutine.\n", encoding="utf-8"
    )
    shutil.copy(DATA / "speakers.toml", data / "speakers.toml")
    db = tmp_path / "other.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "bot", "index", "--data", str(data), "--db", str(db)], check=True, capture_output=True
    )
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--db", str(db), "--json", "jusqu'au", "bout"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "indexed" not in out.stderr
    import sqlite3

    with sqlite3.connect(db) as connection:
        assert [row[0] for row in connection.execute("SELECT file FROM articles")] == ["one.txt"]
    assert json.loads(out.stdout)["results"][0]["speaker"] == "putin"


async def test_a_principals_name_in_the_query_is_read_both_ways(data_dir: Path, extractor, db: Path | str) -> None:
    """The name as who spoke, and as words of the quotation; the reading the words support wins."""
    from bot.library import index_directory

    (data_dir / "articles" / "amis.txt").write_text(
        "Une amitié affichée\n\n"
        "« Le camarade Kim est un ami fidèle de notre pays », a déclaré Vladimir Poutine mardi.\n\n"
        "« Poutine est le meilleur ami du peuple coréen », a répondu Kim Jong-un.\n",
        encoding="utf-8",
    )
    store = await Store.open(db)
    await index_directory(store, data_dir, extractor)
    searcher = Searcher(store, REGISTRY)
    putin_words = (await searcher.ask("le camarade Kim est un ami fidèle")).confident
    assert putin_words is not None and putin_words.statement.speaker == "putin"
    kim_words = (await searcher.ask("Poutine meilleur ami du peuple coréen")).confident
    assert kim_words is not None and kim_words.statement.speaker == "kim"
    assert "meilleur ami" in kim_words.statement.text
    filtered = (await searcher.ask("Kim devoir fraternel")).confident  # the name as a filter still works
    assert filtered is not None and filtered.statement.speaker == "kim"
    await store.close()


@pytest.mark.parametrize(
    ("query", "quotation", "confident"),
    [
        # every word but one, close together: confident
        ("coopération militaire renforcée durable", "la coopération militaire a été renforcée", True),
        # the same share of words, scattered through a long sentence: the score stays under the bar
        (
            "coopération militaire renforcée durable",
            "coopération, sous toutes ses formes et dans tous les domaines sans exception possible, militaire; puis,"
            " plus tard, renforcée",
            False,
        ),
        # close text, but a third of the words missing: the coverage stays under the bar
        ("coopération militaire durable", "coopération militaire durablement", False),
        ("coopération militaire renforcée durable", "la coopération militaire restera forte et durera", False),
    ],
)
def test_confidence_sits_between_these_cases(query: str, quotation: str, confident: bool) -> None:
    """Moving a threshold (coverage 0.75, score 70) or the weights moves one of these across the bar."""
    assert score_quotation(parse_query(query, REGISTRY), normalise(quotation)).confident is confident


# ---- the two stores side by side ------------------------------------------------------------------


def test_fts5_match_strings_read_as_tsquery() -> None:
    """What the library builds (bot.core.search), read for PostgreSQL; a NEAR of the top-level AND is kept
    to be checked on the positions, one under an OR is only the AND of its words."""
    from bot.store.tsquery import MatchSyntaxError, Near, translate

    read = translate('("fraternel" OR "fraternelle") AND ("devoir")')
    assert read is not None and (read.tsquery, read.near) == ("(('fraternel' | 'fraternelle') & 'devoir')", ())
    read = translate('NEAR("devoir" "paix", 1)')
    assert read is not None and (read.tsquery, read.near) == ("('devoir' & 'paix')", (Near("devoir paix", 1),))
    read = translate('NEAR("a" "b", 2) OR "c"')
    assert read is not None and (read.tsquery, read.near) == ("(('a' & 'b') | 'c')", ())
    read = translate("\"l'europe unie\" souverain* NOT guerre")
    assert read is not None and read.tsquery == "(('l' <-> 'europe' <-> 'unie') & ('souverain':* & !'guerre'))"
    assert translate('"!!!"') is None
    for broken in ('("devoir"', "AND", 'NEAR("a" "b", loin)'):
        with pytest.raises(MatchSyntaxError):
            translate(broken)


async def test_postgresql_finds_what_sqlite_finds_from_the_same_words(seed_index: Path, pg, extractor) -> None:
    """The same vocabulary (what typo correction reads); and for every look-up the seed queries make, every
    quotation FTS5 finds, PostgreSQL finds too. PostgreSQL may find more: it stems (« peuples » finds
    « peuple »), FTS5 matches words as they are; the answers, scored on the words, stay the same."""
    from bot.library import index_directory

    sqlite = await Store.open(seed_index)
    postgres = await Store.open(pg.database())
    await index_directory(postgres, DATA, extractor)
    vocabulary = await sqlite.vocabulary()
    assert vocabulary == await postgres.vocabulary() and len(vocabulary) > 100
    everyone = [s.id for s in REGISTRY.principals]
    plans = Vocabulary(vocabulary)
    looked_up = 0
    for case in SEED_QUERIES:
        for lookup in plans.plan(parse_query(case["query"], REGISTRY)):
            for expression in filter(None, (lookup.expression, lookup.when_full and lookup.when_full.expression)):
                for ranked in (False, True):
                    found = {c.quotation_id for c in await sqlite.candidates(expression, everyone, 500, ranked)}
                    also = {c.quotation_id for c in await postgres.candidates(expression, everyone, 500, ranked)}
                    assert found <= also, expression
                    looked_up += bool(found)
    assert looked_up > 20
    stemmed = await postgres.candidates('"peuples"', everyone, 100, False)
    plain = await sqlite.candidates('"peuples"', everyone, 100, False)
    assert {c.norm for c in plain} < {c.norm for c in stemmed}  # « peuple » too, on PostgreSQL only
    assert all("peuple" in c.norm for c in stemmed)
    await sqlite.close()
    await postgres.close()


def test_index_and_ask_on_postgresql_from_the_command_line(pg) -> None:
    url = pg.database()
    index = subprocess.run(
        [sys.executable, "-m", "bot", "index", "--data", str(DATA), "--db", url],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "index updated: 5 articles" in index.stdout and url in index.stdout
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--db", url, "--json", "devoir", "fratenel"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    top = json.loads(out.stdout)["results"][0]
    assert top["speaker"] == "kim" and top["confident"] is True and "indexed" not in out.stderr
