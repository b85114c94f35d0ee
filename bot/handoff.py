"""Handoff requests: a person is asked to join a conversation.

A record holds only what an advocate needs to help: the pseudonymous conversation
id, channel, urgency, crisis category, reason and a packet of what the bot gathered
(needs, coarse place, screening result). Never a phone number, chat id or name.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.db import Base

URGENCY_ORDER = {"emergency": 0, "urgent": 1, "routine": 2}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


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
