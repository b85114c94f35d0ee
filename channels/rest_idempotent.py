"""A REST channel where every message carries a client id, so a retry never runs a turn twice.

With several Rasa replicas a client (or a load balancer) retries a message on another
replica when the first one dies or times out. The first replica may already have run the
turn, so a plain retry would answer twice and log the message twice.

How one message is handled (:func:`handle_once`), all under the conversation's lock
(``AtomicRedisLockStore`` in production, shared by every replica):

1. read the conversation's tracker;
2. if a user message with this ``message_id`` is already in it, the turn has happened:
   replay the bot replies stored after it, run nothing;
3. otherwise run the turn, with ``message_id`` stored on the ``UserUttered`` event.

Why no separate "claimed" record: Rasa writes a whole turn (the user message, every action
and bot reply) to the tracker store in one transaction at the end of the turn. A replica
that dies mid-turn therefore leaves nothing behind, and its lock ticket is released (SIGTERM
cancels the request and the lock's ``finally`` runs) or expires (a hard crash: after the lock
lifetime). The retry then runs the whole turn again, which is correct: nobody saw any part of
it. A claim row written before the turn would instead force a choice between replaying
nothing (the message is lost) and re-running anyway (what the tracker check already does).
Remaining limits: a custom action's own side effects (e.g. a handoff request) may happen twice
if the replica died after the action ran but before the commit; Harbor's handoff request
merges into the open one, so that repeats nothing visible. A turn longer than the lock
lifetime loses its exclusivity (as in Rasa itself).

POST /webhooks/rest_idempotent/webhook  {"sender": "...", "message": "...", "message_id": "..."}
→ 200 with the replies (as Rasa's ``rest`` channel returns them); header ``X-Harbor-Replayed: 1``
when they come from an earlier run of the same message. No authentication, like ``rest``:
never expose it outside the private network.
"""
from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

_SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{1,100}$")
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_.:-]{8,100}$")
MAX_MESSAGE_CHARS = 2000


def stored_replies(tracker: Optional[DialogueStateTracker], message_id: str) -> Optional[list[dict[str, Any]]]:
    """The bot messages of the turn that answered ``message_id``, or None if it never ran."""
    if tracker is None:
        return None
    replies: Optional[list[dict[str, Any]]] = None
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif replies is not None and isinstance(event, BotUttered):
            replies.append(event.message())
    return replies


async def handle_once(agent: Any, message: UserMessage) -> tuple[list[dict[str, Any]], bool]:
    """Run the turn for ``message`` unless it already ran; returns (replies, replayed)."""
    assert message.message_id, "handle_once needs the client's message id"
    collector = message.output_channel
    assert isinstance(collector, CollectingOutputChannel)
    async with agent.lock_store.lock(message.sender_id):
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        earlier = stored_replies(tracker, message.message_id)
        if earlier is not None:
            for reply in earlier:  # through the channel, exactly as the first run sent them
                await collector.send_response(message.sender_id, reply)
            return collector.messages, True
        await agent.processor.handle_message(message)
        return collector.messages, False


def _bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


class IdempotentRestInput(InputChannel):
    """`/webhooks/rest_idempotent/webhook`: like `rest`, plus a required client `message_id`."""

    @classmethod
    def name(cls) -> str:
        return "rest_idempotent"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("harbor_rest_idempotent", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises on malformed JSON
                return _bad_request("the body must be JSON")
            if not isinstance(body, dict):
                return _bad_request("the body must be a JSON object")
            sender, text, message_id = body.get("sender"), body.get("message"), body.get("message_id")
            if not isinstance(sender, str) or not _SENDER.match(sender):
                return _bad_request("'sender' must be 1-100 letters, digits or . _ : @ -")
            if not isinstance(message_id, str) or not _MESSAGE_ID.match(message_id):
                return _bad_request("'message_id' must be 8-100 letters, digits or . _ : - (unique per message)")
            if not isinstance(text, str) or not text.strip():
                return _bad_request("'message' must be non-empty text")
            if len(text) > MAX_MESSAGE_CHARS:
                return _bad_request(f"'message' is longer than {MAX_MESSAGE_CHARS} characters", 413)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return _bad_request("the assistant is starting; retry shortly", 503)
            message = UserMessage(text.strip(), CollectingOutputChannel(), sender,
                                  input_channel=self.name(), message_id=message_id)
            replies, replayed = await handle_once(agent, message)
            return response.json(replies, headers={"X-Harbor-Replayed": "1" if replayed else "0"})

        return bp
