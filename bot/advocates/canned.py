"""Canned replies advocates pick from; admins edit them. Each must fit one SMS-sized message."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.advocates.models import CannedReply

MAX_TITLE = 80
MAX_TEXT = 320
# The GSM 03.38 default alphabet (basic set + the extension table), so a reply never forces UCS-2.
GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
           "¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€")


def validate(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title or len(title) > MAX_TITLE:
        raise ValueError(f"the title must be 1-{MAX_TITLE} characters")
    if not text or len(text) > MAX_TEXT:
        raise ValueError(f"the text must be 1-{MAX_TEXT} characters (two SMS at most)")
    odd = sorted({c for c in text if c not in GSM7})
    if odd:
        raise ValueError("the text has characters a basic phone may not show: " + " ".join(odd))
    return title, text


def list_replies(session: Session) -> list[CannedReply]:
    return list(session.execute(sa.select(CannedReply).order_by(CannedReply.id)).scalars())


def add_reply(session: Session, title: str, text: str) -> CannedReply:
    title, text = validate(title, text)
    reply = CannedReply(title=title, text=text)
    session.add(reply)
    session.flush()
    return reply


def edit_reply(session: Session, reply_id: int, title: str, text: str) -> CannedReply:
    reply = session.get(CannedReply, reply_id)
    if reply is None:
        raise LookupError("no such canned reply")
    reply.title, reply.text = validate(title, text)
    session.flush()
    return reply


def delete_reply(session: Session, reply_id: int) -> None:
    if session.execute(sa.delete(CannedReply).where(CannedReply.id == reply_id)).rowcount != 1:
        raise LookupError("no such canned reply")
