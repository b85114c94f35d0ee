"""Warning signs for staff, by area, from ``data/staff/warning_signs.yml``.

Each area is one SMS-length summary plus one or two "more" messages, so a staff
member on a phone can stop after the summary. Every text is framed as a sign that
a youth is being victimised, never as something the youth did wrong.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from bot.screening import read_yaml, sms_text_problem
from bot.settings import PROJECT_ROOT

DEFAULT_SIGNS = PROJECT_ROOT / "data" / "staff" / "warning_signs.yml"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_]{0,59}$")


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    summary: str
    more: tuple[str, ...]


class WarningSignsError(ValueError):
    """The warning-signs file is invalid; ``problems`` lists each reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("warning signs file is invalid: " + "; ".join(self.problems))


def load_warning_signs(path: Path = DEFAULT_SIGNS) -> tuple[Area, ...]:
    """Load and validate every area; raise WarningSignsError listing every problem."""
    path = Path(path)
    data, error = read_yaml(path)
    if error:
        raise WarningSignsError([f"{path.name}: {error}"])
    raw_areas = data.get("areas") if isinstance(data, Mapping) else None
    if not isinstance(raw_areas, list) or not raw_areas:
        raise WarningSignsError([f"{path.name}: missing 'areas' list"])
    if not isinstance(data.get("sources"), list) or not data["sources"]:
        raise WarningSignsError([f"{path.name}: missing 'sources' (citation, url, checked)"])
    problems: list[str] = []
    areas: list[Area] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_areas, start=1):
        label = f"#{position}"
        if not isinstance(raw, Mapping):
            problems.append(f"{path.name}: area {label}: must be a mapping with id, title, summary, more")
            continue
        area_id = raw.get("id")
        if isinstance(area_id, str) and _SLUG.match(area_id):
            label = area_id
            if area_id in seen:
                problems.append(f"{path.name}: area {label}: duplicate area id")
            seen.add(area_id)
        else:
            problems.append(f"{path.name}: area {label}: missing or malformed 'id'")
        before = len(problems)
        for field in ("title", "summary"):
            reason = sms_text_problem(raw.get(field))
            if reason:
                problems.append(f"{path.name}: area {label}: {field}: {reason}")
        more = raw.get("more")
        if not isinstance(more, list) or not 1 <= len(more) <= 2:
            problems.append(f"{path.name}: area {label}: 'more' must hold 1 or 2 messages")
            more = []
        for number, message in enumerate(more, start=1):
            reason = sms_text_problem(message)
            if reason:
                problems.append(f"{path.name}: area {label}: more {number}: {reason}")
        if len(problems) == before and label == area_id:
            areas.append(Area(id=area_id, title=raw["title"], summary=raw["summary"], more=tuple(more)))
    if problems:
        raise WarningSignsError(problems)
    return tuple(areas)
