"""The handoff queue against a real migrated SQLite: order, claim races, release, transfer, close,
duty count, canned replies, the outbox."""
from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Iterator

import pytest

from bot.db import session_scope


@pytest.fixture
def db(harbor_env: Path) -> Iterator[Path]:
    from bot import clock
    from bot.migrate import upgrade

    upgrade()
    yield harbor_env
    clock.set_offset(dt.timedelta(0))


def handoff(conversation: str, urgency: str, minutes_ago: float, channel: str = "rest") -> str:
    from bot import clock
    from bot.handoff import request_handoff

    clock.set_offset(dt.timedelta(minutes=-minutes_ago))
    try:
        with session_scope() as session:
            row = request_handoff(session, conversation, channel, urgency, f"test {urgency}",
                                  {"need": "shelter", "county": "Dane"})
            row.created_at = clock.now()
            return row.id
    finally:
        clock.set_offset(dt.timedelta(0))


def advocate(name: str, on_duty: bool = True, role: str = "advocate") -> None:
    from bot.advocates.auth import add_advocate

    with session_scope() as session:
        add_advocate(session, name, "long enough password", role).on_duty = on_duty


def test_queue_orders_by_urgency_then_waiting_time(db: Path) -> None:
    from bot.advocates.queue import open_queue

    routine_old = handoff("c-routine-old", "routine", 30)
    urgent_new = handoff("c-urgent-new", "urgent", 1)
    emergency_new = handoff("c-emergency-new", "emergency", 2)
    emergency_old = handoff("c-emergency-old", "emergency", 9)
    urgent_old = handoff("c-urgent-old", "urgent", 8)
    closed = handoff("c-closed", "emergency", 50)
    with session_scope() as session:
        session.get(__import__("bot.handoff", fromlist=["Handoff"]).Handoff, closed).status = "closed"
    with session_scope() as session:
        order = [item.id for item in open_queue(session)]
    assert order == [emergency_old, emergency_new, urgent_old, urgent_new, routine_old]


def test_concurrent_claims_exactly_one_wins(db: Path) -> None:
    from bot.advocates.queue import QueueConflict, claim
    from bot.handoff import Handoff

    for round_ in range(5):
        hid = handoff(f"c-race-{round_}", "emergency", 1)
        names = [f"adv{i}" for i in range(6)]
        start = threading.Barrier(len(names))
        wins: list[str] = []
        losses: list[str] = []

        def race(name: str) -> None:
            start.wait()
            try:
                with session_scope() as session:
                    claim(session, hid, name)
                wins.append(name)
            except QueueConflict:
                losses.append(name)

        threads = [threading.Thread(target=race, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(wins) == 1 and len(losses) == len(names) - 1
        with session_scope() as session:
            row = session.get(Handoff, hid)
            assert row.status == "claimed" and row.advocate == wins[0] and row.claimed_at is not None


def test_release_transfer_and_close(db: Path) -> None:
    from bot.advocates.queue import QueueConflict, claim, close, release, transfer
    from bot.handoff import Handoff

    advocate("ann")
    advocate("ben")
    advocate("cat", on_duty=False)
    hid = handoff("c-1", "urgent", 3)
    with session_scope() as session:
        claim(session, hid, "ann")
    with pytest.raises(QueueConflict):
        with session_scope() as session:
            release(session, hid, "ben")  # not ben's
    with session_scope() as session:
        release(session, hid, "ann")
    with session_scope() as session:
        row = session.get(Handoff, hid)
        assert (row.status, row.advocate, row.claimed_at) == ("waiting", None, None)
        claim(session, hid, "ann")
    with pytest.raises(QueueConflict, match="not on duty"):
        with session_scope() as session:
            transfer(session, hid, "ann", "cat")
    with session_scope() as session:
        transfer(session, hid, "ann", "ben")
    with session_scope() as session:
        assert session.get(Handoff, hid).advocate == "ben"
    with pytest.raises(ValueError, match="outcome"):
        with session_scope() as session:
            close(session, hid, "ben", "made up")
    with pytest.raises(QueueConflict):
        with session_scope() as session:
            close(session, hid, "ann", "report made")
    with session_scope() as session:
        close(session, hid, "ann", "report made", admin=True)
    with session_scope() as session:
        row = session.get(Handoff, hid)
        assert (row.status, row.outcome) == ("closed", "report made") and row.closed_at is not None
    with pytest.raises(QueueConflict):
        with session_scope() as session:
            claim(session, hid, "ann")


def test_on_duty_count_counts_enabled_advocates_on_duty(db: Path) -> None:
    from bot.advocates.auth import disable_advocate
    from bot.advocates.duty import on_duty_count, set_on_duty

    with session_scope() as session:
        assert on_duty_count(session) == 0
    advocate("ann")
    advocate("ben")
    advocate("pat", role="program")
    with session_scope() as session:
        assert on_duty_count(session) == 2
        disable_advocate(session, "ben")
    with session_scope() as session:
        assert on_duty_count(session) == 1
        set_on_duty(session, 1, False)
    with session_scope() as session:
        assert on_duty_count(session) == 0


def test_canned_replies_are_seeded_short_gsm7_and_validated(db: Path) -> None:
    from bot.advocates.canned import GSM7, add_reply, edit_reply, list_replies

    with session_scope() as session:
        seeded = list_replies(session)
    assert 5 <= len(seeded) <= 6
    assert all(len(r.text) <= 320 and set(r.text) <= GSM7 for r in seeded)
    with pytest.raises(ValueError, match="basic phone"):
        with session_scope() as session:
            add_reply(session, "Emoji", "You are safe here \U0001F49C")
    with pytest.raises(ValueError, match="1-320"):
        with session_scope() as session:
            add_reply(session, "Long", "x" * 321)
    with session_scope() as session:
        reply = edit_reply(session, seeded[0].id, "Hello", "Hi, I'm here.")
        assert (reply.title, reply.text) == ("Hello", "Hi, I'm here.")


def test_outbox_hands_each_message_out_once(db: Path) -> None:
    from bot.advocates.outbox import queue_message, take_undelivered

    with session_scope() as session:
        queue_message(session, "web-1", "webchat", "first")
        queue_message(session, "web-1", "webchat", "second")
        queue_message(session, "web-2", "webchat", "other")
    with session_scope() as session:
        assert [m.text for m in take_undelivered(session, "web-1")] == ["first", "second"]
    with session_scope() as session:
        assert take_undelivered(session, "web-1") == []
        assert [m.text for m in take_undelivered(session, "web-2")] == ["other"]


def test_claim_records_the_wait_as_a_de_identified_aggregate(harbor_env: Path) -> None:
    import datetime as dt

    import sqlalchemy as sa

    from bot.aggregates import AggregateEvent
    from bot.advocates.queue import claim
    from bot.db import session_scope
    from bot.handoff import request_handoff
    from bot.migrate import upgrade

    upgrade()
    with session_scope() as session:
        handoff = request_handoff(session, "conv-wait", "sms", "urgent", "asked", {"county": "Dane County"})
        handoff.created_at = handoff.created_at - dt.timedelta(seconds=90)
        hid = handoff.id
    with session_scope() as session:
        claim(session, hid, "rivera")
    with session_scope() as session:
        row = session.execute(sa.select(AggregateEvent)).scalar_one()
    assert (row.kind, row.category, row.county) == ("handoff_wait", "urgent", "Dane County")
    assert 89 <= row.value <= 120
