"""Which strings are real English or Spanish word forms, remembered on disk between starts.

Why: the crisis layer's spelling repair must not "correct" a real word into a crisis word, so
it checks its candidate slips against spaCy's lemma lookup tables. Reading those tables
(two gzip'd JSON files, about a million forms) took ~2-3 s of every server start and of every
Sanic worker (issue #10: start to first answer <= 20 s). The answer depends only on the
candidates and the tables' version, so it is kept in ``$HARBOR_VAR_DIR/cache/`` under a hash
of both; any change makes a new file. The file holds dictionary words only, nothing a person wrote.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Iterable

TABLES = ("en_lemma_lookup.json.gz", "es_lemma_lookup.json.gz")


def _tables_version() -> str:
    try:
        return metadata.version("spacy-lookups-data")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of the project
        return "missing"


def _from_tables(candidates: set[str]) -> frozenset[str]:
    from bot.safety import _strip_accents  # the crisis layer's own folding, so the forms compare alike

    words: set[str] = set()

    def keep(forms: Iterable[str]) -> None:
        for form in forms:
            low = form.lower()
            if not low.isascii():
                low = _strip_accents(low)
            if low in candidates:
                words.add(low)

    try:
        import spacy_lookups_data

        data = Path(spacy_lookups_data.__file__).parent / "data"
        for name in TABLES:
            with gzip.open(data / name, "rt", encoding="utf-8") as fh:
                table = json.load(fh)
            keep(table)
            keep(table.values())
            del table
    except (ImportError, OSError, ValueError):  # pragma: no cover - tables ship with the package
        pass
    return frozenset(words)


def cache_path(candidates: set[str], folder: Path | None = None) -> Path:
    digest = hashlib.sha256(("\n".join(sorted(candidates)) + "\n" + _tables_version()).encode()).hexdigest()
    if folder is None:
        from bot.settings import get_settings

        folder = get_settings().var_dir / "cache"
    return folder / f"real_words-{digest[:24]}.json"


def real_words(candidates: set[str], folder: Path | None = None) -> frozenset[str]:
    """The candidates that are word forms in spaCy's English or Spanish lemma tables."""
    path = cache_path(candidates, folder)
    try:
        return frozenset(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        pass
    words = _from_tables(candidates)
    try:  # best effort: a read-only var/ only costs the next start the same seconds again
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".real_words-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(sorted(words), out)
        os.replace(temporary, path)
    except OSError:
        pass
    return words
