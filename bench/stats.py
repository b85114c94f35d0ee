"""Latency statistics, computed here so the figures do not depend on numpy's defaults."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks (numpy's default method).

    NaN for no values: an empty level must print as "-", never as a fast 0 ms.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class LevelStats:
    """What one load level measured: every latency (seconds) and every kind of failure."""

    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    empty: int = 0          # 200 with no bot text (REST: silence; SMS: an acknowledgement)
    conversations: int = 0  # conversations started
    elapsed: float = 0.0    # wall time of the level, first send to last reply
    transcript: list[dict[str, str]] = field(default_factory=list)  # one sample conversation
    # SMS: the webhook's own answer time (TwiML with the reply, or an acknowledgement) when the
    # reply itself may come later by REST; ``latencies`` then run until the reply reached the phone.
    answer_latencies: list[float] = field(default_factory=list)
    acknowledged: int = 0   # SMS webhook answers without text (the reply followed by REST)

    def add_error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def ok(self) -> int:
        return len(self.latencies)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def throughput(self) -> float:
        """Answered messages per second of wall time (failures do not count)."""
        return self.ok / self.elapsed if self.elapsed > 0 else math.nan

    def summary(self) -> dict[str, object]:
        ms = [v * 1000 for v in self.latencies]
        return {
            "concurrency": self.concurrency, "messages_ok": self.ok, "errors": self.error_count,
            "error_kinds": dict(sorted(self.errors.items())), "empty_replies": self.empty,
            "conversations": self.conversations, "elapsed_s": round(self.elapsed, 3),
            "messages_per_s": _round(self.throughput, 2),
            "p50_ms": _round(percentile(ms, 50), 1), "p95_ms": _round(percentile(ms, 95), 1),
            "p99_ms": _round(percentile(ms, 99), 1), "max_ms": _round(max(ms) if ms else math.nan, 1),
            "sample_conversation": self.transcript,
        } | self._answers()

    def _answers(self) -> dict[str, object]:
        if not self.answer_latencies:
            return {}
        ms = [v * 1000 for v in self.answer_latencies]
        return {"webhook_p50_ms": _round(percentile(ms, 50), 1), "webhook_p95_ms": _round(percentile(ms, 95), 1),
                "webhook_p99_ms": _round(percentile(ms, 99), 1), "acknowledged": self.acknowledged}


def _round(value: float, digits: int) -> float | None:
    """JSON has no NaN: a missing figure is null."""
    return None if math.isnan(value) else round(value, digits)
