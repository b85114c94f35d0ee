"""Reading a Wisconsin place out of the youth's latest message."""
from __future__ import annotations

from typing import Any

from bot.geo import Place, get_gazetteer

PLACE_ENTITIES = ("zip", "county", "city")


def place_from_message(latest_message: dict[str, Any], fuzzy: bool) -> Place | None:
    """Entities from the gazetteer ruler first, then the raw text (fuzzy only when asked)."""
    gazetteer = get_gazetteer()
    entities = latest_message.get("entities") or []
    for kind in PLACE_ENTITIES:
        for entity in entities:
            if entity.get("entity") == kind and entity.get("value"):
                text = str(entity["value"])
                place = gazetteer.resolve(f"{text} county" if kind == "county" and "county" not in text.lower() else text)
                if place:
                    return place
    return gazetteer.resolve(latest_message.get("text") or "", fuzzy=fuzzy)
