"""Harbor's SMS channel for Twilio (replaces Rasa's TwilioInput; see ARCHITECTURE "Rasa pitfalls").

Order of work for ``POST /webhooks/sms/webhook``, each step refusing before the next:
1. not configured -> 503; 2. ``X-Twilio-Signature`` checked against HARBOR_PUBLIC_URL +
the webhook path (never the URL the request arrived on: proxies rewrite scheme, host and
port) and the exact form parameters -> 403, nothing stored; 3. From/Body/MessageSid
present and From a phone number -> else 400; 4. MessageSid claimed by one INSERT on a
unique key -> a duplicate gets empty TwiML and no turn; 5. the number becomes
``pseudonym("sms", e164)`` and is kept only encrypted; 6. carrier keywords and media are
answered here; 7. anything else is one Rasa turn, answered as TwiML in GSM-7 parts.

Twilio gives up on a webhook after 15 s, so the turn runs as an asyncio task and gets
``HARBOR_SMS_REPLY_BUDGET`` seconds (default 0.15: a quiet server answers in ~50 ms, so
replies are TwiML unless the server is busy). Done in time: the reply is TwiML, as
above. Not done: Twilio gets empty TwiML at once (an acknowledgement, no text), and when
the turn finishes the same parts (same ``render``, same stored menu) go out through the
REST API (``channels.sms_outbound.send_parts``: address and opt-out checked right before
sending, transient errors retried). A turn that fails gets ``FALLBACK_TEXT`` either way.
A turn that finishes but took longer than the budget counts as slow too. Turns run on their
own thread and loop (rasa_plugins/turn_thread.py), so other people's turns no longer hold
the acknowledgement back. Replies still being sent when the server
stops are lost (nothing is queued on disk).

``POST /webhooks/sms/status`` takes Twilio's delivery reports: the signature is checked
against HARBOR_PUBLIC_URL + ``/webhooks/sms/status`` (403 otherwise) and a valid report
gets 204. Only the status word is kept, as a count per day (bot/delivery_stats.py), and
logged at DEBUG: a row per message would tie a message to a time and a conversation, so
no number, SID or body is kept.

No phone number, MessageSid or message text is ever logged.
"""
from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

import phonenumbers
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import confirmations, contacts
from bot.db import session_scope
from bot.erasure import erase_conversation
from bot.delivery_stats import record_delivery
from bot.pseudonym import pseudonym
from bot.sms_keywords import DELETED_TEXT, MEDIA_TEXT, Keyword, classify, reply_for
from bot.sms_text import MAX_SMS_CHARS, split_for_sms, to_gsm7
from channels.sms_outbound import (CHANNEL, ContactUnavailable, SmsConfig, SmsSendError, load_sms_config,
                                   send_parts)
from rasa_plugins import turn_thread

logger = logging.getLogger(__name__)
NOT_CONFIGURED = "SMS is not configured"
FALLBACK_TEXT = (
    "Harbor got your message but cannot answer right now. In danger? Call 911. "
    "Trafficking hotline: 1-888-373-7888 or text 233733. Call or text 988."
)
_MESSAGE_SID = re.compile(r"^[A-Za-z]{2}[0-9A-Za-z]{1,62}$")
PURGE_EVERY_SECONDS = 3600
_last_purge = 0.0
# Twilio's message status words; anything else is counted as "other" (never echoed).
KNOWN_STATUSES = frozenset({
    "accepted", "scheduled", "canceled", "queued", "sending", "sent", "failed", "delivered",
    "undelivered", "receiving", "received", "read", "partially_delivered"})
_background: set[asyncio.Task] = set()  # replies still being sent (a strong reference each)


class _Form(dict):
    """Form fields as lists, with the ``getall`` RequestValidator uses for repeated keys."""

    def getall(self, name: str) -> list[str]:
        return self[name]

    def first(self, name: str) -> str | None:
        values = self.get(name)
        return values[0] if values else None


def parse_form(body: bytes) -> _Form:
    """The exact parameters Twilio signed: blank values kept (Sanic's form parser drops them)."""
    form = _Form()
    for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False):
        form.setdefault(key, []).append(value)
    return form


def _record_delivery(status: str) -> None:
    with session_scope() as session:
        record_delivery(session, status)


def twiml(texts: list[str]) -> HTTPResponse:
    body = "".join(f"<Message>{escape(text)}</Message>" for text in texts)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'
    return response.text(xml, content_type="text/xml; charset=utf-8")


def render(messages: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Bot messages -> SMS parts (GSM-7, <= 320 chars) and the payloads of the numbered choices.

    Choices are numbered across the whole reply (in practice one message has buttons), so
    "2" is never ambiguous; the payload list is what the next numbered reply maps onto.
    """
    parts: list[str] = []
    payloads: list[str] = []
    for message in messages:
        text = to_gsm7((message.get("text") or "").strip())
        choices = []
        for button in message.get("buttons") or []:
            payloads.append(str(button.get("payload") or button.get("title") or ""))
            choices.append(to_gsm7(f"{len(payloads)} = {button.get('title') or button.get('payload')}"))
        whole = "\n".join([text, *choices]).strip()
        if len(whole) <= MAX_SMS_CHARS:
            parts.extend([whole] if whole else [])
            continue
        parts.extend(split_for_sms(text))  # too long: the text, then the menu one choice a line
        menu = ""
        for line in choices:
            if menu and len(menu) + 1 + len(line) > MAX_SMS_CHARS:
                parts.append(menu)
                menu = ""
            menu = f"{menu}\n{line}" if menu else line[:MAX_SMS_CHARS]
        parts.extend([menu] if menu else [])
    return parts, payloads


def normalise_number(raw: str) -> str | None:
    """E.164 (US by default) or None when ``raw`` is not a phone number."""
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass
class Decision:
    """What to do with a message after the database has been consulted."""

    replies: list[str] = field(default_factory=list)
    to_rasa: str | None = None


def _maybe_purge(session: Any) -> None:
    global _last_purge
    if time.monotonic() - _last_purge > PURGE_EVERY_SECONDS:
        _last_purge = time.monotonic()
        contacts.purge_expired(session)


def decide(conversation_id: str, e164: str, body: str, num_media: int) -> Decision:
    """Keywords, opt-out state, address storage and menu choices (blocking: run in a thread).

    While opted out only START/UNSTOP is heard: nothing is stored, nothing is sent. STOP
    also deletes the stored address, which has no use once Harbor may not text.
    """
    keyword = classify(body)
    if keyword is Keyword.OPT_OUT:
        with session_scope() as session:
            contacts.forget_address(session, conversation_id, CHANNEL)
        with session_scope() as session:
            first_time = contacts.opt_out(session, conversation_id, CHANNEL)
        return Decision(replies=[reply_for(keyword)] if first_time else [])
    with session_scope() as session:
        _maybe_purge(session)
        if keyword is Keyword.OPT_IN:
            contacts.opt_in(session, conversation_id, CHANNEL)
        elif contacts.is_opted_out(session, conversation_id, CHANNEL):
            return Decision()
        if confirmations.take(session, conversation_id, CHANNEL) == "erase" and confirmations.is_yes(body):
            erase_conversation(session, conversation_id, CHANNEL)
            return Decision(replies=[DELETED_TEXT])  # answered by TwiML: no address is kept
        contacts.remember_address(session, conversation_id, CHANNEL, e164)
        if keyword is Keyword.DELETE:
            confirmations.ask(session, conversation_id, CHANNEL, "erase")
        if keyword is not None:
            return Decision(replies=[reply_for(keyword)])
        if not body.strip():
            return Decision(replies=[MEDIA_TEXT if num_media > 0 else reply_for(Keyword.HELP)])
        choice = contacts.menu_choice(session, conversation_id, CHANNEL, body)
        return Decision(to_rasa=choice or body.strip())


def reply_budget(config: SmsConfig, turns_running: int) -> float:
    """Seconds to wait for a turn before acknowledging: none when ``turns_running`` (this
    process, every channel) reaches ``config.busy_turns``: the reply could not come in time,
    and waiting anyway is what made acknowledgements slow at saturation (issue #10)."""
    return 0.0 if turns_running >= config.busy_turns else config.reply_budget


def _claim(message_sid: str) -> bool:
    with session_scope() as session:
        return contacts.claim_inbound(session, CHANNEL, message_sid)


def _store_menu(conversation_id: str, payloads: list[str]) -> None:
    with session_scope() as session:
        contacts.set_menu(session, conversation_id, CHANNEL, payloads)


async def _reply_parts(turn: "asyncio.Task[list[dict[str, Any]]]", conversation_id: str) -> list[str]:
    """The SMS parts answering a finished turn (its menu stored); the fallback if it failed.

    The one place both paths (TwiML and REST) turn bot messages into texts.
    """
    try:
        bot_messages = await turn
    except Exception as error:  # never silent: the youth still gets the lines
        # the type only: a traceback or message could carry the text
        logger.error("SMS webhook: the assistant failed on a turn (%s)", type(error).__name__)
        return [FALLBACK_TEXT]
    parts, payloads = render(bot_messages)
    await asyncio.to_thread(_store_menu, conversation_id, payloads)
    return parts or [FALLBACK_TEXT]


async def _send_late(turn: "asyncio.Task[list[dict[str, Any]]]", conversation_id: str,
                     config: SmsConfig) -> None:
    """Wait for a slow turn, then send its reply over the REST API (never raises)."""
    try:
        parts = await _reply_parts(turn, conversation_id)
        await send_parts(conversation_id, parts, config)
    except ContactUnavailable:  # opted out (or the address went) while the turn ran
        logger.info("SMS webhook: a late reply was not sent (no usable address or opted out)")
    except SmsSendError:
        pass  # send_parts logged the reason (class or status only)
    except Exception as error:  # noqa: BLE001 - a background task must not die silently
        logger.error("SMS webhook: a late reply failed (%s)", type(error).__name__)


def _keep(task: asyncio.Task) -> None:
    _background.add(task)
    task.add_done_callback(_background.discard)


class SmsInput(InputChannel):
    """`GET /webhooks/sms/` (health) and `POST /webhooks/sms/webhook` (Twilio's Messaging webhook)."""

    def __init__(self, config: SmsConfig | None = None) -> None:
        self.config = config if config is not None else load_sms_config()
        if self.config is None:
            logger.info("SMS channel: not configured (TWILIO_* and HARBOR_PUBLIC_URL); answering 503")

    @classmethod
    def name(cls) -> str:
        return "sms"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "SmsInput":
        return cls()  # configuration comes from the environment, never from credentials.yml

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sms = Blueprint("harbor_sms", __name__)
        config = self.config
        validator = RequestValidator(config.auth_token) if config else None

        @sms.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if config is None:
                return response.text(NOT_CONFIGURED, status=503)
            return response.json({"status": "ok"})

        def signed_form(request: Request, url: str) -> _Form | HTTPResponse:
            """The form when it is Twilio's and signed for ``url``; otherwise the refusal."""
            if config is None or validator is None:
                return response.text(NOT_CONFIGURED, status=503)
            try:
                form = parse_form(request.body or b"")
            except (UnicodeDecodeError, ValueError):
                return response.text("the body must be UTF-8 form data", status=400)
            signature = request.headers.get("X-Twilio-Signature", "")
            if not signature or not validator.validate(url, form, signature):
                logger.warning("SMS webhook: rejected a request without a valid Twilio signature")
                return response.text("forbidden", status=403)
            return form

        @sms.route("/status", methods=["POST"])
        async def delivery_status(request: Request) -> HTTPResponse:
            form = signed_form(request, config.status_url if config else "")
            if isinstance(form, HTTPResponse):
                return form
            word = (form.first("MessageStatus") or form.first("SmsStatus") or "").strip().lower()
            word = word if word in KNOWN_STATUSES else "other"
            await asyncio.to_thread(_record_delivery, word)
            logger.debug("SMS delivery report: %s", word)
            return response.empty(status=204)

        @sms.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            form = signed_form(request, config.webhook_url if config else "")
            if isinstance(form, HTTPResponse):
                return form
            assert config is not None

            sender, body, message_sid = form.first("From"), form.first("Body"), form.first("MessageSid")
            missing = [name for name, value in (("From", sender), ("Body", body), ("MessageSid", message_sid))
                       if value is None or (name != "Body" and not value)]
            if missing:
                return response.text(f"missing form field(s): {', '.join(missing)}", status=400)
            if not _MESSAGE_SID.match(message_sid or ""):
                return response.text("MessageSid is not a Twilio message id", status=400)
            e164 = normalise_number(sender or "")
            if e164 is None:
                return response.text("From is not a phone number", status=400)
            try:
                num_media = int(form.first("NumMedia") or "0")
            except ValueError:
                return response.text("NumMedia must be a number", status=400)

            if not await asyncio.to_thread(_claim, message_sid or ""):
                logger.info("SMS webhook: duplicate delivery ignored")
                return twiml([])
            conversation_id = pseudonym(CHANNEL, e164)
            decision = await asyncio.to_thread(decide, conversation_id, e164, body or "", num_media)
            if decision.to_rasa is None:
                return twiml(decision.replies)

            collector = CollectingOutputChannel()

            async def run_turn() -> list[dict[str, Any]]:
                await on_new_message(UserMessage(decision.to_rasa, collector, conversation_id,
                                                 input_channel=self.name()))
                return collector.messages

            loop = asyncio.get_running_loop()
            started = loop.time()
            # A server already running several turns cannot answer this one within the budget:
            # acknowledge at once (Twilio is not kept waiting) and send the reply when it is ready.
            budget = reply_budget(config, turn_thread.in_flight())
            turn = asyncio.create_task(run_turn())
            # wait() leaves the task running when the budget runs out (wait_for would cancel it)
            if budget > 0:
                await asyncio.wait({turn}, timeout=budget)
            # late is late: Twilio may have hung up, so that reply goes by REST
            if turn.done() and loop.time() - started <= budget:
                return twiml(await _reply_parts(turn, conversation_id))
            logger.info("SMS webhook: the turn outran the reply budget; the reply follows by the REST API")
            _keep(asyncio.create_task(_send_late(turn, conversation_id, config)))
            return twiml([])

        return sms
