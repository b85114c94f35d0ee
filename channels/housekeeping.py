"""Timed duties of the Rasa server: slow-claim lines, closing silent requests, daily retention.

Mounted like a channel (credentials.yml) only to get a start-up hook in the same
process as the agent, whose tracker and lock stores the follow-up message needs.
Each duty is safe to run on every replica at once: the follow-up is claimed with
one conditional UPDATE, closing and purging are idempotent.

Harbor never writes to a youth first. The one message sent here answers an open
request the youth made minutes before ("a person is coming"): if nobody claims it
in time, the youth is told once which 24/7 lines have a person right now.
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable

import sqlalchemy as sa
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import clock
from bot.db import session_scope
from bot.handoff import Handoff, close_silent, fallback_after

logger = logging.getLogger(__name__)
FALLBACK_RESPONSE = "utter_handoff_fallback_lines"


def interval_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("HARBOR_HOUSEKEEPING_SECONDS", "") or 30))
    except ValueError:
        return 30.0


def _due_for_lines() -> list[tuple[str, str, str]]:
    """Claim (atomically, across replicas) every unclaimed request past the fallback time."""
    now = clock.now()
    claimed: list[tuple[str, str, str]] = []
    with session_scope() as session:
        close_silent(session, now)
        due = session.execute(
            sa.select(Handoff.id, Handoff.conversation_id, Handoff.channel).where(
                Handoff.status == "waiting", Handoff.fallback_sent_at.is_(None),
                Handoff.created_at <= now - fallback_after())
        ).all()
        for handoff_id, conversation_id, channel in due:
            won = session.execute(
                sa.update(Handoff).where(Handoff.id == handoff_id, Handoff.fallback_sent_at.is_(None))
                .values(fallback_sent_at=now)).rowcount
            if won == 1:
                claimed.append((handoff_id, conversation_id, channel))
    return claimed


def fallback_text(agent: Any) -> str:
    return agent.domain.responses[FALLBACK_RESPONSE][0]["text"]


async def give_lines_to_slow_claims(agent: Any) -> int:
    """One follow-up per open request nobody claimed in time; returns how many were sent."""
    from rasa.shared.core.events import BotUttered

    from bot.advocates.delivery import DeliveryFailed, deliver
    from channels.console import ConversationGone, append_to_tracker

    sent = 0
    for _, conversation_id, channel in await asyncio.to_thread(_due_for_lines):
        text = fallback_text(agent)
        try:
            await append_to_tracker(agent, conversation_id, [BotUttered(text, metadata={"harbor": "fallback_lines"})])
            await deliver(conversation_id, channel, text)
            sent += 1
        except (DeliveryFailed, ConversationGone) as error:
            logger.info("housekeeping: fallback lines not delivered (%s)", type(error).__name__)
    return sent


async def run_duties(agent: Any) -> None:
    """One round; never raises (a background task must not die, nor take the server with it)."""
    from bot.retention import maybe_purge

    try:
        if agent is not None and agent.tracker_store is not None and agent.domain is not None:
            await give_lines_to_slow_claims(agent)
        else:
            await asyncio.to_thread(close_silent_now)
        await asyncio.to_thread(maybe_purge)
    except Exception as error:  # noqa: BLE001
        logger.error("housekeeping round failed (%s)", type(error).__name__)


def close_silent_now() -> None:
    with session_scope() as session:
        close_silent(session)


async def forever(app: Sanic) -> None:
    while True:
        await run_duties(getattr(app.ctx, "agent", None))
        await asyncio.sleep(interval_seconds())


class HousekeepingInput(InputChannel):
    """`GET /webhooks/housekeeping/` reports the duties are scheduled; no input arrives here."""

    @classmethod
    def name(cls) -> str:
        return "housekeeping"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        housekeeping = Blueprint("harbor_housekeeping", __name__)

        @housekeeping.listener("after_server_start")
        async def start(app: Sanic, _loop: Any) -> None:
            app.add_task(forever(app))

        @housekeeping.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "every_seconds": interval_seconds()})

        return housekeeping
