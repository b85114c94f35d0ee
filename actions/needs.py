"""Youth needs: ask where (once, with a skip), then list services nearest first."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.places import place_from_message
from bot.db import session_scope
from bot.directory.search import find_services
from bot.youth import INTENT_NEEDS, PAGE_SIZE, format_options


def show_services(dispatcher: CollectingDispatcher, need: str, county: str | None,
               place: str | None, offset: int) -> list[EventType]:
    with session_scope() as session:
        options = find_services(session, need, county)
    page = options[offset: offset + PAGE_SIZE]
    if not page:
        dispatcher.utter_message(response="utter_no_more")
        return [SlotSet("result_offset", float(offset))]
    dispatcher.utter_message(text=format_options(page, need, place, start=offset))
    if offset + PAGE_SIZE < len(options):
        dispatcher.utter_message(response="utter_more_or_person")
    return [SlotSet("result_offset", float(offset + PAGE_SIZE)), SlotSet("awaiting", None)]


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
        return events + show_services(dispatcher, need, county, place_name, 0)


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
        return show_services(dispatcher, need, tracker.get_slot("county"), tracker.get_slot("place"), offset)


class ActionHandleSkip(Action):
    """SKIP or "idk": when asked for a place, give statewide and national options."""

    def name(self) -> str:
        return "action_handle_skip"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        need = tracker.get_slot("need")
        if tracker.get_slot("awaiting") == "location" and need:
            return show_services(dispatcher, need, None, None, 0)
        dispatcher.utter_message(response="utter_anything_else")
        dispatcher.utter_message(response="utter_menu")
        return [SlotSet("awaiting", None)]
