"""Staff actions with real rasa_sdk Trackers, the real domain and a real SQLite database.

``FormDriver`` plays Rasa's part of a form turn (slot candidate -> validation action ->
ask the requested slot) so whole screenings and quizzes run through the real validation
and ask actions, one reply at a time.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import quiz as quiz_actions
from actions import screening as sa_screening
from actions.quiz import ActionQuizEnd, ActionQuizStart, ValidateQuizForm
from actions.screening import (ActionFlowControl, ActionScreeningResult, ActionScreeningResume,
                               ActionScreeningStart, ValidateScreeningForm, parse_correction)
from actions.staff import (ActionAfterReport, ActionHowToReport, ActionReportCounty, ActionWarningMore,
                           ActionWarningSigns, report_pages)
from bot.db import session_scope
from bot.quiz import load_quiz
from bot.reporting_guide import reporting_steps
from bot.screening import load_instruments
from bot.screening_records import ScreeningRecord
from bot.sms_text import MAX_SMS_CHARS, is_gsm7
from bot.warning_signs import load_warning_signs

PROJECT = Path(__file__).resolve().parents[1]
DOMAIN: dict[str, Any] = yaml.safe_load((PROJECT / "domain.yml").read_text())
CRISIS = {"crisis_danger", "crisis_exploitation", "crisis_assault", "crisis_self_harm", "crisis_medical"}


@pytest.fixture
def db(harbor_env: Path) -> Path:
    from bot.migrate import upgrade

    upgrade()
    return harbor_env


def message(text: str, intent: str = "nlu_fallback", entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}


def tracker(slots: dict[str, Any], latest: dict[str, Any], events: list[dict[str, Any]] | None = None,
            loop: str | None = None) -> Tracker:
    return Tracker("staff-test", dict(slots), latest, events or [], False, None,
                   {"name": loop} if loop else {}, "action_listen")


def run(action: Any, t: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, t, DOMAIN)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def said(messages: list[dict[str, Any]]) -> str:
    """Everything the staff member would read (responses expanded from the domain)."""
    texts = []
    for m in messages:
        response = m.get("response")
        texts.append(m.get("text") or (DOMAIN["responses"][response][0]["text"] if response else ""))
    return "\n".join(texts)


def fits_sms(messages: list[dict[str, Any]]) -> None:
    for m in messages:
        if m.get("text"):
            assert len(m["text"]) <= MAX_SMS_CHARS and is_gsm7(m["text"]), m["text"]


class FormDriver:
    """Rasa's side of a form: candidate slot -> validate_<form> -> ask for the requested slot."""

    def __init__(self, form: str, validator: Any, slots: dict[str, Any]) -> None:
        self.form, self.validator, self.slots = form, validator, dict(slots)
        self.active = True
        self.domain_slots = DOMAIN["forms"][form]["required_slots"]

    def _validate(self, candidates: dict[str, Any], latest: dict[str, Any]) -> list[dict[str, Any]]:
        events = [{"event": "user", "text": latest["text"]}, {"event": "action", "name": self.form}]
        events += [{"event": "slot", "name": k, "value": v} for k, v in candidates.items()]
        t = tracker({**self.slots, **candidates}, latest, events, loop=self.form)
        messages, new = run(self.validator, t)
        self.slots.update(candidates)
        self.slots.update(new)
        requested = new["requested_slot"] if "requested_slot" in new else next(
            (s for s in self.domain_slots if self.slots.get(s) is None), None)
        self.slots["requested_slot"] = requested
        if requested is None:
            self.active = False
            return messages
        return messages + self.ask(requested)

    def ask(self, slot: str) -> list[dict[str, Any]]:
        name = f"action_ask_{slot}"
        if f"utter_ask_{slot}" in DOMAIN["responses"]:
            return [{"response": f"utter_ask_{slot}", "text": DOMAIN["responses"][f"utter_ask_{slot}"][0]["text"]}]
        action = next(a for a in (*vars(sa_screening).values(), *vars(quiz_actions).values())
                      if isinstance(a, type) and hasattr(a, "name") and getattr(a, "__module__", "").startswith("actions")
                      and _action_name(a) == name)
        messages, _ = run(action(), tracker(self.slots, message("")))
        return messages

    def activate(self, latest: dict[str, Any]) -> list[dict[str, Any]]:
        prefilled = {s: self.slots[s] for s in self.domain_slots if self.slots.get(s) is not None}
        return self._validate(prefilled, latest)

    def reply(self, text: str, intent: str = "nlu_fallback", entities: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        assert self.active, "form is not active"
        requested = self.slots["requested_slot"]
        if intent in CRISIS:  # the from_text mappings have not_intent for crisis intents
            return []
        return self._validate({requested: text}, message(text, intent, entities))


def _action_name(cls: type) -> str | None:
    try:
        return cls().name()
    except (TypeError, NotImplementedError):
        return None


def start_screening(text: str = "screen a youth", slots: dict[str, Any] | None = None) -> tuple[FormDriver, list[dict[str, Any]]]:
    _, new = run(ActionScreeningStart(), tracker(slots or {}, message(text, "staff_screen")))
    driver = FormDriver("screening_form", ValidateScreeningForm(), {**(slots or {}), **new})
    return driver, driver.activate(message(text, "staff_screen"))


def finish(driver: FormDriver) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    assert not driver.active
    messages, new = run(ActionScreeningResult(), tracker(driver.slots, message("")))
    driver.slots.update(new)
    return messages, new


def records() -> list[ScreeningRecord]:
    with session_scope() as session:
        rows = session.execute(sa.select(ScreeningRecord)).scalars().all()
        session.expunge_all()
        return list(rows)


# ---------------------------------------------------------------------------- screening

def test_start_offers_both_shipped_instruments_then_asks_one_item_at_a_time(db: Path) -> None:
    driver, messages = start_screening()
    buttons = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert sorted(buttons) == sorted(load_instruments())
    messages = driver.reply("greenbaum_short")
    text = said(messages)
    assert "not a determination" in text and "stop screening" in text
    assert messages[-1]["text"].startswith("(1 of 6) ")
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["yes", "no", "not sure", "skip"]
    messages = driver.reply("yeah")
    assert driver.slots["screen_item_1"] == "yes" and messages[-1]["text"].startswith("(2 of 6) ")
    fits_sms(messages)


def test_positive_screen_asks_county_gives_cps_number_and_stores_one_record(db: Path) -> None:
    driver, _ = start_screening("screen a youth with the greenbaum screen")
    assert driver.slots["screening_instrument"] == "greenbaum_short"  # named in the request
    for reply in ("yes", "no", "yes", "nope", "no", "no"):
        messages = driver.reply(reply)
    assert driver.active and driver.slots["requested_slot"] == "screening_county"
    assert messages[-1]["response"] == "utter_ask_screening_county"
    driver.reply("dane county", "inform_location", [{"entity": "county", "value": "dane"}])
    messages, slots = finish(driver)
    text = said(messages)
    assert "Positive screen" in text and "48.981" in text
    assert "Dane County child protective services" in text and "608-261-KIDS" in text
    assert "1-888-373-7888" in text
    assert slots["screening_result"] == "positive:greenbaum_short"
    assert slots["screen_item_1"] is None and slots["screening_status"] == "done"
    fits_sms(messages)
    rows = records()
    assert len(rows) == 1
    row = rows[0]
    assert (row.instrument, row.band, row.county) == ("greenbaum_short", "positive", "Dane")
    assert row.positive_domains == "substance_use,police_contact"
    # nothing that could identify anyone: no sender id, no free text
    assert set(ScreeningRecord.__table__.columns.keys()) == {"id", "instrument", "day", "county", "band", "positive_domains"}
    # running the result action again (a retried turn) does not store a second record
    run(ActionScreeningResult(), tracker(driver.slots, message("")))
    assert len(records()) == 1


def test_positive_screen_with_county_skipped_gives_fallback(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    for reply in ("no", "yes", "no", "no"):
        driver.reply(reply)
    driver.reply("skip", "skip")
    messages, slots = finish(driver)
    assert "dcf.wisconsin.gov" in said(messages) and "sheriff" in said(messages)
    assert slots["screening_result"] == "positive:qyit"
    assert records()[0].county is None and records()[0].positive_domains == "tricked_or_forced"


def test_unknown_county_is_asked_again(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    for reply in ("yes", "no", "no", "no"):
        driver.reply(reply)
    messages = driver.reply("narnia")
    assert messages[0]["response"] == "utter_report_county_not_found" and driver.active
    driver.reply("milwaukee")
    assert driver.slots["screening_county"] == "Milwaukee County" and not driver.active


def test_negative_screen_gives_guidance_and_no_county_question(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("greenbaum_short")
    for reply in ("no", "no", "no", "no", "no", "no"):
        driver.reply(reply)
    assert not driver.active
    messages, slots = finish(driver)
    assert "does not rule out" in said(messages) or "not a determination" in said(messages)
    assert "child protective services (intake)" not in said(messages)
    assert slots["screening_result"] == "negative:greenbaum_short"
    assert [(r.band, r.county, r.positive_domains) for r in records()] == [("negative", None, "")]


def test_unsure_heavy_screen_is_negative_with_concerns(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("2")  # the menu number of the second instrument
    assert driver.slots["screening_instrument"] == list(load_instruments())[1]
    for reply in ("not sure", "idk", "skip", "dont know", "not sure", "no"):
        if driver.active:
            driver.reply(reply)
    messages, slots = finish(driver)
    assert slots["screening_result"].startswith("negative_concerns:")
    assert "again" in said(messages).lower()
    assert records()[0].band == "negative_concerns"


def test_unclear_reply_is_re_asked_with_the_options(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    messages = driver.reply("she seemed nervous")
    assert messages[0]["response"] == "utter_screening_answer_hint"
    assert messages[-1]["text"].startswith("(1 of 4) ") and driver.slots["screen_item_1"] is None


def test_stop_midway_clears_answers_and_saves_nothing(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("greenbaum_short")
    driver.reply("yes")
    driver.reply("yes")
    driver.reply("stop screening")
    assert not driver.active
    messages, slots = finish(driver)
    assert messages[0]["response"] == "utter_screening_stopped"
    assert driver.slots["screen_item_1"] is None and driver.slots["screening_instrument"] is None
    assert records() == [] and "screening_result" not in slots


def test_pause_keeps_answers_and_resume_carries_on(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    driver.reply("no")
    driver.reply("pause")
    assert not driver.active
    messages, _ = finish(driver)
    assert messages[0]["response"] == "utter_screening_paused"
    assert driver.slots["screen_item_1"] == "no" and driver.slots["screening_status"] == "paused"
    messages, new = run(ActionScreeningResume(), tracker(driver.slots, message("resume screening", "screening_resume")))
    assert "question 2 of 4" in said(messages)
    resumed = FormDriver("screening_form", ValidateScreeningForm(), {**driver.slots, **new})
    messages = resumed.activate(message("resume screening", "screening_resume"))
    assert "not a determination" not in said(messages)  # no second introduction
    assert messages[-1]["text"].startswith("(2 of 4) ")
    for reply in ("no", "no", "no"):
        resumed.reply(reply)
    _, slots = finish(resumed)
    assert slots["screening_result"] == "negative:qyit" and len(records()) == 1


def test_resume_with_nothing_paused_starts_a_new_screen(db: Path) -> None:
    messages, new = run(ActionScreeningResume(), tracker({}, message("resume screening", "screening_resume")))
    assert messages[0]["response"] == "utter_screening_nothing_to_resume"
    assert new["screening_status"] == "new" and new["screening_instrument"] is None


def test_back_and_change_correct_earlier_answers(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("greenbaum_short")
    driver.reply("yes")
    driver.reply("no")
    messages = driver.reply("back")  # at item 3: clears item 2 and asks it again
    assert driver.slots["screen_item_2"] is None and messages[-1]["text"].startswith("(2 of 6) ")
    driver.reply("yes")
    messages = driver.reply("change 1 to no")
    assert "Changed answer 1 to no." in said(messages) and driver.slots["screen_item_1"] == "no"
    assert messages[-1]["text"].startswith("(3 of 6) ")
    messages = driver.reply("change 5 to yes")  # not asked yet
    assert messages[0]["response"] == "utter_screening_not_asked_yet" and driver.slots["screen_item_5"] is None
    for reply in ("no", "no", "no", "no"):
        driver.reply(reply)
    _, slots = finish(driver)
    assert slots["screening_result"] == "negative_concerns:greenbaum_short"  # one yes, below the threshold of 2
    assert records()[0].positive_domains == "running_away"


def test_back_at_first_item_returns_to_the_instrument_choice(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    messages = driver.reply("go back")
    assert driver.slots["screening_instrument"] is None
    assert any(m.get("response") == "utter_screening_first_question" for m in messages)
    assert any(b["payload"] == "qyit" for b in messages[-1].get("buttons") or [])


def test_correcting_at_the_county_question_can_make_it_negative(db: Path) -> None:
    driver, _ = start_screening()
    driver.reply("qyit")
    for reply in ("yes", "no", "no", "no"):
        driver.reply(reply)
    assert driver.slots["requested_slot"] == "screening_county"
    driver.reply("change 1 to no")
    assert not driver.active  # no longer positive: nothing more to ask
    _, slots = finish(driver)
    assert slots["screening_result"] == "negative:qyit"


def test_crisis_message_is_not_taken_as_an_answer(db: Path) -> None:
    """Nor a request for a person (the check-in's button): both interrupt the form instead."""
    mappings = [DOMAIN["slots"][f"screen_item_{n}"]["mappings"][0] for n in range(1, 11)]
    mappings += [DOMAIN["slots"][s]["mappings"][0] for s in ("screening_instrument", "screening_county", "quiz_reply")]
    for mapping in mappings:
        assert mapping["type"] == "from_text" and set(mapping["not_intent"]) == CRISIS | {"request_human"}
        assert mapping["conditions"][0]["requested_slot"]


def test_correction_parser() -> None:
    assert parse_correction("change 3 to no") == (3, "no")
    assert parse_correction("Change answer 2 to not sure") == (2, "unsure")
    assert parse_correction("set q4 yes") == (4, "yes")
    assert parse_correction("change 3 to maybe later") == (3, "unsure")
    assert parse_correction("change the subject") is None
    assert parse_correction("yes") is None


def test_flow_control_outside_a_form(db: Path) -> None:
    messages, _ = run(ActionFlowControl(), tracker({"audience": "staff"}, message("back", "flow_control")))
    assert messages[0]["response"] == "utter_screening_not_running"
    messages, _ = run(ActionFlowControl(), tracker({"screening_status": "paused"}, message("back", "flow_control")))
    assert messages[0]["response"] == "utter_screening_paused"
    messages, _ = run(ActionFlowControl(), tracker({}, message("back", "flow_control")))
    assert [m["response"] for m in messages] == ["utter_anything_else", "utter_menu"]


# ---------------------------------------------------------------------------- reporting

def test_how_to_report_names_cps_and_law_enforcement_then_asks_county(db: Path) -> None:
    messages, slots = run(ActionHowToReport(), tracker({}, message(
        "how do I report suspected child trafficking in Wisconsin", "ask_how_to_report")))
    text = said(messages)
    assert "child protective services" in text and ("sheriff" in text or "police" in text)
    assert messages[-1]["response"] == "utter_ask_report_county"
    fits_sms(messages)


def test_dane_county_gives_danes_cps_number(db: Path) -> None:
    messages, slots = run(ActionReportCounty(), tracker({}, message(
        "dane county", "inform_location", [{"entity": "county", "value": "dane"}])))
    assert "Dane County child protective services" in messages[0]["text"] and "608-261-KIDS" in messages[0]["text"]
    assert slots["county"] == "Dane County"


def test_skipped_or_unknown_county(db: Path) -> None:
    messages, _ = run(ActionReportCounty(), tracker({}, message("skip", "skip")))
    assert "dcf.wisconsin.gov" in messages[0]["text"]
    messages, slots = run(ActionReportCounty(), tracker({}, message("atlantis", "inform_location")))
    assert messages[0]["response"] == "utter_report_county_not_found" and "county" not in slots


def test_more_pages_through_the_rest_of_the_guide(db: Path) -> None:
    slots: dict[str, Any] = {"staff_more_index": 0.0}
    seen: list[str] = []
    for _ in range(10):
        messages, new = run(ActionAfterReport(), tracker(slots, message("more", "more")))
        if messages[0].get("response") == "utter_staff_menu":
            break
        seen += [m["text"] for m in messages]
        slots.update(new)
    assert len(seen) >= len(report_pages()) and "CyberTipline" in " ".join(seen)
    assert reporting_steps()[0] not in seen  # the first steps were already given


# ---------------------------------------------------------------------------- warning signs

def test_warning_signs_list_area_and_more(db: Path) -> None:
    areas = load_warning_signs()
    messages, slots = run(ActionWarningSigns(), tracker({}, message("warning signs", "ask_warning_signs")))
    assert messages[0]["response"] == "utter_warning_signs"
    assert len(messages[1]["buttons"]) == len(areas)
    area = next(a for a in areas if a.more)
    payload = messages[1]["buttons"][areas.index(area)]["payload"]
    assert area.id in payload
    messages, slots = run(ActionWarningSigns(), tracker({}, message(
        payload, "ask_warning_signs", [{"entity": "warning_area", "value": area.id}])))
    assert area.summary.split()[0] in messages[0]["text"] and slots["warning_area"] == area.id
    assert messages[-1]["buttons"][0]["payload"] == "/more"
    messages, new = run(ActionWarningMore(), tracker({**slots}, message("more", "more")))
    assert " ".join(area.more[0].split())[:40] in messages[0]["text"]
    fits_sms(messages)
    # after the last detail, the list of areas again
    slots.update(new, staff_more_index=float(len(area.more)))
    messages, _ = run(ActionWarningMore(), tracker(slots, message("more", "more")))
    assert messages[-1]["response"] == "utter_warning_signs_pick"


# ---------------------------------------------------------------------------- quiz

def start_quiz() -> tuple[FormDriver, list[dict[str, Any]]]:
    messages, new = run(ActionQuizStart(), tracker({}, message("quiz me", "staff_quiz")))
    assert messages[0]["response"] == "utter_quiz_intro"
    driver = FormDriver("quiz_form", ValidateQuizForm(), new)
    return driver, driver.activate(message("quiz me", "staff_quiz"))


def test_quiz_all_questions_feedback_and_final_score(db: Path) -> None:
    questions = load_quiz()
    driver, messages = start_quiz()
    assert f"Question 1 of {len(questions)}" in said(messages)
    assert [b["payload"] for b in messages[-1]["buttons"]] == [o.key for o in questions[0].options]
    right = 0
    for number, question in enumerate(questions):
        option = question.options[0]
        right += option.correct
        messages = driver.reply(option.key)
        assert " ".join(option.feedback.split())[:30] in said(messages)
        if number + 1 < len(questions):
            assert f"Question {number + 2} of" in said(messages)
    assert not driver.active
    messages, _ = run(ActionQuizEnd(), tracker(driver.slots, message("")))
    assert f"You got {right} of {len(questions)} right." in messages[0]["text"]


def test_quiz_unclear_answer_and_stop(db: Path) -> None:
    driver, _ = start_quiz()
    messages = driver.reply("hmm")
    assert messages[0]["response"] == "utter_quiz_answer_hint" and driver.slots["quiz_index"] == 0
    correct = next(o for o in load_quiz()[0].options if o.correct)
    driver.reply(correct.key)
    driver.reply("stop quiz")
    assert not driver.active
    messages, _ = run(ActionQuizEnd(), tracker(driver.slots, message("")))
    assert "Quiz stopped. You got 1 of 1 right so far." in messages[0]["text"]
