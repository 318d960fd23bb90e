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

from tests.fake_telegram import Call, FakeTelegram

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


class Tally:
    """What the bot answered, counted as it goes (the fake keeps no call records during a soak)."""

    def __init__(self) -> None:
        self.methods: dict[str, int] = defaultdict(int)
        self.sent_at: dict[int, deque[float]] = defaultdict(deque)
        self.last_message: dict[int, dict[str, Any]] = {}
        self.latencies: list[float] = []

    @property
    def responses(self) -> int:
        return sum(self.methods[m] for m in ("sendMessage", "answerInlineQuery", "answerCallbackQuery"))

    def __call__(self, call: Call) -> None:
        self.methods[call.method] += 1
        if call.method == "sendMessage":
            chat = int(call.params["chat_id"])
            self.last_message[chat] = call.result
            if self.sent_at[chat]:
                self.latencies.append((call.at - self.sent_at[chat].popleft()) * 1000)


async def soak(fake: FakeTelegram, application: Any, updates: int, users: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    errors: list[BaseException] = []

    async def count_error(update: object, context: Any) -> None:
        errors.append(context.error)

    application.add_error_handler(count_error)
    tally = Tally()
    fake.listeners.append(tally)
    fake.record = False
    kinds: dict[str, int] = defaultdict(int)
    warm_rss = 0.0
    started = time.monotonic()
    for n in range(updates):
        while n - tally.responses > MAX_IN_FLIGHT:
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
            message = tally.last_message.get(user) or {
                "message_id": 1,
                "date": 0,
                "chat": {"id": user, "type": "private"},
            }
            await fake.press(user, message, f"pg:{rng.randrange(3)}")
            continue
        kinds[kind] += 1
        tally.sent_at[user].append(time.monotonic())
        await fake.send_text(user, text)
    deadline = time.monotonic() + 300
    while tally.responses < updates and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    elapsed = time.monotonic() - started
    fake.listeners.remove(tally)
    fake.record = True
    return {
        "updates": updates,
        "users": users,
        "kinds": dict(kinds),
        "responses": tally.responses,
        "inline_answers": tally.methods["answerInlineQuery"],
        "button_answers": tally.methods["answerCallbackQuery"],
        "failed_updates": len(errors),
        "updates_per_s": round(updates / elapsed, 1),
        "p50_ms": percentile(tally.latencies, 0.5),
        "p95_ms": percentile(tally.latencies, 0.95),
        "rss_after_warm_up_mb": round(warm_rss, 1),
        "rss_at_end_mb": round(rss_mb(), 1),
    }
