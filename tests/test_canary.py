"""Canary scan: 1,000 scripted conversations over REST, web chat, SMS and Telegram carry made-up
phone numbers, emails, names, addresses and birth dates; afterwards no byte of any of them is in
any database file (with WAL), secrets file or server log. Includes the issue's live example:
"call me at 608-555-0199, my name is Jessica"."""
from __future__ import annotations

import json
import random
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from cryptography.fernet import Fernet
from twilio.request_validator import RequestValidator

from tests.live_servers import fake_provider, isolated_harbor
from tests.test_sms_channel import FakeTwilio
from tests.test_telegram_channel import FakeBotApi, TOKEN as TG_TOKEN

pytestmark = pytest.mark.server

PORT, ACTIONS_PORT = 5505, 5555
BASE = f"http://localhost:{PORT}"
PUBLIC_URL = "https://harbor.example.org"
SMS_URL = PUBLIC_URL + "/webhooks/sms/webhook"
AUTH_TOKEN = "c" * 8 + "canary-auth-token-harbor"
TG_SECRET = "harbor-canary-webhook-secret_42"
CONVERSATIONS = 1000
NAMES = ["Jessica", "Marisol", "Keondra", "Tashauna", "Brielle", "Yesenia", "Dashawn", "Makayla",
         "Quintessa", "Rosalind", "Jaylani", "Anaiyah", "Treshawn", "Zuleyma", "Kiyara", "Lakeisha"]
STREETS = ["Wrenfield St", "Lantern Ave", "Copperleaf Rd", "Mallory Dr", "Heronwood Ln", "Pinecrest Ct"]
TEMPLATES = [
    "call me at {phone}, my name is {name}",
    "my email is {email} and i stay at {number} {street} in milwaukee",
    "this is {name}, text me at {phone} i need somewhere to sleep in madison",
    "{name} here. dob {dob}. im at {number} {street}, need food",
    "my name is {name} my snap is @{handle} and my number is {phone}",
    "i need a shelter in green bay, email me {email} or call {phone_plain}",
]


def canary(n: int) -> dict[str, str]:
    rng = random.Random(n)
    last4 = f"01{n % 100:02d}"
    return {"phone": f"608-555-{last4}", "phone_plain": f"920555{last4}", "name": NAMES[n % len(NAMES)],
            "email": f"canary.{n}.{rng.randint(1000, 9999)}@example.com",
            "number": str(4000 + n), "street": STREETS[n % len(STREETS)],
            "dob": f"0{1 + n % 9}/1{n % 10}/2010", "handle": f"canary_{n}_snap"}


def needles(values: dict[str, str]) -> list[str]:
    """Every way a canary could be written down: as typed, digits only, the address's street part."""
    digits = values["phone"].replace("-", "")
    return [values["phone"], digits, values["phone_plain"], values["email"], values["name"],
            f"{values['number']} {values['street']}", values["dob"], values["handle"]]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    with fake_provider(FakeTwilio) as twilio, fake_provider(FakeBotApi) as bot_api:
        extra = {
            "HARBOR_PSEUDONYM_KEY": "ef" * 32, "HARBOR_FERNET_KEY": Fernet.generate_key().decode(),
            "TWILIO_ACCOUNT_SID": "AC" + "0123456789abcdef" * 2, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_NUMBER": "+14145550100", "HARBOR_PUBLIC_URL": PUBLIC_URL, "HARBOR_TWILIO_API_BASE": twilio,
            "TELEGRAM_TOKEN": TG_TOKEN, "TELEGRAM_WEBHOOK_SECRET": TG_SECRET,
            "HARBOR_TELEGRAM_API_BASE": bot_api,
            # replies in the TwiML, as the test reads them, however many turns run at once
            "HARBOR_SMS_REPLY_BUDGET": "8", "HARBOR_SMS_BUSY_TURNS": "1000",
        }
        with isolated_harbor(tmp_path_factory.mktemp("canary"), PORT, ACTIONS_PORT, extra) as running:
            yield running


def send(client: httpx.Client, n: int) -> int:
    values = canary(n)
    text = ("call me at 608-555-0199, my name is Jessica" if n == 0
            else TEMPLATES[n % len(TEMPLATES)].format(**values))
    channel = n % 4
    if channel == 0:
        reply = client.post(f"{BASE}/webhooks/rest/webhook", json={"sender": f"canary-{n}", "message": text})
    elif channel == 1:
        reply = client.post(f"{BASE}/webhooks/webchat/webhook",
                            json={"session": secrets.token_hex(16), "message": text})
    elif channel == 2:
        form = {"MessageSid": f"SM{n:032x}", "AccountSid": "AC" + "0123456789abcdef" * 2,
                "From": f"+1414555{1000 + n:04d}"[:12], "To": "+14145550100", "Body": text, "NumMedia": "0"}
        signature = RequestValidator(AUTH_TOKEN).compute_signature(SMS_URL, form)
        reply = client.post(f"{BASE}/webhooks/sms/webhook", data=form, headers={"X-Twilio-Signature": signature})
    else:
        update = {"update_id": 500000 + n, "message": {
            "message_id": n + 1, "date": 1764000000, "text": text,
            "chat": {"id": 77000000 + n, "type": "private"},
            "from": {"id": 77000000 + n, "is_bot": False, "first_name": values["name"]}}}
        reply = client.post(f"{BASE}/webhooks/telegram/webhook", content=json.dumps(update),
                            headers={"Content-Type": "application/json",
                                     "X-Telegram-Bot-Api-Secret-Token": TG_SECRET})
    return reply.status_code


def test_thousand_conversations_leave_no_canary_anywhere(server: dict) -> None:
    webchat_field = _webchat_session_field()
    assert webchat_field == "session", "web chat payload shape changed: update this test"
    with httpx.Client(timeout=120) as client, ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda n: send(client, n), range(CONVERSATIONS)))
    assert statuses.count(200) == CONVERSATIONS, {s: statuses.count(s) for s in set(statuses)}

    var = server["db"].parent
    stores = [p for p in var.rglob("*") if p.is_file() and "spacy" not in p.parts]
    stores += [p for p in server["logs"].rglob("*") if p.is_file()]
    assert any(p.name == "harbor.db" for p in stores) and any(p.suffix == ".log" for p in stores)
    contents = {p: p.read_bytes() for p in stores}
    all_needles = {needle for n in range(CONVERSATIONS) for needle in needles(canary(n))}
    all_needles |= {"608-555-0199", "6085550199", "Jessica"}
    found = {(needle, p.name) for needle in all_needles for p, data in contents.items() if needle.encode() in data}
    print(f"\ncanary scan: {CONVERSATIONS} conversations over 4 channels, {len(all_needles)} canaries, "
          f"{len(stores)} files ({sum(len(d) for d in contents.values()) // 1024} KiB) scanned, "
          f"{len(found)} found")
    assert not found, sorted(found)[:20]
    # and the conversations really were stored (redacted), so the scan looked at real data
    assert b"[phone]" in contents[server["db"]] or any(b"[phone]" in d for p, d in contents.items()
                                                        if p.name.startswith("harbor.db"))


def _webchat_session_field() -> str:
    """The JSON field the web chat page sends its session token in (read from the page's script)."""
    script = (Path(__file__).resolve().parents[1] / "web" / "chat.js").read_text(encoding="utf-8")
    return "session" if "session:" in script or '"session"' in script else "unknown"
