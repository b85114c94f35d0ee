"""A Redis ticket lock whose every step is one atomic Lua script, for several Rasa replicas.

Rasa 3.6's ``RedisLockStore`` reads the whole lock (JSON), adds a ticket in Python and writes
it back: two processes issuing a ticket for the same conversation at the same moment can
read the same lock and hand out the same number (or lose one), so two turns of one
conversation run at once and their events interleave in the tracker store.

Here each conversation has three keys:

* ``<prefix>{<conversation>}:next`` — a counter (``INCR``), so ticket numbers are unique and
  increase in arrival order;
* ``<prefix>{<conversation>}:queue`` — the live tickets (sorted set, score = number): the lowest
  is served;
* ``<prefix>{<conversation>}:expiry`` — the same tickets scored by expiry time in milliseconds on
  the *Redis server's* clock (``TIME``), so replicas with skewed clocks agree.

Issuing, checking whose turn it is and releasing are each one ``EVAL``: Redis runs a script
with nothing in between, so no interleaving of processes can duplicate a ticket or lose a
release. A ticket expires after ``lock_lifetime`` seconds (``TICKET_LOCK_LIFETIME``, default
60) like Rasa's: a replica that dies holding a lock blocks that conversation only that long.

endpoints.yml::

    lock_store:
      type: rasa_plugins.lock_store.AtomicRedisLockStore
      url: redis://127.0.0.1:6379/1     # or omit it and set HARBOR_REDIS_URL
"""
from __future__ import annotations

import asyncio
import logging
import os
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_URL = "redis://127.0.0.1:6379/1"
DEFAULT_PREFIX = "harbor:lock:"

# Every script first drops expired tickets. KEYS: counter, queue (score = ticket number, so
# the lowest live number is served), expiry (score = expiry in ms on the Redis clock).
_DROP_EXPIRED = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, n in ipairs(gone) do
  redis.call('ZREM', KEYS[2], n)
  redis.call('ZREM', KEYS[3], n)
end
"""

# ARGV[1]=lifetime ms. Returns the new ticket number.
_ISSUE = _DROP_EXPIRED + """
local expires = now + tonumber(ARGV[1])
local n = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], n, n)
redis.call('ZADD', KEYS[3], expires, n)
local latest = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
local keep = tonumber(latest[2]) - now + 60000
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], keep) end
return n
"""

# ARGV[1]=ticket. 1 = your turn, 0 = wait, -1 = your ticket has expired.
_TURN = _DROP_EXPIRED + """
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return -1 end
local first = redis.call('ZRANGE', KEYS[2], 0, 0)
if tonumber(first[1]) == tonumber(ARGV[1]) then return 1 end
return 0
"""

# ARGV[1]=ticket. Removes the ticket; the queue keys go when the queue is empty.
_RELEASE = _DROP_EXPIRED + """
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[2], KEYS[3]) end
return 1
"""


def _lifetime_from_env() -> float:
    try:
        return float(os.environ.get("TICKET_LOCK_LIFETIME", "") or 60)
    except ValueError:
        return 60.0


class AtomicRedisLockStore(LockStore):
    """Ticket locks in Redis; issue, turn check and release are atomic Lua scripts."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
        key_prefix: Optional[str] = None,
        lock_lifetime: Optional[float] = None,
        poll_interval: Optional[float] = None,
        socket_timeout: float = 10,
    ) -> None:
        kwargs: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        url = url or (endpoint_config.url if endpoint_config else None) or os.environ.get("HARBOR_REDIS_URL") or DEFAULT_URL
        if "://" not in url:  # a bare host name, as Rasa's own `redis` lock store takes
            url = f"redis://{url}:{kwargs.get('port', 6379)}/{kwargs.get('db', 1)}"
        self.red = redis.Redis.from_url(url, socket_timeout=float(kwargs.get("socket_timeout", socket_timeout)),
                                        password=kwargs.get("password") or None)
        self.key_prefix = str(key_prefix or kwargs.get("key_prefix") or DEFAULT_PREFIX)
        self.lock_lifetime = float(lock_lifetime or kwargs.get("lock_lifetime") or _lifetime_from_env())
        # Rasa's base class polls once a second: far too slow when turns of one conversation queue up.
        self.poll_interval = float(poll_interval or kwargs.get("poll_interval") or 0.02)
        self._issue = self.red.register_script(_ISSUE)
        self._turn = self.red.register_script(_TURN)
        self._release = self.red.register_script(_RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> list[str]:
        # The {hash tag} keeps a conversation's three keys in one Redis Cluster slot (a script
        # may only touch keys of one slot).
        base = f"{self.key_prefix}{{{conversation_id}}}"
        return [base + ":next", base + ":queue", base + ":expiry"]

    # --- the atomic operations -------------------------------------------------------------
    def issue_ticket(self, conversation_id: str, lock_lifetime: float | None = None) -> int:
        """A new ticket, later than every ticket already issued for this conversation."""
        lifetime_ms = int(1000 * (lock_lifetime if lock_lifetime is not None else self.lock_lifetime))
        try:
            return int(self._issue(keys=self._keys(conversation_id), args=[max(lifetime_ms, 1)]))
        except redis.RedisError as error:
            raise LockError(f"Could not issue a ticket for a conversation: {error}") from error

    def turn(self, conversation_id: str, ticket: int) -> int:
        """1 when ``ticket`` is served now, 0 when earlier tickets are still live, -1 when it expired."""
        return int(self._turn(keys=self._keys(conversation_id), args=[ticket]))

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._release(keys=self._keys(conversation_id), args=[ticket_number])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Release the ticket (the counter is kept so numbers never repeat while tickets live)."""
        try:
            self.finish_serving(conversation_id, ticket_number)
        except redis.RedisError:
            # The ticket then expires on its own after the lock lifetime.
            logger.warning("Could not release a conversation lock; it will expire.", exc_info=True)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float | None = None,
        wait_time_in_seconds: float | None = None,
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock for the body; released on success, error or cancellation."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            yield await self._acquire(conversation_id, ticket, wait_time_in_seconds or self.poll_interval)
        finally:
            self.cleanup(conversation_id, ticket)

    async def _acquire(self, conversation_id: str, ticket: int, poll: float) -> TicketLock:
        delay = min(poll, 0.005)
        while True:
            state = self.turn(conversation_id, ticket)
            if state == 1:
                return self.get_lock(conversation_id) or TicketLock(conversation_id)
            if state == -1:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(delay)
            delay = min(delay * 2, poll)

    # --- Rasa's LockStore interface, for callers that inspect locks --------------------------
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        """The live tickets as Rasa's TicketLock (read-only view; expiry in epoch seconds)."""
        _, queue, expiry = self._keys(conversation_id)
        numbers = [int(n) for n in self.red.zrange(queue, 0, -1)]
        if not numbers:
            return None
        expires = {int(n): ms for n, ms in self.red.zrange(expiry, 0, -1, withscores=True)}
        lock = TicketLock(conversation_id)
        for number in numbers:
            lock.tickets.append(Ticket(number, expires.get(number, 0) / 1000))
        return lock

    def delete_lock(self, conversation_id: str) -> None:
        """Drop the live tickets (not the counter: numbers must never repeat)."""
        deleted = self.red.delete(*self._keys(conversation_id)[1:])
        self._log_deletion(conversation_id, bool(deleted))

    def save_lock(self, lock: TicketLock) -> None:
        raise NotImplementedError("AtomicRedisLockStore changes tickets only through its atomic scripts")

    def update_lock(self, conversation_id: str) -> None:
        """Expired tickets are dropped by every script; nothing to do."""

    def is_someone_waiting(self, conversation_id: str) -> bool:
        lock = self.get_lock(conversation_id)
        return bool(lock and lock.is_someone_waiting())
