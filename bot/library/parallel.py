"""Extraction of many articles on every core: `quotebot index --workers N`.

The extractor is a pure function of one article (text, language, date -> quotations), so articles can be
shared out among worker processes, each with its own `Extractor` (its own spaCy pipeline: threads would
share one interpreter lock). Workers are never forked from this process: forking one that holds spaCy's
model and threads (the event loop's, the asyncio executor's) can deadlock. They come from a fork server (a
fresh, single-threaded process that has imported spaCy's languages once: the French tokenizer's exceptions
alone take two seconds to compile, which every spawned worker would pay again), or are spawned where there
is none. Results come back in the order the articles went in, so the index is the same as with one worker,
ids included.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import AsyncGenerator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bot.core.extract import ExtractedArticle, Extractor

MAX_WORKERS_PER_CPU = 4  # more processes than this per core only adds start-up time and memory
CHUNKS_PER_WORKER = 4  # enough chunks that a worker with long articles does not leave the others idle
MAX_CHUNK = 32  # articles sent at once: bounds what one worker holds, and how late the progress is


@dataclass(frozen=True)
class ExtractionJob:
    """One article to extract, as `Extractor.extract` takes it (the text already read)."""

    name: str
    text: str
    language: str | None
    published: str | None


def max_workers() -> int:
    return (os.cpu_count() or 1) * MAX_WORKERS_PER_CPU


def check_workers(value: object) -> int:
    """The number of worker processes, or ValueError with one line saying what is allowed."""
    limit = max_workers()
    text = str(value).strip()
    number = int(text) if text.isascii() and text.isdigit() else 0  # not "²", which isdigit() takes
    if not 1 <= number <= limit:
        raise ValueError(f"the number of workers must be a whole number from 1 to {limit}, not {text!r}")
    return number


def _context() -> multiprocessing.context.BaseContext:
    from bot.core.nlp import MODELS  # here, not at the top: a question that extracts nothing skips spaCy

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bot.core.extract", *(f"spacy.lang.{code}" for code in MODELS)])
    return context


_worker_extractor: Extractor | None = None  # one per worker process, built by `_start_worker`


def _start_worker(speakers_path: Path, use_parser: bool) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(speakers_path, use_parser=use_parser)


def _extract_chunk(jobs: list[ExtractionJob]) -> list[ExtractedArticle]:
    assert _worker_extractor is not None, "the pool's initializer builds the extractor"
    return [_worker_extractor.extract(j.name, j.text, j.language, j.published) for j in jobs]


def chunk_size(articles: int, workers: int) -> int:
    return max(1, min(MAX_CHUNK, -(-articles // (workers * CHUNKS_PER_WORKER))))


def _chunks(jobs: Sequence[ExtractionJob], workers: int) -> list[list[ExtractionJob]]:
    size = chunk_size(len(jobs), workers)
    return [list(jobs[i : i + size]) for i in range(0, len(jobs), size)]


async def extract_in_order(
    jobs: Sequence[ExtractionJob], workers: int, extractor: Extractor | None, speakers_path: Path
) -> AsyncGenerator[ExtractedArticle, None]:
    """Each job's extraction, in the order of `jobs`, off the event loop.

    One worker (or one article) extracts in a thread of this process with `extractor` (built from
    `speakers_path` when None); more use a pool of that many processes, each building the same extractor.
    """
    workers = min(workers, len(jobs))
    if workers <= 1:
        extractor = extractor or Extractor(speakers_path)
        for job in jobs:
            yield await asyncio.to_thread(extractor.extract, job.name, job.text, job.language, job.published)
        return
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=_context(),
        initializer=_start_worker,
        initargs=(extractor.speakers_path, extractor.use_parser) if extractor else (speakers_path, True),
    )
    try:
        pending = [loop.run_in_executor(pool, _extract_chunk, chunk) for chunk in _chunks(jobs, workers)]
        for future in pending:
            for result in await future:
                yield result
    finally:
        await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
