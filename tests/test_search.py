"""Directory search: the county first, then neighbours, then state and national; never empty."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import session_scope
from bot.directory.search import FALLBACK_SERVICE_IDS, NEED_CATEGORIES, find_services
from bot.youth import format_options
from bot.sms_text import is_gsm7

COUNTIES = ["Milwaukee", "Dane", "Brown", "Kenosha", "Racine", "Outagamie", "Waukesha",
            "Eau Claire", "La Crosse", "Marathon", "Winnebago", "Rock"]


def test_dane_shelter_lists_briarpatch_first(directory_db: Path) -> None:
    with session_scope() as session:
        options = find_services(session, "shelter", "Dane County")
    assert options[0].scope == "county" and "Briarpatch" in options[0].name
    assert any(c.startswith("608-") for c in options[0].contacts)


@pytest.mark.parametrize("need", sorted(NEED_CATEGORIES))
@pytest.mark.parametrize("county", [None, *[f"{c} County" for c in COUNTIES], "Iron County"])
def test_never_empty_and_ends_with_fallback_lines(directory_db: Path, need: str, county: str | None) -> None:
    with session_scope() as session:
        options = find_services(session, need, county)
    ids = [o.service_id for o in options]
    assert set(FALLBACK_SERVICE_IDS) <= set(ids)
    assert all(o.contacts for o in options)
    text = format_options(options[:3], need, county)
    assert len(text) <= 320 and is_gsm7(text)


def test_nearby_county_used_when_local_has_none(directory_db: Path) -> None:
    with session_scope() as session:
        options = find_services(session, "shelter", "Racine County")
    nearby = [o for o in options if o.scope == "nearby"]
    assert nearby and nearby[0].area in {"Milwaukee County", "Kenosha County", "Waukesha County"}
