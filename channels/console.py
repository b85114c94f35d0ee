"""The advocate console: a Rasa input channel blueprint at ``/webhooks/console/``.

Mounted by Rasa in the bot's own process (credentials.yml), so it reaches the agent's
tracker store and lock store through ``request.app.ctx.agent`` to read transcripts and to
append an advocate's words. Everything else (sessions, queue, audit, outbox) lives in the
SQL database, so the console works the same behind a load balancer with several replicas:
no state is kept in process memory, and the live queue is driven by polling the database.

Security: server-side sessions (the cookie is HttpOnly, SameSite=Strict, Secure behind
https), idle sign-out, lock-out after failed sign-ins, a per-session CSRF token in an
``X-CSRF-Token`` header plus a same-origin check on every state change, a strict CSP with
no inline script, and an audit row for every transcript view and every action.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
from functools import wraps
from pathlib import Path
from typing import Any, Awaitable, Callable, TypeVar
from urllib.parse import urlparse

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.advocates import audit, auth, canned, queue
from bot.advocates.auth import SignedIn
from bot.advocates.delivery import DeliveryFailed, deliver
from bot.advocates.duty import on_duty_names, set_on_duty
from bot.advocates.models import HandoffNote
from bot.clock import now
from bot.db import session_scope

logger = logging.getLogger(__name__)
T = TypeVar("T")

PREFIX = "/webhooks/console"
COOKIE = "harbor_console"
WEB_DIR = Path(__file__).resolve().parents[1] / "web" / "console"
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml"}
STREAM_POLL_SECONDS = 1.0
STREAM_LIFETIME_SECONDS = 120  # the browser reconnects; a bounded stream never pins a worker
MAX_REPLY_CHARS = 1600
MAX_NOTE_CHARS = 2000
ADVOCATE_ROLES = ("advocate", "admin")
REPORT_ROLES = ("program", "admin")
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
BACK_TO_BOT = ("The advocate has left the chat and Harbor's automated assistant is back. I can help you find "
               "a safe place to stay, food, health care or someone to talk to. In danger? Call 911.")
NO_REDACTION = "[hidden: the redaction module is not available]"


# --- small helpers ------------------------------------------------------------------------------

def _json(body: Any, status: int = 200) -> HTTPResponse:
    return response.json(body, status=status, headers=SECURITY_HEADERS)


def _error(reason: str, status: int) -> HTTPResponse:
    return _json({"error": reason}, status)


async def _db(work: Callable[[Any], T]) -> T:
    """Run blocking database work in a thread, in one transaction."""
    def run() -> T:
        with session_scope() as session:
            return work(session)
    return await asyncio.to_thread(run)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() + "Z" if moment else None


def _body(request: Request) -> dict[str, Any] | None:
    try:
        body = request.json
    except Exception:  # sanic raises on malformed JSON
        return None
    return body if isinstance(body, dict) else None


def _same_origin(request: Request) -> bool:
    """The request comes from a page on this host (Origin, or Referer when Origin is absent)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return False
    allowed = {request.host}
    public = os.environ.get("HARBOR_PUBLIC_URL", "").strip()
    if public:
        allowed.add(urlparse(public).netloc)
    return urlparse(source).netloc in allowed


def _secure_cookie() -> bool:
    return os.environ.get("HARBOR_PUBLIC_URL", "").strip().lower().startswith("https://")


def _set_cookie(resp: HTTPResponse, token: str, max_age: int | None = None) -> HTTPResponse:
    resp.cookies[COOKIE] = token
    cookie = resp.cookies[COOKIE]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = PREFIX + "/"
    if _secure_cookie():
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age
    return resp


def _redactor() -> Callable[[str], str]:
    try:
        from bot.privacy import redact_text
    except ImportError:  # fail closed: never show unredacted text
        return lambda _text: NO_REDACTION
    return redact_text


def _static(name: str) -> HTTPResponse:
    path = WEB_DIR / name
    if path.suffix not in STATIC_TYPES or path.parent != WEB_DIR or not path.is_file():
        return _error("not found", 404)
    return response.text(path.read_text(encoding="utf-8"), content_type=STATIC_TYPES[path.suffix],
                         headers=SECURITY_HEADERS)


def _page(name: str) -> HTTPResponse:
    return response.html((WEB_DIR / name).read_text(encoding="utf-8"), headers=SECURITY_HEADERS)


Handler = Callable[..., Awaitable[HTTPResponse]]


def guarded(roles: tuple[str, ...], html: bool = False, touch: bool = True) -> Callable[[Handler], Handler]:
    """Require a valid session with one of ``roles``; on state changes also CSRF + same origin.

    Without a session: 401 JSON, or a redirect to the sign-in page for HTML pages.
    """
    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            token = request.cookies.get(COOKIE)
            # The page's own timers (X-Console-Auto) are not activity: idle sign-out still happens.
            active = touch and request.headers.get("x-console-auto") != "1"
            me = await _db(lambda s: auth.resolve_session(s, token, touch=active)) if token else None
            if me is None:
                if html:
                    return response.redirect(f"{PREFIX}/login", headers=SECURITY_HEADERS)
                return _error("sign in first (your session ended or was never started)", 401)
            if me.role not in roles:
                if html and me.role == "program":
                    return response.redirect(f"{PREFIX}/reports", headers=SECURITY_HEADERS)
                return _error("your role does not allow this", 403)
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                if not _same_origin(request):
                    return _error("refused: the request did not come from the console page", 403)
                if not auth.csrf_matches(me.csrf_token, request.headers.get("x-csrf-token")):
                    return _error("refused: missing or wrong X-CSRF-Token", 403)
            return await handler(request, me, *args, **kwargs)
        return wrapper
    return decorate


# --- the Rasa tracker ---------------------------------------------------------------------------

class ConversationGone(Exception):
    """The tracker no longer exists (the youth erased the conversation)."""


async def append_to_tracker(agent: Any, conversation_id: str, events: list[Any]) -> None:
    """Append events under the lock store's lock, as Rasa's own append-events endpoint does."""
    async with agent.lock_store.lock(conversation_id):
        tracker = await agent.tracker_store.retrieve(conversation_id)
        if tracker is None:
            raise ConversationGone("this conversation was deleted")
        for event in events:
            tracker.update(event, agent.domain)
        await agent.tracker_store.save(tracker)


async def read_transcript(agent: Any, conversation_id: str) -> list[dict[str, Any]]:
    """User and bot texts with their times, every text redacted; pause/resume as markers."""
    from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed, UserUttered

    store = agent.tracker_store
    reader = getattr(store, "retrieve_full_tracker", None) or store.retrieve
    tracker = await reader(conversation_id)
    if tracker is None:
        return []
    redact = _redactor()
    lines: list[dict[str, Any]] = []
    for event in tracker.events:
        at = dt.datetime.utcfromtimestamp(event.timestamp).isoformat() + "Z" if event.timestamp else None
        if isinstance(event, UserUttered) and event.text:
            lines.append({"who": "youth", "text": redact(event.text), "at": at})
        elif isinstance(event, BotUttered) and event.text:
            by = (event.metadata or {}).get("advocate")
            lines.append({"who": "advocate" if by else "bot", "by": by, "text": redact(event.text), "at": at})
        elif isinstance(event, ConversationPaused):
            lines.append({"who": "system", "text": "bot paused: waiting for an advocate", "at": at})
        elif isinstance(event, ConversationResumed):
            lines.append({"who": "system", "text": "bot resumed", "at": at})
    return lines


def _agent(request: Request) -> Any:
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        raise ConversationGone("the bot is still starting; try again in a moment")
    return agent


# --- the channel --------------------------------------------------------------------------------

def _packet_view(handoff: Any) -> dict[str, Any]:
    packet = handoff.packet
    return {
        "need": packet.get("need"), "county": packet.get("county"),
        "crisis_category": packet.get("crisis_category") or handoff.category,
        "severity": handoff.severity, "screening": packet.get("screening") or packet.get("screening_result"),
        "reason": handoff.reason, "urgency": handoff.urgency, "channel": handoff.channel,
    }


def _handoff_json(handoff: Any) -> dict[str, Any]:
    return {"id": handoff.id, "conversation": handoff.conversation_id[-8:], "status": handoff.status,
            "urgency": handoff.urgency, "channel": handoff.channel, "advocate": handoff.advocate,
            "created_at": _iso(handoff.created_at), "claimed_at": _iso(handoff.claimed_at),
            "closed_at": _iso(handoff.closed_at), "outcome": handoff.outcome, "packet": _packet_view(handoff)}


class ConsoleInput(InputChannel):
    """Advocate console pages and JSON API (``/webhooks/console/...``)."""

    @classmethod
    def name(cls) -> str:
        return "console"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        console = Blueprint("harbor_console", __name__)

        # ---- public: sign-in page, static files --------------------------------------------
        @console.route("/login", methods=["GET"])
        async def login_page(_: Request) -> HTTPResponse:
            return _page("login.html")

        @console.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            return _static(name)

        @console.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            if not _same_origin(request):
                return _error("refused: the request did not come from the sign-in page", 403)
            body = _body(request)
            name, password = (body or {}).get("name"), (body or {}).get("password")
            if not isinstance(name, str) or not isinstance(password, str) or len(name) > 100 or len(password) > 1000:
                return _error("send a JSON object with 'name' and 'password'", 400)

            def sign_in(session: Any) -> tuple[str, str] | None:
                advocate = auth.authenticate(session, name, password)
                if advocate is None:
                    known = auth.get_advocate(session, name)
                    audit.record(session, known.name if known else "(unknown name)", "failed sign-in")
                    return None
                audit.record(session, advocate.name, "sign-in")
                return auth.start_session(session, advocate), advocate.role

            result = await _db(sign_in)
            if result is None:
                return _error(auth.SIGN_IN_FAILED, 401)
            token, role = result
            target = f"{PREFIX}/reports" if role == "program" else f"{PREFIX}/"
            return _set_cookie(_json({"ok": True, "next": target}), token)

        # ---- any signed-in role -----------------------------------------------------------
        @console.route("/logout", methods=["POST"])
        @guarded(ADVOCATE_ROLES + ("program",))
        async def logout(request: Request, me: SignedIn) -> HTTPResponse:
            token = request.cookies.get(COOKIE)

            def sign_out(session: Any) -> None:
                auth.end_session(session, token)
                audit.record(session, me.name, "sign-out")
            await _db(sign_out)
            return _set_cookie(_json({"ok": True, "next": f"{PREFIX}/login"}), "", max_age=0)

        @console.route("/api/me", methods=["GET"])
        @guarded(ADVOCATE_ROLES + ("program",))
        async def who_am_i(_: Request, me: SignedIn) -> HTTPResponse:
            return _json({"name": me.name, "role": me.role, "on_duty": me.on_duty, "csrf": me.csrf_token,
                          "idle_minutes": auth.idle_timeout().total_seconds() / 60,
                          "outcomes": list(queue.OUTCOMES)})

        # ---- pages ------------------------------------------------------------------------
        @console.route("/", methods=["GET"])
        @guarded(ADVOCATE_ROLES, html=True)
        async def console_page(_: Request, me: SignedIn) -> HTTPResponse:
            return _page("console.html")

        @console.route("/reports", methods=["GET"])
        @guarded(REPORT_ROLES, html=True)
        async def reports(request: Request, me: SignedIn) -> HTTPResponse:
            today = now().date()
            try:
                start = dt.date.fromisoformat(request.args.get("start") or today.replace(day=1).isoformat())
                end = dt.date.fromisoformat(request.args.get("end") or today.isoformat())
            except ValueError:
                return _error("'start' and 'end' must be dates like 2026-11-01", 400)
            if end < start:
                return _error("'end' must not be before 'start'", 400)
            try:
                from bot.reports import render_report_page
            except ImportError:
                return response.html("<!doctype html><title>Reports</title><p>Reports are not available on "
                                     "this server yet.</p>", status=503, headers=SECURITY_HEADERS)

            def render(session: Any) -> str:
                audit.record(session, me.name, "view reports", detail=f"{start}..{end}")
                return render_report_page(session, start, end)
            return response.html(await _db(render), headers=SECURITY_HEADERS)

        # ---- duty, queue, live stream -----------------------------------------------------
        @console.route("/api/duty", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def duty(request: Request, me: SignedIn) -> HTTPResponse:
            on = (_body(request) or {}).get("on_duty")
            if not isinstance(on, bool):
                return _error("send {\"on_duty\": true} or {\"on_duty\": false}", 400)

            def change(session: Any) -> None:
                set_on_duty(session, me.advocate_id, on)
                audit.record(session, me.name, "duty on" if on else "duty off")
            await _db(change)
            return _json({"on_duty": on})

        @console.route("/api/on-duty", methods=["GET"])
        @guarded(ADVOCATE_ROLES)
        async def on_duty(_: Request, me: SignedIn) -> HTTPResponse:
            return _json({"names": await _db(on_duty_names)})

        def queue_json(session: Any) -> dict[str, Any]:
            moment = now()
            return {"now": _iso(moment), "items": [i.as_json(moment) for i in queue.open_queue(session)]}

        @console.route("/api/queue", methods=["GET"])
        @guarded(ADVOCATE_ROLES)
        async def queue_list(_: Request, me: SignedIn) -> HTTPResponse:
            return _json(await _db(queue_json))

        @console.route("/events", methods=["GET"])
        @guarded(ADVOCATE_ROLES, touch=False)
        async def events(request: Request, me: SignedIn) -> HTTPResponse:
            token = request.cookies.get(COOKIE)
            stream = await request.respond(content_type="text/event-stream",
                                           headers={**SECURITY_HEADERS, "X-Accel-Buffering": "no"})
            await stream.send("retry: 2000\n\n")
            last: tuple | None = None
            started = asyncio.get_running_loop().time()

            def poll(session: Any) -> tuple[bool, tuple, dict[str, Any]]:
                alive = auth.resolve_session(session, token, touch=False) is not None
                items = queue.open_queue(session)
                moment = now()
                return alive, queue.snapshot_key(items), {"now": _iso(moment),
                                                          "items": [i.as_json(moment) for i in items]}

            while asyncio.get_running_loop().time() - started < STREAM_LIFETIME_SECONDS:
                if request.transport.is_closing():
                    break
                alive, key, body = await _db(poll)
                if not alive:
                    await stream.send("event: signed-out\ndata: {}\n\n")
                    break
                if key != last:
                    await stream.send(f"event: queue\ndata: {json.dumps(body)}\n\n")
                    last = key
                else:
                    await stream.send(": keep-alive\n\n")
                await asyncio.sleep(STREAM_POLL_SECONDS)
            await stream.eof()
            return stream  # type: ignore[return-value]

        # ---- one conversation -------------------------------------------------------------
        @console.route("/api/handoffs/<hid:str>", methods=["GET"])
        @guarded(ADVOCATE_ROLES)
        async def view(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            def load(session: Any) -> dict[str, Any] | None:
                handoff = queue.get_handoff(session, hid)
                if handoff is None:
                    return None
                notes = session.query(HandoffNote).filter(HandoffNote.handoff_id == hid).order_by(
                    HandoffNote.created_at, HandoffNote.id).all()
                audit.record_view(session, me.name, handoff.conversation_id)
                return {**_handoff_json(handoff), "conversation_id": handoff.conversation_id,
                        "notes": [{"by": n.advocate, "text": n.text, "at": _iso(n.created_at)} for n in notes]}
            found = await _db(load)
            if found is None:
                return _error("no such handoff request", 404)
            try:
                found["transcript"] = await read_transcript(_agent(request), found.pop("conversation_id"))
            except ConversationGone as gone:
                found["transcript"], found["transcript_error"] = [], str(gone)
            return _json(found)

        async def change(me: SignedIn, hid: str, action: str, work: Callable[[Any], None],
                         detail: str | None = None) -> HTTPResponse:
            def run(session: Any) -> dict[str, Any] | None:
                handoff = queue.get_handoff(session, hid)
                if handoff is None:
                    return None
                work(session)
                audit.record(session, me.name, action, handoff.conversation_id, detail)
                return _handoff_json(queue.get_handoff(session, hid))
            try:
                result = await _db(run)
            except queue.QueueConflict as conflict:
                return _error(str(conflict), 409)
            except ValueError as bad:
                return _error(str(bad), 400)
            return _json(result) if result is not None else _error("no such handoff request", 404)

        @console.route("/api/handoffs/<hid:str>/claim", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def claim(_: Request, me: SignedIn, hid: str) -> HTTPResponse:
            return await change(me, hid, "claim", lambda s: queue.claim(s, hid, me.name))

        @console.route("/api/handoffs/<hid:str>/release", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def release(_: Request, me: SignedIn, hid: str) -> HTTPResponse:
            return await change(me, hid, "release",
                                lambda s: queue.release(s, hid, me.name, admin=me.role == "admin"))

        @console.route("/api/handoffs/<hid:str>/transfer", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def transfer(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            to = (_body(request) or {}).get("to")
            if not isinstance(to, str) or not to.strip():
                return _error("send {\"to\": \"<name of an advocate on duty>\"}", 400)
            return await change(me, hid, "transfer",
                                lambda s: queue.transfer(s, hid, me.name, to.strip(), admin=me.role == "admin"),
                                detail=f"to {to.strip()}")

        @console.route("/api/handoffs/<hid:str>/close", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def close(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            outcome = (_body(request) or {}).get("outcome")
            if outcome not in queue.OUTCOMES:
                return _error("'outcome' must be one of: " + ", ".join(queue.OUTCOMES), 400)
            result = await change(me, hid, "close",
                                  lambda s: queue.close(s, hid, me.name, outcome, admin=me.role == "admin"),
                                  detail=outcome)
            if result.status == 200:
                from rasa.shared.core.events import ConversationResumed
                conversation_id = await _db(lambda s: queue.get_handoff(s, hid).conversation_id)
                try:  # silently: the bot answers the youth's next message; Harbor never writes first
                    await append_to_tracker(_agent(request), conversation_id, [ConversationResumed()])
                except ConversationGone:
                    pass
            return result

        @console.route("/api/handoffs/<hid:str>/note", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def note(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            text = (_body(request) or {}).get("text")
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_NOTE_CHARS:
                return _error(f"'text' must be 1-{MAX_NOTE_CHARS} characters", 400)

            def add(session: Any) -> None:
                handoff = queue.get_handoff(session, hid)
                session.add(HandoffNote(handoff_id=hid, conversation_id=handoff.conversation_id, advocate=me.name,
                                        text=text.strip(), created_at=now()))
            return await change(me, hid, "note", add)

        async def say(request: Request, me: SignedIn, hid: str, text: str, action: str,
                      extra_events: list[Any], admin_ok: bool) -> tuple[dict[str, Any] | None, HTTPResponse | None]:
            """Deliver ``text`` over the youth's channel, then record it in the tracker."""
            from rasa.shared.core.events import BotUttered

            try:
                handoff = await _db(lambda s: queue.claimed_by(s, hid, me.name, admin=admin_ok))
            except queue.QueueConflict as conflict:
                return None, _error(str(conflict), 409)
            try:
                agent = _agent(request)
                if await agent.tracker_store.retrieve(handoff.conversation_id) is None:
                    raise ConversationGone("the youth deleted this conversation; nothing was sent")
                how = await deliver(handoff.conversation_id, handoff.channel, text)
                await append_to_tracker(agent, handoff.conversation_id,
                                        extra_events + [BotUttered(text, metadata={"advocate": me.name})])
            except (DeliveryFailed, ConversationGone) as failure:
                reason = str(failure)
                await _db(lambda s: audit.record(s, me.name, f"{action} failed", handoff.conversation_id,
                                                 reason[:200]))
                return None, _error(reason, 502)
            await _db(lambda s: audit.record(s, me.name, action, handoff.conversation_id, how))
            return {"delivered": how, "conversation_id": handoff.conversation_id}, None

        @console.route("/api/handoffs/<hid:str>/reply", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def reply(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            text = (_body(request) or {}).get("text")
            if not isinstance(text, str) or not text.strip() or len(text) > MAX_REPLY_CHARS:
                return _error(f"'text' must be 1-{MAX_REPLY_CHARS} characters", 400)
            done, failed = await say(request, me, hid, text.strip(), "reply", [], admin_ok=False)
            return failed or _json({"ok": True, "delivered": done["delivered"]})

        @console.route("/api/handoffs/<hid:str>/handback", methods=["POST"])
        @guarded(ADVOCATE_ROLES)
        async def hand_back(request: Request, me: SignedIn, hid: str) -> HTTPResponse:
            """Resume the bot and tell the youth it is back; the request closes either way."""
            from rasa.shared.core.events import ConversationResumed

            admin = me.role == "admin"
            done, failed = await say(request, me, hid, BACK_TO_BOT, "hand back", [ConversationResumed()],
                                     admin_ok=admin)
            warning = None
            if failed is not None:
                if failed.status == 409:
                    return failed
                warning = json.loads(failed.body)["error"]
                conversation_id = await _db(lambda s: queue.get_handoff(s, hid).conversation_id)
                try:  # the youth cannot be told, but the bot must still answer their next message
                    await append_to_tracker(_agent(request), conversation_id, [ConversationResumed()])
                except ConversationGone:
                    pass
            try:
                await _db(lambda s: queue.close(s, hid, me.name, queue.HANDED_BACK, admin=admin))
            except queue.QueueConflict as conflict:
                return _error(str(conflict), 409)
            return _json({"ok": True, "status": "closed", "delivered": done["delivered"] if done else None,
                          "warning": warning})

        # ---- canned replies ---------------------------------------------------------------
        def canned_json(session: Any) -> list[dict[str, Any]]:
            return [{"id": r.id, "title": r.title, "text": r.text} for r in canned.list_replies(session)]

        @console.route("/api/canned", methods=["GET"])
        @guarded(ADVOCATE_ROLES)
        async def canned_list(_: Request, me: SignedIn) -> HTTPResponse:
            return _json(await _db(canned_json))

        async def canned_change(me: SignedIn, action: str, work: Callable[[Any], Any]) -> HTTPResponse:
            def run(session: Any) -> list[dict[str, Any]]:
                work(session)
                audit.record(session, me.name, action)
                return canned_json(session)
            try:
                return _json(await _db(run))
            except LookupError as missing:
                return _error(str(missing), 404)
            except ValueError as bad:
                return _error(str(bad), 400)

        @console.route("/api/canned", methods=["POST"])
        @guarded(("admin",))
        async def canned_add(request: Request, me: SignedIn) -> HTTPResponse:
            body = _body(request) or {}
            return await canned_change(me, "canned reply added",
                                       lambda s: canned.add_reply(s, str(body.get("title") or ""),
                                                                  str(body.get("text") or "")))

        @console.route("/api/canned/<rid:int>", methods=["PUT"])
        @guarded(("admin",))
        async def canned_edit(request: Request, me: SignedIn, rid: int) -> HTTPResponse:
            body = _body(request) or {}
            return await canned_change(me, "canned reply edited",
                                       lambda s: canned.edit_reply(s, rid, str(body.get("title") or ""),
                                                                   str(body.get("text") or "")))

        @console.route("/api/canned/<rid:int>", methods=["DELETE"])
        @guarded(("admin",))
        async def canned_delete(_: Request, me: SignedIn, rid: int) -> HTTPResponse:
            return await canned_change(me, "canned reply deleted", lambda s: canned.delete_reply(s, rid))

        # ---- admin ------------------------------------------------------------------------
        @console.route("/audit", methods=["GET"])
        @guarded(("admin",))
        async def audit_log(request: Request, me: SignedIn) -> HTTPResponse:
            try:
                limit = min(max(int(request.args.get("limit") or 200), 1), 1000)
            except ValueError:
                return _error("'limit' must be a whole number", 400)

            def read(session: Any) -> list[dict[str, Any]]:
                rows = audit.recent(session, limit)
                return [{"at": _iso(r.at), "advocate": r.advocate, "action": r.action,
                         "conversation": r.conversation_id[-8:] if r.conversation_id else None,
                         "detail": r.detail} for r in rows]
            return _json(await _db(read))

        @console.route("/api/advocates", methods=["GET"])
        @guarded(("admin",))
        async def advocates(_: Request, me: SignedIn) -> HTTPResponse:
            def read(session: Any) -> list[dict[str, Any]]:
                moment = now()
                return [{"name": a.name, "role": a.role, "on_duty": bool(a.on_duty), "disabled": bool(a.disabled),
                         "locked": bool(a.locked_until and a.locked_until > moment)}
                        for a in auth.list_advocates(session)]
            return _json(await _db(read))

        return console
