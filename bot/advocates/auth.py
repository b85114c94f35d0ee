"""Advocate accounts, sign-in with lock-out, and server-side sessions with idle sign-out.

Passwords are argon2id hashes (argon2-cffi). The browser holds a random session token
in an HttpOnly cookie; the database holds only its SHA-256, so a copy of the database
cannot be used to sign in. Every rule that depends on time reads ``bot.clock.now()``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from bot.advocates.models import ROLES, Advocate, AdvocateSession
from bot.clock import now

MIN_PASSWORD_LENGTH = 12
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
DEFAULT_IDLE_MINUTES = 15
MAX_SESSION_AGE = dt.timedelta(hours=12)  # signed out at the end of a shift even when active
SIGN_IN_FAILED = "Sign-in failed. Check your name and password. After 5 failed tries, wait 15 minutes."

_hasher = PasswordHasher()
# Verified against for unknown names, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A plain-language reason an account operation was refused."""


@dataclass(frozen=True)
class SignedIn:
    """Who a valid session belongs to (a detached snapshot, safe to use after the session closes)."""

    advocate_id: int
    name: str
    role: str
    csrf_token: str
    on_duty: bool


def idle_timeout() -> dt.timedelta:
    raw = os.environ.get("HARBOR_CONSOLE_IDLE_MINUTES", "").strip()
    try:
        minutes = float(raw) if raw else DEFAULT_IDLE_MINUTES
    except ValueError:
        raise ValueError("HARBOR_CONSOLE_IDLE_MINUTES must be a number of minutes") from None
    if minutes <= 0:
        raise ValueError("HARBOR_CONSOLE_IDLE_MINUTES must be more than 0")
    return dt.timedelta(minutes=minutes)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters long")
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() and c != " " for c in name):
        raise AccountError("the name must be 1-100 characters on one line")
    return name


def get_advocate(session: Session, name: str) -> Advocate | None:
    return session.execute(sa.select(Advocate).where(Advocate.name == name.strip())).scalar_one_or_none()


def add_advocate(session: Session, name: str, password: str, role: str = "advocate") -> Advocate:
    name = _valid_name(name)
    password_hash = hash_password(password)
    if role not in ROLES:
        raise AccountError(f"the role must be one of: {', '.join(ROLES)}")
    if get_advocate(session, name) is not None:
        raise AccountError(f"an account named {name!r} already exists")
    advocate = Advocate(name=name, role=role, password_hash=password_hash, on_duty=False,
                        failed_logins=0, disabled=False, created_at=now())
    session.add(advocate)
    session.flush()
    return advocate


def set_password(session: Session, name: str, password: str) -> None:
    advocate = get_advocate(session, name)
    if advocate is None:
        raise AccountError(f"there is no account named {name!r}")
    advocate.password_hash = hash_password(password)
    advocate.failed_logins, advocate.locked_until = 0, None
    end_sessions(session, advocate.id)


def disable_advocate(session: Session, name: str) -> None:
    advocate = get_advocate(session, name)
    if advocate is None:
        raise AccountError(f"there is no account named {name!r}")
    advocate.disabled, advocate.on_duty = True, False
    end_sessions(session, advocate.id)


def authenticate(session: Session, name: str, password: str) -> Advocate | None:
    """The advocate for a correct name and password, or None (callers show one message for all failures).

    Five failures in a row lock the account for 15 minutes; a correct password during the
    lock-out is refused too, so guessing cannot continue.
    """
    advocate = get_advocate(session, name) if name.strip() else None
    if advocate is None:
        _verify(_DUMMY_HASH, password)
        return None
    moment = now()
    locked = advocate.locked_until is not None and advocate.locked_until > moment
    good = _verify(advocate.password_hash, password)
    if locked or advocate.disabled:
        return None
    if not good:
        advocate.failed_logins = (advocate.failed_logins or 0) + 1
        if advocate.failed_logins >= MAX_FAILED_LOGINS:
            advocate.locked_until, advocate.failed_logins = moment + LOCKOUT, 0
        return None
    advocate.failed_logins, advocate.locked_until = 0, None
    if _hasher.check_needs_rehash(advocate.password_hash):
        advocate.password_hash = _hasher.hash(password)
    return advocate


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, advocate: Advocate) -> str:
    """A new session for ``advocate``; returns the cookie token (never stored)."""
    token = secrets.token_urlsafe(32)
    moment = now()
    session.add(AdvocateSession(token_hash=_digest(token), advocate_id=advocate.id,
                                csrf_token=secrets.token_urlsafe(32), created_at=moment, last_seen_at=moment))
    session.flush()
    return token


def resolve_session(session: Session, token: str | None, touch: bool = True) -> SignedIn | None:
    """Who ``token`` signs in, or None when unknown, idle too long, too old or disabled.

    ``touch`` records activity (idle sign-out counts from the last touch); the live
    queue stream does not touch, so an open tab alone never keeps a session alive.
    """
    if not token or len(token) > 200:
        return None
    row = session.get(AdvocateSession, _digest(token))
    if row is None:
        return None
    moment = now()
    advocate = session.get(Advocate, row.advocate_id)
    if (advocate is None or advocate.disabled or moment - row.last_seen_at > idle_timeout()
            or moment - row.created_at > MAX_SESSION_AGE):
        session.delete(row)
        return None
    if touch:
        row.last_seen_at = moment
    return SignedIn(advocate.id, advocate.name, advocate.role, row.csrf_token, bool(advocate.on_duty))


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(sa.delete(AdvocateSession).where(AdvocateSession.token_hash == _digest(token)))


def end_sessions(session: Session, advocate_id: int) -> None:
    session.execute(sa.delete(AdvocateSession).where(AdvocateSession.advocate_id == advocate_id))


def list_advocates(session: Session) -> list[Advocate]:
    return list(session.execute(sa.select(Advocate).order_by(Advocate.name)).scalars())
