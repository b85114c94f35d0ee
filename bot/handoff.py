"""Handoff requests: a person is asked to join a conversation.

A record holds only what an advocate needs to help: the pseudonymous conversation
id, channel, urgency, crisis category, reason and a packet of what the bot gathered
(needs, coarse place, screening result). Never a phone number, chat id or name.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import clock
from bot.db import Base

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}
CANCEL_WORDS = frozenset({"bot", "back to bot", "cancel", "cancel request", "never mind", "nevermind"})


def utcnow() -> dt.datetime:
    return clock.now()


def _minutes(name: str, default: float) -> dt.timedelta:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        value = default
    return dt.timedelta(minutes=max(value, 0.0))


def fallback_after() -> dt.timedelta:
    """Unclaimed this long: give the 24/7 human lines (HARBOR_HANDOFF_FALLBACK_MINUTES, default 5)."""
    return _minutes("HARBOR_HANDOFF_FALLBACK_MINUTES", 5)


def silence_close_after() -> dt.timedelta:
    """Youth silent this long: the request closes (HARBOR_HANDOFF_SILENCE_MINUTES, default 15)."""
    return _minutes("HARBOR_HANDOFF_SILENCE_MINUTES", 15)


class Handoff(Base):
    __tablename__ = "handoff"
    id = sa.Column(sa.String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    conversation_id = sa.Column(sa.String(100), nullable=False, index=True)  # a pseudonym
    channel = sa.Column(sa.String(20), nullable=False)
    urgency = sa.Column(sa.String(20), nullable=False)  # emergency | urgent | routine
    category = sa.Column(sa.String(30))  # crisis category, if any
    severity = sa.Column(sa.String(20))
    reason = sa.Column(sa.String(100), nullable=False)
    status = sa.Column(sa.String(20), nullable=False, default="waiting")  # waiting | claimed | closed
    created_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)
    claimed_at = sa.Column(sa.DateTime)
    closed_at = sa.Column(sa.DateTime)
    advocate = sa.Column(sa.String(100))
    outcome = sa.Column(sa.String(50))
    packet_json = sa.Column(sa.Text, nullable=False, default="{}")
    last_youth_at = sa.Column(sa.DateTime)  # latest youth message while open: the silence rule
    fallback_sent_at = sa.Column(sa.DateTime)  # when the 24/7 lines were given for a slow claim

    @property
    def packet(self) -> dict[str, Any]:
        return json.loads(self.packet_json or "{}")


def open_handoff_for(session: Session, conversation_id: str) -> Handoff | None:
    return session.execute(
        sa.select(Handoff).where(Handoff.conversation_id == conversation_id, Handoff.status != "closed")
        .order_by(Handoff.created_at.desc())
    ).scalars().first()


def request_handoff(session: Session, conversation_id: str, channel: str, urgency: str, reason: str,
                    packet: dict[str, Any], category: str | None = None,
                    severity: str | None = None) -> Handoff:
    """Open a request, or raise the urgency of the one already open (never two at once)."""
    if urgency not in URGENCY_ORDER:
        raise ValueError(f"unknown urgency {urgency!r}")
    current = open_handoff_for(session, conversation_id)
    if current is None:
        current = Handoff(conversation_id=conversation_id, channel=channel, urgency=urgency, reason=reason,
                          category=category, severity=severity, packet_json=json.dumps(packet, sort_keys=True))
        session.add(current)
    else:
        if URGENCY_ORDER[urgency] < URGENCY_ORDER[current.urgency]:
            current.urgency, current.reason = urgency, reason
        if category and (current.category is None or urgency == "emergency"):
            current.category, current.severity = category, severity
        merged = {**current.packet, **{k: v for k, v in packet.items() if v}}
        current.packet_json = json.dumps(merged, sort_keys=True)
    session.flush()
    return current


def note_youth_message(handoff: Handoff, now: dt.datetime | None = None) -> None:
    handoff.last_youth_at = now or clock.now()


def needs_fallback_lines(handoff: Handoff, now: dt.datetime | None = None) -> bool:
    """Nobody has claimed within the fallback time and the lines were not given yet."""
    now = now or clock.now()
    return (handoff.status == "waiting" and handoff.fallback_sent_at is None
            and now - handoff.created_at >= fallback_after())


def close_handoff(handoff: Handoff, outcome: str, now: dt.datetime | None = None) -> None:
    handoff.status, handoff.outcome, handoff.closed_at = "closed", outcome, now or clock.now()


def close_silent(session: Session, now: dt.datetime | None = None) -> list[Handoff]:
    """Close open requests whose youth has been silent past the limit (the textline's 15-minute rule).

    Nothing is sent: Harbor never writes to a youth first. The next message from
    that youth finds no open request and the bot answers it again.
    """
    now = now or clock.now()
    limit = now - silence_close_after()
    stale = session.execute(
        sa.select(Handoff).where(Handoff.status != "closed",
                                 sa.func.coalesce(Handoff.last_youth_at, Handoff.created_at) < limit)
    ).scalars().all()
    for handoff in stale:
        close_handoff(handoff, "no response", now)
    session.flush()
    return list(stale)


def is_cancel(text: str | None) -> bool:
    return " ".join((text or "").lower().replace(".", " ").replace("!", " ").split()) in CANCEL_WORDS
