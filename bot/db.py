"""One place that knows how to reach Harbor's SQL database (SQLite or PostgreSQL)."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot.settings import get_settings

Base = declarative_base()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets the Rasa server and the action server read while the other writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # In WAL mode NORMAL skips the fsync on each commit (checkpoints still sync): an application
    # crash loses nothing, a power cut may lose the last moments; a turn commits 2-3 times.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def sqlite_engine(url: str) -> Engine:
    """A SQLite engine that keeps its connections (SQLAlchemy 1.4 opens one per session for
    files, with its pragmas: measurable per turn) and uses WAL, shared by every Harbor process."""
    engine = sa.create_engine(url, future=True, poolclass=sa.pool.QueuePool, pool_size=5, max_overflow=10,
                              connect_args={"check_same_thread": False})
    sa.event.listen(engine, "connect", _sqlite_pragmas)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    return engine


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """A pooled engine per database URL, created on first use."""
    url = url or get_settings().database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = sqlite_engine(url)
    else:
        engine = sa.create_engine(url, future=True, pool_pre_ping=True)
    return engine


@lru_cache(maxsize=8)
def _session_factory(url: str | None) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session: Session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
