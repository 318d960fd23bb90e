"""A bounded soak against the fake Bot API: many users, mixed updates, memory and latency recorded.

Used by tests/test_soak.py (a small run in CI) and bench/soak (the full 10,000 updates).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any

from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [c["query"] for c in json.loads((ROOT / "tests" / "gold" / "seed_queries.json").read_text())]
WORDS = ["paix", "soutien", "relations", "soldats", "Russie", "Corée", "coopération", "sanctions", "amitié", "xyz"]
MAX_IN_FLIGHT = 32  # updates waiting for an answer at once


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2) if ordered else 0.0


def responses(fake: FakeTelegram, mark: int) -> int:
    return sum(1 for c in fake.calls[mark:] if c.method in ("sendMessage", "answerInlineQuery", "answerCallbackQuery"))


async def soak(fake: FakeTelegram, application: Any, updates: int, users: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    errors: list[BaseException] = []

    async def count_error(update: object, context: Any) -> None:
        errors.append(context.error)

    application.add_error_handler(count_error)
    mark = fake.mark()
    sent_at: dict[int, deque[float]] = defaultdict(deque)
    kinds: dict[str, int] = defaultdict(int)
    warm_rss = 0.0
    started = time.monotonic()
    for n in range(updates):
        while n - responses(fake, mark) > MAX_IN_FLIGHT:
            await asyncio.sleep(0.005)
        if n == updates // 5:
            warm_rss = rss_mb()
        user = 10_000 + rng.randrange(users)
        roll = rng.random()
        if roll < 0.6:
            text = rng.choice(QUERIES) if rng.random() < 0.7 else " ".join(rng.sample(WORDS, 3))
            kind = "text"
        elif roll < 0.7:
            text, kind = rng.choice(["/kim", "/poutine", "/sources", "/start", "/kim devoir", "/inconnue"]), "command"
        elif roll < 0.85:
            kinds["inline"] += 1
            await fake.inline(user, rng.choice(QUERIES))
            continue
        else:
            kinds["button"] += 1
            previous = [
                c.result for c in fake.calls[-50:] if c.method == "sendMessage" and c.result["chat"]["id"] == user
            ]
            message = (
                previous[-1] if previous else {"message_id": 1, "date": 0, "chat": {"id": user, "type": "private"}}
            )
            await fake.press(user, message, f"pg:{rng.randrange(3)}")
            continue
        kinds[kind] += 1
        sent_at[user].append(time.monotonic())
        await fake.send_text(user, text)
    deadline = time.monotonic() + 300
    while responses(fake, mark) < updates and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    elapsed = time.monotonic() - started
    latencies = []
    for call in fake.calls[mark:]:
        if call.method == "sendMessage" and sent_at[int(call.params["chat_id"])]:
            latencies.append((call.at - sent_at[int(call.params["chat_id"])].popleft()) * 1000)
    calls = [c for c in fake.calls[mark:]]
    return {
        "updates": updates,
        "users": users,
        "kinds": dict(kinds),
        "responses": responses(fake, mark),
        "inline_answers": sum(1 for c in calls if c.method == "answerInlineQuery"),
        "button_answers": sum(1 for c in calls if c.method == "answerCallbackQuery"),
        "failed_updates": len(errors),
        "updates_per_s": round(updates / elapsed, 1),
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
        "rss_after_warm_up_mb": round(warm_rss, 1),
        "rss_at_end_mb": round(rss_mb(), 1),
    }
