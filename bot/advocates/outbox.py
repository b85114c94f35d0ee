"""Advocate messages waiting for a browser to fetch them (web chat, REST integrations).

SMS and Telegram push to the youth; a web page cannot be pushed to, so its messages wait
here until the page polls. Marking a row delivered is a conditional UPDATE, so with two
tabs or two replicas a message is handed out once.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.advocates.models import OutboundMessage
from bot.clock import now


def queue_message(session: Session, conversation_id: str, channel: str, text: str) -> OutboundMessage:
    message = OutboundMessage(conversation_id=conversation_id, channel=channel, text=text, created_at=now())
    session.add(message)
    session.flush()
    return message


def take_undelivered(session: Session, conversation_id: str) -> list[OutboundMessage]:
    """Messages not yet delivered, oldest first; each is marked delivered as it is taken."""
    pending = session.execute(
        sa.select(OutboundMessage).where(OutboundMessage.conversation_id == conversation_id,
                                         OutboundMessage.delivered_at.is_(None))
        .order_by(OutboundMessage.created_at, OutboundMessage.id)).scalars().all()
    taken = []
    for message in pending:
        moment = now()
        won = session.execute(
            sa.update(OutboundMessage).where(OutboundMessage.id == message.id, OutboundMessage.delivered_at.is_(None))
            .values(delivered_at=moment).execution_options(synchronize_session=False)).rowcount
        if won == 1:
            message.delivered_at = moment
            taken.append(message)
    return taken
