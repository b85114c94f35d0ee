"""The compiled action-response validator accepts and refuses exactly what Rasa's own does."""
from __future__ import annotations

from typing import Any

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

import rasa_plugins  # noqa: F401 - installs the patch
from rasa_plugins.speedups import _original, _original_resolve, _validate_action_result, resolve_by_type

GOOD: list[dict[str, Any]] = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "need", "value": "food"}, {"event": "pause"}],
     "responses": [{"text": "hi", "buttons": [{"title": "a", "payload": "/x"}]}]},
]
BAD: list[Any] = [
    {"events": [{"no_event_key": 1}], "responses": []},
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": "need"}], "responses": "nope"},
]


def test_installed() -> None:
    assert RemoteAction._validate_action_result is _validate_action_result


@pytest.mark.parametrize("result", GOOD)
def test_valid_responses_pass_both(result: dict[str, Any]) -> None:
    action = RemoteAction("action_x", None)
    assert _validate_action_result(action, result) is True
    assert _original(action, result) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_responses_fail_both_with_the_same_message(result: Any) -> None:
    action = RemoteAction("action_x", None)
    with pytest.raises(ValidationError) as ours:
        _validate_action_result(action, result)
    with pytest.raises(ValidationError) as theirs:
        _original(action, result)
    assert ours.value.message == theirs.value.message
    with pytest.raises(ValidationError):
        validate(result, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("name", ["user", "bot", "action", "slot", "pause", "resume", "session_started",
                                  "active_loop", "followup", "restart", "user_featurization"])
def test_event_types_resolve_as_before(name: str) -> None:
    from rasa.shared.core.events import Event

    assert Event.resolve_by_type(name) is _original_resolve(name) is resolve_by_type(name)


def test_unknown_event_type_keeps_rasas_answers() -> None:
    from rasa.shared.core.events import Event, UserUttered

    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
