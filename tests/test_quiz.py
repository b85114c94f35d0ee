"""Staff quiz: shipped content, validation, answer matching and the final score."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.quiz import DEFAULT_QUIZ, Question, QuizError, check_answer, final_score_message, load_quiz
from bot.screening import read_yaml
from bot.sms_text import is_gsm7


@pytest.fixture(scope="module")
def quiz() -> tuple[Question, ...]:
    return load_quiz()


@pytest.fixture
def raw() -> dict[str, Any]:
    data, error = read_yaml(DEFAULT_QUIZ)
    assert error is None
    return copy.deepcopy(data)


def problems_for(tmp_path: Path, data: Any) -> list[str]:
    path = tmp_path / "quiz.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(QuizError) as caught:
        load_quiz(path)
    return caught.value.problems


def test_shipped_quiz_shape(quiz: tuple[Question, ...]) -> None:
    assert len(quiz) >= 12
    assert len({q.id for q in quiz}) == len(quiz)
    for question in quiz:
        keys = [o.key for o in question.options]
        assert keys in (["a", "b", "c"], ["a", "b", "c", "d"])
        assert sum(o.correct for o in question.options) == 1
        for text in (question.scenario, *(o.text for o in question.options), *(o.feedback for o in question.options)):
            assert text.strip() and len(text) <= 320 and is_gsm7(text), text
            assert "prostitut" not in text.lower()
    # the right answer is not always in the same place
    assert len({next(o.key for o in q.options if o.correct) for q in quiz}) >= 3


def test_shipped_quiz_covers_settings_and_key_lessons(quiz: tuple[Question, ...]) -> None:
    scenarios = " ".join(q.scenario for q in quiz)
    for setting in ("School", "Shelter", "Clinic", "Police", "Child welfare"):
        assert setting in scenarios, setting
    everything = " ".join(scenarios + " ".join(o.text + " " + o.feedback for o in q.options) for q in quiz)
    for lesson in ("48.981", "not a determination", '"Why" questions', "victim", "911", "CyberTipline",
                   "1-888-373-7888"):
        assert lesson in everything, lesson


def test_feedback_says_right_or_not(quiz: tuple[Question, ...]) -> None:
    for question in quiz:
        for option in question.options:
            assert option.feedback.startswith("Right." if option.correct else "Not quite."), (question.id, option.key)


@pytest.mark.parametrize("reply,key", [
    ("a", "a"), ("A", "a"), ("b)", "b"), ("(c)", "c"), ("option b", "b"), ("Option C.", "c"),
    ("answer a", "a"), ("1", "a"), ("2", "b"), ("3", "c"), (" B ", "b"),
])
def test_check_answer_accepts_natural_replies(quiz: tuple[Question, ...], reply: str, key: str) -> None:
    option = check_answer(quiz[0], reply)
    assert option is not None and option.key == key


@pytest.mark.parametrize("reply", ["d", "4", "e", "", "maybe", "option", "0", "ab"])
def test_check_answer_rejects_other_replies(quiz: tuple[Question, ...], reply: str) -> None:
    three = next(q for q in quiz if len(q.options) == 3)
    assert check_answer(three, reply) is None


def test_check_answer_accepts_the_option_text(quiz: tuple[Question, ...]) -> None:
    question = quiz[0]
    assert check_answer(question, question.options[1].text.upper()) == question.options[1]


def test_final_score_message() -> None:
    perfect = final_score_message(14, 14)
    assert perfect.startswith("You got 14 of 14 right.") and "Well done" in perfect
    assert "Good work" in final_score_message(10, 14)
    low = final_score_message(3, 14)
    assert low.startswith("You got 3 of 14 right.") and "warning signs" in low
    for correct in range(0, 15):
        message = final_score_message(correct, 14)
        assert len(message) <= 320 and is_gsm7(message)
    for bad in ((5, 4), (-1, 4), (0, 0)):
        with pytest.raises(ValueError):
            final_score_message(*bad)


def test_validation_too_few_questions(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["questions"] = raw["questions"][:9]
    assert problems_for(tmp_path, raw) == ["quiz.yml: has 9 questions; at least 10 are needed"]


def test_validation_correct_count(tmp_path: Path, raw: dict[str, Any]) -> None:
    first, second = raw["questions"][0], raw["questions"][1]
    for option in first["options"]:
        option["correct"] = True
    for option in second["options"]:
        option["correct"] = False
    problems = problems_for(tmp_path, raw)
    assert f"quiz.yml: question {first['id']}: must have exactly one correct option (has 3)" in problems
    assert f"quiz.yml: question {second['id']}: must have exactly one correct option (has 0)" in problems


def test_validation_keys_and_option_count(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["questions"][0]["options"][1]["key"] = "x"
    raw["questions"][1]["options"] = raw["questions"][1]["options"][:2]
    problems = problems_for(tmp_path, raw)
    qid0, qid1 = raw["questions"][0]["id"], raw["questions"][1]["id"]
    assert f"quiz.yml: question {qid0}: option 2: key must be 'b' (keys run a, b, c, d in order)" in problems
    assert f"quiz.yml: question {qid1}: must have 3 or 4 options" in problems


def test_validation_text_and_duplicate_ids(tmp_path: Path, raw: dict[str, Any]) -> None:
    raw["questions"][2]["options"][0]["feedback"] = "y" * 400
    raw["questions"][3]["scenario"] = "A youth says \u201cnothing happened\u201d."
    raw["questions"][4]["id"] = raw["questions"][5]["id"]
    problems = problems_for(tmp_path, raw)
    assert any(p.startswith(f"quiz.yml: question {raw['questions'][2]['id']}: option a: feedback: text is 400")
               for p in problems)
    assert any(p.startswith(f"quiz.yml: question {raw['questions'][3]['id']}: scenario: text has characters outside GSM-7")
               for p in problems)
    assert f"quiz.yml: question {raw['questions'][5]['id']}: duplicate question id" in problems


def test_validation_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "quiz.yml"
    path.write_text("questions: [\n", encoding="utf-8")
    with pytest.raises(QuizError, match="not valid YAML"):
        load_quiz(path)
    with pytest.raises(QuizError, match="file not found"):
        load_quiz(tmp_path / "none.yml")
