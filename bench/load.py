"""The load generator: N conversations at once, each sending its next message as soon as the
previous one is answered (closed loop, no think time), until a message budget or a deadline."""
from __future__ import annotations

import asyncio
import itertools
import random
import time
from typing import Callable, Iterator

import httpx

from bench.conversations import Turn
from bench.stats import LevelStats
from bench.targets import SendError, Target

Script = Callable[[random.Random], list[Turn]]


class _Budget:
    """Who may send the next message: a shared count of messages left, or a deadline."""

    def __init__(self, messages: int | None, duration: float | None) -> None:
        if (messages is None) == (duration is None):
            raise ValueError("give exactly one of messages or duration")
        if (messages is not None and messages < 1) or (duration is not None and duration <= 0):
            raise ValueError("the message count and duration must be positive")
        self.left = messages
        self.deadline = time.monotonic() + duration if duration is not None else None

    def take(self) -> bool:
        if self.deadline is not None:
            return time.monotonic() < self.deadline
        assert self.left is not None
        if self.left <= 0:
            return False
        self.left -= 1
        return True


async def _conversations(target: Target, client: httpx.AsyncClient, script: Script, rng: random.Random,
                         ids: Iterator[int], budget: _Budget, stats: LevelStats, record: bool = False) -> None:
    """One simulated user: conversation after conversation until the budget is spent.

    ``record``: keep this user's first conversation in ``stats.transcript`` (to check the
    script gets the answers it expects).
    """
    while True:
        conversation = next(ids)
        turns = script(rng)
        if not budget.take():
            return
        stats.conversations += 1
        for position, turn in enumerate(turns):
            if position and not budget.take():
                return
            started = time.perf_counter()
            try:
                texts = await target.send(client, conversation, turn.text)
            except SendError as error:
                stats.add_error(error.kind)
                if record:
                    stats.transcript.append({"step": turn.step, "sent": turn.text, "error": error.kind})
                continue  # a real user would write again: the script goes on
            stats.latencies.append(time.perf_counter() - started)
            answered = getattr(target, "answered", None)
            if answered is not None and conversation in answered:
                seconds, acknowledged = answered.pop(conversation)
                stats.answer_latencies.append(seconds)
                stats.acknowledged += acknowledged
            if record:
                stats.transcript.append({"step": turn.step, "sent": turn.text, "reply": " | ".join(texts)[:300]})
            if not any(text.strip() for text in texts):
                stats.empty += 1
        record = False


async def _sample_every(interval: float, sample: Callable[[], None]) -> None:
    while True:
        sample()
        await asyncio.sleep(interval)


async def run_level(target: Target, script: Script, concurrency: int, *, messages: int | None = None,
                    duration: float | None = None, seed: int = 0, ids: Iterator[int] | None = None,
                    timeout: float = 60.0, sample: Callable[[], None] | None = None,
                    sample_interval: float = 0.5) -> LevelStats:
    """Drive ``concurrency`` simultaneous conversations; ``sample`` is called every
    ``sample_interval`` seconds meanwhile (the memory readings)."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    budget = _Budget(messages, duration)
    ids = ids if ids is not None else itertools.count()
    stats = LevelStats(concurrency=concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=timeout, limits=limits, trust_env=False) as client:
        sampler = asyncio.create_task(_sample_every(sample_interval, sample)) if sample else None
        started = time.perf_counter()
        try:
            await asyncio.gather(*(
                _conversations(target, client, script, random.Random(f"{seed}-{concurrency}-{user}"), ids,
                               budget, stats, record=user == 0)
                for user in range(concurrency)))
        finally:
            stats.elapsed = time.perf_counter() - started
            if sampler:
                sampler.cancel()
    return stats
