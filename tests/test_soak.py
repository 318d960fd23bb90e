"""A small soak in CI: bench/soak in a fresh process (so its memory is its own), 1,000 updates
(bench/soak runs 10,000 by default)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_soak_no_failed_update_and_flat_memory() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "soak"), "--updates", "1000", "--users", "100"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["failed_updates"] == 0
    assert result["responses"] >= result["updates"]  # every update answered
    assert result["inline_answers"] == result["kinds"]["inline"]
    assert result["button_answers"] == result["kinds"]["button"]
    assert result["rss_at_end_mb"] - result["rss_after_warm_up_mb"] < 30, result
