"""Harbor's Telegram channel on python-telegram-bot (replaces Rasa's; see ARCHITECTURE "Rasa pitfalls").

Order of work for ``POST /webhooks/telegram/webhook``, each step refusing before the next:
1. not configured -> 503; 2. ``X-Telegram-Bot-Api-Secret-Token`` compared in constant time
-> 403, nothing stored; 3. the body must be a JSON Telegram update -> else 400 with a reason;
4. ``update_id`` claimed by one INSERT on a unique key -> a duplicate gets 200 and no turn;
5. the chat id becomes ``pseudonym("telegram", chat_id)`` and is kept only encrypted;
6. /start, /help, /stop, /delete and non-text messages are answered here; 7. text and button
presses are one Rasa turn, answered with Bot.send_message (buttons as an inline keyboard).

Only private chats are served: in a group, other people would read the youth's answers.
No chat id, user id, update id or message text is ever logged.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot import confirmations, contacts
from bot.erasure import erase_conversation
from bot.db import session_scope
from bot.pseudonym import pseudonym
from channels.telegram_outbound import (CHANNEL, TelegramConfig, call_with_retry, keyboard,
                                        load_telegram_config, make_bot, remember_sent, send_text)

logger = logging.getLogger(__name__)
NOT_CONFIGURED = "Telegram is not configured"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HELP_TEXT = (
    "Harbor is an automated helper for young people in Wisconsin: a safe place to sleep, food, "
    "health care, someone to talk to. It is not a person and not the police.\n"
    "In danger? Call 911.\n"
    "Trafficking hotline: call 1-888-373-7888 or text 233733.\n"
    "Thinking of hurting yourself? Call or text 988.\n"
    "/stop - Harbor sends you nothing more (send /start to come back)\n"
    "/delete - delete Harbor's messages in this chat and what Harbor stored about you"
)
STOP_TEXT = (
    "Harbor: you are unsubscribed and will get no more messages here. Send /start to use Harbor "
    "again. In danger? Call 911. Trafficking hotline: call 1-888-373-7888 or text 233733."
)
DELETE_TEXT = (
    "Harbor deleted its messages in this chat (those Telegram still allows, up to 48 hours old), "
    "this conversation and what it stored to reach you. You may also delete this chat in Telegram. "
    "In danger? Call 911."
)
CONFIRM_DELETE_TEXT = (
    "This erases our whole conversation and what Harbor stored to reach you, and deletes Harbor's "
    "messages here (Telegram allows up to 48 hours back). Send YES or /delete again to erase it, "
    "or anything else to keep it."
)
MEDIA_TEXT = "I can only read text, not pictures or files. Please type your message. In danger? Call 911."
FALLBACK_TEXT = (
    "Harbor got your message but cannot answer right now. In danger? Call 911. "
    "Trafficking hotline: 1-888-373-7888 or text 233733. Call or text 988."
)
PURGE_EVERY_SECONDS = 3600
_last_purge = 0.0


@dataclass
class Incoming:
    """What one update asks of Harbor, without the Telegram objects."""

    chat_id: int
    message_id: int | None  # the youth's own message (None for a button press)
    text: str | None  # None: not a text message
    callback_data: str | None = None
    callback_query_id: str | None = None


@dataclass
class Decision:
    """What to do after the database has been consulted."""

    replies: list[str] = field(default_factory=list)
    to_rasa: str | None = None
    delete_ids: list[str] = field(default_factory=list)
    track: bool = True  # record the ids of what is sent (False after /delete)


def command_of(text: str) -> str | None:
    """``/help@HarborBot extra`` -> ``help``; None when the text is not a command."""
    if not text.startswith("/"):
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""


def incoming_of(update: Update) -> Incoming | None:
    """The private-chat message or button press in ``update``; None for anything else."""
    query = update.callback_query
    if query is not None:
        message = query.message
        chat = message.chat if message is not None else None
        if chat is not None and chat.type != "private":
            return None
        chat_id = chat.id if chat is not None else query.from_user.id  # private: chat id = user id
        return Incoming(chat_id=chat_id, message_id=None, text=None, callback_data=query.data or "",
                        callback_query_id=query.id)
    message = update.message
    if message is None or message.chat.type != "private":
        return None  # edits, channel posts, member updates, groups: nothing to answer
    return Incoming(chat_id=message.chat.id, message_id=message.message_id, text=message.text)


def _maybe_purge(session: Any) -> None:
    global _last_purge
    if time.monotonic() - _last_purge > PURGE_EVERY_SECONDS:
        _last_purge = time.monotonic()
        contacts.purge_expired(session)
        contacts.purge_chat_messages(session)


def _erase(session: Any, conversation_id: str, own: list[str], silent: bool) -> Decision:
    """Everything about the conversation, in this turn; then Telegram deletes the chat messages."""
    ids = contacts.deletable_chat_messages(session, conversation_id, CHANNEL)
    erase_conversation(session, conversation_id, CHANNEL)
    return Decision(replies=[] if silent else [DELETE_TEXT], delete_ids=ids + own, track=False)


def decide(conversation_id: str, incoming: Incoming) -> Decision:
    """Commands, opt-out state, address storage and button payloads (blocking: run in a thread).

    While opted out only /start and /delete are heard, and nothing is sent. /stop also
    deletes the stored chat id, which has no use once Harbor may not write.
    """
    chat_id = str(incoming.chat_id)
    command = command_of((incoming.text or "").strip()) if incoming.text is not None else None
    own = [str(incoming.message_id)] if incoming.message_id is not None else []
    if command == "stop":  # message ids stay (48 h at most): /delete may still need them
        with session_scope() as session:
            contacts.forget_address(session, conversation_id, CHANNEL)
        with session_scope() as session:
            first_time = contacts.opt_out(session, conversation_id, CHANNEL)
        return Decision(replies=[STOP_TEXT] if first_time else [], track=False)
    if command == "delete":
        with session_scope() as session:
            silent = contacts.is_opted_out(session, conversation_id, CHANNEL)
            confirmed = confirmations.take(session, conversation_id, CHANNEL) == "erase"
            if silent or confirmed:  # opted out: nothing may be sent, so there is nobody to ask
                return _erase(session, conversation_id, own, silent)
            confirmations.ask(session, conversation_id, CHANNEL, "erase")
            contacts.remember_chat_messages(session, conversation_id, CHANNEL, own)
        return Decision(replies=[CONFIRM_DELETE_TEXT])
    with session_scope() as session:
        _maybe_purge(session)
        if command == "start":
            contacts.opt_in(session, conversation_id, CHANNEL)
        elif contacts.is_opted_out(session, conversation_id, CHANNEL):
            return Decision(track=False)
        pending = confirmations.take(session, conversation_id, CHANNEL)
        if pending == "erase" and confirmations.is_yes(incoming.callback_data or incoming.text or ""):
            return _erase(session, conversation_id, own, silent=False)
        contacts.remember_address(session, conversation_id, CHANNEL, chat_id)
        contacts.remember_chat_messages(session, conversation_id, CHANNEL, own)
        if incoming.callback_data is not None:
            data = incoming.callback_data.strip()
            choice = contacts.menu_choice(session, conversation_id, CHANNEL, data) if data.isdigit() else None
            return Decision(to_rasa=choice or data or None)
        if incoming.text is None or not incoming.text.strip():
            return Decision(replies=[MEDIA_TEXT])
        if command == "start":
            return Decision(to_rasa="hi")
        if command is not None:  # /help and unknown commands (never a raw "/intent" to Rasa)
            return Decision(replies=[HELP_TEXT])
        return Decision(to_rasa=incoming.text.strip())


def bundle(messages: list[dict[str, Any]]) -> list[tuple[str, InlineKeyboardMarkup | None, list[str]]]:
    """A turn's bot messages -> as few Telegram messages as possible (one notification, not several).

    Texts are joined until a message with buttons closes a bundle with its keyboard, so every
    keyboard stays under the question it answers.
    """
    bundles: list[tuple[str, InlineKeyboardMarkup | None, list[str]]] = []
    texts: list[str] = []
    numbered = 0
    for message in messages:
        text = (message.get("text") or "").strip()
        texts += [text] if text else []
        markup, payloads = keyboard(message.get("buttons") or [], start=numbered + 1)
        numbered += len(payloads)
        if markup is not None:
            bundles.append(("\n\n".join(texts) or "Choose one:", markup, payloads))
            texts = []
    if texts:
        bundles.append(("\n\n".join(texts), None, []))
    return bundles


def _claim(update_id: int) -> bool:
    with session_scope() as session:
        return contacts.claim_inbound(session, CHANNEL, f"telegram:{update_id}")


def _store_menu(conversation_id: str, payloads: list[str]) -> None:
    with session_scope() as session:
        contacts.set_menu(session, conversation_id, CHANNEL, payloads)


def parse_update(body: bytes, bot: Bot) -> tuple[Update | None, str | None]:
    """The update, or None and the reason it is not one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "the body must be JSON"
    if not isinstance(data, dict):
        return None, "the body must be a JSON object (a Telegram update)"
    if not isinstance(data.get("update_id"), int) or isinstance(data.get("update_id"), bool):
        return None, "update_id must be an integer"
    try:
        update = Update.de_json(data, bot)
    except (TypeError, KeyError, ValueError, AttributeError):
        return None, "the body is not a Telegram update"
    if update is None:
        return None, "the body is not a Telegram update"
    return update, None


class TelegramInput(InputChannel):
    """`GET /webhooks/telegram/` (health) and `POST /webhooks/telegram/webhook` (the Bot API webhook)."""

    def __init__(self, config: TelegramConfig | None = None) -> None:
        self.config = config if config is not None else load_telegram_config()
        if self.config is None:
            logger.info("Telegram channel: not configured (TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET); answering 503")

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "TelegramInput":
        return cls()  # configuration comes from the environment, never from credentials.yml

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = Blueprint("harbor_telegram", __name__)
        config = self.config
        bot = make_bot(config) if config else None
        ready = asyncio.Lock()

        async def initialised() -> Bot:
            assert bot is not None
            async with ready:  # initialize() returns at once once done; getMe only the first time
                await bot.initialize()
            return bot

        async def send(conversation_id: str, texts: list[str], track: bool, chat_id: int) -> None:
            tg = await initialised()
            ids: list[str] = []
            for text in texts:
                ids += await send_text(tg, chat_id, text)
            if track:
                await asyncio.to_thread(remember_sent, conversation_id, ids)

        async def delete(chat_id: int, message_ids: list[str]) -> None:
            tg = await initialised()
            for message_id in message_ids:
                try:
                    await call_with_retry(lambda m=message_id: tg.delete_message(chat_id=chat_id, message_id=int(m)))
                except TelegramError:  # too old or already gone: nothing more Harbor can do
                    pass

        async def turn(conversation_id: str, chat_id: int, text: str) -> None:
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, conversation_id, input_channel=self.name()))
            except Exception as error:  # never silent: the youth still gets the lines
                logger.error("Telegram webhook: the assistant failed on a turn (%s)", type(error).__name__)
                await send(conversation_id, [FALLBACK_TEXT], True, chat_id)
                return
            tg = await initialised()
            ids: list[str] = []
            menu: list[str] = []
            for text, markup, payloads in bundle(collector.messages):
                ids += await send_text(tg, chat_id, text, markup)
                menu += payloads
            if not ids:
                ids += await send_text(tg, chat_id, FALLBACK_TEXT)
            await asyncio.to_thread(remember_sent, conversation_id, ids)
            await asyncio.to_thread(_store_menu, conversation_id, menu)

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if config is None:
                return response.text(NOT_CONFIGURED, status=503)
            return response.json({"status": "ok"})

        @telegram.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if config is None or bot is None:
                return response.text(NOT_CONFIGURED, status=503)
            given = request.headers.get(SECRET_HEADER, "")
            if not given or not hmac.compare_digest(given.encode(), config.webhook_secret.encode()):
                logger.warning("Telegram webhook: rejected a request without the right secret token")
                return response.text("forbidden", status=403)
            update, reason = parse_update(request.body or b"", bot)
            if update is None:
                return response.text(reason or "bad request", status=400)
            if not await asyncio.to_thread(_claim, update.update_id):
                logger.info("Telegram webhook: duplicate delivery ignored")
                return response.json({})
            incoming = incoming_of(update)
            if incoming is None:
                return response.json({})
            conversation_id = pseudonym(CHANNEL, str(incoming.chat_id))
            try:
                if incoming.callback_query_id is not None:
                    tg = await initialised()
                    await call_with_retry(lambda: tg.answer_callback_query(incoming.callback_query_id))
                decision = await asyncio.to_thread(decide, conversation_id, incoming)
                if decision.delete_ids:
                    await delete(incoming.chat_id, decision.delete_ids)
                if decision.replies:
                    await send(conversation_id, decision.replies, decision.track, incoming.chat_id)
                if decision.to_rasa is not None:
                    await turn(conversation_id, incoming.chat_id, decision.to_rasa)
            except TelegramError as error:  # blocked, network, 429 beyond the bound: the type only
                logger.error("Telegram webhook: the Bot API call failed (%s)", type(error).__name__)
            # 200 even then: a retry would be dropped as a duplicate anyway
            return response.json({})

        return telegram
