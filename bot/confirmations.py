"""One pending yes/no question a channel asked outside the dialogue (today: "erase everything?").

Erasing cannot run as a Rasa action: the tracker store would write the turn's
events back right after the delete. So the channel asks, remembers the question
here for a few minutes, and erases on the confirming reply without running a turn.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import clock
from bot.db import Base

CONFIRM_WINDOW = dt.timedelta(minutes=10)
YES_WORDS = frozenset({"yes", "y", "yes delete", "delete", "confirm", "si", "sí"})


class PendingConfirmation(Base):
    __tablename__ = "pending_confirmation"
    conversation_id = sa.Column(sa.String(100), primary_key=True)
    channel = sa.Column(sa.String(20), primary_key=True)
    action = sa.Column(sa.String(30), nullable=False)
    expires_at = sa.Column(sa.DateTime, nullable=False)


def ask(session: Session, conversation_id: str, channel: str, action: str) -> None:
    row = session.get(PendingConfirmation, (conversation_id, channel))
    expires = clock.now() + CONFIRM_WINDOW
    if row is None:
        session.add(PendingConfirmation(conversation_id=conversation_id, channel=channel,
                                        action=action, expires_at=expires))
    else:
        row.action, row.expires_at = action, expires
    session.flush()


def take(session: Session, conversation_id: str, channel: str) -> str | None:
    """The pending action (removed: a question is answered once), or None if none or expired."""
    row = session.get(PendingConfirmation, (conversation_id, channel))
    if row is None:
        return None
    session.delete(row)
    session.flush()
    return row.action if row.expires_at > clock.now() else None


def is_yes(text: str) -> bool:
    return " ".join(text.lower().replace(".", " ").replace("!", " ").split()) in YES_WORDS
