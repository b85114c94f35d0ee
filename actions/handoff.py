"""Bringing in a person: open a handoff request and pause the bot; answer while waiting."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis import CRISIS_INTENTS, crisis_of, emergency_answer
from bot.db import session_scope
from bot.handoff import request_handoff


def packet(tracker: Tracker) -> dict[str, Any]:
    """What an advocate needs: what was asked for and the coarse place; no free text."""
    return {
        "need": tracker.get_slot("need"),
        "county": tracker.get_slot("county"),
        "crisis_category": tracker.get_slot("crisis_category"),
    }


def open_request(tracker: Tracker, urgency: str, reason: str, category: str | None = None,
                 severity: str | None = None) -> None:
    with session_scope() as session:
        request_handoff(session, tracker.sender_id, tracker.get_latest_input_channel() or "unknown",
                        urgency, reason, {**packet(tracker), "crisis_category": category}, category, severity)


class ActionRequestHuman(Action):
    """The youth asked for a person: an urgent request, and the bot steps back."""

    def name(self) -> str:
        return "action_request_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        open_request(tracker, "urgent", "asked for a person")
        dispatcher.utter_message(response="utter_human_requested")
        return [ConversationPaused()]


class ActionHandoffWaiting(Action):
    """Runs for every message while paused: a crisis still gets the emergency answer."""

    def name(self) -> str:
        return "action_handoff_waiting"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        if intent in CRISIS_INTENTS:
            category, language = crisis_of(tracker.latest_message)
            severity = (tracker.latest_message.get("crisis") or {}).get("severity", "emergency")
            open_request(tracker, "emergency", f"crisis: {category}", category, severity)
            return emergency_answer(dispatcher, category, language, still_waiting=True)
        dispatcher.utter_message(response="utter_handoff_waiting")
        return []
