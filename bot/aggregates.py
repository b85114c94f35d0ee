"""De-identified aggregate records for county reports: what program staff may count, nothing more.

A row says "in this month, in this county (or none), one event of this kind and category
happened" and, for handoff waits, how many seconds it took. There is no conversation id,
no channel identity, no day or time finer than the month, and no free text: counties must
be one of Wisconsin's 72 (anything else is stored as unknown) and categories are short
slugs. The primary key is random rather than a sequence, so row order cannot be used to
tie a conversation's need to its crisis category or wait time.

Rows stay when conversations are purged or erased: they no longer point at anyone.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import clock
from bot.db import Base

KINDS = ("conversation", "need", "crisis", "handoff_wait")
_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9_:-]{0,39}$")


class AggregateEvent(Base):
    __tablename__ = "aggregate_event"
    id = sa.Column(sa.String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    month = sa.Column(sa.String(7), nullable=False, index=True)  # 'YYYY-MM'
    county = sa.Column(sa.String(40))  # "Dane County"; None when unknown
    kind = sa.Column(sa.String(20), nullable=False)
    category = sa.Column(sa.String(40), nullable=False)
    value = sa.Column(sa.Float)  # seconds, for handoff_wait only


def month_of(when: dt.date | dt.datetime) -> str:
    return f"{when.year:04d}-{when.month:02d}"


def canonical_county(county: str | None) -> str | None:
    """A known Wisconsin county name, or None: free text never reaches the aggregate table."""
    if not county or not county.strip():
        return None
    from bot.geo import get_gazetteer

    return get_gazetteer().county_by_name(county.strip())


def record(session: Session, kind: str, category: str, county: str | None,
           when: dt.datetime | dt.date | None = None, value: float | None = None) -> AggregateEvent:
    """Count one event. Call ``conversation`` once per conversation (category: the channel),
    ``need`` per resource request (category: the need), ``crisis`` per escalation (category:
    the crisis category), ``handoff_wait`` when an advocate claims (value: seconds waited)."""
    if kind not in KINDS:
        raise ValueError(f"unknown aggregate kind {kind!r}; expected one of {', '.join(KINDS)}")
    category = (category or "").strip().lower()
    if not _CATEGORY.match(category):
        raise ValueError("category must be a short slug (a-z, 0-9, _ : -), never free text")
    if kind == "handoff_wait":
        if value is None or value < 0:
            raise ValueError("handoff_wait needs the wait in seconds (>= 0)")
        value = float(value)
    elif value is not None:
        raise ValueError(f"{kind} records carry no value")
    row = AggregateEvent(month=month_of(when or clock.now()), county=canonical_county(county),
                         kind=kind, category=category, value=value)
    session.add(row)
    session.flush()
    return row
