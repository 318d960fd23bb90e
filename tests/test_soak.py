"""A small soak in CI (bench/soak runs the full 10,000 updates from 500 users)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import DATA
from tests.fake_telegram import FakeTelegram, running_bot, settings_for
from tests.soak import soak

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")


async def test_soak_no_failed_update_and_flat_memory(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    try:
        settings = settings_for(fake, tmp_path, data, queries_per_minute=1_000_000)
        async with running_bot(settings) as application:
            result = await soak(fake, application, updates=1500, users=100)
    finally:
        await fake.stop()
    assert result["failed_updates"] == 0
    assert result["responses"] >= result["updates"]  # every update answered (a button may also edit)
    assert result["inline_answers"] == result["kinds"]["inline"]
    assert result["button_answers"] == result["kinds"]["button"]
    assert result["rss_at_end_mb"] - result["rss_after_warm_up_mb"] < 40, result
