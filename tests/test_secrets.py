"""Development secrets: generated once, private to the owner, overridable by environment."""
from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot import secrets
from bot.pseudonym import pseudonym


def test_generated_once_with_0600(harbor_env: Path) -> None:
    first = secrets.get_secret("HARBOR_PSEUDONYM_KEY")
    path = harbor_env / "secrets.env"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    secrets.get_secret.cache_clear()
    assert secrets.get_secret("HARBOR_PSEUDONYM_KEY") == first
    assert len({secrets.get_secret(n) for n in secrets.SECRET_NAMES}) == len(secrets.SECRET_NAMES)


def test_environment_wins(harbor_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARBOR_API_TOKEN", "from-the-environment")
    assert secrets.get_secret("HARBOR_API_TOKEN") == "from-the-environment"


def test_no_secret_is_committed() -> None:
    tracked = Path(__file__).resolve().parents[1]
    assert not (tracked / "secrets.env").exists()
    gitignore = (tracked / ".gitignore").read_text()
    assert "var/" in gitignore and "secrets.env" in gitignore


def test_pseudonym_is_keyed_and_stable() -> None:
    a = pseudonym("sms", "+16085550100", key="k1")
    assert a == pseudonym("sms", "+16085550100", key="k1")
    assert a != pseudonym("sms", "+16085550100", key="k2")
    assert a != pseudonym("telegram", "+16085550100", key="k1")
    assert "6085550100" not in a and a.startswith("sms-")
