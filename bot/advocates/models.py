"""Advocate console tables: accounts, sessions, audit log, notes, canned replies, outbound messages.

Retention and erasure code elsewhere deletes by table name and ``conversation_id`` /
``created_at``, so those names are part of the contract. No table holds a youth's
phone number, chat id or name: conversations are known by their pseudonym only.
"""
from __future__ import annotations

import sqlalchemy as sa

from bot.clock import now
from bot.db import Base

ROLES = ("advocate", "admin", "program")


class Advocate(Base):
    __tablename__ = "advocate"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    name = sa.Column(sa.String(100), nullable=False, unique=True)
    role = sa.Column(sa.String(20), nullable=False, default="advocate")  # advocate | admin | program
    password_hash = sa.Column(sa.String(255), nullable=False)  # argon2id
    on_duty = sa.Column(sa.Boolean, nullable=False, default=False)
    failed_logins = sa.Column(sa.Integer, nullable=False, default=0)
    locked_until = sa.Column(sa.DateTime)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=now)


class AdvocateSession(Base):
    __tablename__ = "advocate_session"
    token_hash = sa.Column(sa.String(64), primary_key=True)  # SHA-256 hex of the cookie token
    advocate_id = sa.Column(sa.Integer, sa.ForeignKey("advocate.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    csrf_token = sa.Column(sa.String(64), nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=now)
    last_seen_at = sa.Column(sa.DateTime, nullable=False, default=now)


class AuditLog(Base):
    __tablename__ = "audit_log"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    at = sa.Column(sa.DateTime, nullable=False, default=now, index=True)
    advocate = sa.Column(sa.String(100), nullable=False)
    action = sa.Column(sa.String(40), nullable=False)
    conversation_id = sa.Column(sa.String(100), index=True)
    detail = sa.Column(sa.String(200))


class HandoffNote(Base):
    __tablename__ = "handoff_note"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    handoff_id = sa.Column(sa.String(36), nullable=False, index=True)
    conversation_id = sa.Column(sa.String(100), nullable=False, index=True)
    advocate = sa.Column(sa.String(100), nullable=False)
    text = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=now)


class CannedReply(Base):
    __tablename__ = "canned_reply"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    title = sa.Column(sa.String(80), nullable=False)
    text = sa.Column(sa.String(320), nullable=False)


class OutboundMessage(Base):
    __tablename__ = "outbound_message"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    conversation_id = sa.Column(sa.String(100), nullable=False, index=True)
    channel = sa.Column(sa.String(20), nullable=False)
    text = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime, nullable=False, default=now)
    delivered_at = sa.Column(sa.DateTime)
