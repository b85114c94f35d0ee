"""The directory answer cache: repeated answers skip the database, imports and the TTL refresh it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.db import session_scope
from bot.directory import cache
from bot.directory.hsds_csv import import_directory
from bot.directory.search import find_services
from tests.conftest import HSDS


class _Statements:
    """Counts SELECTs sent to the database while active."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: object, **_kw: object) -> None:
        self.count += 1


@pytest.fixture()
def statements(directory_db: Path):  # type: ignore[no-untyped-def]
    counter = _Statements()
    with session_scope() as session:
        engine = session.get_bind()  # the engine session_scope() really uses
    sa.event.listen(engine, "before_cursor_execute", counter)
    yield counter
    sa.event.remove(engine, "before_cursor_execute", counter)


def test_second_identical_question_is_answered_without_a_query(statements: _Statements) -> None:
    with session_scope() as session:
        first = find_services(session, "shelter", "Dane County")
    after_first = statements.count
    with session_scope() as session:
        second = find_services(session, "shelter", "Dane County")
    assert after_first > 0
    assert statements.count == after_first
    assert second == first


def test_different_need_or_county_is_not_confused(directory_db: Path) -> None:
    with session_scope() as session:
        dane = find_services(session, "shelter", "Dane County")
        brown = find_services(session, "shelter", "Brown County")
        food = find_services(session, "food", "Dane County")
    assert dane != brown and dane != food
    assert dane[0].area == "Dane County"


def test_import_replaces_cached_answers(directory_db: Path, tmp_path: Path) -> None:
    with session_scope() as session:
        before = find_services(session, "shelter", "Dane County")
    changed = tmp_path / "hsds"
    shutil.copytree(HSDS, changed)
    services = changed / "services.csv"
    top = before[0]
    services.write_text(services.read_text().replace(top.name, top.name + " (renamed)"))
    with session_scope() as session:
        import_directory(session, changed)
    with session_scope() as session:
        after = find_services(session, "shelter", "Dane County")
    assert after[0].name == top.name + " (renamed)"


def test_answers_expire_after_the_ttl(statements: _Statements, monkeypatch: pytest.MonkeyPatch) -> None:
    with session_scope() as session:
        find_services(session, "health", "Milwaukee County")
    queries = statements.count
    clock = cache.time.monotonic() + cache.TTL_SECONDS + 1
    monkeypatch.setattr(cache.time, "monotonic", lambda: clock)
    with session_scope() as session:
        find_services(session, "health", "Milwaukee County")
    assert statements.count > queries


def test_callers_get_their_own_list(directory_db: Path) -> None:
    """A caller filtering its list in place must not change what the next youth is shown."""
    with session_scope() as session:
        mine = find_services(session, "talk", None)
        mine.clear()
        again = find_services(session, "talk", None)
    assert again
