"""Turns run on their own thread, so the server's event loop keeps answering (issue #10)."""
from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel
from rasa.core.lock_store import InMemoryLockStore

import rasa_plugins  # noqa: F401  (installs the turn thread, as `rasa run` does)
from rasa_plugins import turn_thread


class BlockingProcessor:
    """Stands in for Rasa's processor: NLU and policies hold the thread without yielding."""

    def __init__(self, hold: float = 0.3) -> None:
        self.hold = hold
        self.calls: list[tuple[str, str, float, float]] = []

    async def handle_message(self, message: UserMessage) -> list[dict[str, Any]]:
        started = time.monotonic()
        if message.text == "boom":
            raise ValueError("a turn failed")
        time.sleep(self.hold)
        self.calls.append((message.text or "", threading.current_thread().name, started, time.monotonic()))
        return [{"text": f"echo {message.text}"}]


def _agent(processor: BlockingProcessor) -> Agent:
    agent = Agent.__new__(Agent)
    agent.lock_store = InMemoryLockStore()
    agent.processor = processor  # type: ignore[assignment]
    agent.tracker_store = object()  # type: ignore[assignment]
    return agent


def test_the_patch_is_installed() -> None:
    assert Agent.handle_message is turn_thread.handle_message


def test_a_turn_runs_on_the_turn_thread_and_returns_its_replies() -> None:
    processor = BlockingProcessor(hold=0.01)
    replies = asyncio.run(_agent(processor).handle_message(UserMessage("hi", CollectingOutputChannel(), "a")))
    assert replies == [{"text": "echo hi"}]
    assert processor.calls[0][1] == "harbor-turns"


def test_the_server_loop_keeps_running_while_a_turn_holds_its_thread() -> None:
    processor = BlockingProcessor(hold=0.4)

    async def scenario() -> int:
        ticks = 0
        turn = asyncio.ensure_future(_agent(processor).handle_message(
            UserMessage("slow", CollectingOutputChannel(), "b")))
        while not turn.done():
            await asyncio.sleep(0.01)
            ticks += 1
        await turn
        return ticks

    # Run on the caller's loop, the 0.4 s sleep would allow at most a tick or two.
    assert asyncio.run(scenario()) >= 10


def test_turns_of_one_conversation_still_run_one_after_another_in_order() -> None:
    processor = BlockingProcessor(hold=0.05)
    agent = _agent(processor)

    async def scenario() -> None:
        await asyncio.gather(*(agent.handle_message(UserMessage(str(i), CollectingOutputChannel(), "same"))
                               for i in range(5)))

    asyncio.run(scenario())
    assert [c[0] for c in processor.calls] == ["0", "1", "2", "3", "4"]
    for earlier, later in zip(processor.calls, processor.calls[1:]):
        assert later[2] >= earlier[3]  # no overlap


def test_an_error_in_a_turn_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="a turn failed"):
        asyncio.run(_agent(BlockingProcessor()).handle_message(UserMessage("boom", CollectingOutputChannel(), "c")))


def test_streaming_output_stays_on_the_callers_loop() -> None:
    processor = BlockingProcessor(hold=0.01)

    async def scenario() -> None:
        await _agent(processor).handle_message(UserMessage("hi", QueueOutputChannel(), "d"))

    asyncio.run(scenario())
    assert processor.calls[0][1] == threading.current_thread().name


def test_it_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARBOR_TURN_THREAD", "0")
    processor = BlockingProcessor(hold=0.01)
    asyncio.run(_agent(processor).handle_message(UserMessage("hi", CollectingOutputChannel(), "e")))
    assert processor.calls[0][1] == threading.current_thread().name


def test_in_memory_tickets_stay_unique_when_two_threads_issue_them() -> None:
    store = InMemoryLockStore()
    tickets: list[int] = []
    barrier = threading.Barrier(4)

    def issue() -> None:
        barrier.wait()
        for _ in range(300):
            tickets.append(store.issue_ticket("shared"))

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(tickets) == len(set(tickets)) == 1200


def test_turns_running_are_counted_while_they_run() -> None:
    processor = BlockingProcessor(hold=0.2)
    agent = _agent(processor)
    seen: list[int] = []

    async def scenario() -> None:
        turns = [asyncio.ensure_future(agent.handle_message(UserMessage("x", CollectingOutputChannel(), f"s{i}")))
                 for i in range(3)]
        await asyncio.sleep(0.05)
        seen.append(turn_thread.in_flight())
        await asyncio.gather(*turns)
        seen.append(turn_thread.in_flight())

    asyncio.run(scenario())
    assert seen == [3, 0]
