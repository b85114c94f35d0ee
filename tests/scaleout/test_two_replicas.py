"""Two Rasa replicas on PostgreSQL + Redis; one is stopped mid-run; nothing is lost or doubled.

Started here, all on 127.0.0.1: PostgreSQL 15 and redis-server (scripts/services), Harbor's
migrations and directory, one action server, two `rasa run --enable-api` on the same model with
HarborTrackerStore + AtomicRedisLockStore and the idempotent REST channel. The driver runs
SCALEOUT_CONVERSATIONS (default 200) conversations at once, ~4 turns each, alternating replicas;
replica B gets SIGTERM once 40% of the messages are answered and the client retries on A.
The verdict comes from the `events` table, not from the client.
"""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from tests.live_servers import MODEL, PROJECT, RASA, minimal_env, stop_all, wait_until_up
from tests.scaleout.driver import Driver, check
from tests.scaleout.services import free_port, running_services

pytestmark = [pytest.mark.scaleout, pytest.mark.server]
CONVERSATIONS = int(os.environ.get("SCALEOUT_CONVERSATIONS", "200"))
KILL_AT = 0.4


def _write_config(root: Path, actions_port: int, redis_url: str) -> tuple[Path, Path]:
    endpoints, credentials = root / "endpoints.yml", root / "credentials.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        "tracker_store:\n  type: rasa_plugins.tracker_store.HarborTrackerStore\n"
        f"lock_store:\n  type: rasa_plugins.lock_store.AtomicRedisLockStore\n  url: {redis_url}\n")
    credentials.write_text("channels.rest_idempotent.IdempotentRestInput:\n")
    return endpoints, credentials


def _bad_input_gets_a_reason(base: str) -> None:
    url = base + "/webhooks/rest_idempotent/webhook"
    cases = [
        ({"content": b"not json"}, 400, "JSON"),
        ({"json": {"sender": "s1", "message": "hi"}}, 400, "message_id"),
        ({"json": {"sender": "", "message": "hi", "message_id": "m-000001"}}, 400, "sender"),
        ({"json": {"sender": "s1", "message": " ", "message_id": "m-000001"}}, 400, "message"),
        ({"json": {"sender": "s1", "message": "x" * 2001, "message_id": "m-000001"}}, 413, "longer"),
    ]
    for kwargs, status, reason in cases:
        resp = httpx.post(url, timeout=30, **kwargs)
        assert resp.status_code == status and reason in resp.json()["error"], (kwargs, resp.text)


def test_two_replicas_lose_nothing_and_double_nothing(tmp_path: Path) -> None:
    assert MODEL.exists(), "no trained model: run `make train` first"
    with running_services() as services:
        env = minimal_env() | {
            "HARBOR_VAR_DIR": str(tmp_path / "var"), "HARBOR_DATABASE_URL": services["HARBOR_DATABASE_URL"],
            "HARBOR_REDIS_URL": services["HARBOR_REDIS_URL"], "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2", "LOG_LEVEL": "INFO", "SANIC_WORKERS": "1",
        }
        subprocess.run([sys.executable, "-c", "from bot.setup import run_setup; run_setup(verbose=False)"],
                       cwd=PROJECT, env=env, check=True, timeout=600)
        actions_port, ports = free_port(), [free_port(), free_port()]
        endpoints, credentials = _write_config(tmp_path, actions_port, services["HARBOR_REDIS_URL"])
        logs = tmp_path / "logs"
        logs.mkdir()
        actions = subprocess.Popen([str(RASA), "run", "actions", "--port", str(actions_port)], cwd=PROJECT,
                                   env=env, stdout=(logs / "actions.log").open("w"), stderr=subprocess.STDOUT)
        replicas = [subprocess.Popen(
            [str(RASA), "run", "--enable-api", "--interface", "127.0.0.1", "--port", str(port),
             "--model", str(MODEL), "--endpoints", str(endpoints), "--credentials", str(credentials)],
            cwd=PROJECT, env=env, stdout=(logs / f"rasa-{name}.log").open("w"), stderr=subprocess.STDOUT)
            for name, port in zip("ab", ports)]
        procs = [actions, *replicas]
        try:
            wait_until_up(f"http://127.0.0.1:{actions_port}/health", procs)
            for port in ports:
                wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest_idempotent/", procs)

            _bad_input_gets_a_reason(f"http://127.0.0.1:{ports[0]}")
            total = CONVERSATIONS * 4

            stopped: dict[str, float] = {}

            def stop_b_midway(done: int) -> None:
                if done == int(total * KILL_AT) and replicas[1].poll() is None:
                    replicas[1].send_signal(signal.SIGTERM)  # in-flight requests may or may not finish
                    stopped["at"] = time.monotonic()
                    stopped["b_answers"] = driver.stats.answered_by.get(driver.bases[1], 0)

            driver = Driver([f"http://127.0.0.1:{p}" for p in ports], CONVERSATIONS, stop_b_midway)
            duration = asyncio.run(driver.run())
            replicas[1].wait(timeout=60)
            b_after_stop = driver.stats.answered_by.get(driver.bases[1], 0) - stopped["b_answers"]
            assert replicas[0].poll() is None, "replica A died"
            verdict = check(sa.create_engine(services["HARBOR_DATABASE_URL"]), driver.conversations)
        finally:
            stop_all(procs)
    s = driver.stats
    print(f"\nscale-out: {verdict.conversations} conversations, {verdict.messages} messages in {duration:.1f} s "
          f"({verdict.messages / duration:.1f} msg/s); replica B stopped (SIGTERM) after {int(total * KILL_AT)} answers, answered {b_after_stop} more while "
          f"shutting down, exit code {replicas[1].returncode}")
    print(f"  retries {s.retries}, hedged (sent to both replicas) {s.hedged} ({s.hedge_replayed} second copies "
          f"replayed), answers replayed from the tracker {s.replayed}, client gave up {s.failed}")
    print(f"  lost {verdict.lost}, duplicated user messages {verdict.duplicated_user}, duplicated bot replies "
          f"{verdict.duplicated_bot}, out of order {verdict.out_of_order}, replies differing from the tracker "
          f"{verdict.reply_mismatch}")
    assert s.failed == 0
    assert (verdict.lost, verdict.duplicated_user, verdict.duplicated_bot, verdict.out_of_order,
            verdict.reply_mismatch) == (0, 0, 0, 0, 0)
    assert s.hedged > 0 and s.hedge_replayed > 0  # the second copy of a hedged message was replayed, not re-run
    assert s.retries > 0, "replica B was stopped, so some messages must have been retried"
