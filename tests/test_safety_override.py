"""The NLU override: the keyword layer wins over the model, and the safe-now rule applies to both."""
from __future__ import annotations

from pathlib import Path
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


def _after_fallback(text: str, ranking: list[tuple[str, float]]) -> dict[str, Any]:
    """As the pipeline leaves a message after FallbackClassifier: nlu_fallback on top when ambiguous."""
    rows = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": rows[0], "intent_ranking": rows})
    CrisisOverride().process([message])
    return message.as_dict(only_output_properties=False)


def test_a_keyword_crisis_survives_an_ambiguity_fallback() -> None:
    """Found in session 3: DIET sure of two intents made the fallback swallow the keyword crisis."""
    result = _after_fallback("somebody is selling me and i dont know how to stop it",
                             [("nlu_fallback", 0.55), ("crisis_self_harm", 0.97), ("crisis_exploitation", 0.95)])
    assert result["intent"]["name"].startswith("crisis_") and result["intent"]["confidence"] == 1.0
    assert all(r["name"] != "nlu_fallback" for r in result["intent_ranking"])


def test_a_model_crisis_lost_only_to_ambiguity_is_restored() -> None:
    result = _after_fallback("it keeps getting worse and i cant tell anyone",
                             [("nlu_fallback", 0.55), ("crisis_assault", 0.35), ("crisis_danger", 0.30)])
    assert result["intent"]["name"] == "nlu_fallback"  # too unsure even for a crisis: not restored
    result = _after_fallback("it keeps getting worse and i cant tell anyone",
                             [("nlu_fallback", 0.55), ("crisis_assault", 0.62), ("crisis_danger", 0.60)])
    assert result["intent"] == {"name": "crisis_assault", "confidence": 0.62}
    assert result["crisis_restored"] == {"reason": "ambiguous_fallback"}


def test_an_ambiguous_non_crisis_stays_a_fallback() -> None:
    result = _after_fallback("what about the other one", [("nlu_fallback", 0.55), ("need_food", 0.7),
                                                          ("need_shelter", 0.68)])
    assert result["intent"]["name"] == "nlu_fallback"


def _with_vocabulary(text: str, intent: str, confidence: float, vocabulary: set[str]) -> dict[str, Any]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                            "intent_ranking": [{"name": intent, "confidence": confidence}]})
    CrisisOverride(vocabulary=frozenset(vocabulary)).process([message])
    return message.as_dict(only_output_properties=False)


def test_a_model_crisis_on_words_never_seen_in_training_gets_the_fallback() -> None:
    """Found in session 3: DIET called "qwzx vbnm plok" a crisis (0.79) from character n-grams."""
    result = _with_vocabulary("qwzx vbnm plok", "crisis_danger", 0.79, {"help", "me", "fone"})
    assert result["intent"]["name"] == "nlu_fallback"
    assert result["crisis_unintelligible"] == {"from": "crisis_danger"}


def test_one_known_word_keeps_the_model_crisis() -> None:
    result = _with_vocabulary("thay tuk my fone", "crisis_danger", 0.9, {"my", "fone"})
    assert result["intent"]["name"] == "crisis_danger"


def test_a_keyword_crisis_is_never_called_unintelligible() -> None:
    result = _with_vocabulary("plz hlp", "greet", 0.4, set())
    assert result["intent"]["name"].startswith("crisis_")
    result = _with_vocabulary("im scared hes gonna hurt me", "greet", 0.4, {"unrelated"})
    assert result["intent"]["name"].startswith("crisis_")


def test_the_training_vocabulary_survives_persist_and_load(tmp_path: Path) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage = LocalModelStorage(tmp_path)
    resource = Resource("crisis_override")
    context = ExecutionContext(GraphSchema({}), "test")
    component = CrisisOverride.create({}, storage, resource, context)
    component.train(TrainingData([Message(data={"text": "Help me, plz!", "intent": "crisis_danger"}),
                                  Message(data={"text": "Hi", "intent": "greet"})]))
    loaded = CrisisOverride.load({}, storage, resource, context)
    assert loaded.vocabulary == frozenset({"help", "me", "plz", "hi"})
    assert loaded.confirmer is not None
    assert loaded.confirmer.probability("help me plz") == pytest.approx(component.confirmer.probability("help me plz"))


class _Confirmer:
    """Stands in for the trained confirmer: a fixed probability, and a record of what it was asked."""

    def __init__(self, probability: float) -> None:
        self.value = probability
        self.asked: list[str] = []

    def probability(self, text: str) -> float:
        self.asked.append(text)
        return self.value


def _with_confirmer(text: str, intent: str, confidence: float, confirmer: _Confirmer) -> dict[str, Any]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence},
                            "intent_ranking": [{"name": intent, "confidence": confidence},
                                               {"name": "need_school", "confidence": 1 - confidence}]})
    CrisisOverride(confirmer=confirmer).process([message])  # type: ignore[arg-type]
    return message.as_dict(only_output_properties=False)


def test_an_unconfirmed_model_crisis_gets_the_fallback() -> None:
    result = _with_confirmer("any free tutoring for algebra", "crisis_assault", 0.99, _Confirmer(0.1))
    assert result["intent"] == {"name": "nlu_fallback", "confidence": 1.0}
    assert result["crisis_unconfirmed"] == {"from": "crisis_assault", "probability": 0.1}
    assert "crisis" not in result


def test_a_confirmed_model_crisis_stays() -> None:
    from bot.crisis_confirmer import CONFIRM_MIN_PROBABILITY

    result = _with_confirmer("they keep me here", "crisis_danger", 0.7, _Confirmer(CONFIRM_MIN_PROBABILITY))
    assert result["intent"]["name"] == "crisis_danger"
    assert "crisis_unconfirmed" not in result


def test_a_keyword_crisis_is_never_second_guessed() -> None:
    confirmer = _Confirmer(0.0)
    result = _with_confirmer("im scared hes gonna hurt me", "greet", 0.9, confirmer)
    assert result["intent"]["name"] == "crisis_danger" and result["crisis"]["source"] == "keywords"
    assert confirmer.asked == []


def test_non_crisis_intents_do_not_ask_the_confirmer() -> None:
    confirmer = _Confirmer(0.0)
    result = _with_confirmer("where can i get free tutoring", "need_school", 0.9, confirmer)
    assert result["intent"]["name"] == "need_school" and confirmer.asked == []


def test_a_model_without_a_confirmer_keeps_every_model_crisis() -> None:
    message = Message(data={"text": "they keep me here", "intent": {"name": "crisis_danger", "confidence": 0.7},
                            "intent_ranking": [{"name": "crisis_danger", "confidence": 0.7}]})
    CrisisOverride(confirmer=None).process([message])
    assert message.get("intent")["name"] == "crisis_danger"
