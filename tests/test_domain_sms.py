"""Every response in domain.yml fits one SMS (<= 320 characters) in GSM-7 characters."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.sms_text import MAX_SMS_CHARS, is_gsm7, split_for_sms, to_gsm7

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())
TEXTS = [
    (name, variant["text"])
    for name, variants in DOMAIN["responses"].items()
    for variant in variants
    if "text" in variant
]


@pytest.mark.parametrize("name, text", TEXTS, ids=[n for n, _ in TEXTS])
def test_response_fits_one_sms(name: str, text: str) -> None:
    assert len(text) <= MAX_SMS_CHARS, f"{name} is {len(text)} characters"
    bad = sorted({ch for ch in text if not is_gsm7(ch)})
    assert not bad, f"{name} has non-GSM-7 characters {bad}"


def test_no_blaming_words() -> None:
    words = " ".join(t.lower() for _, t in TEXTS)
    for word in ("prostitute", "why did you", "why were you"):
        assert word not in words


def test_split_keeps_sentences_and_limit() -> None:
    text = "One sentence here. " * 40
    parts = split_for_sms(text)
    assert all(len(p) <= MAX_SMS_CHARS for p in parts)
    assert " ".join(parts).split() == text.split()
    assert all(p.endswith(".") for p in parts)


def test_to_gsm7_replaces_typography() -> None:
    assert to_gsm7("It\u2019s \u201cok\u201d \u2014 really\u2026") == "It's \"ok\" - really..."
    assert is_gsm7(to_gsm7("caf\u00e9 \U0001F600 ni\u00f1o"))
