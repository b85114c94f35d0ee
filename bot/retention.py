"""Retention: delete conversation data older than ``HARBOR_RETENTION_DAYS`` (default 30).

What goes, once it is older than the cutoff (now minus the retention period):
- Rasa tracker events (``events``): every event older than the cutoff, so a conversation
  whose last message is older disappears whole and an active one loses its old turns;
- handoff requests closed before the cutoff, and requests left open with no message from the
  youth since the cutoff (otherwise an abandoned request would keep its packet forever),
  with their advocates' notes (``handoff_note``);
- queued or sent outbound messages (``outbound_message``);
- encrypted reply addresses whose last message is older than the cutoff or whose own
  ``HARBOR_CONTACT_TTL_DAYS`` expired, Telegram message ids (48 h) and inbound
  de-duplication rows (2 days);
- audit-log rows keep the *what* for ``HARBOR_AUDIT_RETENTION_DAYS`` (default 365) but lose
  their conversation id at the conversation cutoff.
What stays: ``aggregate_event`` and ``screening_record`` (no identifier of any kind),
``sms_delivery_daily`` (counts per day), opt-outs (they keep Harbor silent) and the directory.

Every rule reads :func:`bot.clock.now`, so tests move time instead of waiting.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot import clock, contacts
from bot.db import session_scope
from bot.erasure import existing_table
from bot.handoff import Handoff
from bot.meta import get_meta, set_meta

logger = logging.getLogger(__name__)

DEFAULT_DAYS = 30
DEFAULT_AUDIT_DAYS = 365
RUN_EVERY = dt.timedelta(hours=24)
LAST_RUN_KEY = "retention_last_purge"
_DISABLED_WORDS = {"0", "off", "never", "none", "disabled"}


def _days_from_env(name: str, default: int) -> int | None:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _DISABLED_WORDS:
        return None
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number of days (or 'off'), not {raw!r}") from None
    if days < 0:
        raise ValueError(f"{name} must not be negative")
    return days or None


def retention_days() -> int | None:
    """Days conversation data is kept, or None when retention is switched off (unsafe)."""
    return _days_from_env("HARBOR_RETENTION_DAYS", DEFAULT_DAYS)


def audit_retention_days() -> int | None:
    return _days_from_env("HARBOR_AUDIT_RETENTION_DAYS", DEFAULT_AUDIT_DAYS)


def _epoch(moment: dt.datetime) -> float:
    """Rasa stores ``time.time()`` floats; our clock is naive UTC."""
    return moment.replace(tzinfo=dt.timezone.utc).timestamp()


def _purge_events(session: Session, cutoff: dt.datetime) -> dict[str, int]:
    events = existing_table(session, "events")
    if events is None:
        return {"events": 0, "conversations": 0}
    limit = _epoch(cutoff)
    latest = sa.func.max(sa.func.coalesce(events.c.timestamp, 0.0))
    expired = session.execute(
        sa.select(sa.func.count()).select_from(
            sa.select(events.c.sender_id).group_by(events.c.sender_id).having(latest < limit).subquery())
    ).scalar_one()
    active = sa.select(events.c.sender_id).where(events.c.timestamp >= limit)
    deleted = session.execute(sa.delete(events).where(
        sa.or_(events.c.timestamp < limit,
               sa.and_(events.c.timestamp.is_(None), events.c.sender_id.not_in(active))))).rowcount
    return {"events": deleted, "conversations": int(expired)}


def _recently_active(session: Session, cutoff: dt.datetime) -> sa.Select | None:
    events = existing_table(session, "events")
    if events is None:
        return None
    return sa.select(events.c.sender_id).where(events.c.timestamp >= _epoch(cutoff))


def _purge_handoffs(session: Session, cutoff: dt.datetime) -> dict[str, int]:
    closed_old = sa.and_(Handoff.status == "closed",
                         sa.func.coalesce(Handoff.closed_at, Handoff.created_at) < cutoff)
    stale_open = sa.and_(Handoff.status != "closed", Handoff.created_at < cutoff)
    active = _recently_active(session, cutoff)
    if active is not None:
        stale_open = sa.and_(stale_open, Handoff.conversation_id.not_in(active))
    doomed = sa.or_(closed_old, stale_open)
    ids = [row[0] for row in session.execute(sa.select(Handoff.id).where(doomed))]
    counts = {"handoff_note": 0}
    notes = existing_table(session, "handoff_note")
    if notes is not None:
        still_open = sa.select(Handoff.conversation_id).where(Handoff.status != "closed",
                                                               Handoff.id.not_in(ids))
        rules = []
        if "handoff_id" in notes.c and ids:
            rules.append(notes.c.handoff_id.in_(ids))
        if "created_at" in notes.c and "conversation_id" in notes.c:
            rules.append(sa.and_(notes.c.created_at < cutoff, notes.c.conversation_id.not_in(still_open)))
        if rules:
            counts["handoff_note"] = session.execute(sa.delete(notes).where(sa.or_(*rules))).rowcount
    counts["handoff"] = session.execute(sa.delete(Handoff).where(Handoff.id.in_(ids))).rowcount if ids else 0
    return counts


def _purge_outbox(session: Session, cutoff: dt.datetime) -> dict[str, int]:
    outbox = existing_table(session, "outbound_message")
    if outbox is None or "created_at" not in outbox.c:
        return {"outbound_message": 0}
    return {"outbound_message": session.execute(
        sa.delete(outbox).where(outbox.c.created_at < cutoff)).rowcount}


def _purge_audit(session: Session, now: dt.datetime, cutoff: dt.datetime) -> dict[str, int]:
    audit = existing_table(session, "audit_log")
    if audit is None or "at" not in audit.c:
        return {"audit_log": 0, "audit_log_unlinked": 0}
    deleted = 0
    audit_days = audit_retention_days()
    if audit_days is not None:
        deleted = session.execute(
            sa.delete(audit).where(audit.c.at < now - dt.timedelta(days=audit_days))).rowcount
    unlinked = 0
    if "conversation_id" in audit.c:
        unlinked = session.execute(
            sa.update(audit).where(audit.c.at < cutoff, audit.c.conversation_id.is_not(None))
            .values(conversation_id=None)).rowcount
    return {"audit_log": deleted, "audit_log_unlinked": unlinked}


def _purge_contacts(session: Session, now: dt.datetime, cutoff: dt.datetime) -> dict[str, int]:
    counts = contacts.purge_expired(session, now)
    # expires_at = last message + TTL, so "last message before the cutoff" is this:
    silent = session.execute(sa.delete(contacts.ContactAddress).where(
        contacts.ContactAddress.expires_at < cutoff + contacts.contact_ttl())).rowcount
    counts["contact_address"] += silent
    counts["chat_message"] = contacts.purge_chat_messages(session, now)
    return counts


def purge(session: Session, now: dt.datetime | None = None, days: int | None = None) -> dict[str, int]:
    """Delete everything older than the retention period; return rows affected per table.

    Returns an empty dict when retention is switched off (``HARBOR_RETENTION_DAYS=off``) and no
    ``days`` is given. The caller's transaction decides: roll back for a dry run.
    """
    now = now or clock.now()
    days = retention_days() if days is None else days
    if days is None:
        return {}
    if days < 1:
        raise ValueError("the retention period must be at least 1 day")
    cutoff = now - dt.timedelta(days=days)
    counts: dict[str, int] = {}
    counts.update(_purge_events(session, cutoff))
    counts.update(_purge_handoffs(session, cutoff))
    counts.update(_purge_outbox(session, cutoff))
    counts.update(_purge_audit(session, now, cutoff))
    counts.update(_purge_contacts(session, now, cutoff))
    return counts


def maybe_purge(now: dt.datetime | None = None) -> dict[str, int] | None:
    """Purge if the last run (kept in ``harbor_meta``) is 24 h old or more; None when not due.

    Several processes may call this; at worst two purge at once, which deletes nothing twice.
    """
    now = now or clock.now()
    with session_scope() as session:
        last = get_meta(session, LAST_RUN_KEY)
        if last and now - dt.datetime.fromisoformat(last) < RUN_EVERY:
            return None
        set_meta(session, LAST_RUN_KEY, now.isoformat())
        counts = purge(session, now=now)
    return counts


async def purge_forever(check_every_seconds: float = 3600) -> None:
    """Background task for the Rasa server: check hourly, purge daily, never crash the server."""
    while True:
        try:
            counts = await asyncio.to_thread(maybe_purge)
            if counts:
                logger.info("retention purge: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
        except Exception as error:  # keep serving; the next check tries again
            logger.error("retention purge failed: %s", type(error).__name__)
        await asyncio.sleep(check_every_seconds)
