"""Staff flows on the real servers: the issue's live acceptance and a whole screening."""
from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.conftest import BASE

pytestmark = pytest.mark.server


def say(sender: str, text: str) -> str:
    reply = httpx.post(f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    assert reply.status_code == 200
    return " ".join(m.get("text") or "" for m in reply.json())


def test_how_to_report_then_dane_county_gives_its_cps_number(servers: Path) -> None:
    sender = f"report-{uuid.uuid4().hex}"
    steps = say(sender, "how do I report suspected child trafficking in Wisconsin")
    assert "child protective services" in steps.lower() or "CPS" in steps
    assert "sheriff" in steps.lower() or "police" in steps.lower()
    answer = say(sender, "dane county")
    assert "Dane County" in answer and "608-261-KIDS (608-261-5437)" in answer


def test_a_whole_positive_screening_is_scored_and_stored_without_identifiers(servers: Path) -> None:
    import sqlite3

    from tests.live_servers import PROJECT

    sender = f"screen-{uuid.uuid4().hex}"
    assert "youth" in say(sender, "im a school counselor").lower()
    say(sender, "screen a youth")
    first = say(sender, "2")  # the second instrument in the list
    assert "(1 of" in first
    replies = [say(sender, answer) for answer in ("yeah", "back", "yes", "not sure", "no")]
    assert "(1 of" in replies[1], "back asks the previous question again"
    result = " ".join(replies[2:])
    while "county" not in result.lower() and len(replies) < 12:  # answer any remaining items "no"
        replies.append(say(sender, "no"))
        result = replies[-1]
    final = say(sender, "dane")
    assert "not a determination" in (result + final).lower() or "positive" in (result + final).lower()
    assert "608-261" in final
    with sqlite3.connect(PROJECT / "var" / "harbor.db") as conn:
        columns = [r[1] for r in conn.execute("pragma table_info(screening_record)")]
        rows = conn.execute("select instrument, county, band from screening_record").fetchall()
    assert columns == ["id", "instrument", "day", "county", "band", "positive_domains"]
    assert any(band == "positive" and county and "Dane" in county for _i, county, band in rows)
