"""Delete-my-data: erase one conversation from every place Harbor stores it.

Rasa's SQL tracker store keeps the conversation as rows of its ``events`` table keyed by
sender id (our pseudonym); Harbor keeps handoff requests, the encrypted reply address,
menus and sent-message ids. All go in one transaction. The opt-out row stays: it holds
no identity and is what keeps Harbor silent.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import contacts
from bot.handoff import Handoff

# Rasa's SQLTrackerStore table, described here so bot/ needs no Rasa server import.
RASA_EVENTS = sa.table("events", sa.column("sender_id"))


def erase_conversation(session: Session, conversation_id: str, channel: str) -> dict[str, int]:
    """Remove the conversation's tracker events, handoff requests and contact data; return counts."""
    counts = {"events": 0}
    if sa.inspect(session.connection()).has_table("events"):
        counts["events"] = session.execute(
            sa.delete(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == conversation_id)).rowcount
    counts["handoffs"] = session.execute(
        sa.delete(Handoff).where(Handoff.conversation_id == conversation_id)).rowcount
    contacts.forget_conversation(session, conversation_id, channel)
    return counts
