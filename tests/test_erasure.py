"""Delete-my-data erases one conversation everywhere (Rasa's events, handoffs, contact data) and
nothing of anyone else's."""
from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import contacts
from bot.db import session_scope
from bot.erasure import erase_conversation
from bot.handoff import Handoff, request_handoff
from bot.migrate import upgrade
from tests.conftest import PROJECT


def _store_conversation(store, sender: str) -> None:  # type: ignore[no-untyped-def]
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("hello there", {"name": "greet", "confidence": 1.0}))
    asyncio.run(store.save(tracker))


def test_erases_only_that_conversation(harbor_env: Path) -> None:
    from rasa_plugins.tracker_store import HarborTrackerStore

    upgrade()
    store = HarborTrackerStore(domain=Domain.load(str(PROJECT / "domain.yml")))
    _store_conversation(store, "telegram-aaa")
    _store_conversation(store, "telegram-bbb")
    with session_scope() as session:
        request_handoff(session, "telegram-aaa", "telegram", "urgent", "asked for a person", {})
        request_handoff(session, "telegram-bbb", "telegram", "urgent", "asked for a person", {})
        contacts.remember_address(session, "telegram-aaa", "telegram", "12345")
    with session_scope() as session:
        counts = erase_conversation(session, "telegram-aaa", "telegram")
    assert counts["events"] > 0 and counts["handoffs"] == 1
    with session_scope() as session:
        assert session.query(Handoff).filter_by(conversation_id="telegram-aaa").count() == 0
        assert session.query(Handoff).filter_by(conversation_id="telegram-bbb").count() == 1
        assert session.query(contacts.ContactAddress).filter_by(conversation_id="telegram-aaa").count() == 0
        rows = session.execute(sa.text("select sender_id from events")).scalars().all()
    assert "telegram-aaa" not in rows and "telegram-bbb" in rows


def test_erasure_reaches_notes_outbox_and_audit_log(harbor_env: Path) -> None:
    from tests.test_retention import ensure_side_tables, insert, store_events, tracker_store

    upgrade()
    ensure_side_tables()
    store = tracker_store()
    store_events(store, "sms-aaa", dt.datetime(2026, 11, 20))
    store_events(store, "sms-bbb", dt.datetime(2026, 11, 20))
    with session_scope() as session:
        for who in ("sms-aaa", "sms-bbb"):
            row = request_handoff(session, who, "sms", "urgent", "asked for a person", {})
            insert(session, "handoff_note", handoff_id=row.id, conversation_id=who, text=f"note {who}")
            insert(session, "outbound_message", conversation_id=who, channel="sms", text=f"reply {who}")
            insert(session, "audit_log", at=dt.datetime(2026, 11, 20), action="claim", conversation_id=who)
            contacts.remember_address(session, who, "sms", "+16085550100")
        contacts.opt_out(session, "sms-aaa", "sms")
    with session_scope() as session:
        counts = erase_conversation(session, "sms-aaa", "sms")
    assert counts["handoff_note"] == 1 and counts["outbound_message"] == 1 and counts["audit_log_unlinked"] == 1
    with session_scope() as session:
        notes = session.execute(sa.text("select conversation_id from handoff_note")).scalars().all()
        outbox = session.execute(sa.text("select conversation_id from outbound_message")).scalars().all()
        audit = session.execute(sa.text("select conversation_id, action from audit_log order by id")).all()
        assert notes == ["sms-bbb"] and outbox == ["sms-bbb"]
        assert audit == [(None, "claim"), ("sms-bbb", "claim")]  # the record of the action stays, unlinked
        assert contacts.is_opted_out(session, "sms-aaa", "sms")  # the opt-out keeps Harbor silent
        assert session.query(contacts.ContactAddress).filter_by(conversation_id="sms-aaa").count() == 0


def test_erasure_tolerates_missing_side_tables(harbor_env: Path) -> None:
    upgrade()
    with session_scope() as session:
        for name in ("handoff_note", "outbound_message", "audit_log"):
            session.execute(sa.text(f"drop table if exists {name}"))
        request_handoff(session, "web-zzz", "web", "urgent", "asked for a person", {})
    with session_scope() as session:
        counts = erase_conversation(session, "web-zzz", "web")
    assert counts["handoffs"] == 1 and "handoff_note" not in counts
