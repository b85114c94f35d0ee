"""Real Rasa and action servers for the live tests: started, awaited, always stopped."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

PROJECT = Path(__file__).resolve().parents[1]
RASA = PROJECT / ".venv" / "bin" / "rasa"
MODEL = PROJECT / "models" / "harbor.tar.gz"


def minimal_env() -> dict[str, str]:
    """Nothing but what any shell has: defaults must come from the project itself."""
    return {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}


def wait_until_up(url: str, procs: list[subprocess.Popen], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), "a server exited during start-up"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(1)
    raise AssertionError(f"{url} did not come up in {timeout} s")


def stop_all(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def isolated_harbor(root: Path, port: int, actions_port: int, extra_env: dict[str, str]) -> Iterator[dict]:
    """Harbor on its own ports with its own var/ (database, keys), set up like `harbor setup` does.

    Yields ``{"db": Path, "logs": Path, "env": dict}``; the channel tests read the database and
    logs afterwards to prove nothing identifying was written.
    """
    assert MODEL.exists(), "no trained model: run `make test` (it trains first)"
    var = root / "var"
    env = minimal_env() | {
        "HARBOR_VAR_DIR": str(var), "HARBOR_DATABASE_URL": f"sqlite:///{var / 'harbor.db'}",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2", "LOG_LEVEL": "INFO",
    } | extra_env
    subprocess.run([sys.executable, "-c", "from bot.setup import run_setup; run_setup(verbose=False)"],
                   cwd=PROJECT, env=env, check=True, timeout=600)
    endpoints = root / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://localhost:{actions_port}/webhook"\n'
        "tracker_store:\n  type: rasa_plugins.tracker_store.HarborTrackerStore\n")
    logs = root / "logs"
    logs.mkdir()
    procs = [
        subprocess.Popen([str(RASA), "run", "actions", "--port", str(actions_port)], cwd=PROJECT, env=env,
                         stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT),
        subprocess.Popen([str(RASA), "run", "--enable-api", "--port", str(port), "--model", str(MODEL),
                          "--endpoints", str(endpoints), "--credentials", "credentials.yml"],
                         cwd=PROJECT, env=env, stdout=(logs / "rasa.log").open("w"), stderr=subprocess.STDOUT),
    ]
    try:
        wait_until_up(f"http://localhost:{actions_port}/health", procs)
        wait_until_up(f"http://localhost:{port}/", procs)
        yield {"db": var / "harbor.db", "logs": logs, "env": env}
    finally:
        stop_all(procs)
