"""Twilio configuration and outbound SMS (an advocate answering over the youth's own number).

Harbor never texts first: ``send_sms`` only reaches a number that wrote in, whose
encrypted address has not expired and who has not opted out. The Twilio REST client is
blocking (requests), so it runs in a worker thread and never stalls the event loop.
``HARBOR_TWILIO_API_BASE`` points the client at a local fake server in tests.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass

from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot.contacts import ContactUnavailable, reply_address
from bot.db import session_scope
from bot.sms_text import split_for_sms, to_gsm7

CHANNEL = "sms"
TWILIO_API = "https://api.twilio.com"
WEBHOOK_PATH = "/webhooks/sms/webhook"
# The client logs every request URL at INFO; keep its logger quiet (no ids in our logs).
_quiet = logging.getLogger("harbor.twilio_http")
_quiet.setLevel(logging.WARNING)


@dataclass(frozen=True)
class SmsConfig:
    account_sid: str
    auth_token: str
    from_number: str | None  # TWILIO_NUMBER, or
    messaging_service_sid: str | None  # TWILIO_MESSAGING_SERVICE_SID
    public_url: str  # HARBOR_PUBLIC_URL, e.g. https://harbor.example.org
    api_base: str  # HARBOR_TWILIO_API_BASE

    @property
    def webhook_url(self) -> str:
        """The URL Twilio signs: the public one, never the one a proxy forwarded to."""
        return self.public_url.rstrip("/") + WEBHOOK_PATH


def load_sms_config() -> SmsConfig | None:
    """The SMS configuration from the environment, or None when SMS is not set up."""
    env = {name: os.environ.get(name, "").strip() for name in (
        "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_NUMBER", "TWILIO_MESSAGING_SERVICE_SID",
        "HARBOR_PUBLIC_URL", "HARBOR_TWILIO_API_BASE")}
    if not (env["TWILIO_ACCOUNT_SID"] and env["TWILIO_AUTH_TOKEN"] and env["HARBOR_PUBLIC_URL"]
            and (env["TWILIO_NUMBER"] or env["TWILIO_MESSAGING_SERVICE_SID"])):
        return None
    return SmsConfig(
        account_sid=env["TWILIO_ACCOUNT_SID"], auth_token=env["TWILIO_AUTH_TOKEN"],
        from_number=env["TWILIO_NUMBER"] or None,
        messaging_service_sid=env["TWILIO_MESSAGING_SERVICE_SID"] or None,
        public_url=env["HARBOR_PUBLIC_URL"], api_base=(env["HARBOR_TWILIO_API_BASE"] or TWILIO_API).rstrip("/"),
    )


class _BaseUrlHttpClient(TwilioHttpClient):
    """Sends what the client addresses to api.twilio.com to ``api_base`` instead."""

    def __init__(self, api_base: str) -> None:
        super().__init__(timeout=15, logger=_quiet)
        self.api_base = api_base

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if url.startswith(TWILIO_API):
            url = self.api_base + url[len(TWILIO_API):]
        return super().request(method, url, *args, **kwargs)


def _client(config: SmsConfig) -> Client:
    return Client(config.account_sid, config.auth_token, http_client=_BaseUrlHttpClient(config.api_base))


def _send_blocking(config: SmsConfig, to: str, parts: list[str]) -> list[str]:
    client = _client(config)
    sids = []
    for part in parts:
        sender = ({"messaging_service_sid": config.messaging_service_sid} if config.messaging_service_sid
                  else {"from_": config.from_number})
        sids.append(client.messages.create(to=to, body=part, **sender).sid)
    return sids


class SmsNotConfigured(RuntimeError):
    """TWILIO_* / HARBOR_PUBLIC_URL are not set."""


async def send_sms(conversation_id: str, text: str, config: SmsConfig | None = None) -> list[str]:
    """Send ``text`` (GSM-7, split to <= 320 characters a part); the Twilio message SIDs.

    Raises :class:`~bot.contacts.ContactUnavailable` (opted out, expired, unknown) before
    anything is sent, and :class:`SmsNotConfigured` without the Twilio settings.
    """
    config = config or load_sms_config()
    if config is None:
        raise SmsNotConfigured("SMS is not configured (TWILIO_* and HARBOR_PUBLIC_URL)")
    parts = split_for_sms(to_gsm7(text))
    if not parts:
        raise ValueError("nothing to send: the text is empty")

    def _address() -> str:
        with session_scope() as session:
            return reply_address(session, conversation_id, CHANNEL)

    to = await asyncio.to_thread(_address)
    return await asyncio.to_thread(_send_blocking, config, to, parts)


__all__ = ["ContactUnavailable", "SmsConfig", "SmsNotConfigured", "load_sms_config", "send_sms"]
