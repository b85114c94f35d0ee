"""Reply addresses, opt-outs and inbound de-duplication for message channels (SMS first).

The only place a phone number exists at rest is ``contact_address.address_enc``: Fernet
ciphertext under ``HARBOR_FERNET_KEY``, keyed by the pseudonym, kept only so an advocate
can answer over the youth's own channel, and deleted after ``HARBOR_CONTACT_TTL_DAYS``
(default 30) without a new message. Opt-outs and de-duplication rows hold no number.

``contact_address.menu_json`` keeps the button payloads of the last bot reply, so a
youth can answer "2" on a phone with no buttons. It lives in the database rather than
in process memory so it survives restarts and works with several Sanic workers or Rasa
replicas; payloads ("/need_shelter") say nothing about the person.
"""
from __future__ import annotations

import datetime as dt
import json
import os

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import Base
from bot.secrets import get_secret

DEFAULT_TTL_DAYS = 30
# MessageSids only need to outlive the provider's retries (minutes); keep them two days.
INBOUND_RETENTION = dt.timedelta(days=2)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def contact_ttl() -> dt.timedelta:
    """How long a reply address is kept after the youth's last message."""
    raw = os.environ.get("HARBOR_CONTACT_TTL_DAYS", "").strip()
    days = float(raw) if raw else DEFAULT_TTL_DAYS
    if days <= 0:
        raise ValueError("HARBOR_CONTACT_TTL_DAYS must be a positive number of days")
    return dt.timedelta(days=days)


class ContactAddress(Base):
    __tablename__ = "contact_address"
    conversation_id = sa.Column(sa.String(100), primary_key=True)  # a pseudonym
    channel = sa.Column(sa.String(20), primary_key=True)
    address_enc = sa.Column(sa.Text, nullable=False)  # Fernet token; never the clear address
    expires_at = sa.Column(sa.DateTime, nullable=False, index=True)
    menu_json = sa.Column(sa.Text, nullable=False, default="[]")  # payloads of the last buttons


class OptOut(Base):
    __tablename__ = "opt_out"
    pseudonym = sa.Column(sa.String(100), primary_key=True)
    channel = sa.Column(sa.String(20), primary_key=True)
    opted_out_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class InboundMessage(Base):
    __tablename__ = "inbound_message"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    channel = sa.Column(sa.String(20), nullable=False)
    provider_message_id = sa.Column(sa.String(64), nullable=False, unique=True)
    received_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)


class ContactUnavailable(Exception):
    """There is no address Harbor may use: never stored, expired, or the youth opted out."""


def _fernet() -> Fernet:
    return Fernet(get_secret("HARBOR_FERNET_KEY").encode())


def encrypt_address(address: str) -> str:
    return _fernet().encrypt(address.encode()).decode()


def decrypt_address(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def remember_address(session: Session, conversation_id: str, channel: str, address: str,
                     now: dt.datetime | None = None) -> ContactAddress:
    """Store (or refresh) the encrypted reply address; the expiry restarts at every message."""
    now = now or utcnow()
    row = session.get(ContactAddress, (conversation_id, channel))
    if row is None:
        row = ContactAddress(conversation_id=conversation_id, channel=channel, menu_json="[]")
        session.add(row)
    row.address_enc = encrypt_address(address)  # a fresh token each time; same plaintext
    row.expires_at = now + contact_ttl()
    session.flush()
    return row


def forget_address(session: Session, conversation_id: str, channel: str) -> None:
    """Delete the stored address (on opt-out: Harbor may not text it any more)."""
    session.execute(sa.delete(ContactAddress).where(ContactAddress.conversation_id == conversation_id,
                                                    ContactAddress.channel == channel))


def reply_address(session: Session, conversation_id: str, channel: str,
                  now: dt.datetime | None = None) -> str:
    """The clear address for an outbound message, or :class:`ContactUnavailable` saying why."""
    now = now or utcnow()
    if is_opted_out(session, conversation_id, channel):
        raise ContactUnavailable("the person opted out of messages on this channel")
    row = session.get(ContactAddress, (conversation_id, channel))
    if row is None:
        raise ContactUnavailable("no reply address is stored for this conversation")
    if row.expires_at <= now:
        raise ContactUnavailable("the reply address expired (no message from the person in time)")
    try:
        return decrypt_address(row.address_enc)
    except InvalidToken as error:
        raise ContactUnavailable("the reply address cannot be decrypted with the current key") from error


def set_menu(session: Session, conversation_id: str, channel: str, payloads: list[str]) -> None:
    row = session.get(ContactAddress, (conversation_id, channel))
    if row is not None:
        row.menu_json = json.dumps(payloads)


def menu_choice(session: Session, conversation_id: str, channel: str, text: str) -> str | None:
    """The payload a numbered reply ("2") stands for, or None when it is not a menu choice."""
    choice = text.strip()
    if not choice.isdigit() or len(choice) > 2:
        return None
    row = session.get(ContactAddress, (conversation_id, channel))
    payloads = json.loads(row.menu_json or "[]") if row else []
    index = int(choice) - 1
    return payloads[index] if 0 <= index < len(payloads) else None


def is_opted_out(session: Session, pseudonym: str, channel: str) -> bool:
    return session.get(OptOut, (pseudonym, channel)) is not None


def opt_out(session: Session, pseudonym: str, channel: str) -> bool:
    """Record an opt-out. True when it is new (confirm it once), False if already opted out.

    Call it in a session of its own: a concurrent duplicate rolls that session back.
    """
    if is_opted_out(session, pseudonym, channel):
        return False
    session.add(OptOut(pseudonym=pseudonym, channel=channel, opted_out_at=utcnow()))
    try:
        session.flush()
    except IntegrityError:  # a concurrent STOP won; it sends the confirmation
        session.rollback()
        return False
    return True


def opt_in(session: Session, pseudonym: str, channel: str) -> bool:
    """Remove an opt-out. True when there was one."""
    deleted = session.execute(
        sa.delete(OptOut).where(OptOut.pseudonym == pseudonym, OptOut.channel == channel)
    ).rowcount
    return bool(deleted)


def claim_inbound(session: Session, channel: str, provider_message_id: str) -> bool:
    """True the first time a provider message id is seen, False for a duplicate.

    One INSERT decides it: the unique key makes the database the arbiter, so it is atomic
    across concurrent requests, workers and processes (no read-then-write race). Call it in a
    session of its own and commit at once: a duplicate rolls that session back.
    """
    session.add(InboundMessage(channel=channel, provider_message_id=provider_message_id, received_at=utcnow()))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return False
    return True


def purge_expired(session: Session, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete expired reply addresses and old de-duplication rows."""
    now = now or utcnow()
    addresses = session.execute(sa.delete(ContactAddress).where(ContactAddress.expires_at <= now)).rowcount
    inbound = session.execute(
        sa.delete(InboundMessage).where(InboundMessage.received_at <= now - INBOUND_RETENTION)
    ).rowcount
    return {"contact_address": addresses, "inbound_message": inbound}


# --- messages in the youth's own chat (Telegram), so /delete can remove them ----------------------
# Telegram lets a bot delete a message for 48 hours; after that the id is useless, so it goes.
CHAT_MESSAGE_RETENTION = dt.timedelta(hours=48)


class ChatMessage(Base):
    """A message id in a chat Harbor answers in (no text, no chat id: those live encrypted elsewhere)."""

    __tablename__ = "chat_message"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    conversation_id = sa.Column(sa.String(100), nullable=False, index=True)  # a pseudonym
    channel = sa.Column(sa.String(20), nullable=False)
    message_id = sa.Column(sa.String(64), nullable=False)
    sent_at = sa.Column(sa.DateTime, nullable=False, default=utcnow, index=True)


def remember_chat_messages(session: Session, conversation_id: str, channel: str, message_ids: list[str],
                           now: dt.datetime | None = None) -> None:
    """Record message ids Harbor may later delete on the youth's request."""
    now = now or utcnow()
    for message_id in message_ids:
        session.add(ChatMessage(conversation_id=conversation_id, channel=channel, message_id=message_id,
                                sent_at=now))
    session.flush()


def deletable_chat_messages(session: Session, conversation_id: str, channel: str,
                            now: dt.datetime | None = None) -> list[str]:
    """Ids of messages still inside the provider's deletion window, oldest first."""
    now = now or utcnow()
    rows = session.execute(
        sa.select(ChatMessage.message_id).where(
            ChatMessage.conversation_id == conversation_id, ChatMessage.channel == channel,
            ChatMessage.sent_at > now - CHAT_MESSAGE_RETENTION).order_by(ChatMessage.id))
    return [row[0] for row in rows]


def forget_conversation(session: Session, conversation_id: str, channel: str) -> None:
    """Delete everything stored about this person on this channel except an opt-out.

    The opt-out stays: it holds no identity and is what keeps Harbor silent.
    """
    forget_address(session, conversation_id, channel)
    session.execute(sa.delete(ChatMessage).where(ChatMessage.conversation_id == conversation_id,
                                                 ChatMessage.channel == channel))


def purge_chat_messages(session: Session, now: dt.datetime | None = None) -> int:
    """Delete message ids older than the deletion window."""
    now = now or utcnow()
    return session.execute(
        sa.delete(ChatMessage).where(ChatMessage.sent_at <= now - CHAT_MESSAGE_RETENTION)).rowcount
