"""Delete-my-data erases one conversation everywhere (Rasa's events, handoffs, contact data) and
nothing of anyone else's."""
from __future__ import annotations

import asyncio
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
