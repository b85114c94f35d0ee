"""The slow path: a turn that outruns HARBOR_SMS_REPLY_BUDGET is acknowledged with empty TwiML and
answered through the Twilio REST API (retried on transient errors); delivery reports are checked
and dropped. A real Rasa server (port 5305) and action server (5355) with the budget forced to 1 ms,
a separate SQLite database, and a scriptable fake Twilio REST API on 127.0.0.1."""
from __future__ import annotations

import asyncio
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Callable, Iterator
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.fernet import Fernet
from twilio.request_validator import RequestValidator

from tests.conftest import _reset_caches
from tests.live_servers import fake_provider, isolated_harbor

pytestmark = pytest.mark.server

PORT, ACTIONS_PORT = 5305, 5355
BASE = f"http://localhost:{PORT}"
WEBHOOK = f"{BASE}/webhooks/sms/webhook"
STATUS = f"{BASE}/webhooks/sms/status"
PUBLIC_URL = "https://harbor.example.org"
SIGNED_URL = PUBLIC_URL + "/webhooks/sms/webhook"
SIGNED_STATUS_URL = PUBLIC_URL + "/webhooks/sms/status"
ACCOUNT_SID = "AC" + "fedcba9876543210" * 2
AUTH_TOKEN = "e" * 8 + "slow-path-auth-token"
TWILIO_NUMBER = "+14145550100"
PSEUDONYM_KEY = "cd" * 32
FERNET_KEY = Fernet.generate_key().decode()
RETRY_BASE = 0.05
USED_NUMBERS: set[str] = set()
_sids = iter(range(10**9))


def new_sid() -> str:
    return f"SM{next(_sids) + 7 * 10**8:032x}"


def new_number() -> str:
    number = f"+1715555{len(USED_NUMBERS) + 300:04d}"
    USED_NUMBERS.add(number)
    return number


def pseudo(number: str) -> str:
    from bot.pseudonym import pseudonym

    return pseudonym("sms", number, key=PSEUDONYM_KEY)


def params(number: str, body: str, sid: str | None = None) -> dict[str, str]:
    sid = sid or new_sid()
    return {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "SmsSid": sid,
            "MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": number, "To": TWILIO_NUMBER, "Body": body,
            "NumSegments": "1", "ApiVersion": "2010-04-01"}


def sign(form: dict[str, str], url: str = SIGNED_URL, token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, form)


def post(url: str, form: dict[str, str], signature: str | None) -> httpx.Response:
    headers = {"X-Twilio-Signature": signature} if signature is not None else {}
    return httpx.post(url, data=form, headers=headers, timeout=60)


def sms(number: str, body: str) -> list[str]:
    """A genuine signed SMS; the <Message> texts of the TwiML answer."""
    from xml.etree import ElementTree

    form = params(number, body)
    reply = post(WEBHOOK, form, sign(form))
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/xml")
    root = ElementTree.fromstring(reply.text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


class FakeTwilio(BaseHTTPRequestHandler):
    """Answers each POST with the next scripted status for its To number (201 when none is left)."""

    attempts: list[dict[str, str]] = []  # every request, with the status it got
    script: dict[str, list[int]] = {}
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        with FakeTwilio.lock:
            queue = FakeTwilio.script.get(form.get("To", ""), [])
            status = queue.pop(0) if queue else 201
            FakeTwilio.attempts.append({**form, "path": self.path, "status": str(status)})
            count = len(FakeTwilio.attempts)
        if status == 201:
            body = {"sid": f"SM{count:032x}", "status": "queued", "to": form.get("To"), "body": form.get("Body")}
        else:
            body = {"code": 20001 if status >= 500 else 21211, "message": f"the number {form.get('To')} failed",
                    "status": status}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


def attempts(number: str) -> list[dict[str, str]]:
    with FakeTwilio.lock:
        return [a for a in FakeTwilio.attempts if a.get("To") == number]


def delivered(number: str) -> list[str]:
    return [a["Body"] for a in attempts(number) if a["status"] == "201"]


def wait_until(check: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def fake_twilio() -> Iterator[str]:
    with fake_provider(FakeTwilio) as url:
        yield url


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory, fake_twilio: str) -> Iterator[dict]:
    extra = {
        "HARBOR_PSEUDONYM_KEY": PSEUDONYM_KEY, "HARBOR_FERNET_KEY": FERNET_KEY,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_NUMBER": TWILIO_NUMBER,
        "HARBOR_PUBLIC_URL": PUBLIC_URL, "HARBOR_TWILIO_API_BASE": fake_twilio,
        "HARBOR_SMS_REPLY_BUDGET": "0.001", "HARBOR_SMS_RETRY_BASE_DELAY": str(RETRY_BASE),
    }
    with isolated_harbor(tmp_path_factory.mktemp("sms_slow"), PORT, ACTIONS_PORT, extra) as server:
        yield server


@pytest.fixture
def server_env(slow_server: dict, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test process reads the server's database with the server's keys."""
    for name in ("HARBOR_VAR_DIR", "HARBOR_DATABASE_URL", "HARBOR_PSEUDONYM_KEY", "HARBOR_FERNET_KEY",
                 "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "HARBOR_PUBLIC_URL",
                 "HARBOR_TWILIO_API_BASE", "HARBOR_SMS_REPLY_BUDGET", "HARBOR_SMS_RETRY_BASE_DELAY"):
        monkeypatch.setenv(name, slow_server["env"][name])
    _reset_caches()
    yield
    _reset_caches()


def expected_parts(number: str) -> list[str]:
    """What the TwiML path would have answered: ``render`` over the bot messages of the last turn."""
    from channels.sms import render

    events = httpx.get(f"{BASE}/conversations/{pseudo(number)}/tracker", timeout=30).json()["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    bot = [{"text": e.get("text"), "buttons": (e.get("data") or {}).get("buttons")}
           for e in events[last_user:] if e["event"] == "bot"]
    return render(bot)[0]


def full_reply(number: str, before: int = 0) -> list[str]:
    """Wait for the REST reply to the last message (all parts); its bodies."""
    wait_until(lambda: len(delivered(number)) > before)
    expected = expected_parts(number)
    wait_until(lambda: len(delivered(number)) >= before + len(expected))
    time.sleep(0.3)  # nothing more follows
    got = delivered(number)[before:]
    assert got == expected
    return got


# --- the slow path -----------------------------------------------------------------------------

def test_slow_turn_is_acknowledged_then_answered_by_rest(slow_server: dict) -> None:
    from bot.sms_text import is_gsm7

    number = new_number()
    started = time.monotonic()
    assert sms(number, "hi") == []  # empty TwiML: an acknowledgement, no text
    assert time.monotonic() - started < 5
    parts = full_reply(number)
    joined = " ".join(parts)
    assert parts and "911" in joined and "automated" in joined
    assert all(len(p) <= 320 and is_gsm7(p) for p in parts)
    for sent in attempts(number):
        assert sent["From"] == TWILIO_NUMBER and sent["StatusCallback"] == SIGNED_STATUS_URL
        assert sent["path"] == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"


def test_slow_path_menu_numbers_map_to_the_same_payloads(slow_server: dict) -> None:
    import re

    number = new_number()
    assert sms(number, "qwzx vbnm plok") == []
    joined = "\n".join(full_reply(number))
    match = re.search(r"^(\d+) = A place to sleep tonight$", joined, re.MULTILINE)
    assert match and re.search(r"^1 = ", joined, re.MULTILINE), joined
    before = len(delivered(number))
    assert sms(number, match.group(1)) == []
    assert "city, county or ZIP" in " ".join(full_reply(number, before))
    events = httpx.get(f"{BASE}/conversations/{pseudo(number)}/tracker", timeout=30).json()["events"]
    assert [e["parse_data"]["intent"]["name"] for e in events if e["event"] == "user"][-1] == "need_shelter"


def test_transient_503_is_retried_and_delivered_once(slow_server: dict) -> None:
    number = new_number()
    FakeTwilio.script[number] = [503, 503]
    assert sms(number, "hi") == []
    parts = full_reply(number)
    statuses = [a["status"] for a in attempts(number)]
    assert statuses == ["503", "503"] + ["201"] * len(parts)
    first = [a["Body"] for a in attempts(number)[:3]]
    assert first == [parts[0]] * 3  # the same part, retried; each part delivered exactly once
    assert len(set(delivered(number))) == len(delivered(number)) == len(parts)


def test_permanent_400_is_not_retried(slow_server: dict) -> None:
    number = new_number()
    FakeTwilio.script[number] = [400]
    assert sms(number, "hi") == []
    wait_until(lambda: len(attempts(number)) >= 1)
    time.sleep(RETRY_BASE * 7 + 1)  # long past every retry delay
    assert [a["status"] for a in attempts(number)] == ["400"]  # no retry, no later part


def test_opted_out_number_gets_nothing(slow_server: dict, server_env: None) -> None:
    from bot.contacts import ContactUnavailable
    from channels.sms import _send_late
    from channels.sms_outbound import load_sms_config, send_parts

    number = new_number()
    assert sms(number, "hi") == []
    full_reply(number)
    stop = sms(number, "STOP")  # keywords never reach Rasa: answered in TwiML at once
    assert len(stop) == 1 and "unsubscribed" in stop[0]
    count = len(attempts(number))
    assert sms(number, "hi") == []
    config = load_sms_config()
    assert config is not None

    async def late_reply_after_stop() -> None:  # a turn that finished after the STOP arrived
        async def turn() -> list[dict]:
            return [{"text": "A late answer", "buttons": [{"title": "Food", "payload": "/need_food"}]}]

        await _send_late(asyncio.create_task(turn()), pseudo(number), config)  # must not raise

    asyncio.run(late_reply_after_stop())
    with pytest.raises(ContactUnavailable, match="opted out"):
        asyncio.run(send_parts(pseudo(number), ["hello"], config))
    time.sleep(1)
    assert len(attempts(number)) == count


# --- delivery reports --------------------------------------------------------------------------

def status_form(status: str = "delivered") -> dict[str, str]:
    sid = new_sid()
    return {"SmsSid": sid, "SmsStatus": status, "MessageStatus": status, "To": "+17155550999",
            "MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": TWILIO_NUMBER, "ApiVersion": "2010-04-01"}


def test_valid_status_callback_is_204_and_keeps_only_daily_counts(slow_server: dict) -> None:
    import sqlite3

    def counts() -> dict[str, int]:
        with sqlite3.connect(slow_server["db"]) as conn:
            names = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
            return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in names}

    def daily() -> dict[str, int]:
        with sqlite3.connect(slow_server["db"]) as conn:
            return dict(conn.execute("select status, sum(count) from sms_delivery_daily group by status"))

    before, before_daily = counts(), daily()
    for status in ("sent", "delivered", "delivered", "undelivered", "<script>"):
        form = status_form(status)
        reply = post(STATUS, form, sign(form, url=SIGNED_STATUS_URL))
        assert reply.status_code == 204 and reply.content == b""
    after = counts()
    assert {t: n for t, n in after.items() if t != "sms_delivery_daily"} == \
        {t: n for t, n in before.items() if t != "sms_delivery_daily"}, "only the daily counts change"
    gained = {s: daily().get(s, 0) - before_daily.get(s, 0) for s in ("sent", "delivered", "undelivered", "other")}
    assert gained == {"sent": 1, "delivered": 2, "undelivered": 1, "other": 1}
    with sqlite3.connect(slow_server["db"]) as conn:
        stored = " ".join(str(v) for row in conn.execute("select * from sms_delivery_daily") for v in row)
    assert "SM" not in stored and "7155550999" not in stored and "<script>" not in stored


def test_forged_status_callback_is_403(slow_server: dict) -> None:
    form = status_form()
    for signature in (None, "", sign(form), sign(form, url=SIGNED_STATUS_URL, token=AUTH_TOKEN + "x"),
                      sign({**form, "MessageStatus": "failed"}, url=SIGNED_STATUS_URL)):
        assert post(STATUS, form, signature).status_code == 403
    # a status report's signature does not open the message webhook either
    message = params(new_number(), "hi")
    assert post(WEBHOOK, message, sign(message, url=SIGNED_STATUS_URL)).status_code == 403


# --- without a server --------------------------------------------------------------------------

def test_connection_errors_are_retried_three_times_then_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from channels.sms_outbound import SmsConfig, SmsSendError, _client, _create

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    config = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, None, PUBLIC_URL, f"http://127.0.0.1:{closed}",
                       retry_base_delay=0.02)
    started = time.monotonic()
    with pytest.raises(SmsSendError) as error:
        asyncio.run(_create(_client(config), config, "+17155550998", "hello"))
    assert error.value.attempts == 4 and error.value.transient and error.value.reason == "ConnectionError"
    assert time.monotonic() - started >= 0.02 * 7
    assert "7155550998" not in str(error.value) and error.value.__cause__ is None


def test_budget_and_delay_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from channels.sms_outbound import load_sms_config

    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "HARBOR_PUBLIC_URL"):
        monkeypatch.setenv(name, {"TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                                  "TWILIO_NUMBER": TWILIO_NUMBER, "HARBOR_PUBLIC_URL": PUBLIC_URL}[name])
    monkeypatch.delenv("HARBOR_SMS_REPLY_BUDGET", raising=False)
    monkeypatch.delenv("HARBOR_SMS_RETRY_BASE_DELAY", raising=False)
    monkeypatch.delenv("HARBOR_SMS_BUSY_TURNS", raising=False)
    config = load_sms_config()
    assert config and config.reply_budget == 0.15 and config.retry_base_delay == 0.5 and config.busy_turns == 3
    for bad in ("-1", "many", "2.5"):
        monkeypatch.setenv("HARBOR_SMS_BUSY_TURNS", bad)
        with pytest.raises(ValueError, match="HARBOR_SMS_BUSY_TURNS"):
            load_sms_config()
    monkeypatch.setenv("HARBOR_SMS_BUSY_TURNS", "0")
    assert load_sms_config().busy_turns == 0  # type: ignore[union-attr]
    monkeypatch.delenv("HARBOR_SMS_BUSY_TURNS")
    assert config.status_url == PUBLIC_URL + "/webhooks/sms/status"
    for bad in ("0", "-1", "15", "soon"):
        monkeypatch.setenv("HARBOR_SMS_REPLY_BUDGET", bad)
        with pytest.raises(ValueError, match="HARBOR_SMS_REPLY_BUDGET"):
            load_sms_config()


# --- privacy: last -----------------------------------------------------------------------------

def test_zz_logs_name_only_statuses_never_numbers_or_texts(slow_server: dict) -> None:
    logs = {p.name: p.read_text(errors="replace") for p in slow_server["logs"].iterdir()}
    rasa_log = logs["rasa.log"]
    assert "Twilio answered HTTP 503; retry 1 of 3" in rasa_log
    assert "gave up on part 1 of" in rasa_log and "HTTP 400 after 1 attempt(s)" in rasa_log
    assert "outran the reply budget" in rasa_log
    for number in USED_NUMBERS | {"+17155550999"}:
        for name, blob in logs.items():
            assert number[2:] not in blob and number[5:] not in blob, name
    for text in ("qwzx vbnm plok", "A late answer", "failed\"", "the number +1"):
        assert all(text not in blob for blob in logs.values()), text


def test_a_busy_server_acknowledges_at_once() -> None:
    from channels.sms import reply_budget
    from channels.sms_outbound import SmsConfig

    config = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, None, PUBLIC_URL, "http://127.0.0.1:9",
                       reply_budget=0.15, busy_turns=3)
    assert [reply_budget(config, running) for running in range(5)] == [0.15, 0.15, 0.15, 0.0, 0.0]
    never_busy = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER, None, PUBLIC_URL, "http://127.0.0.1:9",
                           reply_budget=8.0, busy_turns=1000)
    assert reply_budget(never_busy, 50) == 8.0
