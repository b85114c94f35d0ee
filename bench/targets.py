"""How a scripted message reaches a server: Rasa's REST channel or Harbor's signed SMS webhook."""
from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from typing import Any, Protocol
from xml.etree import ElementTree

import httpx
from twilio.request_validator import RequestValidator

REST_PATH = "/webhooks/rest/webhook"
SMS_PATH = "/webhooks/sms/webhook"
# Fictional-looking numbers in Wisconsin area codes; 10,000 per area code.
AREA_CODES = ("608", "414", "920", "715", "262")


class SendError(Exception):
    """A message that got no usable answer; ``kind`` is what the report counts."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class Target(Protocol):
    name: str

    async def send(self, client: httpx.AsyncClient, conversation: int, text: str) -> list[str]:
        """The bot texts answering ``text`` in conversation number ``conversation``."""


def _http_error(error: httpx.HTTPError) -> SendError:
    return SendError("timeout" if isinstance(error, httpx.TimeoutException) else type(error).__name__)


class RestTarget:
    """Rasa's built-in REST channel: JSON in, the list of bot messages out."""

    name = "rest"

    def __init__(self, base_url: str, tag: str) -> None:
        self.url = base_url.rstrip("/") + REST_PATH
        self.tag = tag

    def sender(self, conversation: int) -> str:
        return f"bench-{self.tag}-{conversation}"

    async def send(self, client: httpx.AsyncClient, conversation: int, text: str) -> list[str]:
        try:
            reply = await client.post(self.url, json={"sender": self.sender(conversation), "message": text})
        except httpx.HTTPError as error:
            raise _http_error(error) from None
        if reply.status_code != 200:
            raise SendError(f"http {reply.status_code}")
        try:
            messages = reply.json()
        except json.JSONDecodeError:
            raise SendError("not json") from None
        if not isinstance(messages, list):
            raise SendError("not a list")
        texts = []
        for message in messages:
            buttons = " ".join(str(b.get("title", "")) for b in message.get("buttons") or [])
            texts.append(" ".join(part for part in (message.get("text") or "", buttons) if part))
        return texts


def phone_number(conversation: int) -> str:
    """A distinct E.164 number per conversation (50,000 before they repeat)."""
    area = AREA_CODES[(conversation // 10_000) % len(AREA_CODES)]
    return f"+1{area}555{conversation % 10_000:04d}"


def twiml_texts(xml: str) -> list[str]:
    """The <Message> texts of a TwiML answer (none: an acknowledgement)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise SendError("not TwiML") from None
    if root.tag != "Response":
        raise SendError("not TwiML")
    return [m.text or "" for m in root.findall("Message")]


class SmsTarget:
    """Harbor's SMS webhook, posted to exactly as Twilio would: form fields and a valid signature."""

    name = "sms"

    def __init__(self, base_url: str, public_url: str, account_sid: str, auth_token: str,
                 twilio_number: str, deliveries: Any = None, reply_timeout: float = 60.0,
                 quiet: float = 0.05) -> None:
        """``deliveries`` (bench.fake_twilio.Deliveries): when the webhook only acknowledges, wait
        for the reply to reach the phone through the REST API, as a person waits before writing
        again. ``answered[conversation]`` keeps the webhook's own answer time (the SMS target)."""
        self.deliveries = deliveries
        self.reply_timeout = reply_timeout
        self.quiet = quiet  # seconds without a further part before a late reply counts as whole
        self.answered: dict[int, tuple[float, bool]] = {}  # seconds, acknowledged without text
        self.url = base_url.rstrip("/") + SMS_PATH
        self.signed_url = public_url.rstrip("/") + SMS_PATH  # Twilio signs the public URL
        self.validator = RequestValidator(auth_token)
        self.account_sid = account_sid
        self.twilio_number = twilio_number
        self._prefix = secrets.token_hex(6)
        self._sids = itertools.count()

    def form(self, conversation: int, text: str) -> dict[str, str]:
        sid = f"SM{self._prefix}{next(self._sids):020x}"
        return {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "ToCity": "", "FromState": "WI",
                "SmsSid": sid, "MessageSid": sid, "AccountSid": self.account_sid,
                "From": phone_number(conversation), "To": self.twilio_number, "Body": text,
                "NumSegments": "1", "ApiVersion": "2010-04-01"}

    def sign(self, form: dict[str, str]) -> str:
        return self.validator.compute_signature(self.signed_url, form)

    async def send(self, client: httpx.AsyncClient, conversation: int, text: str) -> list[str]:
        form = self.form(conversation, text)
        number = form["From"]
        before = self.deliveries.count(number) if self.deliveries is not None else 0
        started = time.perf_counter()
        try:
            reply = await client.post(self.url, data=form, headers={"X-Twilio-Signature": self.sign(form)})
        except httpx.HTTPError as error:
            raise _http_error(error) from None
        answered_s = time.perf_counter() - started
        if reply.status_code != 200:
            raise SendError(f"http {reply.status_code}")
        texts = twiml_texts(reply.text)
        self.answered[conversation] = (answered_s, not texts)
        if texts or self.deliveries is None:
            return texts
        return await self._late_reply(number, before)

    async def _late_reply(self, number: str, before: int) -> list[str]:
        """The parts sent by REST after an acknowledgement: wait for the first, then until no
        further part has come for ``self.quiet`` seconds (a reply may be several messages)."""
        deadline = time.monotonic() + self.reply_timeout
        while time.monotonic() < deadline:
            arrived = self.deliveries.since(number, before)
            if arrived and time.monotonic() - arrived[-1][0] >= self.quiet:
                return [body for _, body in arrived]
            await asyncio.sleep(0.01)
        raise SendError("late reply never came")
