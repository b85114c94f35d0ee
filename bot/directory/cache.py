"""A short-lived, in-process cache of directory answers.

Why: profiling the action server under load showed ~70% of its CPU in ``find_services``
(ORM loading of the same few dozen services on every turn). The directory changes only
when an operator imports a new one, so answers are kept for ``TTL_SECONDS`` and dropped
at once when this process imports. Another process's import (the `harbor directory import`
CLI next to a running action server) is seen within the TTL. Nothing about a youth is
kept: the key is the need, a county name and the database URL.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")

TTL_SECONDS = 60.0
_lock = threading.Lock()
_entries: dict[Hashable, tuple[float, object]] = {}
_generation = 0


def cached(key: Hashable, compute: Callable[[], T], ttl: float = TTL_SECONDS) -> T:
    """``compute()``'s value for ``key``, computed at most once per ``ttl`` seconds.

    Values must be immutable (frozen dataclasses, tuples): every caller shares them.
    """
    now = time.monotonic()
    with _lock:
        hit = _entries.get(key)
        generation = _generation
    if hit is not None and now - hit[0] < ttl:
        return hit[1]  # type: ignore[return-value]
    value = compute()
    with _lock:
        if generation == _generation:  # an import in between makes this value stale
            _entries[key] = (now, value)
    return value


def invalidate() -> None:
    """Forget every answer (called after an import or an edit of the directory)."""
    global _generation
    with _lock:
        _entries.clear()
        _generation += 1


def size() -> int:
    with _lock:
        return len(_entries)
