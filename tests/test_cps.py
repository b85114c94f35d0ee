"""County CPS intake list: data integrity, look-up, and the SMS message built from it."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.cps import (
    COUNTY_COUNT,
    DEFAULT_PATH,
    PHONE_RE,
    CpsContact,
    cps_for_county,
    cps_message,
    load_cps,
)
from bot.geo import get_gazetteer
from bot.sms_text import MAX_SMS_CHARS, is_gsm7


@pytest.fixture(scope="module")
def contacts() -> dict[str, CpsContact]:
    return load_cps()


def _rows() -> list[dict[str, str]]:
    with DEFAULT_PATH.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "cps.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


# -- the shipped list --------------------------------------------------------------------
def test_exactly_72_unique_counties(contacts):
    assert len(contacts) == COUNTY_COUNT == 72
    assert len({r["county"] for r in _rows()}) == 72


def test_every_gazetteer_county_has_a_row_with_the_same_name(contacts):
    gazetteer_counties = set(get_gazetteer().centroids)
    assert len(gazetteer_counties) == 72
    assert set(contacts) == gazetteer_counties


def test_phone_formats_and_confidence_rules(contacts):
    for contact in contacts.values():
        for number in (contact.phone, contact.after_hours):
            assert number is None or PHONE_RE.match(number), (contact.county, number)
        if contact.confidence == "missing":
            assert contact.phone is None and contact.after_hours is None
        else:
            assert contact.phone is not None
        assert contact.source_url.startswith(("http://", "https://"))
        assert contact.checked.isoformat() == "2026-11-25"


def test_every_row_names_its_source_title():
    assert all(r["source_title"].strip() for r in _rows())


def test_special_agencies(contacts):
    assert "Milwaukee Child Protective Services" in contacts["Milwaukee County"].agency
    assert "Menominee" in contacts["Menominee County"].agency


# -- look-up ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["dane", "Dane", "DANE COUNTY", "Dane County", "  dane county "])
def test_lookup_is_case_insensitive_and_accepts_county_word(text, contacts):
    assert cps_for_county(text) == contacts["Dane County"]


@pytest.mark.parametrize(
    ("text", "county"),
    [("st croix", "St. Croix County"), ("Saint Croix County", "St. Croix County"),
     ("fond du lac", "Fond du Lac County"), ("la crosse", "La Crosse County")],
)
def test_lookup_handles_multiword_names(text, county):
    contact = cps_for_county(text)
    assert contact is not None and contact.county == county


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "Cook County", "madison"])
def test_lookup_unknown_is_none(text):
    assert cps_for_county(text) is None


# -- messages --------------------------------------------------------------------------------
def test_dane_message_carries_the_verified_number(contacts):
    dane = contacts["Dane County"]
    assert dane.confidence == "verified"
    message = cps_message("dane")
    assert message.startswith("Dane County child protective services (intake): ")
    assert dane.phone in message
    assert "call 911" in message
    if dane.after_hours and dane.after_hours != dane.phone:
        assert f"After hours: {dane.after_hours}." in message


def test_every_county_message_fits_one_gsm7_sms(contacts):
    for county in contacts:
        message = cps_message(county)
        assert len(message) <= MAX_SMS_CHARS, county
        assert is_gsm7(message), county
        assert "911" in message


def test_only_verified_numbers_are_sent(contacts):
    for contact in contacts.values():
        message = cps_message(contact.county)
        if contact.confidence == "verified":
            assert contact.phone in message
        else:
            if contact.phone:
                assert contact.phone not in message
            assert "sheriff or local police" in message
            assert "dcf.wisconsin.gov/cps/reportabuse" in message
            assert contact.county in message


def test_twenty_four_hour_line_says_so(contacts):
    always_open = [c for c in contacts.values() if c.confidence == "verified" and c.after_hours == c.phone]
    assert always_open, "the list should hold at least one 24-hour line"
    for contact in always_open:
        assert "Answered 24 hours." in cps_message(contact.county)


def test_no_after_hours_number_points_to_sheriff(contacts):
    plain = [c for c in contacts.values() if c.confidence == "verified" and not c.after_hours]
    assert plain
    assert "After hours: call the county sheriff or local police." in cps_message(plain[0].county)


@pytest.mark.parametrize("county", [None, "", "Narnia"])
def test_fallback_without_a_county(county):
    message = cps_message(county)
    assert "sheriff or local police" in message and "911" in message
    assert "dcf.wisconsin.gov/cps/reportabuse" in message
    assert "I don't have" not in message
    assert len(message) <= MAX_SMS_CHARS and is_gsm7(message)


def test_fallback_for_a_missing_county(contacts):
    missing = next(c for c in contacts.values() if c.confidence == "missing")
    message = cps_message(missing.county.lower())
    assert message.startswith(f"I don't have a checked CPS number for {missing.county}.")
    assert "911" in message


# -- loader validation -------------------------------------------------------------------------
def test_loader_rejects_bad_phone_naming_row_and_field(tmp_path):
    rows = _rows()
    target = next(i for i, r in enumerate(rows) if r["confidence"] == "verified")
    rows[target]["phone"] = "(608) 555 12"
    with pytest.raises(ValueError, match=rf"row {target + 2} \({rows[target]['county']}\), field 'phone'"):
        load_cps(_write(tmp_path, rows))


def test_loader_rejects_duplicates(tmp_path):
    rows = _rows()
    rows[1] = dict(rows[0])
    with pytest.raises(ValueError, match="duplicate county"):
        load_cps(_write(tmp_path, rows))


def test_loader_rejects_wrong_count(tmp_path):
    with pytest.raises(ValueError, match="71 counties, expected 72"):
        load_cps(_write(tmp_path, _rows()[:-1]))


def test_loader_requires_a_source(tmp_path):
    rows = _rows()
    rows[5]["source_url"] = ""
    with pytest.raises(ValueError, match="field 'source_url'"):
        load_cps(_write(tmp_path, rows))


def test_loader_rejects_a_number_on_a_missing_row(tmp_path):
    rows = _rows()
    target = next(i for i, r in enumerate(rows) if r["confidence"] == "missing")
    rows[target]["phone"] = "608-555-0100"
    with pytest.raises(ValueError, match=rf"row {target + 2} .*field 'phone'"):
        load_cps(_write(tmp_path, rows))


def test_loader_rejects_unknown_confidence_and_bad_date(tmp_path):
    rows = _rows()
    rows[0]["confidence"] = "probably"
    with pytest.raises(ValueError, match="field 'confidence'"):
        load_cps(_write(tmp_path, rows))
    rows = _rows()
    rows[0]["checked"] = "yesterday"
    with pytest.raises(ValueError, match="field 'checked'"):
        load_cps(_write(tmp_path, rows))


def test_loader_rejects_county_word_in_name(tmp_path):
    rows = _rows()
    rows[0]["county"] = rows[0]["county"] + " County"
    with pytest.raises(ValueError, match='without "County"'):
        load_cps(_write(tmp_path, rows))


def test_numbers_printed_with_letters_also_get_keypad_digits() -> None:
    from bot.cps import dialable

    assert dialable("608-261-KIDS") == "608-261-KIDS (608-261-5437)"
    assert dialable("414-220-SAFE") == "414-220-SAFE (414-220-7233)"
    assert dialable("715-538-2311 ext. 291") == "715-538-2311 ext. 291"
    assert "(608-261-5437)" in cps_message("dane")
