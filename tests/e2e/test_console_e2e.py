"""End to end in headless Debian Chromium (Playwright drives /usr/bin/chromium; no browser download):
a youth in crisis reaches an advocate through the console and back to the bot.

Own Rasa + action servers on ports 5405/5455 with their own database (tests.live_servers).
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from tests.live_servers import PROJECT, isolated_harbor

pytestmark = pytest.mark.server

PORT, ACTIONS_PORT = 5405, 5455
BASE = f"http://localhost:{PORT}"
CONSOLE = f"{BASE}/webhooks/console/"
CHROMIUM = "/usr/bin/chromium"
CRISIS = "im scared hes gonna hurt me"
PASSWORD = "e2e advocate password"
SCREENSHOT = PROJECT / "docs" / "console.png"
WAITING_ACK = "A person has been asked to join"


@pytest.fixture(scope="module")
def harbor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (never `playwright install`)")
    root = tmp_path_factory.mktemp("console_e2e")
    with isolated_harbor(root, PORT, ACTIONS_PORT, {"HARBOR_PSEUDONYM_KEY": "cd" * 32}) as info:
        done = subprocess.run([sys.executable, "-m", "bot.cli", "advocate", "add", "Ann", "--role", "advocate",
                               "--password-stdin"], input=PASSWORD + "\n", text=True, capture_output=True,
                              cwd=PROJECT, env=info["env"], timeout=120)
        assert done.returncode == 0, done.stderr
        yield info


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


def sign_in(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(CONSOLE)
    assert page.url.endswith("/webhooks/console/login"), "no session: the console sends you to sign in"
    page.fill("#name", "Ann")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#me-name:has-text('Ann')")
    if not page.is_checked("#duty"):
        page.check("#duty")
        page.wait_for_selector("#status:has-text('on duty')")
    page.wait_for_selector("#live.on")
    return page


def rest(sender: str, message: str) -> list[str]:
    r = httpx.post(f"{BASE}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=120)
    assert r.status_code == 200, r.text
    return [m.get("text", "") for m in r.json()]


def open_first(page: Any, conversation_suffix: str) -> None:
    first = page.locator("#queue-list li").first
    first.wait_for()
    assert "emergency" in (first.get_attribute("class") or "")
    assert conversation_suffix in first.inner_text()
    first.click()
    page.wait_for_selector("#conversation:not([hidden])")
    page.click("#claim")
    page.wait_for_selector("#status:has-text('You have this conversation')")


def test_rest_youth_in_crisis_is_answered_by_an_advocate_then_the_bot(harbor: dict, browser: Any) -> None:
    page = sign_in(browser)
    sender = "e2e-youth-rest-0001"
    answer = rest(sender, CRISIS)
    assert any("911" in text for text in answer), answer

    open_first(page, sender[-8:])
    packet = page.inner_text("#packet")
    assert "Crisis category" in packet and "emergency" in packet.lower()
    assert page.locator("#transcript li.youth").count() >= 1

    reply = "Hi, I'm an advocate with Harbor. I'm here with you. Are you somewhere safe right now?"
    page.fill("#reply", reply)
    page.click("#reply-form button[type=submit]")
    page.wait_for_selector("#status:has-text('Reply')")
    page.wait_for_selector("#transcript li.advocate")
    page.wait_for_selector("#queue-list li:has-text('with Ann')")  # the live queue caught up
    page.fill("#note", "Youth said he is nearby. Asked if safe; waiting for an answer.")
    page.click("#note-form button[type=submit]")
    page.wait_for_selector("#notes li")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    tracker = httpx.get(f"{BASE}/conversations/{sender}/tracker", timeout=30).json()
    ours = [e for e in tracker["events"] if e.get("event") == "bot" and (e.get("metadata") or {}).get("advocate")]
    assert ours and ours[-1]["metadata"]["advocate"] == "Ann"
    with sqlite3.connect(harbor["db"]) as db:
        rows = db.execute("select channel, text from outbound_message where conversation_id = ?", (sender,)).fetchall()
        assert rows == [("rest", reply)]
        actions = {a for (a,) in db.execute("select action from audit_log where advocate = 'Ann'")}
    assert {"sign-in", "duty on", "claim", "view transcript", "reply", "note"} <= actions

    page.click("#handback")
    page.wait_for_selector("#status:has-text('Handed back')")
    with sqlite3.connect(harbor["db"]) as db:
        status, outcome = db.execute("select status, outcome from handoff where conversation_id = ?",
                                     (sender,)).fetchone()
    assert (status, outcome) == ("closed", "handed back to bot")
    after = rest(sender, "where can i sleep tonight")
    assert after and not any(WAITING_ACK in text for text in after), after
    page.context.close()


def test_web_chat_youth_sees_the_advocates_reply(harbor: dict, browser: Any) -> None:
    advocate = sign_in(browser)
    youth_context = browser.new_context()
    youth = youth_context.new_page()
    youth.goto(f"{BASE}/webhooks/webchat/")
    youth.wait_for_selector(".msg.bot")
    youth.fill("#message", CRISIS)
    youth.click("#composer button[type=submit]")
    youth.wait_for_selector(".msg.bot:has-text('911')")

    first = advocate.locator("#queue-list li").first
    first.wait_for()
    assert "webchat" in first.inner_text() and "emergency" in (first.get_attribute("class") or "")
    first.click()
    advocate.click("#claim")
    advocate.wait_for_selector("#status:has-text('You have this conversation')")
    words = "This is Ann, a person at Harbor. I'm reading your messages now."
    advocate.fill("#reply", words)
    advocate.click("#reply-form button[type=submit]")
    advocate.wait_for_selector("#status:has-text('Reply')")
    youth.wait_for_selector(f'.msg.advocate:has-text("{words}")', timeout=15000)

    from bot.pseudonym import pseudonym

    conversation = pseudonym("web", youth.evaluate("sessionStorage.getItem('harbor-session')"), key="cd" * 32)
    youth.click("#delete-chat")
    youth.click("#delete-yes")
    youth.wait_for_selector(".msg.bot:has-text('Your chat is deleted')")
    assert youth.evaluate("sessionStorage.length") == 0
    with sqlite3.connect(harbor["db"]) as db:
        for table, column in (("events", "sender_id"), ("handoff", "conversation_id"),
                              ("outbound_message", "conversation_id")):
            assert db.execute(f"select count(*) from {table} where {column} = ?", (conversation,)).fetchone() == (0,)
    advocate.context.close()
    youth_context.close()
