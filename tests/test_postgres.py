"""Harbor's migrations, tables and Rasa tracker store on a real PostgreSQL 15 on loopback."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import HSDS, _reset_caches
from tests.scaleout.services import running_services


@pytest.fixture(scope="module")
def services() -> Iterator[dict[str, str]]:
    with running_services() as env:
        yield env


@pytest.fixture
def pg(services: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Harbor pointed at the PostgreSQL database (migrated), with its own var/ for secrets."""
    from bot.migrate import upgrade

    monkeypatch.setenv("HARBOR_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("HARBOR_DATABASE_URL", services["HARBOR_DATABASE_URL"])
    _reset_caches()
    upgrade()
    yield services["HARBOR_DATABASE_URL"]
    _reset_caches()


def test_migrations_reach_head_on_postgresql(pg: str) -> None:
    from alembic.script import ScriptDirectory

    from bot.db import get_engine
    from bot.migrate import alembic_config

    head = ScriptDirectory.from_config(alembic_config(pg)).get_current_head()
    engine = get_engine()
    assert engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head
    tables = set(sa.inspect(engine).get_table_names())
    assert {"handoff", "contact_address", "inbound_message"} <= tables


def test_directory_import_and_search(pg: str) -> None:
    from bot.db import session_scope
    from bot.directory.hsds_csv import import_directory
    from bot.directory.search import find_services

    with session_scope() as session:
        counts = import_directory(session, HSDS)
    assert counts and all(n >= 0 for n in counts.values())
    with session_scope() as session:
        options = find_services(session, "shelter", "Dane County")
    assert options[0].scope == "county" and "Briarpatch" in options[0].name
    with session_scope() as session:  # importing again replaces, it does not duplicate
        import_directory(session, HSDS)
    with session_scope() as session:
        again = find_services(session, "shelter", "Dane County")
    assert [o.service_id for o in again] == [o.service_id for o in options]


def test_handoff_requests_never_two_open(pg: str) -> None:
    from bot.db import session_scope
    from bot.handoff import Handoff, request_handoff

    conversation = f"pg-{uuid.uuid4().hex}"
    with session_scope() as session:
        request_handoff(session, conversation, "sms", "routine", "asked for a person", {"need": "food"})
    with session_scope() as session:
        request_handoff(session, conversation, "sms", "emergency", "crisis", {}, category="danger")
    with session_scope() as session:
        rows = session.execute(sa.select(Handoff).where(Handoff.conversation_id == conversation)).scalars().all()
    assert len(rows) == 1 and rows[0].urgency == "emergency" and rows[0].packet == {"need": "food"}


def test_contacts_and_inbound_deduplication(pg: str) -> None:
    from bot.contacts import claim_inbound, remember_address, reply_address
    from bot.db import session_scope

    conversation, sid = f"pg-{uuid.uuid4().hex}", f"SM{uuid.uuid4().hex}"
    with session_scope() as session:
        remember_address(session, conversation, "sms", "+16085550100")
    with session_scope() as session:
        assert reply_address(session, conversation, "sms") == "+16085550100"
    with session_scope() as session:
        assert claim_inbound(session, "sms", sid) is True
    with session_scope() as session:  # the unique key decides on PostgreSQL too
        assert claim_inbound(session, "sms", sid) is False


async def test_harbor_tracker_store_on_postgresql(pg: str) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.db import get_engine
    from rasa_plugins.tracker_store import HarborTrackerStore

    store = HarborTrackerStore(domain=Domain.empty())
    assert store.engine.dialect.name == "postgresql"
    sender = f"pg-{uuid.uuid4().hex}"
    tracker = DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0}, message_id="m1"),
        BotUttered("Hello"), ActionExecuted("action_listen")])
    await store.save(tracker)
    tracker.update(UserUttered("food", {"name": "need_food", "confidence": 1.0}, message_id="m2"))
    await store.save(tracker)  # only the new event is appended
    again = await store.retrieve(sender)
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["hi", "food"]
    with get_engine().connect() as conn:
        rows = conn.execute(sa.text("SELECT type_name, data::json->>'message_id' FROM events "
                                    "WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
    assert [r[0] for r in rows] == ["action", "user", "bot", "action", "user"]
    assert [r[1] for r in rows if r[0] == "user"] == ["m1", "m2"]
