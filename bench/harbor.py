"""Harbor under test: its own var/ (database, keys) and ports, set up like `harbor setup` does,
served with the stock commands and its SQL tracker store, SMS pointed at a fake Twilio."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[1]
MODEL = PROJECT / "models" / "harbor.tar.gz"
PUBLIC_URL = "https://harbor.bench.invalid"
ACCOUNT_SID = "AC" + secrets.token_hex(16)
TWILIO_NUMBER = "+14145550100"


@dataclass(frozen=True)
class HarborSetup:
    """What ``start_pair`` needs, and what the SMS target must sign with."""

    root: Path
    env: dict[str, str]
    rasa_args: list[str]
    auth_token: str
    setup_s: float


def base_env() -> dict[str, str]:
    """Only what any shell has, plus quiet and offline Rasa: the rest comes from the project."""
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return env | {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "LOG_LEVEL": "INFO",
                  "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def prepare(root: Path, actions_port: int, twilio_base: str, workers: int = 1,
            redis_url: str | None = None) -> HarborSetup:
    """Fresh var/ under ``root``, migrated, directory imported; endpoints for ``actions_port``.

    ``workers`` > 1 runs that many Sanic workers (processes) in the Rasa server; they need a
    lock store shared between processes, Harbor's AtomicRedisLockStore at ``redis_url``."""
    if not MODEL.exists():
        raise FileNotFoundError(f"no trained model at {MODEL}: run `make train` first")
    var = root / "var"
    auth_token = secrets.token_hex(16)
    env = base_env() | {
        "HARBOR_VAR_DIR": str(var), "HARBOR_DATABASE_URL": f"sqlite:///{var / 'harbor.db'}",
        "HARBOR_PSEUDONYM_KEY": secrets.token_hex(32), "HARBOR_FERNET_KEY": Fernet.generate_key().decode(),
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": auth_token, "TWILIO_NUMBER": TWILIO_NUMBER,
        "HARBOR_PUBLIC_URL": PUBLIC_URL, "HARBOR_TWILIO_API_BASE": twilio_base,
    } | {k: v for k, v in os.environ.items() if k == "HARBOR_SMS_REPLY_BUDGET"}  # to compare budgets
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "from bot.setup import run_setup; run_setup(verbose=False)"],
                   cwd=PROJECT, env=env, check=True, timeout=900)
    setup_s = time.monotonic() - started
    endpoints = root / "endpoints.yml"
    lock_store = (f"lock_store:\n  type: rasa_plugins.lock_store.AtomicRedisLockStore\n  url: {redis_url}\n"
                  if workers > 1 and redis_url else "")
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
                         "tracker_store:\n  type: rasa_plugins.tracker_store.HarborTrackerStore\n" + lock_store)
    if lock_store:
        env["SANIC_WORKERS"] = str(workers)
    rasa_args = ["--model", str(MODEL), "--endpoints", str(endpoints), "--credentials", "credentials.yml"]
    return HarborSetup(root, env, rasa_args, auth_token, setup_s)
