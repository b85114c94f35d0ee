"""The audit log: who did what, when, to which conversation. Admins read it in the console.

``detail`` is short and never holds message text: a reply is logged as "reply sent", not
its words, so the audit log does not become a second transcript.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.advocates.models import AuditLog
from bot.clock import now

VIEW = "view transcript"
# The open conversation refreshes every few seconds; one row per advocate, conversation and
# window says "this person read this transcript then" without a row per refresh.
VIEW_WINDOW = dt.timedelta(minutes=5)


def record(session: Session, advocate: str, action: str, conversation_id: str | None = None,
           detail: str | None = None) -> None:
    session.add(AuditLog(at=now(), advocate=advocate[:100], action=action[:40], conversation_id=conversation_id,
                         detail=(detail or None) and detail[:200]))
    session.flush()


def recent(session: Session, limit: int = 200, conversation_id: str | None = None) -> list[AuditLog]:
    query = sa.select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)
    if conversation_id:
        query = query.where(AuditLog.conversation_id == conversation_id)
    return list(session.execute(query).scalars())


def record_view(session: Session, advocate: str, conversation_id: str) -> bool:
    """Record a transcript view unless the same advocate's view of it is already logged in the window."""
    since = now() - VIEW_WINDOW
    seen = session.execute(
        sa.select(AuditLog.id).where(AuditLog.advocate == advocate, AuditLog.action == VIEW,
                                     AuditLog.conversation_id == conversation_id, AuditLog.at >= since).limit(1)
    ).first()
    if seen:
        return False
    record(session, advocate, VIEW, conversation_id)
    return True
