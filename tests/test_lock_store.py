"""AtomicRedisLockStore against a real redis-server on loopback, with several OS processes."""
from __future__ import annotations

import asyncio
import multiprocessing as mp
import time
import uuid
from typing import Iterator

import pytest
import redis
from rasa.core.lock_store import LockError, RedisLockStore

from rasa_plugins.lock_store import AtomicRedisLockStore
from rasa.utils.endpoints import EndpointConfig
from tests.scaleout.services import running_services

PROCS, TICKETS = 4, 100
FORK = mp.get_context("fork")


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with running_services() as env:
        yield env["HARBOR_REDIS_URL"]


def _issue_many(url: str, conversation: str, count: int, stock: bool, barrier, results) -> None:
    if stock:
        host, port_db = url.removeprefix("redis://").split(":")
        store = RedisLockStore(host=host, port=int(port_db.split("/")[0]), db=int(port_db.split("/")[1]))
    else:
        store = AtomicRedisLockStore(url=url)
    barrier.wait()
    results.put([store.issue_ticket(conversation, 60) for _ in range(count)])


def _run_processes(url: str, conversation: str, stock: bool) -> list[list[int]]:
    barrier, results = FORK.Barrier(PROCS), FORK.Queue()
    procs = [FORK.Process(target=_issue_many, args=(url, conversation, TICKETS, stock, barrier, results))
             for _ in range(PROCS)]
    for proc in procs:
        proc.start()
    lists = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
    return lists


def test_concurrent_processes_get_unique_tickets_in_order(redis_url: str) -> None:
    lists = _run_processes(redis_url, f"c-{uuid.uuid4().hex}", stock=False)
    every = [t for tickets in lists for t in tickets]
    assert sorted(every) == list(range(1, PROCS * TICKETS + 1))  # unique, none lost
    for tickets in lists:  # each process sees its own requests served in arrival order
        assert tickets == sorted(tickets)


def test_stock_redis_lock_store_hands_out_duplicate_tickets(redis_url: str) -> None:
    """The problem this module exists for: GET-modify-SET under the same concurrency."""
    for _ in range(5):
        lists = _run_processes(redis_url, f"s-{uuid.uuid4().hex}", stock=True)
        every = [t for tickets in lists for t in tickets]
        if len(set(every)) < len(every):
            break
    duplicates = len(every) - len(set(every))
    print(f"stock RedisLockStore: {duplicates} duplicate tickets of {len(every)}")
    assert duplicates > 0


def _critical_sections(url: str, conversation: str, count: int, barrier, results) -> None:
    """Turns that would corrupt a shared value (read, pause, write) if two ran at once."""
    store = AtomicRedisLockStore(url=url)
    red = redis.Redis.from_url(url)

    async def turns() -> list[int]:
        served = []
        for _ in range(count):
            async with store.lock(conversation) as lock:
                assert red.set(f"{conversation}:inside", 1, nx=True), "two turns ran at once"
                served.append(lock.now_serving)
                value = int(red.get(f"{conversation}:value") or 0)
                await asyncio.sleep(0.001)
                red.set(f"{conversation}:value", value + 1)
                red.delete(f"{conversation}:inside")
        return served

    barrier.wait()
    results.put(asyncio.run(turns()))


def test_processes_take_turns_one_at_a_time(redis_url: str) -> None:
    conversation, count = f"t-{uuid.uuid4().hex}", 25
    barrier, results = FORK.Barrier(PROCS), FORK.Queue()
    procs = [FORK.Process(target=_critical_sections, args=(redis_url, conversation, count, barrier, results))
             for _ in range(PROCS)]
    for proc in procs:
        proc.start()
    lists = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    red = redis.Redis.from_url(redis_url)
    assert int(red.get(f"{conversation}:value")) == PROCS * count  # no lost update
    for served in lists:
        assert served == sorted(served)
    assert AtomicRedisLockStore(url=redis_url).get_lock(conversation) is None  # all released


async def test_lock_is_released_when_the_turn_fails(redis_url: str) -> None:
    store, conversation = AtomicRedisLockStore(url=redis_url), f"e-{uuid.uuid4().hex}"
    with pytest.raises(RuntimeError):
        async with store.lock(conversation):
            assert store.is_someone_waiting(conversation)
            raise RuntimeError("the turn failed")
    assert store.get_lock(conversation) is None
    started = time.monotonic()
    async with store.lock(conversation):
        pass
    assert time.monotonic() - started < 0.5


async def test_a_crashed_holder_blocks_only_until_its_ticket_expires(redis_url: str) -> None:
    store, conversation = AtomicRedisLockStore(url=redis_url), f"x-{uuid.uuid4().hex}"
    store.issue_ticket(conversation, lock_lifetime=0.6)  # a replica took the lock and died
    started = time.monotonic()
    async with store.lock(conversation, lock_lifetime=10):
        waited = time.monotonic() - started
    assert 0.4 < waited < 3


async def test_a_waiter_whose_own_ticket_expires_gets_a_lock_error(redis_url: str) -> None:
    store, conversation = AtomicRedisLockStore(url=redis_url), f"w-{uuid.uuid4().hex}"
    store.issue_ticket(conversation, lock_lifetime=5)
    with pytest.raises(LockError):
        async with store.lock(conversation, lock_lifetime=0.3):
            pass


def test_configured_from_endpoints_like_rasa_does(redis_url: str) -> None:
    from rasa.core.lock_store import LockStore

    config = EndpointConfig(url=redis_url, type="rasa_plugins.lock_store.AtomicRedisLockStore",
                            key_prefix="test:", lock_lifetime=7)
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.lock_lifetime == 7 and store.key_prefix == "test:"
    ticket = store.issue_ticket("cfg")
    assert store.turn("cfg", ticket) == 1
