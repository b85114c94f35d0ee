"""Shared fixtures: a real, migrated SQLite database per test, loaded with the shipped directory."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

PROJECT = Path(__file__).resolve().parents[1]
HSDS = PROJECT / "data" / "resources" / "hsds"


def _reset_caches() -> None:
    from bot import db, secrets, settings

    settings.get_settings.cache_clear()
    secrets.get_secret.cache_clear()
    db.get_engine.cache_clear()
    db._session_factory.cache_clear()


@pytest.fixture
def harbor_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point Harbor at a fresh var/ folder (database, secrets) for one test."""
    var = tmp_path / "var"
    monkeypatch.setenv("HARBOR_VAR_DIR", str(var))
    monkeypatch.setenv("HARBOR_DATABASE_URL", f"sqlite:///{var / 'harbor.db'}")
    for name in ("HARBOR_PSEUDONYM_KEY", "HARBOR_FERNET_KEY", "HARBOR_API_TOKEN", "HARBOR_SESSION_KEY"):
        monkeypatch.delenv(name, raising=False)
    _reset_caches()
    yield var
    _reset_caches()


@pytest.fixture
def directory_db(harbor_env: Path) -> Path:
    """A migrated database holding the shipped HSDS directory."""
    from bot.db import session_scope
    from bot.directory.hsds_csv import import_directory
    from bot.migrate import upgrade

    upgrade()
    with session_scope() as session:
        import_directory(session, HSDS)
    return harbor_env
