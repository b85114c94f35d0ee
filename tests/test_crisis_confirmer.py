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


def _examples(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "extra.yml").write_text(text, encoding="utf-8")
    return folder


def test_extra_examples_are_read_with_their_labels(tmp_path: Path) -> None:
    from bot.crisis_confirmer import load_examples

    folder = _examples(tmp_path / "c", 'crisis:\n  - {text: "he has my id", category: danger}\n'
                                       'not_crisis:\n  - {text: "my gums bleed a bit", kind: minor_injury}\n')
    assert load_examples(folder) == (["he has my id", "my gums bleed a bit"], ["crisis_danger", "not_crisis"])
    assert load_examples(tmp_path / "missing") == ([], [])


@pytest.mark.parametrize(("text", "reason"), [
    ("crisis: [oops", "not valid YAML"),
    ("- just a list", "must hold the lists"),
    ('crisis:\n  - {text: "help", category: weather}\n', "a category out of"),
    ('not_crisis:\n  - {kind: idiom}\n', "needs a text"),
])
def test_bad_example_files_are_refused_with_a_reason(tmp_path: Path, text: str, reason: str) -> None:
    from bot.crisis_confirmer import load_examples

    with pytest.raises(ValueError, match=reason):
        load_examples(_examples(tmp_path / "c", text))


def test_the_cache_fingerprint_follows_the_example_files(tmp_path: Path) -> None:
    from rasa_plugins.safety_override import CrisisOverride

    folder = _examples(tmp_path / "c", "not_crisis:\n  - {text: a}\n")
    before = CrisisOverride.fingerprint_addon({"confirmer_examples": str(folder)})
    (folder / "extra.yml").write_text("not_crisis:\n  - {text: b}\n", encoding="utf-8")
    assert CrisisOverride.fingerprint_addon({"confirmer_examples": str(folder)}) != before
    assert CrisisOverride.fingerprint_addon({}) is None


def test_the_override_trains_its_confirmer_on_the_extra_examples(tmp_path: Path) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from rasa_plugins.safety_override import CrisisOverride

    # the NLU data alone has no look-alike: only the extra file can teach "not a crisis"
    folder = _examples(tmp_path / "c", "not_crisis:\n" + "".join(
        f'  - {{text: "my cat sat on my homework {i}"}}\n' for i in range(5)))
    context = ExecutionContext(GraphSchema({}), "test")
    (tmp_path / "m").mkdir()
    component = CrisisOverride.create({"confirmer_examples": str(folder)}, LocalModelStorage(tmp_path / "m"),
                                      Resource("crisis_override"), context)
    component.train(TrainingData([Message(data={"text": "he hurts me", "intent": "crisis_danger"})]))
    assert component.confirmer is not None
    assert component.confirmer.probability("my cat sat on my homework") < 0.5 < \
        component.confirmer.probability("he hurts me")
