"""County child protective services (CPS) intake lines for all 72 Wisconsin counties.

Staff who must report under Wis. Stat. 48.981 need the number for the county where the
child lives. A wrong number in a crisis is harm, so only numbers read on the county's or
DCF's own page are ever sent (``confidence == "verified"``); every other county gets the
fallback: sheriff / local police, 911 for immediate danger, and DCF's county list.
The data and how it was gathered: ``data/resources/cps/`` (wi_county_cps.csv, SOURCES.md).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from bot.geo import get_gazetteer
from bot.settings import PROJECT_ROOT
from bot.sms_text import MAX_SMS_CHARS, is_gsm7, to_gsm7

DEFAULT_PATH = PROJECT_ROOT / "data" / "resources" / "cps" / "wi_county_cps.csv"
COUNTY_COUNT = 72
CONFIDENCE_LEVELS = ("verified", "unverified", "missing")
REQUIRED_COLUMNS = ("county", "agency", "phone", "after_hours", "source_url", "source_title", "checked", "confidence")
DCF_LIST = "dcf.wisconsin.gov/cps/reportabuse"
# "608-339-4505", "715-538-2311 ext. 291", or a number the source prints with letters ("608-261-KIDS").
PHONE_RE = re.compile(r"^(1-)?\d{3}-\d{3}-[0-9A-Z]{4}( ext\. \d{1,5})?$")
_COUNTY_WORD = re.compile(r"\s+county$", re.IGNORECASE)


@dataclass(frozen=True)
class CpsContact:
    """One county's CPS intake line as read on its source page."""

    county: str  # as bot.geo resolves it: "Dane County", "St. Croix County"
    agency: str
    phone: str | None
    after_hours: str | None
    source_url: str
    checked: date
    confidence: str  # verified | unverified | missing


def _fail(line: int, county: str, field: str, reason: str) -> ValueError:
    return ValueError(f"CPS list row {line} ({county or '?'}), field '{field}': {reason}")


def _parse_row(line: int, row: dict[str, str]) -> CpsContact:
    county = (row.get("county") or "").strip()
    if not county:
        raise _fail(line, county, "county", "empty")
    if _COUNTY_WORD.search(county):
        raise _fail(line, county, "county", 'write the name without "County"')
    agency = (row.get("agency") or "").strip()
    if not agency:
        raise _fail(line, county, "agency", "empty")
    confidence = (row.get("confidence") or "").strip()
    if confidence not in CONFIDENCE_LEVELS:
        raise _fail(line, county, "confidence", f"must be one of {', '.join(CONFIDENCE_LEVELS)}")
    phone = (row.get("phone") or "").strip() or None
    after_hours = (row.get("after_hours") or "").strip() or None
    for field, value in (("phone", phone), ("after_hours", after_hours)):
        if value is not None and not PHONE_RE.match(value):
            raise _fail(line, county, field, f"'{value}' is not like 608-339-4505")
    if confidence == "missing" and (phone or after_hours):
        raise _fail(line, county, "phone", "a 'missing' row must not carry a number")
    if confidence != "missing" and not phone:
        raise _fail(line, county, "phone", f"a '{confidence}' row needs the number that was read")
    source_url = (row.get("source_url") or "").strip()
    if not source_url.startswith(("http://", "https://")):
        raise _fail(line, county, "source_url", "needs the http(s) address of the page read")
    if not (row.get("source_title") or "").strip():
        raise _fail(line, county, "source_title", "empty")
    try:
        checked = date.fromisoformat((row.get("checked") or "").strip())
    except ValueError:
        raise _fail(line, county, "checked", "must be a date like 2026-11-25") from None
    return CpsContact(f"{county} County", agency, phone, after_hours, source_url, checked, confidence)


def load_cps(path: Path = DEFAULT_PATH) -> dict[str, CpsContact]:
    """Read and validate the list; keyed by county name as bot.geo resolves it ("Dane County")."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing_cols = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing_cols:
            raise ValueError(f"CPS list {path}: missing column(s) {', '.join(missing_cols)}")
        contacts: dict[str, CpsContact] = {}
        for line, row in enumerate(reader, start=2):  # line 1 is the header
            contact = _parse_row(line, row)
            if contact.county in contacts:
                raise _fail(line, row["county"], "county", "duplicate county")
            contacts[contact.county] = contact
    if len(contacts) != COUNTY_COUNT:
        raise ValueError(f"CPS list {path}: {len(contacts)} counties, expected {COUNTY_COUNT}")
    return contacts


@lru_cache(maxsize=1)
def _shipped() -> dict[str, CpsContact]:
    return load_cps(DEFAULT_PATH)


def cps_for_county(county: str) -> CpsContact | None:
    """"dane", "Dane County", "saint croix" -> that county's row; None if not a Wisconsin county."""
    if not county or not county.strip():
        return None
    contacts = _shipped()
    name = get_gazetteer().county_by_name(county)
    if name is None:  # fall back to the list's own names, case-insensitively
        wanted = _COUNTY_WORD.sub("", county.strip()).lower()
        name = next((c for c in contacts if _COUNTY_WORD.sub("", c).lower() == wanted), None)
    return contacts.get(name) if name else None


_KEYPAD = {letter: digit for digit, letters in {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO",
                                                 "7": "PQRS", "8": "TUV", "9": "WXYZ"}.items()
           for letter in letters}


def dialable(phone: str) -> str:
    """"608-261-KIDS" -> "608-261-KIDS (608-261-5437)": many phones cannot dial letters from a text.

    The standard telephone keypad maps each letter to one digit, so this is the same
    number, not a guess."""
    if not any(ch.isalpha() for ch in phone.split("ext")[0]):
        return phone
    return f"{phone} ({''.join(_KEYPAD.get(ch.upper(), ch) for ch in phone)})"


def _fallback(county_name: str | None) -> str:
    where = f"I don't have a checked CPS number for {county_name}. " if county_name else ""
    return (
        f"{where}To report, call the county sheriff or local police, or 911 if a child is in "
        f"immediate danger. DCF's list of county CPS numbers: {DCF_LIST}"
    )


def cps_message(county: str | None) -> str:
    """One SMS-length, GSM-7 message with the county's intake line, or the fallback."""
    contact = cps_for_county(county) if county else None
    if contact is None or contact.confidence != "verified" or not contact.phone:
        text = _fallback(contact.county if contact else None)
    else:
        if contact.after_hours and contact.after_hours == contact.phone:
            after = "Answered 24 hours."
        elif contact.after_hours:
            after = f"After hours: {dialable(contact.after_hours)}."
        else:
            after = "After hours: call the county sheriff or local police."
        text = (
            f"{contact.county} child protective services (intake): {dialable(contact.phone)}. {after} "
            "If a child is in immediate danger, call 911."
        )
    text = to_gsm7(text)
    if not is_gsm7(text) or len(text) > MAX_SMS_CHARS:  # fixed templates: this is a code or data bug
        raise RuntimeError(f"CPS message does not fit one SMS: {text!r}")
    return text
