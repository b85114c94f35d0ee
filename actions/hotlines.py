"""The national and statewide hotlines, read from the directory database."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.needs import show_services


class ActionListHotlines(Action):
    def name(self) -> str:
        return "action_list_hotlines"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        return [SlotSet("need", "hotlines")] + show_services(dispatcher, "hotlines", None, None, 0)
