"""Shared fixtures: a real, migrated SQLite database per test, loaded with the shipped directory."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from tests.live_servers import MODEL, PROJECT, RASA, minimal_env, stop_all, wait_until_up

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

HSDS = PROJECT / "data" / "resources" / "hsds"
BASE = "http://localhost:5005"


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


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The stock `rasa run actions` and `rasa run --enable-api`, from the project root, no env vars."""
    assert MODEL.exists(), "no trained model: run `make test` (it trains first)"
    logs = tmp_path_factory.mktemp("logs")
    env = minimal_env()
    procs = [
        subprocess.Popen([str(RASA), "run", "actions"], cwd=PROJECT, env=env,
                         stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT),
        subprocess.Popen([str(RASA), "run", "--enable-api"], cwd=PROJECT, env=env,
                         stdout=(logs / "rasa.log").open("w"), stderr=subprocess.STDOUT),
    ]
    try:
        wait_until_up("http://localhost:5055/health", procs)
        wait_until_up(f"{BASE}/", procs)
        yield logs
    finally:
        stop_all(procs)
