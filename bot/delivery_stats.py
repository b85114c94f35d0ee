"""SMS delivery reports, kept only as daily counts per status word.

A row per message would tie a message to a time (and, through it, to a conversation);
program staff only need to know how many replies failed or were delivered on a day.
So the table has no message id, number or body: (day, status) -> count.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.db import Base


class SmsDeliveryDaily(Base):
    __tablename__ = "sms_delivery_daily"
    day = sa.Column(sa.Date, primary_key=True)
    status = sa.Column(sa.String(30), primary_key=True)
    count = sa.Column(sa.Integer, nullable=False, default=0)


def record_delivery(session: Session, status: str, day: dt.date | None = None) -> None:
    """Add one report to the day's count: one atomic upsert, safe across processes."""
    day = day or dt.datetime.now(dt.timezone.utc).date()
    table = SmsDeliveryDaily.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table).values(day=day, status=status, count=1)
    session.execute(statement.on_conflict_do_update(
        index_elements=[table.c.day, table.c.status], set_={"count": table.c.count + 1}))


def delivery_counts(session: Session) -> dict[tuple[dt.date, str], int]:
    return {(r.day, r.status): r.count for r in session.query(SmsDeliveryDaily).all()}
