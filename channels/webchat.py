"""The browser chat page and its webhook, served by the Rasa server itself.

Same origin as the bot (no CORS to open), no third-party scripts. The browser
keeps a random session token in sessionStorage only; the server turns it into a
keyed pseudonym, so the conversation id says nothing about the person.

An advocate's replies cannot be pushed to a page, so they wait in the outbox
(``outbound_message``) until the page polls ``/messages`` with its token (in the
``X-Harbor-Session`` header, never in a URL that access logs keep). ``/delete``
erases the conversation everywhere (delete-my-data).
"""
from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.pseudonym import pseudonym

CHANNEL = "webchat"

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
_TOKEN = re.compile(r"^[0-9a-f]{32,64}$")
MAX_MESSAGE_CHARS = 2000
_STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def _bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status, headers=SECURITY_HEADERS)


def _token(request: Request, body: dict[str, Any] | None = None) -> str | None:
    """The page's session token (header or JSON body) when well formed."""
    token = request.headers.get("x-harbor-session") or (body or {}).get("session")
    return token if isinstance(token, str) and _TOKEN.match(token) else None


def _json_body(request: Request) -> dict[str, Any] | None:
    try:
        body = request.json
    except Exception:  # sanic raises on malformed JSON
        return None
    return body if isinstance(body, dict) else None


def take_messages(conversation_id: str) -> list[dict[str, str]]:
    """Blocking: advocate messages not yet shown on the page, marked delivered."""
    from bot.advocates.outbox import take_undelivered
    from bot.db import session_scope

    with session_scope() as session:
        return [{"text": m.text, "from": "advocate"} for m in take_undelivered(session, conversation_id)]


def erase(conversation_id: str) -> None:
    """Blocking: delete-my-data for a web chat conversation (outbox included)."""
    from bot.db import session_scope
    from bot.erasure import erase_conversation

    with session_scope() as session:
        erase_conversation(session, conversation_id, CHANNEL)


class WebChatInput(InputChannel):
    """`/webhooks/webchat/` (the page) and `/webhooks/webchat/webhook` (messages)."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("harbor_webchat", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(_: Request) -> HTTPResponse:
            html = (WEB_DIR / "chat.html").read_text(encoding="utf-8")
            return response.html(html, headers=SECURITY_HEADERS)

        @webchat.route("/static/<name:str>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            path = WEB_DIR / name
            if path.suffix not in _STATIC_TYPES or path.parent != WEB_DIR or not path.is_file():
                return _bad_request("not found", 404)
            return response.text(path.read_text(encoding="utf-8"), content_type=_STATIC_TYPES[path.suffix],
                                  headers=SECURITY_HEADERS)

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises on malformed JSON
                return _bad_request("the body must be JSON")
            if not isinstance(body, dict):
                return _bad_request("the body must be a JSON object")
            token, text = body.get("session"), body.get("message")
            if not isinstance(token, str) or not _TOKEN.match(token):
                return _bad_request("'session' must be 32-64 lowercase hex characters")
            if not isinstance(text, str) or not text.strip():
                return _bad_request("'message' must be non-empty text")
            if len(text) > MAX_MESSAGE_CHARS:
                return _bad_request(f"'message' is longer than {MAX_MESSAGE_CHARS} characters", 413)
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(text.strip(), collector, pseudonym("web", token), input_channel=self.name())
            )
            return response.json(collector.messages, headers=SECURITY_HEADERS)

        @webchat.route("/messages", methods=["GET"])
        async def messages(request: Request) -> HTTPResponse:
            token = _token(request)
            if token is None:
                return _bad_request("send the session token in the X-Harbor-Session header (32-64 hex characters)")
            taken = await asyncio.to_thread(take_messages, pseudonym("web", token))
            return response.json(taken, headers=SECURITY_HEADERS)

        @webchat.route("/delete", methods=["POST"])
        async def delete(request: Request) -> HTTPResponse:
            body = _json_body(request)
            token = _token(request, body)
            if token is None:
                return _bad_request("'session' must be 32-64 lowercase hex characters")
            await asyncio.to_thread(erase, pseudonym("web", token))
            return response.json({"deleted": True}, headers=SECURITY_HEADERS)

        return webchat
