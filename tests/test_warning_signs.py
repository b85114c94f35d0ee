"""Warning signs for staff: every area from the brief, SMS-safe, framed as victimisation."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.screening import read_yaml
from bot.sms_text import is_gsm7
from bot.warning_signs import DEFAULT_SIGNS, Area, WarningSignsError, load_warning_signs


@pytest.fixture(scope="module")
def areas() -> tuple[Area, ...]:
    return load_warning_signs()


def test_every_area_is_sms_safe(areas: tuple[Area, ...]) -> None:
    assert len({a.id for a in areas}) == len(areas) >= 12
    for area in areas:
        assert 1 <= len(area.more) <= 2
        for text in (area.title, area.summary, *area.more):
            assert text.strip() and len(text) <= 320 and is_gsm7(text), text
            assert "prostitut" not in text.lower()
        assert len(f"{area.title}: {area.summary}") <= 320  # the staff action sends them as one message


@pytest.mark.parametrize("needle", [
    # risk factors named in the brief
    "child welfare", "juvenile justice", "group homes", "residential treatment", "Runaway", "homeless",
    "LGBTQ+", "drug use", "maltreatment", "extreme poverty", "sexually abused",
    # Wisconsin patterns in the brief
    "trading sexual acts for basic", "for drugs", "adolescent girls into their home",
    # widely published indicators
    "older boyfriend", "phone", "hotel keys", "tattoo", "answers for the youth", "what city",
    "Truancy", "Bruises",
])
def test_areas_cover_the_brief(areas: tuple[Area, ...], needle: str) -> None:
    text = " ".join(f"{a.title} {a.summary} {' '.join(a.more)}" for a in areas)
    assert needle.lower() in text.lower(), needle


def test_file_cites_brief_and_dcf_with_date() -> None:
    data, error = read_yaml(DEFAULT_SIGNS)
    assert error is None
    urls = [s["url"] for s in data["sources"]]
    assert any("dcf.wisconsin.gov/ys/aht" in u for u in urls)
    assert any("000_971aadeff5b5aebc" in u for u in urls)
    assert all(str(s["checked"]) == "2026-11-25" for s in data["sources"])


def _problems(tmp_path: Path, data: Any) -> list[str]:
    path = tmp_path / "signs.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(WarningSignsError) as caught:
        load_warning_signs(path)
    return caught.value.problems


def test_validation_names_area_and_reason(tmp_path: Path) -> None:
    data, _ = read_yaml(DEFAULT_SIGNS)
    data = copy.deepcopy(data)
    data["areas"][0]["more"] = ["one", "two", "three"]
    data["areas"][1]["summary"] = "z" * 330
    data["areas"][2]["id"] = data["areas"][3]["id"]
    data["areas"][4]["summary"] = "Signs of child prostitution"
    problems = _problems(tmp_path, data)
    assert f"signs.yml: area {data['areas'][0]['id']}: 'more' must hold 1 or 2 messages" in problems
    assert any(p.startswith(f"signs.yml: area {data['areas'][1]['id']}: summary: text is 330") for p in problems)
    assert f"signs.yml: area {data['areas'][3]['id']}: duplicate area id" in problems
    assert any(p.startswith(f"signs.yml: area {data['areas'][4]['id']}: summary: text calls a child") for p in problems)


def test_validation_requires_sources(tmp_path: Path) -> None:
    data, _ = read_yaml(DEFAULT_SIGNS)
    del data["sources"]
    assert _problems(tmp_path, data) == ["signs.yml: missing 'sources' (citation, url, checked)"]
