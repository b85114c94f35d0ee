"""The scale-out tests: select them with `pytest -m scaleout` (they take a few minutes)."""
from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "scaleout: PostgreSQL + Redis + two Rasa replicas (slow, a few minutes)")
