"""Youth-side handoff rules with a controllable clock: acknowledgement, the 5-minute lines,
the 15-minute close, nobody on duty, cancelling, and the routine offer after two misunderstandings."""
from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from actions.crisis import ActionCrisis
from actions.handoff import ActionHandoffWaiting, ActionHarborFallback, ActionRequestHuman
from bot import clock
from bot.db import session_scope
from bot.handoff import Handoff, close_silent, needs_fallback_lines, open_handoff_for
from tests.test_actions import run_full, tracker

CONVERSATION = "test-conversation"


@pytest.fixture
def moving_clock() -> Iterator[Any]:
    def move(minutes: float) -> None:
        clock.set_offset(dt.timedelta(minutes=minutes))
    yield move
    clock.set_offset(dt.timedelta(0))


@pytest.fixture
def on_duty(directory_db: Path) -> None:
    from bot.advocates.auth import add_advocate
    from bot.advocates.duty import set_on_duty

    with session_scope() as session:
        advocate = add_advocate(session, "rivera", "a long enough password", role="advocate")
        session.flush()
        set_on_duty(session, advocate.id, True)


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("response") for m in messages]


def waiting(text: str = "hello?") -> list[str]:
    messages, _slots, _events = run_full(ActionHandoffWaiting(), tracker("greet", text))
    return responses(messages)


def test_every_waiting_message_is_acknowledged(on_duty: None, moving_clock: Any) -> None:
    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    for minute in (0, 1, 2, 3):
        moving_clock(minute)
        assert waiting() == ["utter_handoff_waiting"]


def test_lines_after_five_unclaimed_minutes_once_and_request_stays_open(on_duty: None, moving_clock: Any) -> None:
    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    moving_clock(4.9)
    assert waiting() == ["utter_handoff_waiting"]
    moving_clock(5.1)
    assert waiting() == ["utter_handoff_fallback_lines"]
    moving_clock(6)
    assert waiting() == ["utter_handoff_waiting"], "the lines are given once"
    with session_scope() as session:
        assert open_handoff_for(session, CONVERSATION).status == "waiting"


def test_claimed_request_gets_no_fallback_lines(on_duty: None, moving_clock: Any) -> None:
    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    with session_scope() as session:
        open_handoff_for(session, CONVERSATION).status = "claimed"
    moving_clock(10)
    assert waiting() == ["utter_handoff_waiting"]


def test_fifteen_minutes_of_silence_closes_the_request(on_duty: None, moving_clock: Any) -> None:
    from rasa_plugins.paused_turns import _request_still_open

    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    moving_clock(10)
    assert waiting() == ["utter_handoff_fallback_lines"]  # the youth wrote at minute 10
    moving_clock(24)
    assert _request_still_open(CONVERSATION), "14 minutes after the last message: still open"
    moving_clock(25.5)
    assert not _request_still_open(CONVERSATION)
    with session_scope() as session:
        handoff = session.execute(sa.select(Handoff)).scalar_one()
        assert handoff.status == "closed" and handoff.outcome == "no response"


def test_close_silent_sweeps_only_silent_requests(directory_db: Path) -> None:
    from bot.handoff import request_handoff

    now = clock.now()
    with session_scope() as session:
        quiet = request_handoff(session, "quiet", "sms", "urgent", "asked", {})
        talking = request_handoff(session, "talking", "sms", "urgent", "asked", {})
        quiet.created_at = talking.created_at = now - dt.timedelta(minutes=20)
        talking.last_youth_at = now - dt.timedelta(minutes=2)
    with session_scope() as session:
        closed = close_silent(session, now)
        assert [h.conversation_id for h in closed] == ["quiet"]
        assert open_handoff_for(session, "talking") is not None
        assert needs_fallback_lines(open_handoff_for(session, "talking"), now), "20 min unclaimed"


def test_nobody_on_duty_is_said_at_once_for_a_person_request(directory_db: Path) -> None:
    messages, _slots, events = run_full(ActionRequestHuman(), tracker("request_human", "human pls"))
    assert responses(messages) == ["utter_human_requested", "utter_no_advocate_on_duty"]
    assert events[-1]["event"] == "pause"  # the request stays queued for whoever comes on duty
    assert waiting() == ["utter_no_advocate_on_duty"]


def test_nobody_on_duty_crisis_still_gets_lines_first_and_pauses(directory_db: Path) -> None:
    extra = {"crisis": {"category": "danger", "severity": "emergency", "language": "en", "rule": "x"}}
    messages, _slots, events = run_full(ActionCrisis(), tracker("crisis_danger", "he wont let me leave", extra=extra))
    assert responses(messages) == ["utter_crisis_danger", "utter_handoff_requested_offline"]
    assert events[-1]["event"] == "pause"


def test_on_duty_crisis_says_a_person_is_asked_for(on_duty: None) -> None:
    extra = {"crisis": {"category": "self_harm", "severity": "emergency", "language": "es", "rule": "x"}}
    messages, _slots, _events = run_full(ActionCrisis(), tracker("crisis_self_harm", "quiero morir", extra=extra))
    assert responses(messages) == ["utter_crisis_self_harm_es", "utter_handoff_requested_es"]


def test_youth_can_cancel_and_get_the_bot_back(on_duty: None) -> None:
    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    messages, _slots, events = run_full(ActionHandoffWaiting(), tracker("out_of_scope", "back to bot"))
    assert responses(messages) == ["utter_bot_back"] and events == [{"event": "resume", "timestamp": None}]
    with session_scope() as session:
        assert open_handoff_for(session, CONVERSATION) is None
        assert session.execute(sa.select(Handoff.outcome)).scalar_one() == "cancelled by youth"


def _fallback_turns(count: int) -> list[dict[str, Any]]:
    """Tracker events as if the bot's fallback answered the previous ``count`` user turns."""
    events: list[dict[str, Any]] = []
    for _ in range(count):
        events += [{"event": "user", "text": "asdf", "parse_data": {}},
                   {"event": "action", "name": "action_harbor_fallback"},
                   {"event": "action", "name": "action_listen"}]
    return events + [{"event": "user", "text": "qwerty", "parse_data": {}}]


def test_second_misunderstanding_in_a_row_offers_a_person_as_routine(directory_db: Path) -> None:
    from rasa_sdk import Tracker

    first = Tracker(CONVERSATION, {}, {"intent": {"name": "nlu_fallback"}, "text": "qwerty"},
                    _fallback_turns(0), False, None, None, "action_listen")
    messages, slots, _events = run_full(ActionHarborFallback(), first)
    assert responses(messages) == ["utter_default", "utter_menu"] and slots == {"person_offered": None}

    second = Tracker(CONVERSATION, {}, {"intent": {"name": "nlu_fallback"}, "text": "qwerty"},
                     _fallback_turns(1), False, None, None, "action_listen")
    messages, slots, _events = run_full(ActionHarborFallback(), second)
    assert responses(messages) == ["utter_offer_person"] and slots == {"person_offered": "routine"}

    accepted = tracker("request_human", "/request_human", slots={"person_offered": "routine"})
    run_full(ActionRequestHuman(), accepted)
    with session_scope() as session:
        handoff = open_handoff_for(session, CONVERSATION)
        assert handoff.urgency == "routine" and handoff.reason == "bot misunderstood twice"


@pytest.mark.parametrize(("text", "response"), [
    ("i dont want to be here anymore honestly", "utter_check_in"),
    ("no quiero estar en mi casa, tengo miedo", "utter_check_in_es"),
])
def test_an_unconfirmed_model_crisis_gets_the_check_in_not_a_bare_fallback(directory_db: Path, text: str,
                                                                          response: str) -> None:
    """Even after an earlier misunderstanding: the lines now, and an urgent person one tap away."""
    from rasa_sdk import Tracker

    latest = {"intent": {"name": "nlu_fallback"}, "text": text,
              "crisis_unconfirmed": {"from": "crisis_self_harm", "probability": 0.12}}
    turn = Tracker(CONVERSATION, {}, latest, _fallback_turns(1), False, None, None, "action_listen")
    messages, slots, events = run_full(ActionHarborFallback(), turn)
    assert responses(messages) == [response] and slots == {"person_offered": None}
    assert not any(e.get("event") == "pause" for e in events)
    with session_scope() as session:
        assert open_handoff_for(session, CONVERSATION) is None  # no escalation until the youth asks

    run_full(ActionRequestHuman(), tracker("request_human", "/request_human", slots={"person_offered": None}))
    with session_scope() as session:
        handoff = open_handoff_for(session, CONVERSATION)
        assert handoff.urgency == "urgent" and handoff.reason == "asked for a person"


def test_the_check_in_gives_the_emergency_lines() -> None:
    import yaml

    domain = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())
    for name in ("utter_check_in", "utter_check_in_es"):
        text = domain["responses"][name][0]["text"]
        assert "911" in text and "988" in text, name


def test_housekeeping_claims_the_follow_up_once_across_replicas(on_duty: None, moving_clock: Any) -> None:
    from channels.housekeeping import _due_for_lines

    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    moving_clock(4)
    assert _due_for_lines() == []
    moving_clock(6)

    async def two_replicas() -> list[list[tuple[str, str, str]]]:
        return list(await asyncio.gather(asyncio.to_thread(_due_for_lines), asyncio.to_thread(_due_for_lines)))

    claimed = asyncio.run(two_replicas())
    assert sorted(len(c) for c in claimed) == [0, 1]
    assert waiting() == ["utter_handoff_waiting"], "lines already sent by the follow-up are not repeated"


def test_follow_up_lines_reach_the_youths_channel_once_and_join_the_transcript(on_duty: None,
                                                                              moving_clock: Any) -> None:
    from types import SimpleNamespace

    from rasa.core.lock_store import InMemoryLockStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.advocates.models import OutboundMessage
    from channels.housekeeping import give_lines_to_slow_claims
    from rasa_plugins.tracker_store import HarborTrackerStore
    from tests.conftest import PROJECT

    domain = Domain.load(str(PROJECT / "domain.yml"))
    store = HarborTrackerStore(domain=domain)
    youth = DialogueStateTracker(CONVERSATION, domain.slots)
    youth.update(UserUttered("a person please", {"name": "request_human", "confidence": 1.0}))
    asyncio.run(store.save(youth))
    run_full(ActionRequestHuman(), tracker("request_human", "a person please"))
    agent = SimpleNamespace(tracker_store=store, lock_store=InMemoryLockStore(), domain=domain)

    moving_clock(3)
    assert asyncio.run(give_lines_to_slow_claims(agent)) == 0
    moving_clock(6)
    assert asyncio.run(give_lines_to_slow_claims(agent)) == 1
    assert asyncio.run(give_lines_to_slow_claims(agent)) == 0, "once per request"
    with session_scope() as session:
        sent = session.execute(sa.select(OutboundMessage.text)).scalars().all()
    assert len(sent) == 1 and "1-888-373-7888" in sent[0] and "988" in sent[0]
    stored = asyncio.run(store.retrieve(CONVERSATION))
    assert [e.text for e in stored.events if isinstance(e, BotUttered)] == sent
