"""Bringing in a person: open a handoff request, pause the bot, and keep answering while waiting."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, ConversationResumed, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis import CRISIS_INTENTS, crisis_of, emergency_answer
from actions.stats import count
from bot import clock
from bot.db import session_scope
from bot.handoff import (close_handoff, is_cancel, needs_fallback_lines, note_youth_message,
                         open_handoff_for, request_handoff)
from bot.language import in_their_language


def packet(tracker: Tracker) -> dict[str, Any]:
    """What an advocate needs: what was asked for, the coarse place, a screening band; no free text."""
    return {
        "need": tracker.get_slot("need"),
        "county": tracker.get_slot("county"),
        "crisis_category": tracker.get_slot("crisis_category"),
        "screening_result": tracker.get_slot("screening_result"),
    }


def advocates_on_duty() -> int:
    from bot.advocates.duty import on_duty_count

    with session_scope() as session:
        return on_duty_count(session)


def open_request(tracker: Tracker, urgency: str, reason: str, category: str | None = None,
                 severity: str | None = None) -> None:
    with session_scope() as session:
        handoff = request_handoff(session, tracker.sender_id, tracker.get_latest_input_channel() or "unknown",
                                  urgency, reason, {**packet(tracker), "crisis_category": category},
                                  category, severity)
        note_youth_message(handoff)


def tell_if_nobody_on_duty(dispatcher: CollectingDispatcher) -> None:
    """Said at once, so nobody waits for a person who is not there; the request stays queued."""
    if advocates_on_duty() == 0:
        dispatcher.utter_message(response="utter_no_advocate_on_duty")


class ActionRequestHuman(Action):
    """The youth asked for a person: urgent, or routine when it follows the bot's own offer."""

    def name(self) -> str:
        return "action_request_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        routine = tracker.get_slot("person_offered") == "routine"
        open_request(tracker, "routine" if routine else "urgent",
                     "bot misunderstood twice" if routine else "asked for a person")
        dispatcher.utter_message(response="utter_human_requested")
        tell_if_nobody_on_duty(dispatcher)
        return [SlotSet("person_offered", None), ConversationPaused()]


class ActionHandoffWaiting(Action):
    """Runs for every message while paused: crisis first, an acknowledgement always, lines when slow."""

    def name(self) -> str:
        return "action_handoff_waiting"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        if intent in CRISIS_INTENTS:
            category, language = crisis_of(tracker.latest_message)
            severity = (tracker.latest_message.get("crisis") or {}).get("severity", "emergency")
            open_request(tracker, "emergency", f"crisis: {category}", category, severity)
            return emergency_answer(dispatcher, category, language, still_waiting=True,
                                    nobody_on_duty=advocates_on_duty() == 0) + count(
                tracker, "crisis", category, tracker.get_slot("county"))
        now = clock.now()
        with session_scope() as session:
            handoff = open_handoff_for(session, tracker.sender_id)
            if handoff is None or is_cancel(tracker.latest_message.get("text")):
                if handoff is not None:
                    close_handoff(handoff, "cancelled by youth", now)
                dispatcher.utter_message(response="utter_bot_back")
                return [ConversationResumed()]
            note_youth_message(handoff, now)
            if needs_fallback_lines(handoff, now):
                handoff.fallback_sent_at = now
                dispatcher.utter_message(response="utter_handoff_fallback_lines")
                return []
        if advocates_on_duty() == 0:
            dispatcher.utter_message(response="utter_no_advocate_on_duty")
        else:
            dispatcher.utter_message(response="utter_handoff_waiting")
        return []


class ActionHarborFallback(Action):
    """Misunderstood: say so kindly; the second time in a row, offer a person (a routine request)."""

    def name(self) -> str:
        return "action_harbor_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        if tracker.latest_message.get("crisis_unconfirmed"):
            # DIET saw a crisis the confirmer did not: no urgent handoff, but the lines now, and a
            # person (an urgent request) one tap away: the check-in, never a bare "didn't get that".
            dispatcher.utter_message(response=in_their_language("utter_check_in",
                                                                 tracker.latest_message.get("text") or ""))
            return [SlotSet("person_offered", None)]
        if _misunderstood_before(tracker):
            dispatcher.utter_message(response="utter_offer_person")
            return [SlotSet("person_offered", "routine")]
        dispatcher.utter_message(response="utter_default")
        dispatcher.utter_message(response="utter_menu")
        return [SlotSet("person_offered", None)]


def _misunderstood_before(tracker: Tracker) -> bool:
    """True when the previous user turn also ended in this fallback."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > 2:
                return False
        if users == 1 and event.get("event") == "action" and event.get("name") == "action_harbor_fallback":
            return True
    return False
