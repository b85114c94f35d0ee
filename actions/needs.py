"""Youth needs: ask where (once, with a skip), then list services nearest first."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.places import place_from_message
from actions.stats import count
from bot.db import session_scope
from bot.directory.search import age_matters, find_services
from bot.youth import INTENT_NEEDS, PAGE_SIZE, format_options


AGE_ANSWERS = {"yes": "under_18", "no": "18_plus"}


def show_services(dispatcher: CollectingDispatcher, need: str, county: str | None,
                  place: str | None, offset: int, tracker: Tracker | None = None,
                  under_18: str | None = None) -> list[EventType]:
    """A page of options. When a listed place takes only one age group, the optional
    under-18 question follows the list (answers arrive in the same turn, never later).
    ``under_18`` is an answer given in this turn; otherwise the slot is used."""
    if under_18 is None and tracker is not None:
        under_18 = tracker.get_slot("under_18")
    with session_scope() as session:
        options = find_services(session, need, county)
    options = [o for o in options if o.serves(AGE_ANSWERS.get(under_18 or ""))]
    page = options[offset: offset + PAGE_SIZE]
    if not page:
        dispatcher.utter_message(response="utter_no_more")
        return [SlotSet("result_offset", float(offset))]
    dispatcher.utter_message(text=format_options(page, need, place, start=offset))
    events: list[EventType] = [SlotSet("result_offset", float(offset + PAGE_SIZE)), SlotSet("awaiting", None)]
    if tracker is not None and offset == 0:
        events += count(tracker, "need", need, county)
    if tracker is not None and under_18 is None and not tracker.get_slot("age_asked") and age_matters(page):
        dispatcher.utter_message(response="utter_ask_under_18")
        return events + [SlotSet("awaiting", "age"), SlotSet("age_asked", True)]
    if offset + PAGE_SIZE < len(options):
        dispatcher.utter_message(response="utter_more_or_person")
    return events


class ActionHelpWithNeed(Action):
    """A need, a place, or both: answer with services, asking for a place at most once."""

    def name(self) -> str:
        return "action_help_with_need"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        need = INTENT_NEEDS.get(intent or "") or tracker.get_slot("need")
        place = place_from_message(tracker.latest_message, fuzzy=intent == "inform_location")
        events: list[EventType] = []
        if place:
            events += [SlotSet("county", place.county), SlotSet("place", place.name)]
        elif intent == "inform_location":
            dispatcher.utter_message(response="utter_location_not_found")
            return [SlotSet("awaiting", "location"), SlotSet("location_asked", True)]
        county = place.county if place else tracker.get_slot("county")
        place_name = place.name if place else tracker.get_slot("place")
        if need is None:
            dispatcher.utter_message(response="utter_need_first")
            dispatcher.utter_message(response="utter_menu")
            return events
        events.append(SlotSet("need", need))
        if county is None and need != "hotlines" and not tracker.get_slot("location_asked"):
            dispatcher.utter_message(response="utter_ask_location")
            return events + [SlotSet("awaiting", "location"), SlotSet("location_asked", True)]
        return events + show_services(dispatcher, need, county, place_name, 0, tracker)


class ActionMoreOptions(Action):
    """MORE: the next three options for the same need and place."""

    def name(self) -> str:
        return "action_more_options"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        need = tracker.get_slot("need")
        if not need:
            dispatcher.utter_message(response="utter_menu")
            return []
        offset = int(tracker.get_slot("result_offset") or 0)
        return show_services(dispatcher, need, tracker.get_slot("county"), tracker.get_slot("place"), offset,
                             tracker)


class ActionHandleSkip(Action):
    """SKIP or "idk": when asked for a place, give statewide and national options."""

    def name(self) -> str:
        return "action_handle_skip"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        need = tracker.get_slot("need")
        if tracker.get_slot("awaiting") == "age" and need:
            return [SlotSet("under_18", "skip")] + show_services(
                dispatcher, need, tracker.get_slot("county"), tracker.get_slot("place"), 0,
                tracker, under_18="skip")
        if tracker.get_slot("awaiting") == "location" and need:
            return show_services(dispatcher, need, None, None, 0, tracker)
        dispatcher.utter_message(response="utter_anything_else")
        dispatcher.utter_message(response="utter_menu")
        return [SlotSet("awaiting", None)]


class ActionYesNo(Action):
    """Yes / no: the answer to the pending under-18 question, else the generic replies."""

    def name(self) -> str:
        return "action_yes_no"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        yes = (tracker.latest_message.get("intent") or {}).get("name") == "affirm"
        need = tracker.get_slot("need")
        if tracker.get_slot("awaiting") == "age" and need:
            answer = "yes" if yes else "no"
            return [SlotSet("under_18", answer)] + show_services(
                dispatcher, need, tracker.get_slot("county"), tracker.get_slot("place"), 0,
                tracker, under_18=answer)
        dispatcher.utter_message(response="utter_menu" if yes else "utter_anything_else")
        return []
