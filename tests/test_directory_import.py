"""HSDS CSV import/export: all or nothing, and every bad row named precisely."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from bot.db import session_scope
from bot.directory.hsds_csv import ImportFailed, export_directory, import_directory
from bot.directory.models import Phone, Service
from tests.conftest import HSDS


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "hsds"
    shutil.copytree(HSDS, folder)
    return folder


def _edit(path: Path, row_id: str, **changes: str) -> None:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["id"] == row_id:
            row.update(changes)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def test_shipped_directory_imports_completely(directory_db: Path) -> None:
    with session_scope() as session:
        services = session.query(Service).all()
        assert len(services) >= 20
        assert all(s.phones for s in services), "every service needs a phone number"
        assert all(s.x_source_url.startswith("http") for s in services), "every record cites its source"
        assert all(s.assured_date is not None for s in services), "every record carries its checked date"


def test_bad_rows_are_reported_and_nothing_is_kept(directory_db: Path, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "services.csv", "svc-nhth-hotline", minimum_age="twelve", assured_date="yesterday")
    _edit(folder / "phones.csv", "ph-nhth-hotline-1", service_id="svc-does-not-exist", number="")
    with session_scope() as session:
        before = session.query(Phone).filter_by(id="ph-nhth-hotline-1").one().number
    with pytest.raises(ImportFailed) as failure:
        with session_scope() as session:
            import_directory(session, folder)
    found = {(p.file, p.field) for p in failure.value.problems}
    assert ("services.csv", "minimum_age") in found
    assert ("services.csv", "assured_date") in found
    assert ("phones.csv", "service_id") in found
    assert ("phones.csv", "number") in found
    assert all(p.row >= 1 for p in failure.value.problems if p.field != "-")
    age = next(p for p in failure.value.problems if p.field == "minimum_age")
    assert str(age) == f"services.csv, row {age.row}, field 'minimum_age': {age.reason}"
    with session_scope() as session:  # the old directory is untouched
        assert session.query(Phone).filter_by(id="ph-nhth-hotline-1").one().number == before


def test_missing_column_is_reported(harbor_env: Path, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    text = (folder / "schedules.csv").read_text().replace("description", "desc", 1)
    (folder / "schedules.csv").write_text(text)
    from bot.migrate import upgrade

    upgrade()
    with pytest.raises(ImportFailed) as failure, session_scope() as session:
        import_directory(session, folder)
    assert any(p.file == "schedules.csv" and p.field == "description" for p in failure.value.problems)


def test_export_then_import_round_trips(directory_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    with session_scope() as session:
        exported = export_directory(session, out)
    with session_scope() as session:
        imported = import_directory(session, out)
    assert exported == imported
    with session_scope() as session:
        again = tmp_path / "again"
        export_directory(session, again)
    for name in exported:
        assert (out / name).read_text() == (again / name).read_text()


def test_check_lists_only_records_older_than_a_year(directory_db: Path) -> None:
    import datetime as dt

    from bot.directory.hsds_csv import stale_services

    with session_scope() as session:
        assert stale_services(session, today=dt.date(2026, 11, 25)) == []
        old = session.get(Service, "svc-nhth-hotline")
        old.assured_date = dt.date(2025, 10, 1)
    with session_scope() as session:
        assert [s.id for s in stale_services(session, today=dt.date(2026, 11, 25))] == ["svc-nhth-hotline"]
