"""The handoff queue and its state changes: claim, release, transfer, close.

Each change is one conditional UPDATE (``... WHERE id = ? AND status = ?``) and checks the
row count, so two advocates acting at once on any replica cannot both win: the database
decides. Nothing here is kept in process memory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.advocates.duty import on_duty_names
from bot.clock import now
from bot.handoff import Handoff

OPEN = ("waiting", "claimed")
URGENCY_RANK = sa.case((Handoff.urgency == "emergency", 0), (Handoff.urgency == "urgent", 1), else_=2)
OUTCOMES = ("connected to shelter", "referred to hotline", "report made", "youth safe / resolved",
            "no response", "other")
HANDED_BACK = "handed back to bot"


class QueueConflict(Exception):
    """The request changed under us (someone else claimed it, it closed, it is not yours)."""


@dataclass(frozen=True)
class QueueItem:
    id: str
    conversation_id: str
    channel: str
    urgency: str
    category: str | None
    reason: str
    status: str
    advocate: str | None
    created_at: dt.datetime
    claimed_at: dt.datetime | None

    def as_json(self, moment: dt.datetime) -> dict[str, Any]:
        return {"id": self.id, "conversation": self.conversation_id[-8:], "channel": self.channel,
                "urgency": self.urgency, "category": self.category, "reason": self.reason, "status": self.status,
                "advocate": self.advocate, "created_at": self.created_at.isoformat() + "Z",
                "waiting_seconds": max(0, int((moment - self.created_at).total_seconds()))}


def open_queue(session: Session) -> list[QueueItem]:
    """Open requests, most urgent first, then the longest waiting."""
    rows = session.execute(
        sa.select(Handoff).where(Handoff.status.in_(OPEN)).order_by(URGENCY_RANK, Handoff.created_at, Handoff.id)
    ).scalars()
    return [QueueItem(h.id, h.conversation_id, h.channel, h.urgency, h.category, h.reason, h.status, h.advocate,
                      h.created_at, h.claimed_at) for h in rows]


def get_handoff(session: Session, handoff_id: str) -> Handoff | None:
    return session.get(Handoff, handoff_id)


def _update(session: Session, handoff_id: str, conditions: list[Any], values: dict[str, Any], why: str) -> None:
    result = session.execute(
        sa.update(Handoff).where(Handoff.id == handoff_id, *conditions).values(**values)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise QueueConflict(why)
    session.expire_all()


def _mine(advocate: str, admin: bool) -> list[Any]:
    return [Handoff.status == "claimed"] + ([] if admin else [Handoff.advocate == advocate])


def claim(session: Session, handoff_id: str, advocate: str) -> None:
    """Take a waiting request. Exactly one of several concurrent claimers succeeds."""
    claimed_at = now()
    _update(session, handoff_id, [Handoff.status == "waiting"],
            {"status": "claimed", "advocate": advocate, "claimed_at": claimed_at},
            "someone else has already taken this conversation, or it is closed")
    handoff = session.get(Handoff, handoff_id)
    if handoff is not None and handoff.created_at is not None:  # the county report's wait times
        from bot.aggregates import record

        waited = max((claimed_at - handoff.created_at).total_seconds(), 0.0)
        record(session, "handoff_wait", handoff.urgency, handoff.packet.get("county"), value=waited)


def release(session: Session, handoff_id: str, advocate: str, admin: bool = False) -> None:
    """Put a claimed request back in the queue for someone else."""
    _update(session, handoff_id, _mine(advocate, admin),
            {"status": "waiting", "advocate": None, "claimed_at": None},
            "this conversation is not claimed by you")


def transfer(session: Session, handoff_id: str, advocate: str, to: str, admin: bool = False) -> None:
    """Give a claimed request to another advocate who is on duty."""
    if to == advocate:
        raise QueueConflict("you already have this conversation")
    if to not in on_duty_names(session):
        raise QueueConflict(f"{to} is not on duty")
    _update(session, handoff_id, _mine(advocate, admin), {"advocate": to, "claimed_at": now()},
            "this conversation is not claimed by you")


def close(session: Session, handoff_id: str, advocate: str, outcome: str, admin: bool = False) -> None:
    """Close a claimed request with an outcome from :data:`OUTCOMES` (or the hand-back outcome)."""
    if outcome not in OUTCOMES and outcome != HANDED_BACK:
        raise ValueError(f"the outcome must be one of: {', '.join(OUTCOMES)}")
    _update(session, handoff_id, _mine(advocate, admin), {"status": "closed", "closed_at": now(), "outcome": outcome},
            "this conversation is not claimed by you")


def claimed_by(session: Session, handoff_id: str, advocate: str, admin: bool = False) -> Handoff:
    """The request if ``advocate`` holds it (or any claimed one for an admin)."""
    handoff = session.get(Handoff, handoff_id)
    if handoff is None or handoff.status != "claimed" or (handoff.advocate != advocate and not admin):
        raise QueueConflict("claim this conversation before answering")
    return handoff


def snapshot_key(items: list[QueueItem]) -> tuple:
    """What changes the queue display (the live stream sends an update only when this changes)."""
    return tuple((i.id, i.status, i.advocate, i.urgency) for i in items)
