"""Parse texts with the trained model in-process (the same pipeline the server runs)."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Iterable

from bot.settings import get_settings


def parse_all(texts: Iterable[str], model: Path | None = None) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed text at DEBUG; evaluations print figures, not messages.
    logging.getLogger("rasa").setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model or get_settings().model_path))

    async def run() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(run())
