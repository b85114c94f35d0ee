"""Crisis first, and never silent during a handoff: two guarantees in Rasa's prediction loop.

1. A crisis intent (from either detector layer) runs ``action_crisis`` before any
   policy is asked, so no story, rule, form or low-confidence prediction can
   swallow it. The rules in data/rules/crisis.yml say the same for training.
2. Rasa 3.6 predicts nothing for a paused conversation (``ConversationPaused``,
   its native human-handoff switch): the message is stored and nobody answers. A
   youth who writes "he's back" while waiting for an advocate must still get the
   emergency answer in that same turn, and every other message an
   acknowledgement, so paused conversations run ``action_handoff_waiting``.
Both then log ``action_listen``, as a normal turn would, so that after the
advocate hands back (``ConversationResumed``) the rules match again.
3. A paused conversation whose request is no longer open (closed by an advocate, or
   after 15 minutes of the youth's silence) is resumed before the message is
   handled, so a youth who comes back is answered by the bot, not told to wait.
4. Inside a form (the staff screening and quiz), two messages are not answers: a
   crisis the model saw but the confirmer did not (the check-in: 911, 988 and a
   person one tap away, as anywhere else) and a request for a person (the check-in's
   own button). Without this the form read both as answers and asked again.
"""
from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, USER_INTENT_RESTART
from rasa.shared.core.events import ActionExecuted, BotUttered, ConversationResumed, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

CRISIS_ACTION = "action_crisis"
WAITING_ACTION = "action_handoff_waiting"
PERSON_ACTION = "action_request_human"
PERSON_INTENT = "request_human"
UNCONFIRMED_KEY = "crisis_unconfirmed"  # set by rasa_plugins.safety_override
POLICY_NAME = "HarborSafetyFirst"
_original_loop = MessageProcessor._run_prediction_loop


async def _run(self: MessageProcessor, names: tuple[str, ...], output_channel: OutputChannel,
               tracker: DialogueStateTracker) -> None:
    for name in names:
        prediction = PolicyPrediction.for_action_name(self.domain, name, POLICY_NAME)
        await self._run_action(self._get_action(name), tracker, output_channel, self.nlg, prediction)


def _request_still_open(sender_id: str) -> bool:
    """Closes the request first if the youth was silent too long (nothing is sent)."""
    from bot.db import session_scope
    from bot.handoff import close_handoff, open_handoff_for, silence_close_after
    from bot import clock

    with session_scope() as session:
        handoff = open_handoff_for(session, sender_id)
        if handoff is None:
            return False
        now = clock.now()
        if now - (handoff.last_youth_at or handoff.created_at) >= silence_close_after():
            close_handoff(handoff, "no response", now)
            return False
        return True


def _local_crisis_answer(tracker: DialogueStateTracker, intent: str, actions: list[str]) -> str:
    """The emergency template Rasa can send by itself when the action server did not answer
    (down, or its database failing): a crisis never goes unanswered."""
    from bot.language import is_spanish

    message = tracker.latest_message
    detected = (message.parse_data.get("crisis") or {}) if message else {}
    spanish = detected.get("language") == "es" or is_spanish((message.text if message else "") or "")
    name = f"utter_{intent}{'_es' if spanish else ''}"
    return name if name in actions else "utter_crisis_danger"


def form_interruption(tracker: DialogueStateTracker, actions: list[str]) -> str | None:
    """The action to run instead of the active form for this message, if any (point 4 above)."""
    message = tracker.latest_message
    if not tracker.active_loop_name or message is None:
        return None
    if message.intent.get(INTENT_NAME_KEY) == PERSON_INTENT:
        return PERSON_ACTION if PERSON_ACTION in actions else None
    if message.parse_data.get(UNCONFIRMED_KEY):  # type: ignore[call-overload]
        from bot.language import in_their_language

        name = in_their_language("utter_check_in", message.text or "")
        return name if name in actions else None
    return None


def _answering_a_new_message(tracker: DialogueStateTracker) -> bool:
    """True when no action has run since the latest user message (not a reminder or follow-up)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


async def _run_prediction_loop(self: MessageProcessor, output_channel: OutputChannel,
                               tracker: DialogueStateTracker) -> Any:
    actions = self.domain.action_names_or_texts
    intent = tracker.latest_message.intent.get(INTENT_NAME_KEY) if tracker.latest_message else None
    fresh_turn = _answering_a_new_message(tracker)
    if intent == USER_INTENT_RESTART or WAITING_ACTION not in actions:
        return await _original_loop(self, output_channel, tracker)
    if tracker.is_paused() and fresh_turn and not _request_still_open(tracker.sender_id):
        tracker.update(ConversationResumed())
    if tracker.is_paused():
        before = len(tracker.events)
        await _run(self, (WAITING_ACTION,), output_channel, tracker)
        if not any(isinstance(e, BotUttered) for e in list(tracker.events)[before:]):
            local = (_local_crisis_answer(tracker, intent, actions) if intent and intent.startswith("crisis_")
                     else "utter_handoff_waiting")
            await _run(self, (local,), output_channel, tracker)
        if tracker.latest_action_name != ACTION_LISTEN_NAME:
            await _run(self, (ACTION_LISTEN_NAME,), output_channel, tracker)
        return None
    if fresh_turn and intent and intent.startswith("crisis_") and CRISIS_ACTION in actions:
        before = len(tracker.events)
        await _run(self, (CRISIS_ACTION,), output_channel, tracker)
        if not any(isinstance(e, BotUttered) for e in list(tracker.events)[before:]):
            await _run(self, (_local_crisis_answer(tracker, intent, actions),), output_channel, tracker)
        return await _run(self, (ACTION_LISTEN_NAME,), output_channel, tracker)
    interruption = form_interruption(tracker, actions) if fresh_turn else None
    if interruption:
        # like a crisis inside a form: answer, then wait; the form carries on with the next message
        await _run(self, (interruption,), output_channel, tracker)
        if tracker.latest_action_name != ACTION_LISTEN_NAME:
            await _run(self, (ACTION_LISTEN_NAME,), output_channel, tracker)
        return None
    await _original_loop(self, output_channel, tracker)
    if tracker.is_paused() and tracker.latest_action_name != ACTION_LISTEN_NAME:
        await _run(self, (ACTION_LISTEN_NAME,), output_channel, tracker)
    return None


def install() -> None:
    """Idempotent: replace the prediction loop once per process."""
    if MessageProcessor._run_prediction_loop is not _run_prediction_loop:
        MessageProcessor._run_prediction_loop = _run_prediction_loop  # type: ignore[method-assign]
