"""Start the action server and the Rasa server together; stop both cleanly on Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from bot.secrets import get_secret
from bot.settings import Settings, get_settings


def runtime_endpoints(settings: Settings) -> Path:
    """endpoints.yml with the action server URL for the configured host and port."""
    config = yaml.safe_load((settings.home / "endpoints.yml").read_text())
    config["action_endpoint"] = {"url": settings.action_endpoint}
    path = settings.var_dir / "endpoints.runtime.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def server_commands(settings: Settings) -> tuple[list[str], list[str]]:
    rasa = str(Path(sys.executable).with_name("rasa"))
    actions = [rasa, "run", "actions", "--actions", "actions", "--port", str(settings.actions_port)]
    server = [
        rasa, "run", "--enable-api", "--auth-token", get_secret("HARBOR_API_TOKEN"),
        "--interface", settings.host, "--port", str(settings.rasa_port),
        "--model", str(settings.model_path), "--endpoints", str(runtime_endpoints(settings)),
        "--credentials", str(settings.home / "credentials.yml"),
    ]
    return actions, server


def server_env(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "SANIC_HOST": settings.host,  # rasa_sdk binds here instead of 0.0.0.0
        "LOG_LEVEL": settings.log_level,  # never DEBUG in production: Rasa logs text there
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    })
    return env


def wait_until_up(url: str, timeout: float, procs: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"a server stopped during start-up (exit code {proc.returncode}); see its output above")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 15
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run_servers() -> int:
    # Ctrl-C (SIGINT) and a polite kill (SIGTERM, e.g. from make or a supervisor) both stop
    # the two servers; installed explicitly because a background launch may ignore SIGINT.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    settings = get_settings()
    if not settings.model_path.exists():
        print("No trained model yet: run `make run` (it trains first) or `harbor train`.", file=sys.stderr)
        return 1
    actions_cmd, server_cmd = server_commands(settings)
    env = server_env(settings)
    # Own sessions: Ctrl-C reaches only this process, which then stops both servers in order
    # (otherwise each child gets the terminal's SIGINT too and the exit looks like a crash).
    procs = [subprocess.Popen(actions_cmd, cwd=settings.home, env=env, start_new_session=True)]
    procs.append(subprocess.Popen(server_cmd, cwd=settings.home, env=env, start_new_session=True))
    base = f"http://{settings.host}:{settings.rasa_port}"
    try:
        wait_until_up(f"http://{settings.host}:{settings.actions_port}/health", 120, procs)
        wait_until_up(f"{base}/", 180, procs)
        print(
            "\nHarbor is running (Ctrl-C stops both servers):\n"
            f"  Web chat:      {base}/webhooks/webchat/\n"
            f"  REST webhook:  {base}/webhooks/rest/webhook\n"
            f"  HTTP API:      {base}/  (token: HARBOR_API_TOKEN in {settings.secrets_file})\n"
            f"  Action server: http://{settings.host}:{settings.actions_port}/webhook\n",
            flush=True,
        )
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        print("A server stopped; stopping the other.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping Harbor...", flush=True)
        return 0
    except RuntimeError as error:
        print(f"Harbor could not start: {error}", file=sys.stderr)
        return 1
    finally:
        stop(procs)
