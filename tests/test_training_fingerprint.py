"""Training runs only when training data, domain, config or the spaCy pipeline sources change."""
from __future__ import annotations

import re

import shutil
from pathlib import Path

from bot.training import TRAINING_DATA, training_fingerprint
from tests.conftest import PROJECT


def _copy_project(tmp_path: Path) -> Path:
    home = tmp_path / "project"
    for name in ("config.yml", "domain.yml"):
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, home / name)
    for folder in TRAINING_DATA:
        shutil.copytree(PROJECT / folder, home / folder)
    return home


def test_same_inputs_same_fingerprint(tmp_path: Path) -> None:
    home = _copy_project(tmp_path)
    assert training_fingerprint(home) == training_fingerprint(home)
    (home / "README.md").write_text("docs do not retrain")
    assert training_fingerprint(home) == training_fingerprint(_copy_project(tmp_path / "again"))


def test_any_training_input_change_changes_it(tmp_path: Path) -> None:
    home = _copy_project(tmp_path)
    before = training_fingerprint(home)
    nlu = next((home / "data" / "nlu").glob("*.yml"))
    nlu.write_text(nlu.read_text() + "\n")
    after_data = training_fingerprint(home)
    assert after_data != before
    config = (home / "config.yml").read_text()
    changed = re.sub(r"epochs: (\d+)", lambda m: f"epochs: {int(m.group(1)) + 1}", config, count=1)
    assert changed != config
    (home / "config.yml").write_text(changed)
    assert training_fingerprint(home) != after_data
