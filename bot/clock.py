"""One clock for every timed rule (handoff fallback, silence close, retention).

Tests move time with ``set_offset`` (in-process) or HARBOR_CLOCK_OFFSET_SECONDS
(for servers started as subprocesses), so 5-minute and 30-day rules are checked
without waiting. Production never sets either.
"""
from __future__ import annotations

import datetime as dt
import os

_offset = dt.timedelta(0)


def set_offset(offset: dt.timedelta) -> None:
    global _offset
    _offset = offset


def now() -> dt.datetime:
    """Naive UTC, as stored in every Harbor table."""
    env = os.environ.get("HARBOR_CLOCK_OFFSET_SECONDS", "").strip()
    extra = dt.timedelta(seconds=float(env)) if env else dt.timedelta(0)
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + _offset + extra
