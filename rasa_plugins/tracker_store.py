"""Rasa's SQL tracker store on Harbor's own database URL (SQLite by default, PostgreSQL in production).

endpoints.yml cannot read an unset environment variable, so this class reads
``HARBOR_DATABASE_URL`` with its embedded default: `rasa run` works from the project
root with no configuration, and production only sets the variable.
"""
from __future__ import annotations

from typing import Any, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from bot.settings import get_settings


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
