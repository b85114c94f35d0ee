"""End to end: Harbor's Telegram channel on a real Rasa server (port 5205) and action server (5255),
a separate SQLite database, and a fake Telegram Bot API server on 127.0.0.1."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs

import httpx
import pytest
from cryptography.fernet import Fernet

from tests.conftest import _reset_caches
from tests.live_servers import fake_provider, isolated_harbor, unconfigured_channel

pytestmark = pytest.mark.server

PORT, ACTIONS_PORT = 5205, 5255
BASE = f"http://localhost:{PORT}"
WEBHOOK = f"{BASE}/webhooks/telegram/webhook"
TOKEN = "123456789:AAH-harbor-test-token-0123456789abcd"
SECRET = "harbor-test-webhook-secret_0123"
PUBLIC_URL = "https://harbor.example.org"
PSEUDONYM_KEY = "cd" * 32
FERNET_KEY = Fernet.generate_key().decode()
USED_CHATS: set[int] = set()
_update_ids = iter(range(700000001, 10**10))
_message_ids = iter(range(50, 10**9))


def new_chat() -> int:
    chat = 7391800000 + 137 * (len(USED_CHATS) + 1)  # distinctive 10-digit ids, easy to search for
    USED_CHATS.add(chat)
    return chat


def pseudo(chat: int) -> str:
    from bot.pseudonym import pseudonym

    return pseudonym("telegram", str(chat), key=PSEUDONYM_KEY)


def _people(chat: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({"id": chat, "type": "private", "first_name": "Sam"},
            {"id": chat, "is_bot": False, "first_name": "Sam", "language_code": "en"})


def text_update(chat: int, text: str, update_id: int | None = None) -> dict[str, Any]:
    chat_obj, user = _people(chat)
    message: dict[str, Any] = {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat_obj,
                               "from": user, "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id or next(_update_ids), "message": message}


def photo_update(chat: int) -> dict[str, Any]:
    chat_obj, user = _people(chat)
    return {"update_id": next(_update_ids), "message": {
        "message_id": next(_message_ids), "date": int(time.time()), "chat": chat_obj, "from": user,
        "photo": [{"file_id": "AgAC-photo", "file_unique_id": "AQAD-photo", "width": 90, "height": 90}]}}


def callback_update(chat: int, data: str) -> dict[str, Any]:
    chat_obj, user = _people(chat)
    bot_user = {"id": 123456789, "is_bot": True, "first_name": "Harbor"}
    return {"update_id": next(_update_ids), "callback_query": {
        "id": f"cbq{next(_update_ids)}", "from": user, "chat_instance": "-4242", "data": data,
        "message": {"message_id": next(_message_ids), "date": int(time.time()), "chat": chat_obj,
                    "from": bot_user, "text": "What would help right now?"}}}


def post(update: Any, secret: str | None = SECRET, client: httpx.Client | None = None,
         raw: bytes | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    body = raw if raw is not None else json.dumps(update).encode()
    return (client or httpx).post(WEBHOOK, content=body, headers=headers, timeout=60)


class FakeBotApi(BaseHTTPRequestHandler):
    """Answers the Bot API methods Harbor uses, in Telegram's JSON shape, and records each call."""

    calls: list[dict[str, Any]] = []
    rate_limit_next = 0  # answer this many sendMessage calls with 429 first
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            params = json.loads(raw or "{}")
        else:
            params = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        token, _, method = self.path.lstrip("/").partition("/")
        status, result = 200, True
        with FakeBotApi.lock:
            FakeBotApi.calls.append({"method": method, "token": token, "at": time.monotonic(), **params})
            if method == "sendMessage" and FakeBotApi.rate_limit_next > 0:
                FakeBotApi.rate_limit_next -= 1
                status = 429
            message_id = 1000 + len(FakeBotApi.calls)
        if token != f"bot{TOKEN}":
            body: dict[str, Any] = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            status = 401
        elif status == 429:
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1}}
        elif method == "getMe":
            body = {"ok": True, "result": {"id": 123456789, "is_bot": True, "first_name": "Harbor",
                                           "username": "HarborTestBot"}}
        elif method == "sendMessage":
            chat = int(params["chat_id"])
            body = {"ok": True, "result": {"message_id": message_id, "date": int(time.time()),
                                           "chat": {"id": chat, "type": "private"}, "text": params.get("text", "")}}
        elif method in ("deleteMessage", "answerCallbackQuery", "setWebhook"):
            body = {"ok": True, "result": result}
        else:
            body, status = {"ok": False, "error_code": 404, "description": "Not Found"}, 404
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


def sent(chat: int, method: str = "sendMessage") -> list[dict[str, Any]]:
    with FakeBotApi.lock:
        return [c for c in FakeBotApi.calls if c["method"] == method and str(c.get("chat_id")) == str(chat)]


@pytest.fixture(scope="module")
def fake_bot_api() -> Iterator[str]:
    with fake_provider(FakeBotApi) as url:
        yield url


@pytest.fixture(scope="module")
def tg_server(tmp_path_factory: pytest.TempPathFactory, fake_bot_api: str) -> Iterator[dict[str, Any]]:
    extra = {
        "HARBOR_PSEUDONYM_KEY": PSEUDONYM_KEY, "HARBOR_FERNET_KEY": FERNET_KEY,
        "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET, "HARBOR_TELEGRAM_API_BASE": fake_bot_api,
        "HARBOR_PUBLIC_URL": PUBLIC_URL,
    }
    with isolated_harbor(tmp_path_factory.mktemp("telegram"), PORT, ACTIONS_PORT, extra) as server:
        yield server


@pytest.fixture
def outbound_env(tg_server: dict, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test process reads the server's database with the server's keys (for send_telegram)."""
    for name in ("HARBOR_VAR_DIR", "HARBOR_DATABASE_URL", "HARBOR_PSEUDONYM_KEY", "HARBOR_FERNET_KEY",
                 "TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "HARBOR_TELEGRAM_API_BASE", "HARBOR_PUBLIC_URL"):
        monkeypatch.setenv(name, tg_server["env"][name])
    _reset_caches()
    yield
    _reset_caches()


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}


def tracker(chat: int) -> dict[str, Any]:
    return httpx.get(f"{BASE}/conversations/{pseudo(chat)}/tracker", timeout=30).json()


def user_turns(chat: int) -> int:
    return sum(1 for event in tracker(chat)["events"] if event["event"] == "user")


def say(chat: int, text: str) -> list[dict[str, Any]]:
    """A genuine update; the sendMessage calls it caused."""
    before = len(sent(chat))
    reply = post(text_update(chat, text))
    assert reply.status_code == 200, reply.text
    return sent(chat)[before:]


def buttons_of(call: dict[str, Any]) -> list[dict[str, str]]:
    markup = json.loads(call["reply_markup"]) if isinstance(call.get("reply_markup"), str) else call.get("reply_markup")
    return [button for row in (markup or {}).get("inline_keyboard", []) for button in row]


# --- genuine traffic ---------------------------------------------------------------------------

def test_health_and_genuine_update_gets_reply_with_inline_keyboard(tg_server: dict) -> None:
    assert httpx.get(f"{BASE}/webhooks/telegram/").json() == {"status": "ok"}
    chat = new_chat()
    calls = say(chat, "/start")
    assert len(calls) == 1  # the greeting and the menu bundled: one notification
    assert "911" in calls[0]["text"] and "automated" in calls[0]["text"]
    buttons = buttons_of(calls[0])
    assert {"text": "A place to sleep tonight", "callback_data": "/need_shelter"} in buttons
    assert all(c["token"] == f"bot{TOKEN}" for c in calls)
    assert user_turns(chat) == 1
    with sqlite3.connect(tg_server["db"]) as conn:
        ids = {r[0] for r in conn.execute("select distinct sender_id from events")}
        rows = conn.execute("select conversation_id, address_enc from contact_address where channel='telegram'"
                            ).fetchall()
    assert pseudo(chat) in ids
    row = next(r for r in rows if r[0] == pseudo(chat))
    assert row[1].startswith("gAAAA") and str(chat) not in row[1]


def test_button_press_maps_back_to_payload_and_is_answered(tg_server: dict) -> None:
    chat = new_chat()
    first = say(chat, "qwzx vbnm plok")
    assert any(b["callback_data"] == "/need_shelter" for c in first for b in buttons_of(c))
    answered = len([c for c in FakeBotApi.calls if c["method"] == "answerCallbackQuery"])
    update = callback_update(chat, "/need_shelter")
    before = len(sent(chat))
    assert post(update).status_code == 200
    calls = [c for c in FakeBotApi.calls if c["method"] == "answerCallbackQuery"]
    assert len(calls) == answered + 1 and calls[-1]["callback_query_id"] == update["callback_query"]["id"]
    assert "city, county or ZIP" in " ".join(c["text"] for c in sent(chat)[before:])
    intents = [e["parse_data"]["intent"]["name"] for e in tracker(chat)["events"] if e["event"] == "user"]
    assert intents[-1] == "need_shelter"


def test_help_and_photo_are_answered_without_a_turn(tg_server: dict) -> None:
    chat = new_chat()
    calls = say(chat, "/help")
    assert len(calls) == 1
    for needed in ("911", "1-888-373-7888", "233733", "988", "/stop", "/delete"):
        assert needed in calls[0]["text"], needed
    before = len(sent(chat))
    assert post(photo_update(chat)).status_code == 200
    media = sent(chat)[before:]
    assert len(media) == 1 and media[0]["text"].startswith("I can only read text") and "911" in media[0]["text"]
    assert user_turns(chat) == 0


# --- refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET + "x", SECRET[:-1], SECRET.upper()])
def test_wrong_or_missing_secret_is_403_and_stores_nothing(tg_server: dict, secret: str | None) -> None:
    before = row_counts(tg_server["db"])
    calls = len(FakeBotApi.calls)
    chat = new_chat()
    reply = post(text_update(chat, "hi"), secret=secret)
    assert reply.status_code == 403
    assert row_counts(tg_server["db"]) == before and len(FakeBotApi.calls) == calls
    assert user_turns(chat) == 0


@pytest.mark.parametrize("raw, reason", [
    (b"{not json", "JSON"), (b"\xff\xfe", "JSON"), (b"[1, 2]", "JSON object"), (b"{}", "update_id"),
    (b'{"update_id": "7"}', "update_id"), (b'{"update_id": true}', "update_id"),
    (b'{"update_id": 5, "message": {"message_id": 1}}', "not a Telegram update"),
])
def test_malformed_update_is_400_with_reason(tg_server: dict, raw: bytes, reason: str) -> None:
    before = row_counts(tg_server["db"])
    reply = post(None, raw=raw)
    assert reply.status_code == 400 and reason in reply.text, reply.text
    assert row_counts(tg_server["db"]) == before


# --- de-duplication ----------------------------------------------------------------------------

def test_same_update_id_twenty_times_concurrently_is_one_turn(tg_server: dict) -> None:
    chat = new_chat()
    update = text_update(chat, "hi")
    barrier = threading.Barrier(20)

    def send(_: int) -> httpx.Response:
        with httpx.Client() as client:
            barrier.wait()
            return post(update, client=client)

    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(send, range(20)))
    assert all(r.status_code == 200 for r in replies)
    assert user_turns(chat) == 1
    assert len(sent(chat)) == 1
    with sqlite3.connect(tg_server["db"]) as conn:
        assert conn.execute("select count(*) from inbound_message where provider_message_id = ?",
                            (f"telegram:{update['update_id']}",)).fetchone()[0] == 1


# --- opt-out, outbound, 429 --------------------------------------------------------------------

def test_stop_silences_everything_until_start(tg_server: dict, outbound_env: None) -> None:
    from bot.contacts import ContactUnavailable
    from channels.telegram_outbound import send_telegram

    chat = new_chat()
    conv = pseudo(chat)
    assert say(chat, "hi")
    ids = asyncio.run(send_telegram(conv, "An advocate here. How can I help?"))
    assert len(ids) == 1 and sent(chat)[-1]["text"] == "An advocate here. How can I help?"

    confirmation = say(chat, "/stop")
    assert len(confirmation) == 1 and "unsubscribed" in confirmation[0]["text"] and "/start" in confirmation[0]["text"]
    turns = user_turns(chat)
    before = len(sent(chat))
    for later in ("/stop", "hi", "/help", "i need a place to sleep"):
        assert say(chat, later) == [], later
    assert post(photo_update(chat)).status_code == 200
    assert post(callback_update(chat, "/need_shelter")).status_code == 200
    with pytest.raises(ContactUnavailable, match="opted out"):
        asyncio.run(send_telegram(conv, "hello again"))
    assert len(sent(chat)) == before and user_turns(chat) == turns
    with sqlite3.connect(tg_server["db"]) as conn:
        assert conn.execute("select count(*) from opt_out where pseudonym = ?", (conv,)).fetchone()[0] == 1
        assert conn.execute("select count(*) from contact_address where conversation_id = ?",
                            (conv,)).fetchone()[0] == 0

    welcome = say(chat, "/start")
    assert welcome and "911" in welcome[0]["text"] and user_turns(chat) == turns + 1
    asyncio.run(send_telegram(conv, "Back again"))
    assert sent(chat)[-1]["text"] == "Back again"


def test_outbound_refuses_unknown_and_expired(tg_server: dict, outbound_env: None) -> None:
    from bot.contacts import ContactUnavailable
    from channels.telegram_outbound import send_telegram

    calls = len(FakeBotApi.calls)
    with pytest.raises(ContactUnavailable, match="no reply address"):
        asyncio.run(send_telegram("telegram-" + "0" * 32, "hello"))
    chat = new_chat()
    assert say(chat, "hi")
    calls = len(FakeBotApi.calls)
    with sqlite3.connect(tg_server["db"]) as conn:
        conn.execute("update contact_address set expires_at = '2000-01-01 00:00:00' where conversation_id = ?",
                     (pseudo(chat),))
    with pytest.raises(ContactUnavailable, match="expired"):
        asyncio.run(send_telegram(pseudo(chat), "hello"))
    assert len(FakeBotApi.calls) == calls


def test_429_retry_after_is_honoured(tg_server: dict) -> None:
    chat = new_chat()
    FakeBotApi.rate_limit_next = 1
    started = time.monotonic()
    calls = say(chat, "/help")
    assert FakeBotApi.rate_limit_next == 0
    assert len(calls) == 2  # refused once, sent again after the wait
    assert calls[1]["at"] - calls[0]["at"] >= 0.95 and time.monotonic() - started >= 0.95
    assert calls[0]["text"] == calls[1]["text"]


# --- /delete -----------------------------------------------------------------------------------

def test_delete_removes_messages_and_stored_data(tg_server: dict, outbound_env: None) -> None:
    from bot.contacts import ContactUnavailable
    from channels.telegram_outbound import send_telegram

    chat = new_chat()
    conv = pseudo(chat)
    first = post(text_update(chat, "hi"))
    assert first.status_code == 200
    assert say(chat, "need somewhere to sleep tonight")
    bot_ids = {str(1000 + i) for i, c in enumerate(FakeBotApi.calls, start=1)
               if c["method"] == "sendMessage" and str(c.get("chat_id")) == str(chat)}
    with sqlite3.connect(tg_server["db"]) as conn:
        stored = {r[0] for r in conn.execute("select message_id from chat_message where conversation_id = ?",
                                             (conv,))}
    assert bot_ids and bot_ids <= stored and len(stored) >= len(bot_ids) + 2  # also the youth's own
    with sqlite3.connect(tg_server["db"]) as conn:
        assert conn.execute("select count(*) from events where sender_id = ?", (conv,)).fetchone()[0] > 0

    ask = text_update(chat, "/delete")
    before = len(sent(chat))
    assert post(ask).status_code == 200
    question = sent(chat)[before:]
    assert len(question) == 1 and "YES" in question[0]["text"] and not sent(chat, "deleteMessage")
    with sqlite3.connect(tg_server["db"]) as conn:  # asking erased nothing yet
        assert conn.execute("select count(*) from events where sender_id = ?", (conv,)).fetchone()[0] > 0

    update = text_update(chat, "yes")
    before = len(sent(chat))
    assert post(update).status_code == 200
    deleted = {str(c["message_id"]) for c in sent(chat, "deleteMessage")}
    assert stored | {str(update["message"]["message_id"]), str(ask["message"]["message_id"])} <= deleted
    confirmation = sent(chat)[before:]
    assert len(confirmation) == 1 and "deleted" in confirmation[0]["text"]
    with sqlite3.connect(tg_server["db"]) as conn:
        for table, column in (("contact_address", "conversation_id"), ("chat_message", "conversation_id"),
                              ("events", "sender_id"), ("handoff", "conversation_id")):
            assert conn.execute(f"select count(*) from {table} where {column} = ?", (conv,)).fetchone()[0] == 0
    with pytest.raises(ContactUnavailable, match="no reply address"):
        asyncio.run(send_telegram(conv, "hello"))


def test_delete_then_anything_else_keeps_the_conversation(tg_server: dict, outbound_env: None) -> None:
    chat = new_chat()
    conv = pseudo(chat)
    assert say(chat, "hi")
    assert post(text_update(chat, "/delete")).status_code == 200
    assert say(chat, "actually no, need food")
    assert not sent(chat, "deleteMessage")
    with sqlite3.connect(tg_server["db"]) as conn:
        assert conn.execute("select count(*) from events where sender_id = ?", (conv,)).fetchone()[0] > 0
        assert conn.execute("select count(*) from pending_confirmation").fetchone()[0] == 0


# --- the CLI -----------------------------------------------------------------------------------

def test_cli_set_webhook_registers_public_url_with_secret(tg_server: dict, outbound_env: None,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["telegram", "set-webhook"]) == 0
    call = [c for c in FakeBotApi.calls if c["method"] == "setWebhook"][-1]
    assert call["url"] == PUBLIC_URL + "/webhooks/telegram/webhook" and call["secret_token"] == SECRET
    assert "registered" in capsys.readouterr().out


def test_cli_set_webhook_refuses_without_configuration(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    monkeypatch.delenv("TELEGRAM_TOKEN", raising=False)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    assert main(["telegram", "set-webhook"]) == 2
    assert "not configured" in capsys.readouterr().err


# --- units -------------------------------------------------------------------------------------

def test_units_commands_splitting_keyboards() -> None:
    from channels.telegram import bundle, command_of
    from channels.telegram_outbound import keyboard, split_text

    assert command_of("/help@HarborBot more") == "help" and command_of("/START") == "start"
    assert command_of("hi /stop") is None and command_of("/") == ""
    parts = split_text(("word " * 2000).strip())
    assert all(len(p) <= 4096 for p in parts) and " ".join(parts) == ("word " * 2000).strip()
    long_payload = '/choose{"service_id": "' + "x" * 80 + '"}'
    markup, payloads = keyboard([{"title": "Short", "payload": "/a"}, {"title": "Long", "payload": long_payload}],
                                start=3)
    assert payloads == ["/a", long_payload]
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["/a", "4"]
    bundles = bundle([{"text": "Hello."}, {"text": "Pick:", "buttons": [{"title": "A", "payload": "/a"}]},
                      {"text": "Or call 911."}])
    assert [(t, m is not None, p) for t, m, p in bundles] == [("Hello.\n\nPick:", True, ["/a"]),
                                                           ("Or call 911.", False, [])]


def test_units_retry_is_bounded() -> None:
    from telegram.error import RetryAfter

    from channels import telegram_outbound

    attempts = []

    async def always_limited() -> None:
        attempts.append(1)
        raise RetryAfter(0)

    with pytest.raises(RetryAfter):
        asyncio.run(telegram_outbound.call_with_retry(always_limited))
    assert len(attempts) == telegram_outbound.RETRY_ATTEMPTS

    async def too_long() -> None:
        attempts.append(1)
        raise RetryAfter(dt.timedelta(seconds=telegram_outbound.MAX_RETRY_WAIT_SECONDS + 1))

    attempts.clear()
    with pytest.raises(RetryAfter):
        asyncio.run(telegram_outbound.call_with_retry(too_long))
    assert len(attempts) == 1


def test_units_chat_messages_expire_after_48_hours(harbor_env: Path) -> None:
    from bot import contacts
    from bot.db import session_scope
    from bot.migrate import upgrade

    upgrade()
    conv = "telegram-" + "b" * 32
    old = contacts.utcnow() - dt.timedelta(hours=49)
    with session_scope() as session:
        contacts.remember_chat_messages(session, conv, "telegram", ["1", "2"], now=old)
        contacts.remember_chat_messages(session, conv, "telegram", ["3"])
    with session_scope() as session:
        assert contacts.deletable_chat_messages(session, conv, "telegram") == ["3"]
        assert contacts.purge_chat_messages(session) == 2
        contacts.forget_conversation(session, conv, "telegram")
    with session_scope() as session:
        assert contacts.deletable_chat_messages(session, conv, "telegram") == []


# --- not configured, privacy (last) -------------------------------------------------------------

def test_not_configured_answers_503_and_nothing_else(tmp_path: Path) -> None:
    """Without TELEGRAM_* the blueprint still mounts (Rasa starts) and answers 503."""
    env = {"HARBOR_VAR_DIR": str(tmp_path / "var"), "TELEGRAM_TOKEN": TOKEN}  # partial: not enough
    with unconfigured_channel("channels.telegram", "TelegramInput", "/webhooks/telegram", 5206, env) as url:
        health = httpx.get(url, timeout=2)
        assert health.status_code == 503 and health.text == "Telegram is not configured"
        reply = httpx.post("http://127.0.0.1:5206/webhooks/telegram/webhook", json=text_update(new_chat(), "hi"),
                           headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
        assert reply.status_code == 503 and reply.text == "Telegram is not configured"
        assert not (tmp_path / "var").exists()


def test_zz_no_chat_or_user_id_in_database_or_logs(tg_server: dict) -> None:
    chat = new_chat()  # a scripted conversation, then look everywhere
    for text in ("/start", "need somewhere to sleep tonight", "madison", "/help", "/stop", "/start", "hi"):
        say(chat, text)
    post(callback_update(chat, "/need_food"))
    post(photo_update(chat))
    assert len(USED_CHATS) > 10
    db = tg_server["db"]
    blobs = {p.name: p.read_bytes().decode("latin-1") for p in db.parent.glob("harbor.db*")}
    blobs |= {p.name: p.read_text(errors="replace") for p in tg_server["logs"].iterdir()}
    assert "Rasa server is up and running" in blobs["rasa.log"]
    for used in USED_CHATS:
        for name, blob in blobs.items():
            assert str(used) not in blob, f"a chat/user id found in {name}"
    for name, blob in blobs.items():
        assert TOKEN not in blob and TOKEN.split(":")[1] not in blob, f"the bot token found in {name}"
