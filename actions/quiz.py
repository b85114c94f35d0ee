"""Staff practice quiz as a Rasa form: one scenario at a time, feedback on each answer, a score.

The form keeps asking ``quiz_reply`` until every question is answered or the staff member
says 'stop quiz'; ``action_quiz_end`` then gives the score. Questions, options and feedback
are data (bot.quiz, data/staff/quiz.yml). Nothing about the answers is stored outside this
conversation.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.staff import MENU_BUTTON, send
from bot.quiz import Question, QuizError, check_answer, final_score_message, load_quiz
from bot.screening import parse_reply

log = logging.getLogger(__name__)

REPLY_SLOT = "quiz_reply"
STOP_WORDS = {"stop quiz", "end quiz", "quit quiz", "stop the quiz", "end the quiz", "cancel quiz",
              "exit quiz", "no more questions"}


def questions() -> tuple[Question, ...]:
    try:
        return load_quiz()
    except QuizError as error:
        log.error("quiz not loaded: %s", error)
        return ()


def position(tracker: Tracker) -> tuple[int, int]:
    """(questions answered, right answers) from the slots."""
    return int(tracker.get_slot("quiz_index") or 0), int(tracker.get_slot("quiz_correct") or 0)


def wants_to_stop(text: str) -> bool:
    norm = " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
    return norm in STOP_WORDS or parse_reply(norm).kind in ("stop", "pause")


class ActionQuizStart(Action):
    def name(self) -> str:
        return "action_quiz_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        if not questions():
            dispatcher.utter_message(response="utter_quiz_unavailable")
            return [SlotSet("quiz_status", "done")]
        dispatcher.utter_message(response="utter_quiz_intro")
        return [SlotSet("quiz_index", 0.0), SlotSet("quiz_correct", 0.0), SlotSet(REPLY_SLOT, None),
                SlotSet("quiz_status", "active")]


class ActionAskQuizReply(Action):
    """The current scenario and its options (a, b, c as buttons)."""

    def name(self) -> str:
        return "action_ask_quiz_reply"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        quiz = questions()
        index, _ = position(tracker)
        if index >= len(quiz):
            return []
        question = quiz[index]
        send(dispatcher, f"Question {index + 1} of {len(quiz)}. {question.scenario}")
        options = "\n".join(f"{opt.key}) {opt.text}" for opt in question.options)
        send(dispatcher, options, [{"title": opt.key, "payload": opt.key} for opt in question.options])
        return []


class ValidateQuizForm(FormValidationAction):
    def name(self) -> str:
        return "validate_quiz_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        index, _ = position(tracker)
        if tracker.get_slot("quiz_status") != "active" or index >= len(questions()):
            return []
        return [REPLY_SLOT]

    def validate_quiz_reply(self, value: Any, dispatcher: CollectingDispatcher,
                            tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        quiz = questions()
        index, correct = position(tracker)
        text = str(value or "")
        if index >= len(quiz):
            return {REPLY_SLOT: None, "quiz_status": "done"}
        option = check_answer(quiz[index], text)
        if option is None:
            if wants_to_stop(text):
                return {REPLY_SLOT: None, "quiz_status": "stopped"}
            dispatcher.utter_message(response="utter_quiz_answer_hint")
            return {REPLY_SLOT: None}
        send(dispatcher, option.feedback)
        index, correct = index + 1, correct + int(option.correct)
        slots: dict[str, Any] = {REPLY_SLOT: None, "quiz_index": float(index), "quiz_correct": float(correct)}
        if index >= len(quiz):
            slots["quiz_status"] = "done"
        return slots


class ActionQuizEnd(Action):
    """After the form: the final score, or the score so far when stopped early."""

    def name(self) -> str:
        return "action_quiz_end"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any]) -> list[EventType]:
        index, correct = position(tracker)
        total = len(questions())
        if tracker.get_slot("quiz_status") == "stopped":
            so_far = f" You got {correct} of {index} right so far." if index else ""
            send(dispatcher, f"Quiz stopped.{so_far} Say 'quiz' to start again any time.", [MENU_BUTTON])
        elif total and index >= total:
            send(dispatcher, final_score_message(correct, total), [MENU_BUTTON])
        return [SlotSet("quiz_status", "done"), SlotSet(REPLY_SLOT, None)]
