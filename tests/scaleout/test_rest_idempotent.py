"""The idempotent REST channel's core, with Rasa's in-memory lock and tracker stores (fast, no servers)."""
from __future__ import annotations

import asyncio
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from channels.rest_idempotent import handle_once, stored_replies


class CountingProcessor:
    """Runs a 'turn' slowly (so a concurrent retry overlaps it) and counts the runs."""

    def __init__(self, store: InMemoryTrackerStore) -> None:
        self.store, self.runs = store, 0

    async def handle_message(self, message: UserMessage) -> None:
        self.runs += 1
        tracker = await self.store.retrieve(message.sender_id) or DialogueStateTracker(message.sender_id, None)
        await asyncio.sleep(0.05)
        reply = f"answer to {message.text}"
        tracker.update(UserUttered(message.text, message_id=message.message_id))
        tracker.update(BotUttered(reply))
        tracker.update(ActionExecuted("action_listen"))
        await message.output_channel.send_response(message.sender_id, {"text": reply})
        await self.store.save(tracker)


class Agent:
    def __init__(self) -> None:
        self.lock_store = InMemoryLockStore()
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.processor = CountingProcessor(self.tracker_store)

    def is_ready(self) -> bool:
        return True


def _message(text: str, message_id: str) -> UserMessage:
    return UserMessage(text, CollectingOutputChannel(), "s1", message_id=message_id)


async def test_a_retry_replays_instead_of_running_again() -> None:
    agent = Agent()
    first, replayed = await handle_once(agent, _message("hi", "m-000001"))
    assert not replayed and [r["text"] for r in first] == ["answer to hi"]
    again, replayed = await handle_once(agent, _message("hi", "m-000001"))
    assert replayed and [r["text"] for r in again] == ["answer to hi"]
    assert agent.processor.runs == 1


async def test_concurrent_copies_run_once() -> None:
    agent = Agent()
    results = await asyncio.gather(*(handle_once(agent, _message("food", "m-000002")) for _ in range(3)))
    assert agent.processor.runs == 1
    assert sorted(flag for _, flag in results) == [False, True, True]
    assert all([r["text"] for r in replies] == ["answer to food"] for replies, _ in results)


def test_stored_replies_stop_at_the_next_user_message() -> None:
    tracker = DialogueStateTracker.from_events("s", [
        UserUttered("a", message_id="m1"), BotUttered("1"), BotUttered("2"),
        UserUttered("b", message_id="m2"), BotUttered("3")])
    assert [r["text"] for r in stored_replies(tracker, "m1")] == ["1", "2"]
    assert [r["text"] for r in stored_replies(tracker, "m2")] == ["3"]
    assert stored_replies(tracker, "m3") is None and stored_replies(None, "m1") is None
