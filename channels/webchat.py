"""The browser chat page and its webhook, served by the Rasa server itself.

Same origin as the bot (no CORS to open), no third-party scripts. The browser
keeps a random session token in sessionStorage only; the server turns it into a
keyed pseudonym, so the conversation id says nothing about the person.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.pseudonym import pseudonym

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

        return webchat
