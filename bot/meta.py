"""A tiny key/value table for facts about the installation itself (e.g. data fingerprints)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.db import Base


class Meta(Base):
    __tablename__ = "harbor_meta"
    key = sa.Column(sa.String(100), primary_key=True)
    value = sa.Column(sa.Text, nullable=False)


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row:
        row.value = value
    else:
        session.add(Meta(key=key, value=value))
