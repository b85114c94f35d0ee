"""Custom actions with real rasa_sdk Trackers and a real database (tracker-fixture style)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis import ActionCrisis
from actions.handoff import ActionHandoffWaiting, ActionRequestHuman
from bot.db import session_scope
from bot.handoff import Handoff, open_handoff_for
from actions.hotlines import ActionListHotlines
from actions.needs import ActionHandleSkip, ActionHelpWithNeed, ActionMoreOptions

DOMAIN: dict[str, Any] = {}


def tracker(intent: str, text: str, slots: dict[str, Any] | None = None,
            entities: list[dict[str, Any]] | None = None, extra: dict[str, Any] | None = None) -> Tracker:
    message = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities or [], "text": text,
               **(extra or {})}
    return Tracker("test-conversation", slots or {}, message, [], False, None, None, "action_listen")


def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    messages, slots, _events = run_full(action, t)
    return messages, slots


def run_full(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, DOMAIN)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slots, events


def test_hotlines_come_from_the_database(directory_db: Path) -> None:
    messages, slots = run(ActionListHotlines(), tracker("ask_hotlines", "number to call"))
    assert "1-888-373-7888" in messages[0]["text"] and "988" in messages[0]["text"]
    assert slots["need"] == "hotlines"


def test_need_without_place_asks_once(directory_db: Path) -> None:
    messages, slots = run(ActionHelpWithNeed(), tracker("need_shelter", "need somewhere to sleep tonight"))
    assert [m["response"] for m in messages] == ["utter_ask_location"]
    assert slots == {"need": "shelter", "awaiting": "location", "location_asked": True}


def test_place_answer_gives_county_options(directory_db: Path) -> None:
    t = tracker("inform_location", "madison", slots={"need": "shelter", "awaiting": "location"},
                entities=[{"entity": "city", "value": "madison"}])
    messages, slots = run(ActionHelpWithNeed(), t)
    assert "Briarpatch" in messages[0]["text"] and "608-251-1126" in messages[0]["text"]
    assert slots["county"] == "Dane County" and slots["result_offset"] == 3.0


def test_misspelt_place_without_entity_is_still_found(directory_db: Path) -> None:
    t = tracker("inform_location", "milwakee", slots={"need": "shelter", "awaiting": "location"})
    messages, slots = run(ActionHelpWithNeed(), t)
    assert slots["county"] == "Milwaukee County" and "Pathfinders" in messages[0]["text"]


def test_correction_replaces_the_place(directory_db: Path) -> None:
    t = tracker("inform_location", "no im in racine", slots={"need": "shelter", "county": "Dane County"})
    _messages, slots = run(ActionHelpWithNeed(), t)
    assert slots["county"] == "Racine County"


def test_unknown_place_asks_again(directory_db: Path) -> None:
    t = tracker("inform_location", "narnia", slots={"need": "food", "awaiting": "location"})
    messages, _slots = run(ActionHelpWithNeed(), t)
    assert messages[0]["response"] == "utter_location_not_found"


def test_skip_gives_statewide_and_national(directory_db: Path) -> None:
    t = tracker("skip", "skip", slots={"need": "shelter", "awaiting": "location", "location_asked": True})
    messages, _ = run(ActionHandleSkip(), t)
    assert "1-800-786-2929" in messages[0]["text"] or "211" in messages[0]["text"]


def test_more_pages_then_ends(directory_db: Path) -> None:
    slots: dict[str, Any] = {"need": "hotlines", "result_offset": 0.0}
    seen: list[str] = []
    for _ in range(6):
        messages, new = run(ActionMoreOptions(), tracker("more", "more", slots=slots))
        if messages[0].get("response") == "utter_no_more":
            break
        seen.append(messages[0]["text"])
        slots["result_offset"] = new["result_offset"]
    assert len(seen) >= 2 and messages[0].get("response") == "utter_no_more"


@pytest.mark.parametrize("category", ["danger", "exploitation", "assault", "self_harm", "medical"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_crisis_answer_by_category_and_language(directory_db: Path, category: str, language: str) -> None:
    extra = {"crisis": {"category": category, "severity": "emergency", "language": language, "rule": "x"}}
    messages, slots, events = run_full(ActionCrisis(), tracker(f"crisis_{category}", "...", extra=extra))
    suffix = "_es" if language == "es" else ""
    # no advocate is on duty in this database: the youth is told so in the same turn
    assert [m["response"] for m in messages] == [f"utter_crisis_{category}{suffix}",
                                                 f"utter_handoff_requested_offline{suffix}"]
    assert slots["crisis_category"] == category
    assert {"event": "pause", "timestamp": None} in events
    with session_scope() as session:
        request = open_handoff_for(session, "test-conversation")
        assert request is not None and request.urgency == "emergency" and request.category == category


def test_person_request_is_urgent_and_pauses(directory_db: Path) -> None:
    messages, _slots, events = run_full(ActionRequestHuman(), tracker("request_human", "real person pls",
                                                                      slots={"need": "shelter", "county": "Dane County"}))
    assert messages[0]["response"] == "utter_human_requested"
    assert events[-1]["event"] == "pause"
    with session_scope() as session:
        request = open_handoff_for(session, "test-conversation")
        assert request.urgency == "urgent" and request.packet["county"] == "Dane County"
        assert "real person pls" not in request.packet_json


def test_waiting_acknowledges_and_crisis_raises_urgency(directory_db: Path) -> None:
    run_full(ActionRequestHuman(), tracker("request_human", "human"))
    messages, _s, _e = run_full(ActionHandoffWaiting(), tracker("need_food", "still hungry"))
    assert messages[0]["response"] == "utter_no_advocate_on_duty"  # nobody on duty here
    extra = {"crisis": {"category": "danger", "severity": "emergency", "language": "en", "rule": "x"}}
    messages, _s, _e = run_full(ActionHandoffWaiting(), tracker("crisis_danger", "hes here", extra=extra))
    assert messages[0]["response"] == "utter_crisis_danger"
    with session_scope() as session:
        request = open_handoff_for(session, "test-conversation")
        assert request.urgency == "emergency" and request.category == "danger"
        assert session.query(Handoff).count() == 1, "one open request per conversation"


def test_crisis_from_model_only_detects_spanish(directory_db: Path) -> None:
    messages, _ = run(ActionCrisis(), tracker("crisis_self_harm", "ya no quiero vivir"))
    assert messages[0]["response"] == "utter_crisis_self_harm_es"



def test_shelter_list_comes_first_then_the_optional_under_18_question(directory_db: Path) -> None:
    t = tracker("inform_location", "madison", slots={"need": "shelter", "awaiting": "location"},
                entities=[{"entity": "city", "value": "madison"}])
    messages, slots = run(ActionHelpWithNeed(), t)
    assert "Briarpatch" in messages[0]["text"] and "608-251-1126" in messages[0]["text"]
    assert messages[1]["response"] == "utter_ask_under_18"
    assert slots["awaiting"] == "age" and slots["age_asked"] is True


@pytest.mark.parametrize("intent, kept", [("affirm", True), ("deny", False)])
def test_under_18_answer_filters_places_by_age(directory_db: Path, intent: str, kept: bool) -> None:
    from actions.needs import ActionYesNo

    slots = {"need": "shelter", "county": "Dane County", "place": "Madison", "awaiting": "age", "age_asked": True}
    messages, new_slots = run(ActionYesNo(), tracker(intent, "yes" if kept else "no", slots=slots))
    assert ("Briarpatch" in messages[0]["text"]) is kept  # Briarpatch's shelter takes ages 12-17
    assert new_slots["under_18"] == ("yes" if kept else "no")
    assert all(m.get("response") != "utter_ask_under_18" for m in messages), "asked once only"


def test_skipping_the_age_question_keeps_every_place(directory_db: Path) -> None:
    slots = {"need": "shelter", "county": "Dane County", "place": "Madison", "awaiting": "age", "age_asked": True}
    messages, new_slots = run(ActionHandleSkip(), tracker("skip", "skip", slots=slots))
    assert "Briarpatch" in messages[0]["text"] and new_slots["under_18"] == "skip"


def test_yes_and_no_without_a_question_keep_their_generic_answers(directory_db: Path) -> None:
    from actions.needs import ActionYesNo

    assert run(ActionYesNo(), tracker("affirm", "yes"))[0][0]["response"] == "utter_menu"
    assert run(ActionYesNo(), tracker("deny", "no"))[0][0]["response"] == "utter_anything_else"


def test_counts_are_de_identified_and_a_conversation_is_counted_once(directory_db: Path) -> None:
    import sqlalchemy as sa

    from bot.aggregates import AggregateEvent

    t = tracker("inform_location", "madison", slots={"need": "food", "awaiting": "location"},
                entities=[{"entity": "city", "value": "madison"}])
    _messages, slots = run(ActionHelpWithNeed(), t)
    assert slots["counted"] is True
    again = tracker("need_shelter", "somewhere to sleep", slots={"county": "Dane County", "counted": True})
    run(ActionHelpWithNeed(), again)
    with session_scope() as session:
        rows = session.execute(sa.select(AggregateEvent.kind, AggregateEvent.category, AggregateEvent.county)).all()
    assert sorted(rows) == [("conversation", "unknown", "Dane County"), ("need", "food", "Dane County"),
                            ("need", "shelter", "Dane County")]
    columns = set(AggregateEvent.__table__.columns.keys())
    assert columns == {"id", "month", "county", "kind", "category", "value"}
