"""Deliver an advocate's words over the youth's own channel, with plain-language failures.

SMS and Telegram push through the channel's outbound sender (which refuses opted-out or
expired addresses before sending anything); web chat and REST leave the message in the
outbox for the page to fetch. The channel modules are imported lazily: ``bot`` stays free of
Rasa and provider imports until a message actually goes out.
"""
from __future__ import annotations

import asyncio
import logging

from bot.advocates.outbox import queue_message
from bot.contacts import ContactUnavailable
from bot.db import session_scope

logger = logging.getLogger(__name__)
PUSH_CHANNELS = ("sms", "telegram")


class DeliveryFailed(Exception):
    """The youth could not be reached. ``str(error)`` is safe to show to the advocate."""


async def deliver(conversation_id: str, channel: str, text: str) -> str:
    """Send ``text``; returns how it went ("sent by SMS", ...). Raises :class:`DeliveryFailed`."""
    try:
        if channel == "sms":
            from channels.sms_outbound import SmsNotConfigured, SmsSendError, send_sms

            try:
                await send_sms(conversation_id, text)
            except SmsNotConfigured:
                raise DeliveryFailed("SMS is not set up on this server, so the message was not sent.") from None
            except SmsSendError as error:
                sent = f" {len(error.sent)} part(s) went out before the error." if error.sent else ""
                raise DeliveryFailed(f"The SMS provider did not accept the message ({error.reason}).{sent} "
                                     "Try again in a minute.") from None
            return "sent by SMS"
        if channel == "telegram":
            from channels.telegram_outbound import TelegramNotConfigured, send_telegram

            try:
                await send_telegram(conversation_id, text)
            except TelegramNotConfigured:
                raise DeliveryFailed("Telegram is not set up on this server, so the message was not sent.") from None
            return "sent on Telegram"
    except ContactUnavailable:
        raise DeliveryFailed("The youth cannot be reached on this channel any more: they opted out "
                             "(STOP), deleted the chat, or their address expired. Nothing was sent.") from None
    except DeliveryFailed:
        raise
    except Exception as error:  # noqa: BLE001 - network or provider trouble; never show a stack trace
        logger.error("advocate delivery over %s failed: %s", channel, type(error).__name__)
        logger.debug("advocate delivery failure", exc_info=True)
        raise DeliveryFailed(f"The message could not be sent over {channel} ({type(error).__name__}). "
                             "Try again in a minute.") from None

    def _queue() -> None:
        with session_scope() as session:
            queue_message(session, conversation_id, channel, text)

    await asyncio.to_thread(_queue)
    return "waiting for the youth's chat page to fetch it"
