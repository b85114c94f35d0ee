"""Imports every table module so Alembic and tests see the complete schema."""
from bot.directory import models as directory_models  # noqa: F401
from bot import aggregates, confirmations, contacts, delivery_stats, handoff, meta, screening_records  # noqa: F401
from bot.advocates import models as advocate_models  # noqa: F401
from bot.db import Base

__all__ = ["Base"]
