"""Folding used-up dev sets into the confirmer's data never leaks a measuring set's message."""
from __future__ import annotations

from pathlib import Path

import yaml

from bot.crisis_confirmer import load_examples
from evaluation.fold_dev_sets import fold, main, same_text_key


def _set(path: Path, crises: list[tuple[str, str]], lookalikes: list[str]) -> Path:
    spec = {"version": 9,
            "crisis": [{"text": t, "category": c, "kind": "plain"} for t, c in crises],
            "not_crisis": [{"text": t, "kind": "everyday"} for t in lookalikes]}
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_messages_of_measuring_sets_and_repeats_are_left_out(tmp_path: Path) -> None:
    dev = _set(tmp_path / "dev.yml", [("He locked me in!", "danger"), ("kms", "self_harm")],
               ["this homework is killing me", "lol ok"])
    dev2 = _set(tmp_path / "dev2.yml", [("he locked me in", "danger")], ["free pads near me"])
    check = _set(tmp_path / "check.yml", [("KMS.", "self_harm")], ["LOL, ok"])
    crises, lookalikes, left_out = fold([dev, dev2], [check])
    assert [c["text"] for c in crises] == ["He locked me in!"]  # "kms" is in the check set; the repeat goes
    assert [x["text"] for x in lookalikes] == ["this homework is killing me", "free pads near me"]
    assert left_out == 3


def test_the_written_file_is_confirmer_data(tmp_path: Path) -> None:
    dev = _set(tmp_path / "dev.yml", [("dice \"ven ya\" o me pega", "danger")], ["my mom's gonna kill me"])
    check = _set(tmp_path / "check.yml", [], ["hi"])
    folder = tmp_path / "confirmer"
    folder.mkdir()
    out = folder / "dev_sets.yml"
    assert main(["--sets", str(dev), "--keep-out", str(check), "--out", str(out)]) == 0
    texts, intents = load_examples(folder)
    assert texts == ["dice \"ven ya\" o me pega", "my mom's gonna kill me"]
    assert intents == ["crisis_danger", "not_crisis"]
    assert out.read_text(encoding="utf-8").startswith("# Crisis confirmer training examples folded")


def test_the_held_out_sets_are_always_kept_out(tmp_path: Path, monkeypatch) -> None:
    held = tmp_path / "tests" / "safety"
    held.mkdir(parents=True)
    _set(held / "crisis_eval.yml", [("he sells me", "exploitation")], [])
    (tmp_path / "tests" / "nlu").mkdir()
    (tmp_path / "tests" / "nlu" / "holdout.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - good morning\n', encoding="utf-8")
    dev = _set(tmp_path / "dev.yml", [("he sells me", "exploitation"), ("he sells me every night", "exploitation")],
               ["Good morning!"])
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.yml"
    assert main(["--sets", "dev.yml", "--out", str(out)]) == 0
    spec = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [c["text"] for c in spec["crisis"]] == ["he sells me every night"]
    assert spec["not_crisis"] == []


def test_bad_input_gets_a_reason_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["--sets", str(tmp_path / "missing.yml"), "--out", str(tmp_path / "o.yml")]) == 2
    assert "no such file" in capsys.readouterr().err
    v1 = tmp_path / "v1.yml"
    v1.write_text(yaml.safe_dump({"crisis": {"danger": {"plain": ["help"]}}, "not_crisis": {}}), encoding="utf-8")
    held = [tmp_path / "tests" / "safety" / "crisis_eval.yml", tmp_path / "tests" / "nlu" / "holdout.yml"]
    for path in held:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("crisis: []\nnot_crisis: []\n", encoding="utf-8")
    import os
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert main(["--sets", str(v1), "--out", str(tmp_path / "o.yml")]) == 2
    finally:
        os.chdir(cwd)
    assert "must be a list" in capsys.readouterr().err


def test_same_text_key_ignores_case_and_punctuation() -> None:
    assert same_text_key("  He LOCKED me in!!! ") == same_text_key("he locked me in")
    assert same_text_key("kms") != same_text_key("kms fr")


HOME = Path(__file__).resolve().parents[1]
# The blind checks that still measure the detector (Makefile: eval-crisis); the held-out sets too.
MEASURING_CHECKS = (16, 17)


def _measuring_keys() -> set[str]:
    from evaluation.fold_dev_sets import HELD_OUT, texts_of
    paths = [HOME / p for p in HELD_OUT] + [HOME / f"evaluation/dev/crisis_check{n}.yml" for n in MEASURING_CHECKS]
    return {same_text_key(t) for path in paths for t in texts_of(path)}


def test_the_shipped_fold_holds_the_used_up_sets() -> None:
    folded = yaml.safe_load((HOME / "data/confirmer/dev_sets_v3_v15.yml").read_text(encoding="utf-8"))
    assert len(folded["crisis"]) > 2000 and len(folded["not_crisis"]) > 3000


def test_no_confirmer_example_is_in_a_measuring_set() -> None:
    """Every file the confirmer learns from is kept apart from the held-out and blind check sets."""
    texts, _ = load_examples(HOME / "data" / "confirmer")
    assert len(texts) > 8000
    banned = _measuring_keys()
    assert sorted({t for t in texts if same_text_key(t) in banned}) == []


def test_the_measuring_checks_are_the_ones_make_runs() -> None:
    makefile = (HOME / "Makefile").read_text(encoding="utf-8")
    assert all(f"evaluation/dev/crisis_check{n}.yml" in makefile for n in MEASURING_CHECKS)
