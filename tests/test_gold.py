"""The engine on the sample articles, scored by the gold rule; the CLI contract."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.evaluate import evaluate_articles, load_gold, score
from bot.core.extract import read_text
from bot.core.sources import load_sources
from tests.conftest import DATA, GOLD_DIR

GOLD = GOLD_DIR / "seed_quotes.json"


def test_samples_meet_the_targets(extractor) -> None:
    result = evaluate_articles(extractor, load_gold(GOLD), DATA / "articles", load_sources(DATA / "sources.toml"))
    assert result.false_attributions == []
    assert result.swaps == []
    assert result.precision >= 0.97
    assert result.recall >= 0.97, result.misses


def test_every_gold_quote_is_found_once(extractor) -> None:
    """Extraction finds each marked text (any speaker), and a repeated headline only once."""
    from bot.core.evaluate import _matches

    gold = load_gold(GOLD)
    for name in sorted({g.article for g in gold}):
        found = extractor.extract(name, read_text(DATA / "articles" / name)).quotations
        expected = [g for g in gold if g.article == name]
        assert len(found) == len(expected), name
        for g in expected:
            assert any(_matches(q.text, g.quote) for q in found), g.quote


def test_scoring_counts_a_false_attribution() -> None:
    from bot.core.evaluate import GoldQuote
    from bot.core.extract import Quotation

    gold = [GoldQuote("a.txt", "partenaire important", "other:Choïgou", "partial")]
    wrong = [Quotation("a.txt", "partenaire important", "putin", "partial", 0, 20, None)]
    assert len(score(wrong, gold, {"putin", "kim"}).false_attributions) == 1
    assert score(wrong, gold, {"putin", "kim"}).precision == 0.0


def test_extract_json_contract(capsys) -> None:
    path = DATA / "articles" / "003_3732444aa2140bd8.txt"
    assert main(["extract", "--json", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = read_text(path)
    assert lines
    for obj in lines:
        assert set(obj) == {"article", "quote", "speaker", "kind", "start", "end", "cue"}
        assert obj["article"] == path.name
        assert obj["kind"] in {"full", "partial", "scare"}
        assert obj["speaker"] in {"putin", "kim", "unknown"} or obj["speaker"].startswith("other:")
        assert text[obj["start"] : obj["end"]] == obj["quote"]


def test_eval_command_prints_the_figures() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bot", "eval", "--gold", str(GOLD), "-v"], capture_output=True, text=True, check=True
    ).stdout
    figures = dict(line.split() for line in out.splitlines() if line and not line.startswith(("MISS", "FALSE", "SWAP")))
    assert set(figures) == {"precision", "recall", "f1", "false_attributions", "swaps"}
    assert figures["false_attributions"] == "0"
    assert figures["swaps"] == "0"


def test_extract_reports_a_missing_file(capsys, tmp_path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


HELDOUT = Path(__file__).resolve().parent / "heldout"


@pytest.mark.parametrize(
    ("gold_file", "min_recall"),
    [
        # Written after the engine was tuned on the samples; its first run scored P 0.86 R 0.75,
        # two false attributions (a minister named Kim). Fixed by general rules; now a dev set.
        ("heldout_quotes.json", 0.93),
        # Written after those fixes; first run P 1.0 R 0.80 (two patterns of the issue missing).
        ("unseen_quotes.json", 0.95),
    ],
)
def test_articles_the_engine_was_not_written_on(extractor, gold_file: str, min_recall: float) -> None:
    result = evaluate_articles(extractor, load_gold(HELDOUT / gold_file), HELDOUT)
    assert result.false_attributions == []
    assert result.swaps == []
    assert result.recall >= min_recall, result.misses


def _quotebot(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "QUOTEBOT_MEANING": "off"}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_ordinary_mistakes_end_in_one_line_and_leave_nothing(tmp_path: Path) -> None:
    articles = tmp_path / "only" / "articles"
    articles.mkdir(parents=True)
    (articles / "a.txt").write_text("« Nous irons loin », a déclaré Vladimir Poutine.\n", encoding="utf-8")
    done = _quotebot("index", "--data", str(tmp_path / "only"), "--db", str(tmp_path / "a.sqlite3"))
    assert done.returncode == 0 and "1 articles" in done.stdout  # the bundled registry, no traceback

    broken = tmp_path / "broken"
    shutil.copytree(tmp_path / "only", broken)
    for sources, field in [
        ('[[article]]\nfile = "a.txt"\nlanguage = "de"\n', "language"),
        ('[[article]]\nfile = "a.txt"\npublished = "hier"\n', "published"),
        ('[[article]]\nfile = "nope.txt"\n', "nope.txt"),
        ('[[article]]\nfile = "a.txt\n', "sources.toml"),
    ]:
        (broken / "sources.toml").write_text(sources, encoding="utf-8")
        run = _quotebot("index", "--data", str(broken), "--db", str(tmp_path / "b.sqlite3"))
        assert run.returncode == 2 and field in run.stderr and "Traceback" not in run.stderr, run.stderr
        assert not (tmp_path / "b.sqlite3").exists()

    missing = _quotebot("eval", "--gold", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    limit = _quotebot("ask", "--db", str(tmp_path / "a.sqlite3"), "--limit", "0", "loin")
    assert limit.returncode == 2 and "at least 1" in limit.stderr


def test_extract_into_a_closed_pipe_is_not_an_error() -> None:
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run(
        [sys.executable, "-m", "bot", "extract", "--json", *map(str, sorted((DATA / "articles").glob("*.txt")))],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert writer.returncode == 0 and "Traceback" not in writer.stderr


REAL_SETS = sorted(p.parent for p in (GOLD_DIR.parent).glob("real*/quotes.json"))


@pytest.fixture(scope="module")
def dev_extractor():
    from bot.core.extract import Extractor

    return Extractor(GOLD_DIR.parent / "realdev" / "speakers.toml")


@pytest.mark.parametrize("real_set", REAL_SETS, ids=lambda p: p.name)
def test_no_real_set_credits_a_principal_with_words_not_theirs(dev_extractor, real_set: Path) -> None:
    """The product's worst error, on every real development set: someone else's words given to a principal,
    or one principal's to another. A rule that brings one back fails here, whatever it gains elsewhere."""
    articles = real_set / "articles"
    result = evaluate_articles(
        dev_extractor, load_gold(real_set / "quotes.json"), articles, load_sources(real_set / "sources.toml")
    )
    assert result.false_attributions == []
    assert result.swaps == []
