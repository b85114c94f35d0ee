"""SMS-safe text: GSM-7 characters only and at most 320 characters a message.

A single non-GSM character (a curly quote, an emoji) switches a whole SMS to UCS-2
and cuts its length from 160 to 70 characters a segment; youth on prepaid phones
pay for that. Every text Harbor sends goes through here.
"""
from __future__ import annotations

import re

MAX_SMS_CHARS = 320
# GSM 03.38 basic character set plus the extension table (which costs 2 septets).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")
_REPLACEMENTS = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u2026": "...", "\u00a0": " ", "\u2022": "-", "á": "a", "í": "i", "ó": "o", "ú": "u",
    "Á": "A", "Í": "I", "Ó": "O", "Ú": "U", "ê": "e", "ç": "c",
}


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def to_gsm7(text: str) -> str:
    """Replace common typographic characters; drop anything else outside GSM-7."""
    out = "".join(_REPLACEMENTS.get(ch, ch) for ch in text)
    return "".join(ch for ch in out if ch in GSM7_BASIC or ch in GSM7_EXTENDED)


def split_for_sms(text: str, limit: int = MAX_SMS_CHARS) -> list[str]:
    """Split at sentence (then line, then word) boundaries into parts of at most ``limit``."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces = re.split(r"(?<=[.!?])\s+|\n+", text)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        while len(piece) > limit:  # one very long sentence: cut at the last space
            cut = piece.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                parts.append(current)
                current = ""
            parts.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        joined = f"{current} {piece}".strip() if current else piece
        if len(joined) <= limit:
            current = joined
        else:
            parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return [p for p in parts if p]
