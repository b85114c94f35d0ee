"""Reply addresses (encrypted, expiring), opt-outs and inbound de-duplication on a real SQLite database."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from bot import contacts
from bot.db import session_scope
from bot.migrate import upgrade

NUMBER = "+16085550147"
CONV = "sms-" + "a" * 32


@pytest.fixture
def db(harbor_env: Path) -> Path:
    upgrade()
    return harbor_env / "harbor.db"


def test_address_is_encrypted_and_round_trips(db: Path) -> None:
    with session_scope() as session:
        contacts.remember_address(session, CONV, "sms", NUMBER)
    with session_scope() as session:
        assert contacts.reply_address(session, CONV, "sms") == NUMBER
    raw = sqlite3.connect(db).execute("select address_enc from contact_address").fetchone()[0]
    assert NUMBER not in raw and "6085550147" not in raw and raw.startswith("gAAAA")  # a Fernet token


def test_wrong_key_cannot_read_the_address(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.secrets import get_secret

    with session_scope() as session:
        contacts.remember_address(session, CONV, "sms", NUMBER)
    monkeypatch.setenv("HARBOR_FERNET_KEY", "x" * 43 + "=")
    get_secret.cache_clear()
    with session_scope() as session, pytest.raises(contacts.ContactUnavailable, match="decrypt"):
        contacts.reply_address(session, CONV, "sms")


def test_expiry_default_env_and_refresh(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    now = dt.datetime(2026, 1, 1)
    with session_scope() as session:
        row = contacts.remember_address(session, CONV, "sms", NUMBER, now=now)
        assert row.expires_at == now + dt.timedelta(days=30)
    with session_scope() as session:
        assert contacts.reply_address(session, CONV, "sms", now=now + dt.timedelta(days=29)) == NUMBER
        with pytest.raises(contacts.ContactUnavailable, match="expired"):
            contacts.reply_address(session, CONV, "sms", now=now + dt.timedelta(days=30))
    monkeypatch.setenv("HARBOR_CONTACT_TTL_DAYS", "2")
    with session_scope() as session:  # a new message restarts the clock with the new TTL
        row = contacts.remember_address(session, CONV, "sms", NUMBER, now=now + dt.timedelta(days=40))
        assert row.expires_at == now + dt.timedelta(days=42)
    with session_scope() as session:
        assert contacts.purge_expired(session, now=now + dt.timedelta(days=43))["contact_address"] == 1
    with session_scope() as session, pytest.raises(contacts.ContactUnavailable, match="no reply address"):
        contacts.reply_address(session, CONV, "sms")
    monkeypatch.setenv("HARBOR_CONTACT_TTL_DAYS", "0")
    with pytest.raises(ValueError):
        contacts.contact_ttl()


def test_opt_out_once_blocks_sending_and_opt_in_restores(db: Path) -> None:
    with session_scope() as session:
        contacts.remember_address(session, CONV, "sms", NUMBER)
    with session_scope() as session:
        assert contacts.opt_out(session, CONV, "sms") is True
    with session_scope() as session:
        assert contacts.opt_out(session, CONV, "sms") is False  # confirmed once only
        assert contacts.is_opted_out(session, CONV, "sms")
        assert not contacts.is_opted_out(session, CONV, "telegram")
        with pytest.raises(contacts.ContactUnavailable, match="opted out"):
            contacts.reply_address(session, CONV, "sms")
    with session_scope() as session:
        assert contacts.opt_in(session, CONV, "sms") is True
    with session_scope() as session:
        assert contacts.reply_address(session, CONV, "sms") == NUMBER
        assert contacts.opt_in(session, CONV, "sms") is False
    columns = [r[1] for r in sqlite3.connect(db).execute("pragma table_info(opt_out)")]
    assert columns == ["pseudonym", "channel", "opted_out_at"]


def test_menu_choice_maps_numbers_to_payloads(db: Path) -> None:
    with session_scope() as session:
        contacts.remember_address(session, CONV, "sms", NUMBER)
        contacts.set_menu(session, CONV, "sms", ["/need_shelter", "/need_food"])
    with session_scope() as session:
        assert contacts.menu_choice(session, CONV, "sms", " 2 ") == "/need_food"
        assert contacts.menu_choice(session, CONV, "sms", "1") == "/need_shelter"
        assert contacts.menu_choice(session, CONV, "sms", "3") is None
        assert contacts.menu_choice(session, CONV, "sms", "0") is None
        assert contacts.menu_choice(session, CONV, "sms", "53703") is None  # a ZIP, not a choice
        assert contacts.menu_choice(session, "sms-other", "sms", "1") is None


def test_dedupe_unique_key_under_concurrency(db: Path) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(16)

    def claim() -> None:
        barrier.wait()
        with session_scope() as session:
            results.append(contacts.claim_inbound(session, "sms", "SM" + "1" * 32))

    threads = [threading.Thread(target=claim) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 15 + [True]
    with session_scope() as session:
        assert contacts.claim_inbound(session, "sms", "SM" + "2" * 32) is True
    count = sqlite3.connect(db).execute("select count(*) from inbound_message").fetchone()[0]
    assert count == 2
    with pytest.raises(sqlite3.IntegrityError):  # the database itself enforces it
        with sqlite3.connect(db) as conn:
            conn.execute("insert into inbound_message (channel, provider_message_id, received_at) "
                         "values ('sms', ?, '2026-01-01')", ("SM" + "2" * 32,))


def test_old_inbound_rows_are_purged(db: Path) -> None:
    with session_scope() as session:
        contacts.claim_inbound(session, "sms", "SM" + "3" * 32)
    with session_scope() as session:
        counts = contacts.purge_expired(session, now=contacts.utcnow() + dt.timedelta(days=3))
    assert counts["inbound_message"] == 1
