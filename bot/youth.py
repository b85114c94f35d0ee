"""What a youth asked for, and how to answer it in SMS-sized, plain messages."""
from __future__ import annotations

from bot.directory.search import ServiceOption
from bot.sms_text import MAX_SMS_CHARS, to_gsm7

PAGE_SIZE = 3  # at most three options a message: more is hard to read on a phone

# intent -> need code (bot.directory.search.NEED_CATEGORIES)
INTENT_NEEDS: dict[str, str] = {
    "need_shelter": "shelter",
    "need_food": "food",
    "need_health": "health",
    "need_talk": "talk",
    "need_legal": "legal",
    "leave_situation": "leave",
    "ask_hotlines": "hotlines",
}
NEED_LABELS: dict[str, str] = {
    "shelter": "a place to stay",
    "food": "food",
    "health": "health care",
    "talk": "someone to talk to",
    "legal": "legal help",
    "leave": "getting out safely",
    "hotlines": "hotlines",
}


def _line(number: int, option: ServiceOption, with_note: bool) -> str:
    contacts = ", ".join(option.contacts)
    area = "" if option.scope in ("county", "national", "state") else f" ({option.area})"
    note = f" ({option.note})" if with_note and option.note else ""
    return f"{number}. {option.name}{area}: {contacts}{note}"


def format_options(options: list[ServiceOption], need: str, place: str | None, start: int = 0) -> str:
    """One message listing up to three options, always within one SMS."""
    label = NEED_LABELS.get(need, "help")
    where = f" near {place}" if place else ""
    heading = f"For {label}{where}:" if start == 0 else "More options:"
    for with_note in (True, False):
        lines = [_line(start + i + 1, o, with_note) for i, o in enumerate(options)]
        text = to_gsm7("\n".join([heading, *lines]))
        if len(text) <= MAX_SMS_CHARS:
            return text
    return to_gsm7("\n".join([heading, *lines]))[:MAX_SMS_CHARS]
