"""De-identified screening records: the migrated table holds only the allowed columns."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot import clock
from bot.db import get_engine, session_scope
from bot.migrate import upgrade
from bot.screening_records import ScreeningRecord, record_screening

ALLOWED = {"id", "instrument", "day", "county", "band", "positive_domains"}


@pytest.fixture
def db(harbor_env: Path) -> Path:
    upgrade()
    return harbor_env


def test_migration_creates_table_with_only_allowed_columns(db: Path) -> None:
    inspector = sa.inspect(get_engine())
    assert "screening_record" in inspector.get_table_names()
    columns = {c["name"]: c for c in inspector.get_columns("screening_record")}
    assert set(columns) == ALLOWED
    assert columns["county"]["nullable"] is True
    assert all(not columns[name]["nullable"] for name in ("instrument", "day", "band", "positive_domains"))
    assert isinstance(columns["day"]["type"], sa.Date)  # a day, never a time of day
    assert not any(isinstance(c["type"], sa.DateTime) for c in columns.values())
    assert set(ScreeningRecord.__table__.columns.keys()) == ALLOWED  # model and migration agree


def test_record_screening_stores_one_row(db: Path) -> None:
    with session_scope() as session:
        record_screening(session, "greenbaum_short", "positive", ["running_away", "sexual_health"], "Dane",
                         day=dt.date(2026, 11, 20))
    with get_engine().connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM screening_record")).mappings().all()
    assert len(rows) == 1
    row = dict(rows[0])
    assert set(row) == ALLOWED
    assert row["instrument"] == "greenbaum_short" and row["band"] == "positive"
    assert str(row["day"]) == "2026-11-20" and row["county"] == "Dane"
    assert row["positive_domains"] == "running_away,sexual_health"


def test_defaults_day_from_clock_and_allows_unknown_county(db: Path) -> None:
    clock.set_offset(dt.timedelta(days=-3))
    try:
        expected = clock.now().date()
        with session_scope() as session:
            record_screening(session, "qyit", "negative", [], None)
    finally:
        clock.set_offset(dt.timedelta(0))
    with session_scope() as session:
        record = session.execute(sa.select(ScreeningRecord)).scalar_one()
        assert (record.day, record.county, record.positive_domains) == (expected, None, "")


def test_county_suffix_and_spacing_are_normalised(db: Path) -> None:
    with session_scope() as session:
        record_screening(session, "qyit", "negative_concerns", ["unsafe_work", "unsafe_work"], "  Fond du Lac County ")
        record_screening(session, "qyit", "negative", [], "St. Croix")
    with session_scope() as session:
        rows = session.execute(sa.select(ScreeningRecord).order_by(ScreeningRecord.id)).scalars().all()
        assert [(r.county, r.positive_domains) for r in rows] == [("Fond du Lac", "unsafe_work"), ("St. Croix", "")]


@pytest.mark.parametrize("kwargs,message", [
    ({"band": "very_positive"}, "band must be one of"),
    ({"instrument_id": "Jane's screen"}, "instrument id"),
    ({"positive_domains": ["she said her uncle"]}, "domain id"),
    ({"positive_domains": "running_away"}, "not a string"),
    ({"county": "Dane; youth named Jane, 555-0100"}, "county must be a county name"),
])
def test_free_text_and_bad_values_are_refused(db: Path, kwargs: dict, message: str) -> None:
    args = {"instrument_id": "qyit", "band": "negative", "positive_domains": [], "county": "Dane", **kwargs}
    with pytest.raises(ValueError, match=message):
        with session_scope() as session:
            record_screening(session, **args)
    with session_scope() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(ScreeningRecord)).scalar() == 0
