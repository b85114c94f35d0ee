"""Imports every table module so Alembic and tests see the complete schema."""
from bot.directory import models as directory_models  # noqa: F401
from bot import contacts, delivery_stats, handoff, meta  # noqa: F401
from bot.db import Base

__all__ = ["Base"]
