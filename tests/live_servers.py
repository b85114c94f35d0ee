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


@contextmanager
def fake_provider(handler: type) -> Iterator[str]:
    """A stand-in for Twilio's or Telegram's servers on 127.0.0.1; yields its base URL."""
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def unconfigured_channel(module: str, cls: str, prefix: str, port: int, env: dict[str, str]) -> Iterator[str]:
    """Only the channel's blueprint on a bare Sanic app, as Rasa mounts it; yields its health URL
    once it answers. Shows the channel starts (and refuses) without its configuration."""
    script = (
        "from sanic import Sanic\n"
        f"from {module} import {cls}\n"
        f"channel = {cls}.from_credentials(None)\n"
        "assert channel.config is None\n"
        "app = Sanic('harbor_channel_off')\n"
        f"app.blueprint(channel.blueprint(None), url_prefix='{prefix}')\n"
        f"app.run(host='127.0.0.1', port={port}, access_log=False)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT, env=minimal_env() | env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}{prefix}/"
    try:
        for _ in range(120):
            try:
                httpx.get(url, timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, "the app did not start"
                time.sleep(0.5)
        yield url
    finally:
        stop_all([proc])
