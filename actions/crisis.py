"""The emergency answer: same turn, by category, in the youth's language, then a person."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.stats import count
from bot.language import is_spanish

CRISIS_INTENTS = {
    "crisis_danger": "danger",
    "crisis_exploitation": "exploitation",
    "crisis_assault": "assault",
    "crisis_self_harm": "self_harm",
    "crisis_medical": "medical",
}


def crisis_of(latest_message: dict[str, Any]) -> tuple[str, str]:
    """(category, language) from the keyword layer's verdict, else from the intent."""
    detected = latest_message.get("crisis") or {}
    intent = (latest_message.get("intent") or {}).get("name", "")
    category = detected.get("category") or CRISIS_INTENTS.get(intent, "danger")
    language = detected.get("language") or ("es" if is_spanish(latest_message.get("text") or "") else "en")
    return category, language


def emergency_answer(dispatcher: CollectingDispatcher, category: str, language: str,
                     still_waiting: bool = False, nobody_on_duty: bool = False) -> list[EventType]:
    """The lines for the category, then what happens next: a person is asked for, and
    when no advocate is on duty the youth is told so at once (the lines are the help now)."""
    suffix = "_es" if language == "es" else ""
    dispatcher.utter_message(response=f"utter_crisis_{category}{suffix}")
    offline = "_offline" if nobody_on_duty else ""
    dispatcher.utter_message(response=f"utter_handoff_requested{offline}{suffix}")
    return [SlotSet("crisis_category", category)]


class ActionCrisis(Action):
    """Emergency lines first, then an emergency handoff request, then the bot pauses."""

    def name(self) -> str:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        from actions.handoff import open_request

        category, language = crisis_of(tracker.latest_message)
        severity = (tracker.latest_message.get("crisis") or {}).get("severity", "emergency")
        from actions.handoff import advocates_on_duty

        open_request(tracker, "emergency", f"crisis: {category}", category, severity)
        events = emergency_answer(dispatcher, category, language, nobody_on_duty=advocates_on_duty() == 0)
        events += count(tracker, "crisis", category, tracker.get_slot("county"))
        return events + [ConversationPaused()]
