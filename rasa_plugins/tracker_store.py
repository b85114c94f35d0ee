"""Rasa's SQL tracker store on Harbor's own database URL, redacting every event before it is written.

endpoints.yml cannot read an unset environment variable, so this class reads
``HARBOR_DATABASE_URL`` with its embedded default: `rasa run` works from the project
root with no configuration, and production only sets the variable.

Why redact here (and not in each channel): every channel, the REST API and the
console write through this one class, so no path can store raw text by mistake;
NLU and the actions still see the raw message in memory during the turn (a phone
number typed in a crisis must not weaken the crisis check), and coarse places
(city, county, ZIP) survive redaction, so the directory keeps working.
"""
from __future__ import annotations

import itertools
import json
from typing import Any, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.settings import get_settings


# Attribute set on trackers this store loaded or saved: how many of their events are stored.
STORED_COUNT = "_harbor_stored_events"


def stored_form(data: dict[str, Any], redact_value: Any) -> dict[str, Any]:
    """Redact everything a person wrote (youth, staff, advocate); keep the bot's own templates,
    whose service phone numbers an advocate needs to read in the transcript."""
    own_template = data.get("event") == "bot" and not (data.get("metadata") or {}).get("advocate")
    return data if own_template else redact_value(data)


class HarborTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        url = host if host and "://" in host else get_settings().database_url
        if url.startswith("sqlite:///"):
            get_settings().var_dir.mkdir(parents=True, exist_ok=True)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        if url.startswith("sqlite:///"):  # pooled, WAL, synchronous=NORMAL: as Harbor's own engine
            from sqlalchemy.orm import sessionmaker

            from bot.db import sqlite_engine

            self.engine.dispose()
            self.engine = sqlite_engine(url)
            self.sessionmaker = sessionmaker(bind=self.engine)
        from bot.privacy import redact_text

        redact_text("warm up: call 608-555-0100")  # build the redactor at start-up, not mid-turn

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """As SQLTrackerStore.retrieve, remembering how many events are already stored.

        Why: Rasa's save() counts the stored events again with a sub-query (about 6% of the
        server's CPU per turn in the profile). Every turn and the console hold the
        conversation's lock from retrieve to save, so the count cannot change in between.
        """
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            setattr(tracker, STORED_COUNT, len(tracker.events))
        return tracker

    def _new_events(self, session: Any, tracker: DialogueStateTracker) -> list[Event]:
        stored = getattr(tracker, STORED_COUNT, None)
        if stored is None or stored > len(tracker.events):  # not from retrieve(): count as Rasa does
            return list(self._additional_events(session, tracker))
        return list(itertools.islice(tracker.events, stored, len(tracker.events)))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """As SQLTrackerStore.save, but each event's JSON is redacted (bot.privacy) first."""
        from bot.privacy import redact_value

        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._new_events(session, tracker):
                data = stored_form(event.as_dict(), redact_value)
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
        setattr(tracker, STORED_COUNT, len(tracker.events))
