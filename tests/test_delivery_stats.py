"""Delivery reports are kept only as counts per day and status."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.db import session_scope
from bot.delivery_stats import delivery_counts, record_delivery
from bot.migrate import upgrade


def test_counts_accumulate_per_day_and_status(harbor_env: Path) -> None:
    upgrade()
    day = dt.date(2026, 11, 25)
    with session_scope() as session:
        for status in ("delivered", "delivered", "failed"):
            record_delivery(session, status, day)
        record_delivery(session, "delivered", day + dt.timedelta(days=1))
    with session_scope() as session:
        assert delivery_counts(session) == {
            (day, "delivered"): 2, (day, "failed"): 1, (day + dt.timedelta(days=1), "delivered"): 1}
