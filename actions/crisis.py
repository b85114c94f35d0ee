"""The emergency answer: same turn, by category, in the youth's language."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

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


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        category, language = crisis_of(tracker.latest_message)
        suffix = "_es" if language == "es" else ""
        dispatcher.utter_message(response=f"utter_crisis_{category}{suffix}")
        dispatcher.utter_message(response=f"utter_crisis_followup{suffix}")
        return [SlotSet("crisis_category", category)]
