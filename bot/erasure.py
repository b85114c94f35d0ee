"""Delete-my-data: erase one conversation from every place Harbor stores it.

Rasa's SQL tracker store keeps the conversation as rows of its ``events`` table keyed by
sender id (our pseudonym); Harbor keeps handoff requests, advocates' notes, queued
outbound messages, the encrypted reply address, menus and sent-message ids. All go in one
transaction. Two things stay: the opt-out row (it holds no identity and is what keeps
Harbor silent) and audit-log rows, whose conversation id is blanked so the record of who
did what remains without pointing at the youth.

Tables owned by other features (notes, outbox, audit log) are reached by name and may
be absent in an older schema: each is skipped when the inspector does not see it.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import contacts
from bot.handoff import Handoff

# Rasa's SQLTrackerStore table, described here so bot/ needs no Rasa server import.
RASA_EVENTS = sa.table("events", sa.column("sender_id"))


def existing_table(session: Session, name: str) -> sa.Table | None:
    """The reflected table, or None when this database has no table of that name."""
    connection = session.connection()
    if not sa.inspect(connection).has_table(name):
        return None
    return sa.Table(name, sa.MetaData(), autoload_with=connection)


def erase_conversation(session: Session, conversation_id: str, channel: str) -> dict[str, int]:
    """Remove the conversation's tracker events, handoff requests, notes, outbox and contact data;
    blank its id in the audit log; return counts per table."""
    counts = {"events": 0}
    if existing_table(session, "events") is not None:
        counts["events"] = session.execute(
            sa.delete(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == conversation_id)).rowcount
    for name in ("handoff_note", "outbound_message"):
        table = existing_table(session, name)
        if table is not None and "conversation_id" in table.c:
            counts[name] = session.execute(
                sa.delete(table).where(table.c.conversation_id == conversation_id)).rowcount
    audit = existing_table(session, "audit_log")
    if audit is not None and "conversation_id" in audit.c:
        counts["audit_log_unlinked"] = session.execute(
            sa.update(audit).where(audit.c.conversation_id == conversation_id)
            .values(conversation_id=None)).rowcount
    counts["handoffs"] = session.execute(
        sa.delete(Handoff).where(Handoff.conversation_id == conversation_id)).rowcount
    contacts.forget_conversation(session, conversation_id, channel)
    return counts
