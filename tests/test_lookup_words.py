"""Real-word checks for spelling repair: same answer from the tables and from the disk cache."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import lookup_words

CANDIDATES = {"house", "casa", "helpp", "overdoes", "kilme", "running", "niño"}


def test_finds_english_and_spanish_words_only(tmp_path: Path) -> None:
    words = lookup_words.real_words(set(CANDIDATES), tmp_path)
    assert {"house", "casa", "running", "overdoes"} <= words
    assert not words & {"helpp", "kilme"}


def test_second_call_reads_the_cache_not_the_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = lookup_words.real_words(set(CANDIDATES), tmp_path)
    cached = lookup_words.cache_path(set(CANDIDATES), tmp_path)
    assert cached.exists() and set(json.loads(cached.read_text())) == first
    monkeypatch.setattr(lookup_words, "_from_tables", lambda _c: pytest.fail("tables read again"))
    assert lookup_words.real_words(set(CANDIDATES), tmp_path) == first


def test_other_candidates_get_their_own_file(tmp_path: Path) -> None:
    assert lookup_words.cache_path({"a"}, tmp_path) != lookup_words.cache_path({"b"}, tmp_path)


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    path = lookup_words.cache_path(set(CANDIDATES), tmp_path)
    path.write_text("{not json")
    assert "house" in lookup_words.real_words(set(CANDIDATES), tmp_path)
    assert "house" in json.loads(path.read_text())


def test_an_unwritable_folder_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert "house" in lookup_words.real_words(set(CANDIDATES), blocked / "cache")
