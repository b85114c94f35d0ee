"""Carrier keywords (STOP, START, HELP...) on SMS, recognised before the assistant sees a message.

Only a whole message that *is* the keyword counts, ignoring case and spaces ("Stop",
" s t o p "); punctuation is kept, so "stop!" is not a keyword. "i want it to stop"
or "make him stop" are not keywords: they are words about a person's situation and go to
the assistant, where the safety layer reads them.
"""
from __future__ import annotations

import re
from enum import Enum


class Keyword(str, Enum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    DELETE = "delete"


KEYWORDS: dict[str, Keyword] = {
    **{word: Keyword.OPT_OUT for word in ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")},
    **{word: Keyword.OPT_IN for word in ("START", "UNSTOP")},
    **{word: Keyword.HELP for word in ("HELP", "INFO")},
    **{word: Keyword.DELETE for word in ("DELETE", "ERASE", "BORRAR")},
}

OPT_OUT_TEXT = (
    "Harbor: you are unsubscribed and will get no more messages from this number. "
    "Text START to use Harbor again. In danger? Call 911. "
    "Trafficking hotline: call 1-888-373-7888 or text 233733."
)
OPT_IN_TEXT = (
    "Harbor: welcome back. I'm an automated helper for young people in Wisconsin. "
    "Tell me what you need, or text HELP. Text STOP to stop at any time."
)
HELP_TEXT = (
    "Harbor is an automated helper for young people in Wisconsin: a safe place to sleep, food, "
    "health care, someone to talk to. In danger? Call 911. Trafficking hotline: 1-888-373-7888 "
    "or text 233733. Thinking of hurting yourself? Call or text 988. Text STOP to stop."
)
CONFIRM_DELETE_TEXT = (
    "Harbor: this erases our whole conversation and your number from Harbor, now. "
    "Reply YES to erase it, or anything else to keep it. Your phone keeps its own copy: "
    "delete this thread there too."
)
DELETED_TEXT = (
    "Harbor: done. Our conversation and your number are erased from Harbor. "
    "You can text again anytime. In danger? Call 911."
)
MEDIA_TEXT = (
    "I can only read text, not pictures or files. Please type your message. "
    "In danger? Call 911."
)

_SPACES = re.compile(r"\s+")


def classify(text: str) -> Keyword | None:
    """The keyword a whole message is, or None (then it goes to the assistant)."""
    return KEYWORDS.get(_SPACES.sub("", text).upper())


def reply_for(keyword: Keyword) -> str:
    return {Keyword.OPT_OUT: OPT_OUT_TEXT, Keyword.OPT_IN: OPT_IN_TEXT, Keyword.HELP: HELP_TEXT,
            Keyword.DELETE: CONFIRM_DELETE_TEXT}[keyword]

