"""Fixed keywords are parsed once and then answered from memory; nothing else is remembered."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Iterator

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.trackers import DialogueStateTracker

import rasa_plugins  # noqa: F401  (installs the fast path, as `rasa run` does)
from bot import safety
from rasa_plugins import fast_path
from tests.conftest import MODEL


def test_no_fixed_text_is_a_crisis_for_the_keyword_layer() -> None:
    texts = sorted(fast_path.fixed_texts())
    assert len(texts) > 800  # keywords, counties with and without "county", cities
    assert [t for t in texts if safety.detect(t) is not None] == []


@pytest.mark.parametrize("text, fixed", [
    ("more", True), ("MORE", True), (" More. ", True), ("thank you!", True), ("Dane County", True),
    ("milwaukee", True), ("hola", True),
    ("more of that please, he is outside", False), ("im scared hes gonna hurt me", False),
    ("call me at 608-555-0199", False), ("", False), (None, False),
])
def test_only_listed_texts_are_fixed(text: Any, fixed: bool) -> None:
    assert fast_path.is_fixed(text) is fixed


@pytest.fixture(scope="module")
def processor() -> Iterator[Any]:
    assert MODEL.exists(), "no trained model: run `make train` first"
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(MODEL))
    runs = {"n": 0}
    graph_run = agent.processor.graph_runner.run

    def counting_run(*args: Any, **kwargs: Any) -> Any:
        runs["n"] += 1
        return graph_run(*args, **kwargs)

    agent.processor.graph_runner.run = counting_run  # type: ignore[method-assign]
    agent.processor.runs = runs  # type: ignore[attr-defined]
    yield agent.processor


def _parse(processor: Any, text: str, message_id: str = "m") -> dict[str, Any]:
    tracker = DialogueStateTracker("fast-path-test", [])
    return asyncio.run(processor.parse_message(UserMessage(text, message_id=message_id), tracker))


def test_a_fixed_keyword_runs_the_pipeline_once(processor: Any) -> None:
    fast_path.forget()
    before = processor.runs["n"]
    first = _parse(processor, "more", "m1")
    second = _parse(processor, "more", "m2")
    assert processor.runs["n"] == before + 1
    assert second["intent"] == first["intent"] and second["intent"]["name"] == "more"
    assert second["text"] == "more"
    second["intent"]["name"] = "changed by a caller"
    assert _parse(processor, "more")["intent"]["name"] == "more"  # callers get copies


def test_free_text_and_crises_always_run_the_pipeline(processor: Any) -> None:
    fast_path.forget()
    before = processor.runs["n"]
    for _ in range(2):
        crisis = _parse(processor, "im scared hes gonna hurt me")
        assert crisis["intent"]["name"].startswith("crisis_")
        _parse(processor, "i need somewhere to sleep tonight")
    assert processor.runs["n"] == before + 4
    assert fast_path.stats["hits"] == 0


def test_the_fast_answer_equals_the_pipeline_answer(processor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_path.forget()
    samples = ["yes", "no", "skip", "thanks", "Dane County", "milwaukee", "hola", "bye"]
    remembered = [_parse(processor, t) for t in samples] and [_parse(processor, t) for t in samples]
    monkeypatch.setenv("HARBOR_NLU_FAST_PATH", "0")
    fresh = [_parse(processor, t) for t in samples]
    assert fast_path.stats["hits"] == len(samples)
    assert remembered == fresh
