"""Key rotation: re-keyed conversations continue under the new pseudonym; no row keeps the old id."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken

from bot import contacts, key_rotation
from bot.db import get_engine, session_scope
from bot.handoff import request_handoff
from bot.migrate import upgrade
from bot.pseudonym import pseudonym
from bot.secrets import get_secret
from tests.test_retention import ensure_side_tables, insert, store_events, tracker_store

PHONE = "+16085550123"
CHAT = "424242"
WHEN = dt.datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def db(harbor_env: Path) -> Path:
    upgrade()
    ensure_side_tables()
    return harbor_env


def all_text(conversation_ids: list[str]) -> list[tuple[str, str]]:
    """(table.column, value) for every stored string that mentions one of the ids."""
    hits = []
    engine = get_engine()
    with engine.connect() as connection:
        for name in sa.inspect(connection).get_table_names():
            table = sa.Table(name, sa.MetaData(), autoload_with=connection)
            for row in connection.execute(sa.select(table)):
                for column, value in zip(table.c, row):
                    if isinstance(value, str) and any(i in value for i in conversation_ids):
                        hits.append((f"{name}.{column.name}", value))
    return hits


def seed() -> dict[str, str]:
    ids = {"sms": pseudonym("sms", PHONE), "telegram": pseudonym("telegram", CHAT), "web": pseudonym("web", "tok")}
    store = tracker_store()
    for who in ids.values():
        store_events(store, who, WHEN, WHEN + dt.timedelta(minutes=1), text="I need a place to sleep")
    with session_scope() as session:
        contacts.remember_address(session, ids["sms"], "sms", PHONE)
        contacts.remember_address(session, ids["telegram"], "telegram", CHAT)
        contacts.remember_chat_messages(session, ids["telegram"], "telegram", ["77"])
        session.add(contacts.OptOut(pseudonym=ids["telegram"], channel="telegram", opted_out_at=WHEN))
        for who in ids.values():
            row = request_handoff(session, who, who.split("-")[0], "urgent", "asked for a person",
                                  {"note_for": who})
            insert(session, "handoff_note", handoff_id=row.id, conversation_id=who, text="called back", created_at=WHEN)
            insert(session, "outbound_message", conversation_id=who, channel="sms", text="hi", created_at=WHEN)
            insert(session, "audit_log", at=WHEN, action="claim", conversation_id=who, detail=f"claimed {who}")
    return ids


def test_pseudonym_rotation_continues_conversations_and_leaves_no_old_id(db: Path) -> None:
    ids = seed()
    old_key = get_secret("HARBOR_PSEUDONYM_KEY")

    rotation = key_rotation.rotate_pseudonym_key()

    new_key = key_rotation.stored_secret("HARBOR_PSEUDONYM_KEY")
    assert rotation.written_to is not None and new_key != old_key and get_secret("HARBOR_PSEUDONYM_KEY") == new_key
    assert rotation.counts["conversations_rekeyed"] == 2 and rotation.counts["events.sender_id"] == 4
    new_sms = pseudonym("sms", PHONE, key=new_key)
    new_tg = pseudonym("telegram", CHAT, key=new_key)
    assert pseudonym("sms", PHONE) == new_sms  # what the channel computes from now on

    # The same phone number continues the same history.
    store = tracker_store()
    tracker = asyncio.run(store.retrieve(new_sms))
    assert tracker is not None and len([e for e in tracker.events if e.as_dict()["event"] == "user"]) == 2
    store_events(store, new_sms, WHEN + dt.timedelta(minutes=5), text="still there?")
    texts = [e.as_dict().get("text") for e in asyncio.run(store.retrieve(new_sms)).events]
    assert texts.count("I need a place to sleep") == 2 and "still there?" in texts

    assert all_text([ids["sms"], ids["telegram"]]) == []  # not in any table, column or JSON text
    with session_scope() as session:
        assert contacts.reply_address(session, new_sms, "sms") == PHONE
        assert contacts.is_opted_out(session, new_tg, "telegram")
        assert contacts.deletable_chat_messages(session, new_tg, "telegram", now=dt.datetime.utcnow()) == ["77"]
        packets = session.execute(sa.text("select packet_json from handoff")).scalars().all()
    assert {"note_for": new_sms} in [json.loads(p) for p in packets]
    # Web chat has no stored address: it keeps its old id and expires by retention.
    assert {table for table, _ in all_text([ids["web"]])} >= {"events.sender_id", "handoff.conversation_id"}


def test_key_from_the_environment_is_printed_not_stored(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARBOR_PSEUDONYM_KEY", "e" * 64)
    get_secret.cache_clear()
    seed()
    before = key_rotation.stored_secret("HARBOR_PSEUDONYM_KEY")
    rotation = key_rotation.rotate_pseudonym_key()
    assert rotation.written_to is None and rotation.set_in_environment.startswith("HARBOR_PSEUDONYM_KEY=")
    new_key = rotation.set_in_environment.partition("=")[2]
    assert key_rotation.stored_secret("HARBOR_PSEUDONYM_KEY") == before
    with session_scope() as session:
        assert contacts.reply_address(session, pseudonym("sms", PHONE, key=new_key), "sms") == PHONE


def test_failed_key_write_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = seed()

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(key_rotation, "write_secret", broken)
    with pytest.raises(OSError):
        key_rotation.rotate_pseudonym_key()
    assert pseudonym("sms", PHONE) == ids["sms"]
    with session_scope() as session:
        assert contacts.reply_address(session, ids["sms"], "sms") == PHONE


def test_encryption_rotation_reencrypts_every_address(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    ids = seed()
    old_key = get_secret("HARBOR_FERNET_KEY")
    assert main(["keys", "rotate-encryption", "--force"]) == 0
    assert "addresses_reencrypted" in capsys.readouterr().out
    new_key = key_rotation.stored_secret("HARBOR_FERNET_KEY")
    assert new_key != old_key and get_secret("HARBOR_FERNET_KEY") == new_key
    with session_scope() as session:
        tokens = {r.channel: r.address_enc for r in session.query(contacts.ContactAddress)}
        assert contacts.reply_address(session, ids["sms"], "sms") == PHONE
    assert Fernet(new_key.encode()).decrypt(tokens["sms"].encode()).decode() == PHONE
    with pytest.raises(InvalidToken):
        Fernet(old_key.encode()).decrypt(tokens["sms"].encode())


def test_malformed_keys_are_refused(db: Path) -> None:
    with pytest.raises(ValueError):
        key_rotation.rotate_encryption_key("not a fernet key")
    with pytest.raises(ValueError, match="32 characters"):
        key_rotation.rotate_pseudonym_key("short")
