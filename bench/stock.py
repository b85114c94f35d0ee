"""The stock baseline: `rasa init --no-prompt` (scaffold + its own training) in a directory of
its own, served with the same stock commands (its default in-memory tracker store)."""
from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.harbor import base_env
from bench.servers import RASA


@dataclass(frozen=True)
class StockSetup:
    project: Path
    env: dict[str, str]
    rasa_args: list[str]
    init_s: float | None  # None: an existing trained project was reused


def trained_model(project: Path) -> Path | None:
    models = sorted((project / "models").glob("*.tar.gz")) if (project / "models").is_dir() else []
    return models[-1] if models else None


def prepare(project: Path, actions_port: int, log: Path) -> StockSetup:
    """Initialise and train in ``project`` unless it already holds a trained `rasa init` model."""
    env = base_env()
    init_s = None
    if trained_model(project) is None:
        project.mkdir(parents=True, exist_ok=True)
        if any(project.iterdir()):
            raise FileExistsError(f"{project} is not empty and has no trained model: give an empty directory")
        started = time.monotonic()
        with log.open("w") as out:
            done = subprocess.run([str(RASA), "init", "--no-prompt"], cwd=project, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, timeout=1800)
        init_s = time.monotonic() - started
        if done.returncode != 0 or trained_model(project) is None:
            raise RuntimeError(f"`rasa init --no-prompt` failed (exit {done.returncode}); see {log}")
    endpoints = project / "bench-endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    rasa_args = ["--model", str(trained_model(project)), "--endpoints", str(endpoints)]
    return StockSetup(project, env, rasa_args, init_s)
