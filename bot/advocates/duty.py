"""Who is on duty. The youth-side actions call :func:`on_duty_count` to tell a youth at
once when nobody is there (and give the 24/7 lines) instead of letting them wait."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.advocates.models import Advocate

TAKES_CHATS = ("advocate", "admin")


def on_duty_count(session: Session) -> int:
    """Advocates (or admins) on duty whose accounts are enabled."""
    return int(session.execute(
        sa.select(sa.func.count()).select_from(Advocate).where(
            Advocate.on_duty.is_(True), Advocate.disabled.is_(False), Advocate.role.in_(TAKES_CHATS))
    ).scalar_one())


def set_on_duty(session: Session, advocate_id: int, on_duty: bool) -> None:
    session.execute(sa.update(Advocate).where(Advocate.id == advocate_id).values(on_duty=on_duty))


def on_duty_names(session: Session) -> list[str]:
    return list(session.execute(
        sa.select(Advocate.name).where(Advocate.on_duty.is_(True), Advocate.disabled.is_(False),
                                       Advocate.role.in_(TAKES_CHATS)).order_by(Advocate.name)).scalars())
