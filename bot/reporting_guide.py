"""How to report suspected child sex trafficking in Wisconsin, as SMS-length steps.

The text lives in ``data/staff/reporting.yml`` with its sources (statutes, NCMEC,
the national hotline) and the date each was checked; this module only loads and
checks it. The county CPS number itself comes from the directory (bot/cps.py).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Mapping

from bot.screening import read_yaml, sms_text_problem
from bot.settings import PROJECT_ROOT

DEFAULT_GUIDE = PROJECT_ROOT / "data" / "staff" / "reporting.yml"


class ReportingGuideError(ValueError):
    """The reporting guide file is invalid; ``problems`` lists each reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("reporting guide is invalid: " + "; ".join(self.problems))


def load_guide(path: Path = DEFAULT_GUIDE) -> dict[str, tuple[str, ...]]:
    """``{"steps": (...), "after_report": (...)}`` after checking every message."""
    path = Path(path)
    data, error = read_yaml(path)
    if error:
        raise ReportingGuideError([f"{path.name}: {error}"])
    if not isinstance(data, Mapping):
        raise ReportingGuideError([f"{path.name}: the file must hold a mapping"])
    problems: list[str] = []
    if not isinstance(data.get("sources"), list) or not data["sources"]:
        problems.append(f"{path.name}: missing 'sources' (citation, url, checked)")
    guide: dict[str, tuple[str, ...]] = {}
    for section in ("steps", "after_report"):
        messages = data.get(section)
        if not isinstance(messages, list) or not messages:
            problems.append(f"{path.name}: {section}: must be a non-empty list of messages")
            continue
        for number, message in enumerate(messages, start=1):
            reason = sms_text_problem(message)
            if reason:
                problems.append(f"{path.name}: {section} {number}: {reason}")
        guide[section] = tuple(str(m) for m in messages)
    if problems:
        raise ReportingGuideError(problems)
    return guide


@lru_cache(maxsize=1)
def _default_guide() -> dict[str, tuple[str, ...]]:
    return load_guide(DEFAULT_GUIDE)


def reporting_steps() -> tuple[str, ...]:
    """The duty, where and how to report, 911, CyberTipline, hotline, victim framing."""
    return _default_guide()["steps"]


def after_report_steps() -> tuple[str, ...]:
    """What happens after a report, and how to keep supporting the youth."""
    return _default_guide()["after_report"]
