"""The console blueprint on a real Sanic app, mounted the way Rasa mounts input channels, with a
real migrated SQLite, Harbor's SQL tracker store and Rasa's in-memory lock store."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import socket
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import SimpleNamespace
from typing import Any, AsyncIterator, Iterator
from urllib.parse import parse_qs

import httpx
import pytest
import sqlalchemy as sa

from bot.db import session_scope
from tests.live_servers import fake_provider

PASSWORD = "a long enough password"
PREFIX = "/webhooks/console"
TOKEN = "ab" * 16  # a web chat page's session token


class Console(SimpleNamespace):
    base: str
    app: Any
    agent: Any
    client: httpx.AsyncClient


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def console(harbor_env: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Console]:
    from rasa.core.channels.channel import register
    from rasa.core.lock_store import InMemoryLockStore
    from rasa.shared.core.domain import Domain
    from sanic import Sanic

    from bot import clock
    from bot.advocates.auth import add_advocate
    from bot.migrate import upgrade
    from channels.console import ConsoleInput
    from channels.webchat import WebChatInput
    from rasa_plugins.tracker_store import HarborTrackerStore

    upgrade()
    with session_scope() as session:
        for name, role in (("ann", "advocate"), ("ben", "advocate"), ("ada", "admin"), ("pat", "program")):
            add_advocate(session, name, PASSWORD, role)
    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps in one process (Sanic's TouchUp)
    app = Sanic(f"console_test_{uuid.uuid4().hex[:8]}")
    register([ConsoleInput(), WebChatInput()], app, route="/webhooks/")
    domain = Domain.empty()
    agent = SimpleNamespace(tracker_store=HarborTrackerStore(domain), lock_store=InMemoryLockStore(), domain=domain)
    app.ctx.agent = agent
    port = _free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
    await server.startup()
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        yield Console(base=base, app=app, agent=agent, client=client)
    server.close()
    await server.wait_closed()
    clock.set_offset(dt.timedelta(0))


async def sign_in(c: Console, name: str, password: str = PASSWORD) -> dict[str, str]:
    """Headers of a signed-in page: the session cookie, the CSRF token and a same-origin Origin."""
    r = await c.client.post(f"{PREFIX}/login", json={"name": name, "password": password},
                            headers={"Origin": c.base})
    assert r.status_code == 200, r.text
    token = re.search(r"harbor_console=([^;]+)", r.headers["set-cookie"]).group(1)
    cookie = {"Cookie": f"harbor_console={token}"}
    me = (await c.client.get(f"{PREFIX}/api/me", headers=cookie)).json()
    return {**cookie, "X-CSRF-Token": me["csrf"], "Origin": c.base}


async def seed(c: Console, conversation: str, channel: str = "rest", urgency: str = "emergency",
               texts: tuple[str, ...] = ("im scared hes gonna hurt me, call me at 608-555-0142",)) -> str:
    """A paused conversation in the tracker store and its open handoff request; the request id."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, ConversationPaused, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.handoff import request_handoff

    events: list[Any] = [ActionExecuted("action_listen")]
    for text in texts:
        events += [UserUttered(text), BotUttered("If you are in danger right now, call 911."),
                   ActionExecuted("action_listen")]
    events.append(ConversationPaused())
    await c.agent.tracker_store.save(DialogueStateTracker.from_events(conversation, events))
    with session_scope() as session:
        return request_handoff(session, conversation, channel, urgency, "crisis: danger",
                               {"need": "shelter", "county": "Dane", "crisis_category": "danger"},
                               category="danger", severity="emergency").id


async def events_of(c: Console, conversation: str) -> list[Any]:
    tracker = await c.agent.tracker_store.retrieve(conversation)
    return list(tracker.events) if tracker else []


def audit_actions(conversation: str | None = None) -> list[tuple[str, str]]:
    from bot.advocates.models import AuditLog

    with session_scope() as session:
        query = sa.select(AuditLog.advocate, AuditLog.action).order_by(AuditLog.id)
        if conversation:
            query = query.where(AuditLog.conversation_id == conversation)
        return [tuple(row) for row in session.execute(query)]


def handoff_row(hid: str) -> Any:
    from bot.handoff import Handoff

    with session_scope() as session:
        return session.get(Handoff, hid)


# --- no session: every route -------------------------------------------------------------------

PUBLIC = {("GET", "login"), ("POST", "login"), ("GET", "static/<name:str>")}
HTML_PAGES = {("GET", ""), ("GET", "reports")}
PARAMS = {"<hid:str>": "no-such-id", "<rid:int>": "1", "<name:str>": "console.js"}


def console_routes(app: Any) -> list[tuple[str, str]]:
    routes = []
    for route in app.router.routes:
        path = "/" + route.path
        if not path.startswith(PREFIX):
            continue
        for method in route.methods:
            routes.append((method, path[len(PREFIX):].lstrip("/")))
    return sorted(routes)


def concrete(path: str) -> str:
    for param, value in PARAMS.items():
        path = path.replace(param, value)
    return f"{PREFIX}/{path}"


async def test_every_console_route_without_a_session_is_401_or_a_redirect(console: Console) -> None:
    routes = console_routes(console.app)
    assert len(routes) >= 25 and ("POST", "api/handoffs/<hid:str>/claim") in routes
    assert PUBLIC <= set(routes), "a public route disappeared: update PUBLIC"
    expired = await sign_in(console, "ada")
    from bot import clock
    clock.set_offset(dt.timedelta(hours=1))  # this session is now idle for too long
    for method, path in routes:
        if (method, path) in PUBLIC:
            continue
        for headers in ({"Origin": console.base}, {"Cookie": expired["Cookie"], "Origin": console.base},
                        {"Cookie": "harbor_console=forged-token", "Origin": console.base}):
            r = await console.client.request(method, concrete(path), headers=headers, json={})
            if (method, path) in HTML_PAGES:
                assert r.status_code == 302 and r.headers["location"] == f"{PREFIX}/login", (method, path)
            else:
                assert r.status_code == 401, (method, path, r.status_code)
                assert "sign in" in r.json()["error"]
    for method, path in PUBLIC:
        r = await console.client.request(method, concrete(path), headers={"Origin": console.base}, json={})
        assert r.status_code in (200, 400), (method, path)


async def test_pages_carry_security_headers_and_no_inline_script(console: Console) -> None:
    page = await console.client.get(f"{PREFIX}/login")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY" and page.headers["cache-control"] == "no-store"
    me = await sign_in(console, "ann")
    html = (await console.client.get(f"{PREFIX}/", headers=me)).text
    for text in (page.text, html):
        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", text) == [], "inline script"
        assert "onclick" not in text.lower()


# --- sign-in, cookies, lock-out, idle --------------------------------------------------------------

async def test_cookie_is_httponly_samesite_strict_and_secure_behind_https(console: Console,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    r = await console.client.post(f"{PREFIX}/login", json={"name": "ann", "password": PASSWORD},
                                  headers={"Origin": console.base})
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and f"Path={PREFIX}/" in cookie
    assert "Secure" not in cookie
    monkeypatch.setenv("HARBOR_PUBLIC_URL", "https://harbor.example.org")
    r = await console.client.post(f"{PREFIX}/login", json={"name": "ann", "password": PASSWORD},
                                  headers={"Origin": "https://harbor.example.org"})
    assert r.status_code == 200 and "Secure" in r.headers["set-cookie"]


async def test_failed_sign_ins_look_the_same_and_lock_the_account(console: Console) -> None:
    async def attempt(name: str, password: str) -> httpx.Response:
        return await console.client.post(f"{PREFIX}/login", json={"name": name, "password": password},
                                         headers={"Origin": console.base})

    unknown, wrong = await attempt("nobody", PASSWORD), await attempt("ann", "wrong password!")
    assert unknown.status_code == wrong.status_code == 401 and unknown.json() == wrong.json()
    for _ in range(4):
        await attempt("ann", "wrong password!")
    locked = await attempt("ann", PASSWORD)
    assert locked.status_code == 401 and locked.json() == wrong.json()
    from bot import clock
    clock.set_offset(dt.timedelta(minutes=16))
    assert (await attempt("ann", PASSWORD)).status_code == 200
    actions = audit_actions()
    assert actions.count(("ann", "failed sign-in")) == 6 and ("(unknown name)", "failed sign-in") in actions
    assert ("ann", "sign-in") in actions
    bad = await console.client.post(f"{PREFIX}/login", content=b"{not json", headers={"Origin": console.base})
    assert bad.status_code == 400 and "name" in bad.json()["error"]
    cross = await console.client.post(f"{PREFIX}/login", json={"name": "ann", "password": PASSWORD},
                                      headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403


async def test_idle_sign_out_and_page_timers_do_not_count_as_activity(console: Console) -> None:
    from bot import clock

    me = await sign_in(console, "ann")
    clock.set_offset(dt.timedelta(minutes=10))
    assert (await console.client.get(f"{PREFIX}/api/queue", headers=me)).status_code == 200
    clock.set_offset(dt.timedelta(minutes=20))
    auto = {**me, "X-Console-Auto": "1"}
    assert (await console.client.get(f"{PREFIX}/api/queue", headers=auto)).status_code == 200
    clock.set_offset(dt.timedelta(minutes=25, seconds=30))
    assert (await console.client.get(f"{PREFIX}/api/queue", headers=me)).status_code == 401


async def test_sign_out_ends_the_session(console: Console) -> None:
    me = await sign_in(console, "ann")
    assert (await console.client.post(f"{PREFIX}/logout", headers=me, json={})).status_code == 200
    assert (await console.client.get(f"{PREFIX}/api/queue", headers=me)).status_code == 401
    assert ("ann", "sign-out") in audit_actions()


# --- CSRF ------------------------------------------------------------------------------------------

async def test_state_changes_need_the_csrf_header_and_same_origin(console: Console) -> None:
    me = await sign_in(console, "ann")
    url = f"{PREFIX}/api/duty"
    body = {"on_duty": True}
    no_token = {k: v for k, v in me.items() if k != "X-CSRF-Token"}
    assert (await console.client.post(url, json=body, headers=no_token)).status_code == 403
    assert (await console.client.post(url, json=body, headers={**me, "X-CSRF-Token": "guess"})).status_code == 403
    assert (await console.client.post(url, json=body, headers={**me, "Origin": "https://evil.example"})
            ).status_code == 403
    no_origin = {k: v for k, v in me.items() if k != "Origin"}
    assert (await console.client.post(url, json=body, headers=no_origin)).status_code == 403
    referer = {**no_origin, "Referer": f"{console.base}{PREFIX}/"}
    assert (await console.client.post(url, json=body, headers=referer)).status_code == 200
    from bot.advocates.duty import on_duty_count
    with session_scope() as session:
        assert on_duty_count(session) == 1
    other = await sign_in(console, "ben")
    stolen = {**other, "X-CSRF-Token": me["X-CSRF-Token"]}
    assert (await console.client.post(url, json=body, headers=stolen)).status_code == 403
    assert (await console.client.post(url, json={"on_duty": "yes"}, headers=me)).status_code == 400
    assert ("ann", "duty on") in audit_actions()


# --- roles ---------------------------------------------------------------------------------------

async def test_only_admins_read_the_audit_log(console: Console) -> None:
    ann, ada = await sign_in(console, "ann"), await sign_in(console, "ada")
    refused = await console.client.get(f"{PREFIX}/audit", headers=ann)
    assert refused.status_code == 403 and "role" in refused.json()["error"]
    rows = (await console.client.get(f"{PREFIX}/audit", headers=ada)).json()
    assert {"advocate": "ann", "action": "sign-in"}.items() <= rows[-1].items() or any(
        r["advocate"] == "ann" and r["action"] == "sign-in" for r in rows)
    assert (await console.client.get(f"{PREFIX}/api/advocates", headers=ann)).status_code == 403
    team = (await console.client.get(f"{PREFIX}/api/advocates", headers=ada)).json()
    assert {a["name"] for a in team} == {"ann", "ben", "ada", "pat"}
    assert "password_hash" not in json.dumps(team)


async def test_program_staff_see_only_reports(console: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple] = []

    def render_report_page(session: Any, start: dt.date, end: dt.date) -> str:
        calls.append((start, end))
        return f"<!doctype html><h1>Report {start} to {end}</h1>"

    monkeypatch.setitem(sys.modules, "bot.reports", SimpleNamespace(render_report_page=render_report_page))
    pat, ann, ada = await sign_in(console, "pat"), await sign_in(console, "ann"), await sign_in(console, "ada")
    page = await console.client.get(f"{PREFIX}/reports?start=2026-10-01&end=2026-10-31", headers=pat)
    assert page.status_code == 200 and "Report 2026-10-01 to 2026-10-31" in page.text
    assert calls == [(dt.date(2026, 10, 1), dt.date(2026, 10, 31))]
    assert (await console.client.get(f"{PREFIX}/reports", headers=ada)).status_code == 200
    assert (await console.client.get(f"{PREFIX}/reports", headers=ann)).status_code == 403
    assert (await console.client.get(f"{PREFIX}/reports?start=soon", headers=pat)).status_code == 400
    assert (await console.client.get(f"{PREFIX}/api/queue", headers=pat)).status_code == 403
    home = await console.client.get(f"{PREFIX}/", headers=pat)
    assert home.status_code == 302 and home.headers["location"] == f"{PREFIX}/reports"


async def test_program_staff_read_the_real_county_report_with_small_cells_suppressed(console: Console) -> None:
    from bot.aggregates import record
    from bot.db import session_scope

    when = dt.datetime(2026, 10, 15)
    with session_scope() as session:
        for _ in range(25):
            record(session, "conversation", "sms", "Milwaukee County", when=when)
        for _ in range(3):
            record(session, "conversation", "sms", "Dane County", when=when)
    pat = await sign_in(console, "pat")
    page = await console.client.get(f"{PREFIX}/reports?start=2026-10-01&end=2026-10-31", headers=pat)
    assert page.status_code == 200
    assert "Milwaukee" in page.text and "&lt;11" in page.text  # Dane's 3 is never printed as a number
    assert "data:image/png;base64," in page.text and "<script" not in page.text.lower()


async def test_reports_page_says_so_when_the_module_is_missing(console: Console,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bot.reports", None)  # import fails
    pat = await sign_in(console, "pat")
    page = await console.client.get(f"{PREFIX}/reports", headers=pat)
    assert page.status_code == 503 and "not available" in page.text


# --- queue, claim, view ----------------------------------------------------------------------------

async def test_two_advocates_claim_at_once_exactly_one_wins(console: Console) -> None:
    ann, ben = await sign_in(console, "ann"), await sign_in(console, "ben")
    for n in range(4):
        hid = await seed(console, f"rest-race-{n}")
        results = await asyncio.gather(*(console.client.post(f"{PREFIX}/api/handoffs/{hid}/claim", headers=h, json={})
                                         for h in (ann, ben)))
        codes = sorted(r.status_code for r in results)
        assert codes == [200, 409], codes
        loser = next(r for r in results if r.status_code == 409)
        assert "someone else" in loser.json()["error"]
        winner = next(r for r in results if r.status_code == 200).json()["advocate"]
        assert handoff_row(hid).advocate == winner


async def test_queue_view_shows_the_packet_and_a_redacted_transcript(console: Console) -> None:
    routine = await seed(console, "rest-routine", urgency="routine")
    emergency = await seed(console, "rest-emergency")
    ann = await sign_in(console, "ann")
    items = (await console.client.get(f"{PREFIX}/api/queue", headers=ann)).json()["items"]
    assert [i["id"] for i in items] == [emergency, routine] and items[0]["urgency"] == "emergency"
    view = (await console.client.get(f"{PREFIX}/api/handoffs/{emergency}", headers=ann)).json()
    assert view["packet"]["need"] == "shelter" and view["packet"]["county"] == "Dane"
    assert view["packet"]["crisis_category"] == "danger"
    youth = [line for line in view["transcript"] if line["who"] == "youth"]
    assert youth and "608-555-0142" not in json.dumps(view) and "[phone]" in youth[0]["text"]
    assert ("ann", "view transcript") in audit_actions("rest-emergency")
    missing = await console.client.get(f"{PREFIX}/api/handoffs/nope", headers=ann)
    assert missing.status_code == 404


async def test_release_transfer_note_and_close_over_http(console: Console) -> None:
    from rasa.shared.core.events import BotUttered, ConversationResumed

    hid = await seed(console, "rest-flow")
    ann, ben = await sign_in(console, "ann"), await sign_in(console, "ben")
    url = f"{PREFIX}/api/handoffs/{hid}"
    assert (await console.client.post(f"{url}/claim", headers=ann, json={})).status_code == 200
    assert (await console.client.post(f"{url}/release", headers=ben, json={})).status_code == 409
    assert (await console.client.post(f"{url}/release", headers=ann, json={})).json()["status"] == "waiting"
    assert (await console.client.post(f"{url}/claim", headers=ann, json={})).status_code == 200
    off = await console.client.post(f"{url}/transfer", headers=ann, json={"to": "ben"})
    assert off.status_code == 409 and "not on duty" in off.json()["error"]
    await console.client.post(f"{PREFIX}/api/duty", headers=ben, json={"on_duty": True})
    assert (await console.client.post(f"{url}/transfer", headers=ann, json={"to": "ben"})).json()["advocate"] == "ben"
    note = await console.client.post(f"{url}/note", headers=ben, json={"text": "Youth prefers text."})
    assert note.status_code == 200
    view = (await console.client.get(url, headers=ben)).json()
    assert view["notes"][0]["text"] == "Youth prefers text." and view["notes"][0]["by"] == "ben"
    bad = await console.client.post(f"{url}/close", headers=ben, json={"outcome": "whatever"})
    assert bad.status_code == 400 and "connected to shelter" in bad.json()["error"]
    before = len(await events_of(console, "rest-flow"))
    closed = await console.client.post(f"{url}/close", headers=ben, json={"outcome": "connected to shelter"})
    assert closed.status_code == 200 and closed.json()["outcome"] == "connected to shelter"
    row = handoff_row(hid)
    assert row.status == "closed" and row.closed_at is not None
    new = (await events_of(console, "rest-flow"))[before:]
    assert [type(e) for e in new] == [ConversationResumed], "closing resumes the bot silently"
    assert not any(isinstance(e, BotUttered) for e in new)
    actions = [a for _, a in audit_actions("rest-flow")]
    for action in ("claim", "release", "transfer", "note", "close"):
        assert action in actions


# --- replies and delivery --------------------------------------------------------------------------

async def test_reply_over_web_chat_reaches_the_page_once(console: Console) -> None:
    from rasa.shared.core.events import BotUttered

    from bot.pseudonym import pseudonym

    conversation = pseudonym("web", TOKEN)
    hid = await seed(console, conversation, channel="webchat")
    ann = await sign_in(console, "ann")
    url = f"{PREFIX}/api/handoffs/{hid}"
    early = await console.client.post(f"{url}/reply", headers=ann, json={"text": "Hi"})
    assert early.status_code == 409 and "claim" in early.json()["error"]
    await console.client.post(f"{url}/claim", headers=ann, json={})
    sent = await console.client.post(f"{url}/reply", headers=ann, json={"text": "Hi, I'm Ann, an advocate."})
    assert sent.status_code == 200, sent.text
    from bot.privacy import redact_text

    last = (await events_of(console, conversation))[-1]
    assert isinstance(last, BotUttered) and last.metadata == {"advocate": "ann"}
    assert last.text == redact_text("Hi, I'm Ann, an advocate.")  # the tracker store keeps redacted text
    poll = await console.client.get("/webhooks/webchat/messages", headers={"X-Harbor-Session": TOKEN})
    assert poll.json() == [{"text": "Hi, I'm Ann, an advocate.", "from": "advocate"}]
    again = await console.client.get("/webhooks/webchat/messages", headers={"X-Harbor-Session": TOKEN})
    assert again.json() == []
    other = await console.client.get("/webhooks/webchat/messages", headers={"X-Harbor-Session": "cd" * 16})
    assert other.json() == []
    assert (await console.client.get("/webhooks/webchat/messages")).status_code == 400
    from bot.advocates.models import OutboundMessage
    with session_scope() as session:
        assert session.execute(sa.select(OutboundMessage.delivered_at)).scalar_one() is not None
    assert ("ann", "reply") in audit_actions(conversation)
    empty = await console.client.post(f"{url}/reply", headers=ann, json={"text": "  "})
    assert empty.status_code == 400


async def test_hand_back_resumes_the_bot_tells_the_youth_and_closes(console: Console) -> None:
    from rasa.shared.core.events import BotUttered, ConversationResumed

    from channels.console import BACK_TO_BOT

    hid = await seed(console, "rest-back")
    ann = await sign_in(console, "ann")
    url = f"{PREFIX}/api/handoffs/{hid}"
    await console.client.post(f"{url}/claim", headers=ann, json={})
    r = await console.client.post(f"{url}/handback", headers=ann, json={})
    assert r.status_code == 200 and r.json()["status"] == "closed"
    tail = (await events_of(console, "rest-back"))[-2:]
    assert isinstance(tail[0], ConversationResumed) and isinstance(tail[1], BotUttered)
    assert tail[1].text == BACK_TO_BOT and "911" in BACK_TO_BOT and len(BACK_TO_BOT) <= 320
    row = handoff_row(hid)
    assert (row.status, row.outcome) == ("closed", "handed back to bot")
    from bot.advocates.models import OutboundMessage
    with session_scope() as session:
        assert session.execute(sa.select(OutboundMessage.text).where(
            OutboundMessage.conversation_id == "rest-back")).scalars().all() == [BACK_TO_BOT]
    assert ("ann", "hand back") in audit_actions("rest-back")


class FakeTwilio(BaseHTTPRequestHandler):
    posts: list[dict[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802
        form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode())
        FakeTwilio.posts.append({k: v[0] for k, v in form.items()})
        body = json.dumps({"sid": f"SM{len(FakeTwilio.posts):032x}", "status": "queued"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


class FakeBotApi(BaseHTTPRequestHandler):
    calls: list[dict[str, Any]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        params = (json.loads(raw or "{}") if self.headers.get("Content-Type", "").startswith("application/json")
                  else {k: v[0] for k, v in parse_qs(raw).items()})
        method = self.path.rsplit("/", 1)[-1]
        with FakeBotApi.lock:
            FakeBotApi.calls.append({"method": method, **params})
        if method == "sendMessage":
            result: Any = {"message_id": 500 + len(FakeBotApi.calls), "date": 0,
                           "chat": {"id": int(params["chat_id"]), "type": "private"}, "text": params.get("text")}
        elif method == "getMe":
            result = {"id": 123456, "is_bot": True, "first_name": "Harbor", "username": "HarborTestBot"}
        else:
            result = True
        data = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def fake_twilio(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with fake_provider(FakeTwilio) as url:
        for name, value in {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "test-token-harbor",
                            "TWILIO_NUMBER": "+14145550100", "HARBOR_PUBLIC_URL": "http://harbor.test",
                            "HARBOR_TWILIO_API_BASE": url, "HARBOR_SMS_RETRY_BASE_DELAY": "0.01"}.items():
            monkeypatch.setenv(name, value)
        yield url


@pytest.fixture
def fake_telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with fake_provider(FakeBotApi) as url:
        monkeypatch.setenv("TELEGRAM_TOKEN", "123456:test-token")
        monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", "test-secret")
        monkeypatch.setenv("HARBOR_TELEGRAM_API_BASE", url)
        yield url


async def test_reply_over_sms_goes_to_the_youths_number_and_opt_out_is_explained(
        console: Console, fake_twilio: str) -> None:
    from bot.contacts import opt_out, remember_address

    with session_scope() as session:
        remember_address(session, "sms-youth-1", "sms", "+16085550142")
    hid = await seed(console, "sms-youth-1", channel="sms")
    ann = await sign_in(console, "ann")
    url = f"{PREFIX}/api/handoffs/{hid}"
    await console.client.post(f"{url}/claim", headers=ann, json={})
    before = len(FakeTwilio.posts)
    r = await console.client.post(f"{url}/reply", headers=ann, json={"text": "Hi, this is Ann from Harbor."})
    assert r.status_code == 200 and r.json()["delivered"] == "sent by SMS"
    post = FakeTwilio.posts[before]
    assert post["To"] == "+16085550142" and post["Body"] == "Hi, this is Ann from Harbor."
    with session_scope() as session:
        opt_out(session, "sms-youth-1", "sms")
    turns = len(await events_of(console, "sms-youth-1"))
    refused = await console.client.post(f"{url}/reply", headers=ann, json={"text": "Are you there?"})
    assert refused.status_code == 502 and "opted out" in refused.json()["error"]
    assert "Traceback" not in refused.text and len(FakeTwilio.posts) == before + 1
    assert len(await events_of(console, "sms-youth-1")) == turns, "an unsent reply is not in the transcript"
    assert ("ann", "reply failed") in audit_actions("sms-youth-1")


async def test_reply_over_telegram_goes_to_the_youths_chat(console: Console, fake_telegram: str) -> None:
    from bot.contacts import remember_address

    with session_scope() as session:
        remember_address(session, "telegram-youth-1", "telegram", "777001")
    hid = await seed(console, "telegram-youth-1", channel="telegram")
    ann = await sign_in(console, "ann")
    url = f"{PREFIX}/api/handoffs/{hid}"
    await console.client.post(f"{url}/claim", headers=ann, json={})
    r = await console.client.post(f"{url}/reply", headers=ann, json={"text": "Hi, Ann here. I'm listening."})
    assert r.status_code == 200 and r.json()["delivered"] == "sent on Telegram"
    sent = [c for c in FakeBotApi.calls if c["method"] == "sendMessage"]
    assert str(sent[-1]["chat_id"]) == "777001" and sent[-1]["text"] == "Hi, Ann here. I'm listening."


async def test_delivery_without_a_configured_channel_is_explained(console: Console,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TELEGRAM_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    hid = await seed(console, "sms-youth-2", channel="sms")
    ann = await sign_in(console, "ann")
    await console.client.post(f"{PREFIX}/api/handoffs/{hid}/claim", headers=ann, json={})
    r = await console.client.post(f"{PREFIX}/api/handoffs/{hid}/reply", headers=ann, json={"text": "Hello"})
    assert r.status_code == 502 and "SMS is not set up" in r.json()["error"]


async def test_hand_back_still_resumes_when_the_youth_cannot_be_told(console: Console,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.shared.core.events import BotUttered, ConversationResumed

    monkeypatch.delenv("TWILIO_ACCOUNT_SID", raising=False)
    hid = await seed(console, "sms-youth-3", channel="sms")
    ann = await sign_in(console, "ann")
    await console.client.post(f"{PREFIX}/api/handoffs/{hid}/claim", headers=ann, json={})
    before = len(await events_of(console, "sms-youth-3"))
    r = await console.client.post(f"{PREFIX}/api/handoffs/{hid}/handback", headers=ann, json={})
    assert r.status_code == 200 and "SMS is not set up" in r.json()["warning"]
    new = (await events_of(console, "sms-youth-3"))[before:]
    assert [type(e) for e in new] == [ConversationResumed] and not any(isinstance(e, BotUttered) for e in new)
    assert handoff_row(hid).outcome == "handed back to bot"


async def test_reply_to_an_erased_conversation_is_refused_plainly(console: Console) -> None:
    from bot.db import session_scope as scope
    from bot.erasure import erase_conversation

    hid = await seed(console, "rest-erased")
    ann = await sign_in(console, "ann")
    await console.client.post(f"{PREFIX}/api/handoffs/{hid}/claim", headers=ann, json={})
    with scope() as session:
        session.execute(sa.text("delete from events where sender_id = 'rest-erased'"))
    r = await console.client.post(f"{PREFIX}/api/handoffs/{hid}/reply", headers=ann, json={"text": "Hello?"})
    assert r.status_code == 502 and "deleted" in r.json()["error"]
    with scope() as session:
        erase_conversation(session, "rest-erased", "rest")
    gone = await console.client.get(f"{PREFIX}/api/handoffs/{hid}", headers=ann)
    assert gone.status_code == 404


# --- live queue (Server-Sent Events) ---------------------------------------------------------------

async def test_queue_stream_pushes_new_requests_and_claims(console: Console) -> None:
    ann = await sign_in(console, "ann")

    async def next_queue(lines: Any) -> dict[str, Any]:
        event = None
        async for line in lines:
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "queue":
                return json.loads(line[6:])
        raise AssertionError("stream ended")

    async with console.client.stream("GET", f"{PREFIX}/events", headers=ann) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.aiter_lines()
        assert (await asyncio.wait_for(next_queue(lines), 10))["items"] == []
        hid = await seed(console, "rest-live")
        first = await asyncio.wait_for(next_queue(lines), 10)
        assert [(i["id"], i["status"]) for i in first["items"]] == [(hid, "waiting")]
        await console.client.post(f"{PREFIX}/api/handoffs/{hid}/claim", headers=ann, json={})
        claimed = await asyncio.wait_for(next_queue(lines), 10)
        assert claimed["items"][0]["status"] == "claimed" and claimed["items"][0]["advocate"] == "ann"


# --- web chat: delete my chat --------------------------------------------------------------------

async def test_web_chat_delete_erases_the_conversation(console: Console) -> None:
    from bot.advocates.outbox import queue_message
    from bot.handoff import Handoff
    from bot.pseudonym import pseudonym

    conversation = pseudonym("web", TOKEN)
    await seed(console, conversation, channel="webchat")
    with session_scope() as session:
        queue_message(session, conversation, "webchat", "pending advocate message")
    bad = await console.client.post("/webhooks/webchat/delete", json={"session": "nope"})
    assert bad.status_code == 400
    r = await console.client.post("/webhooks/webchat/delete", json={"session": TOKEN})
    assert r.status_code == 200 and r.json() == {"deleted": True}
    assert await console.agent.tracker_store.retrieve(conversation) is None
    with session_scope() as session:
        assert session.execute(sa.select(Handoff).where(Handoff.conversation_id == conversation)).first() is None
    poll = await console.client.get("/webhooks/webchat/messages", headers={"X-Harbor-Session": TOKEN})
    assert poll.json() == []


# --- canned replies --------------------------------------------------------------------------------

async def test_only_admins_edit_canned_replies(console: Console) -> None:
    ann, ada = await sign_in(console, "ann"), await sign_in(console, "ada")
    replies = (await console.client.get(f"{PREFIX}/api/canned", headers=ann)).json()
    assert len(replies) >= 5
    rid = replies[0]["id"]
    body = {"title": "Hello", "text": "Hi, I'm an advocate. I'm here to listen."}
    assert (await console.client.put(f"{PREFIX}/api/canned/{rid}", headers=ann, json=body)).status_code == 403
    edited = await console.client.put(f"{PREFIX}/api/canned/{rid}", headers=ada, json=body)
    assert edited.status_code == 200 and edited.json()[0]["text"] == body["text"]
    too_long = await console.client.post(f"{PREFIX}/api/canned", headers=ada, json={"title": "x", "text": "y" * 400})
    assert too_long.status_code == 400
    added = await console.client.post(f"{PREFIX}/api/canned", headers=ada, json={"title": "Bye", "text": "Take care."})
    new_id = added.json()[-1]["id"]
    assert (await console.client.delete(f"{PREFIX}/api/canned/{new_id}", headers=ada)).status_code == 200
    assert (await console.client.delete(f"{PREFIX}/api/canned/{new_id}", headers=ada)).status_code == 404
    actions = audit_actions()
    assert ("ada", "canned reply edited") in actions and ("ada", "canned reply deleted") in actions
