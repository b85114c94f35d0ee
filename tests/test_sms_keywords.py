"""Carrier keywords: whole-message matches only; everything else reaches the assistant."""
from __future__ import annotations

import pytest

from bot.sms_keywords import HELP_TEXT, MEDIA_TEXT, OPT_IN_TEXT, OPT_OUT_TEXT, Keyword, classify, reply_for
from bot.sms_text import MAX_SMS_CHARS, is_gsm7

OPT_OUT_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]


@pytest.mark.parametrize("word", OPT_OUT_WORDS)
@pytest.mark.parametrize("shape", ["{}", "{l}", "  {t}  ", "\t{l}\n", "{spaced}"])
def test_opt_out_variants(word: str, shape: str) -> None:
    text = shape.format(word, l=word.lower(), t=word.title(), spaced=" ".join(word))
    assert classify(text) is Keyword.OPT_OUT


@pytest.mark.parametrize("text", ["START", "start", " Unstop ", "un stop"])
def test_opt_in(text: str) -> None:
    assert classify(text) is Keyword.OPT_IN


@pytest.mark.parametrize("text", ["HELP", "help", " Info ", "h e l p"])
def test_help(text: str) -> None:
    assert classify(text) is Keyword.HELP


@pytest.mark.parametrize("text", [
    "i want it to stop", "make him stop", "stop it", "please stop", "stop!", "STOP.", "the end",
    "help me", "i need help", "info on shelters", "start over", "cancel my date", "quit school",
    "", "   ", "stopp", "stop stop",
])
def test_sentences_are_not_keywords(text: str) -> None:
    assert classify(text) is None


@pytest.mark.parametrize("text", [OPT_OUT_TEXT, OPT_IN_TEXT, HELP_TEXT, MEDIA_TEXT])
def test_texts_are_sms_safe(text: str) -> None:
    assert is_gsm7(text) and len(text) <= MAX_SMS_CHARS


def test_help_says_what_harbor_is_and_gives_the_lines() -> None:
    help_text = reply_for(Keyword.HELP)
    for fact in ("automated", "911", "1-888-373-7888", "233733", "988", "STOP"):
        assert fact in help_text
    assert "START" in reply_for(Keyword.OPT_OUT) and "911" in MEDIA_TEXT
