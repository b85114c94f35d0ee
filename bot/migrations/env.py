"""Alembic environment: Harbor's own tables only (Rasa manages its `events` table)."""
from __future__ import annotations

from alembic import context

import bot.models  # noqa: F401  (registers every table on Base.metadata)
from bot.db import Base, get_engine

config = context.config
target_metadata = Base.metadata


def _include(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name not in target_metadata.tables)


def run_migrations_online() -> None:
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          include_object=_include, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
