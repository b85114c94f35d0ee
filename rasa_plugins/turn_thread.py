"""Conversation turns run on their own thread and event loop; the server's loop stays free.

Why: Rasa 3.6 runs NLU, the policies and the SQL tracker store synchronously inside the
event loop. Under load, a webhook that only needs an acknowledgement (Twilio's SMS webhook,
issue #10: p99 <= 300 ms at saturation) waited behind other people's turns, because the loop
could not run it until they yielded. With turns on a second loop in a second thread, the
server's loop only reads requests, checks signatures and answers; Python hands the GIL over
every few milliseconds, so it is never blocked for a whole turn.

What stays the same: one turn per conversation at a time (the lock store), the order of a
conversation's messages, and every output channel Harbor uses (they collect replies in a list,
which any thread may append to). A channel whose output is bound to the server's loop
(Rasa's streaming REST output) keeps running its turns there. ``HARBOR_TURN_THREAD=0``
turns this off.
"""
from __future__ import annotations

import asyncio
import os
import sys
import threading
from typing import Any, Awaitable, Coroutine, Optional, TypeVar

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore

T = TypeVar("T")

_original_handle_message = Agent.handle_message


class TurnLoop:
    """One daemon thread running one event loop, started on first use."""

    def __init__(self, name: str = "harbor-turns") -> None:
        self._name = name
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._start = threading.Lock()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        with self._start:
            if self._loop is None or self._loop.is_closed():
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name=self._name, daemon=True).start()
                self._loop = loop
            return self._loop

    def is_current(self) -> bool:
        """True when called from inside this loop (a turn starting another must not wait on itself)."""
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:
            return False

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the turn loop and wait for it from the caller's loop."""
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))


TURNS = TurnLoop()
_in_flight = 0  # turns started and not finished in this process (changed on the server's loop only)


def in_flight() -> int:
    """How many conversation turns this process is running now: a busy server answers SMS
    webhooks at once instead of waiting for a reply that cannot come in time."""
    return _in_flight


def enabled() -> bool:
    return os.environ.get("HARBOR_TURN_THREAD", "1").strip().lower() not in {"0", "false", "no", "off"}


async def handle_message(self: Agent, message: UserMessage) -> Optional[list[dict[str, Any]]]:
    """Agent.handle_message, run on the turn loop when the output channel allows it."""
    global _in_flight
    _in_flight += 1
    try:
        if not enabled() or TURNS.is_current() or not _collects(message.output_channel):
            return await _original_handle_message(self, message)
        return await TURNS.run(_original_handle_message(self, message))
    finally:
        _in_flight -= 1


def _collects(output_channel: Any) -> bool:
    """Output channels that only append to a list are safe from any thread; Rasa's streaming
    REST output (an asyncio.Queue subclass of CollectingOutputChannel) is bound to its loop."""
    return type(output_channel) is CollectingOutputChannel


def _guarded(method: Any, guard: threading.RLock) -> Any:
    def call(self: InMemoryLockStore, *args: Any, **kwargs: Any) -> Any:
        with guard:
            return method(self, *args, **kwargs)

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    setattr(call, "_harbor_guarded", True)
    return call


def _make_in_memory_lock_store_thread_safe() -> None:
    """The in-memory lock store reads, changes and writes back its ticket locks in steps;
    turns (turn loop) and the console (server loop) may now do that at the same time."""
    guard = threading.RLock()
    for name in ("issue_ticket", "update_lock", "cleanup", "finish_serving"):
        method = getattr(InMemoryLockStore, name)
        if not getattr(method, "_harbor_guarded", False):
            setattr(InMemoryLockStore, name, _guarded(method, guard))


# The server's loop gives the GIL back after every database call or socket read; with the
# default 5 ms switch interval each of those waited up to 5 ms for the turn thread to let go.
SWITCH_INTERVAL_S = 0.001


def install() -> None:
    """Idempotent: route Agent.handle_message through the turn loop."""
    _make_in_memory_lock_store_thread_safe()
    if enabled():
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    if Agent.handle_message is not handle_message:
        Agent.handle_message = handle_message  # type: ignore[method-assign]


def run_on_turn_loop(awaitable: Awaitable[T]) -> "asyncio.Future[T]":
    """Schedule any coroutine on the turn loop (tests and tools)."""
    return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(awaitable, TURNS.loop))  # type: ignore[arg-type]
