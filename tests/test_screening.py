"""Screening instruments: loading and validation, reply parsing, scoring, shipped content."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import screening
from bot.screening import (DEFAULT_FOLDER, Instrument, InstrumentError, Reply, load_instrument,
                           load_instruments, parse_reply, score)
from bot.sms_text import is_gsm7

VALID: dict[str, Any] = {
    "id": "demo",
    "title": "Demo screen",
    "intro": "A demo screen. A screen is not a determination.",
    "source": {"citation": "Example A. A demo tool. J Demo. 2020;1:1-2.", "url": "https://example.org/demo",
               "checked": "2026-11-25"},
    "answers": ["yes", "no", "unsure", "skip"],
    "scoring": {"rule": "count_yes", "threshold": 2},
    "items": [
        {"id": "q1", "domain": "alpha", "text": "First question?"},
        {"id": "q2", "domain": "beta", "text": "Second question?"},
        {"id": "q3", "domain": "beta", "text": "Third question?"},
        {"id": "q4", "domain": "gamma", "text": "Fourth question?"},
    ],
    "bands": {
        "positive": {"guidance": ["Positive: report to CPS or police."]},
        "negative_concerns": {"guidance": ["Keep observing and screen again later."]},
        "negative": {"guidance": ["No indicators found; that does not rule it out."]},
    },
}


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False) if not isinstance(data, str) else data,
                    encoding="utf-8")
    return path


def problems_for(tmp_path: Path, data: Any, name: str = "demo.yml") -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(write(tmp_path, name, data))
    return caught.value.problems


@pytest.fixture
def demo(tmp_path: Path) -> Instrument:
    return load_instrument(write(tmp_path, "demo.yml", VALID))


# ------------------------------------------------------------------- loading & validation

def test_valid_file_loads_with_source_and_bands(demo: Instrument) -> None:
    assert demo.id == "demo" and demo.threshold == 2
    assert [item.id for item in demo.items] == ["q1", "q2", "q3", "q4"]
    assert demo.items[1].domain == "beta"
    assert set(demo.bands) == {"positive", "negative_concerns", "negative"}
    assert demo.bands["positive"].guidance == ("Positive: report to CPS or police.",)
    assert "J Demo. 2020" in demo.source and "checked 2026-11-25" in demo.source


def test_unquoted_yes_no_in_yaml_stay_answer_words(tmp_path: Path) -> None:
    text = yaml.safe_dump(VALID, sort_keys=False).replace("- 'yes'", "- yes").replace("- 'no'", "- no")
    assert "- yes" in text
    assert load_instrument(write(tmp_path, "plain.yml", text)).id == "demo"


def test_missing_item_fields_are_named_with_file_and_item(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["items"][1]["text"]
    del data["items"][2]["domain"]
    problems = problems_for(tmp_path, data)
    assert "demo.yml: item q2: text is missing or empty" in problems
    assert any(p.startswith("demo.yml: item q3: missing or malformed 'domain'") for p in problems)


def test_duplicate_item_ids(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["items"][3]["id"] = "q1"
    assert "demo.yml: item q1: duplicate item id" in problems_for(tmp_path, data)


def test_unknown_answer_options_file_wide_and_per_item(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["answers"] = ["yes", "no", "sometimes"]
    data["items"][0]["answers"] = ["yes", "often"]
    problems = problems_for(tmp_path, data)
    assert any(p.startswith("demo.yml: instrument: unknown answer option 'sometimes'") for p in problems)
    assert any(p.startswith("demo.yml: item q1: unknown answer option 'often'") for p in problems)


def test_threshold_more_than_items(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["scoring"]["threshold"] = 5
    assert "demo.yml: instrument: scoring: threshold 5 is more than the 4 items" in problems_for(tmp_path, data)


@pytest.mark.parametrize("threshold", [0, -1, "two", True, None])
def test_threshold_must_be_positive_whole_number(tmp_path: Path, threshold: Any) -> None:
    data = copy.deepcopy(VALID)
    data["scoring"]["threshold"] = threshold
    assert "demo.yml: instrument: scoring: 'threshold' must be a whole number of at least 1" in problems_for(tmp_path, data)


def test_unknown_scoring_rule(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["scoring"]["rule"] = "weighted_sum"
    assert any("scoring: unknown rule 'weighted_sum'" in p for p in problems_for(tmp_path, data))


def test_over_long_item_text(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["items"][2]["text"] = "x" * 321
    assert "demo.yml: item q3: text is 321 characters, more than 320" in problems_for(tmp_path, data)


def test_non_gsm_text_names_the_characters(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["items"][0]["text"] = "Has the youth \u201cever\u201d run away?"
    data["bands"]["negative"]["guidance"] = ["Nothing found \U0001F600"]
    problems = problems_for(tmp_path, data)
    assert any(p.startswith("demo.yml: item q1: text has characters outside GSM-7") and "\u201c" in p for p in problems)
    assert any(p.startswith("demo.yml: instrument: bands: negative: guidance 1: text has characters outside GSM-7")
               for p in problems)


def test_blaming_wording_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["items"][0]["text"] = "Has the youth been involved in child prostitution?"
    assert any(p.startswith("demo.yml: item q1: text calls a child a 'prostitute'") for p in problems_for(tmp_path, data))


def test_missing_source(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["source"]
    assert "demo.yml: instrument: missing 'source' (citation and date checked)" in problems_for(tmp_path, data)


def test_source_without_citation_or_date(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["source"] = {"url": "https://example.org", "checked": "last year"}
    problems = problems_for(tmp_path, data)
    assert "demo.yml: instrument: source: missing 'citation'" in problems
    assert any("source: 'checked' must be the date" in p for p in problems)


def test_missing_and_unknown_bands_and_fields(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["bands"]["negative_concerns"]
    data["bands"]["maybe"] = {"guidance": ["?"]}
    data["colour"] = "blue"
    data["items"][0]["weight"] = 2
    problems = problems_for(tmp_path, data)
    assert "demo.yml: instrument: bands: missing band 'negative_concerns'" in problems
    assert any(p.startswith("demo.yml: instrument: bands: unknown band 'maybe'") for p in problems)
    assert "demo.yml: instrument: unknown field 'colour'" in problems
    assert "demo.yml: item q1: unknown field 'weight'" in problems


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["source"]
    data["items"][0]["text"] = ""
    data["items"][1]["id"] = "q1"
    data["scoring"]["threshold"] = 9
    assert len(problems_for(tmp_path, data)) == 4


def test_broken_yaml_and_wrong_shape(tmp_path: Path) -> None:
    assert problems_for(tmp_path, "id: [unclosed\n", "broken.yml") == ["broken.yml: instrument: not valid YAML at line 2"]
    assert problems_for(tmp_path, "- just\n- a list\n", "list.yml")[0].startswith("list.yml: instrument: the file must hold a mapping")


def test_load_instruments_collects_problems_from_every_file(tmp_path: Path) -> None:
    write(tmp_path, "a_good.yml", VALID)
    bad = copy.deepcopy(VALID)
    bad["id"] = "other"
    del bad["items"][0]["domain"]
    write(tmp_path, "b_bad.yml", bad)
    worse = copy.deepcopy(VALID)
    worse["scoring"]["threshold"] = 10
    write(tmp_path, "c_worse.yml", worse)
    with pytest.raises(InstrumentError) as caught:
        load_instruments(tmp_path)
    problems = caught.value.problems
    assert any(p.startswith("b_bad.yml: item q1:") for p in problems)
    assert any(p.startswith("c_worse.yml: instrument: scoring: threshold 10") for p in problems)
    assert not any(p.startswith("a_good.yml") for p in problems)


def test_duplicate_instrument_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "one.yml", VALID)
    write(tmp_path, "two.yml", VALID)
    with pytest.raises(InstrumentError) as caught:
        load_instruments(tmp_path)
    assert caught.value.problems == ["two.yml: instrument: id 'demo' is already used by one.yml"]


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError):
        load_instruments(tmp_path)
    with pytest.raises(InstrumentError):
        load_instruments(tmp_path / "nope")


# ------------------------------------------------------------------------------ replies

@pytest.mark.parametrize("text,expected", [
    ("yeah", Reply("answer", "yes")), ("Yes", Reply("answer", "yes")), ("y", Reply("answer", "yes")),
    ("yep", Reply("answer", "yes")), ("1", Reply("answer", "yes")), ("Yes!", Reply("answer", "yes")),
    ("yes, she told me", Reply("answer", "yes")),
    ("nope", Reply("answer", "no")), ("no", Reply("answer", "no")), ("N", Reply("answer", "no")),
    ("2", Reply("answer", "no")), ("no, never", Reply("answer", "no")),
    ("not sure", Reply("answer", "unsure")), ("idk", Reply("answer", "unsure")),
    ("unsure", Reply("answer", "unsure")), ("maybe", Reply("answer", "unsure")),
    ("3", Reply("answer", "unsure")), ("I don't know", Reply("answer", "unsure")),
    ("I don\u2019t know", Reply("answer", "unsure")), ("no idea", Reply("answer", "unsure")),
    ("skip", Reply("answer", "skip")), ("pass", Reply("answer", "skip")), ("4", Reply("answer", "skip")),
    ("back", Reply("back")), ("go back", Reply("back")), ("previous", Reply("back")), ("undo", Reply("back")),
    ("Go back please", Reply("back")),
    ("stop", Reply("stop")), ("cancel", Reply("stop")), ("quit screening", Reply("stop")),
    ("pause", Reply("pause")), ("later", Reply("pause")), ("hold on", Reply("pause")),
    ("  HOLD ON... ", Reply("pause")),
    ("purple", Reply("unknown")), ("", Reply("unknown")), ("5", Reply("unknown")),
    ("nothing yet", Reply("unknown")), ("12", Reply("unknown")),
])
def test_parse_reply(text: str, expected: Reply) -> None:
    assert parse_reply(text) == expected


# ------------------------------------------------------------------------------ scoring

def test_positive_at_threshold(demo: Instrument) -> None:
    result = score(demo, {"q1": "yes", "q2": "yes", "q3": "no", "q4": "no"})
    assert (result.band, result.yes, result.answered, result.skipped) == ("positive", 2, 4, 0)
    assert result.guidance == demo.bands["positive"].guidance


def test_one_below_threshold_with_yes_is_negative_concerns(demo: Instrument) -> None:
    result = score(demo, {"q1": "yes", "q2": "no", "q3": "no", "q4": "no"})
    assert result.band == "negative_concerns" and result.yes == 1
    assert result.guidance == demo.bands["negative_concerns"].guidance


def test_unsure_alone_gives_concerns_never_positive(demo: Instrument) -> None:
    result = score(demo, {"q1": "unsure", "q2": "unsure", "q3": "unsure", "q4": "unsure"})
    assert (result.band, result.yes, result.unsure, result.answered) == ("negative_concerns", 0, 4, 4)
    assert result.positive_domains == ()


def test_all_no_is_negative(demo: Instrument) -> None:
    result = score(demo, {"q1": "no", "q2": "no", "q3": "no", "q4": "no"})
    assert (result.band, result.yes, result.unsure) == ("negative", 0, 0)
    assert result.guidance == demo.bands["negative"].guidance


def test_skips_and_unanswered_count_as_skipped(demo: Instrument) -> None:
    result = score(demo, {"q1": "skip", "q2": "no"})
    assert (result.skipped, result.answered, result.band) == (3, 1, "negative")
    assert score(demo, {}).skipped == 4


def test_all_skipped_is_negative_but_answered_zero(demo: Instrument) -> None:
    result = score(demo, {"q1": "skip", "q2": "skip", "q3": "skip", "q4": "skip"})
    assert (result.band, result.answered, result.skipped) == ("negative", 0, 4)


def test_positive_domains_are_unique_and_in_item_order(demo: Instrument) -> None:
    result = score(demo, {"q4": "yes", "q3": "yes", "q2": "yes", "q1": "unsure"})
    assert result.positive_domains == ("beta", "gamma")
    assert result.band == "positive" and result.yes == 3 and result.unsure == 1


def test_corrected_answer_changes_the_result(demo: Instrument) -> None:
    answers = {"q1": "yes", "q2": "yes", "q3": "no", "q4": "no"}
    assert score(demo, answers).band == "positive"
    answers["q2"] = "no"
    assert score(demo, answers).band == "negative_concerns"


def test_bad_answers_are_refused(demo: Instrument) -> None:
    with pytest.raises(ValueError, match="not in demo"):
        score(demo, {"q9": "yes"})
    with pytest.raises(ValueError, match="must be one of"):
        score(demo, {"q1": "sometimes"})  # type: ignore[dict-item]


def test_threshold_one_instrument(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["scoring"]["threshold"] = 1
    one = load_instrument(write(tmp_path, "one.yml", data))
    assert score(one, {"q3": "yes"}).band == "positive"
    assert score(one, {"q3": "unsure"}).band == "negative_concerns"


# ------------------------------------------------------------------------ shipped content

@pytest.fixture(scope="module")
def shipped() -> dict[str, Instrument]:
    return load_instruments(DEFAULT_FOLDER)


def test_shipped_instruments_and_thresholds(shipped: dict[str, Instrument]) -> None:
    assert set(shipped) == {"greenbaum_short", "qyit"}
    assert len(shipped["greenbaum_short"].items) == 6 and shipped["greenbaum_short"].threshold == 2
    assert shipped["qyit"].threshold == 1
    assert "Pediatr Emerg Care. 2018;34(1):33-37" in shipped["greenbaum_short"].source
    assert "2019;98:72-79" in shipped["qyit"].source
    for instrument in shipped.values():
        assert "checked 2026-11-25" in instrument.source


def test_shipped_content_is_sms_safe(shipped: dict[str, Instrument]) -> None:
    for instrument in shipped.values():
        texts = [instrument.title, instrument.intro, *(i.text for i in instrument.items),
                 *(g for band in instrument.bands.values() for g in band.guidance)]
        for text in texts:
            assert len(text) <= 320 and is_gsm7(text), text
            assert "prostitut" not in text.lower()


def test_shipped_guidance_says_what_staff_must_hear(shipped: dict[str, Instrument]) -> None:
    for instrument in shipped.values():
        assert "not a determination" in instrument.intro
        positive = " ".join(instrument.bands["positive"].guidance)
        for needle in ("48.981", "child protective services", "sheriff or police", "1-888-373-7888",
                       "victim", "not a determination", "services"):
            assert needle in positive, (instrument.id, needle)
        concerns = " ".join(instrument.bands["negative_concerns"].guidance)
        for needle in ("Keep observing", "build trust", "Screen again", "report anyway"):
            assert needle in concerns, (instrument.id, needle)
        negative = " ".join(instrument.bands["negative"].guidance)
        assert "No indicators were found by this screen" in negative and "does not rule out" in negative


def test_shipped_screen_scores_end_to_end(shipped: dict[str, Instrument]) -> None:
    short = shipped["greenbaum_short"]
    answers = {item.id: "no" for item in short.items}
    answers["ran_away"] = "yes"
    assert score(short, answers).band == "negative_concerns"
    answers["sti_history"] = "yes"
    result = score(short, answers)
    assert result.band == "positive" and result.positive_domains == ("running_away", "sexual_health")


def test_answer_hint_is_sms_safe() -> None:
    assert screening.sms_text_problem(screening.ANSWER_HINT) is None


# ---------------------------------------------------------------------------------- CLI

def test_cli_check_shipped_folder(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["screening", "check"]) == 0
    out = capsys.readouterr().out
    assert "OK  greenbaum_short: 6 items, positive at 2" in out and "2 instrument(s) valid." in out


def test_cli_check_reports_each_problem_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    data = copy.deepcopy(VALID)
    data["items"][1]["id"] = "q1"
    data["scoring"]["threshold"] = 7
    path = write(tmp_path, "agency.yml", data)
    assert main(["screening", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "2 problems found" in err
    assert "  agency.yml: item q1: duplicate item id" in err
    assert "  agency.yml: instrument: scoring: threshold 7 is more than the 4 items" in err
    assert "Traceback" not in err


def test_cli_check_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["screening", "check", str(tmp_path / "missing.yml")]) == 2
    assert "does not exist" in capsys.readouterr().err
