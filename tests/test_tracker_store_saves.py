"""The tracker store writes each event exactly once, without Rasa's recount of stored events."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_plugins.tracker_store import STORED_COUNT, HarborTrackerStore

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def store(harbor_env: Path) -> HarborTrackerStore:
    return HarborTrackerStore(domain=Domain.load(str(PROJECT / "domain.yml")))


def _statements(store: HarborTrackerStore) -> list[str]:
    seen: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda _c, _cur, statement, *_rest: seen.append(statement))
    return seen


def _stored(store: HarborTrackerStore, sender: str) -> list[str]:
    with store.session_scope() as session:
        return [row.type_name for row in session.query(store.SQLEvent)
                .filter(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id)]


def _turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered("hello"))
    tracker.update(ActionExecuted("action_listen"))


def test_turns_after_retrieve_store_only_their_new_events_without_a_count(store: HarborTrackerStore) -> None:
    first = DialogueStateTracker("s1", [])
    first.update(ActionExecuted("action_listen"))
    _turn(first, "hi")
    asyncio.run(store.save(first))
    assert len(_stored(store, "s1")) == 5

    for text in ("again", "and again"):
        tracker = asyncio.run(store.retrieve("s1"))
        assert tracker is not None and getattr(tracker, STORED_COUNT) == len(tracker.events)
        seen = _statements(store)
        _turn(tracker, text)
        asyncio.run(store.save(tracker))
        assert not any("count(" in s.lower() for s in seen)
    assert len(_stored(store, "s1")) == 13


def test_saving_the_same_tracker_twice_adds_nothing_twice(store: HarborTrackerStore) -> None:
    tracker = DialogueStateTracker("s2", [])
    _turn(tracker, "hi")
    asyncio.run(store.save(tracker))
    asyncio.run(store.save(tracker))
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(store.save(tracker))
    assert len(_stored(store, "s2")) == 5


def test_a_new_session_after_retrieve_is_stored_whole(store: HarborTrackerStore) -> None:
    tracker = DialogueStateTracker("s3", [])
    _turn(tracker, "hi")
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("s3"))
    assert again is not None
    again.update(ActionExecuted("action_session_start"))
    again.update(SessionStarted())
    _turn(again, "back after a day")
    asyncio.run(store.save(again))
    assert _stored(store, "s3")[-6:] == ["action", "session_started", "user", "action", "bot", "action"]
    latest = asyncio.run(store.retrieve("s3"))
    assert latest is not None and [e.type_name for e in latest.events][0] == "session_started"


def test_a_tracker_built_elsewhere_falls_back_to_counting(store: HarborTrackerStore) -> None:
    tracker = DialogueStateTracker("s4", [])
    _turn(tracker, "hi")
    asyncio.run(store.save(tracker))
    copy = DialogueStateTracker.from_dict("s4", [e.as_dict() for e in tracker.events], [])
    copy.update(ActionExecuted("action_listen"))
    seen = _statements(store)
    asyncio.run(store.save(copy))
    assert any("count(" in s.lower() for s in seen)
    assert len(_stored(store, "s4")) == 5
