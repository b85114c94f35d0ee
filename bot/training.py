"""Train the Rasa model only when its inputs changed (config, domain, training data, spaCy pipeline)."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bot.nlp_pipeline import source_fingerprint
from bot.settings import get_settings

TRAINING_DATA = ("data/nlu", "data/stories", "data/rules")
# Learnt by the crisis confirmer only (config.yml: CrisisOverride's confirmer_examples).
CONFIRMER_DATA = ("data/confirmer",)
INPUT_FILES = ("config.yml", "domain.yml")
_HOME = Path(__file__).resolve().parents[1]
# Harbor's own trainable pipeline components: their code shapes what a model holds, so a change
# must retrain it.
TRAINED_SOURCES = (_HOME / "rasa_plugins" / "safety_override.py", _HOME / "bot" / "crisis_confirmer.py")


def training_fingerprint(home: Path) -> str:
    digest = hashlib.sha256()
    paths = [home / f for f in INPUT_FILES]
    for folder in (*TRAINING_DATA, *CONFIRMER_DATA):
        paths += sorted((home / folder).rglob("*.yml"))
    for path in paths:
        digest.update(str(path.relative_to(home)).encode())
        digest.update(path.read_bytes())
    digest.update(source_fingerprint().encode())
    for source in TRAINED_SOURCES:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def train_if_changed(force: bool = False) -> bool:
    """Return True when a model was trained, False when the existing one is current."""
    settings = get_settings()
    model = settings.model_path
    stamp = model.with_suffix("").with_suffix(".fingerprint")
    fingerprint = training_fingerprint(settings.home)
    if not force and model.exists() and stamp.exists() and stamp.read_text().strip() == fingerprint:
        print(f"Model is up to date ({model.relative_to(settings.home)}): no training data or config changed.")
        return False
    print("Training the Rasa model (about 2-3 minutes on 2 cores)...", flush=True)
    command = [
        str(Path(sys.executable).with_name("rasa")), "train",
        "--data", *TRAINING_DATA,
        "--config", "config.yml", "--domain", "domain.yml",
        "--out", str(model.parent), "--fixed-model-name", model.name.removesuffix(".tar.gz"),
    ]
    subprocess.run(command, cwd=settings.home, check=True)
    stamp.write_text(fingerprint)
    return True
