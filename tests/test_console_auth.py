"""Advocate accounts: argon2 hashes, lock-out, idle sign-out, sessions, the `harbor advocate` CLI."""
from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from tests.live_servers import PROJECT

PASSWORD = "correct horse battery"


@pytest.fixture
def db(harbor_env: Path) -> Iterator[Path]:
    from bot import clock
    from bot.migrate import upgrade

    upgrade()
    yield harbor_env
    clock.set_offset(dt.timedelta(0))


def add(name: str = "ann", role: str = "advocate", password: str = PASSWORD) -> None:
    from bot.advocates.auth import add_advocate
    from bot.db import session_scope

    with session_scope() as session:
        add_advocate(session, name, password, role)


def sign_in(name: str, password: str) -> bool:
    from bot.advocates.auth import authenticate
    from bot.db import session_scope

    with session_scope() as session:
        return authenticate(session, name, password) is not None


def test_passwords_are_argon2id_hashes_and_verify(db: Path) -> None:
    from bot.advocates.auth import get_advocate
    from bot.db import session_scope

    add()
    with session_scope() as session:
        stored = get_advocate(session, "ann").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert sign_in("ann", PASSWORD)
    assert not sign_in("ann", PASSWORD + "x")
    assert not sign_in("nobody", PASSWORD)


def test_short_password_bad_role_and_duplicate_are_refused(db: Path) -> None:
    from bot.advocates.auth import AccountError

    with pytest.raises(AccountError, match="at least 12"):
        add(password="short")
    with pytest.raises(AccountError, match="role"):
        add(role="root")
    add()
    with pytest.raises(AccountError, match="already exists"):
        add()


def test_five_failures_lock_the_account_for_fifteen_minutes(db: Path) -> None:
    from bot import clock

    add()
    for _ in range(5):
        assert not sign_in("ann", "wrong password!!")
    assert not sign_in("ann", PASSWORD), "the right password is refused during the lock-out"
    clock.set_offset(dt.timedelta(minutes=14))
    assert not sign_in("ann", PASSWORD)
    clock.set_offset(dt.timedelta(minutes=15, seconds=1))
    assert sign_in("ann", PASSWORD)


def test_four_failures_then_success_resets_the_count(db: Path) -> None:
    add()
    for _ in range(4):
        assert not sign_in("ann", "wrong password!!")
    assert sign_in("ann", PASSWORD)
    for _ in range(4):
        assert not sign_in("ann", "wrong password!!")
    assert sign_in("ann", PASSWORD)


def test_sessions_store_only_a_hash_and_end_after_idle_time(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import clock
    from bot.advocates.auth import get_advocate, resolve_session, start_session
    from bot.advocates.models import AdvocateSession
    from bot.db import session_scope

    add()
    with session_scope() as session:
        token = start_session(session, get_advocate(session, "ann"))
    with session_scope() as session:
        rows = session.execute(sa.select(AdvocateSession)).scalars().all()
        assert [r.token_hash for r in rows] == [hashlib.sha256(token.encode()).hexdigest()]
        assert resolve_session(session, token).name == "ann"
        assert resolve_session(session, "x" + token) is None
    clock.set_offset(dt.timedelta(minutes=14))
    with session_scope() as session:  # activity at 14 min restarts the idle clock
        assert resolve_session(session, token) is not None
    clock.set_offset(dt.timedelta(minutes=28))
    with session_scope() as session:
        assert resolve_session(session, token, touch=False) is not None
    clock.set_offset(dt.timedelta(minutes=29, seconds=30))
    with session_scope() as session:
        assert resolve_session(session, token) is None
    with session_scope() as session:
        assert session.execute(sa.select(sa.func.count()).select_from(AdvocateSession)).scalar_one() == 0


def test_idle_minutes_come_from_the_environment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import clock
    from bot.advocates.auth import get_advocate, resolve_session, start_session
    from bot.db import session_scope

    monkeypatch.setenv("HARBOR_CONSOLE_IDLE_MINUTES", "2")
    add()
    with session_scope() as session:
        token = start_session(session, get_advocate(session, "ann"))
    clock.set_offset(dt.timedelta(minutes=2, seconds=1))
    with session_scope() as session:
        assert resolve_session(session, token) is None


def test_disable_and_new_password_end_sessions(db: Path) -> None:
    from bot.advocates.auth import disable_advocate, get_advocate, resolve_session, set_password, start_session
    from bot.db import session_scope

    add()
    with session_scope() as session:
        token = start_session(session, get_advocate(session, "ann"))
        set_password(session, "ann", "another long password")
    with session_scope() as session:
        assert resolve_session(session, token) is None
    assert sign_in("ann", "another long password")
    with session_scope() as session:
        token = start_session(session, get_advocate(session, "ann"))
        disable_advocate(session, "ann")
    with session_scope() as session:
        assert resolve_session(session, token) is None
    assert not sign_in("ann", "another long password")


def harbor(env: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    import os

    environ = {**os.environ, "HARBOR_VAR_DIR": str(env), "HARBOR_DATABASE_URL": f"sqlite:///{env / 'harbor.db'}"}
    return subprocess.run([sys.executable, "-m", "bot.cli", "advocate", *args], input=stdin, text=True,
                          capture_output=True, cwd=PROJECT, env=environ, timeout=120)


def test_cli_add_list_password_disable(db: Path) -> None:
    from bot.advocates.auth import get_advocate
    from bot.db import session_scope

    done = harbor(db, "add", "Rosa M", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "Added Rosa M (admin)" in done.stdout
    refused = harbor(db, "add", "Sam", "--password-stdin", stdin="too short\n")
    assert refused.returncode == 2 and "at least 12 characters" in refused.stderr and "Traceback" not in refused.stderr
    again = harbor(db, "add", "Rosa M", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 2 and "already exists" in again.stderr
    listed = harbor(db, "list")
    assert listed.returncode == 0 and "Rosa M" in listed.stdout and "admin" in listed.stdout
    assert harbor(db, "password", "Rosa M", "--password-stdin", stdin="a brand new password\n").returncode == 0
    assert sign_in("Rosa M", "a brand new password")
    assert harbor(db, "disable", "Rosa M").returncode == 0
    with session_scope() as session:
        assert get_advocate(session, "Rosa M").disabled
    missing = harbor(db, "disable", "Nobody")
    assert missing.returncode == 2 and "no account named" in missing.stderr
    assert harbor(db, "add", "--help").returncode == 0


def test_cli_explains_a_database_without_tables(harbor_env: Path) -> None:
    done = harbor(harbor_env, "add", "ann", "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 2 and "harbor setup" in done.stderr and "Traceback" not in done.stderr
