"""End to end: the stock `rasa run --enable-api` and `rasa run actions`, from the project root,
with no environment variables, answer over REST and the web chat on the embedded defaults."""
from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.conftest import BASE, PROJECT

pytestmark = pytest.mark.server
SENT_TEXTS: list[str] = []
SENDERS: list[str] = []


def rest(text: str, sender: str) -> list[str]:
    SENT_TEXTS.append(text)
    SENDERS.append(sender)
    reply = httpx.post(f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60)
    assert reply.status_code == 200
    return [m.get("text") or "" for m in reply.json()]


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_hi_over_rest(servers: Path) -> None:
    texts = rest("hi", new_sender())
    joined = " ".join(texts)
    assert "automated" in joined and "911" in joined


def test_hotlines_from_database_over_rest(servers: Path) -> None:
    joined = " ".join(rest("i need a hotline number", new_sender()))
    assert "1-888-373-7888" in joined


def test_shelter_then_madison_gives_dane_county_in_two_turns(servers: Path) -> None:
    sender = new_sender()
    first = " ".join(rest("need somewhere to sleep tonight", sender))
    assert "city, county or ZIP" in first
    second = " ".join(rest("madison", sender))
    assert "Briarpatch" in second and "608-251-1126" in second


def test_unknown_text_gets_a_helpful_answer(servers: Path) -> None:
    """Nonsense must never produce an error or silence: Harbor offers its choices."""
    sender = new_sender()
    reply = httpx.post(f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": "qwzx vbnm plok"},
                       timeout=60)
    assert reply.status_code == 200
    buttons = [b["payload"] for m in reply.json() for b in m.get("buttons", [])]
    assert "/need_shelter" in buttons and "/ask_hotlines" in buttons


def test_crisis_gets_911_and_hotline_same_turn(servers: Path) -> None:
    joined = " ".join(rest("im scared hes gonna hurt me", new_sender()))
    assert "911" in joined and "1-888-373-7888" in joined


def test_webchat_page_has_quick_exit_and_headers(servers: Path) -> None:
    page = httpx.get(f"{BASE}/webhooks/webchat/")
    assert page.status_code == 200 and 'id="quick-exit"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    script = httpx.get(f"{BASE}/webhooks/webchat/static/chat.js")
    assert script.status_code == 200 and "sessionStorage.clear()" in script.text
    assert httpx.get(f"{BASE}/webhooks/webchat/static/..%2Fpyproject.toml").status_code == 404


@pytest.mark.parametrize(
    "body, status, reason",
    [
        (b"{not json", 400, "JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (b'{"session": "short", "message": "hi"}', 400, "session"),
        (b'{"session": "' + b"a" * 32 + b'", "message": ""}', 400, "message"),
        (b'{"session": "' + b"a" * 32 + b'", "message": "' + b"x" * 2001 + b'"}', 413, "longer"),
    ],
)
def test_webchat_rejects_bad_input_with_a_reason(servers: Path, body: bytes, status: int, reason: str) -> None:
    reply = httpx.post(f"{BASE}/webhooks/webchat/webhook", content=body,
                       headers={"Content-Type": "application/json"})
    assert reply.status_code == status and reason in reply.json()["error"]


def test_webchat_conversation_is_stored_under_a_pseudonym(servers: Path) -> None:
    token = uuid.uuid4().hex
    SENT_TEXTS.append("what can you do")
    SENDERS.append(token)
    reply = httpx.post(f"{BASE}/webhooks/webchat/webhook", json={"session": token, "message": "what can you do"},
                       timeout=60)
    assert reply.status_code == 200 and any("shelter" in (m.get("text") or "") or "sleep" in (m.get("text") or "")
                                            for m in reply.json())
    import sqlite3

    with sqlite3.connect(PROJECT / "var" / "harbor.db") as db:
        senders = {row[0] for row in db.execute("select distinct sender_id from events")}
    assert not any(token in s for s in senders)
    assert any(s.startswith("web-") for s in senders)


def test_logs_hold_no_message_text_or_sender(servers: Path) -> None:
    logs = "".join(p.read_text(errors="replace") for p in servers.iterdir())
    assert "Rasa server is up and running" in logs, "the server log was not captured"
    for text in SENT_TEXTS:
        if len(text) > 6:
            assert text not in logs
    for sender in SENDERS:
        assert sender not in logs


PRIORITY_CITIES = {
    "milwaukee": "Milwaukee County", "madison": "Dane County", "green bay": "Brown County",
    "kenosha": "Kenosha County", "racine": "Racine County", "appleton": "Outagamie County",
    "waukesha": "Waukesha County", "eau claire": "Eau Claire County", "la crosse": "La Crosse County",
    "wausau": "Marathon County", "oshkosh": "Winnebago County", "janesville": "Rock County",
}


@pytest.mark.parametrize("city", sorted(PRIORITY_CITIES))
def test_each_priority_county_gets_numbers_within_two_turns(servers: Path, city: str) -> None:
    sender = new_sender()
    rest("need somewhere to sleep tonight", sender)
    answer = " ".join(rest(city, sender))
    assert re.search(r"\d{3}-\d{3}-\d{4}", answer), f"no phone number for {city}: {answer!r}"
    tracker = httpx.get(f"{BASE}/conversations/{sender}/tracker", timeout=30).json()
    assert tracker["slots"]["county"] == PRIORITY_CITIES[city]
