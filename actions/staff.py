"""Staff: warning signs by area, and how to report in Wisconsin by county.

Thin adapters over bot.warning_signs, bot.reporting_guide and bot.cps: the content and
its sources live in data/staff and data/resources/cps.
"""
from __future__ import annotations

import json
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.places import place_from_message
from bot.cps import cps_message
from bot.reporting_guide import after_report_steps, reporting_steps
from bot.sms_text import split_for_sms, to_gsm7
from bot.warning_signs import Area, load_warning_signs

log = logging.getLogger(__name__)

REPORT_FIRST_STEPS = 2  # the duty, then where to report; the rest comes on MORE
REPORT_PAGE = 2
MENU_BUTTON = {"title": "Staff menu", "payload": "/staff_menu"}
SKIP_INTENTS = {"skip", "dont_know", "deny"}


def send(dispatcher: CollectingDispatcher, text: str, buttons: list[dict[str, str]] | None = None) -> None:
    """One or more SMS-sized messages; buttons go on the last one."""
    parts = split_for_sms(to_gsm7(" ".join(text.split())))
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        dispatcher.utter_message(text=part, buttons=buttons if last and buttons else [])


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


# ---------------------------------------------------------------------------- warning signs

def area_buttons(areas: tuple[Area, ...]) -> list[dict[str, str]]:
    return [{"title": area.title,
             "payload": "/ask_warning_signs" + json.dumps({"warning_area": area.id}, separators=(",", ":"))}
            for area in areas]


def chosen_area(tracker: Tracker, areas: tuple[Area, ...]) -> Area | None:
    """The area picked by button (entity) or typed as its title; None means 'show the list'."""
    wanted = next((str(e.get("value")) for e in tracker.latest_message.get("entities") or []
                   if e.get("entity") == "warning_area" and e.get("value")), None)
    text = " ".join((tracker.latest_message.get("text") or "").lower().split())
    for area in areas:
        if area.id == wanted or (text and text == area.title.lower()):
            return area
    return None


class ActionWarningSigns(Action):
    """No area chosen: a short overview and the areas as choices. An area: its summary."""

    def name(self) -> str:
        return "action_warning_signs"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        areas = load_warning_signs()
        area = chosen_area(tracker, areas)
        if area is None:
            dispatcher.utter_message(response="utter_warning_signs")
            dispatcher.utter_message(response="utter_warning_signs_pick", buttons=area_buttons(areas))
            return [SlotSet("warning_area", None), SlotSet("staff_more_index", 0.0)]
        buttons = [{"title": "More", "payload": "/more"}] if area.more else []
        buttons.append({"title": "Other areas", "payload": "/ask_warning_signs"})
        send(dispatcher, f"{area.title}: {area.summary}", buttons)
        return [SlotSet("warning_area", area.id), SlotSet("staff_more_index", 0.0)]


class ActionWarningMore(Action):
    """MORE after an area: its next detail message; after the list: who is most at risk."""

    def name(self) -> str:
        return "action_warning_more"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        areas = load_warning_signs()
        area = next((a for a in areas if a.id == tracker.get_slot("warning_area")), None)
        if area is None:
            dispatcher.utter_message(response="utter_warning_signs_more")
            dispatcher.utter_message(response="utter_warning_signs_pick", buttons=area_buttons(areas))
            return []
        index = int(tracker.get_slot("staff_more_index") or 0)
        if index >= len(area.more):
            dispatcher.utter_message(response="utter_warning_signs_pick", buttons=area_buttons(areas))
            return [SlotSet("warning_area", None), SlotSet("staff_more_index", 0.0)]
        more_left = index + 1 < len(area.more)
        buttons = [{"title": "More", "payload": "/more"}] if more_left else []
        buttons += [{"title": "Other areas", "payload": "/ask_warning_signs"}, MENU_BUTTON]
        send(dispatcher, area.more[index], buttons)
        return [SlotSet("staff_more_index", float(index + 1))]


# ---------------------------------------------------------------------------- reporting

def report_pages() -> tuple[str, ...]:
    """What MORE walks through after the county: the rest of the steps, then after a report."""
    return reporting_steps()[REPORT_FIRST_STEPS:] + after_report_steps()


class ActionHowToReport(Action):
    """The duty and where to report (CPS or law enforcement), then ask the youth's county."""

    def name(self) -> str:
        return "action_how_to_report"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        for step in reporting_steps()[:REPORT_FIRST_STEPS]:
            send(dispatcher, step)
        dispatcher.utter_message(response="utter_ask_report_county")
        return [SlotSet("awaiting", "report_county"), SlotSet("staff_more_index", 0.0)]


class ActionReportCounty(Action):
    """The county's CPS intake number (or the safe fallback on SKIP), then offer MORE."""

    def name(self) -> str:
        return "action_report_county"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = []
        county: str | None = None
        if intent_of(tracker) not in SKIP_INTENTS:
            place = place_from_message(tracker.latest_message, fuzzy=True)
            if place is None:
                dispatcher.utter_message(response="utter_report_county_not_found")
                return [SlotSet("awaiting", "report_county")]
            county = place.county
            events += [SlotSet("county", place.county), SlotSet("place", place.name)]
        send(dispatcher, cps_message(county))
        dispatcher.utter_message(text="Say MORE for 911, online images, the hotline and what happens after a report.",
                                 buttons=[{"title": "More", "payload": "/more"}, MENU_BUTTON])
        return events + [SlotSet("awaiting", None), SlotSet("staff_more_index", 0.0)]


class ActionAfterReport(Action):
    """MORE in the reporting flow: two messages at a time, then the staff menu."""

    def name(self) -> str:
        return "action_after_report"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        pages = report_pages()
        index = int(tracker.get_slot("staff_more_index") or 0)
        chunk = pages[index: index + REPORT_PAGE]
        if not chunk:
            dispatcher.utter_message(response="utter_staff_menu")
            return [SlotSet("staff_more_index", 0.0)]
        for position, text in enumerate(chunk):
            last = position == len(chunk) - 1
            more_left = index + len(chunk) < len(pages)
            buttons = ([{"title": "More", "payload": "/more"}] if more_left else []) + [MENU_BUTTON]
            send(dispatcher, text, buttons if last else None)
        return [SlotSet("staff_more_index", float(index + len(chunk)))]
