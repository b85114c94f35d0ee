"""Never silent during a handoff.

Rasa 3.6 predicts no action at all for a paused conversation (``ConversationPaused``,
its native human-handoff switch): the message is stored and nothing is answered. A
youth who writes "he's back" while waiting for an advocate must still get the
emergency answer in that same turn, and every other message an acknowledgement.
So for paused conversations the processor runs one Harbor action,
``action_handoff_waiting``, then listens. Everything else about pausing stays Rasa's.
"""
from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import OutputChannel
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME, USER_INTENT_RESTART
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

WAITING_ACTION = "action_handoff_waiting"
POLICY_NAME = "HarborPausedTurn"
_original_loop = MessageProcessor._run_prediction_loop


async def _run_prediction_loop(self: MessageProcessor, output_channel: OutputChannel,
                               tracker: DialogueStateTracker) -> Any:
    restarting = tracker.latest_message is not None and \
        tracker.latest_message.intent.get(INTENT_NAME_KEY) == USER_INTENT_RESTART
    if not tracker.is_paused() or restarting or WAITING_ACTION not in self.domain.action_names_or_texts:
        return await _original_loop(self, output_channel, tracker)
    for name in (WAITING_ACTION, ACTION_LISTEN_NAME):
        prediction = PolicyPrediction.for_action_name(self.domain, name, POLICY_NAME)
        await self._run_action(self._get_action(name), tracker, output_channel, self.nlg, prediction)
    return None


def install() -> None:
    """Idempotent: replace the prediction loop once per process."""
    if MessageProcessor._run_prediction_loop is not _run_prediction_loop:
        MessageProcessor._run_prediction_loop = _run_prediction_loop  # type: ignore[method-assign]
