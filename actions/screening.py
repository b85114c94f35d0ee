"""Staff screening as a dynamic Rasa form: one item at a time, scored, one de-identified record.

The form's required slots come from the chosen instrument (bot.screening): the instrument,
then ``screen_item_1`` .. ``screen_item_N``, then the youth's county only when the screen is
positive (for the county CPS number). Replies are read by ``bot.screening.parse_reply``;
BACK, "change 3 to no", PAUSE and STOP are handled here by setting slots, so the form
itself never needs a special path. Everything the form ends with (result, stop, pause) is
said by ``action_screening_result``, which the rule after the form always runs.
"""
from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.places import place_from_message
from actions.staff import intent_of, send
from bot.cps import cps_message
from bot.db import session_scope
from bot.screening import ANSWERS, Instrument, InstrumentError, load_instruments, parse_reply, score
from bot.screening_records import record_screening

log = logging.getLogger(__name__)

MAX_ITEMS = 10  # screen_item_1 .. screen_item_10 in domain.yml
ITEM_SLOTS = tuple(f"screen_item_{n}" for n in range(1, MAX_ITEMS + 1))
INSTRUMENT_SLOT = "screening_instrument"
COUNTY_SLOT = "screening_county"
STATUS_SLOT = "screening_status"
RESULT_SLOT = "screening_result"
SKIPPED_COUNTY = "skip"
# The form has nothing left to ask in these states (the result action says why).
ENDED = ("stopped", "paused", "done")
# Same order as parse_reply's digits 1-4, so a typed "2" and the SMS choice "2" agree.
ANSWER_BUTTONS = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"},
                  {"title": "Not sure", "payload": "not sure"}, {"title": "Skip", "payload": "skip"}]
ANSWER_LABELS = {"yes": "yes", "no": "no", "unsure": "not sure", "skip": "skip"}
_CORRECTION = re.compile(
    r"^(?:change|set|make|switch|correct)\s+(?:my\s+|the\s+)?(?:answer|question|item|number|no|q|#)?\s*"
    r"(\d{1,2})\s+(?:answer\s+)?(?:to\s+|as\s+|=\s*)?(.+)$")


def instruments() -> dict[str, Instrument]:
    """The usable instruments (at most MAX_ITEMS items); {} when the files are broken."""
    try:
        loaded = load_instruments()
    except InstrumentError as error:
        log.error("screening instruments not loaded: %s", error)
        return {}
    usable = {key: inst for key, inst in loaded.items() if len(inst.items) <= MAX_ITEMS}
    for key in sorted(set(loaded) - set(usable)):
        log.warning("instrument %s has more than %d items and is not offered", key, MAX_ITEMS)
    return usable


def current_instrument(tracker: Tracker) -> Instrument | None:
    return instruments().get(tracker.get_slot(INSTRUMENT_SLOT) or "")


def answers_of(instrument: Instrument, tracker: Tracker) -> dict[str, str]:
    """item id -> canonical answer, for the items answered so far."""
    answers = {}
    for item, slot in zip(instrument.items, ITEM_SLOTS):
        value = tracker.get_slot(slot)
        if value in ANSWERS:
            answers[item.id] = value
    return answers


def match_instrument(text: str, available: dict[str, Instrument]) -> Instrument | None:
    """An id or button payload, a menu number, the exact title, or the id's first word ("qyit")."""
    norm = " ".join((text or "").lower().replace("_", " ").split())
    ordered = list(available.values())
    if norm.isdigit() and 1 <= int(norm) <= len(ordered):
        return ordered[int(norm) - 1]
    words = set(re.findall(r"[a-z0-9]+", norm))
    for inst in ordered:
        if norm in (inst.id.replace("_", " "), inst.title.lower()) or inst.id.split("_")[0] in words:
            return inst
    return None


def parse_correction(text: str) -> tuple[int, str] | None:
    """"change 3 to no" -> (3, "no"); None when it is not a correction with a clear answer."""
    norm = " ".join(re.sub(r"[^a-z0-9#= ]+", " ", (text or "").lower()).split())
    found = _CORRECTION.match(norm)
    if not found:
        return None
    reply = parse_reply(found.group(2))
    if reply.kind != "answer" or reply.answer is None:
        return None
    return int(found.group(1)), reply.answer


def reset_events(instrument_id: str | None, status: str) -> list[EventType]:
    return ([SlotSet(slot, None) for slot in ITEM_SLOTS]
            + [SlotSet(COUNTY_SLOT, None), SlotSet(INSTRUMENT_SLOT, instrument_id), SlotSet(STATUS_SLOT, status)])


# ---------------------------------------------------------------------------- starting

class ActionScreeningStart(Action):
    """Clear any earlier answers; preselect the instrument when the staff member named one."""

    def name(self) -> str:
        return "action_screening_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        available = instruments()
        if not available:
            dispatcher.utter_message(response="utter_screening_unavailable")
            return reset_events(None, "done")
        preset = match_instrument(tracker.latest_message.get("text") or "", available)
        return reset_events(preset.id if preset else None, "new") + [SlotSet(RESULT_SLOT, None)]


class ActionScreeningResume(Action):
    """'resume screening': carry on after a pause, or start afresh when nothing is paused."""

    def name(self) -> str:
        return "action_screening_resume"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        instrument = current_instrument(tracker)
        if tracker.get_slot(STATUS_SLOT) == "paused":
            if instrument is None:
                return [SlotSet(STATUS_SLOT, "new")]
            position = len(answers_of(instrument, tracker)) + 1
            send(dispatcher, f"Picking up the {instrument.title} at question "
                             f"{min(position, len(instrument.items))} of {len(instrument.items)}.")
            return [SlotSet(STATUS_SLOT, "resumed")]
        if not instruments():
            dispatcher.utter_message(response="utter_screening_unavailable")
            return reset_events(None, "done")
        dispatcher.utter_message(response="utter_screening_nothing_to_resume")
        return reset_events(None, "new") + [SlotSet(RESULT_SLOT, None)]


# ---------------------------------------------------------------------------- asking

class ActionAskScreeningInstrument(Action):
    def name(self) -> str:
        return "action_ask_screening_instrument"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        available = instruments()
        buttons = [{"title": inst.title, "payload": inst.id} for inst in available.values()]
        send(dispatcher, "Which screen would you like to use? Ask the youth in private. "
                         "A screen is not a determination: it helps you decide next steps.", buttons)
        return []


class _AskScreenItem(Action, ABC):
    """Ask item ``number`` of the chosen instrument, with a '(2 of 6)' progress mark."""

    @property
    @abstractmethod
    def number(self) -> int: ...

    def name(self) -> str:
        return f"action_ask_screen_item_{self.number}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        instrument = current_instrument(tracker)
        if instrument is None or self.number > len(instrument.items):
            dispatcher.utter_message(response="utter_screening_answer_hint")
            return []
        item = instrument.items[self.number - 1]
        send(dispatcher, f"({self.number} of {len(instrument.items)}) {item.text}", ANSWER_BUTTONS)
        return []


for _n in range(1, MAX_ITEMS + 1):  # one registered action per item slot
    _cls = type(f"ActionAskScreenItem{_n}", (_AskScreenItem,), {"number": _n, "__module__": __name__})
    globals()[_cls.__name__] = _cls


# ---------------------------------------------------------------------------- validating

class ValidateScreeningForm(FormValidationAction):
    """Required slots from the instrument; every reply read with parse_reply."""

    def name(self) -> str:
        return "validate_screening_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        if tracker.get_slot(STATUS_SLOT) in ENDED:
            return []
        instrument = current_instrument(tracker)
        if instrument is None:
            return [INSTRUMENT_SLOT] if instruments() else []
        slots = [INSTRUMENT_SLOT, *ITEM_SLOTS[:len(instrument.items)]]
        answers = answers_of(instrument, tracker)
        if len(answers) == len(instrument.items) and score(instrument, answers).band == "positive":
            slots.append(COUNTY_SLOT)
        return slots

    # -- the controls every question accepts

    @staticmethod
    def _order(tracker: Tracker, slot: str) -> list[str]:
        instrument = current_instrument(tracker)
        items = list(ITEM_SLOTS[:len(instrument.items)]) if instrument else []
        return [INSTRUMENT_SLOT, *items, COUNTY_SLOT]

    def _control(self, kind: str, slot: str, dispatcher: CollectingDispatcher,
                 tracker: Tracker) -> dict[str, Any]:
        if kind == "stop":
            cleared = {name: None for name in (*ITEM_SLOTS, COUNTY_SLOT, INSTRUMENT_SLOT)}
            return {**cleared, STATUS_SLOT: "stopped"}
        if kind == "pause":
            return {slot: None, STATUS_SLOT: "paused"}
        # back: clear this answer and the one before it, so the form asks that one again
        order = self._order(tracker, slot)
        position = order.index(slot)
        if position == 0:
            dispatcher.utter_message(response="utter_screening_answer_hint")
            return {slot: None}
        previous = order[position - 1]
        if previous == INSTRUMENT_SLOT:
            dispatcher.utter_message(response="utter_screening_first_question")
        return {slot: None, previous: None}

    def _correct(self, slot: str, number: int, answer: str, dispatcher: CollectingDispatcher,
                 tracker: Tracker) -> dict[str, Any]:
        instrument = current_instrument(tracker)
        if instrument is None or not 1 <= number <= len(instrument.items):
            dispatcher.utter_message(response="utter_screening_not_asked_yet")
            return {slot: None}
        target = ITEM_SLOTS[number - 1]
        if target == slot:
            return {slot: answer}
        if tracker.get_slot(target) not in ANSWERS:
            dispatcher.utter_message(response="utter_screening_not_asked_yet")
            return {slot: None}
        dispatcher.utter_message(text=f"Changed answer {number} to {ANSWER_LABELS[answer]}.")
        return {target: answer, slot: None}

    # -- per slot

    def validate_screening_instrument(self, value: Any, dispatcher: CollectingDispatcher,
                                      tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        available = instruments()
        text = str(value or "")
        chosen = available.get(text) or match_instrument(text, available)
        if chosen is None:
            reply = parse_reply(text)
            if reply.kind in ("stop", "pause"):
                return self._control(reply.kind, INSTRUMENT_SLOT, dispatcher, tracker)
            dispatcher.utter_message(text="Please pick one of the screens, or say 'stop screening'.")
            return {INSTRUMENT_SLOT: None}
        if tracker.get_slot(STATUS_SLOT) != "resumed":
            send(dispatcher, chosen.intro)
            dispatcher.utter_message(response="utter_screening_how_to_answer")
        return {INSTRUMENT_SLOT: chosen.id, STATUS_SLOT: "active"}

    def validate_item(self, number: int, value: Any, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> dict[str, Any]:
        slot = ITEM_SLOTS[number - 1]
        text = str(value or "")
        if text in ANSWERS:  # already canonical (a resumed screen re-validates its answers)
            return {slot: text}
        correction = parse_correction(text)
        if correction:
            return self._correct(slot, correction[0], correction[1], dispatcher, tracker)
        reply = parse_reply(text)
        if reply.kind == "answer" and reply.answer:
            return {slot: reply.answer}
        if reply.kind in ("back", "stop", "pause"):
            return self._control(reply.kind, slot, dispatcher, tracker)
        dispatcher.utter_message(response="utter_screening_answer_hint")
        return {slot: None}

    def validate_screening_county(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        text = str(value or "")
        correction = parse_correction(text)
        if correction:
            return self._correct(COUNTY_SLOT, correction[0], correction[1], dispatcher, tracker)
        reply = parse_reply(text)
        if reply.kind in ("back", "stop", "pause"):
            return self._control(reply.kind, COUNTY_SLOT, dispatcher, tracker)
        if text == SKIPPED_COUNTY or reply.kind == "answer" or intent_of(tracker) in ("skip", "dont_know"):
            return {COUNTY_SLOT: SKIPPED_COUNTY}
        place = place_from_message({**tracker.latest_message, "text": text}, fuzzy=True)
        if place is None:
            dispatcher.utter_message(response="utter_report_county_not_found")
            return {COUNTY_SLOT: None}
        return {COUNTY_SLOT: place.county, "county": place.county}


def _item_validator(number: int) -> Any:
    def validate(self: ValidateScreeningForm, value: Any, dispatcher: CollectingDispatcher,
                 tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        return self.validate_item(number, value, dispatcher, tracker)
    validate.__name__ = f"validate_screen_item_{number}"
    return validate


for _n in range(1, MAX_ITEMS + 1):
    setattr(ValidateScreeningForm, f"validate_screen_item_{_n}", _item_validator(_n))


# ---------------------------------------------------------------------------- ending

class ActionScreeningResult(Action):
    """Runs whenever the form ends: stopped, paused, or complete (score, next steps, record)."""

    def name(self) -> str:
        return "action_screening_result"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        status = tracker.get_slot(STATUS_SLOT)
        if status == "stopped":
            dispatcher.utter_message(response="utter_screening_stopped")
            return [SlotSet(STATUS_SLOT, "done")]
        if status == "paused":
            dispatcher.utter_message(response="utter_screening_paused")
            return []
        instrument = current_instrument(tracker)
        if status == "done" or instrument is None:
            return [SlotSet(STATUS_SLOT, "done")]
        answers = answers_of(instrument, tracker)
        if len(answers) < len(instrument.items):  # ended early without STOP: keep it resumable
            dispatcher.utter_message(response="utter_screening_paused")
            return [SlotSet(STATUS_SLOT, "paused")]
        result = score(instrument, answers)
        send(dispatcher, f"{instrument.title}: {result.yes} yes, {result.unsure} not sure, "
                         f"{result.answered - result.yes - result.unsure} no, {result.skipped} skipped.")
        for message in result.guidance:
            send(dispatcher, message)
        county = tracker.get_slot(COUNTY_SLOT)
        county = None if county in (None, SKIPPED_COUNTY) else str(county)
        if result.band == "positive":
            send(dispatcher, cps_message(county))
            dispatcher.utter_message(response="utter_screening_services_offer")
        else:
            dispatcher.utter_message(response="utter_screening_next")
        store(instrument.id, result.band, result.positive_domains, county)
        return ([SlotSet(RESULT_SLOT, f"{result.band}:{instrument.id}")]
                + reset_events(None, "done"))


def store(instrument_id: str, band: str, domains: tuple[str, ...], county: str | None) -> None:
    """The one de-identified record: no text, no sender id. A failure must not lose the answer."""
    try:
        with session_scope() as session:
            record_screening(session, instrument_id, band, list(domains), county)
    except Exception:  # noqa: BLE001 - the staff member still gets the guidance
        log.exception("screening record not stored (instrument %s, band %s)", instrument_id, band)


class ActionFlowControl(Action):
    """BACK / PAUSE / 'stop screening' when no form is running."""

    def name(self) -> str:
        return "action_flow_control"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        if tracker.get_slot(STATUS_SLOT) == "paused":
            dispatcher.utter_message(response="utter_screening_paused")
        elif tracker.get_slot("audience") == "staff":
            dispatcher.utter_message(response="utter_screening_not_running")
        else:
            dispatcher.utter_message(response="utter_anything_else")
            dispatcher.utter_message(response="utter_menu")
        return []
