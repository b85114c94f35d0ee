"""Twilio configuration and outbound SMS (an advocate answering over the youth's own number).

Harbor never texts first: ``send_sms`` only reaches a number that wrote in, whose
encrypted address has not expired and who has not opted out. The Twilio REST client is
blocking (requests), so each request runs in a worker thread and never stalls the event loop.
``HARBOR_TWILIO_API_BASE`` points the client at a local fake server in tests.

Every part is sent on its own and retried on transient failures only: HTTP 429, HTTP 5xx
or a connection error (nothing reached Twilio), ``RETRIES`` times after waiting
``base * 1``, ``base * 2``, ``base * 4`` seconds (``HARBOR_SMS_RETRY_BASE_DELAY``, default
0.5). The wait is an ``asyncio.sleep``, so no worker thread is held. Any other 4xx is
permanent and not retried. A read timeout is not retried either: Twilio may have accepted
the message, and a second copy to a youth's phone is worse than a missing one (the advocate
sees the failure). After a failure the remaining parts are not sent (they would arrive out of
order or to a number Twilio refuses). Logs name the error class or HTTP status only, never
the number, the text or Twilio's error message (which can quote the number).

Messages sent here ask Twilio to post delivery reports to ``HARBOR_PUBLIC_URL`` +
``/webhooks/sms/status`` (see ``channels.sms``).
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from functools import lru_cache

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from bot.contacts import ContactUnavailable, reply_address
from bot.db import session_scope
from bot.sms_text import split_for_sms, to_gsm7

CHANNEL = "sms"
TWILIO_API = "https://api.twilio.com"
WEBHOOK_PATH = "/webhooks/sms/webhook"
STATUS_PATH = "/webhooks/sms/status"
DEFAULT_REPLY_BUDGET = 0.15  # seconds; Twilio gives up after 15, issue #10 wants an answer in 0.3
DEFAULT_BUSY_TURNS = 3  # turns already running in this process: then acknowledge at once
DEFAULT_RETRY_BASE_DELAY = 0.5  # seconds; retries wait base, 2 * base, 4 * base
RETRIES = 3
logger = logging.getLogger(__name__)
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
    reply_budget: float = DEFAULT_REPLY_BUDGET  # HARBOR_SMS_REPLY_BUDGET
    retry_base_delay: float = DEFAULT_RETRY_BASE_DELAY  # HARBOR_SMS_RETRY_BASE_DELAY
    busy_turns: int = DEFAULT_BUSY_TURNS  # HARBOR_SMS_BUSY_TURNS

    @property
    def webhook_url(self) -> str:
        """The URL Twilio signs: the public one, never the one a proxy forwarded to."""
        return self.public_url.rstrip("/") + WEBHOOK_PATH

    @property
    def status_url(self) -> str:
        """Where Twilio posts delivery reports (and the URL it signs them for)."""
        return self.public_url.rstrip("/") + STATUS_PATH


def _seconds(name: str, default: float, upper: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds") from None
    if not 0 < value < upper:
        raise ValueError(f"{name} must be more than 0 and less than {upper:g} seconds")
    return value


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
        reply_budget=_seconds("HARBOR_SMS_REPLY_BUDGET", DEFAULT_REPLY_BUDGET, 15),
        retry_base_delay=_seconds("HARBOR_SMS_RETRY_BASE_DELAY", DEFAULT_RETRY_BASE_DELAY, 60),
        busy_turns=_count("HARBOR_SMS_BUSY_TURNS", DEFAULT_BUSY_TURNS),
    )


def _count(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a whole number") from None
    if value < 0:
        raise ValueError(f"{name} cannot be negative")
    return value


class _BaseUrlHttpClient(TwilioHttpClient):
    """Sends what the client addresses to api.twilio.com to ``api_base`` instead."""

    def __init__(self, api_base: str) -> None:
        super().__init__(timeout=15, logger=_quiet)
        self.api_base = api_base

    def request(self, method, url, *args, **kwargs):  # type: ignore[no-untyped-def,override]
        if url.startswith(TWILIO_API):
            url = self.api_base + url[len(TWILIO_API):]
        return super().request(method, url, *args, **kwargs)


@lru_cache(maxsize=4)
def _client(config: SmsConfig) -> Client:
    """One client per configuration: its HTTP session keeps the connection to Twilio open
    between replies (a new client per reply cost a TLS handshake each time)."""
    return Client(config.account_sid, config.auth_token, http_client=_BaseUrlHttpClient(config.api_base))


class SmsSendError(RuntimeError):
    """Twilio did not accept a part. ``reason`` is an error class or HTTP status, nothing more."""

    def __init__(self, reason: str, transient: bool, attempts: int, sent: list[str]) -> None:
        super().__init__(f"Twilio did not accept the message ({reason}, {attempts} attempt(s))")
        self.reason, self.transient, self.attempts, self.sent = reason, transient, attempts, sent


def _classify(error: Exception) -> tuple[str, bool] | None:
    """(reason, transient) for a send failure Harbor understands; None for anything else."""
    if isinstance(error, TwilioRestException):
        status = int(error.status or 0)
        return f"HTTP {status}", status == 429 or status >= 500
    if isinstance(error, requests.ConnectionError):  # includes ConnectTimeout; not ReadTimeout
        return type(error).__name__, True
    if isinstance(error, requests.RequestException):
        return type(error).__name__, False
    return None


async def _create(client: Client, config: SmsConfig, to: str, part: str) -> str:
    """One part, retried on transient failures; its message SID."""
    sender = ({"messaging_service_sid": config.messaging_service_sid} if config.messaging_service_sid
              else {"from_": config.from_number})
    for attempt in range(RETRIES + 1):
        try:
            message = await asyncio.to_thread(client.messages.create, to=to, body=part,
                                              status_callback=config.status_url, **sender)
            return str(message.sid)
        except Exception as error:  # noqa: BLE001 - classified below; the text is never logged
            known = _classify(error)
            if known is None:
                raise SmsSendError(type(error).__name__, False, attempt + 1, []) from None
            reason, transient = known
        if not transient or attempt == RETRIES:
            raise SmsSendError(reason, transient, attempt + 1, []) from None
        delay = config.retry_base_delay * 2 ** attempt
        logger.warning("SMS send: Twilio answered %s; retry %d of %d in %.2f s", reason, attempt + 1,
                       RETRIES, delay)
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def send_parts(conversation_id: str, parts: list[str], config: SmsConfig) -> list[str]:
    """Send ready-made SMS parts (GSM-7, <= 320 characters each) in order; their SIDs.

    The address is looked up (and the opt-out checked) right before sending: it raises
    :class:`~bot.contacts.ContactUnavailable` before anything is sent, and
    :class:`SmsSendError` (with the SIDs already sent) when Twilio refuses a part.
    """
    def _address() -> str:
        with session_scope() as session:
            return reply_address(session, conversation_id, CHANNEL)

    to = await asyncio.to_thread(_address)
    client = _client(config)
    sids: list[str] = []
    for part in parts:
        try:
            sids.append(await _create(client, config, to, part))
        except SmsSendError as error:
            error.sent = sids
            logger.error("SMS send: gave up on part %d of %d (%s after %d attempt(s))", len(sids) + 1,
                         len(parts), error.reason, error.attempts)
            raise
    return sids


class SmsNotConfigured(RuntimeError):
    """TWILIO_* / HARBOR_PUBLIC_URL are not set."""


async def send_sms(conversation_id: str, text: str, config: SmsConfig | None = None) -> list[str]:
    """Send ``text`` (GSM-7, split to <= 320 characters a part); the Twilio message SIDs.

    Raises :class:`~bot.contacts.ContactUnavailable` (opted out, expired, unknown) before
    anything is sent, :class:`SmsNotConfigured` without the Twilio settings, and
    :class:`SmsSendError` when Twilio refuses a part (after retries when that is transient).
    """
    config = config or load_sms_config()
    if config is None:
        raise SmsNotConfigured("SMS is not configured (TWILIO_* and HARBOR_PUBLIC_URL)")
    parts = split_for_sms(to_gsm7(text))
    if not parts:
        raise ValueError("nothing to send: the text is empty")
    return await send_parts(conversation_id, parts, config)


__all__ = ["ContactUnavailable", "SmsConfig", "SmsNotConfigured", "SmsSendError", "load_sms_config",
           "send_parts", "send_sms"]
