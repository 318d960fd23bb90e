"""Search by meaning past what one matrix can hold: an HNSW index (usearch, in the `semantic` extra) of the
piece vectors, kept on disk beside the store for one state of the index and read memory-mapped.

The index proposes candidate rows; their statements are then scored exactly from the vectors it keeps (the
stored float16 values, unchanged), so that what comes after the candidates is the same as with exact search.
A directory per index state holds the index and the rows' layout; it is written under a temporary name and
renamed, so a reader finds a whole one or none, and one of another state is never opened.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.meaning import MeaningIndex

EXACT_BELOW_ROWS = 30_000  # below, one matrix-vector product is as fast as the index (a few ms) and exact
CONNECTIVITY = 16  # HNSW links per node ("M")
EXPANSION_ADD = 64  # search depth while building ("efConstruction"): build time against recall
EXPANSION_SEARCH = 128  # search depth per query ("ef"): at least the candidates asked for
ADD_BATCH = 50_000  # rows added at a time: any conversion usearch makes of its input stays small
INDEX_FILE = "vectors.usearch"
LAYOUT_FILE = "rows.npz"
SUFFIX = ".vectors"
PARTIAL = ".partial"


def vectors_dir(store_path: Path) -> Path:
    """Where the vector indexes of a store live: beside its database file."""
    return store_path.with_name(store_path.name + SUFFIX)


def index_path(store_path: Path, model: str, build: str) -> Path:
    """The directory of the index for this model and this state of the store's index (`Store.index_build`)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", f"{model}-{build}")
    return vectors_dir(store_path) / safe


class UsearchRows:
    """A usearch index read memory-mapped: rows' vectors are paged in from the file as queries touch them."""

    def __init__(self, index: Any) -> None:
        self._index = index

    def nearest_rows(self, readings: np.ndarray, count: int) -> np.ndarray:
        found = [self._index.search(reading, count).keys for reading in readings]
        return np.unique(np.concatenate(found)).astype(np.int64)

    def vectors(self, start: int, end: int) -> np.ndarray:
        got = self._index.get(np.arange(start, end, dtype=np.uint64), dtype=np.float32)
        return np.vstack(got) if isinstance(got, tuple) else np.atleast_2d(got)


def open_index(path: Path) -> MeaningIndex | None:
    """The index kept at `path`, memory-mapped, or None when there is none or it cannot be read
    (then it is built again)."""
    from usearch.index import Index

    try:
        with np.load(path / LAYOUT_FILE, allow_pickle=False) as stored:
            layout = {name: stored[name] for name in stored.files}
        index: Any = Index.restore(str(path / INDEX_FILE), view=True)
    except (OSError, ValueError, KeyError, RuntimeError):
        return None
    if index is None or len(index) != len(layout["quotations"]):
        return None
    index.expansion_search = EXPANSION_SEARCH
    return MeaningIndex.with_nearest(layout, UsearchRows(index))


def write_index(path: Path, meaning: MeaningIndex) -> None:
    """Build the HNSW index of these rows and keep it at `path`, whole or not at all.

    Raises OSError when it cannot be written; no partial directory is left behind.
    """
    from usearch.index import Index

    if meaning.matrix is None:
        raise ValueError("an index without its vectors in memory cannot be built again")
    partial = path.with_name(f"{path.name}.{os.getpid()}{PARTIAL}")
    try:
        partial.mkdir(parents=True, exist_ok=True)
        index = Index(
            ndim=meaning.matrix.shape[1],
            metric="ip",  # unit vectors: inner product is the cosine
            dtype="f16",  # the stored precision: the vectors it gives back are the stored ones
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )
        for start in range(0, len(meaning), ADD_BATCH):
            rows = meaning.matrix[start : start + ADD_BATCH]
            index.add(np.arange(start, start + len(rows), dtype=np.uint64), rows, threads=os.cpu_count() or 1)
        index.save(str(partial / INDEX_FILE))
        layout: dict[str, Any] = meaning.layout()
        np.savez(partial / LAYOUT_FILE, **layout)
        try:
            partial.rename(path)
        except OSError:
            if open_index(path) is not None:  # another process kept the same state meanwhile
                return
            shutil.rmtree(path, ignore_errors=True)  # one that cannot be read: replaced
            partial.rename(path)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def forget_other_builds(store_path: Path, keep: Path) -> None:
    """Remove the indexes of earlier states (a process still reading one keeps its mapping)."""
    for other in vectors_dir(store_path).glob("*"):
        if other != keep and not other.name.endswith(PARTIAL):
            shutil.rmtree(other, ignore_errors=True)
