"""Inside the staff forms, the check-in and a request for a person are not read as answers."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_plugins.paused_turns as paused_turns
from rasa_plugins.paused_turns import PERSON_ACTION, form_interruption

ACTIONS = ["action_listen", "action_crisis", "action_handoff_waiting", PERSON_ACTION, "utter_check_in",
           "utter_check_in_es", "screening_form"]


def _tracker(text: str, intent: str, extra: dict[str, Any] | None = None, form: str | None = "screening_form"
             ) -> DialogueStateTracker:
    events: list[Any] = [ActionExecuted("action_listen")]
    if form:
        events += [ActionExecuted(form), ActiveLoop(form), ActionExecuted("action_listen")]
    parse = {"intent": {"name": intent, "confidence": 1.0}, "entities": [], "text": text, **(extra or {})}
    events.append(UserUttered(text, parse["intent"], [], parse))
    return DialogueStateTracker.from_events("staff-1", events)


UNCONFIRMED = {"crisis_unconfirmed": {"from": "crisis_self_harm", "probability": 0.12}}


@pytest.mark.parametrize(("text", "intent", "extra", "expected"), [
    ("i dont want to be here anymore", "nlu_fallback", UNCONFIRMED, "utter_check_in"),
    ("no quiero estar en mi casa, tengo miedo", "nlu_fallback", UNCONFIRMED, "utter_check_in_es"),
    ("/request_human", "request_human", None, PERSON_ACTION),
    ("yes", "affirm", None, None),  # an answer stays an answer
    ("qwzx vbnm", "nlu_fallback", None, None),  # a plain misunderstanding: the form's own hint
])
def test_what_interrupts_a_form(text: str, intent: str, extra: dict | None, expected: str | None) -> None:
    assert form_interruption(_tracker(text, intent, extra), ACTIONS) == expected


def test_outside_a_form_the_usual_actions_answer() -> None:
    """The fallback action gives the check-in and the rules bring a person: nothing to interrupt."""
    assert form_interruption(_tracker("/request_human", "request_human", form=None), ACTIONS) is None
    assert form_interruption(_tracker("i dont want to be here", "nlu_fallback", UNCONFIRMED, form=None),
                             ACTIONS) is None


class _Domain:
    action_names_or_texts = ACTIONS


class _Processor:
    domain = _Domain()


def test_the_prediction_loop_answers_then_waits_without_asking_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    asked_policies: list[bool] = []

    async def run(self: Any, names: tuple[str, ...], channel: Any, tracker: DialogueStateTracker) -> None:
        for name in names:
            ran.append(name)
            tracker.update(ActionExecuted(name))

    async def original(self: Any, channel: Any, tracker: DialogueStateTracker) -> None:
        asked_policies.append(True)

    monkeypatch.setattr(paused_turns, "_run", run)
    monkeypatch.setattr(paused_turns, "_original_loop", original)
    tracker = _tracker("i dont want to be here anymore", "nlu_fallback", UNCONFIRMED)
    asyncio.run(paused_turns._run_prediction_loop(_Processor(), None, tracker))  # type: ignore[arg-type]
    assert ran == ["utter_check_in", "action_listen"] and asked_policies == []

    ran.clear()
    tracker = _tracker("yes", "affirm")
    asyncio.run(paused_turns._run_prediction_loop(_Processor(), None, tracker))  # type: ignore[arg-type]
    assert ran == [] and asked_policies == [True]  # an ordinary answer goes to the form as before
