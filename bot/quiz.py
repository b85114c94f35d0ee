"""Staff training quiz: scenario questions from ``data/staff/quiz.yml``.

Each question has three or four options (a, b, c[, d]), exactly one correct, and
feedback on every option, so a wrong answer still teaches something. Replies are
read generously ("B", "b)", "option b", "2") because staff type on phones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from bot.screening import read_yaml, sms_text_problem
from bot.settings import PROJECT_ROOT

DEFAULT_QUIZ = PROJECT_ROOT / "data" / "staff" / "quiz.yml"
MIN_QUESTIONS = 10
KEYS = ("a", "b", "c", "d")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    scenario: str
    options: tuple[Option, ...]


class QuizError(ValueError):
    """The quiz file is invalid; ``problems`` lists each reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("quiz file is invalid: " + "; ".join(self.problems))


class _Problems:
    """Collects "file: question <id>: reason" lines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[str] = []

    @property
    def count(self) -> int:
        return len(self.items)

    def __call__(self, label: str, reason: str) -> None:
        self.items.append(f"{self.name}: question {label}: {reason}")


def _parse_question(raw: Any, position: int, seen: set[str], problem: _Problems) -> Question | None:
    label = f"#{position}"
    if not isinstance(raw, Mapping):
        problem(label, "must be a mapping with id, scenario and options")
        return None
    qid = raw.get("id")
    if not isinstance(qid, str) or not _SLUG.match(qid):
        problem(label, "missing or malformed 'id'")
        qid = None
    else:
        label = qid
        if qid in seen:
            problem(label, "duplicate question id")
        seen.add(qid)
    start = problem.count
    reason = sms_text_problem(raw.get("scenario"))
    if reason:
        problem(label, f"scenario: {reason}")
    raw_options = raw.get("options")
    if not isinstance(raw_options, list) or not 3 <= len(raw_options) <= 4:
        problem(label, "must have 3 or 4 options")
        return None
    options: list[Option] = []
    for index, opt in enumerate(raw_options):
        expected = KEYS[index]
        if not isinstance(opt, Mapping):
            problem(label, f"option {expected}: must be a mapping with key, text, correct, feedback")
            continue
        if opt.get("key") != expected:
            problem(label, f"option {index + 1}: key must be '{expected}' (keys run a, b, c, d in order)")
        for field in ("text", "feedback"):
            reason = sms_text_problem(opt.get(field))
            if reason:
                problem(label, f"option {expected}: {field}: {reason}")
        if not isinstance(opt.get("correct", False), bool):
            problem(label, f"option {expected}: 'correct' must be true or false")
        options.append(Option(key=expected, text=str(opt.get("text", "")), correct=opt.get("correct") is True,
                              feedback=str(opt.get("feedback", ""))))
    correct = sum(1 for opt in options if opt.correct)
    if correct != 1:
        problem(label, f"must have exactly one correct option (has {correct})")
    if problem.count > start or qid is None:
        return None
    return Question(id=qid, scenario=raw["scenario"], options=tuple(options))


def load_quiz(path: Path = DEFAULT_QUIZ) -> tuple[Question, ...]:
    """Load and validate the quiz; raise QuizError listing every problem."""
    path = Path(path)
    data, error = read_yaml(path)
    if error:
        raise QuizError([f"{path.name}: {error}"])
    raw_questions = data.get("questions") if isinstance(data, Mapping) else None
    if not isinstance(raw_questions, list):
        raise QuizError([f"{path.name}: missing 'questions' list"])
    problems = _Problems(path.name)
    seen: set[str] = set()
    questions = [_parse_question(raw, n, seen, problems) for n, raw in enumerate(raw_questions, start=1)]
    if len(raw_questions) < MIN_QUESTIONS:
        problems.items.append(f"{path.name}: has {len(raw_questions)} questions; at least {MIN_QUESTIONS} are needed")
    if problems.items:
        raise QuizError(problems.items)
    return tuple(q for q in questions if q is not None)


_PREFIX = re.compile(r"^(?:option|answer|choice|letter|it'?s|its|i pick|i choose|i say)\s+")


def check_answer(question: Question, reply: str) -> Option | None:
    """The option a reply picks ("a", "B", "b)", "(c)", "option b", "2" -> b), or None."""
    text = " ".join((reply or "").lower().split())
    text = text.strip(" .!?")
    text = _PREFIX.sub("", text)
    text = text.strip(" ()[].:-")
    keys = [opt.key for opt in question.options]
    if text in keys:
        return question.options[keys.index(text)]
    if text.isdigit() and 1 <= int(text) <= len(question.options):
        return question.options[int(text) - 1]
    for opt in question.options:  # the option's own words typed back
        if text and text == " ".join(opt.text.lower().split()).strip(" .!?"):
            return opt
    return None


def final_score_message(correct: int, total: int) -> str:
    """One SMS-length closing message with the score and a next step."""
    if total <= 0 or not 0 <= correct <= total:
        raise ValueError("score must satisfy 0 <= correct <= total and total > 0")
    head = f"You got {correct} of {total} right."
    if correct == total:
        tail = "Well done. You know the signs, how to report in Wisconsin, and how to treat youth as victims."
    elif correct * 10 >= total * 7:
        tail = "Good work. Look back at the feedback on the ones you missed."
    else:
        tail = ("This is hard material and practice helps. Try 'warning signs' and 'how to report', "
                "then take the quiz again.")
    return f"{head} {tail} Say 'quiz' to try again or 'staff menu' for other options."
