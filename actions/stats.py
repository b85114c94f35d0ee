"""De-identified counts for the county report (bot/aggregates): month, county, kind, category.

A conversation is counted once, the first time it asks for something (a slot
remembers that, so no identifier is ever needed in the aggregate table).
"""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from bot.aggregates import record
from bot.db import session_scope


def count(tracker: Tracker, kind: str, category: str, county: str | None) -> list[EventType]:
    """Record one event; also the conversation itself if not counted yet. Returns slot events."""
    first = not tracker.get_slot("counted")
    with session_scope() as session:
        if first:
            record(session, "conversation", tracker.get_latest_input_channel() or "unknown", county)
        record(session, kind, category, county)
    return [SlotSet("counted", True)] if first else []
