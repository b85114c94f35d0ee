"""The emergency answer: same turn, by category, in the youth's language, then a person."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.stats import count
from bot.language import is_spanish

logger = logging.getLogger(__name__)

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
    """Emergency lines first, then an emergency handoff request, then the bot pauses.

    The lines never depend on the database: if recording the request fails, the youth
    still gets the emergency answer (and the bot keeps answering, since nobody would
    know to come); the failure is logged by type only.
    """

    def name(self) -> str:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        from actions.handoff import advocates_on_duty, open_request

        category, language = crisis_of(tracker.latest_message)
        severity = (tracker.latest_message.get("crisis") or {}).get("severity", "emergency")
        try:
            open_request(tracker, "emergency", f"crisis: {category}", category, severity)
            nobody = advocates_on_duty() == 0
            counted = count(tracker, "crisis", category, tracker.get_slot("county"))
        except Exception as error:  # noqa: BLE001 - the answer below must go out whatever failed
            logger.error("crisis: the handoff request could not be recorded (%s)", type(error).__name__)
            suffix = "_es" if language == "es" else ""
            dispatcher.utter_message(response=f"utter_crisis_{category}{suffix}")
            return [SlotSet("crisis_category", category)]
        events = emergency_answer(dispatcher, category, language, nobody_on_duty=nobody)
        return events + counted + [ConversationPaused()]
