"""End to end: Harbor's SMS channel on a real Rasa server (port 5105) and action server (5155),
a separate SQLite database, signed Twilio requests, and a fake Twilio REST API on 127.0.0.1."""
from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.fernet import Fernet
from twilio.request_validator import RequestValidator

from tests.conftest import _reset_caches
from tests.live_servers import fake_provider, isolated_harbor, unconfigured_channel

pytestmark = pytest.mark.server

PORT, ACTIONS_PORT = 5105, 5155
BASE = f"http://localhost:{PORT}"
WEBHOOK = f"{BASE}/webhooks/sms/webhook"
PUBLIC_URL = "https://harbor.example.org"
SIGNED_URL = PUBLIC_URL + "/webhooks/sms/webhook"
ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "f" * 8 + "test-auth-token-harbor"
TWILIO_NUMBER = "+14145550100"
PSEUDONYM_KEY = "ab" * 32
FERNET_KEY = Fernet.generate_key().decode()
USED_NUMBERS: set[str] = set()
_sid_counter = iter(range(10**9))


def new_sid() -> str:
    return f"SM{next(_sid_counter):032x}"


def new_number() -> str:
    number = f"+1608555{len(USED_NUMBERS) + 100:04d}"
    USED_NUMBERS.add(number)
    return number


def pseudo(number: str) -> str:
    from bot.pseudonym import pseudonym

    return pseudonym("sms", number, key=PSEUDONYM_KEY)


def params(number: str, body: str, sid: str | None = None, **extra: str) -> dict[str, str]:
    """What Twilio posts for an incoming SMS (a representative subset, blanks included)."""
    sid = sid or new_sid()
    return {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "FromState": "WI",
            "SmsSid": sid, "MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": number, "To": TWILIO_NUMBER,
            "Body": body, "NumSegments": "1", "ApiVersion": "2010-04-01", **extra}


def sign(form: dict[str, str], url: str = SIGNED_URL, token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, form)


def post(form: dict[str, str], signature: str | None = "auto", url: str = WEBHOOK,
         headers: dict[str, str] | None = None, client: httpx.Client | None = None) -> httpx.Response:
    head = dict(headers or {})
    if signature == "auto":
        signature = sign(form)
    if signature is not None:
        head["X-Twilio-Signature"] = signature
    return (client or httpx).post(url, data=form, headers=head, timeout=60)


def sms(number: str, body: str, **extra: str) -> list[str]:
    """A genuine, signed incoming SMS; the <Message> texts Harbor answers with."""
    sid = new_sid()
    reply = post(params(number, body, sid, **extra))
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("text/xml")
    return messages(reply.text)


def messages(xml: str) -> list[str]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(xml)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


class FakeTwilio(BaseHTTPRequestHandler):
    posts: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        FakeTwilio.posts.append({"path": [self.path], **form})
        body = json.dumps({"sid": f"SM{len(FakeTwilio.posts):032x}", "status": "queued",
                           "to": form.get("To", [""])[0], "body": form.get("Body", [""])[0]}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def fake_twilio() -> Iterator[str]:
    with fake_provider(FakeTwilio) as url:
        yield url


@pytest.fixture(scope="module")
def sms_server(tmp_path_factory: pytest.TempPathFactory, fake_twilio: str) -> Iterator[dict[str, Path]]:
    extra = {
        "HARBOR_PSEUDONYM_KEY": PSEUDONYM_KEY, "HARBOR_FERNET_KEY": FERNET_KEY,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_NUMBER": TWILIO_NUMBER,
        "HARBOR_PUBLIC_URL": PUBLIC_URL, "HARBOR_TWILIO_API_BASE": fake_twilio,
        # These tests read replies from the TwiML; on a busy CI machine a turn can outrun the
        # 0.15 s default. The budget itself is tested in test_sms_slow_path.py.
        "HARBOR_SMS_REPLY_BUDGET": "8", "HARBOR_SMS_BUSY_TURNS": "1000",
    }
    with isolated_harbor(tmp_path_factory.mktemp("sms"), PORT, ACTIONS_PORT, extra) as server:
        yield server


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


def user_turns(number: str) -> int:
    tracker = httpx.get(f"{BASE}/conversations/{pseudo(number)}/tracker", timeout=30).json()
    return sum(1 for event in tracker["events"] if event["event"] == "user")


@pytest.fixture
def outbound_env(sms_server: dict, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test process reads the server's database with the server's keys (for send_sms)."""
    for name in ("HARBOR_VAR_DIR", "HARBOR_DATABASE_URL", "HARBOR_PSEUDONYM_KEY", "HARBOR_FERNET_KEY",
                 "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "HARBOR_PUBLIC_URL",
                 "HARBOR_TWILIO_API_BASE"):
        monkeypatch.setenv(name, sms_server["env"][name])
    _reset_caches()
    yield
    _reset_caches()


# --- genuine traffic ---------------------------------------------------------------------------

def test_health_and_genuine_request_gets_twiml_reply(sms_server: dict) -> None:
    assert httpx.get(f"{BASE}/webhooks/sms/").json() == {"status": "ok"}
    number = new_number()
    texts = sms(number, "hi")
    joined = " ".join(texts)
    assert texts and "911" in joined and "automated" in joined
    from bot.sms_text import is_gsm7

    assert all(len(t) <= 320 and is_gsm7(t) for t in texts)
    assert user_turns(number) == 1
    with sqlite3.connect(sms_server["db"]) as conn:
        ids = {r[0] for r in conn.execute("select distinct sender_id from events")}
        rows = conn.execute("select conversation_id, address_enc from contact_address").fetchall()
    assert pseudo(number) in ids and not any(number in i or "6085550" in i for i in ids)
    assert (pseudo(number),) == next((r[:1] for r in rows if r[0] == pseudo(number)))


def test_buttons_become_numbered_lines_and_a_number_picks_the_payload(sms_server: dict) -> None:
    number = new_number()
    texts = sms(number, "qwzx vbnm plok")
    joined = "\n".join(texts)
    match = re.search(r"^(\d+) = A place to sleep tonight$", joined, re.MULTILINE)
    assert match, joined
    assert re.search(r"^1 = ", joined, re.MULTILINE)
    answer = " ".join(sms(number, match.group(1)))
    assert "city, county or ZIP" in answer
    tracker = httpx.get(f"{BASE}/conversations/{pseudo(number)}/tracker", timeout=30).json()
    intents = [e["parse_data"]["intent"]["name"] for e in tracker["events"] if e["event"] == "user"]
    assert intents[-1] == "need_shelter"


def test_media_only_message_gets_text_only_answer(sms_server: dict) -> None:
    number = new_number()
    texts = sms(number, "", NumMedia="1", MediaUrl0="https://api.twilio.com/x/Media/ME1",
                MediaContentType0="image/jpeg")
    assert len(texts) == 1 and texts[0].startswith("I can only read text") and "911" in texts[0]
    assert user_turns(number) == 0


@pytest.mark.parametrize("drop", ["From", "Body", "MessageSid"])
def test_malformed_signed_request_is_400_with_reason(sms_server: dict, drop: str) -> None:
    form = params(new_number(), "hi", new_sid())
    del form[drop]
    if drop == "MessageSid":
        form["SmsSid"] = form["SmsMessageSid"] = ""
    reply = post(form)
    assert reply.status_code == 400 and drop in reply.text


def test_proxy_rewritten_url_still_validates_against_public_url(sms_server: dict) -> None:
    number = new_number()
    for url, headers in [
        (f"http://127.0.0.1:{PORT}/webhooks/sms/webhook", {}),
        (f"http://127.0.0.1:{PORT}/webhooks/sms/webhook",
         {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "harbor.example.org", "X-Forwarded-Port": "443"}),
        (f"http://localhost:{PORT}/webhooks/sms/webhook", {"X-Forwarded-Proto": "http"}),
    ]:
        reply = post(params(number, "hi"), url=url, headers=headers)
        assert reply.status_code == 200 and messages(reply.text), reply.text
    # signed for the URL it really arrived on (not the public one): refused
    form = params(number, "hi")
    arrived = post(form, signature=sign(form, url=f"http://127.0.0.1:{PORT}/webhooks/sms/webhook"),
                   url=f"http://127.0.0.1:{PORT}/webhooks/sms/webhook")
    assert arrived.status_code == 403


# --- forgeries ---------------------------------------------------------------------------------

def _forgeries(count: int) -> Iterator[tuple[str, dict[str, str], str | None]]:
    rng = random.Random(20261125)
    other_urls = [
        "http://harbor.example.org/webhooks/sms/webhook", "https://evil.example.org/webhooks/sms/webhook",
        SIGNED_URL + "/", SIGNED_URL + "?x=1", PUBLIC_URL + "/webhooks/rest/webhook",
        f"http://localhost:{PORT}/webhooks/sms/webhook", "https://harbor.example.org:8443/webhooks/sms/webhook",
        "https://HARBOR.example.org/webhooks/sms/webhook",
    ]
    kinds = ["no_signature", "empty_signature", "random_signature", "wrong_token", "tampered_body",
             "tampered_from", "extra_param", "missing_param", "other_url", "mangled_signature", "replayed_sig"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        number = f"+1608555{rng.randrange(2000, 9999):04d}"
        form = params(number, rng.choice(["hi", "need a place to sleep", "STOP", "help me", "1"]), new_sid())
        signature: str | None = sign(form)
        if kind == "no_signature":
            signature = None
        elif kind == "empty_signature":
            signature = ""
        elif kind == "random_signature":
            signature = RequestValidator(os.urandom(8).hex()).compute_signature("x", {})
        elif kind == "wrong_token":
            signature = sign(form, token=AUTH_TOKEN + rng.choice(["x", "1", " "]))
        elif kind == "tampered_body":
            form["Body"] = form["Body"] + rng.choice([" ", "!", "x", "\u00e9"])
        elif kind == "tampered_from":
            form["From"] = f"+1608555{rng.randrange(2000, 9999):04d}"
            if form["From"] == number:
                form["From"] = "+16085551999"
        elif kind == "extra_param":
            form[rng.choice(["FromCity", "Extra", "OptOutType", "body"])] = rng.choice(["", "MADISON", "STOP"])
        elif kind == "missing_param":
            del form[rng.choice(["ToCountry", "FromState", "NumMedia", "ToCity", "AccountSid", "To"])]
        elif kind == "other_url":
            signature = sign(form, url=rng.choice(other_urls))
        elif kind == "mangled_signature":
            position = rng.randrange(len(signature))
            replacement = "A" if signature[position] != "A" else "B"
            signature = signature[:position] + replacement + signature[position + 1:]
        elif kind == "replayed_sig":  # a genuine signature of another message
            signature = sign(params(number, "hi", new_sid()))
        yield kind, form, signature


def test_thousand_forged_requests_are_all_403_and_store_nothing(sms_server: dict) -> None:
    before = row_counts(sms_server["db"])
    forged = list(_forgeries(1100))

    def send(item: tuple[str, dict[str, str], str | None]) -> tuple[str, int]:
        kind, form, signature = item
        with httpx.Client() as client:
            return kind, post(form, signature=signature, client=client).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, forged))
    wrong = [(kind, status) for kind, status in results if status != 403]
    assert not wrong, wrong[:10]
    assert len(results) >= 1000 and len({k for k, _ in results}) == 11
    assert row_counts(sms_server["db"]) == before


# --- de-duplication ----------------------------------------------------------------------------

def test_same_message_sid_twenty_times_concurrently_is_one_turn(sms_server: dict) -> None:
    number = new_number()
    form = params(number, "hi", new_sid())
    signature = sign(form)
    barrier = threading.Barrier(20)

    def send(_: int) -> httpx.Response:
        with httpx.Client() as client:
            barrier.wait()
            return post(form, signature=signature, client=client)

    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(send, range(20)))
    assert all(r.status_code == 200 for r in replies)
    answered = [messages(r.text) for r in replies if messages(r.text)]
    assert len(answered) == 1 and all(answered[0])
    assert user_turns(number) == 1
    with sqlite3.connect(sms_server["db"]) as conn:
        assert conn.execute("select count(*) from inbound_message where provider_message_id = ?",
                            (form["MessageSid"],)).fetchone()[0] == 1


# --- opt-out -----------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["STOP", "stopall", "Unsubscribe", " cancel ", "END", "q u i t"])
def test_opt_out_variants_silence_everything_until_start(sms_server: dict, outbound_env: None,
                                                         word: str) -> None:
    from bot.contacts import ContactUnavailable
    from channels.sms_outbound import send_sms

    number = new_number()
    conv = pseudo(number)
    assert sms(number, "hi")
    posts_before = len(FakeTwilio.posts)
    sids = asyncio.run(send_sms(conv, "An advocate here. How can I help?"))
    assert len(sids) == 1 and len(FakeTwilio.posts) == posts_before + 1
    sent = FakeTwilio.posts[-1]
    assert sent["To"] == [number] and sent["From"] == [TWILIO_NUMBER]
    assert sent["path"][0] == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"

    confirmation = sms(number, word)
    assert len(confirmation) == 1 and "unsubscribed" in confirmation[0] and "START" in confirmation[0]
    turns = user_turns(number)
    posts_before = len(FakeTwilio.posts)
    for later in (word, "hi", "HELP", "i need a place to sleep", "1"):
        assert sms(number, later) == [], later  # confirmed once; then nothing at all
    with pytest.raises(ContactUnavailable, match="opted out"):
        asyncio.run(send_sms(conv, "hello again"))
    assert len(FakeTwilio.posts) == posts_before
    assert user_turns(number) == turns
    with sqlite3.connect(sms_server["db"]) as conn:
        assert conn.execute("select count(*) from opt_out where pseudonym = ?", (conv,)).fetchone()[0] == 1
        assert conn.execute("select count(*) from contact_address where conversation_id = ?",
                            (conv,)).fetchone()[0] == 0

    welcome = sms(number, "START")
    assert len(welcome) == 1 and "welcome back" in welcome[0]
    assert sms(number, "hi")
    asyncio.run(send_sms(conv, "Back again"))
    assert len(FakeTwilio.posts) == posts_before + 1


def test_make_him_stop_goes_to_the_assistant(sms_server: dict) -> None:
    number = new_number()
    for text in ("make him stop", "i want it to stop"):
        assert sms(number, text), text
    assert user_turns(number) == 2
    with sqlite3.connect(sms_server["db"]) as conn:
        assert conn.execute("select count(*) from opt_out where pseudonym = ?",
                            (pseudo(number),)).fetchone()[0] == 0
    assert sms(number, "hi")


def test_help_keyword_answers_without_a_turn(sms_server: dict) -> None:
    number = new_number()
    texts = sms(number, " help ")
    assert len(texts) == 1 and "1-888-373-7888" in texts[0] and "988" in texts[0]
    assert user_turns(number) == 0


def _stored_rows(db: Path, conversation: str) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {table: conn.execute(f"select count(*) from {table} where {column} = ?", (conversation,)).fetchone()[0]
                for table, column in (("events", "sender_id"), ("contact_address", "conversation_id"),
                                      ("handoff", "conversation_id"))}


def test_delete_asks_once_then_yes_erases_everything_in_that_turn(sms_server: dict) -> None:
    number = new_number()
    assert sms(number, "i need somewhere to sleep tonight")
    assert sms(number, "person")  # a handoff request exists too
    assert all(_stored_rows(sms_server["db"], pseudo(number)).values())
    question = sms(number, "DELETE")
    assert len(question) == 1 and "Reply YES" in question[0]
    assert all(_stored_rows(sms_server["db"], pseudo(number)).values())  # asking erases nothing
    done = sms(number, "yes")
    assert len(done) == 1 and "erased" in done[0]
    assert _stored_rows(sms_server["db"], pseudo(number)) == {"events": 0, "contact_address": 0, "handoff": 0}


def test_delete_then_anything_else_keeps_the_conversation(sms_server: dict) -> None:
    number = new_number()
    assert sms(number, "hi")
    assert sms(number, " delete ")
    reply = sms(number, "no wait i need food")
    assert reply and not any("erased" in text for text in reply)
    assert _stored_rows(sms_server["db"], pseudo(number))["events"] > 0
    assert sms(number, "yes") and _stored_rows(sms_server["db"], pseudo(number))["events"] > 0


def test_outbound_refuses_unknown_and_expired(sms_server: dict, outbound_env: None) -> None:
    from bot.contacts import ContactUnavailable
    from channels.sms_outbound import send_sms

    posts = len(FakeTwilio.posts)
    with pytest.raises(ContactUnavailable, match="no reply address"):
        asyncio.run(send_sms("sms-" + "0" * 32, "hello"))
    number = new_number()
    assert sms(number, "hi")
    with sqlite3.connect(sms_server["db"]) as conn:
        conn.execute("update contact_address set expires_at = '2000-01-01 00:00:00' where conversation_id = ?",
                     (pseudo(number),))
    with pytest.raises(ContactUnavailable, match="expired"):
        asyncio.run(send_sms(pseudo(number), "hello"))
    assert len(FakeTwilio.posts) == posts


# --- privacy: last, after everything above has run -----------------------------------------------

def test_zz_no_phone_number_in_database_or_logs(sms_server: dict) -> None:
    number = new_number()  # a scripted conversation, then look everywhere
    for text in ("hi", "need somewhere to sleep tonight", "madison", "HELP", "STOP", "START", "hi"):
        sms(number, text)
    assert len(USED_NUMBERS) > 10
    db = sms_server["db"]
    blobs = {p.name: p.read_bytes().decode("latin-1") for p in db.parent.glob("harbor.db*")}
    blobs |= {p.name: p.read_text(errors="replace") for p in sms_server["logs"].iterdir()}
    assert "Rasa server is up and running" in blobs["rasa.log"]
    for used in USED_NUMBERS:
        digits = used[2:]  # 10 digits
        forms = [used, used[1:], digits, f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
                 f"({digits[:3]}) {digits[3:6]}-{digits[6:]}", f"{digits[:3]}.{digits[3:6]}.{digits[6:]}",
                 f"{digits[:3]} {digits[3:6]} {digits[6:]}", f"{digits[3:6]}-{digits[6:]}"]
        for name, blob in blobs.items():
            for shape in forms:
                assert shape not in blob, f"{shape} found in {name}"


def test_not_configured_answers_503_and_nothing_else(tmp_path: Path) -> None:
    """Without TWILIO_* the blueprint still mounts (Rasa starts) and answers 503."""
    env = {"HARBOR_VAR_DIR": str(tmp_path / "var"), "TWILIO_ACCOUNT_SID": ACCOUNT_SID}  # partial: not enough
    with unconfigured_channel("channels.sms", "SmsInput", "/webhooks/sms", 5106, env) as url:
        health = httpx.get(url, timeout=2)
        assert health.status_code == 503 and health.text == "SMS is not configured"
        form = params("+16085550199", "hi", new_sid())
        reply = post(form, url="http://127.0.0.1:5106/webhooks/sms/webhook")
        assert reply.status_code == 503 and reply.text == "SMS is not configured"
