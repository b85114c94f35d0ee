"""Keyed pseudonyms for channel identities (phone numbers, chat ids, browser sessions).

The same person on the same channel always gets the same pseudonym, so a
conversation continues; without the key nobody can go back from pseudonym to
identity. Raw identities never reach Rasa or the database.
"""
from __future__ import annotations

import hashlib
import hmac

from bot.secrets import get_secret


def pseudonym(channel: str, identity: str, key: str | None = None) -> str:
    """``<channel>-<32 hex>``: HMAC-SHA256 of the normalised identity under the pseudonym key."""
    secret = (key or get_secret("HARBOR_PSEUDONYM_KEY")).encode()
    digest = hmac.new(secret, f"{channel}:{identity.strip()}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:32]}"
