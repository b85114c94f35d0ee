"""Import and export the directory as HSDS 3.0 tabular CSV, the format 211 centres exchange.

An import replaces the whole directory in one transaction: either every row is
valid and the new directory is in place, or nothing changes and every bad row is
reported with its file, row, field and reason.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.directory import cache
from bot.directory.models import (
    Address,
    Attribute,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # 1-based data row (the header is row 0)
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, field '{self.field}': {self.reason}"


class ImportFailed(Exception):
    """Raised with every problem found; the database is left as it was."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the directory files")


def _text(value: str) -> str | None:
    value = value.strip()
    return value or None


def _int(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    number = int(value)
    if not 0 <= number <= 120:
        raise ValueError("must be an age between 0 and 120")
    return number


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value.strip())


def _one_of(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value

    return check


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is required")
    return value.strip()


def _date_to_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


# file name -> (model, {column: parser}, {column: (file it must exist in)})
TABLES: list[tuple[str, type, dict[str, Callable[[str], Any]], dict[str, str]]] = [
    ("organizations.csv", Organization,
     {"id": _required, "name": _required, "description": lambda v: v.strip(), "website": _text}, {}),
    ("services.csv", Service,
     {"id": _required, "organization_id": _required, "name": _required,
      "description": lambda v: v.strip(), "url": _text, "status": _one_of("active", "inactive", "defunct", "temporarily closed"),
      "minimum_age": _int, "maximum_age": _int, "eligibility_description": _text,
      "assured_date": _date, "x_source_url": _required},
     {"organization_id": "organizations.csv"}),
    ("locations.csv", Location,
     {"id": _required, "organization_id": _text, "location_type": _one_of("physical", "virtual", "postal"),
      "name": _text, "latitude": _float, "longitude": _float},
     {"organization_id": "organizations.csv"}),
    ("addresses.csv", Address,
     {"id": _required, "location_id": _required, "address_1": _text, "city": _text, "region": _text,
      "state_province": _text, "postal_code": _text, "country": _text, "address_type": _text},
     {"location_id": "locations.csv"}),
    ("service_at_locations.csv", ServiceAtLocation,
     {"id": _required, "service_id": _required, "location_id": _required},
     {"service_id": "services.csv", "location_id": "locations.csv"}),
    ("phones.csv", Phone,
     {"id": _required, "service_id": _text, "organization_id": _text, "number": _required,
      "extension": _text, "type": _one_of("voice", "text", "fax", "cell", "video", "pager", "textphone"),
      "description": _text},
     {"service_id": "services.csv", "organization_id": "organizations.csv"}),
    ("schedules.csv", Schedule,
     {"id": _required, "service_id": _required, "description": _required},
     {"service_id": "services.csv"}),
    ("service_areas.csv", ServiceArea,
     {"id": _required, "service_id": _required, "name": _required,
      "extent_type": _one_of("national", "state", "county"), "description": _text},
     {"service_id": "services.csv"}),
    ("taxonomy_terms.csv", TaxonomyTerm,
     {"id": _required, "code": _required, "name": _required, "description": _text, "taxonomy": _text}, {}),
    ("attributes.csv", Attribute,
     {"id": _required, "link_id": _required, "taxonomy_term_id": _required, "link_type": _text,
      "link_entity": _one_of("service")},
     {"taxonomy_term_id": "taxonomy_terms.csv", "link_id": "services.csv"}),
]


def fingerprint(folder: Path) -> str:
    """A hash of the CSV files, so set-up re-imports only when they changed."""
    digest = hashlib.sha256()
    for name, *_ in TABLES:
        path = folder / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _read(folder: Path) -> tuple[dict[str, list[dict[str, str]]], list[Problem]]:
    rows: dict[str, list[dict[str, str]]] = {}
    problems: list[Problem] = []
    for name, _model, columns, _refs in TABLES:
        path = folder / name
        if not path.exists():
            problems.append(Problem(name, 0, "-", "file is missing"))
            rows[name] = []
            continue
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            for column in missing:
                problems.append(Problem(name, 0, column, "column is missing from the header"))
            rows[name] = [] if missing else list(reader)
    return rows, problems


def _validate(raw: dict[str, list[dict[str, str]]]) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    parsed: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    ids = {name: {r.get("id", "").strip() for r in raw[name]} for name, *_ in TABLES}
    for name, _model, columns, refs in TABLES:
        seen: set[str] = set()
        parsed[name] = []
        for index, row in enumerate(raw[name], start=1):
            values: dict[str, Any] = {}
            for column, parse in columns.items():
                try:
                    values[column] = parse(row.get(column) or "")
                except ValueError as error:
                    problems.append(Problem(name, index, column, str(error) or "is not valid"))
            for column, target in refs.items():
                ref = (row.get(column) or "").strip()
                if ref and ref not in ids[target]:
                    problems.append(Problem(name, index, column, f"'{ref}' is not an id in {target}"))
            row_id = (row.get("id") or "").strip()
            if row_id in seen:
                problems.append(Problem(name, index, "id", f"'{row_id}' appears twice"))
            seen.add(row_id)
            parsed[name].append(values)
    services_with_phone = {r.get("service_id", "").strip() for r in raw["phones.csv"]}
    for index, row in enumerate(raw["services.csv"], start=1):
        if row.get("id", "").strip() not in services_with_phone:
            problems.append(Problem("services.csv", index, "id", "service has no phone number"))
    return parsed, problems


def import_directory(session: Session, folder: Path, progress: bool = False) -> dict[str, int]:
    """Replace the directory with the CSVs in ``folder``; return rows per file.

    Raises :class:`ImportFailed` (nothing written) when any row is invalid.
    """
    raw, problems = _read(folder)
    parsed, more = _validate(raw)
    problems += more
    if problems:
        raise ImportFailed(problems)
    total = sum(len(v) for v in parsed.values())
    # The caller's transaction (session_scope) rolls all of this back on any error.
    for _name, model, *_ in reversed(TABLES):
        session.query(model).delete(synchronize_session=False)
    bar = tqdm(total=total, desc="Importing directory", unit="row", disable=not progress)
    for name, model, *_ in TABLES:
        for values in parsed[name]:
            session.add(model(**values))
            bar.update(1)
        session.flush()
    bar.close()
    cache.invalidate()  # this process answers from the new directory at once
    return {name: len(rows) for name, rows in parsed.items()}


def export_directory(session: Session, folder: Path) -> dict[str, int]:
    """Write the directory as HSDS CSV files into ``folder``; return rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, model, columns, _refs in TABLES:
        records: Iterable[Any] = session.query(model).order_by(model.id).all()
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
            writer.writeheader()
            count = 0
            for record in records:
                writer.writerow({c: _date_to_text(getattr(record, c)) for c in columns})
                count += 1
        counts[name] = count
    return counts


def stale_services(session: Session, today: dt.date | None = None, months: int = 12) -> list[Service]:
    """Services whose facts were last checked more than ``months`` ago: call them again."""
    today = today or dt.date.today()
    cutoff = today.replace(year=today.year - months // 12) if months % 12 == 0 else today - dt.timedelta(days=30 * months)
    return session.query(Service).filter(Service.assured_date < cutoff).order_by(Service.assured_date).all()
