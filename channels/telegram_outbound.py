"""Telegram configuration, the Bot client and outbound messages (an advocate answering a youth).

Harbor never writes first: ``send_telegram`` only reaches a chat that wrote in, whose
encrypted chat id has not expired and who has not sent /stop. Every send goes through
``call_with_retry`` so Telegram's 429 (``RetryAfter``) is waited out a bounded number of
times. ``HARBOR_TELEGRAM_API_BASE`` (e.g. ``http://127.0.0.1:8081``) points the client at a
local fake Bot API server in tests; the token is appended as Telegram expects (``/bot<token>``).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import RetryAfter
from telegram.request import HTTPXRequest

from bot import contacts
from bot.contacts import ContactUnavailable
from bot.db import session_scope

CHANNEL = "telegram"
TELEGRAM_API = "https://api.telegram.org"
WEBHOOK_PATH = "/webhooks/telegram/webhook"
MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data
RETRY_ATTEMPTS = 3
MAX_RETRY_WAIT_SECONDS = 30.0
# httpx logs every request URL at INFO, and Bot API URLs carry the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)
logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class TelegramConfig:
    token: str
    webhook_secret: str
    api_base: str  # HARBOR_TELEGRAM_API_BASE, without /bot
    public_url: str | None  # HARBOR_PUBLIC_URL: only needed to register the webhook

    @property
    def webhook_url(self) -> str:
        if not self.public_url:
            raise TelegramNotConfigured("HARBOR_PUBLIC_URL is not set")
        return self.public_url.rstrip("/") + WEBHOOK_PATH


class TelegramNotConfigured(RuntimeError):
    """TELEGRAM_TOKEN / TELEGRAM_WEBHOOK_SECRET (or HARBOR_PUBLIC_URL for the webhook) are not set."""


def load_telegram_config() -> TelegramConfig | None:
    """The Telegram configuration from the environment, or None when Telegram is not set up."""
    env = {name: os.environ.get(name, "").strip() for name in (
        "TELEGRAM_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "HARBOR_TELEGRAM_API_BASE", "HARBOR_PUBLIC_URL")}
    if not (env["TELEGRAM_TOKEN"] and env["TELEGRAM_WEBHOOK_SECRET"]):
        return None
    return TelegramConfig(token=env["TELEGRAM_TOKEN"], webhook_secret=env["TELEGRAM_WEBHOOK_SECRET"],
                          api_base=(env["HARBOR_TELEGRAM_API_BASE"] or TELEGRAM_API).rstrip("/"),
                          public_url=env["HARBOR_PUBLIC_URL"] or None)


def make_bot(config: TelegramConfig) -> Bot:
    """A Bot on the configured API base; a pool big enough for concurrent turns."""
    request = HTTPXRequest(connection_pool_size=64, read_timeout=15, write_timeout=15, pool_timeout=10)
    return Bot(config.token, base_url=f"{config.api_base}/bot", request=request)


def _seconds(value: int | float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def call_with_retry(call: Callable[[], Awaitable[T]], attempts: int = RETRY_ATTEMPTS) -> T:
    """Run a Bot API call, waiting out 429s as Telegram asks (at most ``attempts`` tries).

    A wait longer than MAX_RETRY_WAIT_SECONDS is not worth holding a webhook for: re-raise.
    """
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as error:
            wait = _seconds(error._retry_after)  # the timedelta; the public property is deprecated
            if attempt == attempts or wait > MAX_RETRY_WAIT_SECONDS:
                raise
            logger.info("Telegram: rate limited, retrying in %.0f s", wait)
            await asyncio.sleep(wait)
    raise AssertionError("unreachable")


def keyboard(buttons: list[dict[str, Any]], start: int = 1) -> tuple[InlineKeyboardMarkup | None, list[str]]:
    """Rasa buttons -> one button a row; the payloads (stored as the menu).

    callback_data is the payload itself; one longer than Telegram's 64 bytes is sent as its
    position in the turn's menu (``start`` onwards) instead, mapped back through the stored menu.
    """
    payloads = [str(b.get("payload") or b.get("title") or "") for b in buttons]
    if not payloads:
        return None, []
    rows = []
    for index, (button, payload) in enumerate(zip(buttons, payloads), start=start):
        data = payload if len(payload.encode()) <= MAX_CALLBACK_BYTES else str(index)
        rows.append([InlineKeyboardButton(str(button.get("title") or payload)[:200], callback_data=data)])
    return InlineKeyboardMarkup(rows), payloads


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split at line breaks or spaces so no part exceeds Telegram's limit."""
    parts: list[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > 0 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return parts + ([text] if text else [])


async def send_text(bot: Bot, chat_id: int | str, text: str,
                    markup: InlineKeyboardMarkup | None = None) -> list[str]:
    """Send ``text`` (split if long; the keyboard on the last part); the message ids sent."""
    parts = split_text(text)
    ids = []
    for number, part in enumerate(parts, start=1):
        reply_markup = markup if number == len(parts) else None
        sent = await call_with_retry(lambda p=part, m=reply_markup: bot.send_message(
            chat_id=chat_id, text=p, reply_markup=m))
        ids.append(str(sent.message_id))
    return ids


def remember_sent(conversation_id: str, message_ids: list[str]) -> None:
    """Blocking: record ids so /delete can remove them within Telegram's 48 h window."""
    if message_ids:
        with session_scope() as session:
            contacts.remember_chat_messages(session, conversation_id, CHANNEL, message_ids)


async def send_telegram(conversation_id: str, text: str, config: TelegramConfig | None = None) -> list[str]:
    """Send an advocate's ``text`` to the youth's chat; the Telegram message ids.

    Raises :class:`~bot.contacts.ContactUnavailable` (opted out, expired, unknown) before
    anything is sent, and :class:`TelegramNotConfigured` without the Telegram settings.
    """
    config = config or load_telegram_config()
    if config is None:
        raise TelegramNotConfigured("Telegram is not configured (TELEGRAM_TOKEN and TELEGRAM_WEBHOOK_SECRET)")
    if not text.strip():
        raise ValueError("nothing to send: the text is empty")

    def _address() -> str:
        with session_scope() as session:
            return contacts.reply_address(session, conversation_id, CHANNEL)

    chat_id = await asyncio.to_thread(_address)
    bot = make_bot(config)
    async with bot:
        ids = await send_text(bot, int(chat_id), text)
    await asyncio.to_thread(remember_sent, conversation_id, ids)
    return ids


async def set_webhook(config: TelegramConfig | None = None) -> str:
    """Register HARBOR_PUBLIC_URL + the webhook path with Telegram, with the secret token."""
    config = config or load_telegram_config()
    if config is None:
        raise TelegramNotConfigured("Telegram is not configured (TELEGRAM_TOKEN and TELEGRAM_WEBHOOK_SECRET)")
    url = config.webhook_url
    bot = make_bot(config)
    async with bot:
        await call_with_retry(lambda: bot.set_webhook(
            url=url, secret_token=config.webhook_secret,
            allowed_updates=["message", "edited_message", "callback_query"]))
    return url


__all__ = ["CHANNEL", "ContactUnavailable", "TelegramConfig", "TelegramNotConfigured", "call_with_retry",
           "keyboard", "load_telegram_config", "make_bot", "send_telegram", "send_text", "set_webhook"]
