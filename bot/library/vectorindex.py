"""The vector index of search by meaning, built in a process of its own: `python -m bot.library.vectorindex
DB MODEL BUILD SPEAKER...` (DB: what opened the store, `Store.target`).

Built in the serving process, the index's OpenMP threads stayed awake after the build and took the cores
from the sentence model (a query embedded in 100 ms instead of 1), and the build's vectors (gigabytes at
a million quotations) counted in its peak memory; a child process takes both away with it when it ends.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Sequence

import numpy as np

from bot.config import redacted, store_target
from bot.core import ann
from bot.core.meaning import MeaningIndex
from bot.store import open_store
from bot.store.store import StoreError, StoreTarget

log = logging.getLogger(__name__)

STALE = 3  # exit status: the store's index changed under the build; nothing was kept


async def build_here(target: StoreTarget, model: str, build: str, speakers: Sequence[str]) -> int:
    """Build and keep the index of this state of the store (the child's side); its exit status."""
    store = await open_store(target)
    store_path = store.path
    try:
        quotations, vectors = await store.meaning_inputs(model, speakers)
        if await store.index_build() != build:
            return STALE
    finally:
        await store.close()
    meaning = MeaningIndex.build(quotations, vectors, dtype=np.float16)
    del quotations, vectors
    ann.write_index(ann.index_path(store_path, model, build), meaning)
    return 0


async def build_in_child(target: StoreTarget, model: str, build: str, speakers: Sequence[str]) -> bool:
    """Build the index in a child process and wait for it; whether it was kept (why not, logged)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        str(target),
        model,
        build,
        *speakers,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await child.communicate()
    if child.returncode == 0:
        return True
    if child.returncode != STALE:
        last = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        log.warning("the vector index of %s was not built (%s)", redacted(target), last[0])
    return False


def main(argv: Sequence[str]) -> int:
    target, model, build, *speakers = argv
    try:
        return asyncio.run(build_here(store_target(target), model, build, speakers))
    except (OSError, StoreError) as error:
        print(f"cannot build the vector index: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
