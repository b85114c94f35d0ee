"""Wisconsin reporting steps: the required facts, SMS-safe, with sources."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import reporting_guide
from bot.reporting_guide import DEFAULT_GUIDE, ReportingGuideError, after_report_steps, load_guide, reporting_steps
from bot.screening import read_yaml
from bot.sms_text import is_gsm7


def test_steps_are_sms_safe() -> None:
    for text in (*reporting_steps(), *after_report_steps()):
        assert text.strip() and len(text) <= 320 and is_gsm7(text), text
        assert "prostitut" not in text.lower()


@pytest.mark.parametrize("needle", [
    "Wis. Stat. 48.981", "by phone or in person", "child protective services (CPS)", "sheriff or police",
    "call 911", "CyberTipline", "report.cybertip.org", "1-800-843-5678", "1-888-373-7888",
    "victim of a crime, not an offender", "48.02(1)(cm)",
])
def test_reporting_steps_name_the_essentials(needle: str) -> None:
    assert needle in " ".join(reporting_steps())


def test_order_puts_the_duty_first_and_victim_framing_last() -> None:
    steps = reporting_steps()
    assert "48.981" in steps[0] and "victim" in steps[-1]


def test_after_report_steps() -> None:
    text = " ".join(after_report_steps())
    for needle in ("CPS screens it", "12 hours", "safety", "good faith", "48.981(4)", "screen again"):
        assert needle in text, needle


def test_every_source_has_url_and_date() -> None:
    data, error = read_yaml(DEFAULT_GUIDE)
    assert error is None and len(data["sources"]) >= 5
    for source in data["sources"]:
        assert source["citation"] and source["url"].startswith("http") and str(source["checked"]) == "2026-11-25"
    cited = " ".join(s["citation"] for s in data["sources"])
    for needle in ("48.981", "2015 Wisconsin Act 367", "48.02(1)(cm)", "CyberTipline", "1-888-373-7888"):
        assert needle in cited


def test_invalid_guide_lists_problems(tmp_path: Path) -> None:
    path = tmp_path / "reporting.yml"
    path.write_text(yaml.safe_dump({"steps": ["ok", "\u2014 dash", "x" * 321], "after_report": []}), encoding="utf-8")
    with pytest.raises(ReportingGuideError) as caught:
        load_guide(path)
    problems = caught.value.problems
    assert "reporting.yml: missing 'sources' (citation, url, checked)" in problems
    assert any(p.startswith("reporting.yml: steps 2: text has characters outside GSM-7") for p in problems)
    assert any(p.startswith("reporting.yml: steps 3: text is 321 characters") for p in problems)
    assert "reporting.yml: after_report: must be a non-empty list of messages" in problems


def test_default_guide_is_cached() -> None:
    reporting_guide._default_guide.cache_clear()
    assert reporting_steps() is reporting_steps()
