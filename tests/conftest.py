"""Shared fixtures: a real, migrated SQLite database per test, loaded with the shipped directory."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

PROJECT = Path(__file__).resolve().parents[1]
HSDS = PROJECT / "data" / "resources" / "hsds"
RASA = PROJECT / ".venv" / "bin" / "rasa"
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


def _wait(url: str, procs: list[subprocess.Popen], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), "a server exited during start-up"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(1)
    raise AssertionError(f"{url} did not come up in {timeout} s")


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    model = PROJECT / "models" / "harbor.tar.gz"
    assert model.exists(), "no trained model: run `make test` (it trains first)"
    logs = tmp_path_factory.mktemp("logs")
    # Nothing but what any shell has: the defaults must come from the project itself.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    procs = [
        subprocess.Popen([str(RASA), "run", "actions"], cwd=PROJECT, env=env,
                         stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT),
        subprocess.Popen([str(RASA), "run", "--enable-api"], cwd=PROJECT, env=env,
                         stdout=(logs / "rasa.log").open("w"), stderr=subprocess.STDOUT),
    ]
    try:
        _wait("http://localhost:5055/health", procs)
        _wait(f"{BASE}/", procs)
        yield logs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
