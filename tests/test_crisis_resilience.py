"""A crisis is answered even when the action server is down: the Rasa server sends the
emergency template itself (rasa_plugins/paused_turns.py). A real Rasa server, no action server."""
from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.live_servers import MODEL, PROJECT, RASA, minimal_env, stop_all, wait_until_up

pytestmark = pytest.mark.server
PORT, DEAD_ACTIONS_PORT = 5805, 5899


@pytest.fixture(scope="module")
def rasa_without_actions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("no_actions")
    var = root / "var"
    env = minimal_env() | {"HARBOR_VAR_DIR": str(var), "HARBOR_DATABASE_URL": f"sqlite:///{var / 'harbor.db'}",
                           "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run([sys.executable, "-c", "from bot.setup import run_setup; run_setup(verbose=False)"],
                   cwd=PROJECT, env=env, check=True, timeout=600)
    endpoints = root / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://localhost:{DEAD_ACTIONS_PORT}/webhook"\n'
                         "tracker_store:\n  type: rasa_plugins.tracker_store.HarborTrackerStore\n")
    log = (root / "rasa.log").open("w")
    proc = subprocess.Popen([str(RASA), "run", "--enable-api", "--port", str(PORT), "--model", str(MODEL),
                             "--endpoints", str(endpoints), "--credentials", "credentials.yml"],
                            cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://localhost:{PORT}/", [proc])
        yield f"http://localhost:{PORT}"
    finally:
        stop_all([proc])


@pytest.mark.parametrize("text, numbers", [
    ("im scared hes gonna hurt me", ["911", "1-888-373-7888"]),
    ("i want to kms tonight", ["988"]),
    ("quiero morir", ["988"]),
])
def test_crisis_answer_without_an_action_server(rasa_without_actions: str, text: str, numbers: list[str]) -> None:
    reply = httpx.post(f"{rasa_without_actions}/webhooks/rest/webhook",
                       json={"sender": f"down-{uuid.uuid4().hex}", "message": text}, timeout=120)
    assert reply.status_code == 200
    answer = " ".join(m.get("text") or "" for m in reply.json())
    for number in numbers:
        assert number in answer, answer
    if text == "quiero morir":
        assert "llama" in answer.lower()
