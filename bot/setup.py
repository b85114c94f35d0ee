"""Everything a fresh clone needs before the assistant can run; each step is skipped when done."""
from __future__ import annotations

from bot import nlp_pipeline
from bot.db import session_scope
from bot.directory.hsds_csv import fingerprint, import_directory
from bot.meta import get_meta, set_meta
from bot.migrate import upgrade
from bot.secrets import ensure_secrets_file
from bot.settings import get_settings

DIRECTORY_KEY = "directory_fingerprint"


def run_setup(verbose: bool = True) -> None:
    settings = get_settings()
    say = print if verbose else (lambda *_a, **_k: None)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    ensure_secrets_file(settings.secrets_file)
    say(f"Secrets: {settings.secrets_file} (0600, generated once, git-ignored)")
    upgrade()
    say("Database: schema up to date")
    folder = settings.home / "data" / "resources" / "hsds"
    current = fingerprint(folder)
    with session_scope() as session:
        if get_meta(session, DIRECTORY_KEY) != current:
            counts = import_directory(session, folder, progress=verbose)
            set_meta(session, DIRECTORY_KEY, current)
            say(f"Directory: imported {counts['services.csv']} services")
        else:
            say("Directory: up to date")
    path, built = nlp_pipeline.build()
    say(f"spaCy pipeline: {'built' if built else 'up to date'} ({path.relative_to(settings.home)})")
