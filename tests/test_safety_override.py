"""The NLU override: the keyword layer wins over the model, and the safe-now rule applies to both."""
from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_plugins.safety_override import CrisisOverride


def parsed(text: str, intent: str, confidence: float = 0.8) -> dict[str, Any]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                            "intent_ranking": [{"name": intent, "confidence": confidence}]})
    CrisisOverride().process([message])
    return message.as_dict(only_output_properties=False)


def test_keywords_override_a_calm_model_guess() -> None:
    result = parsed("im scared hes gonna hurt me", "greet", 0.4)
    assert result["intent"] == {"name": "crisis_danger", "confidence": 1.0}
    assert result["crisis"]["category"] == "danger" and "text" not in result["crisis"]


@pytest.mark.parametrize("text", [
    "i was trafficked two years ago but im safe now and want counseling",
    "he used to hit me but hes in jail now, im ok",
])
def test_model_crisis_on_a_past_and_safe_now_disclosure_becomes_support(text: str) -> None:
    result = parsed(text, "crisis_exploitation", 0.9)
    assert result["intent"]["name"] == "need_talk"
    assert result["crisis_demoted"] == {"from": "crisis_exploitation", "reason": "past_and_safe_now"}


@pytest.mark.parametrize("text", ["i was raped last night but im safe now", "he found me again, i was safe"])
def test_recent_or_present_danger_is_never_demoted(text: str) -> None:
    result = parsed(text, "crisis_assault", 0.9)
    assert result["intent"]["name"].startswith("crisis_")
    assert "crisis_demoted" not in result
