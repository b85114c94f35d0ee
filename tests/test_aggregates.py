"""Aggregate records hold no identifier: month granularity, known counties, slug categories only."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.aggregates import AggregateEvent, record
from bot.db import get_engine, session_scope
from bot.migrate import upgrade


@pytest.fixture
def db(harbor_env: Path) -> Path:
    upgrade()
    return harbor_env


def test_schema_has_no_identifier_and_no_time_finer_than_month(db: Path) -> None:
    columns = {c["name"]: c for c in sa.inspect(get_engine()).get_columns("aggregate_event")}
    assert set(columns) == {"id", "month", "county", "kind", "category", "value"}
    assert not any(isinstance(c["type"], (sa.DateTime, sa.Date)) for c in columns.values())


def test_record_keeps_only_month_county_kind_category(db: Path) -> None:
    when = dt.datetime(2026, 3, 14, 15, 9, 26)
    with session_scope() as session:
        record(session, "conversation", "sms", "dane county", when=when)
        record(session, "need", "Shelter", "Milwaukee", when=when)
        record(session, "crisis", "self_harm", "Not A Real Place 53703", when=when)
        record(session, "handoff_wait", "urgent", None, when=when, value=125)
    with session_scope() as session:
        rows = session.execute(sa.select(AggregateEvent.month, AggregateEvent.county, AggregateEvent.kind,
                                         AggregateEvent.category, AggregateEvent.value)
                               .order_by(AggregateEvent.kind)).all()
        ids = session.execute(sa.select(AggregateEvent.id)).scalars().all()
    assert rows == [
        ("2026-03", "Dane County", "conversation", "sms", None),
        ("2026-03", None, "crisis", "self_harm", None),  # free text never becomes a county
        ("2026-03", None, "handoff_wait", "urgent", 125.0),
        ("2026-03", "Milwaukee County", "need", "shelter", None),
    ]
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids) and len(set(ids)) == 4  # random, not a sequence


def test_record_uses_the_shared_clock_by_default(db: Path) -> None:
    from bot import clock

    clock.set_offset(dt.timedelta(days=400))
    try:
        with session_scope() as session:
            row = record(session, "need", "food", "Dane")
            assert row.month == clock.now().strftime("%Y-%m")
    finally:
        clock.set_offset(dt.timedelta(0))


@pytest.mark.parametrize("kind, category, value, message", [
    ("visit", "sms", None, "unknown aggregate kind"),
    ("need", "my name is Jessica", None, "short slug"),
    ("need", "", None, "short slug"),
    ("handoff_wait", "urgent", None, "seconds"),
    ("handoff_wait", "urgent", -3, "seconds"),
    ("need", "food", 2.0, "carry no value"),
])
def test_record_refuses_anything_that_could_identify(db: Path, kind: str, category: str,
                                                     value: float | None, message: str) -> None:
    with session_scope() as session, pytest.raises(ValueError, match=message):
        record(session, kind, category, "Dane", value=value)
