"""The crisis confirmer: learnt from Harbor's own NLU data, saved and loaded with the model."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from bot.crisis_confirmer import CONFIRM_MIN_PROBABILITY, CrisisConfirmer

NLU = Path(__file__).resolve().parents[1] / "data" / "nlu"


@pytest.fixture(scope="module")
def confirmer() -> CrisisConfirmer:
    data = load_data(str(NLU))
    examples = data.intent_examples
    return CrisisConfirmer.train([e.get("text") for e in examples], [e.get("intent") for e in examples])


@pytest.mark.parametrize("text", [
    "he wont let me leave the motel room",
    "i want to kill myself tonight",
    "my friend took a bunch of pills and wont wake up",
    "no me deja salir de la casa",
])
def test_clear_crises_are_confirmed(confirmer: CrisisConfirmer, text: str) -> None:
    assert confirmer.probability(text) >= 0.5
    assert confirmer.confirms(text)


@pytest.mark.parametrize("text", [
    "where can i find free tutoring for algebra near green bay",
    "what time does the food pantry open on saturday",
    "thanks, that helps a lot",
])
def test_everyday_requests_are_not(confirmer: CrisisConfirmer, text: str) -> None:
    assert confirmer.probability(text) < CONFIRM_MIN_PROBABILITY
    assert not confirmer.confirms(text)


def test_it_needs_both_kinds_of_example() -> None:
    with pytest.raises(ValueError, match="crisis and non-crisis"):
        CrisisConfirmer.train(["help me", "he hurts me"], ["crisis_danger", "crisis_assault"])


def test_save_and_load_give_the_same_answers(confirmer: CrisisConfirmer, tmp_path: Path) -> None:
    path = tmp_path / "confirmer.pkl"
    confirmer.save(path)
    loaded = CrisisConfirmer.load(path)
    for text in ("he wont let me leave", "hi there", ""):
        assert loaded.probability(text) == pytest.approx(confirmer.probability(text))


def test_loading_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.pkl"
    path.write_bytes(pickle.dumps({"not": "a pipeline"}))
    with pytest.raises(ValueError, match="does not hold a crisis confirmer"):
        CrisisConfirmer.load(path)
