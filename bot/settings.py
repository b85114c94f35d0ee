"""Harbor's configuration: every value a deployment may change, with embedded defaults.

Defaults let a fresh clone run with no configuration at all (SQLite under ``var/``,
development secrets generated on first use). Production overrides them with
environment variables; ``harbor doctor`` (later) reports unsafe choices.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    """Resolved configuration. Build with :func:`get_settings`."""

    home: Path
    var_dir: Path
    database_url: str
    secrets_file: Path
    log_level: str
    host: str
    rasa_port: int
    actions_port: int
    model_path: Path
    spacy_pipeline: Path

    @property
    def action_endpoint(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"


def load_settings() -> Settings:
    """Read the environment now (tests call this after changing variables)."""
    home = Path(_env("HARBOR_HOME", str(PROJECT_ROOT))).resolve()
    var_dir = Path(_env("HARBOR_VAR_DIR", str(home / "var"))).resolve()
    return Settings(
        home=home,
        var_dir=var_dir,
        database_url=_env("HARBOR_DATABASE_URL", f"sqlite:///{var_dir / 'harbor.db'}"),
        secrets_file=Path(_env("HARBOR_SECRETS_FILE", str(var_dir / "secrets.env"))),
        log_level=_env("HARBOR_LOG_LEVEL", "INFO").upper(),
        host=_env("HARBOR_HOST", "127.0.0.1"),
        rasa_port=int(_env("HARBOR_RASA_PORT", "5005")),
        actions_port=int(_env("HARBOR_ACTIONS_PORT", "5055")),
        model_path=Path(_env("HARBOR_MODEL", str(home / "models" / "harbor.tar.gz"))),
        # config.yml names this path relative to the project root; keep the two in step.
        spacy_pipeline=home / "var" / "spacy" / "harbor_en",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings for this process, read once."""
    return load_settings()
